//! The description of one operation and one call, and the executor every declared operation
//! uses. Generated code reaches these through `codat_client::__private`.

use std::fmt::Display;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use bytes::Bytes;
use tracing::Instrument;

use crate::path::{push_component, push_segment};
use crate::rate_limit::RateLimit;
use crate::{response, Codat, Error};

/// HTTP methods an operation may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Whether repeating the request has the same effect as sending it once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    /// The method's name, e.g. `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The method as `reqwest` knows it.
    pub fn to_http(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// A piece of a path template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPart {
    /// Sent as written.
    Literal(&'static str),
    /// Filled from the parameter of this name, encoded as one segment.
    Param(&'static str),
}

/// Everything fixed about one declared operation; the macro emits one as a constant.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// The Rust method name.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template as declared, e.g. `/companies/<company_id>`.
    pub template: &'static str,
    /// The template split into literal text and placeholders.
    pub path: &'static [PathPart],
    /// The query parameters it may send, by their names on the wire.
    pub query: &'static [&'static str],
    /// Whether it sends a JSON body.
    pub body: bool,
    /// The statuses whose body is Codat's `ErrorMessage`.
    pub errors: &'static [u16],
}

/// One call of an operation: the filled, encoded path and query and the JSON body, or why the
/// call was refused before sending.
#[derive(Debug)]
pub struct Request {
    operation: &'static Operation,
    parts: Result<Parts, Error>,
}

#[derive(Debug)]
struct Parts {
    /// Path and query, e.g. `/companies?page=2`.
    path: String,
    body: Option<Bytes>,
}

impl Request {
    /// Fills the operation's path with `args`, one per placeholder in template order. A value
    /// that cannot stay one segment makes the call fail before anything is sent.
    pub fn new(operation: &'static Operation, args: &[&dyn Display]) -> Request {
        let parts = fill_path(operation, args).map(|path| Parts { path, body: None });
        Request { operation, parts }
    }

    /// Adds the query parameter `name` unless `value` is absent (`None`).
    pub fn query<V: QueryValue + ?Sized>(mut self, name: &str, value: &V) -> Request {
        if let Ok(parts) = &mut self.parts {
            value.append_to(&mut Query {
                name,
                path: &mut parts.path,
            });
        }
        self
    }

    /// Sends `body` as JSON; `None` (anything that serializes to `null`) sends no body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Request {
        if let Ok(parts) = &mut self.parts {
            match serde_json::to_vec(body) {
                Ok(json) if json == b"null" => parts.body = None,
                Ok(json) => parts.body = Some(Bytes::from(json)),
                Err(source) => self.parts = Err(Error::Encode { source }),
            }
        }
        self
    }

    /// The encoded path and query, or the error that refused the call.
    pub fn path(&self) -> Result<&str, &Error> {
        self.parts.as_ref().map(|parts| parts.path.as_str())
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.parts.as_ref().ok()?.body.as_deref()
    }
}

/// Where a query value is written: its name and the path it is appended to.
pub struct Query<'a> {
    name: &'a str,
    path: &'a mut String,
}

impl Query<'_> {
    /// Appends `name=value`, both encoded.
    pub fn push(&mut self, value: &dyn Display) {
        self.path
            .push(if self.path.contains('?') { '&' } else { '?' });
        push_component(self.path, &self.name);
        self.path.push('=');
        push_component(self.path, value);
    }
}

/// A value that can be sent as a query parameter. Implemented for strings, numbers, booleans,
/// Codat's string enums, references and `Option` (where `None` sends nothing); implement it
/// for a type of your own with [`Query::push`].
pub trait QueryValue {
    /// Appends this value under the query's name, or nothing.
    fn append_to(&self, query: &mut Query<'_>);
}

macro_rules! display_query_values {
    ($($ty:ty),*) => {$(
        impl QueryValue for $ty {
            fn append_to(&self, query: &mut Query<'_>) {
                query.push(&self);
            }
        }
    )*};
}
display_query_values!(str, String, bool, i32, i64, u32, u64, usize);

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn append_to(&self, query: &mut Query<'_>) {
        (**self).append_to(query);
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn append_to(&self, query: &mut Query<'_>) {
        if let Some(value) = self {
            value.append_to(query);
        }
    }
}

fn fill_path(operation: &Operation, args: &[&dyn Display]) -> Result<String, Error> {
    // Room for the base URL too, which `Codat::url` puts in front without reallocating.
    let mut path = String::with_capacity(160);
    let mut args = args.iter();
    for part in operation.path {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            PathPart::Param(name) => {
                let Some(value) = args.next() else {
                    return Err(Error::InvalidPathParameter {
                        name,
                        reason: "no value given",
                    });
                };
                push_segment(&mut path, *value).map_err(|refusal| Error::InvalidPathParameter {
                    name,
                    reason: refusal.reason(),
                })?;
            }
        }
    }
    Ok(path)
}

