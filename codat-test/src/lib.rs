//! Test doubles for applications built on codat-rs.
//!
//! [`MockCodat`] is a stand-in for Codat's API on 127.0.0.1. It knows every operation the
//! program declares with `#[endpoint]` (codat-client's, the product crates', your own), so a
//! test tells it what to answer **by operation**, not by URL, and it checks the rest:
//!
//! - a call it was not told about is answered `501` with a message that names the operation
//!   and the mocks there are, and fails the test when the mock is dropped;
//! - every call is kept: its operation, path values, query, headers and body;
//! - answers come in sequences (`times(2)` a 503, then a 200), with any headers
//!   (`Retry-After`, rate limits), bodies (a model, raw JSON, broken bytes) and delays;
//! - any operation can answer with its spec's example instead.
//!
//! An operation is named by its function (`"companies::get"`, any tail of
//! `codat_client::platform::companies::get`), by Codat's operation id (`"get-company"`), or
//! by its method and template (`"GET /companies/<company_id>"`). A name that fits no
//! declared operation, or several, panics at once with the candidates.
//!
//! ```
//! use codat_test::{MockCodat, Reply};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let codat = MockCodat::start().await;
//! codat
//!     .on("companies::get")
//!     .times(2)
//!     .reply(Reply::error(503, "Service unavailable").header("Retry-After", "0"));
//! codat.on("companies::get").reply_example();
//!
//! // The code under test, given a client pointed at the mock.
//! let company = codat.client().companies().get("c1").await.unwrap();
//! assert!(!company.name.is_empty());
//!
//! let calls = codat.calls_to("companies::get");
//! assert_eq!(calls.len(), 3, "two 503s retried, then the example");
//! assert_eq!(calls[2].path_value("company_id"), Some("c1"));
//! # }
//! ```
//!
//! Why a crate of its own rather than a feature of `codat-client`: an application takes it as
//! a dev-dependency only, its server never reaches a release build, and `codat-client` stays
//! free of server code whatever features are on.

mod call;
mod reply;
mod route;
mod server;
mod spec_examples;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use codat_client::{Codat, CodatBuilder, Operation, PathPart, RetryPolicy};

pub use call::Call;
pub use reply::Reply;

use route::Route;

/// The API key of [`MockCodat::client`] and [`MockCodat::builder`].
pub const TEST_API_KEY: &str = "codat-test-api-key";

/// A stand-in for Codat's API on 127.0.0.1 that answers by operation; see the
/// [crate docs](crate). Stops when dropped, and then fails the test if a call came that no
/// mock answered.
pub struct MockCodat {
    shared: Arc<Shared>,
    addr: SocketAddr,
    accept: tokio::task::JoinHandle<()>,
}

/// What the server and the handle share.
pub(crate) struct Shared {
    /// Every operation declared in the program.
    pub(crate) declared: Vec<&'static Operation>,
    pub(crate) state: Mutex<State>,
}

impl Shared {
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A panicking answer closure must not hide every later call.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The mocks, the calls received, and what went wrong.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) rules: Vec<Rule>,
    pub(crate) calls: Vec<Call>,
    /// Calls no mock answered, each described.
    pub(crate) unanswered: Vec<String>,
    /// Unmocked operations answer with their spec's example.
    pub(crate) examples: bool,
    /// The `Authorization` value every call must carry, when one is required.
    pub(crate) auth: Option<String>,
}

/// One `on(..).reply(..)`.
pub(crate) struct Rule {
    pub(crate) name: String,
    pub(crate) route: Route,
    pub(crate) filters: Vec<Filter>,
    /// Answers left, for `times(n)`.
    pub(crate) left: Option<u32>,
    pub(crate) times: Option<u32>,
    pub(crate) answer: Answer,
}

/// A condition on a call besides its operation.
pub(crate) enum Filter {
    Path(String, String),
    Query(String, String),
    Header(String, String),
    Test(Arc<dyn Fn(&Call) -> bool + Send + Sync>),
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Path(name, value) => write!(f, "when {name} = {value:?}"),
            Filter::Query(name, value) => write!(f, "when query {name} = {value:?}"),
            Filter::Header(name, value) => write!(f, "when header {name} = {value:?}"),
            Filter::Test(_) => f.write_str("when matching(..)"),
        }
    }
}

impl Filter {
    fn admits(&self, call: &Call) -> bool {
        match self {
            Filter::Path(name, value) => call.path_value(name) == Some(value),
            Filter::Query(name, value) => call.query(name) == Some(value),
            Filter::Header(name, value) => call.header(name) == Some(value),
            Filter::Test(test) => test(call),
        }
    }
}

/// How a rule answers.
#[derive(Clone)]
pub(crate) enum Answer {
    Fixed(Reply),
    With(Arc<dyn Fn(&Call) -> Reply + Send + Sync>),
}

