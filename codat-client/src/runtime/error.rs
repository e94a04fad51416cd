//! The one error type of the client, and Codat's `ErrorMessage` body.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::rate_limit::RateLimit;
use crate::response::snippet;

/// Everything that can go wrong in a call. Match on the variant, or use the accessors
/// ([`status`](Error::status), [`error_message`](Error::error_message),
/// [`correlation_id`](Error::correlation_id), [`body`](Error::body)) that work on any variant.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Codat answered with one of the operation's declared error statuses and its
    /// `ErrorMessage` body.
    #[error("{}", ApiDisplay(response, message))]
    Api {
        /// Status, content type, correlation id and the start of the body.
        response: Box<ResponseDetails>,
        /// The decoded body.
        message: Box<ErrorMessage>,
    },
    /// A status the operation does not declare, or a declared one whose body is not an
    /// `ErrorMessage` (an HTML page from a proxy, an empty body, plain text).
    #[error("unexpected HTTP status {}{}", response.status, BodyHint(response))]
    UnexpectedStatus {
        /// Status, content type, correlation id and the start of the body.
        response: Box<ResponseDetails>,
    },
    /// A 2xx response whose body does not decode as the expected type; for an item of a
    /// page, the item alone (the page's other items still decode).
    #[error("could not decode the {} response as `{expected}` at {path}: {source}", response.status)]
    Decode {
        /// Status, content type and the start of the body (of the item, for a page's item),
        /// credentials redacted.
        response: Box<ResponseDetails>,
        /// The Rust type that was expected.
        expected: &'static str,
        /// Where in the JSON decoding failed, e.g. `results[3].amountDue` (`.` for the whole
        /// body).
        path: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// An attempt took longer than the per-attempt timeout, or the whole call (retries
    /// included) longer than the total timeout.
    #[error("{} timed out{}{}{}", CallName(call, "the call to Codat"), CallTally(call), RootCause(source.as_ref().map(|s| s as _)), KeyHint(idempotency_key))]
    Timeout {
        /// The HTTP client's error, for a per-attempt timeout.
        #[source]
        source: Option<reqwest::Error>,
        /// The `Idempotency-Key` the write was sent with: repeating the call with it within
        /// Codat's 90 minutes cannot write twice.
        idempotency_key: Option<String>,
        /// The operation, its attempts and how long they took, once the call has ended.
        call: Option<Box<CallContext>>,
    },
    /// The request could not be sent or the response could not be read (connection refused or
    /// reset, DNS, TLS).
    #[error(
        "could not complete {}{}{}{}",
        CallName(call, "the request to Codat"),
        CallTally(call),
        RootCause(Some(source)),
        KeyHint(idempotency_key)
    )]
    Transport {
        /// The underlying error.
        #[source]
        source: reqwest::Error,
        /// The `Idempotency-Key` the write was sent with: repeating the call with it within
        /// Codat's 90 minutes cannot write twice.
        idempotency_key: Option<String>,
        /// The operation, its attempts and how long they took, once the call has ended.
        call: Option<Box<CallContext>>,
    },
    /// A 2xx body longer than the client's limit
    /// ([`CodatBuilder::max_response_body`](crate::CodatBuilder::max_response_body)); it
    /// was not decoded, and reading stopped at the limit.
    #[error("the {} response body is longer than the limit of {limit} bytes{}", response.status, KeyHint(&response.idempotency_key))]
    ResponseTooLarge {
        /// Status, content type and the start of the body.
        response: Box<ResponseDetails>,
        /// The limit in bytes.
        limit: u64,
    },
    /// The request body could not be serialized as JSON; nothing was sent.
    #[error("could not serialize the request body as JSON")]
    Encode {
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// A path value that cannot be sent as one path segment; nothing was sent.
    #[error("invalid value for path parameter `{name}`: {reason}")]
    InvalidPathParameter {
        /// The parameter's name.
        name: &'static str,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A header value that cannot be sent (a CR or LF in it, say); nothing was sent.
    #[error("invalid value for header `{name}`: {reason}")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A [`Hook`](crate::hooks::Hook) stopped the call by returning an error: before an
    /// attempt was sent, or when its answer arrived (its body unread). Never retried.
    #[error("hook {hook} stopped the call: {source}")]
    Hook {
        /// The hook's [`name`](crate::hooks::Hook::name).
        hook: &'static str,
        /// What the hook returned.
        #[source]
        source: crate::hooks::HookError,
    },
    /// The file of a multipart upload could not be read.
    #[error("could not read the file to upload")]
    Upload {
        /// What the file system or reader said.
        #[source]
        source: std::io::Error,
    },
    /// A download could not be written where it was to be saved; with
    /// [`Download::save_to`](crate::Download::save_to) nothing was left at the path (an
    /// earlier file there is untouched).
    #[error("could not write the download{}", path.as_ref().map(|p| format!(" to {}", p.display())).unwrap_or_default())]
    Save {
        /// Where it was to be saved; `None` for a writer.
        path: Option<std::path::PathBuf>,
        /// What the file system or writer said.
        #[source]
        source: std::io::Error,
    },
    /// An attempt failed in a way that is normally retried, but the upload was streamed from
    /// a reader that cannot be read again; `source` is the attempt's error.
    #[error("not retried, since the upload's reader cannot be read again: {source}")]
    UploadNotReplayable {
        /// Why the attempt failed.
        #[source]
        source: Box<Error>,
    },
    /// A list that pages by continuation token handed out a token it had given before: the
    /// walk ends instead of looping.
    #[error("the list repeated the continuation token {token:?}; the walk stops here")]
    RepeatedCursor {
        /// The repeated token.
        token: String,
    },
    /// An operation Codat runs in the background (a pull, a push, a sync, a report) ended in
    /// a failed state.
    #[error("the operation ended as {status}{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    OperationFailed {
        /// The failed status, as Codat names it.
        status: String,
        /// Codat's explanation, when it gave one.
        message: Option<String>,
    },
    /// Waiting for a background operation reached its deadline first.
    #[error("gave up waiting after {}; last status: {}{}", Seconds(*waited), status.as_deref().unwrap_or("none read"), last_error.as_ref().map(|e| format!("; the last poll failed: {e}")).unwrap_or_default())]
    WaitTimedOut {
        /// How long the wait lasted.
        waited: std::time::Duration,
        /// The last status read, if any poll succeeded.
        status: Option<String>,
        /// Why the last poll failed, when it did.
        #[source]
        last_error: Option<Box<Error>>,
    },
    /// Codat's rate limit holds calls for longer than the client waits
    /// ([`CodatBuilder::max_rate_limit_wait`](crate::CodatBuilder::max_rate_limit_wait)) or
    /// than the call's total timeout leaves: after a 429 with `Retry-After`, or an answer
    /// saying no requests are left until a reset. The attempt was not sent; try again after
    /// [`retry_after`](Error::retry_after).
    #[error("{} not sent: Codat's rate limit holds calls for another {}{}", CallName(call, "the call to Codat"), Seconds(*wait), CallTally(call))]
    RateLimited {
        /// How long the limit still held when the call gave up.
        wait: Duration,
        /// When the limit lifts, by the system clock.
        until: std::time::SystemTime,
        /// The operation, its attempts and how long they took.
        call: Option<Box<CallContext>>,
    },
    /// The client's limiter could not tell whether the call may be sent (a shared store such
    /// as Redis is unreachable) and was set to refuse calls then rather than go on without
    /// it. Nothing was sent.
    #[error(
        "{} not sent: the rate limiter is unavailable: {source}{}",
        CallName(call, "the call to Codat"),
        CallTally(call)
    )]
    LimiterUnavailable {
        /// Why the limiter could not tell.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
        /// The operation, its attempts and how long they took.
        call: Option<Box<CallContext>>,
    },
    /// The client was configured with something unusable.
    #[error("invalid Codat client configuration: {message}")]
    Config {
        /// What is wrong; never contains a credential.
        message: String,
    },
}