/// Sends `request` with the client's base URL, auth, timeouts and retry policy, and maps the
/// response: 2xx decodes to `T`, everything else becomes an [`Error`].
pub async fn execute<T: DeserializeOwned + 'static>(
    codat: &Codat,
    request: Request,
) -> Result<T, Error> {
    let operation = request.operation;
    let parts = request.parts?;
    // The template, not the filled path: ids stay out of span names and metrics labels.
    let span = tracing::info_span!(
        "codat.call",
        operation = operation.name,
        method = operation.method.as_str(),
        path = operation.template,
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    let started = Instant::now();
    let url = codat.url(parts.path);
    let call = attempts(codat, operation, &url, parts.body.as_ref(), started, &span);
    // Entering a span on every poll costs even when nobody listens; skip it then.
    let result = if span.is_disabled() {
        call.await
    } else {
        call.instrument(span.clone()).await
    };
    span.record("duration_ms", started.elapsed().as_millis() as u64);
    result
}

/// Attempts the call until it succeeds or the retry policy gives up. The whole-call timeout is
/// enforced by giving each attempt at most the time that is left, and by not starting a wait
/// that would outlast it, so that no extra timer runs beside the HTTP client's own.
async fn attempts<T: DeserializeOwned + 'static>(
    codat: &Codat,
    operation: &Operation,
    url: &str,
    body: Option<&Bytes>,
    started: Instant,
    span: &tracing::Span,
) -> Result<T, Error> {
    // A limit too far away to represent is no limit.
    let deadline = codat
        .total_timeout()
        .and_then(|limit| started.checked_add(limit));
    let timer = codat.timer();
    let policy_started = timer.now();
    let mut rng = None;
    let mut attempt = 1;
    loop {
        // On the call's own span only: when it is filtered out, the caller's span must not
        // receive these fields.
        span.record("attempt", attempt);
        let budget = match deadline {
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => codat.timeout().min(left),
                _ => return Err(Error::Timeout { source: None }),
            },
            None => codat.timeout(),
        };
        let error = match attempt_once(codat, operation, url, body, budget, span).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let elapsed = timer.now().saturating_duration_since(policy_started);
        let unit = rng.get_or_insert_with(fastrand::Rng::new).f64();
        let Some((wait, reason)) =
            codat
                .retry_policy()
                .decide(operation.method, &error, attempt, elapsed, unit)
        else {
            return Err(error);
        };
        if deadline.is_some_and(|deadline| wait_passes(Instant::now(), wait, deadline)) {
            return Err(error);
        }
        tracing::debug!(attempt, ?reason, wait_ms = wait.as_millis() as u64, %error, "retrying");
        timer.sleep(wait).await;
        attempt += 1;
    }
}

/// Whether a wait started at `now` would end at or after `deadline` (a wait too long to
/// represent always does).
fn wait_passes(now: Instant, wait: Duration, deadline: Instant) -> bool {
    now.checked_add(wait).is_none_or(|end| end >= deadline)
}

async fn attempt_once<T: DeserializeOwned + 'static>(
    codat: &Codat,
    operation: &Operation,
    url: &str,
    body: Option<&Bytes>,
    timeout: Duration,
    span: &tracing::Span,
) -> Result<T, Error> {
    let response = codat
        .send(operation.method.to_http(), url, body.cloned(), timeout)
        .await?;
    span.record("status", response.status().as_u16());
    let rate_limit = RateLimit::from_headers(response.headers());
    if let Some(rate) = &rate_limit {
        codat.record_rate_limit(rate.clone());
    }
    response::read(response, operation.errors, rate_limit).await
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: Operation = Operation {
        name: "get_access_token",
        method: Method::Get,
        template: "/companies/<company_id>/connectionManagement/accessToken",
        path: &[
            PathPart::Literal("/companies/"),
            PathPart::Param("company_id"),
            PathPart::Literal("/connectionManagement/accessToken"),
        ],
        query: &["page", "query"],
        body: true,
        errors: &[401, 404],
    };

    #[test]
    fn fills_and_encodes_the_path() {
        let request = Request::new(&OP, &[&"a/b"]);
        assert_eq!(
            request.path().unwrap(),
            "/companies/a%2Fb/connectionManagement/accessToken"
        );
    }

    #[test]
    fn refuses_dot_segments_naming_the_parameter() {
        let request = Request::new(&OP, &[&".."]);
        let err = request.path().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidPathParameter {
                name: "company_id",
                ..
            }
        ));
        assert!(err.to_string().contains("company_id"));
    }

    #[test]
    fn query_values_are_encoded_and_absent_ones_skipped() {
        let request = Request::new(&OP, &[&"c1"])
            .query("page", &Some(2))
            .query("pageSize", &None::<i32>)
            .query("query", &"name=A&B #1")
            .query("flag", &true);
        assert_eq!(
            request.path().unwrap(),
            "/companies/c1/connectionManagement/accessToken?page=2&query=name%3DA%26B%20%231&flag=true"
        );
    }

    #[test]
    fn json_body_is_serialized_and_none_sends_nothing() {
        let request = Request::new(&OP, &[&"c1"]).json(&serde_json::json!({"name": "Acme"}));
        assert_eq!(request.body(), Some(&br#"{"name":"Acme"}"#[..]));
        let request = Request::new(&OP, &[&"c1"]).json(&None::<String>);
        assert_eq!(request.body(), None);
        // A map with non-string keys cannot be JSON: refused before sending.
        let bad: std::collections::BTreeMap<(i32, i32), i32> = [((1, 2), 3)].into();
        let request = Request::new(&OP, &[&"c1"]).json(&bad);
        assert!(matches!(request.path(), Err(Error::Encode { .. })));
    }

    #[test]
    fn a_wait_that_cannot_be_represented_passes_any_deadline() {
        let now = Instant::now();
        let deadline = now + Duration::from_secs(10);
        assert!(!wait_passes(now, Duration::from_secs(9), deadline));
        assert!(wait_passes(now, Duration::from_secs(10), deadline));
        assert!(wait_passes(now, Duration::MAX, deadline));
    }

    #[test]
    fn missing_value_is_an_error_not_a_panic() {
        assert!(Request::new(&OP, &[]).path().is_err());
    }
}
