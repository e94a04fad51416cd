//! Hooks: code of the application's own that runs at each step of every call, registered on
//! the builder ([`CodatBuilder::hook`](crate::CodatBuilder::hook)).
//!
//! A [`Hook`] sees each attempt before it is sent (and may add, change or remove headers),
//! each answer's head as it arrives, and a call's final error. Several hooks run in the order
//! they were registered. A hook that returns an error stops the call there with
//! [`Error::Hook`](crate::Error::Hook), which is never retried. A client without hooks pays
//! nothing for them.
//!
//! The `Authorization` header is not shown to a hook by accident: [`HookRequest::header`],
//! [`HookRequest::headers`] and `Debug` give it as `<redacted>`; a hook that needs it (to sign
//! the request, say) asks with [`HookRequest::authorization`].
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use codat_client::hooks::{Hook, HookContext, HookError, HookRequest, HookResponse};
//! use codat_client::Codat;
//!
//! /// Adds the tenant's id to every attempt and counts server errors.
//! struct Tenant {
//!     id: String,
//!     server_errors: AtomicU64,
//! }
//!
//! impl Hook for Tenant {
//!     fn before_attempt(&self, _: &HookContext<'_>, request: &mut HookRequest<'_>)
//!         -> Result<(), HookError>
//!     {
//!         request.set_header("X-Tenant-Id", &self.id)?;
//!         Ok(())
//!     }
//!
//!     fn after_response(&self, _: &HookContext<'_>, response: &HookResponse<'_>)
//!         -> Result<(), HookError>
//!     {
//!         if response.status() >= 500 {
//!             self.server_errors.fetch_add(1, Ordering::Relaxed);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let codat = Codat::builder()
//!     .api_key("my-api-key")
//!     .hook(Tenant { id: "acme".into(), server_errors: AtomicU64::new(0) })
//!     .build()?;
//! # Ok::<(), codat_client::Error>(())
//! ```

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, AUTHORIZATION};

use crate::redact::REDACTED;
use crate::request::{header_pair, Operation};
use crate::Error;

/// What a hook returns to stop a call: any error, kept as the source of
/// [`Error::Hook`](crate::Error::Hook).
pub type HookError = Box<dyn std::error::Error + Send + Sync>;

/// Code that runs at each step of every call. Every method does nothing by default; implement
/// those you need.
pub trait Hook: Send + Sync + 'static {
    /// The hook's name in [`Error::Hook`](crate::Error::Hook); the type's name by default.
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }

    /// Before each attempt is sent, the first and every retry: may read the request and add,
    /// change or remove headers. An error stops the call before this attempt is sent.
    fn before_attempt(
        &self,
        context: &HookContext<'_>,
        request: &mut HookRequest<'_>,
    ) -> Result<(), HookError> {
        let _ = (context, request);
        Ok(())
    }

    /// When an attempt's answer has arrived, before its body is read: its status, headers
    /// and how long the attempt took. An error stops the call (the body is not read).
    fn after_response(
        &self,
        context: &HookContext<'_>,
        response: &HookResponse<'_>,
    ) -> Result<(), HookError> {
        let _ = (context, response);
        Ok(())
    }

    /// Once, when a call has failed for good, with the error the caller gets; the context's
    /// [`attempt`](HookContext::attempt) is the number of attempts made, one a hook stopped
    /// included (0 when the call was refused before any, e.g. for a path value that cannot
    /// stay one segment).
    fn after_error(&self, context: &HookContext<'_>, error: &Error) {
        let _ = (context, error);
    }
}

/// Which operation a hook runs for, and which attempt.
#[derive(Clone, Copy, Debug)]
pub struct HookContext<'a> {
    pub(crate) operation: &'static Operation,
    pub(crate) attempt: u32,
    pub(crate) _call: std::marker::PhantomData<&'a ()>,
}

impl HookContext<'_> {
    /// The declared operation: its name, product, method and path template.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// The attempt, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
}

/// One attempt's request as a hook sees it before it is sent.
pub struct HookRequest<'a> {
    pub(crate) request: &'a mut reqwest::Request,
}

