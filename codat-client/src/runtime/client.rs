//! The `Codat` client, its builder and its configuration.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use base64::Engine;
use reqwest::header::{
    HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT,
};

use crate::hooks::{self, Hook};
use crate::limit::{Limiter, LocalLimiter, Priority};
use crate::rate_limit::RateLimit;
use crate::request::{header_pair, Body, Operation, ResponseKind, IDEMPOTENCY_KEY};
use crate::retry::{RetryPolicy, Timer, TokioTimer};
use crate::Error;

/// Codat's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.codat.io";
/// The per-attempt timeout unless one is set: sending until the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The whole-call timeout, retries and waits included, unless one is set.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(180);
/// The most of a 2xx JSON body the client reads, unless another limit is set: 64 MiB, room
/// for a page of 5,000 large records.
pub const DEFAULT_MAX_RESPONSE_BODY: u64 = 64 * 1024 * 1024;
/// The connect timeout of the HTTP client the builder makes.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_USER_AGENT: &str = concat!("codat-rs/", env!("CARGO_PKG_VERSION"));
const REDACTED: &str = "<redacted>";

/// A client of the Codat Platform API.
///
/// Cheap to clone: every clone shares one pooled HTTP client and one configuration. Reach the
/// operations through the resource accessors, e.g. [`Codat::connection_management`].
///
/// ```no_run
/// # async fn run() -> Result<(), codat_client::Error> {
/// let codat = codat_client::Codat::builder().api_key("my-api-key").build()?;
/// let token = codat.companies().get_access_token("8a210b68-6988-11ed-a1eb-0242ac120002").await?;
/// println!("expires in {} s", token.expires_in);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Codat {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    http: reqwest::Client,
    base_url: String,
    auth: HeaderValue,
    user_agent: HeaderValue,
    timeout: Duration,
    total_timeout: Option<Duration>,
    retry: RetryPolicy,
    timer: Arc<dyn Timer>,
    /// Shared by every clone, including those with other per-call settings.
    rate_limit: Arc<Mutex<Option<RateLimit>>>,
    /// The key for the writes made through this client, set per call.
    idempotency_key: Option<Arc<str>>,
    /// Headers every call through this client sends, set per call.
    extra_headers: Arc<[(HeaderName, HeaderValue)]>,
    /// Run at each step of every call, in order; empty for most clients.
    hooks: Arc<[Arc<dyn Hook>]>,
    max_response_body: u64,
    /// Keeps calls within Codat's rate limits; shared by every clone.
    limits: Limits,
    /// The longest a call waits for a rate limit to lift before failing with
    /// `Error::RateLimited`; `None`: the retry policy's longest single wait.
    max_rate_limit_wait: Option<Duration>,
    /// What the limiter is told of this client's calls.
    priority: Priority,
}

/// The limiter of a client: none, the built-in one (called without a box), or the
/// application's own.
#[derive(Clone, Debug)]
pub(crate) enum Limits {
    Off,
    Local(LocalLimiter),
    Custom(Arc<dyn Limiter>),
}

impl Codat {
    /// Starts configuring a client.
    pub fn builder() -> CodatBuilder {
        CodatBuilder::default()
    }

