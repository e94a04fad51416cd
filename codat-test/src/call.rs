//! One request the mock received, for assertions afterwards.

use std::fmt;

use bytes::Bytes;
use codat_client::Operation;
use hyper::http::HeaderMap;
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

/// A request the mock received: which operation it called, with what path values, query,
/// headers and body.
///
/// Its `Debug` shows `authorization` as `<redacted>`.
#[derive(Clone)]
pub struct Call {
    pub(crate) operation: Option<&'static Operation>,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) path_values: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) raw_query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Call {
    /// The declared operation called; `None` when the request fits no declaration.
    pub fn operation(&self) -> Option<&'static Operation> {
        self.operation
    }

    /// The operation's short name, `companies::get` (its module's last segment and its
    /// function); `METHOD path` when it fits no declaration.
    pub fn name(&self) -> String {
        match self.operation {
            Some(op) => crate::route::short_name(op),
            None => format!("{} {}", self.method, self.path),
        }
    }

    /// The HTTP method, `GET`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path as sent, still percent-encoded, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value of the placeholder `name` of the operation's template, decoded:
    /// `path_value("company_id")`.
    pub fn path_value(&self, name: &str) -> Option<&str> {
        self.path_values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every placeholder's value, decoded, in the template's order.
    pub fn path_values(&self) -> &[(&'static str, String)] {
        &self.path_values
    }

    /// The first value of the query parameter `name`, decoded.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The query string as sent, still percent-encoded, without the `?`: to check how a value
    /// was encoded.
    pub fn raw_query(&self) -> &str {
        &self.raw_query
    }

    /// Every query parameter, decoded, in the order sent.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The first value of the header `name` (any case), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every header as sent, the auth header too: do not print it.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as sent.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body read as JSON into `T`: a model, or `serde_json::Value`.
    pub fn json<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.body)
    }
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() || name == "authorization" {
                    "<redacted>"
                } else {
                    value.to_str().unwrap_or("<not text>")
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("Call")
            .field("name", &self.name())
            .field("method", &self.method)
            .field("path", &self.path)
            .field("path_values", &self.path_values)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// The pairs of a query string, each name and value percent-decoded. `+` stays `+`: the
/// client encodes a space as `%20`.
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> Call {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Basic c2VjcmV0".parse().unwrap());
        headers.insert("x-tenant", "t1".parse().unwrap());
        Call {
            operation: None,
            method: "POST".into(),
            path: "/companies/a%2Fb".into(),
            path_values: vec![("company_id", "a/b".into())],
            query: query_pairs(Some("page=2&query=name%3D%22a%26b%22&page=3&flag")),
            raw_query: "page=2&query=name%3D%22a%26b%22&page=3&flag".into(),
            headers,
            body: Bytes::from_static(br#"{"name":"x"}"#),
        }
    }

    #[test]
    fn queries_are_decoded_in_order() {
        let call = call();
        assert_eq!(call.query("page"), Some("2"));
        assert_eq!(call.query("query"), Some("name=\"a&b\""));
        assert_eq!(call.query("flag"), Some(""));
        assert_eq!(call.query("nope"), None);
        assert_eq!(call.query_pairs().len(), 4);
        assert!(call.raw_query().contains("name%3D%22a%26b%22"));
        assert_eq!(
            query_pairs(Some("a+b=%20")),
            vec![("a+b".into(), " ".into())]
        );
        assert!(query_pairs(None).is_empty());
        assert!(query_pairs(Some("&&")).is_empty());
    }

    #[test]
    fn accessors_read_what_was_sent() {
        let call = call();
        assert_eq!(call.path_value("company_id"), Some("a/b"));
        assert_eq!(call.path_value("other"), None);
        assert_eq!(call.header("X-Tenant"), Some("t1"));
        assert_eq!(call.method(), "POST");
        assert_eq!(call.path(), "/companies/a%2Fb");
        assert_eq!(call.name(), "POST /companies/a%2Fb");
        let body: serde_json::Value = call.json().unwrap();
        assert_eq!(body["name"], "x");
        assert!(call.operation().is_none());
        assert_eq!(call.path_values(), [("company_id", "a/b".to_owned())]);
        assert_eq!(call.body(), br#"{"name":"x"}"#);
        assert_eq!(call.headers().len(), 2);
        assert_eq!(call.headers()["x-tenant"], "t1");
    }

    #[test]
    fn a_call_of_a_declared_operation_is_named_after_it() {
        static OP: Operation = Operation {
            name: "get",
            module: "codat_client::platform::companies",
            ..Operation::DEFAULTS
        };
        let call = Call {
            operation: Some(&OP),
            ..call()
        };
        assert_eq!(call.operation().map(|op| op.name), Some("get"));
        assert_eq!(call.name(), "companies::get");
    }

    #[test]
    fn debug_redacts_the_auth_header() {
        let shown = format!("{:?}", call());
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains("t1"), "{shown}");
    }
}
