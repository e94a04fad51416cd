//! Maps a response to the operation's result: where every status is decided.

use std::any::TypeId;
use std::time::SystemTime;

use bytes::{Bytes, BytesMut};

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorMessage, ResponseDetails};
use crate::rate_limit::RateLimit;
use crate::retry::parse_retry_after;

/// The most of a body that an error keeps.
pub const SNIPPET_LIMIT: usize = 4 * 1024;
/// The most of a non-2xx body that is read. Codat's error bodies are small, but a long
/// `validation` list can pass 64 KiB; past this limit the body is not decoded and the error
/// is [`Error::UnexpectedStatus`] with the start of the body kept.
pub const ERROR_BODY_LIMIT: usize = 1024 * 1024;

/// What a call reads of a 2xx response before its attempts end, decided by the operation's
/// result type and read by code compiled once for every operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Read {
    /// The whole body, to decode.
    Body,
    /// The whole body and a copy of the headers (a [`Response`]).
    BodyAndHeaders,
    /// A little of the body, so that the connection can be reused; the rest is dropped (an
    /// operation that returns `()`).
    Skip,
    /// Nothing: the body is left to the caller (a download).
    Nothing,
}

/// A 2xx response as the call read it ([`read`]). Turning it into the operation's result is
/// the only part of a call compiled once per result type.
#[derive(Debug)]
pub(crate) enum Answer {
    /// The body, read whole (empty when skipped).
    Body(Body),
    /// The response, its body unread.
    Unread(reqwest::Response),
}

/// A 2xx body read whole, with what a decode error keeps of its response.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) status: u16,
    /// The response headers, for a [`Read::BodyAndHeaders`].
    pub(crate) headers: Option<HeaderMap>,
    content_type: Option<HeaderValue>,
    rate_limit: Option<RateLimit>,
    bytes: Bytes,
}

/// Reads what `read` asks of a 2xx `response`, at most `limit` bytes of its body.
pub(crate) async fn read(
    mut response: reqwest::Response,
    rate_limit: Option<RateLimit>,
    limit: u64,
    read: Read,
) -> Result<Answer, Error> {
    let status = response.status().as_u16();
    let headers = match read {
        Read::Nothing => return Ok(Answer::Unread(response)),
        Read::Skip => {
            discard(&mut response).await;
            return Ok(Answer::Body(Body {
                status,
                headers: None,
                content_type: None,
                rate_limit: None,
                bytes: Bytes::new(),
            }));
        }
        Read::BodyAndHeaders => Some(response.headers().clone()),
        Read::Body => None,
    };
    // Turned into text only if an error needs it: the success path stays free of copies.
    let content_type = response.headers().get(CONTENT_TYPE).cloned();
    match read_limited(&mut response, limit).await {
        Ok(bytes) => Ok(Answer::Body(Body {
            status,
            headers,
            content_type,
            rate_limit,
            bytes,
        })),
        Err(Cut::TooLarge(start)) => {
            let mut details = ResponseDetails::new(status, None, &start, None);
            details.content_type = text(content_type);
            details.rate_limit = rate_limit;
            Err(Error::ResponseTooLarge {
                response: Box::new(details),
                limit,
            })
        }
        Err(Cut::Failed(source)) => Err(Error::from_reqwest(source)),
    }
}

impl Body {
    /// The body decoded as JSON (see [`decode_success`]); a decode error keeps the response's
    /// content type and rate limit.
    pub(crate) fn decode<T: DeserializeOwned + 'static>(&self) -> Result<T, Error> {
        decode_success(self.status, &self.bytes).map_err(|mut err| {
            if let Some(details) = err.response_mut() {
                details.content_type = text(self.content_type.clone());
                details.rate_limit = self.rate_limit.clone();
            }
            err
        })
    }
}

/// A header value as text, when it is.
fn text(value: Option<HeaderValue>) -> Option<String> {
    value.and_then(|v| v.to_str().ok().map(str::to_owned))
}

