//! MockCodat over loopback, driven by the real client: codat-client's operations and one
//! declared in this file, as an application would declare its own.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use codat_client::models::companies::{Company, CompanyRequestBody, ListCompaniesParams};
use codat_client::paging::PageParams;
use codat_client::{endpoint, Codat, Error, Resource, RetryPolicy};
use codat_test::{Call, MockCodat, Reply, TEST_API_KEY};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// An application's own operation, declared outside codat-client.
#[derive(Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Widget {
    id: String,
    size: u32,
}

struct Widgets<'a>(&'a Codat);

impl Resource for Widgets<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

impl Widgets<'_> {
    #[endpoint(GET, "/companies/<company_id>/widgets/<widget_id>", errors = [404])]
    async fn get(&self, company_id: &str, widget_id: &str) -> Result<Widget, Error>;
}

fn company(id: &str, name: &str) -> Company {
    serde_json::from_value(json!({
        "id": id,
        "name": name,
        "redirect": format!("https://link.codat.io/company/{id}"),
    }))
    .unwrap()
}

/// The panic message of `f`, which must panic.
fn panic_of(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("it should panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// The `error` text of the mock's answer to a call no mock answered.
fn mock_error(err: &Error) -> String {
    let body: serde_json::Value = serde_json::from_str(err.body().unwrap()).unwrap();
    body["error"].as_str().unwrap().to_owned()
}

/// `mock`, dropped: its panic message, if it panics.
fn drop_message(mock: MockCodat) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| drop(mock)))
        .err()
        .map(|payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_default()
        })
}

#[tokio::test]
async fn a_model_reply_reaches_the_client_and_the_call_is_kept() {
    let mock = MockCodat::start().await;
    mock.on("companies::get")
        .reply(Reply::ok(&company("c1", "Toft stores")));
    let got = mock.client().companies().get("c1").await.unwrap();
    assert_eq!(got.name, "Toft stores");

    let calls = mock.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].name(), "companies::get");
    assert_eq!(calls[0].method(), "GET");
    assert_eq!(calls[0].path(), "/companies/c1");
    assert_eq!(calls[0].path_value("company_id"), Some("c1"));
    assert_eq!(
        calls[0].operation().unwrap().template,
        "/companies/<company_id>"
    );
    mock.verify();
}

#[tokio::test]
async fn sequences_answer_in_order_and_the_client_retries_through_them() {
    let mock = MockCodat::start().await;
    mock.on("companies::get")
        .times(2)
        .reply(Reply::error(503, "Service unavailable").header("Retry-After", "0"));
    mock.on("companies::get")
        .times(1)
        .reply(Reply::ok(&company("c1", "Third time")));
    mock.on("companies::get").reply(Reply::error(404, "gone"));

    let codat = mock.client();
    assert_eq!(
        codat.companies().get("c1").await.unwrap().name,
        "Third time"
    );
    assert_eq!(mock.calls_to("companies::get").len(), 3);
    // The sequence is used up: the last mock answers from now on.
    let err = codat.companies().get("c1").await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.correlation_id(), Some("codat-test-404"));
    mock.verify();
}

#[tokio::test]
async fn rate_limit_headers_reach_the_error() {
    let mock = MockCodat::start().await;
    mock.on("get-company")
        .reply(Reply::error(429, "Too many requests").header("Retry-After", "7"));
    let err = mock
        .client()
        .with_retry_policy(RetryPolicy::disabled())
        .companies()
        .get("c1")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
}

