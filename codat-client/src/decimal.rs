//! Exact money: Codat's `format: decimal` numbers as [`Decimal`]s, read from the number's own
//! text and written back with exactly its digits.
//!
//! A model's decimal field carries `#[serde(with = "codat_client::decimal")]`, which works for a
//! [`Decimal`] and for an `Option`, `Vec`, `Box` or `BTreeMap<String, _>` of them, nested as
//! deep as needed (any [`Shape`]):
//!
//! ```
//! use codat_client::decimal::Decimal;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Line {
//!     #[serde(with = "codat_client::decimal")]
//!     total_amount: Decimal,
//!     #[serde(default, with = "codat_client::decimal")]
//!     tax_amount: Option<Decimal>,
//! }
//!
//! let line: Line =
//!     serde_json::from_str(r#"{"totalAmount":12345678901234567.89,"taxAmount":0.1}"#).unwrap();
//! assert_eq!(line.total_amount.to_string(), "12345678901234567.89");
//! assert_eq!(line.tax_amount.unwrap().to_string(), "0.1");
//! assert_eq!(
//!     serde_json::to_string(&line).unwrap(),
//!     r#"{"totalAmount":12345678901234567.89,"taxAmount":0.1}"#
//! );
//! ```
//!
//! # Reading
//!
//! With serde_json (the only format the client reads), a decimal never passes through `f64`:
//! the deserializer is asked for the number's raw text (serde_json's `raw_value`, which unlike
//! `arbitrary_precision` changes nothing for other crates in a build) and the digits are read
//! as they are. A decimal sent as a JSON string (`"12.50"`) is read the same way. Exponents are
//! allowed (`1.5e3` is `1500`). A number a [`Decimal`] cannot hold exactly (more than 28
//! digits after the point, or beyond ±79228162514264337593543950335) is a decode error that
//! names it; nothing is rounded and nothing panics.
//!
//! Other deserializers that do not hand out raw text (serde's buffering inside a user's
//! `#[serde(untagged)]` or `flatten`, `serde_json::Value`, other formats) give the number as
//! an integer, exact, or as an `f64`, read from its shortest decimal text: only as exact as
//! that `f64` (`0.1` stays `0.1`; a 17th significant digit may not). The generated `oneOf`
//! models do not buffer that way: see [`crate::one_of`](mod@crate::one_of).
//!
//! # Writing
//!
//! A decimal is written as a JSON number with exactly its digits and scale: `1.10` stays
//! `1.10`, `12345678901234567.89` is not rounded. This uses serde_json's raw-value hook, so it
//! is exact through `serde_json::to_string`, `to_vec` and `to_writer`; `serde_json::to_value`
//! turns it into a `Value` number (an `f64` unless it is an integer). Another serializer sees
//! serde_json's one-field raw-value struct holding the digits as text.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde::Serialize;

pub use rust_decimal::Decimal;

/// The name serde_json gives its raw-value type: asked for a newtype struct of this name, its
/// deserializer hands the value's JSON text to the visitor as a one-entry map (key this name,
/// value the text), and its serializer writes a struct of this name with one field of this
/// name (a string) verbatim.
pub(crate) const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Writes `value`'s decimals as JSON numbers with exactly their digits; for
/// `#[serde(with = "codat_client::decimal")]`.
pub fn serialize<T: Shape, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_exact(serializer)
}

/// Reads `T`'s decimals from their JSON text, exactly; for
/// `#[serde(with = "codat_client::decimal")]`.
pub fn deserialize<'de, T: Shape, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize_exact(deserializer)
}

/// A type that holds decimals and that `#[serde(with = "codat_client::decimal")]` can read and
/// write exactly: [`Decimal`], and `Option`, `Vec`, `Box` and `BTreeMap<String, _>` of any
/// `Shape`.
pub trait Shape: Sized {
    /// Writes the value, its decimals as exact JSON numbers.
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads the value, its decimals from their text.
    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl Shape for Decimal {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `array_string` formats on the stack; the text is a valid JSON number (`-0.50`,
        // `12345678901234567.89`: no exponent, no leading `+`).
        let text = self.array_string();
        let mut raw = serializer.serialize_struct(RAW_TOKEN, 1)?;
        raw.serialize_field(RAW_TOKEN, text.as_ref())?;
        raw.end()
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_TOKEN, DecimalVisitor)
    }
}