/// Why a body was not read whole.
#[derive(Debug)]
pub(crate) enum Cut {
    /// It is longer than the limit; what was read of it.
    TooLarge(Bytes),
    /// Reading it failed.
    Failed(reqwest::Error),
}

/// The body, when it is at most `limit` bytes long. A body announced as longer is refused
/// before any of it is read; one that turns out longer stops being read at the limit. A body
/// that comes in one chunk is not copied.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: u64,
) -> Result<Bytes, Cut> {
    // The header itself: a body's size hint is not always set from it.
    let announced = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit) {
        return Err(Cut::TooLarge(Bytes::new()));
    }
    let over = |length: usize| u64::try_from(length).map_or(true, |length| length > limit);
    let first = match response.chunk().await.map_err(Cut::Failed)? {
        Some(chunk) if over(chunk.len()) => return Err(Cut::TooLarge(chunk)),
        Some(chunk) => chunk,
        None => return Ok(Bytes::new()),
    };
    let Some(second) = response.chunk().await.map_err(Cut::Failed)? else {
        return Ok(first);
    };
    // Room for the announced length, within reason: a server may announce more than it sends.
    let room = announced.unwrap_or(0).min(limit).min(1 << 24) as usize;
    let mut body = BytesMut::with_capacity(room.max(first.len() + second.len()));
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if over(body.len().saturating_add(chunk.len())) {
            return Err(Cut::TooLarge(body.freeze()));
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(Cut::Failed)?;
    }
    Ok(body.freeze())
}

/// The most of an unread body that is read and dropped so that the connection can be used
/// again; past it the connection is closed instead.
const DISCARD_LIMIT: usize = 64 * 1024;

/// Reads and drops up to [`DISCARD_LIMIT`] bytes of a body nobody reads.
async fn discard(response: &mut reqwest::Response) {
    let mut read = 0;
    while read <= DISCARD_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => read += chunk.len(),
            Ok(None) | Err(_) => return,
        }
    }
}

/// The response itself when its status is 2xx, its body unread; otherwise the error its
/// status and body map to.
pub(crate) async fn success_or_error(
    mut response: reqwest::Response,
    declared: &[u16],
    rate_limit: Option<&RateLimit>,
) -> Result<reqwest::Response, Error> {
    if response.status().is_success() {
        return Ok(response);
    }
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok().map(str::to_owned));
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    // A failure while reading an error body still leaves the status, which matters more.
    let mut body = Vec::new();
    let mut complete = false;
    while body.len() <= ERROR_BODY_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => {
                complete = true;
                break;
            }
            Err(_) => break,
        }
    }
    // A body cut short is never decoded: its start may still parse as something else.
    let mut err = if complete {
        classify(status, content_type, &body, declared)
    } else {
        Error::UnexpectedStatus {
            response: Box::new(ResponseDetails::new(status, content_type, &body, None)),
        }
    };
    if let Some(details) = err.response_mut() {
        details.retry_after = retry_after;
        details.rate_limit = rate_limit.cloned();
        details.body_truncated |= !complete;
    }
    Err(err)
}

/// A success that may be partial: Codat answers `207 Multi-Status` when only some items of a
/// batch were accepted, with a body of another shape. Declare the operation to return
/// `Result<MultiStatus<T, P>, Error>`: a 207 decodes into `Partial(P)`, any other 2xx into
/// `Complete(T)`, so a partial success can never pass for a whole one.
#[derive(Clone, Debug, PartialEq)]
pub enum MultiStatus<T, P> {
    /// Every item was accepted (e.g. `201 Created`).
    Complete(T),
    /// `207 Multi-Status`: some items were not accepted; the body says which.
    Partial(P),
}

impl<T, P> MultiStatus<T, P> {
    /// Whether only part of the request succeeded.
    pub fn is_partial(&self) -> bool {
        matches!(self, MultiStatus::Partial(_))
    }