#[tokio::test]
async fn a_call_no_mock_answers_fails_naming_the_operation_and_the_mocks() {
    let mock = MockCodat::start().await;
    mock.on("companies::list").reply(Reply::ok(&json!({})));
    mock.on("companies::get")
        .path("company_id", "other")
        .times(2)
        .reply(Reply::ok(&company("other", "x")));
    let err = mock.client().companies().get("c1").await.unwrap_err();
    assert_eq!(err.status(), Some(501), "not retried: one call");
    let message = mock_error(&err);
    assert!(
        message.contains("no mock answers companies::get (GET /companies/c1)"),
        "{message}"
    );
    assert!(
        message.contains("; mocks: companies::list (GET /companies), companies::get (GET "),
        "{message}"
    );
    assert!(
        message.contains(
            "companies::get (GET /companies/{}, when company_id = \"other\", 0 of 2 answers used)"
        ),
        "{message}"
    );
    assert_eq!(mock.calls().len(), 1);

    let dropped = drop_message(mock).expect("dropping fails the test");
    assert!(
        dropped.contains("no mock answers companies::get"),
        "{dropped}"
    );
}

#[tokio::test]
async fn an_application_that_swallows_the_error_still_fails_at_drop() {
    let mock = MockCodat::start().await;
    let _ = mock.client().companies().get("c1").await;
    let dropped = drop_message(mock).unwrap();
    assert!(dropped.contains("mocks: none"), "{dropped}");
}

#[tokio::test]
async fn a_clean_mock_drops_quietly() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    mock.client().companies().get("c1").await.unwrap();
    assert!(drop_message(mock).is_none());
}

#[tokio::test]
async fn a_request_that_fits_no_declaration_is_refused_and_reported() {
    let mock = MockCodat::start().await;
    let response = reqwest::Client::new()
        .get(format!("{}/nowhere?x=1", mock.url()))
        .header("authorization", "Basic eA==")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 501);
    let body: serde_json::Value = response.json().await.unwrap();
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("GET /nowhere fits no operation declared"),
        "{error}"
    );
    assert_eq!(mock.calls()[0].name(), "GET /nowhere");
    assert_eq!(mock.calls()[0].query("x"), Some("1"));
    assert!(drop_message(mock).unwrap().contains("GET /nowhere"));
}

#[tokio::test]
async fn unknown_or_ambiguous_names_panic_with_the_candidates() {
    let mock = MockCodat::start().await;
    let message = panic_of(|| {
        let _ = mock.on("companies::fetch");
    });
    assert!(
        message.contains("no declared operation is `companies::fetch`"),
        "{message}"
    );
    let message = panic_of(|| {
        let _ = mock.on("get");
    });
    assert!(message.contains("names"), "{message}");
    assert!(
        message.contains("codat_client::platform::companies::get"),
        "{message}"
    );
    assert!(message.contains("mock::get (GET /companies/<company_id>/widgets/<widget_id>)"));
    let message = panic_of(|| {
        let _ = mock.on("companies::get").path("id", "c1");
    });
    assert!(message.contains("has no placeholder `id`"), "{message}");
    let message = panic_of(|| {
        let _ = mock.on("companies::list").query("pageNumber", "1");
    });
    assert!(
        message.contains("sends no query parameter `pageNumber`"),
        "{message}"
    );
    assert!(message.contains("page, pageSize"), "{message}");
    let message = panic_of(|| {
        let _ = mock.on("companies::get").times(0);
    });
    assert!(message.contains("at least once"), "{message}");
}

#[tokio::test]
async fn operations_declared_downstream_are_mocked_the_same_way() {
    let mock = MockCodat::start().await;
    let widget = Widget {
        id: "w 1/2".into(),
        size: 3,
    };
    mock.on("mock::get")
        .path("widget_id", "w 1/2")
        .reply(Reply::ok(&widget));
    mock.on("GET /companies/{companyId}/widgets/{widgetId}")
        .reply(Reply::error(404, "no such widget"));
    let codat = mock.client();
    let widgets = Widgets(&codat);
    assert_eq!(widgets.get("c1", "w 1/2").await.unwrap(), widget);
    assert_eq!(
        widgets.get("c1", "w2").await.unwrap_err().status(),
        Some(404)
    );

    let calls = mock.calls_to("mock::get");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].path(), "/companies/c1/widgets/w%201%2F2");
    assert_eq!(calls[0].path_value("widget_id"), Some("w 1/2"));
    assert_eq!(calls[1].name(), "mock::get");
}