impl<T: Shape> Shape for Option<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Exact(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }
}

impl<T: Shape> Shape for Box<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_exact(serializer)
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_exact(deserializer).map(Box::new)
    }
}

impl<T: Shape> Shape for Vec<T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Exact(item))?;
        }
        seq.end()
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(VecVisitor(PhantomData))
    }
}

impl<T: Shape> Shape for BTreeMap<String, T> {
    fn serialize_exact<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key, &Exact(value))?;
        }
        map.end()
    }

    fn deserialize_exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A [`Shape`] as a `Serialize` value.
struct Exact<'a, T>(&'a T);

impl<T: Shape> Serialize for Exact<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_exact(serializer)
    }
}

/// A [`Shape`] as a seed, for the items of sequences and maps.
struct Seed<T>(PhantomData<fn() -> T>);

impl<'de, T: Shape> DeserializeSeed<'de> for Seed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_exact(deserializer)
    }
}

struct OptionVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Shape> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::deserialize_exact(deserializer).map(Some)
    }
}

struct VecVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Shape> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of decimal numbers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Not trusting the hint with more than a little memory.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(Seed(PhantomData))? {
            out.push(item);
        }
        Ok(out)
    }
}

struct MapVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Shape> Visitor<'de> for MapVisitor<T> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of decimal numbers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((key, value)) =
            map.next_entry_seed(PhantomData::<String>, Seed(PhantomData))?
        {
            out.insert(key, value);
        }
        Ok(out)
    }
}

/// Reads one decimal: from serde_json's raw text (the map), a string, or, from deserializers
/// without raw text, an integer or an `f64`.
struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Decimal, A::Error> {
        // Read inside the map, the text could not fail: a bad number is refused here, outside
        // it, so that a path-tracking reader names the field and not serde_json's raw key.
        match raw_text(map)? {
            Some(raw) => from_raw(&raw),
            None => Err(de::Error::invalid_type(Unexpected::Map, &self)),
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        // A deserializer without raw values (serde's buffered content, another format): the
        // value itself.
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse(text).map_err(|refusal| refusal.error(text, true))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(value, 0)
            .map_err(|_| Refusal::TooLarge.error(&value.to_string(), false))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Decimal, E> {
        match i128::try_from(value) {
            Ok(value) => self.visit_i128(value),
            Err(_) => Err(Refusal::TooLarge.error(&value.to_string(), false)),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        if !value.is_finite() {
            return Err(de::Error::invalid_value(Unexpected::Float(value), &self));
        }
        // Rust writes an f64 as the shortest text that reads back as it, without an exponent:
        // `0.1`, not 0.1000000000000000055511151231257827.
        let text = value.to_string();
        parse(&text).map_err(|refusal| refusal.error(&text, false))
    }
}

/// serde_json's raw value, handed to a visitor as a one-entry map: the value's JSON text, or
/// `None` when the map is another (its first key is not serde_json's).
pub(crate) fn raw_text<'de, A: MapAccess<'de>>(
    mut map: A,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    match map.next_key_seed(RawKey)? {
        Some(true) => map.next_value_seed(RawText).map(Some),
        _ => Ok(None),
    }
}

/// Whether a map key is serde_json's raw-value key.
struct RawKey;

impl<'de> DeserializeSeed<'de> for RawKey {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for RawKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("serde_json's raw value")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == RAW_TOKEN)
    }
}

/// The raw JSON text, borrowed where serde_json can lend it.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON text")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

/// A decimal from a value's JSON text: a number, or a string holding one.
fn from_raw<E: de::Error>(raw: &str) -> Result<Decimal, E> {
    let expected = &"a decimal number";
    let raw = raw.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    match raw.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => parse(raw).map_err(|refusal| refusal.error(raw, false)),
        Some(b'"') => {
            let text: Cow<'_, str> = serde_json::from_str(raw).map_err(de::Error::custom)?;
            parse(&text).map_err(|refusal| refusal.error(&text, true))
        }
        Some(b'n') => Err(de::Error::invalid_type(Unexpected::Other("null"), expected)),
        Some(b't') => Err(de::Error::invalid_type(Unexpected::Bool(true), expected)),
        Some(b'f') => Err(de::Error::invalid_type(Unexpected::Bool(false), expected)),
        Some(b'[') => Err(de::Error::invalid_type(Unexpected::Seq, expected)),
        Some(b'{') => Err(de::Error::invalid_type(Unexpected::Map, expected)),
        _ => Err(de::Error::invalid_value(Unexpected::Str(raw), expected)),
    }
}

