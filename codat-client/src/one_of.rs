//! Decoding a `oneOf`: a value that may have one of several shapes, tried in order, with one
//! variant for anything else.
//!
//! serde's `#[serde(untagged)]` buffers the value first, and its buffer keeps numbers as `f64`,
//! which would round an exact [`Decimal`](crate::decimal::Decimal) inside any shape. [`one_of!`](crate::one_of!)
//! writes the `Deserialize` instead: it takes the value's JSON text (serde_json's raw value),
//! and reads each shape from that text in turn, so decimals in the chosen shape are exact.
//! `Serialize` has no such problem: derive it with `#[serde(untagged)]` as usual.
//!
//! ```
//! use codat_client::decimal::Decimal;
//!
//! #[derive(Debug, serde::Deserialize)]
//! pub struct Payment {
//!     #[serde(with = "codat_client::decimal")]
//!     pub amount: Decimal,
//! }
//!
//! #[derive(Debug, serde::Deserialize)]
//! pub struct Refund {
//!     #[serde(with = "codat_client::decimal")]
//!     pub refunded: Decimal,
//! }
//!
//! #[derive(Debug)]
//! pub enum Movement {
//!     Payment(Box<Payment>),
//!     Refund(Box<Refund>),
//!     Other(serde_json::Value),
//! }
//!
//! codat_client::one_of! {
//!     Movement { Payment, Refund } else Other
//! }
//!
//! let movement: Movement = serde_json::from_str(r#"{"refunded":12345678901234567.89}"#).unwrap();
//! let Movement::Refund(refund) = movement else { panic!() };
//! assert_eq!(refund.refunded.to_string(), "12345678901234567.89");
//! let other: Movement = serde_json::from_str(r#"[1, 2]"#).unwrap();
//! assert!(matches!(other, Movement::Other(_)));
//! ```
//!
//! From a deserializer that has no raw text (serde's own buffering, another format) the value
//! is read as a `serde_json::Value` first and each shape from that: as exact as that `Value`.

use std::fmt;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde_json::Value;

#[doc(hidden)]
pub use serde::{Deserialize as __Deserialize, Deserializer as __Deserializer};

use crate::decimal::RAW_TOKEN;

/// Implements `Deserialize` for an enum of newtype variants: each variant in the order given
/// is tried on the value, the first that decodes wins, and the variant after `else` (holding a
/// `serde_json::Value`) takes anything none of them read.
///
/// ```text
/// codat_client::one_of! {
///     Enum { FirstVariant, SecondVariant } else Other
/// }
/// ```
///
/// Each tried variant holds one type that implements `DeserializeOwned`. See the
/// [module](mod@crate::one_of) for why this is exact where `#[serde(untagged)]` is not.
#[macro_export]
macro_rules! one_of {
    ($name:ident { $($variant:ident),* $(,)? } else $other:ident) => {
        impl<'de> $crate::one_of::__Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::one_of::__Deserializer<'de>,
            {
                $crate::one_of::decode(deserializer, |json| {
                    $(
                        if let ::core::option::Option::Some(value) = json.read() {
                            return ::core::result::Result::Ok($name::$variant(value));
                        }
                    )*
                    json.value().map($name::$other)
                })
            }
        }
    };
}

/// One value of a `oneOf`, to be read as each of its shapes in turn; [`one_of!`](crate::one_of!) uses it.
#[derive(Debug)]
pub enum Json<'a> {
    /// The value's JSON text, as sent.
    Text(&'a str),
    /// The value, from a deserializer that gives no text.
    Value(&'a Value),
}

impl Json<'_> {
    /// The value as `T`, or `None` when it is not one.
    pub fn read<T: DeserializeOwned>(&self) -> Option<T> {
        match self {
            Json::Text(text) => serde_json::from_str(text).ok(),
            Json::Value(value) => T::deserialize(*value).ok(),
        }
    }

    /// The value as JSON.
    pub fn value(&self) -> Result<Value, serde_json::Error> {
        match self {
            Json::Text(text) => serde_json::from_str(text),
            Json::Value(value) => Ok((*value).clone()),
        }
    }
}

