//! The description of one operation and one call, and the executor every declared operation
//! uses. Generated code reaches these through `codat_client::__private_0_1`.

use std::any::TypeId;
use std::collections::HashSet;
use std::fmt::Display;
use std::future::Future;
use std::ops::Range;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::task::Poll;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;

use bytes::Bytes;
use tracing::Instrument;

use crate::client::Limits;
use crate::download::Download;
use crate::error::CallContext;
use crate::hooks::{self, HookResponse};
use crate::limit::{Acquired, Ask, Limiter, Observed, Slot};
use crate::path::{push_component, push_segment};
use crate::rate_limit::RateLimit;
use crate::response::{self, Answer, MultiStatus, Read, Response};
use crate::retry::{Repeat, Timer};
use crate::upload::Upload;
use crate::{Codat, Error};

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

/// What a request sends as its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// JSON: an object, an array or any value.
    Json,
    /// `multipart/form-data` with one file part.
    Multipart,
}

/// What a successful response carries, as the declaration's return type says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// A JSON body decoded into the return type (`Option<T>` also accepts an empty body).
    Json,
    /// Nothing: the return type is `()`, whatever body comes is ignored.
    Empty,
    /// Bytes, read through a [`Download`].
    Binary,
}

impl ResponseKind {
    /// The `Accept` header for it: a file of whatever type the operation serves, with Codat's
    /// JSON error body still welcome; JSON otherwise.
    pub fn accept(self) -> &'static str {
        match self {
            ResponseKind::Binary => "*/*",
            ResponseKind::Json | ResponseKind::Empty => "application/json",
        }
    }
}

/// The header whose value lets Codat recognise a repeated request, so that retrying it is
/// safe whatever the method.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Everything fixed about one declared operation; the macro emits one as a constant.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// The Rust method name.
    pub name: &'static str,
    /// The crate that declared it, e.g. `codat-client` or `codat-sync-payables`.
    pub product: &'static str,
    /// The module that declared it, e.g. `codat_client::companies`.
    pub module: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template as declared, e.g. `/companies/<company_id>`.
    pub template: &'static str,
    /// The template split into literal text and placeholders.
    pub path: &'static [PathPart],
    /// The query parameters it may send, by their names on the wire.
    pub query: &'static [&'static str],
    /// Query parameters sent by its parameter groups (`#[params]`), one list per group.
    pub query_groups: &'static [&'static [&'static str]],
    /// The headers it may send, by their names.
    pub headers: &'static [&'static str],
    /// Headers sent by its parameter groups (`#[params]`), one list per group.
    pub header_groups: &'static [&'static [&'static str]],
    /// What it sends as its body.
    pub body: BodyKind,
    /// What a successful response carries.
    pub response: ResponseKind,
    /// The statuses whose body is Codat's `ErrorMessage`.
    pub errors: &'static [u16],
}

impl Operation {
    /// The fields a declaration leaves out: no query, headers or body, a JSON response. The
    /// macro writes `..Operation::DEFAULTS` after the fields it sets.
    pub const DEFAULTS: Operation = Operation {
        name: "",
        product: "",
        module: "",
        method: Method::Get,
        template: "",
        path: &[],
        query: &[],
        query_groups: &[],
        headers: &[],
        header_groups: &[],
        body: BodyKind::None,
        response: ResponseKind::Json,
        errors: &[],
    };

    /// Every query parameter name, its own and its groups'.
    pub fn query_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.query
            .iter()
            .chain(self.query_groups.iter().flat_map(|group| group.iter()))
            .copied()
    }

    /// Every header name, its own and its groups'.
    pub fn header_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.headers
            .iter()
            .chain(self.header_groups.iter().flat_map(|group| group.iter()))
            .copied()
    }

    /// Whether it takes an `Idempotency-Key` header.
    pub fn takes_idempotency_key(&self) -> bool {
        self.header_names()
            .any(|name| name.eq_ignore_ascii_case(IDEMPOTENCY_KEY))
    }
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
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Body,
    /// Where the `company_id` value is in `path`: the company Codat's per-company limit counts
    /// the call against.
    company: Option<Range<usize>>,
}

/// The body of one call.
#[derive(Debug)]
pub(crate) enum Body {
    None,
    Json(Bytes),
    Multipart(&'static str, Upload),
}

impl Request {
    /// Fills the operation's path with `args`, one per placeholder in template order. A value
    /// that cannot stay one segment makes the call fail before anything is sent.
    pub fn new(operation: &'static Operation, args: &[&dyn Display]) -> Request {
        let parts = fill_path(operation, args).map(|(path, company)| Parts {
            path,
            headers: Vec::new(),
            body: Body::None,
            company,
        });
        Request { operation, parts }
    }

    /// Adds the query parameters and headers of a parameter group (`#[params]`) that have
    /// values. A header value that is not valid makes the call fail before anything is sent.
    pub fn params<G: ParamGroup + ?Sized>(mut self, group: &G) -> Request {
        if let Ok(parts) = &mut self.parts {
            let mut writer = ParamWriter { parts, error: None };
            group.write_to(&mut writer);
            if let Some(err) = writer.error {
                self.parts = Err(err);
            }
        }
        self
    }

    /// Adds the header `name` unless `value` is absent. A value that is not a valid header
    /// value (a CR or LF in it, say) makes the call fail before anything is sent.
    pub fn header<V: HeaderArg + ?Sized>(mut self, name: &'static str, value: &V) -> Request {
        if let Ok(parts) = &mut self.parts
            && let Some(text) = value.header_text()
        {
            match header_pair(name, &text) {
                Ok(pair) => parts.headers.push(pair),
                Err(err) => self.parts = Err(err),
            }
        }
        self
    }

