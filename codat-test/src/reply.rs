//! What the mock answers: a status, headers and a body.

use std::time::Duration;

use bytes::Bytes;
use hyper::http::{HeaderName, HeaderValue};
use serde::Serialize;

/// One answer of the mock: a status, headers and a body, optionally after a delay.
///
/// ```
/// use codat_test::Reply;
/// use std::time::Duration;
///
/// // Codat's own error body, as a rate limit sends it.
/// let busy = Reply::error(429, "Too many requests").header("Retry-After", "1");
/// // A model, or any `Serialize` value, as JSON.
/// let ok = Reply::ok(&serde_json::json!({ "id": "c1", "name": "Toft stores" }));
/// // Bytes exactly as given: a broken page, an HTML error, an empty body.
/// let broken = Reply::raw(502, "text/html", "<html>Bad gateway</html>");
/// let slow = Reply::status(204).delay(Duration::from_millis(50));
/// # let _ = (busy, ok, broken, slow);
/// ```
#[derive(Clone, Debug)]
pub struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Duration,
}

impl Reply {
    /// A status and no body.
    ///
    /// # Panics
    ///
    /// When `status` is not between 100 and 999.
    pub fn status(status: u16) -> Reply {
        assert!(
            (100..=999).contains(&status),
            "{status} is not an HTTP status"
        );
        Reply {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
            delay: Duration::ZERO,
        }
    }

    /// `value` written as JSON, with `content-type: application/json`.
    ///
    /// # Panics
    ///
    /// When `value` cannot be written as JSON (a map with keys that are not strings).
    pub fn json(status: u16, value: &impl Serialize) -> Reply {
        let body = serde_json::to_vec(value)
            .unwrap_or_else(|e| panic!("the reply's body cannot be written as JSON: {e}"));
        Reply::raw(status, "application/json", body)
    }

    /// `200 OK` with `value` written as JSON.
    pub fn ok(value: &impl Serialize) -> Reply {
        Reply::json(200, value)
    }

    /// A body exactly as given, with its content type: JSON text the client must reject,
    /// an HTML error page, a file.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Bytes>) -> Reply {
        let mut reply = Reply::status(status).header("content-type", content_type);
        reply.body = body.into();
        reply
    }

    /// Codat's error body (`statusCode`, `service`, `error`, `correlationId`,
    /// `canBeRetried`, `detailedErrorCode`) with `status` and `message`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(
            status,
            &serde_json::json!({
                "statusCode": status,
                "service": "codat-test",
                "error": message,
                "correlationId": format!("codat-test-{status}"),
                "canBeRetried": "Unknown",
                "detailedErrorCode": 0,
            }),
        )
    }

    /// The same reply with one more header; a second `content-type` replaces the first.
    ///
    /// # Panics
    ///
    /// When `name` is not a header name or `value` not a header value (CR, LF, NUL).
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("`{name}` is not a header name"));
        let value = HeaderValue::from_str(value)
            .unwrap_or_else(|_| panic!("the value of `{name}` is not a header value"));
        if name == hyper::http::header::CONTENT_TYPE {
            self.headers.retain(|(n, _)| n != name);
        }
        self.headers.push((name, value));
        self
    }

    /// The same reply, sent `delay` after the request has arrived: for timeouts and slow
    /// polls.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// The status.
    pub fn status_code(&self) -> u16 {
        self.status
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header<'r>(reply: &'r Reply, name: &str) -> Vec<&'r str> {
        reply
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.to_str().unwrap())
            .collect()
    }

    #[test]
    fn json_sets_the_type_and_the_body() {
        let reply = Reply::json(201, &serde_json::json!({ "a": 1 }));
        assert_eq!(reply.status_code(), 201);
        assert_eq!(reply.body(), br#"{"a":1}"#);
        assert_eq!(header(&reply, "content-type"), ["application/json"]);
        assert_eq!(Reply::ok(&[1, 2]).status_code(), 200);
    }

    #[test]
    fn errors_carry_codats_fields() {
        let reply = Reply::error(503, "down");
        let body: serde_json::Value = serde_json::from_slice(reply.body()).unwrap();
        assert_eq!(body["statusCode"], 503);
        assert_eq!(body["error"], "down");
        assert_eq!(body["correlationId"], "codat-test-503");
        assert_eq!(reply.status_code(), 503);
    }

    #[test]
    fn a_second_content_type_replaces_the_first_and_other_headers_add_up() {
        let reply = Reply::raw(200, "text/plain", "x")
            .header("Content-Type", "text/csv")
            .header("x-a", "1")
            .header("x-a", "2");
        assert_eq!(header(&reply, "content-type"), ["text/csv"]);
        assert_eq!(header(&reply, "x-a"), ["1", "2"]);
    }

    #[test]
    #[should_panic(expected = "not a header value")]
    fn header_values_with_line_breaks_are_refused() {
        let _ = Reply::status(200).header("x-a", "1\r\nx-b: 2");
    }

    #[test]
    #[should_panic(expected = "not a header name")]
    fn bad_header_names_are_refused() {
        let _ = Reply::status(200).header("a b", "1");
    }

    #[test]
    #[should_panic(expected = "1000 is not an HTTP status")]
    fn statuses_are_checked() {
        let _ = Reply::status(1000);
    }

    #[test]
    fn the_edges_of_the_status_range_are_statuses() {
        assert_eq!(Reply::status(100).status_code(), 100);
        assert_eq!(Reply::status(999).status_code(), 999);
        assert!(std::panic::catch_unwind(|| Reply::status(99)).is_err());
    }

    #[test]
    fn delay_is_kept() {
        let reply = Reply::status(204).delay(Duration::from_millis(7));
        assert_eq!(reply.delay, Duration::from_millis(7));
        assert!(reply.body().is_empty());
    }
}