    /// A client configured from the environment: `CODAT_API_KEY` (the raw key) or
    /// `CODAT_AUTH_HEADER` (the whole `Authorization` value), and optionally `CODAT_BASE_URL`.
    pub fn from_env() -> Result<Codat, Error> {
        CodatBuilder::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))?.build()
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A client like this one with another retry policy, for the calls made through it. It
    /// shares the connection pool and the rate-limit state with this one.
    ///
    /// ```no_run
    /// # async fn run(codat: codat_client::Codat) -> Result<(), codat_client::Error> {
    /// use codat_client::RetryPolicy;
    /// let once = codat.with_retry_policy(RetryPolicy::disabled());
    /// once.companies().get_access_token("8a210b68-6988-11ed-a1eb-0242ac120002").await?;
    /// # Ok(()) }
    /// ```
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Codat {
        self.with(|inner| inner.retry = policy)
    }

    /// A client like this one whose calls have `priority` for the client's limiter: a limiter
    /// that keeps a reserve of Codat's daily quota (such as `codat-redis`'s) stops
    /// [`Priority::Low`] calls once fewer requests than the reserve are left, with
    /// [`Error::RateLimited`] until the quota resets. The built-in limiter keeps no reserve.
    ///
    /// ```no_run
    /// # async fn run(codat: codat_client::Codat) -> Result<(), codat_client::Error> {
    /// use codat_client::limit::Priority;
    /// let nightly = codat.with_priority(Priority::Low);
    /// nightly.companies().get("8a210b68-6988-11ed-a1eb-0242ac120002").await?;
    /// # Ok(()) }
    /// ```
    pub fn with_priority(&self, priority: Priority) -> Codat {
        self.with(|inner| inner.priority = priority)
    }

    /// The priority the limiter is told of this client's calls.
    pub fn priority(&self) -> Priority {
        self.inner.priority
    }

    /// A client like this one with another per-attempt timeout.
    pub fn with_timeout(&self, timeout: Duration) -> Codat {
        self.with(|inner| inner.timeout = timeout)
    }

    /// A client like this one with another whole-call timeout (`None`: only the retry
    /// policy's limits bound a call).
    pub fn with_total_timeout(&self, timeout: Option<Duration>) -> Codat {
        self.with(|inner| inner.total_timeout = timeout)
    }

    /// A client like this one whose writes (POST, PATCH, and operations that declare the
    /// header) carry `key` as their `Idempotency-Key`, on every attempt. Without it each write
    /// gets a fresh UUID, the same on all of its attempts.
    ///
    /// Codat keeps the first answer to a key for 90 minutes and answers every repeat with it
    /// (a 5xx included); the same key with another body gets 422
    /// ([`Error::is_idempotency_key_reused`]), and while the first call runs, 409, after which
    /// the client waits and repeats. Choose a key per write, store it before sending, and
    /// after a crash repeat the write with the stored key: it cannot write twice. A blank key
    /// is refused before sending ([`Error::InvalidHeader`]).
    ///
    /// ```no_run
    /// # async fn run(codat: codat_client::Codat) -> Result<(), codat_client::Error> {
    /// use codat_client::models::companies::CompanyRequestBody;
    /// // Derived from the business data, so that a second run sends the same key.
    /// let key = "create-company-acme-ltd-2026";
    /// let body = CompanyRequestBody { name: "Acme Ltd".into(), ..Default::default() };
    /// let company = codat.with_idempotency_key(key).companies().create(Some(&body)).await?;
    /// # Ok(()) }
    /// ```
    pub fn with_idempotency_key(&self, key: impl Into<String>) -> Codat {
        let key: String = key.into();
        self.with(|inner| inner.idempotency_key = Some(key.into()))
    }

    /// A client like this one whose calls also send the header `name: value`, e.g. a tenant or
    /// trace id of the application's own, on every attempt. Setting a name again replaces its
    /// value; a header an operation declares itself, given for a call, wins over this one.
    /// The value is marked sensitive and never printed (`Debug` shows the names only).
    ///
    /// Refused, before anything is sent ([`Error::InvalidHeader`]): a value with a control
    /// character (CR or LF, say), a name that is not a valid header name, and the headers the
    /// client sets itself (`Authorization`, `Accept`, `Content-Type`, `Content-Length`,
    /// `User-Agent`, `Host`, `Transfer-Encoding`, and `Idempotency-Key`, which
    /// [`with_idempotency_key`](Self::with_idempotency_key) sets).
    ///
    /// ```no_run
    /// # async fn run(codat: codat_client::Codat) -> Result<(), codat_client::Error> {
    /// let tenant = codat.with_header("X-Tenant-Id", "acme")?;
    /// tenant.companies().get("8a210b68-6988-11ed-a1eb-0242ac120002").await?;
    /// # Ok(()) }
    /// ```
    pub fn with_header(&self, name: &'static str, value: impl AsRef<str>) -> Result<Codat, Error> {
        let (header, mut value) = header_pair(name, value.as_ref())?;
        if let Some(reason) = reserved_header(&header) {
            return Err(Error::InvalidHeader { name, reason });
        }
        value.set_sensitive(true);
        let mut headers: Vec<_> = self
            .inner
            .extra_headers
            .iter()
            .filter(|(existing, _)| *existing != header)
            .cloned()
            .collect();
        headers.push((header, value));
        Ok(self.with(|inner| inner.extra_headers = headers.into()))
    }

    /// A client like this one that reads at most `bytes` of a 2xx JSON body
    /// ([`CodatBuilder::max_response_body`]).
    pub fn with_max_response_body(&self, bytes: u64) -> Codat {
        self.with(|inner| inner.max_response_body = bytes)
    }

    fn with(&self, change: impl FnOnce(&mut Inner)) -> Codat {
        let mut inner = (*self.inner).clone();
        change(&mut inner);
        Codat {
            inner: Arc::new(inner),
        }
    }

    /// The rate-limit headers of the latest response that had them, so that an application
    /// can slow down before Codat refuses it.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner
            .rate_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn record_rate_limit(&self, rate: RateLimit) {
        *self
            .inner
            .rate_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(rate);
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The longest a call waits for a rate limit to lift.
    pub(crate) fn max_rate_limit_wait(&self) -> Duration {
        self.inner
            .max_rate_limit_wait
            .unwrap_or_else(|| self.inner.retry.longest_wait())
    }

    pub(crate) fn hooks(&self) -> &[Arc<dyn Hook>] {
        &self.inner.hooks
    }

    pub(crate) fn idempotency_key(&self) -> Option<&str> {
        self.inner.idempotency_key.as_deref()
    }

    pub(crate) fn max_response_body(&self) -> u64 {
        self.inner.max_response_body
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    pub(crate) fn timer(&self) -> &dyn Timer {
        &*self.inner.timer
    }

    pub(crate) fn total_timeout(&self) -> Option<Duration> {
        self.inner.total_timeout
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The full URL of `path` (which starts with `/`), reusing its buffer.
    pub(crate) fn url(&self, mut path: String) -> String {
        path.insert_str(0, &self.inner.base_url);
        path
    }

    /// Sends one attempt of `operation` with auth, `Accept`, user agent, the call's headers
    /// and body.
    /// `timeout` bounds the attempt to the end of the body, except for a binary response,
    /// where it bounds the attempt to the response's head (its body is then read through a
    /// [`Download`](crate::Download), which bounds the wait for each chunk instead).
    pub(crate) async fn send(
        &self,
        operation: &'static Operation,
        attempt: u32,
        url: &str,
        headers: &[(HeaderName, HeaderValue)],
        body: &Body,
        timeout: Duration,
    ) -> Result<reqwest::Response, Error> {
        let inner = &*self.inner;
        let method = operation.method.to_http();
        let needs_length = method_carries_body(&method);
        let mut request = inner
            .http
            .request(method, url)
            .header(AUTHORIZATION, inner.auth.clone())
            .header(
                ACCEPT,
                HeaderValue::from_static(operation.response.accept()),
            )
            .header(USER_AGENT, inner.user_agent.clone());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        for (name, value) in inner.extra_headers.iter() {
            if !headers.iter().any(|(own, _)| own == name) {
                request = request.header(name, value);
            }
        }
        request = match body {
            Body::Json(json) => request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(json.clone()),
            Body::Multipart(name, upload) => {
                let form = reqwest::multipart::Form::new().part(*name, upload.part().await?);
                request.multipart(form)
            }
            // Some front ends answer 411 to a POST without a length.
            Body::None if needs_length => {
                request.header(CONTENT_LENGTH, HeaderValue::from_static("0"))
            }
            Body::None => request,
        };
        // A file's body is read through a `Download`, which bounds each chunk: only its head
        // is bounded here. Anything else is bounded to the end of its body by reqwest.
        let binary = operation.response == ResponseKind::Binary;
        if !binary {
            request = request.timeout(timeout);
        }
        // What `RequestBuilder::send` does, with the hooks (if any) between the two steps.
        let mut request = request.build().map_err(Error::from_reqwest)?;
        if !inner.hooks.is_empty() {
            hooks::before_attempt(&inner.hooks, operation, attempt, &mut request)?;
        }
        let sent = inner.http.execute(request);
        if !binary {
            return sent.await.map_err(Error::from_reqwest);
        }
        match tokio::time::timeout(timeout, sent).await {
            Ok(sent) => sent.map_err(Error::from_reqwest),
            Err(_) => Err(Error::Timeout {
                source: None,
                idempotency_key: None,
                call: None,
            }),
        }
    }
}

/// Why the client refuses to let a caller set `name` with [`Codat::with_header`], if it does.
fn reserved_header(name: &HeaderName) -> Option<&'static str> {
    let set_by_client = [
        AUTHORIZATION,
        ACCEPT,
        CONTENT_TYPE,
        CONTENT_LENGTH,
        USER_AGENT,
        reqwest::header::HOST,
        reqwest::header::TRANSFER_ENCODING,
    ];
    if set_by_client.contains(name) {
        Some("the client sets this header itself")
    } else if name.as_str().eq_ignore_ascii_case(IDEMPOTENCY_KEY) {
        Some("set the key with `with_idempotency_key`")
    } else {
        None
    }
}

/// Methods whose requests are expected to say how long their body is, even when empty.
fn method_carries_body(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::POST | reqwest::Method::PUT | reqwest::Method::PATCH
    )
}