    /// Sends `upload` as the `multipart/form-data` part `name`.
    pub fn multipart(mut self, name: &'static str, upload: Upload) -> Request {
        if let Ok(parts) = &mut self.parts {
            parts.body = Body::Multipart(name, upload);
        }
        self
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
                Ok(json) if json == b"null" => parts.body = Body::None,
                Ok(json) => parts.body = Body::Json(Bytes::from(json)),
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
        match &self.parts.as_ref().ok()?.body {
            Body::Json(json) => Some(json),
            _ => None,
        }
    }

    /// The value of header `name` this call will send, if any.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        let parts = self.parts.as_ref().ok()?;
        let (_, value) = parts
            .headers
            .iter()
            .find(|(n, _)| n.as_str().eq_ignore_ascii_case(name))?;
        value.to_str().ok()
    }
}

pub(crate) fn header_pair(
    name: &'static str,
    value: &str,
) -> Result<(HeaderName, HeaderValue), Error> {
    let invalid = |reason| Error::InvalidHeader { name, reason };
    let header =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("not a valid header name"))?;
    let value = HeaderValue::from_str(value).map_err(|_| {
        invalid("the value has a control character (such as CR or LF) or is not text")
    })?;
    Ok((header, value))
}

/// A value that can be sent as a header: strings, numbers, and `Option` of them (`None` sends
/// nothing).
pub trait HeaderArg {
    /// The header's text, or `None` to send no header.
    fn header_text(&self) -> Option<String>;
}

macro_rules! display_header_args {
    ($($ty:ty),*) => {$(
        impl HeaderArg for $ty {
            fn header_text(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
display_header_args!(str, String, i32, i64, u32, u64);

impl<T: HeaderArg + ?Sized> HeaderArg for &T {
    fn header_text(&self) -> Option<String> {
        (**self).header_text()
    }
}

impl<T: HeaderArg> HeaderArg for Option<T> {
    fn header_text(&self) -> Option<String> {
        self.as_ref()?.header_text()
    }
}

/// The optional query parameters and headers of an operation, passed to its declaration as one
/// value with `#[params]` (e.g. [`PageParams`](crate::paging::PageParams)), so that a call
/// names what it sets and a parameter Codat adds later is not a breaking change.
/// `#[derive(ParamGroup)]` writes it from `#[query]` and `#[header("Name")]` fields.
pub trait ParamGroup {
    /// The wire names of every query parameter the group may send, for the operation's
    /// metadata.
    const QUERY: &'static [&'static str];
    /// The names of every header the group may send.
    const HEADERS: &'static [&'static str] = &[];
    /// Writes the parameters that have values.
    fn write_to(&self, out: &mut ParamWriter<'_>);
}

impl<G: ParamGroup + ?Sized> ParamGroup for &G {
    const QUERY: &'static [&'static str] = G::QUERY;
    const HEADERS: &'static [&'static str] = G::HEADERS;
    fn write_to(&self, out: &mut ParamWriter<'_>) {
        (**self).write_to(out);
    }
}

/// Where a [`ParamGroup`] writes its parameters.
#[derive(Debug)]
pub struct ParamWriter<'a> {
    parts: &'a mut Parts,
    error: Option<Error>,
}

impl ParamWriter<'_> {
    /// Appends the query parameter `name=value` unless `value` is absent.
    pub fn query<V: QueryValue + ?Sized>(&mut self, name: &str, value: &V) {
        value.append_to(&mut Query {
            name,
            path: &mut self.parts.path,
        });
    }

    /// Adds the header `name` unless `value` is absent. An invalid value (a CR or LF, say)
    /// fails the call before anything is sent.
    pub fn header<V: HeaderArg + ?Sized>(&mut self, name: &'static str, value: &V) {
        if self.error.is_some() {
            return;
        }
        if let Some(text) = value.header_text() {
            match header_pair(name, &text) {
                Ok(pair) => self.parts.headers.push(pair),
                Err(err) => self.error = Some(err),
            }
        }
    }
}

/// Where a query value is written: its name and the path it is appended to.
#[derive(Debug)]
pub struct Query<'a> {
    name: &'a str,
    path: &'a mut String,
}

impl<'a> Query<'a> {
    /// A value's writer for unit tests elsewhere in the crate.
    #[cfg(test)]
    pub(crate) fn for_test(name: &'a str, path: &'a mut String) -> Query<'a> {
        Query { name, path }
    }
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
display_query_values!(str, String, bool, i32, i64, u32, u64, usize, f64);

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

/// The name of the path value that says which company a call is about.
const COMPANY_ID: &str = "company_id";

/// The filled path, and where the `company_id` value is in it.
fn fill_path(
    operation: &Operation,
    args: &[&dyn Display],
) -> Result<(String, Option<Range<usize>>), Error> {
    // Room for the base URL too, which `Codat::url` puts in front without reallocating.
    let mut path = String::with_capacity(160);
    let mut company = None;
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
                let start = path.len();
                push_segment(&mut path, *value).map_err(|refusal| Error::InvalidPathParameter {
                    name,
                    reason: refusal.reason(),
                })?;
                if *name == COMPANY_ID {
                    company = Some(start..path.len());
                }
            }
        }
    }
    Ok((path, company))
}

/// Sends `request` with the client's base URL, auth, timeouts and retry policy, and maps the
/// response: 2xx decodes to `T`, everything else becomes an [`Error`].
pub async fn execute<T: DeserializeOwned + 'static>(
    codat: &Codat,
    request: Request,
) -> Result<T, Error> {
    run::<Json<T>>(codat, request)
        .await
        .map(|Json(value)| value)
}

/// [`execute`] for an operation that answers with bytes: the body is left unread.
pub async fn execute_download(codat: &Codat, request: Request) -> Result<Download, Error> {
    run::<Download>(codat, request).await
}