#[tokio::test]
async fn hostile_path_values_arrive_as_one_value() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    for id in ["../x", "a/b?c#d", "%2e%2e", "é"] {
        mock.client().companies().get(id).await.unwrap();
        let last = mock.calls().pop().unwrap();
        assert_eq!(last.name(), "companies::get");
        assert_eq!(last.path_value("company_id"), Some(id));
    }
}

#[tokio::test]
async fn conditions_pick_among_mocks_of_one_operation() {
    let mock = MockCodat::start().await;
    mock.on("companies::list")
        .query("page", "2")
        .reply(Reply::ok(&json!({ "results": [], "pageNumber": 2, "pageSize": 10, "totalResults": 0, "_links": {} })));
    mock.on("companies::list")
        .header("x-tenant", "blue")
        .reply(Reply::error(403, "blue may not list"));
    mock.on("companies::create")
        .matching(|call| {
            call.json::<serde_json::Value>()
                .is_ok_and(|b| b["name"] == "Bad")
        })
        .reply(Reply::error(400, "bad name"));
    mock.on("companies::create").reply_with(|call| {
        let body: CompanyRequestBody = call.json().unwrap();
        Reply::ok(&company("new", &body.name))
    });

    let codat = mock.client();
    let page = codat
        .companies()
        .list(PageParams::new().page(2), ListCompaniesParams::new())
        .await
        .unwrap();
    assert_eq!(page.page_number, 2);
    let blue = codat.with_header("x-tenant", "blue").unwrap();
    let err = blue
        .companies()
        .list(PageParams::new(), ListCompaniesParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));

    let request = |name: &str| CompanyRequestBody {
        name: name.into(),
        description: None,
        tags: None,
    };
    let err = codat
        .companies()
        .create(Some(&request("Bad")))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    let made = codat
        .companies()
        .create(Some(&request("Good")))
        .await
        .unwrap();
    assert_eq!(made.name, "Good");

    let creates = mock.calls_to("create-company");
    assert_eq!(creates.len(), 2);
    let sent: CompanyRequestBody = creates[1].json().unwrap();
    assert_eq!(sent.name, "Good");
    assert!(
        creates[1].header("idempotency-key").is_some(),
        "a write carries a key"
    );
    assert_eq!(mock.calls()[0].query("page"), Some("2"));
}

#[tokio::test]
async fn stand_ins_with_state_answer_from_what_they_saw() {
    let mock = MockCodat::start().await;
    let seen = Arc::new(AtomicU32::new(0));
    let counter = seen.clone();
    mock.on("companies::get").reply_with(move |call| {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        let id = call.path_value("company_id").unwrap();
        Reply::ok(&company(id, &format!("call {n}")))
    });
    let codat = mock.client();
    let names = futures_names(&codat).await;
    assert_eq!(seen.load(Ordering::SeqCst), 4);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["call 1", "call 2", "call 3", "call 4"]);
    assert_eq!(mock.calls().len(), 4, "concurrent calls are all kept");
}

async fn futures_names(codat: &Codat) -> Vec<String> {
    let (a, b, c, d) = tokio::join!(
        codat.companies().get("a"),
        codat.companies().get("b"),
        codat.companies().get("c"),
        codat.companies().get("d"),
    );
    [a, b, c, d].into_iter().map(|c| c.unwrap().name).collect()
}