/// Reads one value of a `oneOf` and hands it to `pick`, which tries the shapes; [`one_of!`](crate::one_of!)
/// uses it.
pub fn decode<'de, D, T>(
    deserializer: D,
    pick: impl FnOnce(&Json<'_>) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
{
    deserializer.deserialize_newtype_struct(RAW_TOKEN, OneOfVisitor(pick))
}

struct OneOfVisitor<F>(F);

impl<'de, T, F> Visitor<'de> for OneOfVisitor<F>
where
    F: FnOnce(&Json<'_>) -> Result<T, serde_json::Error>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        match crate::decimal::raw_text(map)? {
            Some(text) => (self.0)(&Json::Text(&text)).map_err(de::Error::custom),
            None => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<T, D::Error> {
        let value = Value::deserialize(deserializer)?;
        (self.0)(&Json::Value(&value)).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use rust_decimal_macros::dec;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Bill {
        #[serde(with = "crate::decimal")]
        amount_due: Decimal,
        reference: String,
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Note {
        text: String,
    }

    #[derive(Debug, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    enum Item {
        Bill(Box<Bill>),
        Note(Note),
        Other(Value),
    }

    crate::one_of! {
        Item { Bill, Note } else Other
    }

    #[test]
    fn shapes_are_tried_in_order_and_decimals_stay_exact() {
        let json = r#"[{"amountDue":12345678901234567.89,"reference":"b1"},{"text":"hi"},{"amountDue":0.1},7]"#;
        let items: Vec<Item> = serde_json::from_str(json).unwrap();
        assert_eq!(
            items,
            [
                Item::Bill(Box::new(Bill {
                    amount_due: dec!(12345678901234567.89),
                    reference: "b1".into()
                })),
                Item::Note(Note { text: "hi".into() }),
                Item::Other(serde_json::json!({"amountDue": 0.1})),
                Item::Other(serde_json::json!(7)),
            ]
        );
        // Written back with the same digits (Serialize is derived, untagged), and read again
        // to the same values, the fallbacks included.
        assert_eq!(
            serde_json::to_string(&items[0]).unwrap(),
            r#"{"amountDue":12345678901234567.89,"reference":"b1"}"#
        );
        let again: Vec<Item> =
            serde_json::from_str(&serde_json::to_string(&items).unwrap()).unwrap();
        assert_eq!(again, items);
        // From a reader, where the text is owned, and through a path-tracking reader.
        let items: Vec<Item> = serde_json::from_reader(json.as_bytes()).unwrap();
        assert!(
            matches!(&items[0], Item::Bill(bill) if bill.amount_due == dec!(12345678901234567.89))
        );
        let mut de = serde_json::Deserializer::from_str(json);
        let items: Vec<Item> = serde_path_to_error::deserialize(&mut de).unwrap();
        assert_eq!(items.len(), 4);
    }

    #[test]
    fn without_raw_text_each_shape_is_read_from_the_value() {
        let value = serde_json::json!({"amountDue": 2.5, "reference": "b2"});
        let item: Item = serde_json::from_value(value).unwrap();
        assert!(matches!(item, Item::Bill(bill) if bill.amount_due == dec!(2.5)));
        // serde's buffered content, as inside a user's own untagged enum.
        #[derive(Debug, serde::Deserialize)]
        #[serde(untagged)]
        enum Outer {
            Item(Item),
        }
        let Outer::Item(item) = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert_eq!(item, Item::Note(Note { text: "x".into() }));
        let Outer::Item(item) =
            serde_json::from_str(r#"{"amountDue":"1.10","reference":"r"}"#).unwrap();
        assert!(matches!(item, Item::Bill(bill) if bill.amount_due.to_string() == "1.10"));
    }

    #[test]
    fn a_map_that_is_not_raw_is_refused() {
        let mut map = std::collections::BTreeMap::new();
        map.insert("key".to_owned(), 1);
        let error = OneOfVisitor(|_: &Json<'_>| Ok(()))
            .visit_map(de::value::MapDeserializer::<_, serde_json::Error>::new(
                map.into_iter(),
            ))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("invalid type: map, expected a JSON value"),
            "{error}"
        );
    }
}