/// [`execute`] that also keeps the status, content type and headers of the response.
pub async fn execute_response<T: DeserializeOwned + Send + 'static>(
    codat: &Codat,
    request: Request,
) -> Result<Response<T>, Error> {
    run::<Response<T>>(codat, request).await
}

/// [`execute`] for an operation that answers 207 with a body of another shape when only part
/// of a batch succeeded.
pub async fn execute_multi_status<T, P>(
    codat: &Codat,
    request: Request,
) -> Result<MultiStatus<T, P>, Error>
where
    T: DeserializeOwned + 'static,
    P: DeserializeOwned + 'static,
{
    run::<MultiStatus<T, P>>(codat, request).await
}

/// How a successful response becomes the operation's result: what the call reads of it
/// (by code compiled once for every operation), then the result made from that, the only
/// part compiled once per result type.
trait Expect: Sized {
    /// What the call reads of a 2xx response.
    fn read() -> Read;

    /// The result, from what was read.
    fn finish(answer: Answer, codat: &Codat) -> Result<Self, Error>;
}

struct Json<T>(T);

impl<T: DeserializeOwned + 'static> Expect for Json<T> {
    fn read() -> Read {
        // `()` keeps nothing of the body.
        if TypeId::of::<T>() == TypeId::of::<()>() {
            Read::Skip
        } else {
            Read::Body
        }
    }

    fn finish(answer: Answer, _: &Codat) -> Result<Self, Error> {
        body(answer).decode().map(Json)
    }
}

impl Expect for Download {
    fn read() -> Read {
        Read::Nothing
    }

    fn finish(answer: Answer, codat: &Codat) -> Result<Self, Error> {
        let Answer::Unread(response) = answer else {
            unreachable!("a download's body is left unread")
        };
        // The body has no overall limit: a large file takes as long as it takes, as long as
        // bytes keep coming.
        Ok(Download::new(response, codat.timeout()))
    }
}

impl<T: DeserializeOwned + Send + 'static> Expect for Response<T> {
    fn read() -> Read {
        Read::BodyAndHeaders
    }

    fn finish(answer: Answer, _: &Codat) -> Result<Self, Error> {
        let mut body = body(answer);
        let value = body.decode()?;
        let headers = body.headers.take().unwrap_or_default();
        Ok(Response::new(body.status, headers, value))
    }
}

impl<T: DeserializeOwned + 'static, P: DeserializeOwned + 'static> Expect for MultiStatus<T, P> {
    fn read() -> Read {
        Read::Body
    }

    fn finish(answer: Answer, _: &Codat) -> Result<Self, Error> {
        let body = body(answer);
        if body.status == 207 {
            body.decode().map(MultiStatus::Partial)
        } else {
            body.decode().map(MultiStatus::Complete)
        }
    }
}

/// The body of an answer read whole.
fn body(answer: Answer) -> response::Body {
    match answer {
        Answer::Body(body) => body,
        Answer::Unread(_) => unreachable!("only a download leaves its body unread"),
    }
}

/// One call, as the attempts need it.
struct Call<'a> {
    operation: &'static Operation,
    url: &'a str,
    /// The `company_id` path value, as sent.
    company: Option<&'a str>,
    headers: &'a [(HeaderName, HeaderValue)],
    body: &'a Body,
    /// What is read of a 2xx answer before the attempt ends.
    read: Read,
    /// What a repeat may do, which decides the failures it is repeated after.
    repeat: Repeat,
}

/// A call whose result is `E`: everything but making `E` is [`call`], compiled once.
async fn run<E: Expect>(codat: &Codat, request: Request) -> Result<E, Error> {
    let (answer, end) = call(codat, request, E::read()).await?;
    match E::finish(answer, codat) {
        Ok(value) => {
            end.succeeded();
            Ok(value)
        }
        Err(error) => Err(end.failed(codat, error)),
    }
}

