//! Wire types every Codat product shares: dates as Codat sends them, pages of lists, links
//! between pages, credentials redacted in `Debug`, and string enums that keep values they do
//! not know. Product crates use them through [`crate::models`] or this module.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Declares a string enum whose unknown values decode into `Unrecognized(String)`: the variants
/// with their wire names, `as_str`, `From<&str>`, `Display`, and serde both ways. Product
/// crates and SDK authors use it for Codat's enums so that a value Codat adds later still
/// decodes.
///
/// ```
/// codat_client::string_enum! {
///     /// How a bill is paid.
///     pub enum PaymentKind {
///         /// By card.
///         Card = "Card",
///         /// By bank transfer.
///         BankTransfer = "BankTransfer",
///     }
/// }
/// assert_eq!(PaymentKind::from("Cheque"), PaymentKind::Unrecognized("Cheque".into()));
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// A value this version of the crate does not know decodes as
        /// [`Unrecognized`](Self::Unrecognized), kept as sent, and is written back the same;
        /// it is never one of the named variants, not even a value named `Unknown`.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept as sent.
            Unrecognized(String),
        }

        impl $name {
            /// The value as Codat writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Unrecognized(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => $name::$variant, )*
                    other => $name::Unrecognized(other.to_owned()),
                }
            }
        }

        impl $crate::QueryValue for $name {
            fn append_to(&self, query: &mut $crate::Query<'_>) {
                query.push(&self.as_str());
            }
        }

        impl $crate::query::Field for $name {
            type Of<M> = $crate::query::EnumField<M, $name>;
            fn at<M>(path: $crate::query::FieldPath) -> Self::Of<M> {
                $crate::query::enum_field(path)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from(value.as_ref()))
            }
        }
    };
}

/// A Codat date and time as sent: ISO 8601, in UTC (`2021-11-15T06:00:00Z`), with an offset
/// (`2021-11-15T01:00:00-05:00`), in the business's local time without an offset
/// (`2021-11-15T01:00:00`), or a date alone (`2022-10-23`). Kept as text so that no form is
/// rejected or silently shifted; the accessors tell which form it is. With the `chrono`,
/// `time` or `jiff` feature it converts to and from that crate's types, each form only to a
/// type that holds what it says: see [`datetime`](crate::datetime).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTime(pub String);

impl DateTime {
    /// The text as Codat sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.0.split('T').next().unwrap_or_default()
    }

    /// Whether only a date was sent.
    pub fn is_date_only(&self) -> bool {
        !self.0.contains('T')
    }

    /// Whether the time carries a zone (`Z` or an offset); without one it is the business's
    /// local time.
    pub fn has_zone(&self) -> bool {
        match self.0.split_once('T') {
            Some((_, time)) => time.ends_with('Z') || time.contains('+') || time.contains('-'),
            None => false,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl crate::QueryValue for DateTime {
    fn append_to(&self, query: &mut crate::Query<'_>) {
        query.push(&self.0);
    }
}

impl From<&str> for DateTime {
    fn from(value: &str) -> Self {
        DateTime(value.to_owned())
    }
}

/// One page of a list: its items and where it stands among the pages.
///
/// An item that does not decode as `T` (Codat sent a value the model does not allow) costs
/// that item alone: it is left out of `results` and kept in `rejected` with the JSON path that
/// failed, and the page's other items decode. Page streams yield such an item as an
/// [`Error::Decode`](crate::Error::Decode) in its place and go on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items of this page that decoded; absent or `null` reads as empty.
    pub results: Vec<T>,
    /// This page's number, from 1.
    pub page_number: i64,
    /// Items per page.
    pub page_size: i64,
    /// Items in all pages.
    pub total_results: i64,
    /// Links to this, the next and the previous page.
    #[serde(rename = "_links", default, skip_serializing_if = "Option::is_none")]
    pub links: Option<PageLinks>,
    /// The items that did not decode, in page order.
    #[serde(skip)]
    pub rejected: Vec<RejectedItem>,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default)]
            results: Option<Box<RawValue>>,
            page_number: i64,
            page_size: i64,
            total_results: i64,
            #[serde(rename = "_links", default)]
            links: Option<PageLinks>,
        }
        let wire = Wire::deserialize(deserializer)?;
        let (results, rejected) = match wire.results {
            Some(raw) => decode_items(raw.get()).map_err(serde::de::Error::custom)?,
            None => (Vec::new(), Vec::new()),
        };
        Ok(Page {
            results,
            page_number: wire.page_number,
            page_size: wire.page_size,
            total_results: wire.total_results,
            links: wire.links,
            rejected,
        })
    }
}