impl Error {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        self.response().map(|r| r.status)
    }

    /// Codat's error body, for a declared error status.
    pub fn error_message(&self) -> Option<&ErrorMessage> {
        match self {
            Error::Api { message, .. } => Some(message),
            Error::UploadNotReplayable { source } => source.error_message(),
            _ => None,
        }
    }

    /// Codat's correlation id, to quote to Codat support.
    pub fn correlation_id(&self) -> Option<&str> {
        self.response()?.correlation_id.as_deref()
    }

    /// The start of the response body (at most 4 KiB), when a response arrived.
    pub fn body(&self) -> Option<&str> {
        self.response().map(|r| r.body.as_str())
    }

    /// Status, content type, correlation id and body snippet, when a response arrived.
    pub fn response(&self) -> Option<&ResponseDetails> {
        match self {
            Error::Api { response, .. }
            | Error::UnexpectedStatus { response }
            | Error::ResponseTooLarge { response, .. }
            | Error::Decode { response, .. } => Some(response),
            Error::UploadNotReplayable { source } => source.response(),
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout {
                source: Some(source),
                idempotency_key: None,
                call: None,
            }
        } else {
            Error::Transport {
                source,
                idempotency_key: None,
                call: None,
            }
        }
    }

    /// The `Idempotency-Key` the failed write was sent with. Every POST and PATCH carries
    /// one; repeating the call with the same key (through
    /// [`Codat::with_idempotency_key`](crate::Codat::with_idempotency_key)) cannot write
    /// twice, and within 90 minutes Codat answers it with the first attempt's answer.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Timeout {
                idempotency_key, ..
            }
            | Error::Transport {
                idempotency_key, ..
            } => idempotency_key.as_deref(),
            Error::UploadNotReplayable { source } => source.idempotency_key(),
            _ => self.response()?.idempotency_key.as_deref(),
        }
    }

    /// Whether Codat refused the write because its `Idempotency-Key` had been used with
    /// another body (a 422 to a write whose key the caller chose; generated keys are never
    /// reused).
    pub fn is_idempotency_key_reused(&self) -> bool {
        self.status() == Some(422)
            && self
                .response()
                .is_some_and(|response| response.idempotency_key_given)
    }

    /// Records the key the call was sent with, once its last attempt failed.
    pub(crate) fn set_idempotency_key(&mut self, key: &str, given: bool) {
        match self {
            Error::Timeout {
                idempotency_key, ..
            }
            | Error::Transport {
                idempotency_key, ..
            } => *idempotency_key = Some(key.to_owned()),
            Error::UploadNotReplayable { source } => source.set_idempotency_key(key, given),
            other => {
                if let Some(response) = other.response_mut() {
                    response.idempotency_key = Some(key.to_owned());
                    response.idempotency_key_given = given;
                }
            }
        }
    }

    /// Records which operation failed, after how many attempts and how long, on a transport
    /// or timeout error (the others carry a response that says enough).
    pub(crate) fn set_call_context(&mut self, context: impl FnOnce() -> CallContext) {
        match self {
            Error::Timeout { call, .. }
            | Error::Transport { call, .. }
            | Error::RateLimited { call, .. }
            | Error::LimiterUnavailable { call, .. } => {
                *call = Some(Box::new(context()));
            }
            Error::UploadNotReplayable { source } => source.set_call_context(context),
            _ => {}
        }
    }

    /// The operation, attempts and time of a transport or timeout failure.
    pub fn call_context(&self) -> Option<&CallContext> {
        match self {
            Error::Timeout { call, .. }
            | Error::Transport { call, .. }
            | Error::RateLimited { call, .. }
            | Error::LimiterUnavailable { call, .. } => call.as_deref(),
            Error::UploadNotReplayable { source } => source.call_context(),
            _ => None,
        }
    }

    /// The whole error for a person to read, one fact a line: this error, the HTTP status,
    /// Codat's message and correlation id when there was a response, then each cause in turn.
    /// Secrets are redacted as everywhere else.
    ///
    /// ```
    /// let error = codat_client::Codat::builder().build().unwrap_err();
    /// assert!(error.report().to_string().starts_with("invalid Codat client configuration"));
    /// ```
    pub fn report(&self) -> Report<'_> {
        Report(self)
    }

    /// Whether the connection could not be made, so that nothing reached the server: a
    /// refused or unreachable connection, or a connect attempt that timed out.
    pub fn is_connect_failure(&self) -> bool {
        match self {
            Error::Transport { source, .. }
            | Error::Timeout {
                source: Some(source),
                ..
            } => source.is_connect(),
            _ => false,
        }
    }

    /// Whether trying the same call again later may succeed: 408, 429, a 5xx other than 501
    /// and 505 (which say the server cannot serve it at all), a timeout, a connection
    /// failure, a rate limit the client would not wait out, or a limiter that could not be
    /// reached. The client's [`RetryPolicy`](crate::RetryPolicy) already retries
    /// these within its limits.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. }
            | Error::Transport { .. }
            | Error::RateLimited { .. }
            | Error::LimiterUnavailable { .. } => true,
            Error::UploadNotReplayable { .. } => false,
            _ => matches!(self.status(), Some(408 | 429 | 500 | 502..=504 | 506..=599)),
        }
    }

    /// How long the server asked to wait before trying again (`Retry-After`), or how long
    /// the rate limit still held for [`Error::RateLimited`].
    pub fn retry_after(&self) -> Option<Duration> {
        if let Error::RateLimited { wait, .. } = self {
            return Some(*wait);
        }
        self.response()?.retry_after
    }

    /// The rate-limit headers of the response, when it had them.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.response()?.rate_limit.as_ref()
    }

    pub(crate) fn response_mut(&mut self) -> Option<&mut ResponseDetails> {
        match self {
            Error::Api { response, .. }
            | Error::UnexpectedStatus { response }
            | Error::ResponseTooLarge { response, .. }
            | Error::Decode { response, .. } => Some(response),
            _ => None,
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::Config {
            message: message.into(),
        }
    }
}