/// Sends `request` until it succeeds or the retry policy gives up, and reads what `read`
/// asks of the 2xx answer; a failure is told to the hooks and carries the call's context.
async fn call(codat: &Codat, request: Request, read: Read) -> Result<(Answer, End), Error> {
    let operation = request.operation;
    // Refused before any attempt: the hooks still hear of it.
    let refused = |error: Error| {
        hooks::after_error(codat.hooks(), operation, 0, &error);
        error
    };
    let mut parts = request.parts.map_err(refused)?;
    let key = idempotency_key(codat, operation, &mut parts.headers).map_err(refused)?;
    // The template, not the filled path: ids stay out of span names and metrics labels.
    // Field names after OpenTelemetry's HTTP client conventions; each recorded once.
    let span = tracing::info_span!(
        "codat.call",
        codat.operation = operation.name,
        codat.product = operation.product,
        http.request.method = operation.method.as_str(),
        url.template = operation.template,
        codat.attempts = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    let started = Instant::now();
    let base = codat.base_url().len();
    let url = codat.url(parts.path);
    let call = Call {
        operation,
        url: &url,
        company: parts
            .company
            .map(|range| &url[base + range.start..base + range.end]),
        headers: &parts.headers,
        body: &parts.body,
        read,
        // Only a POST or PATCH may act twice, and every one of them carries a key.
        repeat: key.map_or(Repeat::Idempotent, |_| Repeat::Keyed),
    };
    let mut status = None;
    let attempts = attempts(codat, &call, started, &span, &mut status);
    // Entering a span on every poll costs even when nobody listens; skip it then.
    let result = if span.is_disabled() {
        attempts.await
    } else {
        attempts.instrument(span.clone()).await
    };
    let elapsed = started.elapsed();
    span.record("duration_ms", elapsed.as_millis() as u64);
    if let Some(status) = status {
        span.record("http.response.status_code", status);
    }
    let key = key.map(|key| (parts.headers.swap_remove(key.index).1, key.given));
    let end = |made| End {
        operation,
        made,
        elapsed,
        key,
        span,
    };
    match result {
        Ok((answer, made)) => Ok((answer, end(made))),
        Err((error, made)) => Err(end(made).failed(codat, error)),
    }
}

/// What is left of a call once its attempts end: enough to tell of its end, success or
/// failure, however late the failure comes (a body that does not decode).
struct End {
    operation: &'static Operation,
    /// The attempts made.
    made: u32,
    elapsed: Duration,
    /// The `Idempotency-Key` sent, and whether the caller chose it.
    key: Option<(HeaderValue, bool)>,
    span: tracing::Span,
}

impl End {
    fn succeeded(self) {
        self.span.record("codat.attempts", self.made);
    }

    /// `error` with the call's context, once the hooks have heard of it.
    fn failed(self, codat: &Codat, mut error: Error) -> Error {
        let operation = self.operation;
        self.span.record("codat.attempts", self.made);
        if let Some((key, given)) = &self.key {
            error.set_idempotency_key(&String::from_utf8_lossy(key.as_bytes()), *given);
        }
        error.set_call_context(|| CallContext {
            operation: operation.name,
            method: operation.method.as_str(),
            template: operation.template,
            attempts: self.made,
            elapsed: self.elapsed,
        });
        hooks::after_error(codat.hooks(), operation, self.made, &error);
        error
    }
}

/// Where a call's `Idempotency-Key` is among its headers, and whether the caller chose it.
#[derive(Clone, Copy, Debug)]
struct Key {
    index: usize,
    given: bool,
}

/// The call's `Idempotency-Key`: the one its declaration's parameter gave, else the one the
/// client was given for its writes, else a fresh UUID v4 for a POST or PATCH (or an operation
/// that declares the header); the same for every attempt. A blank key is refused, never sent.
fn idempotency_key(
    codat: &Codat,
    operation: &Operation,
    headers: &mut Vec<(HeaderName, HeaderValue)>,
) -> Result<Option<Key>, Error> {
    if let Some(index) = headers
        .iter()
        .position(|(name, _)| name.as_str().eq_ignore_ascii_case(IDEMPOTENCY_KEY))
    {
        check_key(headers[index].1.as_bytes())?;
        return Ok(Some(Key { index, given: true }));
    }
    let writes = matches!(operation.method, Method::Post | Method::Patch);
    if !writes && !operation.takes_idempotency_key() {
        return Ok(None);
    }
    let (value, given) = match codat.idempotency_key() {
        Some(key) => {
            check_key(key.as_bytes())?;
            (header_pair(IDEMPOTENCY_KEY, key)?.1, true)
        }
        None => {
            let mut buffer = uuid::Uuid::encode_buffer();
            let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
            (
                HeaderValue::from_str(text).expect("a UUID is a header value"),
                false,
            )
        }
    };
    headers.push((HeaderName::from_static("idempotency-key"), value));
    Ok(Some(Key {
        index: headers.len() - 1,
        given,
    }))
}

fn check_key(key: &[u8]) -> Result<(), Error> {
    let refuse = |reason| {
        Err(Error::InvalidHeader {
            name: IDEMPOTENCY_KEY,
            reason,
        })
    };
    match (key.first(), key.last()) {
        _ if key.iter().all(u8::is_ascii_whitespace) => {
            refuse("the key is empty or blank; Codat needs a unique key (a GUID) per write")
        }
        // HTTP drops whitespace around a header value: Codat would see another key.
        (Some(first), Some(last)) if first.is_ascii_whitespace() || last.is_ascii_whitespace() => {
            refuse("the key starts or ends with whitespace, which HTTP does not carry")
        }
        _ => Ok(()),
    }
}

/// Attempts the call until it succeeds or the retry policy gives up; a failure comes with the
/// number of attempts made, and `status` holds the last HTTP status received. The whole-call
/// timeout is enforced by giving each attempt at most the time that is left, and by not
/// starting a wait that would outlast it, so that no extra timer runs beside the HTTP client's
/// own. Each attempt has a span of its own under the call's, when anyone listens.
async fn attempts(
    codat: &Codat,
    call: &Call<'_>,
    started: Instant,
    span: &tracing::Span,
    status: &mut Option<u16>,
) -> Result<(Answer, u32), (Error, u32)> {
    // A limit too far away to represent is no limit.
    let deadline = codat
        .total_timeout()
        .and_then(|limit| started.checked_add(limit));
    let timer = codat.timer();
    let policy_started = timer.now();
    let mut rng = None;
    let mut attempt = 1;
    loop {
        let budget = match deadline {
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => codat.timeout().min(left),
                _ => {
                    let timeout = Error::Timeout {
                        source: None,
                        idempotency_key: None,
                        call: None,
                    };
                    return Err((timeout, attempt - 1));
                }
            },
            None => codat.timeout(),
        };
        // Held until the attempt's answer has been read.
        let slot = match take_slot(codat, call.company, budget, deadline).await {
            Ok(slot) => slot,
            Err(error) => return Err((error, attempt - 1)),
        };
        // A child of the call's own span only: when that is filtered out, nothing is made.
        let once = if span.is_disabled() {
            attempt_once(codat, call, attempt, budget, &tracing::Span::none(), status).await
        } else {
            let attempt_span = tracing::info_span!(
                parent: span,
                "codat.attempt",
                codat.attempt = attempt,
                http.response.status_code = tracing::field::Empty,
            );
            attempt_once(codat, call, attempt, budget, &attempt_span, status)
                .instrument(attempt_span.clone())
                .await
        };
        drop(slot);
        let error = match once {
            Ok(answer) => return Ok((answer, attempt)),
            Err(error) => error,
        };
        let elapsed = timer.now().saturating_duration_since(policy_started);
        let unit = rng.get_or_insert_with(fastrand::Rng::new).f64();
        let Some((wait, reason)) =
            codat
                .retry_policy()
                .decide_for(call.repeat, &error, attempt, elapsed, unit)
        else {
            if error.is_retryable() {
                tracing::warn!(attempts = attempt, %error, "no retry left");
            }
            return Err((error, attempt));
        };
        // A 429 whose hint is longer than the client waits ends the call now, not after the
        // retry policy's own (shorter) wait.
        if let Some(hint) = held_too_long(codat, &error) {
            return Err((rate_limited(hint, SystemTime::now()), attempt));
        }
        if let Body::Multipart(_, upload) = call.body
            && !upload.is_replayable()
        {
            // The reader is spent: say why the call was not retried.
            let error = Error::UploadNotReplayable {
                source: Box::new(error),
            };
            return Err((error, attempt));
        }
        if deadline.is_some_and(|deadline| wait_passes(Instant::now(), wait, deadline)) {
            tracing::warn!(attempts = attempt, %error, "no retry left before the total timeout");
            return Err((error, attempt));
        }
        tracing::debug!(attempt, ?reason, wait_ms = wait.as_millis() as u64, %error, "retrying");
        timer.sleep(wait).await;
        attempt += 1;
    }
}