/// Why a number's text is not a decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    /// Not a JSON number.
    NotANumber,
    /// Beyond ±79228162514264337593543950335.
    TooLarge,
    /// More than 28 digits after the point (not counting trailing zeros).
    TooPrecise,
}

impl Refusal {
    fn error<E: de::Error>(self, text: &str, quoted: bool) -> E {
        let shown = shown(text);
        let shown = if quoted { format!("{shown:?}") } else { shown };
        match self {
            Refusal::NotANumber => E::custom(format_args!(
                "invalid value: {shown}, expected a decimal number"
            )),
            Refusal::TooLarge => E::custom(format_args!(
                "the decimal {shown} is out of range: a decimal holds at most \
                 ±79228162514264337593543950335"
            )),
            Refusal::TooPrecise => E::custom(format_args!(
                "the decimal {shown} is out of range: a decimal holds at most 28 digits after \
                 the point"
            )),
        }
    }
}

/// `text`, or its start and length when it is long.
fn shown(text: &str) -> String {
    const MAX: usize = 48;
    if text.len() <= MAX {
        return text.to_owned();
    }
    let mut end = MAX - 8;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} characters)", &text[..end], text.chars().count())
}

/// Reads JSON number text (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`) exactly: the
/// digits become the mantissa and the point the scale, so `1.10` keeps its scale of 2. Trailing
/// zeros past 28 decimal places are dropped (they change nothing); any other digit there, or a
/// value beyond the 96-bit mantissa, is refused.
fn parse(text: &str) -> Result<Decimal, Refusal> {
    let bytes = text.as_bytes();
    let digits_from = |mut at: usize| {
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        (start, at)
    };
    let negative = bytes.first() == Some(&b'-');
    let (int_start, int_end) = digits_from(usize::from(negative));
    let int = &bytes[int_start..int_end];
    if int.is_empty() || (int.len() > 1 && int[0] == b'0') {
        return Err(Refusal::NotANumber);
    }
    let mut at = int_end;
    let mut frac: &[u8] = &[];
    if bytes.get(at) == Some(&b'.') {
        let (start, end) = digits_from(at + 1);
        if start == end {
            return Err(Refusal::NotANumber);
        }
        frac = &bytes[start..end];
        at = end;
    }
    // The exponent, saturated far beyond anything a decimal can hold.
    let mut exponent: i64 = 0;
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        let exp_negative = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                true
            }
            Some(b'+') => {
                at += 1;
                false
            }
            _ => false,
        };
        let (start, end) = digits_from(at);
        if start == end {
            return Err(Refusal::NotANumber);
        }
        for &digit in &bytes[start..end] {
            exponent = (exponent * 10 + i64::from(digit - b'0')).min(1_000_000_000);
        }
        if exp_negative {
            exponent = -exponent;
        }
        at = end;
    }
    if at != bytes.len() {
        return Err(Refusal::NotANumber);
    }

    // The significant digits: integer and fraction digits without leading zeros.
    let all = int.iter().chain(frac);
    let leading = all.clone().take_while(|&&d| d == b'0').count();
    let mut count = int.len() + frac.len() - leading;
    let mut scale = frac.len() as i64 - exponent;
    if count == 0 {
        let mut zero = Decimal::new(0, scale.clamp(0, i64::from(Decimal::MAX_SCALE)) as u32);
        zero.set_sign_negative(negative);
        return Ok(zero);
    }
    let max_scale = i64::from(Decimal::MAX_SCALE);
    if scale > max_scale {
        let trailing = all.clone().rev().take_while(|&&d| d == b'0').count();
        let dropped = (trailing as i64).min(scale - max_scale);
        count -= dropped as usize;
        scale -= dropped;
        if scale > max_scale {
            return Err(Refusal::TooPrecise);
        }
    }
    // 2^96 has 29 digits: a mantissa of more cannot fit, nor can one scaled up past them.
    let zeros = if scale < 0 { (-scale) as usize } else { 0 };
    if count.saturating_add(zeros) > 29 {
        return Err(Refusal::TooLarge);
    }
    let mut mantissa: u128 = 0;
    for &digit in all.skip(leading).take(count) {
        mantissa = mantissa * 10 + u128::from(digit - b'0');
    }
    mantissa *= 10u128.pow(zeros as u32);
    // A mantissa past 2^96 - 1 (29 digits that fit in a u128) is refused here.
    let scale = scale.max(0) as u32;
    let signed = if negative {
        -(mantissa as i128)
    } else {
        mantissa as i128
    };
    Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| Refusal::TooLarge)
}