impl HookRequest<'_> {
    /// The HTTP method, e.g. `"POST"`.
    pub fn method(&self) -> &str {
        self.request.method().as_str()
    }

    /// The whole URL, path and query included.
    pub fn url(&self) -> &str {
        self.request.url().as_str()
    }

    /// The body's bytes; `None` when there is none or it is streamed (a file upload).
    pub fn body(&self) -> Option<&[u8]> {
        self.request.body()?.as_bytes()
    }

    /// A header's value (the first, if several); `Authorization` reads `<redacted>`.
    pub fn header(&self, name: &str) -> Option<&str> {
        let value = self.request.headers().get(name)?;
        if name.eq_ignore_ascii_case(AUTHORIZATION.as_str()) {
            return Some(REDACTED);
        }
        value.to_str().ok()
    }

    /// Every header as name and value, `Authorization` reading `<redacted>`, a value that is
    /// not text reading `""`.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.request.headers().iter().map(|(name, value)| {
            let value = if *name == AUTHORIZATION {
                REDACTED
            } else {
                value.to_str().unwrap_or_default()
            };
            (name.as_str(), value)
        })
    }

    /// The `Authorization` header as it will be sent: the API key itself. Keep it out of logs.
    pub fn authorization(&self) -> Option<&str> {
        self.request.headers().get(AUTHORIZATION)?.to_str().ok()
    }

    /// Sets the header `name` to `value`, replacing any value it had. A value with a control
    /// character (CR or LF, say) or an invalid name is refused with
    /// [`Error::InvalidHeader`](crate::Error::InvalidHeader).
    pub fn set_header(&mut self, name: &'static str, value: &str) -> Result<(), Error> {
        let (name, value) = header_pair(name, value)?;
        self.request.headers_mut().insert(name, value);
        Ok(())
    }

    /// Removes every value of the header `name`.
    pub fn remove_header(&mut self, name: &str) {
        self.request.headers_mut().remove(name);
    }
}

impl fmt::Debug for HookRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookRequest")
            .field("method", &self.method())
            .field("url", &self.url())
            .field("headers", &self.headers().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// One attempt's answer as a hook sees it: its head, not its body.
#[derive(Debug)]
pub struct HookResponse<'a> {
    pub(crate) status: u16,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) elapsed: Duration,
}

impl HookResponse<'_> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// A header's value (the first, if several), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// From the attempt's start to its answer's head.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// The hooks of one client, run in order.
pub(crate) fn before_attempt(
    hooks: &[std::sync::Arc<dyn Hook>],
    operation: &'static Operation,
    attempt: u32,
    request: &mut reqwest::Request,
) -> Result<(), Error> {
    let context = context(operation, attempt);
    for hook in hooks {
        hook.before_attempt(&context, &mut HookRequest { request })
            .map_err(|source| Error::Hook {
                hook: hook.name(),
                source,
            })?;
    }
    Ok(())
}

pub(crate) fn after_response(
    hooks: &[std::sync::Arc<dyn Hook>],
    operation: &'static Operation,
    attempt: u32,
    response: &HookResponse<'_>,
) -> Result<(), Error> {
    let context = context(operation, attempt);
    for hook in hooks {
        hook.after_response(&context, response)
            .map_err(|source| Error::Hook {
                hook: hook.name(),
                source,
            })?;
    }
    Ok(())
}

pub(crate) fn after_error(
    hooks: &[std::sync::Arc<dyn Hook>],
    operation: &'static Operation,
    attempts: u32,
    error: &Error,
) {
    let context = context(operation, attempts);
    for hook in hooks {
        hook.after_error(&context, error);
    }
}