/// A slot for one attempt of `timeout` from the client's limiter (`None` without one), after
/// waiting out any hold it reports; a hold longer than the client waits, or past `deadline`,
/// fails the call with [`Error::RateLimited`], and no slot before `deadline` with
/// [`Error::Timeout`].
async fn take_slot(
    codat: &Codat,
    company: Option<&str>,
    timeout: Duration,
    deadline: Option<Instant>,
) -> Result<Option<Slot>, Error> {
    let timer = codat.timer();
    loop {
        let acquired = match codat.limits() {
            Limits::Off => return Ok(None),
            Limits::Local(local) => {
                before(
                    deadline,
                    timer,
                    local.acquire_local(company, || timer.now()),
                )
                .await
            }
            Limits::Custom(limiter) => {
                let mut ask = Ask::new(company, timer.now());
                ask.priority = codat.priority();
                ask.timeout = timeout;
                before(deadline, timer, limiter.acquire(ask)).await
            }
        };
        let wait = match acquired {
            Some(Acquired::Slot(slot)) => return Ok(Some(slot)),
            Some(Acquired::Hold(wait)) => wait,
            Some(Acquired::Unavailable(source)) => {
                return Err(Error::LimiterUnavailable { source, call: None })
            }
            None => {
                return Err(Error::Timeout {
                    source: None,
                    idempotency_key: None,
                    call: None,
                })
            }
        };
        if outwaits(wait, codat.max_rate_limit_wait(), deadline, Instant::now()) {
            return Err(rate_limited(wait, SystemTime::now()));
        }
        tracing::debug!(
            wait_ms = wait.as_millis() as u64,
            "waiting for Codat's rate limit to lift"
        );
        timer.sleep(wait).await;
    }
}

/// Whether a hold of `wait` from `now` is longer than the client waits (`max_wait`) or would
/// end at or past `deadline`.
fn outwaits(wait: Duration, max_wait: Duration, deadline: Option<Instant>, now: Instant) -> bool {
    wait > max_wait || deadline.is_some_and(|deadline| wait_passes(now, wait, deadline))
}

/// The `Retry-After` of a 429 that the client's limiter would hold every call for, when it is
/// longer than the client waits.
fn held_too_long(codat: &Codat, error: &Error) -> Option<Duration> {
    if matches!(codat.limits(), Limits::Off) || error.status() != Some(429) {
        return None;
    }
    error
        .retry_after()
        .filter(|hint| *hint > codat.max_rate_limit_wait())
}

/// [`Error::RateLimited`] for a hold of `wait` from `now`.
fn rate_limited(wait: Duration, now: SystemTime) -> Error {
    // A hold too long for the system clock is shown as a century away.
    let until = now
        .checked_add(wait)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now);
    Error::RateLimited {
        wait,
        until,
        call: None,
    }
}

