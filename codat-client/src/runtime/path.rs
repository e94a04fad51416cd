//! Percent-encoding of path values: each value stays exactly one path segment.

use std::fmt::{self, Display, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is encoded, so `/`, `?`, `#`, `%`, spaces
/// and non-ASCII can never change the shape of the URL.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a path value was refused before anything was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// An empty value would make `//` and address another resource.
    Empty,
    /// `.` and `..` are dot segments: URL parsers resolve them, which would change the path.
    DotSegment,
}

impl Refusal {
    /// A short reason for error messages.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Refusal::Empty => "the value is empty",
            Refusal::DotSegment => "`.` and `..` are not allowed as a path value",
        }
    }
}

/// Appends `value` to `out` as one encoded path segment, or refuses it (leaving `out` as it was).
pub(crate) fn push_segment(out: &mut String, value: &dyn Display) -> Result<(), Refusal> {
    let start = out.len();
    // Writing into a String cannot fail.
    let _ = write!(SegmentWriter(out), "{value}");
    let refusal = match &out[start..] {
        "" => Some(Refusal::Empty),
        "." | ".." => Some(Refusal::DotSegment),
        _ => None,
    };
    match refusal {
        Some(refusal) => {
            out.truncate(start);
            Err(refusal)
        }
        None => Ok(()),
    }
}

/// Appends `value` to `out` encoded for a query string: like a path segment, everything but
/// unreserved characters is escaped, so `&`, `=`, `+` and `#` stay data.
pub(crate) fn push_component(out: &mut String, value: &dyn Display) {
    // Writing into a String cannot fail.
    let _ = write!(SegmentWriter(out), "{value}");
}

/// Encodes whatever is formatted into it, without an intermediate `String`.
struct SegmentWriter<'a>(&'a mut String);

impl Write for SegmentWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend(utf8_percent_encode(s, SEGMENT));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(value: &str) -> Result<String, Refusal> {
        let mut out = String::from("/companies/");
        push_segment(&mut out, &value)?;
        Ok(out)
    }

    #[test]
    fn uuid_passes_unchanged() {
        assert_eq!(
            encode("8a210b68-6988-11ed-a1eb-0242ac120002").unwrap(),
            "/companies/8a210b68-6988-11ed-a1eb-0242ac120002"
        );
    }

    #[test]
    fn separators_and_specials_are_encoded() {
        assert_eq!(encode("../x").unwrap(), "/companies/..%2Fx");
        assert_eq!(encode("a/b?c#d").unwrap(), "/companies/a%2Fb%3Fc%23d");
        assert_eq!(encode("100%").unwrap(), "/companies/100%25");
        assert_eq!(encode("a b+c").unwrap(), "/companies/a%20b%2Bc");
        assert_eq!(encode("%2e%2e").unwrap(), "/companies/%252e%252e");
        assert_eq!(encode("é").unwrap(), "/companies/%C3%A9");
        assert_eq!(encode("a\\b").unwrap(), "/companies/a%5Cb");
        assert_eq!(encode("...").unwrap(), "/companies/...");
    }

    #[test]
    fn dot_segments_and_empty_are_refused() {
        assert_eq!(encode(".."), Err(Refusal::DotSegment));
        assert_eq!(encode("."), Err(Refusal::DotSegment));
        assert_eq!(encode(""), Err(Refusal::Empty));
        let mut out = String::from("/x/");
        assert!(push_segment(&mut out, &"..").is_err());
        assert_eq!(out, "/x/", "a refused value leaves nothing behind");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(Refusal::Empty.reason(), "the value is empty");
        assert!(Refusal::DotSegment.reason().contains("`..`"));
    }

    #[test]
    fn non_string_values_are_formatted() {
        let mut out = String::new();
        push_segment(&mut out, &42u32).unwrap();
        assert_eq!(out, "42");
    }
}