/// The items of a page's `results` (JSON `null` is none), each decoded on its own once the
/// array as a whole does not decode, so that one bad item costs only itself.
fn decode_items<T: DeserializeOwned>(
    json: &str,
) -> Result<(Vec<T>, Vec<RejectedItem>), serde_json::Error> {
    if let Ok(items) = serde_json::from_str::<Option<Vec<T>>>(json) {
        return Ok((items.unwrap_or_default(), Vec::new()));
    }
    let raw: Vec<&RawValue> = serde_json::from_str(json)?;
    let mut items = Vec::with_capacity(raw.len());
    let mut rejected = Vec::new();
    for (index, item) in raw.into_iter().enumerate() {
        match serde_json::from_str::<T>(item.get()) {
            Ok(value) => items.push(value),
            Err(err) => rejected.push(RejectedItem::new::<T>(index, item.get(), &err)),
        }
    }
    Ok((items, rejected))
}

/// An item of a page that did not decode as the list's model.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RejectedItem {
    /// Its position in the page's `results`, from 0.
    pub index: usize,
    /// Where decoding failed, e.g. `results[3].amountDue`.
    pub path: String,
    /// What serde said.
    pub message: String,
    /// The Rust type it was decoded as.
    pub expected: &'static str,
    /// The start of the item's JSON (at most 4 KiB), credentials redacted.
    pub json: String,
    /// Whether the item's JSON was longer than what is kept.
    pub json_truncated: bool,
}

impl RejectedItem {
    fn new<T: DeserializeOwned>(index: usize, json: &str, err: &serde_json::Error) -> Self {
        let inner = crate::response::failing_path::<T>(json.as_bytes());
        let path = match inner.as_str() {
            "." => format!("results[{index}]"),
            inner => format!("results[{index}].{inner}"),
        };
        let (json, json_truncated) = crate::response::snippet(json.as_bytes());
        RejectedItem {
            index,
            path,
            message: err.to_string(),
            expected: std::any::type_name::<T>(),
            json,
            json_truncated,
        }
    }

    /// The item as the error a page stream yields in its place.
    pub fn to_error(&self) -> crate::Error {
        let mut response = crate::ResponseDetails::new(200, None, b"", None);
        response.body = self.json.clone();
        response.body_truncated = self.json_truncated;
        crate::Error::Decode {
            response: Box::new(response),
            expected: self.expected,
            path: self.path.clone(),
            source: serde::de::Error::custom(&self.message),
        }
    }
}

/// Links between pages (HAL style).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageLinks {
    /// The list without paging.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub this: Option<Link>,
    /// This page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Link>,
    /// The next page, absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    /// The previous page, absent on the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Link>,
}

/// A link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The path and query it points to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// A credential Codat returns (an API key, an integration key). `Debug` shows it redacted;
/// [`Secret::expose`] gives the value.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

#[cfg(test)]
#[allow(unreachable_pub)] // the enum declared here is as a product crate would declare it
mod tests {
    use super::*;