/// Decimals are query parameters by their exact text (`100.50`).
impl crate::QueryValue for Decimal {
    fn append_to(&self, query: &mut crate::Query<'_>) {
        query.push(&self.array_string().as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Amount {
        #[serde(with = "crate::decimal")]
        amount: Decimal,
    }

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Shapes {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::decimal"
        )]
        maybe: Option<Decimal>,
        #[serde(default, with = "crate::decimal")]
        list: Vec<Decimal>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::decimal"
        )]
        nested: Option<Vec<Option<Decimal>>>,
        #[serde(default, with = "crate::decimal")]
        by_key: BTreeMap<String, Decimal>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::decimal"
        )]
        boxed: Option<Box<Decimal>>,
    }

    fn read(json: &str) -> Result<Decimal, String> {
        serde_json::from_str::<Amount>(&format!(r#"{{"amount":{json}}}"#))
            .map(|a| a.amount)
            .map_err(|e| e.to_string())
    }

    fn written(amount: Decimal) -> String {
        serde_json::to_string(&Amount { amount }).unwrap()
    }

    #[test]
    fn digits_survive_both_ways() {
        for text in [
            "12345678901234567.89",
            "0.1",
            "1.10",
            "0",
            "-0.50",
            "100",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "7.9228162514264337593543950335",
            "1234567890123456789012345678.9",
        ] {
            let amount = read(text).unwrap();
            assert_eq!(amount.to_string(), text);
            assert_eq!(written(amount), format!(r#"{{"amount":{text}}}"#));
        }
        // 0.1 + 0.2 is 0.3 here.
        assert_eq!(read("0.1").unwrap() + read("0.2").unwrap(), dec!(0.3));
    }

    #[test]
    fn strings_exponents_and_spacing() {
        assert_eq!(read(r#""12.50""#).unwrap().to_string(), "12.50");
        assert_eq!(read(r#""\u0031.5""#).unwrap(), dec!(1.5));
        assert_eq!(read("1.5e3").unwrap().to_string(), "1500");
        assert_eq!(read("15E-1").unwrap().to_string(), "1.5");
        assert_eq!(read("1.50e-2").unwrap().to_string(), "0.0150");
        assert_eq!(read("2e+2").unwrap().to_string(), "200");
        assert_eq!(read("0e-5").unwrap().to_string(), "0.00000");
        assert_eq!(read(" 7 ").unwrap(), dec!(7));
        // Zeros past 28 places change nothing and are dropped; other digits there are refused.
        assert_eq!(read("1.000000000000000000000000000000").unwrap(), dec!(1));
        // Only the zeros past 28 places go: the scale stays 28.
        assert_eq!(
            read("1.000000000000000000000000000000")
                .unwrap()
                .to_string(),
            format!("1.{}", "0".repeat(28))
        );
        assert_eq!(read("-0").unwrap().to_string(), "-0");
    }

    #[test]
    fn wrong_types_without_raw_text_say_what_was_expected() {
        use serde::de::IntoDeserializer;
        fn from_value<T: Shape + std::fmt::Debug>(value: serde_json::Value) -> String {
            super::deserialize::<T, _>(value).unwrap_err().to_string()
        }
        let cases = [
            (
                from_value::<Decimal>(serde_json::json!(true)),
                "expected a decimal number",
            ),
            (
                from_value::<Vec<Decimal>>(serde_json::json!(true)),
                "expected an array of decimal numbers",
            ),
            (
                from_value::<BTreeMap<String, Decimal>>(serde_json::json!(5)),
                "expected a map of decimal numbers",
            ),
        ];
        for (error, says) in cases {
            assert!(
                error.starts_with("invalid type: ") && error.ends_with(says),
                "{error}"
            );
        }
        // A format that hands an option a boolean directly.
        let error = super::deserialize::<Option<Decimal>, _>(IntoDeserializer::<
            serde::de::value::Error,
        >::into_deserializer(true))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: boolean `true`, expected a decimal number or null"
        );
        // A map whose key is not text cannot be serde_json's raw value.
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            std::iter::once((1u8, 2u8)),
        );
        let error = super::deserialize::<Decimal, _>(map).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `1`, expected serde_json's raw value"
        );
        // A format that hands a decimal a boolean directly.
        let error = super::deserialize::<Decimal, _>(
            IntoDeserializer::<serde::de::value::Error>::into_deserializer(true),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: boolean `true`, expected a decimal number"
        );
        // serde_json's key with text that is not borrowed from the input.
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            std::iter::once((RAW_TOKEN, "0.10")),
        );
        assert_eq!(
            super::deserialize::<Decimal, _>(map).unwrap().to_string(),
            "0.10"
        );
        // serde_json's key with something other than text.
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            std::iter::once((RAW_TOKEN, 2u8)),
        );
        let error = super::deserialize::<Decimal, _>(map).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `2`, expected JSON text"
        );
    }

    #[test]
    fn out_of_range_and_wrong_types_are_errors_that_say_so() {
        for (json, says) in [
            ("79228162514264337593543950336", "out of range"),
            ("1e29", "out of range"),
            ("1e999999999999999999999", "out of range"),
            (
                "0.00000000000000000000000000001",
                "28 digits after the point",
            ),
            ("1e-29", "28 digits after the point"),
            (r#""1,""#, "expected a decimal number"),
            (r#""""#, "expected a decimal number"),
            (r#""01""#, "expected a decimal number"),
            (r#""1.""#, "expected a decimal number"),
            (r#""+1""#, "expected a decimal number"),
            (r#"" 1""#, "expected a decimal number"),
            (r#""NaN""#, "expected a decimal number"),
            ("null", "invalid type: null, expected a decimal number"),
            ("true", "invalid type: boolean `true`"),
            ("[1]", "invalid type: sequence"),
            (r#"{"a":1}"#, "invalid type: map"),
        ] {
            let error = read(json).unwrap_err();
            assert!(error.contains(says), "{json}: {error}");
        }
        let error = read("79228162514264337593543950336").unwrap_err();
        assert!(error.contains("79228162514264337593543950336"), "{error}");
        let huge = "9".repeat(5000);
        let error = read(&huge).unwrap_err();
        assert!(
            error.contains(&format!(" {}... (5000 characters)", "9".repeat(40))),
            "{error}"
        );
        assert!(error.len() < 300, "{error}");
        // Cut on a character's boundary: 13 three-byte characters fit in the 40 bytes shown.
        let euros = format!("\"{}\"", "€".repeat(30));
        let error = read(&euros).unwrap_err();
        assert!(
            error.contains(&format!("\"{}... (30 characters)\"", "€".repeat(13))),
            "{error}"
        );
        assert!(read("false")
            .unwrap_err()
            .contains("invalid type: boolean `false`"));
        // From a reader the text is not borrowed, and is read all the same.
        let amount: Amount = serde_json::from_reader(&br#"{"amount":0.10}"#[..]).unwrap();
        assert_eq!(amount.amount.to_string(), "0.10");
    }

    #[test]
    fn every_shape_reads_and_writes_exactly() {
        let json = r#"{"maybe":0.10,"list":[1.5,12345678901234567.89],"nested":[null,2.000],"byKey":{},"by_key":{"a":3.3},"boxed":4.40}"#;
        let shapes: Shapes = serde_json::from_str(json).unwrap();
        assert_eq!(shapes.maybe.unwrap().to_string(), "0.10");
        assert_eq!(shapes.list, [dec!(1.5), dec!(12345678901234567.89)]);
        assert_eq!(shapes.nested, Some(vec![None, Some(dec!(2.000))]));
        assert_eq!(shapes.by_key["a"], dec!(3.3));
        assert_eq!(shapes.boxed.as_deref(), Some(&dec!(4.40)));
        assert_eq!(
            serde_json::to_string(&shapes).unwrap(),
            r#"{"maybe":0.10,"list":[1.5,12345678901234567.89],"nested":[null,2.000],"by_key":{"a":3.3},"boxed":4.40}"#
        );
        let empty: Shapes = serde_json::from_str(r#"{"maybe":null,"boxed":null}"#).unwrap();
        assert_eq!(empty, Shapes::default());
        assert_eq!(
            serde_json::to_string(&empty).unwrap(),
            r#"{"list":[],"by_key":{}}"#
        );
        assert!(serde_json::from_str::<Shapes>(r#"{"list":[1,"x"]}"#).is_err());
        assert!(serde_json::from_str::<Shapes>(r#"{"list":{}}"#).is_err());
    }

    #[test]
    fn readers_without_raw_text_are_as_exact_as_what_they_carry() {
        // serde_json::Value: integers exact, other numbers as their f64's shortest text.
        let value = serde_json::json!({"amount": 0.1});
        assert_eq!(
            serde_json::from_value::<Amount>(value).unwrap().amount,
            dec!(0.1)
        );
        let value = serde_json::json!({"amount": 12345678901234567u64});
        assert_eq!(
            serde_json::from_value::<Amount>(value).unwrap().amount,
            dec!(12345678901234567)
        );
        let value: serde_json::Value = serde_json::from_str(r#"{"amount":"1.10"}"#).unwrap();
        assert_eq!(
            serde_json::from_value::<Amount>(value)
                .unwrap()
                .amount
                .to_string(),
            "1.10"
        );

        // serde's buffered content (an untagged enum): the same, through the fallbacks.
        #[derive(Debug, Deserialize)]
        #[serde(untagged)]
        enum Either {
            Amount(Amount),
        }
        for (json, expected) in [
            ("0.1", dec!(0.1)),
            ("-3", dec!(-3)),
            ("18446744073709551615", dec!(18446744073709551615)),
            (r#""12345678901234567.89""#, dec!(12345678901234567.89)),
        ] {
            let Either::Amount(amount) =
                serde_json::from_str(&format!(r#"{{"amount":{json}}}"#)).unwrap();
            assert_eq!(amount.amount, expected, "{json}");
        }
        // Beyond u64, serde buffers an f64: `1e30` does not fit.
        let error = serde_json::from_str::<Either>(r#"{"amount":1e30}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("did not match"), "{error}");
        assert!(DecimalVisitor
            .visit_f64::<serde_json::Error>(f64::NAN)
            .is_err());
        assert!(DecimalVisitor
            .visit_f64::<serde_json::Error>(1e300)
            .is_err());
        assert_eq!(
            DecimalVisitor.visit_i128::<serde_json::Error>(-5).unwrap(),
            dec!(-5)
        );
        assert!(DecimalVisitor
            .visit_i128::<serde_json::Error>(i128::MAX)
            .is_err());
        assert!(DecimalVisitor
            .visit_u128::<serde_json::Error>(u128::MAX)
            .is_err());
        assert_eq!(
            DecimalVisitor.visit_u128::<serde_json::Error>(7).unwrap(),
            dec!(7)
        );
    }

    #[test]
    fn a_reader_that_tracks_paths_still_gets_the_raw_text() {
        let json = r#"{"amount":12345678901234567.89}"#;
        let mut de = serde_json::Deserializer::from_str(json);
        let amount: Amount = serde_path_to_error::deserialize(&mut de).unwrap();
        assert_eq!(amount.amount, dec!(12345678901234567.89));
        let mut de = serde_json::Deserializer::from_str(r#"{"amount":1e40}"#);
        let error = serde_path_to_error::deserialize::<_, Amount>(&mut de).unwrap_err();
        assert_eq!(error.path().to_string(), "amount");
        // From a reader (owned text) too.
        let amount: Amount = serde_json::from_reader(json.as_bytes()).unwrap();
        assert_eq!(amount.amount, dec!(12345678901234567.89));
        let amount: Amount = serde_json::from_slice(json.as_bytes()).unwrap();
        assert_eq!(amount.amount, dec!(12345678901234567.89));
    }

    #[test]
    fn to_value_gives_a_number() {
        let value = serde_json::to_value(Amount { amount: dec!(2.5) }).unwrap();
        assert_eq!(value, serde_json::json!({"amount": 2.5}));
        let value = serde_json::to_value(Amount { amount: dec!(7) }).unwrap();
        assert_eq!(value, serde_json::json!({"amount": 7}));
    }

    #[test]
    fn decimals_are_query_parameters_by_their_digits() {
        static OP: crate::Operation = crate::Operation {
            name: "list",
            template: "/things",
            path: &[crate::PathPart::Literal("/things")],
            ..crate::Operation::DEFAULTS
        };
        let request = crate::__private_0_1::Request::new(&OP, &[])
            .query("min", &dec!(100.50))
            .query("max", &Some(dec!(-0.1)));
        assert_eq!(request.path().unwrap(), "/things?min=100.50&max=-0.1");
    }

    /// A JSON number of up to 28 significant digits: optional sign, digits, point.
    fn number_text() -> impl Strategy<Value = String> {
        (any::<bool>(), "[1-9][0-9]{0,27}", 0usize..=28).prop_map(|(negative, digits, point)| {
            let sign = if negative { "-" } else { "" };
            let (int, frac) = digits.split_at(digits.len() - point.min(digits.len()));
            match (int, frac) {
                ("", frac) => format!("{sign}0.{frac}"),
                (int, "") => format!("{sign}{int}"),
                (int, frac) => format!("{sign}{int}.{frac}"),
            }
        })
    }

    proptest! {
        #[test]
        fn random_numbers_round_trip_exactly(text in number_text()) {
            let amount = read(&text).unwrap();
            prop_assert_eq!(amount.to_string(), text.clone());
            prop_assert_eq!(written(amount), format!(r#"{{"amount":{text}}}"#));
            // As a string, the same digits.
            prop_assert_eq!(read(&format!("{text:?}")).unwrap(), amount);
            prop_assert_eq!(Decimal::from_str_exact(&text).unwrap(), amount);
        }

        #[test]
        fn fractions_with_leading_zeros_round_trip(
            negative in any::<bool>(),
            zeros in 0usize..=10,
            digits in "[0-9]{1,17}",
        ) {
            let text = format!("{}0.{}{digits}", if negative { "-" } else { "" }, "0".repeat(zeros));
            let amount = read(&text).unwrap();
            prop_assert_eq!(amount.to_string(), text.clone());
            prop_assert_eq!(written(amount), format!(r#"{{"amount":{text}}}"#));
        }

        #[test]
        fn garbage_never_panics(text in "[-+0-9.eE\"a ]{0,40}") {
            let _ = read(&text);
            let _ = parse(&text);
            let _ = read(&format!("{text:?}"));
        }

        #[test]
        fn huge_numbers_are_errors_not_panics(
            digits in "[1-9][0-9]{29,80}",
            exponent in -100_000i64..100_000,
        ) {
            prop_assert!(read(&digits).is_err());
            let _ = read(&format!("{digits}e{exponent}"));
            let _ = read(&format!("1e{exponent}"));
            let _ = read(&format!("0.{digits}"));
        }

        #[test]
        fn what_parses_agrees_with_rust_decimal(text in "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?") {
            match (parse(&text), Decimal::from_str_exact(&text)) {
                // The same value and scale (rust_decimal drops the sign of `-0`; it is kept here).
                (Ok(ours), Ok(theirs)) => prop_assert!(ours == theirs && ours.scale() == theirs.scale()),
                (Err(_), Err(_)) => {}
                // Trailing zeros past 28 places: dropped here, refused there.
                (Ok(ours), Err(_)) => prop_assert!(text.trim_end_matches('0').len() < text.len(), "{ours}"),
                (Err(refusal), Ok(theirs)) => prop_assert!(false, "{text}: {refusal:?}, rust_decimal read {theirs}"),
            }
        }
    }
}
