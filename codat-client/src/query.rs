//! Codat's query language, typed: filters and orders built from a model's fields, so that a
//! misspelt field, an operator its kind does not allow or a clause on an array does not
//! compile.
//!
//! A clause is `property<op>value`; clauses join with `&&` and `||` and group with `{` `}`;
//! sub-properties are reached with dots. Numbers and dates take `=`, `!=`, `>`, `<`, `>=` and
//! `<=`; strings `=`, `!=` and `~` (contains); booleans and enums `=` and `!=`. Arrays and
//! nulls cannot be queried. The whole query stays under 2048 characters.
//!
//! Models that can be queried implement [`Queryable`] (`#[derive(Queryable)]`), which gives
//! their fields as typed descriptors:
//!
//! ```
//! use codat_client::models::companies::Company;
//! use codat_client::query::{fields, Query};
//!
//! let company = fields::<Company>();
//! let filter = company.name().contains("Bakery")
//!     & (company.created().ge("2024-01-01") | company.description().eq("early access"));
//! let query: Query = filter.to_query().unwrap();
//! assert_eq!(
//!     query.as_str(),
//!     "name~Bakery&&{created>=2024-01-01||description=early access}"
//! );
//! let order = company.created().descending();
//! assert_eq!(String::from(order), "-created");
//! ```
//!
//! A [`Query`] is validated text: pass it wherever a `query` string goes (`PageParams::query`,
//! `PageOptions::query`, `Some(query.as_str())`). [`Query::raw`] checks a hand-written query the
//! same way. Values that would change a query's structure (`&&`, `||`, `{`, `}`) are refused,
//! not escaped: Codat documents no escaping.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitOr, Deref};

pub use codat_macros::Queryable;

use crate::decimal::Decimal;
use crate::wire::DateTime;

/// Codat's limit on the length of a query, in characters.
pub const MAX_QUERY_LEN: usize = 2048;

/// The pieces of Codat's syntax that a value may not contain.
const STRUCTURAL: [&str; 4] = ["&&", "||", "{", "}"];

/// Why a query was refused before sending.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// A value Codat would read as structure: it holds `&&`, `||`, `{` or `}`, starts with an
    /// operator character or ends with `&` or `|`.
    #[error("the value {value:?} for `{field}` has {found}, which Codat would read as query syntax (it cannot be escaped)")]
    StructuralValue {
        /// The field the value was for.
        field: String,
        /// The value as given.
        value: String,
        /// What in it is syntax, e.g. "`&&`" or "a leading `=`".
        found: &'static str,
    },
    /// An empty or blank value: a clause needs one (and nulls cannot be queried).
    #[error("`{field}` is compared with an empty value; a clause needs one")]
    EmptyValue {
        /// The field the value was for.
        field: String,
    },
    /// A number that is not finite.
    #[error("`{field}` cannot be compared with {value}")]
    NotFinite {
        /// The field the value was for.
        field: String,
        /// The value, as Rust prints it.
        value: String,
    },
    /// A date value that is not `YYYY-MM-DD`, optionally with a time and zone.
    #[error("`{field}`: {value:?} is not a date (YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and Z or ±HH:MM)")]
    BadDate {
        /// The field the value was for.
        field: String,
        /// The value as given.
        value: String,
    },
    /// The query has `len` characters; Codat takes fewer than [`MAX_QUERY_LEN`].
    #[error("the query has {len} characters; Codat takes fewer than 2048")]
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// A hand-written query that does not parse.
    #[error("query {query:?} is not valid at character {at}: {reason}")]
    Syntax {
        /// The query as given.
        query: String,
        /// Where the problem is, in characters from the start.
        at: usize,
        /// What is wrong there.
        reason: &'static str,
    },
}

// ---- the output -----------------------------------------------------------------------------

/// A validated query, ready to send as the `query` parameter (the runtime encodes it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Query(String);

impl Query {
    /// Checks a hand-written query: clauses `property<op>value` with a known operator, joined
    /// by `&&` or `||`, grouped by balanced `{` `}`, under 2048 characters.
    ///
    /// ```
    /// use codat_client::query::Query;
    ///
    /// assert!(Query::raw("{totalAmount>100||totalAmount<50}&&status!=Paid").is_ok());
    /// assert!(Query::raw("amountDue>0&&").is_err());
    /// assert!(Query::raw("{status=Paid").is_err());
    /// ```
    pub fn raw(query: impl Into<String>) -> Result<Query, QueryError> {
        let query = query.into();
        check_length(&query)?;
        RawChecker::new(&query).check()?;
        Ok(Query(query))
    }

    /// The query's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_length(query: &str) -> Result<(), QueryError> {
    let len = query.chars().count();
    if len >= MAX_QUERY_LEN {
        return Err(QueryError::TooLong { len });
    }
    Ok(())
}