fn context(operation: &'static Operation, attempt: u32) -> HookContext<'static> {
    HookContext {
        operation,
        attempt,
        _call: std::marker::PhantomData,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use sha2::{Digest, Sha256};
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::request::{execute, PathPart, Request, ResponseKind};
    use crate::{Codat, CodatBuilder, RetryPolicy};

    static GET: Operation = Operation {
        name: "get_thing",
        product: "codat-client",
        template: "/things/<id>",
        path: &[PathPart::Literal("/things/"), PathPart::Param("id")],
        response: ResponseKind::Empty,
        errors: &[404],
        ..Operation::DEFAULTS
    };

    static POST: Operation = Operation {
        name: "create_thing",
        product: "codat-client",
        method: crate::Method::Post,
        template: "/things",
        path: &[PathPart::Literal("/things")],
        body: crate::BodyKind::Json,
        response: ResponseKind::Empty,
        ..Operation::DEFAULTS
    };

    /// What every hook of a test saw, in order.
    type Log = Arc<Mutex<Vec<String>>>;

    /// Logs each step under its name; fails where told to.
    struct Recorder {
        name: &'static str,
        log: Log,
        fail_before: bool,
        fail_after: bool,
    }

    impl Recorder {
        fn new(name: &'static str, log: &Log) -> Self {
            Recorder {
                name,
                log: log.clone(),
                fail_before: false,
                fail_after: false,
            }
        }
    }

    impl Hook for Recorder {
        fn name(&self) -> &'static str {
            self.name
        }

        fn before_attempt(
            &self,
            context: &HookContext<'_>,
            request: &mut HookRequest<'_>,
        ) -> Result<(), HookError> {
            self.log.lock().unwrap().push(format!(
                "{} before {} {} #{} auth={:?}",
                self.name,
                context.operation().name,
                request.method(),
                context.attempt(),
                request.header("authorization"),
            ));
            if self.fail_before {
                return Err("refused by policy".into());
            }
            Ok(())
        }

        fn after_response(
            &self,
            context: &HookContext<'_>,
            response: &HookResponse<'_>,
        ) -> Result<(), HookError> {
            self.log.lock().unwrap().push(format!(
                "{} after {} {} #{}",
                self.name,
                context.operation().name,
                response.status(),
                context.attempt()
            ));
            if self.fail_after {
                return Err("answer refused".into());
            }
            Ok(())
        }

        fn after_error(&self, context: &HookContext<'_>, error: &Error) {
            self.log.lock().unwrap().push(format!(
                "{} error {} {:?} attempts={}",
                self.name,
                context.operation().name,
                error.status(),
                context.attempt()
            ));
        }
    }

    fn builder(server: &MockServer) -> CodatBuilder {
        Codat::builder()
            .api_key("sk_hook_secret")
            .base_url(server.uri())
            .retry_policy(
                RetryPolicy::default()
                    .initial_interval(Duration::from_millis(1))
                    .max_interval(Duration::from_millis(1)),
            )
    }

    async fn answering(statuses: &[u16]) -> MockServer {
        let server = MockServer::builder().start().await;
        for &status in statuses {
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(status))
                .up_to_n_times(1)
                .mount(&server)
                .await;
        }
        server
    }

    fn lines(log: &Log) -> Vec<String> {
        log.lock().unwrap().clone()
    }

    #[tokio::test]
    async fn hooks_run_in_order_at_each_step_of_each_attempt() {
        let server = answering(&[503, 204]).await;
        let log = Log::default();
        let codat = builder(&server)
            .hook(Recorder::new("a", &log))
            .hook(Recorder::new("b", &log))
            .build()
            .unwrap();
        execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap();
        let auth = "auth=Some(\"<redacted>\")";
        assert_eq!(
            lines(&log),
            [
                format!("a before get_thing GET #1 {auth}"),
                format!("b before get_thing GET #1 {auth}"),
                "a after get_thing 503 #1".to_owned(),
                "b after get_thing 503 #1".to_owned(),
                format!("a before get_thing GET #2 {auth}"),
                format!("b before get_thing GET #2 {auth}"),
                "a after get_thing 204 #2".to_owned(),
                "b after get_thing 204 #2".to_owned(),
            ]
        );
    }

    #[tokio::test]
    async fn a_failed_call_is_reported_once_with_its_last_error() {
        let server = answering(&[503, 404]).await;
        let log = Log::default();
        let codat = builder(&server)
            .hook(Recorder::new("a", &log))
            .build()
            .unwrap();
        let err = execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
        let errors: Vec<_> = lines(&log)
            .into_iter()
            .filter(|l| l.contains("error"))
            .collect();
        assert_eq!(errors, ["a error get_thing Some(404) attempts=2"]);
    }

    #[tokio::test]
    async fn a_hook_error_before_sending_stops_the_call_unsent_and_unretried() {
        let server = answering(&[204]).await;
        let log = Log::default();
        let mut refusing = Recorder::new("policy", &log);
        refusing.fail_before = true;
        let codat = builder(&server)
            .hook(refusing)
            .hook(Recorder::new("later", &log))
            .build()
            .unwrap();
        let err = execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Hook { hook: "policy", source } if source.to_string() == "refused by policy"),
            "{err:?}"
        );
        assert!(!err.is_retryable());
        assert!(
            err.to_string()
                .starts_with("hook policy stopped the call: refused by policy"),
            "{err}"
        );
        assert!(server.received_requests().await.unwrap().is_empty());
        // The later hook never ran; both hear of the error.
        assert_eq!(
            lines(&log)
                .iter()
                .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>(),
            ["policy before", "policy error", "later error"]
        );
        assert!(lines(&log)[1].ends_with("attempts=1"), "{:?}", lines(&log));
    }

    #[tokio::test]
    async fn a_call_refused_before_any_attempt_is_reported_with_none_made() {
        let server = answering(&[204]).await;
        let log = Log::default();
        let codat = builder(&server)
            .hook(Recorder::new("a", &log))
            .build()
            .unwrap();
        let err = execute::<()>(&codat, Request::new(&GET, &[&".."]))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
        assert_eq!(lines(&log), ["a error get_thing None attempts=0"]);
        let err = execute::<()>(&codat.with_idempotency_key(" "), Request::new(&POST, &[]))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidHeader { .. }), "{err:?}");
        assert_eq!(lines(&log)[1], "a error create_thing None attempts=0");
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_hook_error_on_an_answer_stops_the_call_after_that_attempt() {
        let server = answering(&[503, 204]).await;
        let log = Log::default();
        let mut refusing = Recorder::new("gate", &log);
        refusing.fail_after = true;
        let codat = builder(&server).hook(refusing).build().unwrap();
        let err = execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Hook { hook: "gate", .. }), "{err:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    /// A header per tenant, a counter per operation and status, a line per retry, and a
    /// signature over the request as a signing proxy would check it.
    struct Everything {
        tenant: &'static str,
        counts: Mutex<Vec<(&'static str, u16)>>,
        retries: Mutex<Vec<u32>>,
    }

    impl Hook for Everything {
        fn before_attempt(
            &self,
            context: &HookContext<'_>,
            request: &mut HookRequest<'_>,
        ) -> Result<(), HookError> {
            if context.attempt() > 1 {
                self.retries.lock().unwrap().push(context.attempt());
            }
            request.set_header("X-Tenant", self.tenant)?;
            // The auth header is there to sign, but only when asked for by name.
            let mut digest = Sha256::new();
            digest.update(request.method());
            digest.update(request.url());
            digest.update(request.body().unwrap_or_default());
            digest.update(request.authorization().ok_or("no auth")?);
            let signature = format!("{:x}", digest.finalize());
            request.set_header("X-Signature", &signature)?;
            request.remove_header("user-agent");
            Ok(())
        }

        fn after_response(
            &self,
            context: &HookContext<'_>,
            response: &HookResponse<'_>,
        ) -> Result<(), HookError> {
            self.counts
                .lock()
                .unwrap()
                .push((context.operation().name, response.status()));
            Ok(())
        }
    }

    #[tokio::test]
    async fn hooks_add_sign_count_and_log_over_the_wire() {
        let server = MockServer::builder().start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201))
            .mount(&server)
            .await;
        let hook = Arc::new(Everything {
            tenant: "acme",
            counts: Mutex::default(),
            retries: Mutex::default(),
        });
        struct Shared(Arc<Everything>);
        impl Hook for Shared {
            fn before_attempt(
                &self,
                c: &HookContext<'_>,
                r: &mut HookRequest<'_>,
            ) -> Result<(), HookError> {
                self.0.before_attempt(c, r)
            }
            fn after_response(
                &self,
                c: &HookContext<'_>,
                r: &HookResponse<'_>,
            ) -> Result<(), HookError> {
                self.0.after_response(c, r)
            }
        }
        let codat = builder(&server).hook(Shared(hook.clone())).build().unwrap();
        execute::<()>(
            &codat,
            Request::new(&POST, &[]).json(&serde_json::json!({"a": 1})),
        )
        .await
        .unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(request.headers.get("x-tenant").unwrap(), "acme");
            assert!(request.headers.get("user-agent").is_none());
            let mut digest = Sha256::new();
            digest.update("POST");
            // The server's view names the host `localhost`; the client sent to the address.
            digest.update(format!("{}{}", server.uri(), request.url.path()));
            digest.update(&request.body);
            digest.update(request.headers.get("authorization").unwrap().as_bytes());
            assert_eq!(
                request
                    .headers
                    .get("x-signature")
                    .unwrap()
                    .to_str()
                    .unwrap(),
                format!("{:x}", digest.finalize())
            );
        }
        assert_eq!(
            *hook.counts.lock().unwrap(),
            [("create_thing", 503), ("create_thing", 201)]
        );
        assert_eq!(*hook.retries.lock().unwrap(), [2]);
    }

    #[tokio::test]
    async fn a_hook_sees_the_api_key_only_when_it_asks_for_it() {
        struct Peek(Log);
        impl Hook for Peek {
            fn before_attempt(
                &self,
                _: &HookContext<'_>,
                request: &mut HookRequest<'_>,
            ) -> Result<(), HookError> {
                let mut log = self.0.lock().unwrap();
                log.push(format!("{request:?}"));
                log.extend(request.headers().map(|(n, v)| format!("{n}={v}")));
                log.push(format!("explicit={:?}", request.authorization()));
                // A bad value is refused, the request unchanged.
                let err = request.set_header("X-Bad", "a\r\nb").unwrap_err();
                log.push(err.to_string());
                Ok(())
            }
        }
        let server = answering(&[204]).await;
        let log = Log::default();
        let codat = builder(&server).hook(Peek(log.clone())).build().unwrap();
        assert!(format!("{codat:?}").contains("hooks") || !format!("{codat:?}").contains("sk_"));
        execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap();
        let seen = lines(&log);
        let secret = "c2tfaG9va19zZWNyZXQ"; // base64 of the key
        let (explicit, rest): (Vec<_>, Vec<_>) =
            seen.iter().partition(|l| l.starts_with("explicit="));
        assert!(explicit[0].contains(secret), "{explicit:?}");
        for line in rest {
            assert!(
                !line.contains(secret) && !line.contains("sk_hook"),
                "{line}"
            );
        }
        assert!(
            seen.iter().any(|l| l == "authorization=<redacted>"),
            "{seen:?}"
        );
        let debug = &seen[0];
        assert!(
            debug.starts_with("HookRequest")
                && debug.contains("\"GET\"")
                && debug.contains("(\"authorization\", \"<redacted>\")"),
            "{debug}"
        );
        assert!(seen
            .iter()
            .any(|l| l.contains("invalid value for header `X-Bad`")));
        assert!(server.received_requests().await.unwrap()[0]
            .headers
            .get("x-bad")
            .is_none());
    }

    #[tokio::test]
    async fn a_hook_reads_the_answer_s_head_and_how_long_it_took() {
        struct Head(Log);
        impl Hook for Head {
            fn after_response(
                &self,
                _: &HookContext<'_>,
                response: &HookResponse<'_>,
            ) -> Result<(), HookError> {
                self.0.lock().unwrap().push(format!(
                    "{} {:?} {:?} {} {}",
                    response.status(),
                    response.header("x-correlation-id"),
                    response.header("x-absent"),
                    response.headers().contains_key("x-rate-limit-remaining"),
                    response.elapsed() >= Duration::from_millis(40),
                ));
                Ok(())
            }
        }
        let server = MockServer::builder().start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(204)
                    .insert_header("x-correlation-id", "corr-7")
                    .insert_header("x-rate-limit-remaining", "9")
                    .set_delay(Duration::from_millis(50)),
            )
            .mount(&server)
            .await;
        let log = Log::default();
        let codat = builder(&server).hook(Head(log.clone())).build().unwrap();
        execute::<()>(&codat, Request::new(&GET, &[&"t1"]))
            .await
            .unwrap();
        assert_eq!(lines(&log), ["204 Some(\"corr-7\") None true true"]);
    }

    #[test]
    fn the_builder_names_its_hooks_and_a_hook_defaults_to_doing_nothing() {
        struct Quiet;
        impl Hook for Quiet {}
        let builder = Codat::builder().api_key("k").hook(Quiet);
        let debug = format!("{builder:?}");
        assert!(debug.contains("Quiet"), "{debug}");
        let mut request =
            reqwest::Request::new(reqwest::Method::GET, "http://127.0.0.1/x".parse().unwrap());
        let context = context(&GET, 1);
        assert!(Quiet
            .before_attempt(
                &context,
                &mut HookRequest {
                    request: &mut request
                }
            )
            .is_ok());
        let headers = HeaderMap::new();
        let head = HookResponse {
            status: 200,
            headers: &headers,
            elapsed: Duration::ZERO,
        };
        assert!(Quiet.after_response(&context, &head).is_ok());
        assert!(request.headers().is_empty());
    }
}