    string_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "Red",
            /// Light blue.
            LightBlue = "light-blue",
        }
    }

    #[test]
    fn string_enum_round_trips_and_keeps_unknown_values() {
        let parsed: Vec<Colour> =
            serde_json::from_str(r#"["Red","light-blue","Ultraviolet"]"#).unwrap();
        assert_eq!(
            parsed,
            vec![
                Colour::Red,
                Colour::LightBlue,
                Colour::Unrecognized("Ultraviolet".into())
            ]
        );
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"["Red","light-blue","Ultraviolet"]"#
        );
        assert_eq!(Colour::LightBlue.to_string(), "light-blue");
    }

    #[test]
    fn enums_and_dates_are_query_values_by_their_wire_text() {
        static OP: crate::Operation = crate::Operation {
            name: "list",
            template: "/things",
            path: &[crate::PathPart::Literal("/things")],
            ..crate::Operation::DEFAULTS
        };
        let request = crate::__private_0_1::Request::new(&OP, &[])
            .query("colour", &Colour::LightBlue)
            .query("other", &Some(Colour::Unrecognized("Ultra violet".into())))
            .query("since", &DateTime::from("2024-01-31T00:00:00Z"))
            .query("absent", &None::<Colour>);
        assert_eq!(
            request.path().unwrap(),
            "/things?colour=light-blue&other=Ultra%20violet&since=2024-01-31T00%3A00%3A00Z"
        );
    }

    #[test]
    fn secrets_are_redacted_in_debug_but_kept() {
        let key: crate::models::settings::ApiKeyDetails =
            serde_json::from_str(r#"{"id":"k1","apiKey":"ztHQGvnC4XN2CgUh"}"#).unwrap();
        assert!(!format!("{key:?}").contains("ztHQ"));
        assert_eq!(key.api_key.unwrap().expose(), "ztHQGvnC4XN2CgUh");
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Invoice {
        id: String,
        amount_due: i64,
    }

    fn page_of(results: &str) -> String {
        format!(r#"{{"results":{results},"pageNumber":1,"pageSize":5,"totalResults":5}}"#)
    }

    #[test]
    fn a_bad_item_costs_itself_not_the_page() {
        let json = page_of(
            r#"[{"id":"a","amountDue":1},{"id":"b","amountDue":"x","clientSecret":"s3cr3t"},{"id":"c","amountDue":3},{"amountDue":4},{"id":"e","amountDue":5}]"#,
        );
        let page: Page<Invoice> = serde_json::from_str(&json).unwrap();
        let ids: Vec<&str> = page.results.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "e"]);
        let rejected: Vec<(usize, &str)> = page
            .rejected
            .iter()
            .map(|r| (r.index, r.path.as_str()))
            .collect();
        assert_eq!(rejected, [(1, "results[1].amountDue"), (3, "results[3]")]);
        let bad = &page.rejected[0];
        assert!(bad.json.contains(r#""id":"b""#), "{}", bad.json);
        assert!(!bad.json.contains("s3cr3t"), "redacted: {}", bad.json);
        assert!(bad.expected.ends_with("Invoice"));
        let err = bad.to_error();
        assert!(
            matches!(&err, crate::Error::Decode { path, .. } if path == "results[1].amountDue"),
            "{err:?}"
        );
        assert!(!format!("{err:?} {err}").contains("s3cr3t"));
        assert_eq!(err.status(), Some(200));
        assert!(page.rejected[1].message.contains("missing field `id`"));
        // The same page decoded from a `Value` (raw text then comes from the value).
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let again: Page<Invoice> = serde_json::from_value(value).unwrap();
        assert_eq!(again.results.len(), 3);
        assert_eq!(again.rejected.len(), 2);
    }

    #[test]
    fn a_page_whose_results_are_not_a_list_is_an_error() {
        for results in ["3", r#""x""#, r#"{"id":"a"}"#] {
            assert!(
                serde_json::from_str::<Page<Invoice>>(&page_of(results)).is_err(),
                "{results}"
            );
        }
        let empty: Page<Invoice> = serde_json::from_str(&page_of("[]")).unwrap();
        assert!(empty.results.is_empty() && empty.rejected.is_empty());
        // Serialized back: the decoded items, paging fields, no `rejected`.
        let page: Page<String> = serde_json::from_str(&page_of(r#"["a",1,"b"]"#)).unwrap();
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            serde_json::json!({"results":["a","b"],"pageNumber":1,"pageSize":5,"totalResults":5})
        );
    }

    #[test]
    fn pages_tolerate_null_results() {
        let page: Page<String> = serde_json::from_str(
            r#"{"results":null,"pageNumber":1,"pageSize":10,"totalResults":0,"_links":{"self":{"href":"/x"},"current":{"href":"/x?page=1"}}}"#,
        )
        .unwrap();
        assert!(page.results.is_empty());
        assert!(page.links.unwrap().next.is_none());
    }

    #[test]
    fn date_time_accepts_every_codat_form() {
        let forms: Vec<DateTime> = serde_json::from_str(
            r#"["2021-11-15T06:00:00Z","2021-11-15T01:00:00-05:00","2021-11-15T01:00:00","2022-10-23"]"#,
        )
        .unwrap();
        assert_eq!(
            forms.iter().map(DateTime::has_zone).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        assert_eq!(
            forms.iter().map(DateTime::is_date_only).collect::<Vec<_>>(),
            [false, false, false, true]
        );
        assert!(forms.iter().all(|d| d.date().len() == 10));
    }
}