/// What an error keeps of the response it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseDetails {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Codat's correlation id, from the body when it carries one.
    pub correlation_id: Option<String>,
    /// The start of the body as text, at most 4 KiB.
    pub body: String,
    /// Whether the body was longer than what is kept.
    pub body_truncated: bool,
    /// The wait the server asked for in `Retry-After`, from when the response arrived.
    pub retry_after: Option<Duration>,
    /// Codat's rate-limit headers, when present.
    pub rate_limit: Option<RateLimit>,
    /// The `Idempotency-Key` the write was sent with, when it was a write.
    pub idempotency_key: Option<String>,
    /// Whether the caller chose that key (rather than the client generating it).
    pub idempotency_key_given: bool,
}

impl ResponseDetails {
    pub(crate) fn new(
        status: u16,
        content_type: Option<String>,
        body: &[u8],
        correlation_id: Option<String>,
    ) -> Self {
        let (body, body_truncated) = snippet(body);
        ResponseDetails {
            status,
            content_type,
            correlation_id,
            body,
            body_truncated,
            retry_after: None,
            rate_limit: None,
            idempotency_key: None,
            idempotency_key_given: false,
        }
    }
}

/// Codat's error body. Every field is optional: Codat does not promise any of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorMessage {
    /// The status Codat put in the body; the HTTP status is authoritative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i64>,
    /// The Codat service that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// A short description of what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The id that traces this request through Codat's services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Validation errors and warnings, when the request was refused for its content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<ErrorValidation>,
    /// Whether Codat thinks a retry may succeed; a string such as `"True"` or `"Unknown"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_be_retried: Option<String>,
    /// A machine-readable error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_error_code: Option<i64>,
}

