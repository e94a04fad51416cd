//! The query builder end to end: any filter it builds parses back (with the small parser below,
//! written from Codat's documented grammar, independently of the builder) into the tree it was
//! built from; nested models give dotted paths; and the query and order arrive encoded at a
//! loopback server, through Platform's list operations and a page stream.

use codat_client::models::companies::Company;
use codat_client::models::Decimal;
use codat_client::paging::PageOptions;
use codat_client::query::{fields, Filter, Query, QueryError, Queryable};
use codat_client::Codat;
use futures_util::TryStreamExt;
use proptest::prelude::*;
use rust_decimal_macros::dec;
use serde::Deserialize;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

// ---- a model of the test's own, as an outside crate would declare one --------------------------

codat_client::string_enum! {
    /// An invoice's state.
    pub enum Status {
        /// Not sent yet.
        Draft = "Draft",
        /// Settled.
        Paid = "Paid",
        /// Part paid.
        PartiallyPaid = "PartiallyPaid",
    }
}

/// A reference to a customer.
#[allow(dead_code)] // the tests name its fields through the query builder
#[derive(Debug, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRef {
    /// The customer's id.
    pub id: Option<String>,
    /// The customer's name.
    pub company_name: Option<String>,
}

/// An invoice.
#[allow(dead_code)] // the tests name its fields through the query builder
#[derive(Debug, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    /// Its number.
    pub invoice_number: Option<String>,
    /// What is left to pay: an exact amount, as the generated models have them.
    #[serde(with = "codat_client::decimal")]
    pub amount_due: Decimal,
    /// The total.
    #[serde(with = "codat_client::decimal")]
    pub total_amount: Decimal,
    /// Its state.
    pub status: Status,
    /// When it was issued.
    pub issue_date: codat_client::models::DateTime,
    /// Whether it was sent.
    #[serde(rename = "isSent")]
    pub sent: Option<bool>,
    /// Who it is for.
    pub customer_ref: Option<CustomerRef>,
    /// Its lines: arrays cannot be queried, so there is no `line_items()`.
    pub line_items: Option<Vec<String>>,
}

#[test]
fn nested_fields_and_renames_give_wire_paths() {
    let invoice = fields::<Invoice>();
    let filter = invoice.customer_ref().id().eq("61")
        & invoice.sent().eq(true)
        & invoice.status().ne(Status::Paid);
    assert_eq!(
        filter.to_query().unwrap().as_str(),
        "customerRef.id=61&&isSent=true&&status!=Paid"
    );
    assert_eq!(
        String::from(invoice.customer_ref().company_name().descending()),
        "-customerRef.companyName"
    );
    // An enum value the crate does not know is sent as given, and checked like any text.
    let unknown = invoice.status().eq(Status::Unrecognized("Void||x".into()));
    assert!(matches!(
        unknown.to_query(),
        Err(QueryError::StructuralValue { .. })
    ));
}

#[test]
fn amounts_compare_with_their_exact_digits() {
    let invoice = fields::<Invoice>();
    let filter = invoice.amount_due().gt(dec!(100.50))
        & invoice.total_amount().le(dec!(12345678901234567.89))
        & invoice.amount_due().ne(dec!(-0.10));
    assert_eq!(
        filter.to_query().unwrap().as_str(),
        "amountDue>100.50&&totalAmount<=12345678901234567.89&&amountDue!=-0.10"
    );
    // 28 significant digits, none lost.
    let exact = Decimal::from_str_exact("0.1000000000000000000000000001").unwrap();
    assert_eq!(
        invoice
            .total_amount()
            .eq(exact)
            .to_query()
            .unwrap()
            .as_str(),
        "totalAmount=0.1000000000000000000000000001"
    );
    // Integers still do for a whole amount.
    assert_eq!(
        invoice.amount_due().gt(0).to_query().unwrap().as_str(),
        "amountDue>0"
    );
}

// ---- the property: build, render, parse back ------------------------------------------------