impl fmt::Debug for Codat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Codat")
            .field("base_url", &inner.base_url)
            .field("auth", &REDACTED)
            .field("user_agent", &inner.user_agent)
            .field("timeout", &inner.timeout)
            .field("total_timeout", &inner.total_timeout)
            .field("retry", &inner.retry)
            .field("idempotency_key", &inner.idempotency_key)
            .field(
                "extra_headers",
                &inner
                    .extra_headers
                    .iter()
                    .map(|(name, _)| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("max_response_body", &inner.max_response_body)
            .field("limits", &inner.limits)
            .finish_non_exhaustive()
    }
}

/// Implemented by every type that declares operations with `#[endpoint]`: the generated code
/// sends through the [`Codat`] it returns. Implement it on a type of your own to declare
/// operations this crate does not have yet.
pub trait Resource {
    /// The client whose configuration the call uses.
    fn codat(&self) -> &Codat;
}

impl Resource for Codat {
    fn codat(&self) -> &Codat {
        self
    }
}

/// Configures a [`Codat`] client. Credentials are required; everything else has a default.
#[derive(Default)]
pub struct CodatBuilder {
    auth: Option<Credential>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    total_timeout: Option<Option<Duration>>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
    timer: Option<Arc<dyn Timer>>,
    max_response_body: Option<u64>,
    hooks: Vec<Arc<dyn Hook>>,
    limits: Option<LimitsSetting>,
    max_rate_limit_wait: Option<Duration>,
}