impl Deref for Query {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Query {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Query> for String {
    fn from(query: Query) -> String {
        query.0
    }
}

impl crate::QueryValue for Query {
    fn append_to(&self, query: &mut crate::Query<'_>) {
        query.push(&self.0);
    }
}

impl<M> TryFrom<Filter<M>> for Query {
    type Error = QueryError;
    fn try_from(filter: Filter<M>) -> Result<Query, QueryError> {
        filter.to_query()
    }
}

// ---- checking a hand-written query ---------------------------------------------------------

/// A small recursive-descent check of `expr := term (("&&"|"||") term)*`,
/// `term := "{" expr "}" | clause`.
struct RawChecker<'q> {
    query: &'q str,
    at: usize,
}

/// Comparison operators, longest first so that `>=` is not read as `>`.
const OPERATORS: [&str; 7] = ["!=", ">=", "<=", "=", "~", ">", "<"];

impl<'q> RawChecker<'q> {
    fn new(query: &'q str) -> Self {
        RawChecker { query, at: 0 }
    }

    fn fail(&self, reason: &'static str) -> QueryError {
        QueryError::Syntax {
            query: self.query.to_owned(),
            at: self.query[..self.at].chars().count(),
            reason,
        }
    }

    fn rest(&self) -> &'q str {
        &self.query[self.at..]
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches(' ').len();
    }

    fn check(mut self) -> Result<(), QueryError> {
        if self.query.trim().is_empty() {
            return Err(self.fail("the query is empty"));
        }
        self.expr(0)?;
        self.skip_spaces();
        match self.rest().chars().next() {
            None => Ok(()),
            Some('}') => Err(self.fail("`}` closes nothing")),
            Some(_) => Err(self.fail("expected `&&` or `||`")),
        }
    }

    fn expr(&mut self, depth: usize) -> Result<(), QueryError> {
        if depth > 32 {
            return Err(self.fail("groups nest more than 32 deep"));
        }
        loop {
            self.term(depth)?;
            self.skip_spaces();
            let rest = self.rest();
            if rest.starts_with("&&") || rest.starts_with("||") {
                self.at += 2;
            } else {
                return Ok(());
            }
        }
    }

    fn term(&mut self, depth: usize) -> Result<(), QueryError> {
        self.skip_spaces();
        if self.rest().starts_with('{') {
            self.at += 1;
            self.expr(depth + 1)?;
            self.skip_spaces();
            if !self.rest().starts_with('}') {
                return Err(self.fail("`{` is not closed"));
            }
            self.at += 1;
            return Ok(());
        }
        self.clause()
    }

    fn clause(&mut self) -> Result<(), QueryError> {
        let rest = self.rest();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if name.is_empty() {
            return Err(self.fail("expected a property name"));
        }
        if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
            return Err(self.fail("a property path has an empty part"));
        }
        self.at += name_len;
        self.skip_spaces();
        let Some(op) = OPERATORS.iter().find(|op| self.rest().starts_with(**op)) else {
            return Err(self.fail("expected an operator: = != ~ > < >= <="));
        };
        self.at += op.len();
        // The value runs to the next `&&`, `||` or `}` (or the end).
        let rest = self.rest();
        let end = ["&&", "||", "}"]
            .iter()
            .filter_map(|stop| rest.find(stop))
            .min()
            .unwrap_or(rest.len());
        if rest[..end].contains('{') {
            self.at += rest[..end].find('{').unwrap_or(0);
            return Err(self.fail("`{` inside a value"));
        }
        if rest[..end].trim().is_empty() {
            return Err(self.fail("a clause has no value"));
        }
        self.at += end;
        Ok(())
    }
}

// ---- filters --------------------------------------------------------------------------------

/// One node of a filter's tree.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// `property<op>value`, already rendered.
    Clause(String),
    /// Every child holds.
    And(Vec<Node>),
    /// At least one child holds.
    Or(Vec<Node>),
}

impl Node {
    /// Joins `self` and `other` under `make`, flattening children of the same kind.
    fn join(self, other: Node, is_and: bool) -> Node {
        let mut children = Vec::new();
        for node in [self, other] {
            match (node, is_and) {
                (Node::And(inner), true) | (Node::Or(inner), false) => children.extend(inner),
                (node, _) => children.push(node),
            }
        }
        if is_and {
            Node::And(children)
        } else {
            Node::Or(children)
        }
    }