/// The tree a filter is meant to be: what the test builds from and parses back into.
#[derive(Clone, Debug, PartialEq)]
enum Tree {
    Clause(String, &'static str, String),
    And(Vec<Tree>),
    Or(Vec<Tree>),
}

impl Tree {
    /// Nested groups of the same kind mean the same as one flat group.
    fn flattened(self) -> Tree {
        match self {
            Tree::Clause(..) => self,
            Tree::And(children) => Tree::And(flatten(children, true)),
            Tree::Or(children) => Tree::Or(flatten(children, false)),
        }
    }

    fn build(&self) -> Filter<Invoice> {
        let invoice = fields::<Invoice>();
        match self {
            Tree::Clause(field, op, value) => match (field.as_str(), *op) {
                ("invoiceNumber", "=") => invoice.invoice_number().eq(value.as_str()),
                ("invoiceNumber", "!=") => invoice.invoice_number().ne(value.as_str()),
                ("invoiceNumber", "~") => invoice.invoice_number().contains(value.as_str()),
                ("customerRef.companyName", "~") => invoice
                    .customer_ref()
                    .company_name()
                    .contains(value.as_str()),
                ("amountDue", op) => {
                    let n: i64 = value.parse().unwrap();
                    let f = invoice.amount_due();
                    match op {
                        "=" => f.eq(n),
                        "!=" => f.ne(n),
                        ">" => f.gt(n),
                        "<" => f.lt(n),
                        ">=" => f.ge(n),
                        _ => f.le(n),
                    }
                }
                ("issueDate", ">") => invoice.issue_date().gt(value.as_str()),
                ("issueDate", "<=") => invoice.issue_date().le(value.as_str()),
                ("status", "=") => invoice.status().eq(Status::from(value.as_str())),
                other => unreachable!("{other:?}"),
            },
            Tree::And(children) => children
                .iter()
                .map(Tree::build)
                .reduce(Filter::and)
                .unwrap(),
            Tree::Or(children) => children.iter().map(Tree::build).reduce(Filter::or).unwrap(),
        }
    }
}

fn flatten(children: Vec<Tree>, and: bool) -> Vec<Tree> {
    let mut out = Vec::new();
    for child in children.into_iter().map(Tree::flattened) {
        match (child, and) {
            (Tree::And(inner), true) | (Tree::Or(inner), false) => out.extend(inner),
            (child, _) => out.push(child),
        }
    }
    out
}

/// Codat's grammar, read strictly: `expr := term (op term)*` with one kind of `op` per group,
/// `term := "{" expr "}" | property op value`. Mixing `&&` and `||` without braces is refused,
/// so a builder that forgot a group fails here.
fn parse(text: &str) -> Result<Tree, String> {
    let (tree, rest) = parse_expr(text)?;
    if rest.is_empty() {
        Ok(tree)
    } else {
        Err(format!("left over: {rest:?}"))
    }
}

fn parse_expr(text: &str) -> Result<(Tree, &str), String> {
    let (first, mut rest) = parse_term(text)?;
    let mut children = vec![first];
    let mut joiner: Option<&str> = None;
    while let Some(op) = ["&&", "||"].into_iter().find(|op| rest.starts_with(op)) {
        if joiner.is_some_and(|j| j != op) {
            return Err(format!("`&&` and `||` mixed without braces at {rest:?}"));
        }
        joiner = Some(op);
        let (next, after) = parse_term(&rest[2..])?;
        children.push(next);
        rest = after;
    }
    let tree = match joiner {
        None => children.pop().unwrap(),
        Some("&&") => Tree::And(children),
        Some(_) => Tree::Or(children),
    };
    Ok((tree, rest))
}

fn parse_term(text: &str) -> Result<(Tree, &str), String> {
    if let Some(inner) = text.strip_prefix('{') {
        let (tree, rest) = parse_expr(inner)?;
        let rest = rest.strip_prefix('}').ok_or("unclosed `{`")?;
        return Ok((tree, rest));
    }
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .ok_or("no operator")?;
    let (name, rest) = text.split_at(name_end);
    let op = ["!=", ">=", "<=", "=", "~", ">", "<"]
        .into_iter()
        .find(|op| rest.starts_with(op))
        .ok_or_else(|| format!("no operator at {rest:?}"))?;
    let rest = &rest[op.len()..];
    let end = ["&&", "||", "}"]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    Ok((
        Tree::Clause(name.to_owned(), op, rest[..end].to_owned()),
        &rest[end..],
    ))
}

fn clause() -> impl Strategy<Value = Tree> {
    // Text values: letters, digits, spaces and the lone `&`, `|`, `=`, `<` a value may hold.
    let text = "[A-Za-z0-9 &|=<>~!-]{1,12}".prop_filter("no structure", |v: &String| {
        !v.contains("&&")
            && !v.contains("||")
            && !v.starts_with(['=', '<', '>', '~', '!'])
            && !v.ends_with(['&', '|'])
            && !v.trim().is_empty()
    });
    prop_oneof![
        (prop_oneof![Just("="), Just("!="), Just("~")], text.clone())
            .prop_map(|(op, v)| Tree::Clause("invoiceNumber".into(), op, v)),
        text.prop_map(|v| Tree::Clause("customerRef.companyName".into(), "~", v)),
        (
            prop_oneof![
                Just("="),
                Just("!="),
                Just(">"),
                Just("<"),
                Just(">="),
                Just("<=")
            ],
            -1_000_000i64..1_000_000
        )
            .prop_map(|(op, n)| Tree::Clause("amountDue".into(), op, n.to_string())),
        (
            prop_oneof![Just(">"), Just("<=")],
            (2000u32..2100, 1u32..13, 1u32..29)
        )
            .prop_map(|(op, (y, m, d))| Tree::Clause(
                "issueDate".into(),
                op,
                format!("{y}-{m:02}-{d:02}")
            )),
        prop_oneof![Just("Draft"), Just("Paid"), Just("PartiallyPaid")].prop_map(|v| Tree::Clause(
            "status".into(),
            "=",
            v.into()
        )),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    clause().prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Tree::And),
            prop::collection::vec(inner, 2..4).prop_map(Tree::Or),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn built_queries_parse_back_into_their_tree(tree in tree()) {
        let query = tree.build().to_query().unwrap();
        let parsed = parse(query.as_str()).map_err(|e| TestCaseError::fail(format!("{query}: {e}")))?;
        prop_assert_eq!(parsed, tree.clone().flattened(), "{}", query);
        // And Codat's checker of hand-written queries takes what the builder makes.
        prop_assert_eq!(Query::raw(query.as_str()).unwrap(), query);
    }

    #[test]
    fn any_structural_value_is_refused(
        prefix in "[a-z]{0,5}",
        bad in prop_oneof![Just("&&"), Just("||"), Just("{"), Just("}")],
        suffix in "[a-z]{0,5}",
        clean in "[a-z]{1,5}",
    ) {
        let invoice = fields::<Invoice>();
        let value = format!("{prefix}{bad}{suffix}");
        let filter = invoice.amount_due().gt(0) | (invoice.invoice_number().eq(clean) & invoice.invoice_number().ne(value.clone()));
        let refused = matches!(
            filter.to_query(),
            Err(QueryError::StructuralValue { value: v, .. }) if v == value
        );
        prop_assert!(refused);
    }

    #[test]
    fn values_that_would_merge_with_syntax_are_refused(
        middle in "[a-z &|]{0,6}",
        lead in prop_oneof![Just("="), Just("<"), Just(">"), Just("~"), Just("!"), Just("")],
        trail in prop_oneof![Just("&"), Just("|"), Just("")],
    ) {
        prop_assume!(!(lead.is_empty() && trail.is_empty()));
        let value = format!("{lead}{middle}{trail}");
        let invoice = fields::<Invoice>();
        for filter in [
            invoice.invoice_number().eq(value.as_str()) | invoice.amount_due().gt(1),
            invoice.customer_ref().company_name().contains(value.as_str()),
        ] {
            let refused = matches!(filter.to_query(), Err(QueryError::StructuralValue { .. }));
            prop_assert!(refused, "{:?}", value);
        }
    }

    #[test]
    fn raw_never_panics_and_accepts_only_what_parses(text in "[a-z{}&|=<>!~ 0-9.]{0,40}") {
        if let Ok(query) = Query::raw(text.as_str()) {
            // Whatever the runtime's checker accepts has a property, an operator and a value
            // in every clause and balanced braces.
            prop_assert_eq!(query.as_str(), text.as_str());
            prop_assert_eq!(text.matches('{').count(), text.matches('}').count());
        }
    }
}

// ---- over loopback ----------------------------------------------------------------------------

fn client(server: &MockServer) -> Codat {
    Codat::builder()
        .api_key("query-test-key")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn company_page(count: usize, page: i64, total: usize) -> serde_json::Value {
    let results: Vec<_> = (0..count)
        .map(|i| serde_json::json!({"id": format!("c-{page}-{i}"), "name": "Bakery", "redirect": "https://link"}))
        .collect();
    serde_json::json!({"results": results, "pageNumber": page, "pageSize": 2, "totalResults": total})
}

#[tokio::test]
async fn the_built_query_and_order_arrive_encoded() {
    let company = fields::<Company>();
    let query = (company.name().contains("Bakery & Sons")
        & (company.created().ge("2024-01-01") | company.last_sync().lt("2023-06-30T00:00:00Z")))
    .to_query()
    .unwrap();
    let order = company.created().descending();
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path("/companies"))
        .and(query_param(
            "query",
            "name~Bakery & Sons&&{created>=2024-01-01||lastSync<2023-06-30T00:00:00Z}",
        ))
        .and(query_param("orderBy", "-created"))
        .respond_with(ResponseTemplate::new(200).set_body_json(company_page(1, 1, 1)))
        .mount(&server)
        .await;
    let codat = client(&server);
    let page = codat
        .companies()
        .list(
            codat_client::paging::PageParams::new()
                .query(query.as_str())
                .order_by(order.as_str()),
            codat_client::models::companies::ListCompaniesParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(page.results.len(), 1);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some("query=name~Bakery%20%26%20Sons%26%26%7Bcreated%3E%3D2024-01-01%7C%7ClastSync%3C2023-06-30T00%3A00%3A00Z%7D&orderBy=-created")
    );

    // An amount's digits arrive as written.
    let amount = fields::<Invoice>()
        .amount_due()
        .gt(dec!(100.50))
        .to_query()
        .unwrap();
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path("/companies"))
        .and(query_param("query", "amountDue>100.50"))
        .respond_with(ResponseTemplate::new(200).set_body_json(company_page(1, 1, 1)))
        .mount(&server)
        .await;
    client(&server)
        .companies()
        .list(
            codat_client::paging::PageParams::new().query(amount.as_str()),
            codat_client::models::companies::ListCompaniesParams::new(),
        )
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("query=amountDue%3E100.50"));

    // A page stream takes the same query and order, on every page.
    let server = MockServer::builder().start().await;
    for page in 1..=3 {
        Mock::given(method("GET"))
            .and(path("/companies"))
            .and(query_param("page", page.to_string()))
            .and(query_param("pageSize", "2"))
            .and(query_param("query", query.as_str()))
            .and(query_param("orderBy", "-created"))
            .respond_with(ResponseTemplate::new(200).set_body_json(company_page(
                if page < 3 { 2 } else { 1 },
                page,
                5,
            )))
            .mount(&server)
            .await;
    }
    let options = PageOptions::new()
        .page_size(2)
        .query(query.clone())
        .order_by(company.created().descending());
    let streamed: Vec<Company> = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        client(&server).companies().list_all(options).try_collect(),
    )
    .await
    .expect("the stream ends within 20 s")
    .unwrap();
    assert_eq!(streamed.len(), 5);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