/// What the builder was told about rate limits.
enum LimitsSetting {
    Off,
    PerCompany(usize),
    Custom(Arc<dyn Limiter>),
}

/// Kept as given until `build`, and never printed.
enum Credential {
    ApiKey(String),
    Header(String),
}

impl CodatBuilder {
    /// The raw API key from the Codat Portal; sent as `Authorization: Basic base64(key)`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.auth = Some(Credential::ApiKey(key.into()));
        self
    }

    /// A complete `Authorization` header value (such as the one the Portal shows), sent as given.
    pub fn auth_header(mut self, value: impl Into<String>) -> Self {
        self.auth = Some(Credential::Header(value.into()));
        self
    }

    /// Where to send requests instead of [`DEFAULT_BASE_URL`], e.g. a mock server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Uses this HTTP client (and its pool, proxy and TLS settings) instead of a new one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed attempts are retried; [`RetryPolicy::default`] unless set.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The most a whole call may take, retries and waits included
    /// ([`DEFAULT_TOTAL_TIMEOUT`] unless set; `None` leaves only the retry policy's limits).
    pub fn total_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The clock and sleep used between retries; tests pass one that does not really wait.
    pub fn timer(mut self, timer: Arc<dyn Timer>) -> Self {
        self.timer = Some(timer);
        self
    }

    /// The most one attempt may take, from sending to the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The most connecting may take; applies to the HTTP client the builder makes.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The most of a 2xx JSON body the client reads ([`DEFAULT_MAX_RESPONSE_BODY`] unless
    /// set). A longer body is not decoded: the call fails with
    /// [`Error::ResponseTooLarge`] as soon as the limit is passed (at once when the announced
    /// length passes it). Bodies read through a [`Download`](crate::Download) have no limit.
    pub fn max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// Adds a [`Hook`]: code of the application's own that runs at each step of every call
    /// (see [`hooks`](crate::hooks)). Several run in the order they were added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// The `User-Agent` header; `codat-rs/<version>` unless set.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// At most `requests` in flight per company (the `company_id` of the operation's path)
    /// through this client and its clones; further calls wait their turn, in order. Codat
    /// allows 10, the default. Replaces a [`limiter`](Self::limiter) set before.
    pub fn company_concurrency(mut self, requests: usize) -> Self {
        self.limits = Some(LimitsSetting::PerCompany(requests));
        self
    }

    /// Keeps Codat's rate limits with `limiter` instead of the built-in [`LocalLimiter`]: one
    /// shared by many processes, say.
    pub fn limiter(mut self, limiter: impl Limiter) -> Self {
        self.limits = Some(LimitsSetting::Custom(Arc::new(limiter)));
        self
    }

    /// Sends every call at once, with no cap per company and no hold after a 429: each call
    /// meets Codat's limits on its own, as retries allow.
    pub fn without_rate_limits(mut self) -> Self {
        self.limits = Some(LimitsSetting::Off);
        self
    }

    /// The longest a call waits for a rate limit to lift (after a 429 with `Retry-After`, or
    /// an answer saying no requests are left until a reset) before it fails with
    /// [`Error::RateLimited`] instead. By default the retry policy's longest single wait
    /// ([`RetryPolicy::max_interval`], 60 s unless changed), so that a worker never sleeps
    /// for hours on a daily quota.
    pub fn max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.max_rate_limit_wait = Some(wait);
        self
    }

    /// Checks the configuration and makes the client.
    pub fn build(self) -> Result<Codat, Error> {
        let auth = match self.auth {
            Some(Credential::ApiKey(key)) if !key.trim().is_empty() => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(key.trim());
                HeaderValue::try_from(format!("Basic {encoded}"))
            }
            Some(Credential::Header(value)) if !value.trim().is_empty() => {
                HeaderValue::try_from(value.trim())
            }
            Some(_) => return Err(Error::config("the API key or auth header is empty")),
            None => {
                return Err(Error::config(
                    "no credentials: call `api_key` or `auth_header` (or set CODAT_API_KEY)",
                ))
            }
        };
        let mut auth = auth.map_err(|_| {
            Error::config("the auth header contains characters not allowed in an HTTP header")
        })?;
        auth.set_sensitive(true);

        let base_url = normalize_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let user_agent =
            HeaderValue::try_from(self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT))
                .map_err(|_| {
                    Error::config(
                        "the user agent contains characters not allowed in an HTTP header",
                    )
                })?;
        let http = match self.http {
            // Silently ignoring it would leave the caller believing a bound is in force.
            Some(_) if self.connect_timeout.is_some() => {
                return Err(Error::config(
                    "`connect_timeout` applies only to the HTTP client the builder makes; \
                     set it on the `reqwest::Client` given to `http_client` instead",
                ))
            }
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| Error::config(format!("could not make the HTTP client: {e}")))?,
        };
        let limits = match self.limits {
            None => Limits::Local(LocalLimiter::default()),
            Some(LimitsSetting::Off) => Limits::Off,
            Some(LimitsSetting::Custom(limiter)) => Limits::Custom(limiter),
            Some(LimitsSetting::PerCompany(0)) => {
                return Err(Error::config(
                    "`company_concurrency` must be at least 1; `without_rate_limits` turns \
                     the limit off",
                ))
            }
            Some(LimitsSetting::PerCompany(n)) if n > tokio::sync::Semaphore::MAX_PERMITS => {
                return Err(Error::config("`company_concurrency` is too large"))
            }
            Some(LimitsSetting::PerCompany(n)) => Limits::Local(LocalLimiter::new(n)),
        };
        Ok(Codat {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                user_agent,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                total_timeout: self.total_timeout.unwrap_or(Some(DEFAULT_TOTAL_TIMEOUT)),
                retry: self.retry.unwrap_or_default(),
                timer: self.timer.unwrap_or_else(|| Arc::new(TokioTimer)),
                rate_limit: Arc::default(),
                idempotency_key: None,
                extra_headers: Arc::new([]),
                hooks: self.hooks.into(),
                max_response_body: self.max_response_body.unwrap_or(DEFAULT_MAX_RESPONSE_BODY),
                limits,
                max_rate_limit_wait: self.max_rate_limit_wait,
                priority: Priority::Normal,
            }),
        })
    }

    /// The builder `from_env` makes, with the lookup passed in so that it can be tested.
    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<CodatBuilder, Error> {
        let mut builder = match (var("CODAT_API_KEY"), var("CODAT_AUTH_HEADER")) {
            (Some(key), _) => Codat::builder().api_key(key),
            (None, Some(header)) => Codat::builder().auth_header(header),
            (None, None) => {
                return Err(Error::config(
                    "set CODAT_API_KEY (or CODAT_AUTH_HEADER) in the environment",
                ))
            }
        };
        if let Some(url) = var("CODAT_BASE_URL") {
            builder = builder.base_url(url);
        }
        Ok(builder)
    }
}