impl ErrorMessage {
    /// Whether the body carries any field that only Codat's error body has. `error` alone is
    /// not enough: gateways and proxies send `{"error": ...}` or `{"message": ...}` too.
    pub fn is_from_codat(&self) -> bool {
        self.status_code.is_some()
            || self.correlation_id.is_some()
            || self.service.is_some()
            || self.can_be_retried.is_some()
            || self.detailed_error_code.is_some()
            || self.validation.is_some()
    }
}

/// Validation findings inside an [`ErrorMessage`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorValidation {
    /// Problems that made the request fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ErrorValidationItem>>,
    /// Problems that did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<ErrorValidationItem>>,
}

/// One validation finding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorValidationItem {
    /// The item the finding is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The validator that found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator_name: Option<String>,
}

/// Where a transport or timeout failure happened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallContext {
    /// The operation's method name, e.g. `list`.
    pub operation: &'static str,
    /// Its HTTP method, e.g. `GET`.
    pub method: &'static str,
    /// Its path template, e.g. `/companies/<company_id>/data/invoices`.
    pub template: &'static str,
    /// How many attempts were made.
    pub attempts: u32,
    /// How long the call took, attempts and waits between them included.
    pub elapsed: Duration,
}

/// `list (GET /companies/<company_id>/data/invoices)`, or the second field without a call.
struct CallName<'a>(&'a Option<Box<CallContext>>, &'static str);