    /// The whole success, or the partial one as an `Err`.
    pub fn complete(self) -> Result<T, P> {
        match self {
            MultiStatus::Complete(value) => Ok(value),
            MultiStatus::Partial(partial) => Err(partial),
        }
    }
}

/// A successful response's decoded body with its status, content type and headers, for an
/// operation declared to return `Response<T>`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status, e.g. 200 or 201.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: u16, headers: reqwest::header::HeaderMap, value: T) -> Self {
        Response {
            status,
            headers,
            value,
        }
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The value of header `name`, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The decoded body.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// Decodes a 2xx body. An empty body reads as JSON `null`, so `()` and `Option<T>` accept a
/// 204; any other type reports it as a decode error. A decode error names the JSON path
/// where it failed.
pub(crate) fn decode_success<T: DeserializeOwned + 'static>(
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    // An operation that returns nothing ignores whatever body a 2xx carries.
    let json: &[u8] =
        if TypeId::of::<T>() == TypeId::of::<()>() || body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            body
        };
    serde_json::from_slice(json).map_err(|source| Error::Decode {
        response: Box::new(ResponseDetails::new(status, None, body, None)),
        expected: std::any::type_name::<T>(),
        path: failing_path::<T>(json),
        source,
    })
}

/// Where in `json` decoding as `T` fails, e.g. `results[3].amountDue`; `.` for the whole
/// value. Found by decoding again with the path tracked, so that a body that decodes pays
/// nothing for it.
pub(crate) fn failing_path<T: DeserializeOwned>(json: &[u8]) -> String {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(err) => err.path().to_string(),
        Ok(_) => ".".to_owned(),
    }
}

/// Maps a non-2xx response to its error. Only a JSON object with at least one of the fields
/// that mark Codat's `ErrorMessage` counts as one: a gateway's `{"message": "..."}` is not.
pub(crate) fn classify(
    status: u16,
    content_type: Option<String>,
    body: &[u8],
    declared: &[u16],
) -> Error {
    // serde also reads a struct from a JSON array; Codat's error body is always an object.
    let is_object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let message = is_object
        .then(|| serde_json::from_slice::<ErrorMessage>(body).ok())
        .flatten()
        .filter(ErrorMessage::is_from_codat);
    let correlation_id = message.as_ref().and_then(|m| m.correlation_id.clone());
    let response = Box::new(ResponseDetails::new(
        status,
        content_type,
        body,
        correlation_id,
    ));
    match message {
        Some(message) if declared.contains(&status) => Error::Api {
            response,
            message: Box::new(message),
        },
        _ => Error::UnexpectedStatus { response },
    }
}