impl fmt::Debug for CodatBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodatBuilder")
            .field("auth", &self.auth.as_ref().map(|_| REDACTED))
            .field(
                "base_url",
                &self.base_url.as_deref().map(DisplayedUrl::from_raw),
            )
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("retry", &self.retry)
            .field("max_response_body", &self.max_response_body)
            .field("max_rate_limit_wait", &self.max_rate_limit_wait)
            .field("user_agent", &self.user_agent)
            .field(
                "hooks",
                &self.hooks.iter().map(|h| h.name()).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// A base URL as `Debug` may show it: never with credentials, never unparsed text (which
/// might hold credentials a parser could not find).
struct DisplayedUrl(Option<reqwest::Url>);

impl DisplayedUrl {
    fn from_raw(raw: &str) -> DisplayedUrl {
        DisplayedUrl(reqwest::Url::parse(raw.trim()).ok().map(|mut url| {
            if !url.username().is_empty() || url.password().is_some() {
                let _ = url.set_username(REDACTED);
                let _ = url.set_password(None);
            }
            url
        }))
    }
}

impl fmt::Debug for DisplayedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(url) => fmt::Debug::fmt(url.as_str(), f),
            None => f.write_str("<not a URL>"),
        }
    }
}

/// An absolute http(s) URL with no query or fragment, kept without a trailing `/` so that
/// paths (which start with `/`) append directly. Errors never repeat the URL: it may hold
/// credentials.
fn normalize_base_url(raw: &str) -> Result<String, Error> {
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|e| Error::config(format!("the base URL is not a URL ({e})")))?;
    // Checked first, so that no later message is about a URL that carries a secret.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the base URL must not carry credentials; use `api_key`",
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::config(format!(
            "the base URL must use http or https, not {}",
            url.scheme()
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(
            "the base URL must not have a query or fragment",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk_live_super_secret_key";

    #[test]
    fn company_concurrency_is_checked_at_build() {
        let build = |n| Codat::builder().api_key(KEY).company_concurrency(n).build();
        let too_large = build(tokio::sync::Semaphore::MAX_PERMITS + 1).unwrap_err();
        assert!(too_large.to_string().contains("too large"), "{too_large}");
        assert!(build(usize::MAX).is_err());
        // The largest a semaphore holds, and one, are taken.
        assert!(build(tokio::sync::Semaphore::MAX_PERMITS).is_ok());
        assert!(build(1).is_ok());
        let zero = build(0).unwrap_err();
        assert!(zero.to_string().contains("at least 1"), "{zero}");
    }

    #[test]
    fn api_key_becomes_basic_header_and_never_prints() {
        let builder = Codat::builder().api_key(KEY);
        assert!(!format!("{builder:?}").contains(KEY));
        let codat = builder.build().unwrap();
        assert_eq!(
            codat.inner.auth.to_str().unwrap(),
            "Basic c2tfbGl2ZV9zdXBlcl9zZWNyZXRfa2V5"
        );
        assert!(codat.inner.auth.is_sensitive());
        let debug = format!("{codat:?}");
        assert!(
            !debug.contains(KEY) && !debug.contains("c2tfbGl2"),
            "{debug}"
        );
        assert!(debug.contains("<redacted>"));
    }

    #[test]
    fn client_is_clone_send_sync_and_calls_are_send() {
        fn check<T: Clone + Send + Sync + 'static>(_: &T) {}
        fn send<F: std::future::Future + Send>(_: F) {}
        let codat = Codat::builder().api_key(KEY).build().unwrap();
        check(&codat);
        // A call's future can move to another thread (tokio::spawn needs that).
        send(codat.companies().get("c1"));
    }

    #[test]
    fn the_response_body_limit_is_64_mib_unless_set() {
        assert_eq!(DEFAULT_MAX_RESPONSE_BODY, 64 * 1024 * 1024);
        let codat = Codat::builder().api_key(KEY).build().unwrap();
        assert_eq!(codat.max_response_body(), DEFAULT_MAX_RESPONSE_BODY);
        let codat = Codat::builder()
            .api_key(KEY)
            .max_response_body(1000)
            .build()
            .unwrap();
        assert_eq!(codat.max_response_body(), 1000);
        assert_eq!(codat.with_max_response_body(7).max_response_body(), 7);
        assert_eq!(codat.max_response_body(), 1000);
    }

    #[test]
    fn auth_header_is_sent_as_given() {
        let codat = Codat::builder().auth_header("Basic abc==").build().unwrap();
        assert_eq!(codat.inner.auth.to_str().unwrap(), "Basic abc==");
    }

    #[test]
    fn bad_configuration_is_a_clear_error_without_the_secret() {
        let err = Codat::builder().build().unwrap_err();
        assert!(err.to_string().contains("no credentials"));
        let err = Codat::builder()
            .auth_header("Basic a\nb-secret")
            .build()
            .unwrap_err();
        assert!(!format!("{err} {err:?}").contains("b-secret"));
        assert!(Codat::builder().api_key("  ").build().is_err());
        for url in ["not a url", "ftp://x", "http://h/?q=1", "http://u:p@h/"] {
            assert!(
                Codat::builder().api_key(KEY).base_url(url).build().is_err(),
                "{url}"
            );
        }
    }

    #[test]
    fn credentials_in_a_base_url_are_refused_and_never_echoed() {
        for url in [
            "https://user:s3cr3t@api.codat.io/",
            "https://s3cr3t@api.codat.io",
            "ftp://user:s3cr3t@host/",
            "https://user:s3cr3t@host/?q=1#f",
            "http://user:s3cr3t@[::1:bad/",
            "s3cr3t not a url",
        ] {
            let builder = Codat::builder().api_key(KEY).base_url(url);
            let debug = format!("{builder:?}");
            assert!(!debug.contains("s3cr3t"), "{debug}");
            let err = builder.build().unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("s3cr3t"), "{url}: {shown}");
        }
        // What Debug does show: the builder, the URL without its credentials, or that it is
        // no URL at all.
        let debug = format!(
            "{:?}",
            Codat::builder().base_url("https://user:s3cr3t@api.codat.io/v1")
        );
        assert!(debug.starts_with("CodatBuilder"), "{debug}");
        assert!(
            debug.contains("redacted") && debug.contains("@api.codat.io/v1"),
            "{debug}"
        );
        let debug = format!("{:?}", Codat::builder().base_url("s3cr3t not a url"));
        assert!(debug.contains("<not a URL>"), "{debug}");
        let err = Codat::builder()
            .api_key(KEY)
            .base_url("https://user:s3cr3t@host/?q=1")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("credentials"), "{err}");
    }

    #[test]
    fn connect_timeout_with_a_given_http_client_is_refused() {
        let err = Codat::builder()
            .api_key(KEY)
            .http_client(reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("connect_timeout"), "{err}");
        assert!(Codat::builder()
            .api_key(KEY)
            .http_client(reqwest::Client::new())
            .build()
            .is_ok());
        assert!(Codat::builder()
            .api_key(KEY)
            .connect_timeout(Duration::from_secs(1))
            .build()
            .is_ok());
    }

    #[test]
    fn base_url_keeps_its_prefix_without_trailing_slash() {
        let build = |url: &str| Codat::builder().api_key(KEY).base_url(url).build().unwrap();
        assert_eq!(
            build("http://127.0.0.1:4010/").base_url(),
            "http://127.0.0.1:4010"
        );
        assert_eq!(
            build("https://proxy.test/codat/").base_url(),
            "https://proxy.test/codat"
        );
        assert_eq!(
            Codat::builder().api_key(KEY).build().unwrap().base_url(),
            DEFAULT_BASE_URL
        );
    }

    #[test]
    fn from_env_reads_key_header_and_base_url() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let codat = CodatBuilder::from_vars(vars(&[
            ("CODAT_API_KEY", "k"),
            ("CODAT_BASE_URL", "http://127.0.0.1:9"),
        ]))
        .unwrap()
        .build()
        .unwrap();
        assert_eq!(codat.base_url(), "http://127.0.0.1:9");
        assert_eq!(codat.inner.auth.to_str().unwrap(), "Basic aw==");
        let codat = CodatBuilder::from_vars(vars(&[("CODAT_AUTH_HEADER", "Basic xyz")]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(codat.inner.auth.to_str().unwrap(), "Basic xyz");
        assert!(CodatBuilder::from_vars(vars(&[])).is_err());
    }
}