    fn render(&self, out: &mut String, braced: bool) {
        match self {
            Node::Clause(text) => out.push_str(text),
            Node::And(children) | Node::Or(children) => {
                let joiner = if matches!(self, Node::And(_)) {
                    "&&"
                } else {
                    "||"
                };
                if braced {
                    out.push('{');
                }
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        out.push_str(joiner);
                    }
                    // A compound child of a compound is always grouped: Codat documents no
                    // precedence between `&&` and `||`.
                    child.render(out, !matches!(child, Node::Clause(_)));
                }
                if braced {
                    out.push('}');
                }
            }
        }
    }
}

/// A filter over the model `M`: clauses made by its fields, combined with `&` (and) and `|`
/// (or); each combination is grouped as written. Turn it into a [`Query`] with
/// [`to_query`](Filter::to_query), which refuses what cannot be sent.
pub struct Filter<M> {
    node: Result<Node, QueryError>,
    model: PhantomData<fn() -> M>,
}

impl<M> Filter<M> {
    fn new(node: Result<Node, QueryError>) -> Self {
        Filter {
            node,
            model: PhantomData,
        }
    }

    /// Both this and `other` hold (`&&`).
    pub fn and(self, other: Filter<M>) -> Filter<M> {
        self.join(other, true)
    }

    /// This or `other` holds (`||`).
    pub fn or(self, other: Filter<M>) -> Filter<M> {
        self.join(other, false)
    }

    fn join(self, other: Filter<M>, is_and: bool) -> Filter<M> {
        Filter::new(match (self.node, other.node) {
            (Ok(a), Ok(b)) => Ok(a.join(b, is_and)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        })
    }

    /// Every filter of `filters` holds; `None` when there are none.
    pub fn all(filters: impl IntoIterator<Item = Filter<M>>) -> Option<Filter<M>> {
        filters.into_iter().reduce(Filter::and)
    }

    /// At least one filter of `filters` holds; `None` when there are none.
    pub fn any(filters: impl IntoIterator<Item = Filter<M>>) -> Option<Filter<M>> {
        filters.into_iter().reduce(Filter::or)
    }

    /// The query text, or why it cannot be sent (a refused value, or 2048 characters or more).
    pub fn to_query(&self) -> Result<Query, QueryError> {
        let node = self.node.as_ref().map_err(Clone::clone)?;
        let mut out = String::new();
        node.render(&mut out, false);
        check_length(&out)?;
        Ok(Query(out))
    }
}

impl<M> Clone for Filter<M> {
    fn clone(&self) -> Self {
        Filter::new(self.node.clone())
    }
}

impl<M> fmt::Debug for Filter<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_query() {
            Ok(query) => write!(f, "Filter({:?})", query.as_str()),
            Err(error) => write!(f, "Filter(refused: {error})"),
        }
    }
}

impl<M> BitAnd for Filter<M> {
    type Output = Filter<M>;
    fn bitand(self, other: Filter<M>) -> Filter<M> {
        self.and(other)
    }
}

impl<M> BitOr for Filter<M> {
    type Output = Filter<M>;
    fn bitor(self, other: Filter<M>) -> Filter<M> {
        self.or(other)
    }
}

// ---- orders ---------------------------------------------------------------------------------

/// An order for a list of `M`: a field, ascending or descending. Pass it wherever an
/// `orderBy` string goes (it converts into `String`).
pub struct OrderBy<M> {
    text: String,
    model: PhantomData<fn() -> M>,
}

impl<M> OrderBy<M> {
    /// The `orderBy` value: the property, with `-` in front when descending.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<M> Clone for OrderBy<M> {
    fn clone(&self) -> Self {
        OrderBy {
            text: self.text.clone(),
            model: PhantomData,
        }
    }
}

impl<M> fmt::Debug for OrderBy<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrderBy({:?})", self.text)
    }
}

impl<M> fmt::Display for OrderBy<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<M> From<OrderBy<M>> for String {
    fn from(order: OrderBy<M>) -> String {
        order.text
    }
}

impl<M> crate::QueryValue for OrderBy<M> {
    fn append_to(&self, query: &mut crate::Query<'_>) {
        query.push(&self.text);
    }
}

// ---- fields ---------------------------------------------------------------------------------

/// A model whose fields can be queried; `#[derive(Queryable)]` implements it.
pub trait Queryable: Sized {
    /// The descriptors of its fields, with `M` the model the query is over.
    type Fields<M>;

    /// Its fields under `path` (the dotted wire path of the property holding it, empty at the
    /// top).
    fn fields_at<M>(path: FieldPath) -> Self::Fields<M>;
}

/// The fields of the model `M`, to build a [`Filter`] or [`OrderBy`] over it.
pub fn fields<M: Queryable>() -> M::Fields<M> {
    M::fields_at(FieldPath(String::new()))
}

/// What a field of a given Rust type can be queried as; `#[derive(Queryable)]` uses it for
/// each field's descriptor. Implemented for strings, numbers, booleans, [`DateTime`], Codat's
/// string enums and every `Queryable` model (as a nested object).
pub trait Field {
    /// The descriptor of a field of this type in a query over `M`.
    type Of<M>;