/// `future`'s output, or `None` when `deadline` comes first. The timer is started only when
/// the future is not ready at once, so that an uncontended slot costs no timer.
async fn before<F: Future>(
    deadline: Option<Instant>,
    timer: &dyn Timer,
    future: F,
) -> Option<F::Output> {
    let Some(deadline) = deadline else {
        return Some(future.await);
    };
    let mut future = std::pin::pin!(future);
    let mut sleep = None;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        let sleep = sleep
            .get_or_insert_with(|| timer.sleep(deadline.saturating_duration_since(Instant::now())));
        sleep.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// Tells the client's limiter of an answer. The built-in limiter only cares for a 429 or a
/// window with no requests left, so other answers skip it.
fn observe(
    codat: &Codat,
    company: Option<&str>,
    status: u16,
    retry_after: Option<Duration>,
    rate_limit: Option<&RateLimit>,
) {
    let exhausted = rate_limit.is_some_and(|rate| rate.remaining == Some(0));
    let limiter: &dyn Limiter = match codat.limits() {
        Limits::Off => return,
        Limits::Local(_) if status != 429 && !exhausted => return,
        Limits::Local(local) => local,
        Limits::Custom(custom) => &**custom,
    };
    limiter.observe(&Observed {
        company,
        status,
        retry_after: retry_after.filter(|_| status == 429),
        rate_limit,
        now: codat.timer().now(),
    });
}

/// Whether a wait started at `now` would end at or after `deadline` (a wait too long to
/// represent always does).
fn wait_passes(now: Instant, wait: Duration, deadline: Instant) -> bool {
    now.checked_add(wait).is_none_or(|end| end >= deadline)
}

async fn attempt_once(
    codat: &Codat,
    call: &Call<'_>,
    attempt: u32,
    timeout: Duration,
    span: &tracing::Span,
    status: &mut Option<u16>,
) -> Result<Answer, Error> {
    let operation = call.operation;
    // The clock is read for hooks only: a client without them does not pay for it.
    let hooked = !codat.hooks().is_empty();
    let sent_at = hooked.then(Instant::now);
    let response = codat
        .send(
            operation,
            attempt,
            call.url,
            call.headers,
            call.body,
            timeout,
        )
        .await?;
    let code = response.status().as_u16();
    span.record("http.response.status_code", code);
    *status = Some(code);
    if let Some(sent_at) = sent_at {
        let head = HookResponse {
            status: code,
            headers: response.headers(),
            elapsed: sent_at.elapsed(),
        };
        hooks::after_response(codat.hooks(), operation, attempt, &head)?;
    }
    if response.headers().contains_key(&DEPRECATION) {
        warn_deprecated_once(operation, response.headers().get(&SUNSET));
    }
    let rate_limit = RateLimit::from_headers(response.headers());
    if let Some(rate) = &rate_limit {
        codat.record_rate_limit(rate.clone());
    }
    let response =
        response::success_or_error(response, operation.errors, rate_limit.as_ref()).await;
    // The hint the retry policy waits is the one the limiter holds for: read once.
    let retry_after = response.as_ref().err().and_then(Error::retry_after);
    observe(codat, call.company, code, retry_after, rate_limit.as_ref());
    response::read(response?, rate_limit, codat.max_response_body(), call.read).await
}

// Built once: looking a header up by `&str` parses and hashes the name on every response.
static DEPRECATION: HeaderName = HeaderName::from_static("deprecation");
static SUNSET: HeaderName = HeaderName::from_static("sunset");

/// Logs Codat's `Deprecation` header once per operation and process: often enough to be seen,
/// not once per call.
fn warn_deprecated_once(operation: &'static Operation, sunset: Option<&HeaderValue>) {
    static WARNED: OnceLock<Mutex<HashSet<(&'static str, &'static str)>>> = OnceLock::new();
    let first = WARNED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert((operation.product, operation.template));
    if first {
        let sunset = sunset
            .and_then(|v| v.to_str().ok())
            .unwrap_or("not announced");
        tracing::warn!(
            operation = operation.name,
            product = operation.product,
            path = operation.template,
            sunset,
            "Codat marks this operation as deprecated"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_up_to_the_longest_wait_before_the_deadline_is_waited_out() {
        let now = Instant::now();
        let minute = Duration::from_secs(60);
        assert!(!outwaits(minute, minute, None, now));
        assert!(outwaits(
            minute + Duration::from_nanos(1),
            minute,
            None,
            now
        ));
        assert!(!outwaits(minute, minute, Some(now + minute * 2), now));
        // One that ends at the deadline or after it is not.
        assert!(outwaits(minute, minute, Some(now + minute), now));
        assert!(outwaits(
            Duration::from_secs(5),
            minute,
            Some(now + minute / 60),
            now
        ));
        assert!(outwaits(
            Duration::MAX,
            Duration::MAX,
            Some(now + minute),
            now
        ));
    }

    #[test]
    fn rate_limited_says_when_the_limit_lifts() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let Error::RateLimited { wait, until, call } = rate_limited(Duration::from_secs(90), now)
        else {
            panic!("not RateLimited");
        };
        assert_eq!(
            (wait, until),
            (Duration::from_secs(90), now + Duration::from_secs(90))
        );
        assert!(call.is_none());
        // Too far for the system clock: a century on.
        let Error::RateLimited { until, .. } = rate_limited(Duration::MAX, now) else {
            panic!("not RateLimited");
        };
        assert_eq!(until, now + Duration::from_secs(100 * 365 * 86_400));
    }

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
        query_groups: &[],
        header_groups: &[],
        headers: &["Idempotency-Key"],
        body: BodyKind::Json,
        response: ResponseKind::Json,
        errors: &[401, 404],
        product: "codat-client",
        module: "codat_client::tests",
    };

    #[tokio::test]
    async fn a_207_is_partial_and_any_other_2xx_complete() {
        use wiremock::matchers::method;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        static GET: Operation = Operation {
            name: "create_batch",
            template: "/batch",
            path: &[PathPart::Literal("/batch")],
            ..Operation::DEFAULTS
        };
        for (status, partial) in [(207, true), (201, false), (200, false)] {
            let server = MockServer::builder().start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(status).set_body_json(7))
                .mount(&server)
                .await;
            let codat = Codat::builder()
                .api_key("k")
                .base_url(server.uri())
                .build()
                .unwrap();
            let answer = execute_multi_status::<u8, i64>(&codat, Request::new(&GET, &[]))
                .await
                .unwrap();
            match answer {
                MultiStatus::Partial(seven) => assert!(partial && seven == 7, "{status}"),
                MultiStatus::Complete(seven) => assert!(!partial && seven == 7, "{status}"),
            }
        }
    }

    #[test]
    fn methods_have_their_http_names_and_idempotence() {
        let all = [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ];
        let names: Vec<&str> = all.iter().map(|m| m.as_str()).collect();
        assert_eq!(names, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
        for method in all {
            assert_eq!(method.to_http().as_str(), method.as_str());
        }
        let idempotent: Vec<bool> = all.iter().map(|m| m.is_idempotent()).collect();
        assert_eq!(idempotent, [true, false, true, false, true]);
    }

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

    #[tokio::test]
    async fn headers_set_per_client_go_on_every_attempt_and_yield_to_the_call_s_own() {
        use wiremock::matchers::method;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        static TENANT: Operation = Operation {
            name: "tenant_call",
            template: "/t",
            path: &[PathPart::Literal("/t")],
            headers: &["X-Tenant"],
            response: ResponseKind::Empty,
            ..Operation::DEFAULTS
        };
        let server = MockServer::builder().start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        let codat = Codat::builder()
            .api_key("k")
            .base_url(server.uri())
            .retry_policy(
                crate::RetryPolicy::default()
                    .initial_interval(Duration::from_millis(1))
                    .max_interval(Duration::from_millis(1)),
            )
            .build()
            .unwrap();
        let tenant = codat
            .with_header("X-Trace", "first")
            .unwrap()
            .with_header("X-Tenant", "acme")
            .unwrap()
            .with_header("x-trace", "t-1")
            .unwrap();
        let debug = format!("{tenant:?}");
        assert!(
            debug.contains("x-trace") && !debug.contains("t-1"),
            "{debug}"
        );
        // Retried once (503), then the call with its own X-Tenant, then the parent client.
        execute::<()>(&tenant, Request::new(&TENANT, &[]))
            .await
            .unwrap();
        execute::<()>(
            &tenant,
            Request::new(&TENANT, &[]).header("X-Tenant", &"own"),
        )
        .await
        .unwrap();
        execute::<()>(&codat, Request::new(&TENANT, &[]))
            .await
            .unwrap();
        let seen: Vec<(Option<String>, Option<String>, usize)> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| {
                let one = |name: &str| {
                    let all: Vec<_> = r.headers.get_all(name).iter().collect();
                    (
                        all.first().map(|v| v.to_str().unwrap().to_owned()),
                        all.len(),
                    )
                };
                let (tenant, count) = one("x-tenant");
                (one("x-trace").0, tenant, count)
            })
            .collect();
        let t1 = || Some("t-1".to_owned());
        assert_eq!(
            seen,
            [
                (t1(), Some("acme".into()), 1),
                (t1(), Some("acme".into()), 1),
                (t1(), Some("own".into()), 1),
                (None, None, 0),
            ]
        );
    }

    #[test]
    fn headers_the_client_sets_or_cannot_send_are_refused() {
        let codat = Codat::builder().api_key("k").build().unwrap();
        for (name, value, reason) in [
            ("X-Tenant", "a\r\nX-Injected: 1", "control character"),
            ("X-Tenant", "a\nb", "control character"),
            ("X Tenant", "a", "not a valid header name"),
            ("Authorization", "Basic x", "sets this header itself"),
            ("content-length", "1", "sets this header itself"),
            ("User-Agent", "mine", "sets this header itself"),
            ("idempotency-key", "k-1", "with_idempotency_key"),
        ] {
            let err = codat.with_header(name, value).unwrap_err();
            assert!(
                matches!(err, Error::InvalidHeader { name: n, .. } if n == name),
                "{name}: {err:?}"
            );
            assert!(err.to_string().contains(reason), "{name}: {err}");
        }
        assert!(codat.with_header("X-Tenant", "").is_ok());
    }

    /// A group as `#[derive(ParamGroup)]` writes it, by hand: the derive lives in the macro
    /// crate, whose tests check its expansion.
    #[derive(Default)]
    struct Group {
        report_date: Option<String>,
        periods: Option<i32>,
        key: Option<String>,
        tenant: Option<String>,
    }

    impl ParamGroup for Group {
        const QUERY: &'static [&'static str] = &["reportDate", "periods"];
        const HEADERS: &'static [&'static str] = &["Idempotency-Key", "X-Tenant"];
        fn write_to(&self, out: &mut ParamWriter<'_>) {
            out.query("reportDate", &self.report_date);
            out.query("periods", &self.periods);
            out.header("Idempotency-Key", &self.key);
            out.header("X-Tenant", &self.tenant);
        }
    }

    static GROUPED: Operation = Operation {
        name: "grouped",
        template: "/companies/<company_id>",
        path: &[
            PathPart::Literal("/companies/"),
            PathPart::Param("company_id"),
        ],
        query_groups: &[<Group as ParamGroup>::QUERY],
        header_groups: &[<Group as ParamGroup>::HEADERS],
        ..Operation::DEFAULTS
    };

    #[test]
    fn a_group_sends_only_what_is_set_and_names_all_it_may_send() {
        let empty = Request::new(&GROUPED, &[&"c1"]).params(&Group::default());
        assert_eq!(empty.path().unwrap(), "/companies/c1");
        assert_eq!(empty.header_value("Idempotency-Key"), None);
        let group = Group {
            report_date: Some("2024-03-31".into()),
            periods: Some(3),
            key: Some("k-1".into()),
            tenant: None,
        };
        let request = Request::new(&GROUPED, &[&"c1"]).params(&group);
        assert_eq!(
            request.path().unwrap(),
            "/companies/c1?reportDate=2024-03-31&periods=3"
        );
        // A declaration may take the group by reference: the same parameters go out.
        let by_reference = Request::new(&GROUPED, &[&"c1"]).params(&&group);
        assert_eq!(by_reference.path().unwrap(), request.path().unwrap());
        assert_eq!(by_reference.header_value("Idempotency-Key"), Some("k-1"));
        assert_eq!(<&Group as ParamGroup>::QUERY, Group::QUERY);
        assert_eq!(<&Group as ParamGroup>::HEADERS, Group::HEADERS);
        assert_eq!(request.header_value("idempotency-key"), Some("k-1"));
        assert_eq!(request.header_value("X-Tenant"), None);
        assert_eq!(
            GROUPED.query_names().collect::<Vec<_>>(),
            ["reportDate", "periods"]
        );
        assert_eq!(
            GROUPED.header_names().collect::<Vec<_>>(),
            ["Idempotency-Key", "X-Tenant"]
        );
        assert!(GROUPED.takes_idempotency_key());
        assert!(!Operation::DEFAULTS.takes_idempotency_key());
    }

    #[test]
    fn a_bad_header_in_a_group_refuses_the_call_and_keeps_the_first_error() {
        let group = Group {
            key: Some("a\r\nX-Injected: 1".into()),
            tenant: Some("b\nc".into()),
            ..Group::default()
        };
        let request = Request::new(&GROUPED, &[&"c1"]).params(&group);
        let err = request.path().unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidHeader {
                    name: "Idempotency-Key",
                    ..
                }
            ),
            "{err:?}"
        );
        // A refused path stays refused: a later group does not overwrite the error.
        let group = Group {
            tenant: Some("ok".into()),
            ..Group::default()
        };
        let request = Request::new(&GROUPED, &[&".."]).params(&group);
        assert!(request.path().is_err());
        assert_eq!(request.header_value("X-Tenant"), None);
    }

    #[test]
    fn header_values_with_line_breaks_are_refused_before_sending() {
        for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb", "\0"] {
            let request = Request::new(&OP, &[&"c1"]).header("Idempotency-Key", &value);
            let err = request.path().unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidHeader {
                        name: "Idempotency-Key",
                        ..
                    }
                ),
                "{value:?}: {err:?}"
            );
            assert!(err.to_string().contains("Idempotency-Key"), "{err}");
        }
        let request = Request::new(&OP, &[&"c1"])
            .header("Idempotency-Key", &Some("k-1"))
            .header("X-Absent", &None::<&str>);
        assert_eq!(request.header_value("idempotency-key"), Some("k-1"));
        assert_eq!(request.header_value("x-absent"), None);
    }

    fn operation(method: Method, headers: &'static [&'static str]) -> &'static Operation {
        Box::leak(Box::new(Operation {
            method,
            headers,
            ..OP
        }))
    }

    fn key_of(
        codat: &Codat,
        op: &Operation,
        given: Option<&str>,
    ) -> Result<Option<(String, bool)>, Error> {
        let mut headers = Vec::new();
        if let Some(given) = given {
            headers.push(header_pair(IDEMPOTENCY_KEY, given)?);
        }
        let before = headers.len();
        let key = idempotency_key(codat, op, &mut headers)?;
        let keys: Vec<_> = headers
            .iter()
            .filter(|(n, _)| n.as_str().eq_ignore_ascii_case(IDEMPOTENCY_KEY))
            .collect();
        assert!(keys.len() <= 1, "one key at most: {headers:?}");
        assert_eq!(
            headers.len() - before,
            usize::from(key.is_some() && given.is_none())
        );
        Ok(key.map(|key| (headers[key.index].1.to_str().unwrap().to_owned(), key.given)))
    }

    fn client() -> Codat {
        Codat::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap()
    }

    #[test]
    fn every_post_and_patch_gets_a_key_and_nothing_else_unless_it_declares_one() {
        let codat = client();
        for method in [Method::Post, Method::Patch] {
            let (key, given) = key_of(&codat, operation(method, &[]), None)
                .unwrap()
                .unwrap();
            assert!(
                uuid::Uuid::parse_str(&key).is_ok_and(|u| u.get_version_num() == 4),
                "{key}"
            );
            assert!(!given);
            let (other, _) = key_of(&codat, operation(method, &[]), None)
                .unwrap()
                .unwrap();
            assert_ne!(key, other, "a fresh key per call");
        }
        for method in [Method::Get, Method::Put, Method::Delete] {
            assert_eq!(key_of(&codat, operation(method, &[]), None).unwrap(), None);
            // A PUT that declares the header (Sync for Payables' bill update) gets one.
            let declared = operation(method, &["Idempotency-Key"]);
            assert!(
                key_of(&codat, declared, None).unwrap().is_some(),
                "{method:?}"
            );
        }
    }

    #[test]
    fn a_key_given_per_call_or_as_a_parameter_is_sent_as_given() {
        let codat = client().with_idempotency_key("bill-INV-42");
        let post = operation(Method::Post, &[]);
        assert_eq!(
            key_of(&codat, post, None).unwrap(),
            Some(("bill-INV-42".to_owned(), true))
        );
        // The declaration's own parameter wins over the client's key.
        assert_eq!(
            key_of(&codat, post, Some("param key")).unwrap(),
            Some(("param key".to_owned(), true))
        );
        // Not on a read.
        assert_eq!(
            key_of(&codat, operation(Method::Get, &[]), None).unwrap(),
            None
        );
    }

    #[test]
    fn a_blank_key_is_refused_never_sent_empty() {
        let post = operation(Method::Post, &["Idempotency-Key"]);
        for blank in ["", " ", "\t", "  \t "] {
            let err = key_of(&client(), post, Some(blank)).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidHeader {
                        name: IDEMPOTENCY_KEY,
                        ..
                    }
                ),
                "{blank:?}: {err:?}"
            );
            let err = key_of(&client().with_idempotency_key(blank), post, None).unwrap_err();
            assert!(
                matches!(err, Error::InvalidHeader { .. }),
                "{blank:?}: {err:?}"
            );
            assert!(err.to_string().contains("empty or blank"), "{err}");
        }
        // Whitespace around a key would not reach Codat: refused rather than changed.
        for padded in [" k", "k ", "\tk"] {
            let err = key_of(&client(), post, Some(padded)).unwrap_err();
            assert!(err.to_string().contains("whitespace"), "{padded:?}: {err}");
        }
        // A key that is not a header value is refused too.
        let err = key_of(&client().with_idempotency_key("a\r\nb"), post, None).unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { .. }), "{err:?}");
    }

    #[test]
    fn missing_value_is_an_error_not_a_panic() {
        assert!(Request::new(&OP, &[]).path().is_err());
    }
}