#[tokio::test]
async fn spec_examples_answer_on_request_or_by_default() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    let codat = mock.client();
    let company = codat.companies().get("c1").await.unwrap();
    assert!(!company.id.is_empty());

    // Not mocked: fails until examples are the default.
    let err = codat
        .companies()
        .list(PageParams::new(), ListCompaniesParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(501));
    mock.answer_with_examples();
    let page = codat
        .companies()
        .list(PageParams::new(), ListCompaniesParams::new())
        .await
        .unwrap();
    assert!(!page.results.is_empty());
    // The spec says 204 and no body for a delete.
    codat.companies().delete("c1").await.unwrap();
    assert_eq!(mock.calls().len(), 4);

    // An operation Codat's spec does not know has no example.
    let widgets = Widgets(&codat);
    let err = widgets.get("c1", "w1").await.unwrap_err();
    assert_eq!(err.status(), Some(501));
    let message = mock_error(&err);
    assert!(
        message.contains("mock::get: no mock answers it, and"),
        "{message}"
    );
    assert!(message.contains("is in none of Codat's specs"), "{message}");
    let message = panic_of(|| mock.on("mock::get").reply_example());
    assert!(message.contains("is in none of Codat's specs"), "{message}");
    let dropped = drop_message(mock).unwrap();
    assert!(
        dropped.contains("companies::list"),
        "the first unanswered call: {dropped}"
    );
}

#[tokio::test]
async fn the_api_key_is_checked_when_required() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    mock.require_api_key(TEST_API_KEY);
    mock.client().companies().get("c1").await.unwrap();

    let stranger = mock.builder().api_key("someone-else").build().unwrap();
    let err = stranger.companies().get("c1").await.unwrap_err();
    assert_eq!(err.status(), Some(401));

    let bare = reqwest::get(format!("{}/companies/c1", mock.url()))
        .await
        .unwrap();
    assert_eq!(bare.status(), 401);
    assert_eq!(mock.calls().len(), 3);
}

#[tokio::test]
async fn without_a_required_key_any_key_is_taken_but_none_is_refused() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    let other = mock.builder().api_key("someone-else").build().unwrap();
    other.companies().get("c1").await.unwrap();
    let bare = reqwest::get(format!("{}/companies/c1", mock.url()))
        .await
        .unwrap();
    assert_eq!(bare.status(), 401);
}

#[tokio::test]
async fn bad_bodies_become_typed_errors_with_the_status() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").times(1).reply(Reply::raw(
        200,
        "application/json",
        r#"{"id": "c1", "name": 4"#,
    ));
    mock.on("companies::get").times(1).reply(Reply::raw(
        502,
        "text/html",
        "<html>Bad gateway</html>",
    ));
    mock.on("companies::get").reply(Reply::status(200));
    let codat = mock.client().with_retry_policy(RetryPolicy::disabled());
    let broken = codat.companies().get("c1").await.unwrap_err();
    assert!(matches!(broken, Error::Decode { .. }), "{broken:?}");
    assert_eq!(broken.status(), Some(200));
    let html = codat.companies().get("c1").await.unwrap_err();
    assert_eq!(html.status(), Some(502));
    assert!(html.body().unwrap().contains("Bad gateway"));
    let empty = codat.companies().get("c1").await.unwrap_err();
    assert_eq!(empty.status(), Some(200));
}

#[tokio::test]
async fn a_delayed_answer_runs_into_the_clients_timeout() {
    let mock = MockCodat::start().await;
    mock.on("companies::get")
        .reply(Reply::ok(&company("c1", "late")).delay(Duration::from_millis(400)));
    let codat = mock
        .client()
        .with_retry_policy(RetryPolicy::disabled())
        .with_timeout(Duration::from_millis(50));
    let err = codat.companies().get("c1").await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    let patient = mock.client();
    assert_eq!(patient.companies().get("c1").await.unwrap().name, "late");
}

#[tokio::test]
async fn verify_reports_answers_set_but_not_used() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").times(3).reply_example();
    mock.client().companies().get("c1").await.unwrap();
    let message = panic_of(|| mock.verify());
    assert!(
        message.contains("companies::get was set to answer 3 times and answered 1"),
        "{message}"
    );
    // Unused answers alone do not fail a drop.
    assert!(drop_message(mock).is_none());
}