    /// The descriptor at `path`.
    fn at<M>(path: FieldPath) -> Self::Of<M>;
}

/// The dotted wire path of a field, e.g. `customerRef.id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath(String);

impl FieldPath {
    /// The path of the property `name` under this one.
    pub fn child(&self, name: &str) -> FieldPath {
        if self.0.is_empty() {
            FieldPath(name.to_owned())
        } else {
            FieldPath(format!("{}.{name}", self.0))
        }
    }

    /// The path, dotted.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn clause<M>(path: &FieldPath, op: &str, value: Result<String, QueryError>) -> Filter<M> {
    Filter::new(value.map(|value| Node::Clause(format!("{}{op}{value}", path.0))))
}

/// Refuses text Codat would read as structure: a joiner or brace anywhere, an operator
/// character at the start (after `>`, a value `=5` would make `>=5`), or an `&` or `|` at the
/// end (before a joiner, `a|` would make `a|||`).
fn text_value(path: &FieldPath, value: String) -> Result<String, QueryError> {
    if value.trim().is_empty() {
        return Err(QueryError::EmptyValue {
            field: path.0.clone(),
        });
    }
    let found = STRUCTURAL
        .iter()
        .find(|s| value.contains(**s))
        .map(|s| match *s {
            "&&" => "`&&`",
            "||" => "`||`",
            "{" => "`{`",
            _ => "`}`",
        })
        .or_else(|| match value.chars().next() {
            Some('=') => Some("a leading `=`"),
            Some('<') => Some("a leading `<`"),
            Some('>') => Some("a leading `>`"),
            Some('~') => Some("a leading `~`"),
            Some('!') => Some("a leading `!`"),
            _ => None,
        })
        .or_else(|| match value.chars().last() {
            Some('&') => Some("a trailing `&`"),
            Some('|') => Some("a trailing `|`"),
            _ => None,
        });
    match found {
        Some(found) => Err(QueryError::StructuralValue {
            field: path.0.clone(),
            value,
            found,
        }),
        None => Ok(value),
    }
}

/// Orders by any field that can be queried.
macro_rules! orderable {
    ($name:ident $(, $extra:ident)?) => {
        impl<M $(, $extra)?> $name<M $(, $extra)?> {
            /// Smallest (or earliest, or first) first.
            pub fn ascending(&self) -> OrderBy<M> {
                OrderBy { text: self.path.0.clone(), model: PhantomData }
            }

            /// Largest (or latest, or last) first.
            pub fn descending(&self) -> OrderBy<M> {
                OrderBy { text: format!("-{}", self.path.0), model: PhantomData }
            }

            /// The field's dotted wire path.
            pub fn path(&self) -> &str {
                &self.path.0
            }
        }

        impl<M $(, $extra)?> fmt::Debug for $name<M $(, $extra)?> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.path.0)
            }
        }
    };
}

/// A text field: `=`, `!=` and `~` (contains).
pub struct StringField<M> {
    path: FieldPath,
    model: PhantomData<fn() -> M>,
}

impl<M> StringField<M> {
    /// Equal to `value`.
    pub fn eq(&self, value: impl Into<String>) -> Filter<M> {
        clause(&self.path, "=", text_value(&self.path, value.into()))
    }

    /// Not equal to `value`.
    pub fn ne(&self, value: impl Into<String>) -> Filter<M> {
        clause(&self.path, "!=", text_value(&self.path, value.into()))
    }

    /// Contains `value`.
    pub fn contains(&self, value: impl Into<String>) -> Filter<M> {
        clause(&self.path, "~", text_value(&self.path, value.into()))
    }
}
orderable!(StringField);

/// A number a query can compare with: integers as written, [`Decimal`]s with their exact
/// digits, finite floats.
pub trait NumberValue {
    /// The number's text, or `None` when it is not finite.
    fn number_text(&self) -> Option<String>;
}