impl MockCodat {
    /// Starts a mock on a free port of 127.0.0.1, on the current Tokio runtime.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, or when no port of 127.0.0.1 can be bound.
    pub async fn start() -> MockCodat {
        let shared = Arc::new(Shared {
            declared: codat_client::operations().collect(),
            state: Mutex::new(State::default()),
        });
        let (addr, accept) = server::serve(shared.clone())
            .await
            .unwrap_or_else(|e| panic!("codat-test cannot listen on 127.0.0.1: {e}"));
        MockCodat {
            shared,
            addr,
            accept,
        }
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client builder pointed at the mock with [`TEST_API_KEY`], for a test that sets more
    /// (hooks, timeouts). Retries keep their number but wait at most 20 ms between attempts,
    /// unless an answer's `Retry-After` says otherwise, so that sequences of failures stay
    /// quick.
    pub fn builder(&self) -> CodatBuilder {
        Codat::builder()
            .api_key(TEST_API_KEY)
            .base_url(self.url())
            .retry_policy(
                RetryPolicy::default()
                    .initial_interval(Duration::from_millis(1))
                    .max_interval(Duration::from_millis(20)),
            )
    }

    /// A client pointed at the mock: [`builder`](Self::builder), built.
    pub fn client(&self) -> Codat {
        self.builder()
            .build()
            .expect("the mock's URL and key make a valid client")
    }

    /// From now on, a call without `Authorization: Basic base64(api_key)` is answered `401`
    /// with Codat's error body, as Codat would. By default any key is taken, and only a call
    /// with no `Authorization` at all is refused.
    pub fn require_api_key(&self, api_key: &str) {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(api_key);
        self.shared.state().auth = Some(format!("Basic {encoded}"));
    }

    /// From now on, a call no mock answers is answered with its operation's example from
    /// Codat's spec (its first success status and example body) where the spec has one,
    /// instead of failing. Calls of operations without an example still fail.
    pub fn answer_with_examples(&self) {
        self.shared.state().examples = true;
    }

    /// Starts a mock of the operation `name`; finish it with [`When::reply`],
    /// [`When::reply_with`] or [`When::reply_example`]. Mocks are tried in the order they
    /// were set: the first whose conditions admit a call, and that has answers left, answers
    /// it.
    ///
    /// # Panics
    ///
    /// When `name` fits no declared operation or several; the message lists them.
    pub fn on(&self, name: &str) -> When<'_> {
        let op = self.resolve(name);
        When {
            mock: self,
            op,
            filters: Vec::new(),
            times: None,
        }
    }

    fn resolve(&self, name: &str) -> &'static Operation {
        route::resolve(name, &self.shared.declared).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The one call received so far, checked to be of the operation `name`.
    ///
    /// # Panics
    ///
    /// When there were no calls or several, or the call is of another operation.
    pub fn only_call(&self, name: &str) -> Call {
        let route = Route::of(self.resolve(name));
        let mut calls = self.calls();
        assert!(
            calls.len() == 1,
            "expected one call of {name}, got {}: {calls:#?}",
            calls.len()
        );
        let call = calls.remove(0);
        assert!(
            call.operation.is_some_and(|op| Route::of(op) == route),
            "expected a call of {name}, got {}",
            call.name()
        );
        call
    }

    /// Every call received so far, in the order they arrived.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.state().calls.clone()
    }

    /// The calls of the operation `name` received so far, in order.
    ///
    /// # Panics
    ///
    /// When `name` fits no declared operation or several.
    pub fn calls_to(&self, name: &str) -> Vec<Call> {
        let route = Route::of(self.resolve(name));
        self.shared
            .state()
            .calls
            .iter()
            .filter(|call| call.operation.is_some_and(|op| Route::of(op) == route))
            .cloned()
            .collect()
    }

    /// Panics, listing them, when a call came that no mock answered or a mock set with
    /// [`When::times`] has answers left. Dropping the mock checks the first only.
    pub fn verify(&self) {
        let state = self.shared.state();
        let mut problems = state.unanswered.clone();
        for rule in &state.rules {
            if let (Some(left @ 1..), Some(times)) = (rule.left, rule.times) {
                problems.push(format!(
                    "{} was set to answer {times} times and answered {}",
                    rule.name,
                    times - left
                ));
            }
        }
        drop(state);
        if !problems.is_empty() {
            panic!("codat-test: {}", problems.join("; "));
        }
    }
}

impl fmt::Debug for MockCodat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.state();
        f.debug_struct("MockCodat")
            .field("url", &self.url())
            .field("mocks", &state.rules.len())
            .field("calls", &state.calls.len())
            .field("unanswered", &state.unanswered)
            .finish()
    }
}

impl Drop for MockCodat {
    fn drop(&mut self) {
        self.accept.abort();
        if std::thread::panicking() {
            return;
        }
        let unanswered = std::mem::take(&mut self.shared.state().unanswered);
        if !unanswered.is_empty() {
            panic!("codat-test: {}", unanswered.join("; "));
        }
    }
}