/// The start of `body` as text, at most [`SNIPPET_LIMIT`] bytes once converted (invalid
/// UTF-8 becomes U+FFFD, three bytes for each bad byte), never cut inside a character, with
/// credential-like values redacted; and whether anything was left out.
pub(crate) fn snippet(body: &[u8]) -> (String, bool) {
    let mut cut = body.len().min(SNIPPET_LIMIT);
    // Step back over UTF-8 continuation bytes (at most three) to a character start, so that
    // a character split by the cut does not turn into U+FFFD.
    if cut < body.len() {
        while cut > SNIPPET_LIMIT - 4 && body[cut] & 0b1100_0000 == 0b1000_0000 {
            cut -= 1;
        }
    }
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    let mut truncated = cut < body.len();
    if text.len() > SNIPPET_LIMIT {
        let mut end = SNIPPET_LIMIT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        truncated = true;
    }
    (crate::redact::redact_credentials(&text), truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARED: &[u16] = &[401, 404, 503];

    /// A keep-alive HTTP/1.1 server on 127.0.0.1 answering every GET with a 200 and a body of
    /// `length` bytes; counts the connections made to it.
    async fn keep_alive(length: usize) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut pending = Vec::new();
                    let mut buf = [0u8; 4096];
                    loop {
                        let end = loop {
                            if let Some(i) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                                break i + 4;
                            }
                            match stream.read(&mut buf).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => pending.extend_from_slice(&buf[..n]),
                            }
                        };
                        pending.drain(..end);
                        let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {length}\r\n\r\n");
                        let body = vec![b' '; length];
                        if stream.write_all(head.as_bytes()).await.is_err()
                            || stream.write_all(&body).await.is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });
        (url, connections)
    }

    #[tokio::test]
    async fn a_body_nobody_reads_is_drained_for_reuse_up_to_64_kib_and_dropped_past_it() {
        use crate::runtime::request::{execute, Operation, PathPart, Request};
        use std::sync::atomic::Ordering;
        static NOTHING: Operation = Operation {
            name: "delete_nothing",
            template: "/nothing",
            path: &[PathPart::Literal("/nothing")],
            ..Operation::DEFAULTS
        };
        for (length, connections) in [(0, 1), (32 * 1024, 1), (60 * 1024, 1), (512 * 1024, 3)] {
            let (url, made) = keep_alive(length).await;
            let codat = crate::Codat::builder()
                .api_key("k")
                .base_url(url)
                .build()
                .unwrap();
            for _ in 0..3 {
                execute::<()>(&codat, Request::new(&NOTHING, &[]))
                    .await
                    .unwrap();
            }
            assert_eq!(made.load(Ordering::SeqCst), connections, "{length}");
        }
    }

    #[test]
    fn declared_status_with_error_message_is_api_error() {
        let body = br#"{"statusCode":404,"service":"PublicApi","error":"Company not found","correlationId":"c0ffee","canBeRetried":"Unknown","detailedErrorCode":0}"#;
        let err = classify(404, Some("application/json".into()), body, DECLARED);
        let Error::Api { message, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(message.error.as_deref(), Some("Company not found"));
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.correlation_id(), Some("c0ffee"));
    }

    #[test]
    fn http_status_wins_over_body_status_code() {
        let err = classify(401, None, br#"{"statusCode":500}"#, DECLARED);
        assert_eq!(err.status(), Some(401));
        assert_eq!(err.error_message().unwrap().status_code, Some(500));
    }

    #[test]
    fn declared_status_with_non_json_body_is_unexpected() {
        for body in [&b"<html>down</html>"[..], b"", b"oops", b"[1]"] {
            let err = classify(503, Some("text/html".into()), body, DECLARED);
            assert!(
                matches!(err, Error::UnexpectedStatus { .. }),
                "{body:?}: {err:?}"
            );
            assert_eq!(err.status(), Some(503));
            assert_eq!(err.body(), Some(String::from_utf8_lossy(body).as_ref()));
        }
    }

    #[test]
    fn undeclared_status_is_unexpected_but_keeps_correlation_id() {
        let err = classify(418, None, br#"{"correlationId":"abc"}"#, DECLARED);
        assert!(matches!(err, Error::UnexpectedStatus { .. }));
        assert_eq!(err.correlation_id(), Some("abc"));
        assert!(err.error_message().is_none());
    }

    #[test]
    fn empty_body_decodes_as_unit_but_not_as_struct() {
        assert!(decode_success::<()>(204, b"").is_ok());
        assert!(decode_success::<()>(204, br#"{"ignored":true}"#).is_ok());
        #[derive(serde::Deserialize, Debug)]
        struct Token {
            #[allow(dead_code)]
            access_token: String,
        }
        let err = decode_success::<Token>(200, b"").unwrap_err();
        assert!(matches!(err, Error::Decode { .. }));
        assert!(err.to_string().contains("Token"), "{err}");
    }

    #[test]
    fn a_json_object_that_is_not_codats_is_unexpected_and_shows_its_body() {
        let body = br#"{"message": "Service Unavailable"}"#;
        let err = classify(503, Some("application/json".into()), body, DECLARED);
        assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
        assert!(err.to_string().contains("Service Unavailable"), "{err}");
        // Any one of Codat's marker fields is enough.
        for body in [
            &br#"{"statusCode": 503}"#[..],
            br#"{"correlationId": "x"}"#,
            br#"{"service": "PublicApi"}"#,
            br#"{"canBeRetried": "Unknown"}"#,
            br#"{"detailedErrorCode": 0}"#,
            br#"{"validation": {"errors": []}}"#,
        ] {
            let err = classify(503, None, body, DECLARED);
            assert!(matches!(err, Error::Api { .. }), "{err:?}");
        }
        assert!(matches!(
            classify(503, None, br#"{"error": "busy"}"#, DECLARED),
            Error::UnexpectedStatus { .. }
        ));
    }

    #[test]
    fn snippet_stays_within_the_limit_after_lossy_conversion() {
        // Every invalid byte becomes a three-byte U+FFFD.
        let (text, truncated) = snippet(&[0xff; SNIPPET_LIMIT]);
        assert!(text.len() <= SNIPPET_LIMIT, "{}", text.len());
        assert!(truncated);
        assert!(text.chars().all(|c| c == '\u{fffd}'));
        let (text, truncated) = snippet(&[0xff; 10]);
        assert_eq!((text.chars().count(), truncated), (10, false));
    }

    #[test]
    fn snippet_steps_back_over_a_character_cut_by_the_limit() {
        // 4095 ASCII bytes, then a three-byte character across the limit.
        let mut body = vec![b'a'; SNIPPET_LIMIT - 1];
        body.extend_from_slice("€tail".as_bytes());
        let (text, truncated) = snippet(&body);
        assert!(truncated);
        assert_eq!(text.len(), SNIPPET_LIMIT - 1);
        assert!(!text.contains('\u{fffd}'));
        // Three bytes of a four-byte character before the limit: a replacement character would
        // fit exactly, so only stepping back keeps the text free of one.
        let mut body = vec![b'a'; SNIPPET_LIMIT - 3];
        body.extend_from_slice("😀 and more".as_bytes());
        let (text, truncated) = snippet(&body);
        assert!(truncated);
        assert_eq!(text, "a".repeat(SNIPPET_LIMIT - 3));
        // A long run of bytes that are all continuation bytes: the step back is bounded, and
        // the snippet still fills the limit with replacement characters.
        let (text, truncated) = snippet(&[0x80; SNIPPET_LIMIT + 100]);
        assert!(truncated);
        assert_eq!(text.chars().count(), SNIPPET_LIMIT / 3);
        // A body of exactly the limit is whole.
        let body = "é".repeat(SNIPPET_LIMIT / 2);
        assert_eq!(snippet(body.as_bytes()), (body.clone(), false));
    }

    #[test]
    fn a_partial_success_is_never_taken_for_a_whole_one() {
        let whole: MultiStatus<u8, &str> = MultiStatus::Complete(1);
        let partial: MultiStatus<u8, &str> = MultiStatus::Partial("item 2 refused");
        assert!(!whole.is_partial() && partial.is_partial());
        assert_eq!(whole.complete(), Ok(1));
        assert_eq!(partial.complete(), Err("item 2 refused"));
    }

    /// A response whose body comes in `chunks`, with `length` announced if given.
    fn streamed(chunks: Vec<&'static [u8]>, length: Option<u64>) -> reqwest::Response {
        let stream = futures_util::stream::iter(
            chunks
                .into_iter()
                .map(|c| Ok::<_, std::io::Error>(Bytes::from_static(c))),
        );
        let mut builder = http::Response::builder().status(200);
        if let Some(length) = length {
            builder = builder.header("content-length", length);
        }
        reqwest::Response::from(builder.body(reqwest::Body::wrap_stream(stream)).unwrap())
    }

    fn read(chunks: Vec<&'static [u8]>, length: Option<u64>, limit: u64) -> Result<Bytes, Cut> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(read_limited(&mut streamed(chunks, length), limit))
    }

    #[test]
    fn a_body_within_the_limit_is_read_whole_in_one_or_many_chunks() {
        assert_eq!(read(vec![], None, 4).unwrap(), Bytes::new());
        assert_eq!(read(vec![b"abcd"], None, 4).unwrap(), "abcd");
        assert_eq!(read(vec![b"ab", b"c", b"d"], None, 4).unwrap(), "abcd");
        assert_eq!(read(vec![b"ab", b"cd"], Some(4), 4).unwrap(), "abcd");
        // An announced length larger than what comes is not trusted for the buffer.
        assert_eq!(
            read(vec![b"a", b"b"], Some(1 << 40), 1 << 41).unwrap(),
            "ab"
        );
    }

    #[test]
    fn a_body_past_the_limit_stops_at_it_and_keeps_its_start() {
        // Announced: refused before reading.
        let Err(Cut::TooLarge(start)) = read(vec![b"abcde"], Some(5), 4) else {
            panic!("announced too large")
        };
        assert!(start.is_empty());
        // One chunk past the limit.
        let Err(Cut::TooLarge(start)) = read(vec![b"abcde"], None, 4) else {
            panic!("first chunk too large")
        };
        assert_eq!(start, "abcde");
        // Several chunks, the limit passed by one byte in the third: what came before it.
        let Err(Cut::TooLarge(start)) = read(vec![b"ab", b"cd", b"e", b"never read"], None, 4)
        else {
            panic!("too large over several chunks")
        };
        assert_eq!(start, "abcd");
        let Err(Cut::TooLarge(_)) = read(vec![b"ab", b"cde"], None, 4) else {
            panic!("second chunk past the limit")
        };
        // A zero limit allows only an empty body.
        assert_eq!(read(vec![], None, 0).unwrap(), "");
        assert!(matches!(read(vec![b"x"], None, 0), Err(Cut::TooLarge(_))));
    }

    #[test]
    fn a_body_too_large_is_a_typed_error_that_says_so() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let err = runtime
            .block_on(super::read(
                streamed(vec![b"{\"a\":", b"\"0123456789\"}"], None),
                None,
                8,
                Read::Body,
            ))
            .unwrap_err();
        let Error::ResponseTooLarge { limit, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*limit, 8);
        assert_eq!(err.status(), Some(200));
        assert!(err.to_string().contains("limit of 8 bytes"), "{err}");
        // A body nobody reads is not held to the limit, nor buffered.
        let skipped = runtime
            .block_on(super::read(
                streamed(vec![b"{\"a\":", b"\"0123456789\"}"], None),
                None,
                8,
                Read::Skip,
            ))
            .unwrap();
        let Answer::Body(body) = skipped else {
            panic!("a skipped body is an empty one")
        };
        assert!(body.bytes.is_empty());
        body.decode::<()>().unwrap();
    }

    #[test]
    fn a_decode_error_names_the_json_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Line {
            amount: f64,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Invoice {
            id: String,
            lines: Vec<Line>,
        }
        let body = br#"{"id":"i1","lines":[{"amount":1},{"amount":"two"}]}"#;
        let err = decode_success::<Invoice>(200, body).unwrap_err();
        let Error::Decode { path, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(path, "lines[1].amount");
        assert!(err.to_string().contains("at lines[1].amount"), "{err}");
        let Error::Decode { path, .. } = decode_success::<Invoice>(200, b"\"x\"").unwrap_err()
        else {
            panic!()
        };
        assert_eq!(path, ".");
        let Error::Decode { path, .. } = decode_success::<Invoice>(200, b"[1]").unwrap_err() else {
            panic!()
        };
        assert_eq!(path, "[0]");
        assert_eq!(failing_path::<Invoice>(br#"{"id":"i1","lines":[]}"#), ".");
    }

    #[test]
    fn snippet_is_bounded_on_a_char_boundary() {
        let body = "é".repeat(SNIPPET_LIMIT); // two bytes each
        let (text, truncated) = snippet(body.as_bytes());
        assert!(truncated);
        assert!(text.len() <= SNIPPET_LIMIT);
        assert!(text.chars().all(|c| c == 'é'));
        assert_eq!(snippet(b"short"), ("short".to_owned(), false));
    }
}