macro_rules! integer_values {
    ($($ty:ty),*) => {$(
        impl NumberValue for $ty {
            fn number_text(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
integer_values!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl NumberValue for f64 {
    fn number_text(&self) -> Option<String> {
        // Rust prints finite floats without an exponent: `1e21` as `1000000000000000000000`.
        self.is_finite().then(|| self.to_string())
    }
}

impl NumberValue for f32 {
    fn number_text(&self) -> Option<String> {
        self.is_finite().then(|| self.to_string())
    }
}

/// An exact amount, by its digits and scale: `dec!(100.50)` is `100.50`.
impl NumberValue for Decimal {
    fn number_text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

/// A number field: `=`, `!=`, `>`, `<`, `>=`, `<=`. Codat's amounts (a model's [`Decimal`]
/// fields) are number fields too; give them a `Decimal` to compare with its exact digits:
///
/// ```
/// use codat_client::models::Decimal;
/// use codat_client::query::{fields, Queryable};
/// use rust_decimal_macros::dec;
///
/// #[derive(serde::Deserialize, Queryable)]
/// #[serde(rename_all = "camelCase")]
/// pub struct Invoice {
///     #[serde(with = "codat_client::decimal")]
///     pub amount_due: Decimal,
/// }
///
/// let filter = fields::<Invoice>().amount_due().gt(dec!(100.50));
/// assert_eq!(filter.to_query().unwrap().as_str(), "amountDue>100.50");
/// ```
pub struct NumberField<M> {
    path: FieldPath,
    model: PhantomData<fn() -> M>,
}

macro_rules! comparisons {
    ($name:ident, $value:ty, $convert:ident) => {
        impl<M> $name<M> {
            /// Equal to `value`.
            pub fn eq(&self, value: $value) -> Filter<M> {
                clause(&self.path, "=", $convert(&self.path, value))
            }

            /// Not equal to `value`.
            pub fn ne(&self, value: $value) -> Filter<M> {
                clause(&self.path, "!=", $convert(&self.path, value))
            }

            /// Greater (later) than `value`.
            pub fn gt(&self, value: $value) -> Filter<M> {
                clause(&self.path, ">", $convert(&self.path, value))
            }

            /// Less (earlier) than `value`.
            pub fn lt(&self, value: $value) -> Filter<M> {
                clause(&self.path, "<", $convert(&self.path, value))
            }

            /// Greater (later) than or equal to `value`.
            pub fn ge(&self, value: $value) -> Filter<M> {
                clause(&self.path, ">=", $convert(&self.path, value))
            }

            /// Less (earlier) than or equal to `value`.
            pub fn le(&self, value: $value) -> Filter<M> {
                clause(&self.path, "<=", $convert(&self.path, value))
            }
        }
    };
}

fn number_value(
    path: &FieldPath,
    value: impl NumberValue + fmt::Debug,
) -> Result<String, QueryError> {
    value.number_text().ok_or_else(|| QueryError::NotFinite {
        field: path.0.clone(),
        value: format!("{value:?}"),
    })
}

comparisons!(NumberField, impl NumberValue + fmt::Debug, number_value);
orderable!(NumberField);

/// A date a query can compare with: a [`DateTime`] or text such as `2024-01-31` or
/// `2024-01-31T12:00:00Z`, checked when the query is built.
pub trait DateValue {
    /// The date's text.
    fn date_text(self) -> String;
}

impl DateValue for &str {
    fn date_text(self) -> String {
        self.to_owned()
    }
}

impl DateValue for String {
    fn date_text(self) -> String {
        self
    }
}

impl DateValue for &DateTime {
    fn date_text(self) -> String {
        self.0.clone()
    }
}

impl DateValue for DateTime {
    fn date_text(self) -> String {
        self.0
    }
}

/// `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, `.fraction`, and `Z` or `±HH:MM`.
fn is_date(text: &str) -> bool {
    fn digits(s: &str, n: usize) -> bool {
        s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
    }
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let date_ok = matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(y), Some(m), Some(d), None) if digits(y, 4) && digits(m, 2) && digits(d, 2)
    );
    let Some(time) = time else {
        return date_ok;
    };
    let (clock, zone) = if let Some(clock) = time.strip_suffix('Z') {
        (clock, None)
    } else if let Some(at) = time.rfind(['+', '-']) {
        (&time[..at], Some(&time[at + 1..]))
    } else {
        (time, None)
    };
    let zone_ok = zone
        .is_none_or(|z| matches!(z.split_once(':'), Some((h, m)) if digits(h, 2) && digits(m, 2)));
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (clock, None),
    };
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let fields: Vec<&str> = clock.split(':').collect();
    let clock_ok = matches!(fields.len(), 2 | 3) && fields.iter().all(|f| digits(f, 2));
    date_ok && zone_ok && fraction_ok && clock_ok
}

fn date_value(path: &FieldPath, value: impl DateValue) -> Result<String, QueryError> {
    let text = value.date_text();
    if is_date(&text) {
        Ok(text)
    } else {
        Err(QueryError::BadDate {
            field: path.0.clone(),
            value: text,
        })
    }
}

/// A date (or date and time) field: `=`, `!=`, `>`, `<`, `>=`, `<=`.
pub struct DateField<M> {
    path: FieldPath,
    model: PhantomData<fn() -> M>,
}

comparisons!(DateField, impl DateValue, date_value);
orderable!(DateField);

/// A boolean field: `=` and `!=`.
pub struct BoolField<M> {
    path: FieldPath,
    model: PhantomData<fn() -> M>,
}

impl<M> BoolField<M> {
    /// Equal to `value`.
    pub fn eq(&self, value: bool) -> Filter<M> {
        clause(&self.path, "=", Ok(value.to_string()))
    }

    /// Not equal to `value`.
    pub fn ne(&self, value: bool) -> Filter<M> {
        clause(&self.path, "!=", Ok(value.to_string()))
    }
}
orderable!(BoolField);

/// An enum field: `=` and `!=`, with the enum's values (sent by their wire names).
pub struct EnumField<M, E> {
    path: FieldPath,
    model: PhantomData<fn() -> (M, E)>,
}

impl<M, E: fmt::Display> EnumField<M, E> {
    /// Equal to `value`.
    pub fn eq(&self, value: E) -> Filter<M> {
        clause(&self.path, "=", text_value(&self.path, value.to_string()))
    }

    /// Not equal to `value`.
    pub fn ne(&self, value: E) -> Filter<M> {
        clause(&self.path, "!=", text_value(&self.path, value.to_string()))
    }
}
orderable!(EnumField, E);

// ---- clear errors for operators a kind does not take ---------------------------------------

/// The field kinds `>`, `<`, `>=` and `<=` apply to (numbers and dates); naming one of them
/// on another kind is a compile error that says so.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with >, <, >= or <=: Codat orders numbers and dates only",
    label = "not a number or date field"
)]
pub trait Ordered {}

/// The field kinds `~` (contains) applies to (text); naming it on another kind is a compile
/// error that says so.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be searched with ~ (contains): Codat searches text fields only",
    label = "not a text field"
)]
pub trait Searchable {}

