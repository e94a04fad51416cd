//! A local stand-in for Codat's Lending API, on loopback, for the `lending_report` example and
//! its test.
//!
//! It answers three things a lender reads: the company's invoices (seven of them, paged as
//! asked and filtered by simple `query` clauses such as `amountDue>0`), the latest credit-model
//! financial summary, and the latest categorized bank statement as an Excel workbook; any other
//! report than `latest` is not found. It is a mock: nothing it answers comes from Codat.

use codat_test::{Call, Reply};
use serde_json::{json, Value};

use codat_mock::Running;

/// The file name the mock gives the categorized bank statement workbook.
pub(crate) const WORKBOOK_NAME: &str = "categorized-bank-statement.xlsx";

/// The workbook's bytes: a ZIP header, as an `.xlsx` starts, and filler of a known length.
pub(crate) fn workbook() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0..100_000u32).map(|i| (i % 251) as u8));
    bytes
}

/// The company's invoices: number, customer, total, amount still due, status.
const INVOICES: [(&str, &str, f64, f64, &str); 7] = [
    ("INV-1001", "Jensen Steuber", 1772.72, 0.0, "Paid"),
    ("INV-1002", "Acme Fabrication", 980.00, 980.00, "Submitted"),
    (
        "INV-1003",
        "Harbour Lights Ltd",
        2400.50,
        1200.25,
        "PartiallyPaid",
    ),
    ("INV-1004", "Jensen Steuber", 150.00, 0.0, "Paid"),
    (
        "INV-1005",
        "Northwind Traders",
        5120.00,
        5120.00,
        "Submitted",
    ),
    ("INV-1006", "Acme Fabrication", 310.40, 310.40, "Submitted"),
    ("INV-1007", "Harbour Lights Ltd", 75.99, 0.0, "Void"),
];

fn invoice(index: usize) -> Value {
    let (number, customer, total, due, status) = INVOICES[index];
    json!({
        "id": format!("mock-invoice-{}", index + 1),
        "invoiceNumber": number,
        "customerRef": {"id": format!("mock-customer-{}", customer.len()), "companyName": customer},
        "issueDate": format!("2025-0{}-01T00:00:00", index % 9 + 1),
        "dueDate": format!("2025-0{}-28T00:00:00", index % 9 + 1),
        "currency": "GBP",
        "currencyRate": 1,
        "lineItems": [],
        "subTotal": total,
        "totalTaxAmount": 0,
        "totalAmount": total,
        "amountDue": due,
        "status": status,
        "modifiedDate": "2025-06-01T09:00:00Z",
        "sourceModifiedDate": "2025-06-01T08:59:00Z"
    })
}

/// One `property<op>value` clause of Codat's query language, as far as the mock needs it.
fn clause_holds(item: &Value, clause: &str) -> Option<bool> {
    let (at, op) = ["!=", ">=", "<=", ">", "<", "=", "~"]
        .iter()
        .find_map(|op| clause.find(op).map(|at| (at, *op)))?;
    let (field, wanted) = (clause[..at].trim(), clause[at + op.len()..].trim());
    let value = field.split('.').fold(item, |v, key| &v[key]);
    if let (Some(have), Ok(want)) = (value.as_f64(), wanted.parse::<f64>()) {
        return Some(match op {
            "!=" => have != want,
            ">=" => have >= want,
            "<=" => have <= want,
            ">" => have > want,
            "<" => have < want,
            "=" => have == want,
            _ => return None,
        });
    }
    let have = value.as_str()?;
    Some(match op {
        "=" => have.eq_ignore_ascii_case(wanted),
        "!=" => !have.eq_ignore_ascii_case(wanted),
        "~" => have.to_lowercase().contains(&wanted.to_lowercase()),
        _ => return None,
    })
}

/// Whether `item` matches `query`: clauses joined by `&&` only; `None` when the mock cannot
/// read it.
fn matches(item: &Value, query: &str) -> Option<bool> {
    query
        .split("&&")
        .map(|clause| clause_holds(item, clause))
        .try_fold(true, |all, one| Some(all && one?))
}