#[tokio::test]
async fn recorded_calls_never_print_the_key() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").reply_example();
    mock.client().companies().get("c1").await.unwrap();
    let call: Call = mock.calls().remove(0);
    assert!(call.header("authorization").unwrap().starts_with("Basic "));
    let shown = format!("{call:?} {mock:?}");
    assert!(
        shown.contains(&format!("MockCodat {{ url: \"{}\"", mock.url())),
        "{shown}"
    );
    assert!(shown.contains("mocks: 1, calls: 1"), "{shown}");
    let when = format!("{:?}", mock.on("companies::list").times(2));
    assert_eq!(
        when,
        r#"When { operation: "companies::list", conditions: 0, times: Some(2) }"#
    );
    assert!(
        !shown.contains(call.header("authorization").unwrap()),
        "{shown}"
    );
    assert!(!shown.contains("Y29kYXQ"), "{shown}");
}

#[tokio::test]
async fn replies_answer_in_order_then_repeat_the_last() {
    let mock = MockCodat::start().await;
    mock.on("companies::get").replies([
        Reply::error(404, "not yet"),
        Reply::ok(&company("c1", "second")),
        Reply::ok(&company("c1", "third")),
    ]);
    let codat = mock.client();
    assert_eq!(
        codat.companies().get("c1").await.unwrap_err().status(),
        Some(404)
    );
    for expected in ["second", "third", "third"] {
        assert_eq!(codat.companies().get("c1").await.unwrap().name, expected);
    }
    let message = panic_of(|| mock.on("companies::get").replies([]));
    assert!(message.contains("at least one reply"), "{message}");
    let message = panic_of(|| {
        mock.on("companies::get")
            .times(1)
            .replies([Reply::status(204)])
    });
    assert!(
        message.contains("set `times` on single replies"),
        "{message}"
    );
}

#[tokio::test]
async fn only_call_checks_the_count_and_the_operation() {
    let mock = MockCodat::start().await;
    mock.on("companies::list")
        .query("page", "1")
        .header("x-tenant", "t")
        .matching(|_| false)
        .reply_example();
    mock.answer_with_examples();
    let codat = mock.client();
    let message = panic_of(|| {
        let _ = mock.only_call("companies::get");
    });
    assert!(
        message.contains("expected one call of companies::get, got 0"),
        "{message}"
    );
    codat
        .companies()
        .list(
            PageParams::new().query("name=\"a&b\""),
            ListCompaniesParams::new(),
        )
        .await
        .unwrap();
    let call = mock.only_call("list-companies");
    assert_eq!(call.query("query"), Some("name=\"a&b\""));
    assert!(
        call.raw_query().contains("query=name%3D%22a%26b%22"),
        "{}",
        call.raw_query()
    );
    let message = panic_of(|| {
        let _ = mock.only_call("companies::get");
    });
    assert!(
        message.contains("expected a call of companies::get, got companies::list"),
        "{message}"
    );
    codat.companies().get("c1").await.unwrap();
    let message = panic_of(|| {
        let _ = mock.only_call("companies::get");
    });
    assert!(message.contains("got 2"), "{message}");
}

#[tokio::test]
async fn unanswered_calls_show_each_mocks_conditions() {
    let mock = MockCodat::start().await;
    mock.on("companies::list")
        .query("page", "3")
        .header("x-tenant", "t")
        .matching(|_| true)
        .reply_example();
    let err = mock
        .client()
        .companies()
        .list(PageParams::new(), ListCompaniesParams::new())
        .await
        .unwrap_err();
    let message = mock_error(&err);
    assert!(
        message.contains(
            r#"companies::list (GET /companies, when query page = "3", when header x-tenant = "t", when matching(..))"#
        ),
        "{message}"
    );
    drop_message(mock);
}