/// Methods that exist only to turn a wrong operator into a clear compile error.
macro_rules! refused {
    ($name:ident $(, $extra:ident)? : $bound:ident => $($method:ident),*) => {
        impl<M $(, $extra)?> $name<M $(, $extra)?> {$(
            #[doc(hidden)]
            pub fn $method<V>(&self, _value: V) -> Filter<M>
            where
                Self: $bound,
            {
                unreachable!("no field kind both lacks and implements the operator")
            }
        )*}
    };
}
refused!(StringField: Ordered => gt, lt, ge, le);
refused!(NumberField: Searchable => contains);
refused!(DateField: Searchable => contains);
refused!(BoolField: Ordered => gt, lt, ge, le);
refused!(BoolField: Searchable => contains);
refused!(EnumField, E: Ordered => gt, lt, ge, le);
refused!(EnumField, E: Searchable => contains);

macro_rules! field_kind {
    ($descriptor:ident: $($ty:ty),*) => {$(
        impl Field for $ty {
            type Of<M> = $descriptor<M>;
            fn at<M>(path: FieldPath) -> $descriptor<M> {
                $descriptor { path, model: PhantomData }
            }
        }
    )*};
}
field_kind!(StringField: String);
field_kind!(NumberField: i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Decimal);
field_kind!(DateField: DateTime);
field_kind!(BoolField: bool);