/// A mock being set: conditions on the call, how many times it answers, then the answer.
#[must_use = "a mock answers nothing until `reply`, `reply_with` or `reply_example`"]
pub struct When<'m> {
    mock: &'m MockCodat,
    op: &'static Operation,
    filters: Vec<Filter>,
    times: Option<u32>,
}

impl fmt::Debug for When<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("When")
            .field("operation", &route::short_name(self.op))
            .field("conditions", &self.filters.len())
            .field("times", &self.times)
            .finish()
    }
}

impl When<'_> {
    /// Only calls whose placeholder `name` has `value` (decoded), e.g.
    /// `.path("company_id", "c1")`.
    ///
    /// # Panics
    ///
    /// When the operation's template has no placeholder `name`.
    pub fn path(mut self, name: &str, value: &str) -> Self {
        let known = self
            .op
            .path
            .iter()
            .any(|part| matches!(part, PathPart::Param(p) if *p == name));
        assert!(
            known,
            "{} has no placeholder `{name}` in {}",
            route::short_name(self.op),
            self.op.template
        );
        self.filters.push(Filter::Path(name.into(), value.into()));
        self
    }

    /// Only calls whose query parameter `name` has `value` (decoded).
    ///
    /// # Panics
    ///
    /// When the operation declares no query parameter `name`.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        assert!(
            self.op.query_names().any(|q| q == name),
            "{} sends no query parameter `{name}`; it sends: {}",
            route::short_name(self.op),
            self.op.query_names().collect::<Vec<_>>().join(", ")
        );
        self.filters.push(Filter::Query(name.into(), value.into()));
        self
    }

    /// Only calls with the header `name` (any case) set to `value`.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.filters.push(Filter::Header(name.into(), value.into()));
        self
    }

    /// Only calls `test` admits: a condition on the body, say. It runs while the mock is
    /// locked, so it must not wait on other calls.
    pub fn matching(mut self, test: impl Fn(&Call) -> bool + Send + Sync + 'static) -> Self {
        self.filters.push(Filter::Test(Arc::new(test)));
        self
    }

    /// Answers the first `n` calls it admits, then leaves later calls to the mocks set after
    /// it. Without it a mock answers every call it admits.
    ///
    /// # Panics
    ///
    /// When `n` is 0.
    pub fn times(mut self, n: u32) -> Self {
        assert!(n > 0, "a mock must answer at least once");
        self.times = Some(n);
        self
    }

    /// Answers with `reply`.
    pub fn reply(self, reply: Reply) {
        self.set(Answer::Fixed(reply));
    }

    /// Answers the calls it admits with `replies` in order, then the last one for every call
    /// after: an operation moving through its states.
    ///
    /// # Panics
    ///
    /// When `replies` is empty, or [`times`](Self::times) was set too.
    pub fn replies(self, replies: impl IntoIterator<Item = Reply>) {
        let replies: Vec<Reply> = replies.into_iter().collect();
        assert!(!replies.is_empty(), "`replies` needs at least one reply");
        assert!(
            self.times.is_none(),
            "`replies` repeats its last reply; set `times` on single replies instead"
        );
        let next = std::sync::atomic::AtomicUsize::new(0);
        self.reply_with(move |_| {
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            replies[n.min(replies.len() - 1)].clone()
        });
    }

    /// Answers with what `answer` makes of each call: for a stand-in with state.
    pub fn reply_with(self, answer: impl Fn(&Call) -> Reply + Send + Sync + 'static) {
        self.set(Answer::With(Arc::new(answer)));
    }

    /// Answers with the example of Codat's spec for this operation: its first success
    /// status and its example body.
    ///
    /// # Panics
    ///
    /// When the spec has no example for the operation (or the operation is not Codat's).
    pub fn reply_example(self) {
        let reply = example_reply(self.op).unwrap_or_else(|why| panic!("{why}"));
        self.reply(reply);
    }

    fn set(self, answer: Answer) {
        let rule = Rule {
            name: route::short_name(self.op),
            route: Route::of(self.op),
            filters: self.filters,
            left: self.times,
            times: self.times,
            answer,
        };
        self.mock.shared.state().rules.push(rule);
    }
}

/// The spec's example answer of `op`, or why there is none.
pub(crate) fn example_reply(op: &Operation) -> Result<Reply, String> {
    let name = route::short_name(op);
    let Some(example) = route::example_for(op) else {
        return Err(format!(
            "{name} ({} {}) is in none of Codat's specs",
            op.method.as_str(),
            op.template
        ));
    };
    let Some(body) = example.body else {
        return Err(format!(
            "Codat's spec has no example of {name}'s {} answer ({})",
            example.status, example.operation_id
        ));
    };
    Ok(if example.content_type.is_empty() {
        Reply::status(example.status)
    } else {
        Reply::raw(example.status, example.content_type, body)
    })
}