/// A page of invoices as the request asks, or Codat's 400.
pub(crate) fn invoices_page(call: &Call) -> Reply {
    let number =
        |name: &str, default: usize| call.query(name).map_or(Some(default), |v| v.parse().ok());
    let (Some(page), Some(size)) = (number("page", 1), number("pageSize", 100)) else {
        return Reply::error(400, "page and pageSize are whole numbers");
    };
    if page == 0 || size == 0 || size > 5000 {
        return Reply::error(400, "page starts at 1; pageSize is 1 to 5000");
    }
    let all: Vec<Value> = (0..INVOICES.len()).map(invoice).collect();
    let selected: Vec<Value> = match call.query("query") {
        None => all,
        Some(query) => {
            let mut kept = Vec::new();
            for item in all {
                match matches(&item, query) {
                    Some(true) => kept.push(item),
                    Some(false) => {}
                    None => {
                        return Reply::error(
                            400,
                            &format!(
                            "the mock reads clauses like amountDue>0 joined by &&, not {query:?}"
                        ),
                        )
                    }
                }
            }
            kept
        }
    };
    let total = selected.len();
    let results: Vec<Value> = selected
        .into_iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    let base = call.path();
    let mut links = json!({
        "self": {"href": base},
        "current": {"href": format!("{base}?page={page}&pageSize={size}")},
    });
    if page * size < total {
        links["next"] = json!({"href": format!("{base}?page={}&pageSize={size}", page + 1)});
    }
    if page > 1 {
        links["previous"] = json!({"href": format!("{base}?page={}&pageSize={size}", page - 1)});
    }
    Reply::ok(&json!({
        "results": results,
        "pageNumber": page,
        "pageSize": size,
        "totalResults": total,
        "_links": links,
    }))
}

/// A running mock of Lending; stops when dropped.
#[derive(Debug)]
pub(crate) struct MockLending(Running);

impl std::ops::Deref for MockLending {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

/// Codat's 404 for a report other than the latest, the only one the mock has.
fn unless_latest(call: &Call) -> Option<Reply> {
    let report = call.path_value("report_id").unwrap_or_default();
    (report != "latest").then(|| Reply::error(404, &format!("the mock has no report {report}")))
}

impl MockLending {
    /// Starts the mock on a free port of 127.0.0.1.
    pub(crate) async fn start() -> MockLending {
        let running = Running::start().await;
        running
            .on("list-accounting-invoices")
            .reply_with(invoices_page);
        running.on("get-financial-summary").reply_with(|call: &Call| {
            unless_latest(call).unwrap_or_else(|| {
                Reply::ok(&json!({
                    "booksClosedDate": {
                        "date": "2025-05-31T00:00:00Z",
                        "reason": ["Every account has entries up to the end of May 2025"]
                    },
                    "accountingScore": {
                        "score": 87,
                        "reason": ["Negative accounts receivable on the balance sheet in March 2025"]
                    }
                }))
            })
        });
        let workbook = Reply::raw(
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            workbook(),
        )
        .header(
            "content-disposition",
            &format!("attachment; filename=\"{WORKBOOK_NAME}\""),
        );
        running
            .on("download-categorized-bank-statement-excel")
            .reply_with(move |call: &Call| unless_latest(call).unwrap_or_else(|| workbook.clone()));
        MockLending(running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_filter_like_codat() {
        let item = invoice(2);
        assert_eq!(matches(&item, "amountDue>0"), Some(true));
        assert_eq!(matches(&item, "amountDue>0&&totalAmount<1000"), Some(false));
        assert_eq!(matches(&item, "status!=Paid"), Some(true));
        assert_eq!(
            matches(&item, "customerRef.companyName~harbour"),
            Some(true)
        );
        assert_eq!(matches(&item, "status>Paid"), None);
        assert_eq!(matches(&item, "nothing here"), None);
    }
}