/// The descriptor of a Codat string enum's field; used by `string_enum!`.
#[doc(hidden)]
pub fn enum_field<M, E>(path: FieldPath) -> EnumField<M, E> {
    EnumField {
        path,
        model: PhantomData,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Invoice;

    fn number(name: &str) -> NumberField<Invoice> {
        <f64 as Field>::at(FieldPath(name.into()))
    }
    fn text(name: &str) -> StringField<Invoice> {
        <String as Field>::at(FieldPath(name.into()))
    }

    fn sent(filter: Filter<Invoice>) -> String {
        filter.to_query().unwrap().0
    }

    #[test]
    fn the_documented_examples() {
        let (total, status) = (number("totalAmount"), text("status"));
        assert_eq!(
            sent(number("amountDue").gt(0) & total.lt(1000)),
            "amountDue>0&&totalAmount<1000"
        );
        assert_eq!(
            sent((total.gt(100) | total.lt(50)) & status.ne("paid")),
            "{totalAmount>100||totalAmount<50}&&status!=paid"
        );
        let customer = FieldPath("customerRef".into()).child("id");
        assert_eq!(
            sent(<String as Field>::at::<Invoice>(customer).eq("61")),
            "customerRef.id=61"
        );
    }

    #[test]
    fn grouping_follows_the_expression() {
        let (a, b, c, d) = (
            text("a").eq("1"),
            text("b").eq("2"),
            text("c").eq("3"),
            text("d").eq("4"),
        );
        assert_eq!(sent(a.clone() & (b.clone() | c.clone())), "a=1&&{b=2||c=3}");
        assert_eq!(sent((a.clone() & b.clone()) | c.clone()), "{a=1&&b=2}||c=3");
        assert_eq!(sent(a.clone() & b.clone() & c.clone()), "a=1&&b=2&&c=3");
        assert_eq!(sent(a.clone() | (b.clone() | c.clone())), "a=1||b=2||c=3");
        assert_eq!(
            sent((a.clone() | b.clone()) & (c.clone() | d.clone())),
            "{a=1||b=2}&&{c=3||d=4}"
        );
        assert_eq!(
            sent(a.clone() | (b.clone() & (c.clone() | d))),
            "a=1||{b=2&&{c=3||d=4}}"
        );
        assert_eq!(sent(Filter::any([a, b, c]).unwrap()), "a=1||b=2||c=3");
        assert!(Filter::<Invoice>::all([]).is_none());
    }

    #[test]
    fn structural_values_are_refused_wherever_they_are() {
        for bad in ["a&&b", "x||y", "{", "}", "ok}"] {
            let refused = text("name").eq(bad);
            assert!(
                matches!(refused.to_query(), Err(QueryError::StructuralValue { .. })),
                "{bad}"
            );
            let combined = number("n").gt(1) | (text("s").eq("fine") & refused);
            let error = combined.to_query().unwrap_err();
            assert!(error.to_string().contains(&format!("{bad:?}")), "{error}");
        }
        // A lone `&` or `|` inside a value is not structure; at either end it can be.
        assert_eq!(
            sent(text("name").eq("Marks & Spencer")),
            "name=Marks & Spencer"
        );
        let refused = |value: &str| text("name").ne(value).to_query();
        for (bad, found) in [
            ("=5", "a leading `=`"),
            (">x", "a leading `>`"),
            ("<x", "a leading `<`"),
            ("~x", "a leading `~`"),
            ("!x", "a leading `!`"),
            ("x&", "a trailing `&`"),
            ("a|", "a trailing `|`"),
            ("{x}", "`{`"),
            ("x}", "`}`"),
            ("a&&b", "`&&`"),
            ("a||b", "`||`"),
        ] {
            assert_eq!(
                refused(bad),
                Err(QueryError::StructuralValue {
                    field: "name".into(),
                    value: bad.into(),
                    found
                }),
            );
        }
        for blank in ["", " ", "   "] {
            assert_eq!(
                refused(blank),
                Err(QueryError::EmptyValue {
                    field: "name".into()
                })
            );
        }
        let enum_field = enum_field::<Invoice, &str>(FieldPath("status".into()));
        assert!(enum_field.eq("Void&&x").to_query().is_err());
        assert_eq!(sent(enum_field.ne("Void")), "status!=Void");
    }

    #[test]
    fn decimals_are_compared_with_their_exact_digits() {
        let amount = <Decimal as Field>::at::<Invoice>(FieldPath("amountDue".into()));
        assert_eq!(
            sent(amount.gt(rust_decimal_macros::dec!(100.50))),
            "amountDue>100.50"
        );
        let big = Decimal::from_str_exact("12345678901234567.89").unwrap();
        assert_eq!(sent(amount.le(big)), "amountDue<=12345678901234567.89");
        assert_eq!(sent(amount.ne(Decimal::new(-1, 1))), "amountDue!=-0.1");
    }

    #[test]
    fn numbers_and_dates_are_checked() {
        assert_eq!(sent(number("n").ge(1.5)), "n>=1.5");
        assert_eq!(sent(number("n").le(-3)), "n<=-3");
        assert_eq!(sent(number("n").eq(1e21)), "n=1000000000000000000000");
        assert!(matches!(
            number("n").eq(f64::NAN).to_query(),
            Err(QueryError::NotFinite { .. })
        ));
        assert!(number("n").lt(f64::INFINITY).to_query().is_err());
        let date = <DateTime as Field>::at::<Invoice>(FieldPath("issueDate".into()));
        for ok in [
            "2024-01-31",
            "2024-01-31T12:00",
            "2024-01-31T12:00:00Z",
            "2024-01-31T12:00:00.123+05:30",
            "2024-01-31T12:00:00-05:00",
        ] {
            assert_eq!(sent(date.gt(ok)), format!("issueDate>{ok}"));
        }
        for bad in [
            "31/01/2024",
            "2024-1-31",
            "2024-01-31T",
            "2024-01-31T12",
            "2024-01-31T12:00:00+5",
            "2024-01-31T12:00:00.",
            "latest",
            "",
        ] {
            assert!(
                matches!(date.gt(bad).to_query(), Err(QueryError::BadDate { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            sent(date.ge(DateTime("2023-05-01T00:00:00Z".into()))),
            "issueDate>=2023-05-01T00:00:00Z"
        );
    }

    #[test]
    fn long_queries_are_refused_at_2048() {
        let value = |n: usize| "x".repeat(n);
        // `name=` is 5 characters.
        assert!(text("name").eq(value(2042)).to_query().is_ok());
        assert_eq!(
            text("name").eq(value(2043)).to_query(),
            Err(QueryError::TooLong { len: 2048 })
        );
        assert!(Query::raw(format!("name={}", value(2042))).is_ok());
        assert!(Query::raw(format!("name={}", value(2043))).is_err());
        // Characters, not bytes.
        assert!(Query::raw(format!("name={}", "é".repeat(2042))).is_ok());
    }

    #[test]
    fn a_query_reads_as_its_text_everywhere() {
        let query = Query::raw("amountDue>0").unwrap();
        assert_eq!(&*query, "amountDue>0");
        assert_eq!(AsRef::<str>::as_ref(&query), "amountDue>0");
        assert_eq!(query.to_string(), "amountDue>0");
        assert_eq!(String::from(query.clone()), "amountDue>0");
        let built: Query = Query::try_from(number("n").lt(3)).unwrap();
        assert_eq!(built.as_str(), "n<3");
        // As query parameters, both are sent as their text, encoded.
        let mut path = String::from("/x");
        crate::QueryValue::append_to(&query, &mut crate::Query::for_test("query", &mut path));
        crate::QueryValue::append_to(
            &number("n").descending(),
            &mut crate::Query::for_test("orderBy", &mut path),
        );
        assert_eq!(path, "/x?query=amountDue%3E0&orderBy=-n");
        let order = text("name").ascending();
        assert_eq!(format!("{order} {order:?}"), "name OrderBy(\"name\")");
        assert_eq!(format!("{:?}", text("a").eq("b")), "Filter(\"a=b\")");
        assert!(format!("{:?}", text("a").eq("")).starts_with("Filter(refused: "));
        assert_eq!(format!("{:?}", text("a")), "StringField(a)");
        assert_eq!(text("a").path(), "a");
    }

    #[test]
    fn every_kind_of_value_is_written_as_given() {
        assert_eq!(sent(number("n").gt(1.5f32)), "n>1.5");
        assert!(number("n").gt(f32::NAN).to_query().is_err());
        let date = <DateTime as Field>::at::<Invoice>(FieldPath("issueDate".into()));
        assert_eq!(
            sent(date.gt(String::from("2024-01-31"))),
            "issueDate>2024-01-31"
        );
        let due = DateTime("2024-02-01T00:00:00Z".into());
        assert_eq!(sent(date.le(&due)), "issueDate<=2024-02-01T00:00:00Z");
        let (a, b) = (text("a").eq("1"), text("b").eq("2"));
        assert_eq!(sent(Filter::all([a, b]).unwrap()), "a=1&&b=2");
        let nested = FieldPath("customerRef".into()).child("id");
        assert_eq!(nested.as_str(), "customerRef.id");
    }

    #[test]
    fn groups_nest_32_deep_at_most() {
        let nested = |n: usize| format!("{}a=1{}", "{".repeat(n), "}".repeat(n));
        assert!(Query::raw(nested(32)).is_ok());
        assert!(matches!(
            Query::raw(nested(33)),
            Err(QueryError::Syntax {
                reason: "groups nest more than 32 deep",
                ..
            })
        ));
    }

    #[test]
    fn orders() {
        assert_eq!(number("amountDue").descending().as_str(), "-amountDue");
        assert_eq!(String::from(text("name").ascending()), "name");
    }

    #[test]
    fn raw_queries_are_checked() {
        for ok in [
            "amountDue>0&&totalAmount<1000",
            "{totalAmount > 100 || totalAmount < 50} && status != paid",
            "customerRef.id=61",
            "name~Marks & Spencer",
            "{{a=1||b=2}&&c=3}",
            "modifiedDate>=2024-01-01T00:00:00Z",
        ] {
            assert_eq!(Query::raw(ok).unwrap().as_str(), ok);
        }
        let cases = [
            ("", 0, "the query is empty"),
            ("amountDue>0&&", 13, "expected a property name"),
            ("{a=1", 4, "`{` is not closed"),
            ("a=1}", 3, "`}` closes nothing"),
            ("a", 1, "expected an operator: = != ~ > < >= <="),
            ("a=", 2, "a clause has no value"),
            ("a.=1", 0, "a property path has an empty part"),
            ("a=x{y", 3, "`{` inside a value"),
            ("&&a=1", 0, "expected a property name"),
        ];
        for (query, at, reason) in cases {
            assert_eq!(
                Query::raw(query),
                Err(QueryError::Syntax {
                    query: query.into(),
                    at,
                    reason
                }),
                "{query:?}"
            );
        }
        let deep = format!("{}a=1{}", "{".repeat(40), "}".repeat(40));
        assert!(Query::raw(deep).is_err());
    }
}