impl fmt::Display for CallName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(call) => write!(f, "{} ({} {})", call.operation, call.method, call.template),
            None => f.write_str(self.1),
        }
    }
}

/// ` after 5 attempts in 1.2 s`, or nothing without a call.
struct CallTally<'a>(&'a Option<Box<CallContext>>);

impl fmt::Display for CallTally<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(call) = self.0 else {
            return Ok(());
        };
        let plural = if call.attempts == 1 { "" } else { "s" };
        write!(
            f,
            " after {} attempt{plural} in {}",
            call.attempts,
            Seconds(call.elapsed)
        )
    }
}

/// A duration as a person writes it: `35 ms`, `1.2 s`, `30 s`, `2 min 5 s`.
pub(crate) struct Seconds(pub(crate) Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        if d < Duration::from_secs(1) {
            write!(f, "{} ms", d.as_millis())
        } else if d < Duration::from_secs(10) {
            write!(f, "{:.1} s", d.as_secs_f64())
        } else if d < Duration::from_secs(120) {
            write!(f, "{} s", d.as_secs())
        } else {
            write!(f, "{} min {} s", d.as_secs() / 60, d.as_secs() % 60)
        }
    }
}

/// `: ` and the innermost cause of `error`, the one that says what really happened
/// (`Connection refused (os error 111)`), or nothing.
struct RootCause<'a>(Option<&'a (dyn std::error::Error + 'static)>);

impl fmt::Display for RootCause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(mut cause) = self.0 else {
            return Ok(());
        };
        while let Some(next) = cause.source() {
            cause = next;
        }
        write!(f, ": {cause}")
    }
}

/// [`Error::report`]: the whole error, one fact a line.
pub struct Report<'a>(&'a Error);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let err = self.0;
        write!(f, "{err}")?;
        if let Some(status) = err.status() {
            write!(f, "\n  HTTP status: {status}")?;
        }
        if let Some(message) = err.error_message().and_then(|m| m.error.as_deref()) {
            write!(f, "\n  Codat says: {message}")?;
        }
        if let Some(id) = err.correlation_id() {
            write!(f, "\n  correlation id: {id}")?;
        }
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            write!(f, "\n  caused by: {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

struct ApiDisplay<'a>(&'a ResponseDetails, &'a ErrorMessage);

impl fmt::Display for ApiDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ApiDisplay(response, message) = self;
        write!(f, "Codat API error {}", response.status)?;
        if let Some(text) = &message.error {
            write!(f, ": {text}")?;
        }
        if let Some(id) = &response.correlation_id {
            write!(f, " (correlation id {id})")?;
        }
        write!(f, "{}", ResponseKeyHint(response))
    }
}

/// The key a failed write carried and, for a 422 to a key the caller chose, what that means.
struct ResponseKeyHint<'a>(&'a ResponseDetails);

impl fmt::Display for ResponseKeyHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let response = self.0;
        write!(f, "{}", KeyHint(&response.idempotency_key))?;
        if response.status == 422 && response.idempotency_key_given {
            f.write_str("; Codat answers 422 when a key is reused with another body")?;
        }
        Ok(())
    }
}

/// Names the key a failed write carried, so that the caller can repeat it safely.
struct KeyHint<'a>(&'a Option<String>);

impl fmt::Display for KeyHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(key) => write!(f, " (Idempotency-Key {key})"),
            None => Ok(()),
        }
    }
}

/// A short hint of what came back, so that a log line alone says what happened.
struct BodyHint<'a>(&'a ResponseDetails);

