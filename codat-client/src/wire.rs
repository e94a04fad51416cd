//! Wire types every Codat product shares: dates as Codat sends them, pages of lists, links
//! between pages, credentials redacted in `Debug`, and string enums that keep values they do
//! not know. Product crates use them through [`crate::models`] or this module.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares a string enum whose unknown values decode into `Unknown(String)`: the variants
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
/// assert_eq!(PaymentKind::from("Cheque"), PaymentKind::Unknown("Cheque".into()));
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
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The value as Codat writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
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
/// rejected or silently shifted; the accessors tell which form it is.
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The items of this page; absent or `null` reads as empty.
    #[serde(default, deserialize_with = "null_as_empty")]
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
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
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
                Colour::Unknown("Ultraviolet".into())
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
            .query("other", &Some(Colour::Unknown("Ultra violet".into())))
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