impl fmt::Display for BodyHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let response = self.0;
        if let Some(content_type) = &response.content_type {
            write!(f, " ({content_type})")?;
        }
        let text = response.body.trim();
        if text.is_empty() {
            return f.write_str(" with an empty body");
        }
        let short: String = text.chars().take(200).collect();
        write!(f, ": {short}")?;
        if short.len() < text.len() || response.body_truncated {
            f.write_str("…")?;
        }
        if let Some(id) = &response.correlation_id {
            write!(f, " (correlation id {id})")?;
        }
        write!(f, "{}", ResponseKeyHint(response))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::classify;

    fn keyed(mut err: Error, given: bool) -> Error {
        err.set_idempotency_key("key-1", given);
        err
    }

    #[test]
    fn a_failed_write_keeps_its_key_and_a_422_to_a_key_given_says_it_was_reused() {
        let body = br#"{"statusCode": 422, "error": "key reused", "correlationId": "c1"}"#;
        let reused = keyed(classify(422, None, body, &[422]), true);
        assert_eq!(reused.idempotency_key(), Some("key-1"));
        assert!(reused.is_idempotency_key_reused());
        assert_eq!(
            reused.to_string(),
            "Codat API error 422: key reused (correlation id c1) (Idempotency-Key key-1); \
             Codat answers 422 when a key is reused with another body"
        );
        // A key the client made up cannot have been reused.
        let generated = keyed(classify(422, None, body, &[422]), false);
        assert!(!generated.is_idempotency_key_reused());
        assert!(generated
            .to_string()
            .ends_with("(correlation id c1) (Idempotency-Key key-1)"));
        // Another status to a key given is not about the key.
        let busy = br#"{"statusCode": 409, "error": "busy"}"#;
        let conflict = keyed(classify(409, None, busy, &[409]), true);
        assert!(!conflict.is_idempotency_key_reused());
        assert_eq!(
            conflict.to_string(),
            "Codat API error 409: busy (Idempotency-Key key-1)"
        );
        // Without a key, none is named.
        let plain = classify(422, None, body, &[422]);
        assert_eq!(plain.idempotency_key(), None);
        assert!(!plain.is_idempotency_key_reused());
        assert_eq!(
            plain.to_string(),
            "Codat API error 422: key reused (correlation id c1)"
        );
        // Every error with a response keeps it, and one inside an upload not replayed.
        let unexpected = keyed(classify(502, None, b"<html>bad gateway</html>", &[]), true);
        assert!(matches!(unexpected, Error::UnexpectedStatus { .. }));
        assert_eq!(unexpected.idempotency_key(), Some("key-1"));
        let upload = keyed(
            Error::UploadNotReplayable {
                source: Box::new(classify(503, None, b"", &[])),
            },
            true,
        );
        assert_eq!(upload.idempotency_key(), Some("key-1"));
        let timed_out = keyed(
            Error::UploadNotReplayable {
                source: Box::new(Error::Timeout {
                    source: None,
                    idempotency_key: None,
                    call: None,
                }),
            },
            true,
        );
        assert_eq!(timed_out.idempotency_key(), Some("key-1"));
        // An error without a response has nowhere to keep it.
        assert_eq!(keyed(Error::config("bad"), true).idempotency_key(), None);
    }

    #[test]
    fn durations_read_as_a_person_writes_them() {
        let cases = [
            (Duration::from_micros(900), "0 ms"),
            (Duration::from_millis(35), "35 ms"),
            (Duration::from_millis(999), "999 ms"),
            (Duration::from_millis(1_000), "1.0 s"),
            (Duration::from_millis(1_249), "1.2 s"),
            (Duration::from_millis(9_960), "10.0 s"),
            (Duration::from_secs(10), "10 s"),
            (Duration::from_secs(119), "119 s"),
            (Duration::from_secs(120), "2 min 0 s"),
            (Duration::from_secs(3_725), "62 min 5 s"),
            (Duration::MAX, "307445734561825860 min 15 s"),
        ];
        for (duration, text) in cases {
            assert_eq!(Seconds(duration).to_string(), text, "{duration:?}");
        }
    }

    #[test]
    fn a_wait_that_timed_out_reads_as_a_sentence() {
        let waited = Error::WaitTimedOut {
            waited: Duration::from_secs(30),
            status: Some("invoices Initial".into()),
            last_error: None,
        };
        assert_eq!(
            waited.to_string(),
            "gave up waiting after 30 s; last status: invoices Initial"
        );
        let never = Error::WaitTimedOut {
            waited: Duration::from_millis(1_500),
            status: None,
            last_error: Some(Box::new(classify(503, None, b"", &[]))),
        };
        assert_eq!(
            never.to_string(),
            "gave up waiting after 1.5 s; last status: none read; the last poll failed: \
             unexpected HTTP status 503 with an empty body"
        );
    }

    #[test]
    fn a_call_context_names_the_operation_attempts_and_time() {
        let mut err = Error::Timeout {
            source: None,
            idempotency_key: None,
            call: None,
        };
        err.set_call_context(|| CallContext {
            operation: "list",
            method: "GET",
            template: "/companies/<company_id>/data/invoices",
            attempts: 5,
            elapsed: Duration::from_millis(1_200),
        });
        err.set_idempotency_key("k-9", true);
        assert_eq!(
            err.to_string(),
            "list (GET /companies/<company_id>/data/invoices) timed out after 5 attempts in \
             1.2 s (Idempotency-Key k-9)"
        );
        assert_eq!(err.call_context().map(|c| c.attempts), Some(5));
        // Errors with a response say enough without it.
        let mut api = classify(404, None, br#"{"statusCode":404,"error":"gone"}"#, &[404]);
        api.set_call_context(|| unreachable!("not asked for an error with a response"));
        assert!(api.call_context().is_none());
        // An upload not replayed passes it to the error inside.
        let mut upload = Error::UploadNotReplayable {
            source: Box::new(Error::Timeout {
                source: None,
                idempotency_key: None,
                call: None,
            }),
        };
        upload.set_call_context(|| CallContext {
            operation: "upload",
            method: "POST",
            template: "/files",
            attempts: 1,
            elapsed: Duration::from_millis(80),
        });
        assert_eq!(upload.call_context().map(|c| c.operation), Some("upload"));
    }

    #[test]
    fn a_report_puts_each_fact_on_a_line() {
        let body = br#"{"statusCode": 404, "error": "Company not found", "correlationId": "c-7"}"#;
        let err = classify(404, None, body, &[404]);
        assert_eq!(
            err.report().to_string(),
            "Codat API error 404: Company not found (correlation id c-7)\n  HTTP status: 404\n  \
             Codat says: Company not found\n  correlation id: c-7"
        );
        assert_eq!(format!("{:?}", err.report()), err.report().to_string());
    }

    #[tokio::test]
    async fn transport_errors_keep_the_key_and_tell_a_refused_connection() {
        // A port just freed: the connection is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let refused = reqwest::get(format!("http://127.0.0.1:{port}/"))
            .await
            .unwrap_err();
        let err = keyed(Error::from_reqwest(refused), true);
        assert!(matches!(err, Error::Transport { .. }));
        assert!(err.is_connect_failure());
        assert_eq!(err.idempotency_key(), Some("key-1"));
        assert!(
            err.to_string().ends_with("(Idempotency-Key key-1)"),
            "{err}"
        );
        let timeout = keyed(
            Error::Timeout {
                source: None,
                idempotency_key: None,
                call: None,
            },
            true,
        );
        assert!(!timeout.is_connect_failure());
        assert_eq!(
            timeout.to_string(),
            "the call to Codat timed out (Idempotency-Key key-1)"
        );
        assert!(!Error::config("bad").is_connect_failure());
    }

    #[test]
    fn statuses_a_repeat_may_change_are_retryable() {
        for status in [408, 429, 500, 502, 503, 504, 506, 599] {
            assert!(classify(status, None, b"", &[]).is_retryable(), "{status}");
        }
        for status in [400, 404, 409, 499, 501, 505] {
            assert!(!classify(status, None, b"", &[]).is_retryable(), "{status}");
        }
    }

    #[test]
    fn an_upload_not_replayed_keeps_what_the_attempt_got_and_is_not_retryable() {
        let refused = classify(
            429,
            None,
            br#"{"statusCode": 429, "error": "slow down", "correlationId": "c9"}"#,
            &[429],
        );
        assert!(refused.is_retryable());
        let err = Error::UploadNotReplayable {
            source: Box::new(refused),
        };
        assert!(!err.is_retryable());
        assert_eq!(err.status(), Some(429));
        assert_eq!(err.correlation_id(), Some("c9"));
        assert_eq!(
            err.error_message().and_then(|m| m.error.as_deref()),
            Some("slow down")
        );
    }
}
