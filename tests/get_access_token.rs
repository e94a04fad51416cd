//! The seed operation end to end, against wiremock on loopback: what is sent, and how every
//! kind of answer is mapped.
#![allow(deprecated)] // the seed operation is deprecated by Codat; it is still served.

use std::time::Duration;

use codat_client::{Codat, CodatBuilder, Error, RetryPolicy};
use codat_mock::basic_auth;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_0123456789abcdef";
const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connectionManagement/accessToken";
const DECLARED: [u16; 7] = [401, 402, 403, 404, 429, 500, 503];

/// Retries are off here: these tests are about what one response maps to.
fn builder() -> CodatBuilder {
    Codat::builder().retry_policy(RetryPolicy::disabled())
}

async fn setup() -> (MockServer, Codat) {
    let server = MockServer::builder().start().await;
    let codat = builder()
        .api_key(KEY)
        .base_url(server.uri())
        .build()
        .unwrap();
    assert_no_secret(&format!("{codat:?}"));
    (server, codat)
}

fn assert_no_secret(text: &str) {
    let encoded = basic_auth(KEY);
    let encoded = encoded.trim_start_matches("Basic ");
    assert!(
        !text.contains(KEY) && !text.contains(encoded),
        "secret leaked: {text}"
    );
}

/// Calls the seed operation and checks that the error, if any, does not leak the key.
async fn call(codat: &Codat, company: &str) -> Result<Option<String>, Error> {
    let result = codat
        .connection_management()
        .get_access_token(company)
        .await;
    if let Err(err) = &result {
        assert_no_secret(&format!("{err} {err:?}"));
    }
    result.map(|t| t.access_token)
}

fn codat_error(status: u16, error: &str) -> serde_json::Value {
    json!({
        "statusCode": status,
        "service": "PublicApi",
        "error": error,
        "correlationId": format!("corr-{status}"),
        "validation": {
            "errors": [{"itemId": "item-1", "message": "bad", "validatorName": "V"}],
            "warnings": null
        },
        "canBeRetried": "Unknown",
        "detailedErrorCode": 1234
    })
}

#[tokio::test]
async fn sends_the_exact_request_and_decodes_the_token() {
    let (server, codat) = setup().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .and(header("authorization", basic_auth(KEY).as_str()))
        .and(header("accept", "application/json"))
        .and(header(
            "user-agent",
            concat!("codat-rs/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "tok-123"})))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        call(&codat, COMPANY).await.unwrap().as_deref(),
        Some("tok-123")
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].url.query().is_none());
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn auth_header_value_is_sent_as_given() {
    let server = MockServer::builder().start().await;
    Mock::given(header("authorization", "Basic from-portal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "t"})))
        .expect(1)
        .mount(&server)
        .await;
    let codat = builder()
        .auth_header("Basic from-portal")
        .base_url(server.uri())
        .build()
        .unwrap();
    assert!(!format!("{codat:?}").contains("from-portal"));
    call(&codat, COMPANY).await.unwrap();
}

#[tokio::test]
async fn custom_user_agent_and_base_url_prefix_are_used() {
    let server = MockServer::builder().start().await;
    Mock::given(path(format!("/proxy{PATH}")))
        .and(header("user-agent", "my-app/2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "t"})))
        .expect(1)
        .mount(&server)
        .await;
    let codat = builder()
        .api_key(KEY)
        .base_url(format!("{}/proxy/", server.uri()))
        .user_agent("my-app/2")
        .build()
        .unwrap();
    call(&codat, COMPANY).await.unwrap();
}

#[tokio::test]
async fn missing_access_token_field_decodes_as_none() {
    let (server, codat) = setup().await;
    Mock::given(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    assert_eq!(call(&codat, COMPANY).await.unwrap(), None);
}

#[tokio::test]
async fn every_declared_status_maps_to_error_message() {
    let (server, codat) = setup().await;
    for status in DECLARED {
        server.reset().await;
        Mock::given(path(PATH))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(codat_error(status, "went wrong")),
            )
            .expect(1)
            .mount(&server)
            .await;
        let err = call(&codat, COMPANY).await.unwrap_err();
        assert!(matches!(err, Error::Api { .. }), "{status}: {err:?}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(
            err.correlation_id(),
            Some(format!("corr-{status}").as_str())
        );
        let message = err.error_message().unwrap();
        assert_eq!(message.status_code, Some(i64::from(status)));
        assert_eq!(message.service.as_deref(), Some("PublicApi"));
        assert_eq!(message.error.as_deref(), Some("went wrong"));
        assert_eq!(message.can_be_retried.as_deref(), Some("Unknown"));
        assert_eq!(message.detailed_error_code, Some(1234));
        let item = &message
            .validation
            .as_ref()
            .unwrap()
            .errors
            .as_ref()
            .unwrap()[0];
        assert_eq!(item.item_id.as_deref(), Some("item-1"));
        assert_eq!(item.validator_name.as_deref(), Some("V"));
        let text = err.to_string();
        assert!(
            text.contains(&status.to_string())
                && text.contains("went wrong")
                && text.contains("corr-"),
            "{text}"
        );
        assert!(err.body().unwrap().contains("went wrong"));
        // A small body is kept whole.
        assert!(!err.response().unwrap().body_truncated);
    }
}

#[tokio::test]
async fn undeclared_statuses_are_unexpected_with_status_and_body() {
    let (server, codat) = setup().await;
    for status in [418u16, 502, 400, 409] {
        server.reset().await;
        Mock::given(path(PATH))
            .respond_with(ResponseTemplate::new(status).set_body_json(codat_error(status, "nope")))
            .mount(&server)
            .await;
        let err = call(&codat, COMPANY).await.unwrap_err();
        assert!(
            matches!(err, Error::UnexpectedStatus { .. }),
            "{status}: {err:?}"
        );
        assert_eq!(err.status(), Some(status));
        assert!(err.error_message().is_none());
        assert!(err.body().unwrap().contains("nope"));
        assert_eq!(
            err.correlation_id(),
            Some(format!("corr-{status}").as_str())
        );
        assert_eq!(
            err.response().unwrap().content_type.as_deref(),
            Some("application/json")
        );
    }
}

#[tokio::test]
async fn html_503_is_unexpected_and_keeps_the_page() {
    let (server, codat) = setup().await;
    let page = format!(
        "<html><body>{}</body></html>",
        "Service down. ".repeat(1000)
    );
    Mock::given(path(PATH))
        .respond_with(
            ResponseTemplate::new(503).set_body_raw(page.clone(), "text/html; charset=utf-8"),
        )
        .mount(&server)
        .await;
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));
    let response = err.response().unwrap();
    assert_eq!(
        response.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(response.body_truncated);
    assert_eq!(response.body.len(), 4096);
    assert!(page.starts_with(&response.body));
    assert!(err.to_string().contains("Service down"), "{err}");
}

#[tokio::test]
async fn empty_404_is_unexpected() {
    let (server, codat) = setup().await;
    Mock::given(path(PATH))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.body(), Some(""));
    assert!(!err.response().unwrap().body_truncated);
    assert!(err.to_string().contains("empty body"), "{err}");
}

#[tokio::test]
async fn truncated_and_wrong_shape_200_are_decode_errors() {
    let (server, codat) = setup().await;
    for body in [
        r#"{"accessToken": "abc"#,
        r#"{"accessToken": 42}"#,
        r#""a string""#,
        "<html>ok</html>",
    ] {
        server.reset().await;
        Mock::given(path(PATH))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let err = call(&codat, COMPANY).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err:?}");
        assert_eq!(err.status(), Some(200));
        // A token is a credential: kept out of the snippet, the rest kept as sent.
        let kept = body.replace(r#""abc"#, r#""<redacted>"#);
        assert_eq!(err.body(), Some(kept.as_str()));
        assert!(
            err.to_string().contains("ConnectionManagementAccessToken"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn hostile_company_ids_stay_in_one_segment() {
    let (server, codat) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "t"})))
        .mount(&server)
        .await;
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("%2e%2e", "%252e%252e"),
        ("../../admin", "..%2F..%2Fadmin"),
        ("id with spaces", "id%20with%20spaces"),
        ("société", "soci%C3%A9t%C3%A9"),
        ("x\\..\\y", "x%5C..%5Cy"),
        ("a;b=c&d", "a%3Bb%3Dc%26d"),
        ("...", "..."),
    ];
    for (id, _) in cases {
        call(&codat, id).await.unwrap();
    }
    let received: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            assert!(
                r.url.query().is_none() && r.url.fragment().is_none(),
                "{}",
                r.url
            );
            r.url.path().to_owned()
        })
        .collect();
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("/companies/{encoded}/connectionManagement/accessToken"))
        .collect();
    assert_eq!(received, expected);
}

#[tokio::test]
async fn dot_and_empty_ids_are_refused_before_sending() {
    let (server, codat) = setup().await;
    for id in ["..", ".", ""] {
        let err = call(&codat, id).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidPathParameter {
                    name: "company_id",
                    ..
                }
            ),
            "{id:?}: {err:?}"
        );
        assert!(err.status().is_none());
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn slow_server_gives_a_timeout_error() {
    let server = MockServer::builder().start().await;
    Mock::given(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let codat = builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    // Bind then drop a listener so that the port is known to be closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let codat = builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.status().is_none() && err.body().is_none());
    // The message alone says which call, how many attempts, how long, and the root cause.
    let text = err.to_string();
    assert!(
        text.starts_with(
            "could not complete get_access_token \
             (GET /companies/<company_id>/connectionManagement/accessToken) after 1 attempt in "
        ) && text.ends_with(" ms: Connection refused (os error 111)"),
        "{text}"
    );
    let context = err.call_context().unwrap();
    assert_eq!(
        (context.operation, context.attempts),
        ("get_access_token", 1)
    );

    // Retried: three attempts, and a report with every cause on a line of its own.
    let retried = Codat::builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_interval(Duration::ZERO),
        )
        .build()
        .unwrap();
    let err = call(&retried, COMPANY).await.unwrap_err();
    assert_eq!(err.call_context().unwrap().attempts, 3);
    assert!(err.to_string().contains(") after 3 attempts in "), "{err}");
    let report = err.report().to_string();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], err.to_string());
    assert!(
        lines[1..].iter().all(|l| l.starts_with("  caused by: ")),
        "{report}"
    );
    assert_eq!(
        lines.last(),
        Some(&"  caused by: Connection refused (os error 111)")
    );
}

#[tokio::test]
async fn company_access_token_replacement_decodes() {
    let (server, codat) = setup().await;
    Mock::given(method("GET"))
        .and(path(format!("/companies/{COMPANY}/accessToken")))
        .and(header("authorization", basic_auth(KEY).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"expiresIn": 86400, "accessToken": "string", "tokenType": "Bearer"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let token = codat.companies().get_access_token(COMPANY).await.unwrap();
    assert_eq!(
        (
            token.expires_in,
            token.access_token.as_str(),
            token.token_type.as_str()
        ),
        (86400, "string", "Bearer")
    );
}

#[tokio::test]
async fn one_client_serves_concurrent_calls_from_many_tasks() {
    let (server, codat) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"accessToken": "t"})))
        .expect(50)
        .mount(&server)
        .await;
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let codat = codat.clone();
            tokio::spawn(async move { call(&codat, &format!("company-{i}")).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn futures_borrow_the_client_not_the_resource() {
    let (server, codat) = setup().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"expiresIn": 60, "accessToken": "t", "tokenType": "Bearer"})),
        )
        .expect(3)
        .mount(&server)
        .await;
    // Each future outlives the temporary `Companies` it came from.
    let ids = ["c1", "c2", "c3"];
    let calls: Vec<_> = ids
        .iter()
        .map(|id| codat.companies().get_access_token(id))
        .collect();
    for token in futures_util::future::join_all(calls).await {
        assert_eq!(token.unwrap().access_token, "t");
    }
}

#[tokio::test]
async fn a_gateways_json_on_a_declared_status_is_unexpected_and_shows_its_message() {
    let (server, codat) = setup().await;
    Mock::given(path(PATH))
        .respond_with(
            ResponseTemplate::new(503).set_body_json(json!({"message": "Service Unavailable"})),
        )
        .mount(&server)
        .await;
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));
    assert!(err.to_string().contains("Service Unavailable"), "{err}");
}

/// An `ErrorMessage` whose validation list makes it `bytes` long or a little more.
fn long_error_message(bytes: usize) -> String {
    let item =
        json!({"itemId": "line-1", "message": "amount must be positive", "validatorName": "Lines"});
    let items = vec![item; bytes / 80 + 1];
    json!({"statusCode": 400, "error": "Validation failed", "correlationId": "corr-long",
           "validation": {"errors": items}})
    .to_string()
}

#[tokio::test]
async fn an_error_message_past_64_kib_still_decodes() {
    let (server, codat) = setup().await;
    let body = long_error_message(200 * 1024);
    assert!(body.len() > 200 * 1024);
    Mock::given(path(PATH))
        .respond_with(ResponseTemplate::new(404).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let err = call(&codat, COMPANY).await.unwrap_err();
    let message = err
        .error_message()
        .expect("decoded as Codat's ErrorMessage");
    assert!(
        message
            .validation
            .as_ref()
            .unwrap()
            .errors
            .as_ref()
            .unwrap()
            .len()
            > 2000
    );
    assert_eq!(err.correlation_id(), Some("corr-long"));
    // What the error keeps of the body stays bounded.
    let response = err.response().unwrap();
    assert!(response.body.len() <= 4096 && response.body_truncated);
}

#[tokio::test]
async fn an_error_body_past_the_read_limit_is_unexpected_with_its_status_and_start() {
    let (server, codat) = setup().await;
    let body = long_error_message(codat_client::ERROR_BODY_LIMIT + 4096);
    Mock::given(path(PATH))
        .respond_with(ResponseTemplate::new(404).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let err = call(&codat, COMPANY).await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    let response = err.response().unwrap();
    assert!(response.body_truncated);
    assert!(
        response.body.starts_with(r#"{"correlationId":"corr-long""#),
        "{}",
        &response.body[..40]
    );
}

#[tokio::test]
async fn a_body_that_fails_to_decode_never_shows_the_credentials_in_it() {
    let (server, codat) = setup().await;
    let api_key = "ztHQGvnC4XN2CgUhSecretKeyValue";
    // `createdDate` has the wrong type, so the list does not decode.
    let body =
        json!({"results": [{"id": "k1", "name": "CI", "apiKey": api_key, "createdDate": 5}]});
    Mock::given(path("/apiKeys"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    Mock::given(path("/apiKeys/k1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "statusCode": 404, "error": "gone", "apiKey": api_key,
        })))
        .mount(&server)
        .await;
    let err = codat.settings().list_api_keys().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    for shown in [
        format!("{err}"),
        format!("{err:?}"),
        err.body().unwrap().to_owned(),
    ] {
        assert!(!shown.contains(api_key), "{shown}");
    }
    assert!(
        err.body().unwrap().contains("\"name\":\"CI\""),
        "the rest is kept"
    );
    let err = codat.settings().delete_api_key("k1").await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(api_key), "{err:?}");
}

#[tokio::test]
async fn a_bodiless_post_says_its_length_is_zero() {
    let (server, codat) = setup().await;
    Mock::given(method("POST"))
        .and(path(format!("/companies/{COMPANY}/data/all")))
        .and(header("content-length", "0"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    codat.refresh_data().all(COMPANY).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
}

#[test]
fn the_example_run_offline_says_it_calls_a_local_mock_and_prints_only_the_token_start() {
    let (ok, stdout, stderr) = codat_mock::cli::run_example("get_access_token", &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("calling a LOCAL MOCK of the Codat API at http://127.0.0.1:"),
        "{stdout}"
    );
    let whole = format!("mock-company-token-{}", codat_mock::MOCK_COMPANY_ID);
    assert!(
        stdout.contains(&format!(
            "Access token for company {}: mock-c… ({} characters) (Bearer token, expires in 86400 s)",
            codat_mock::MOCK_COMPANY_ID,
            whole.len()
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(&whole), "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_with_credentials_calls_the_api_it_is_given() {
    let mock = codat_mock::MockCodat::start().await;
    let uri = mock.uri();
    let (ok, stdout, stderr) = tokio::task::spawn_blocking(move || {
        codat_mock::cli::run_example(
            "get_access_token",
            &[
                ("CODAT_API_KEY", codat_mock::MOCK_API_KEY),
                ("CODAT_BASE_URL", &uri),
                ("CODAT_COMPANY_ID", "company-7"),
            ],
        )
    })
    .await
    .unwrap();
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("Calling the Codat API at {}", mock.uri())),
        "{stdout}"
    );
    assert!(!stdout.contains("MOCK"), "{stdout}");
    assert!(
        stdout.contains("Access token for company company-7: mock-c… (28 characters)"),
        "{stdout}"
    );
    let calls = mock.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].path(), "/companies/company-7/accessToken");

    // A key the API refuses: a clear error, and a failing exit.
    let uri = mock.uri();
    let (ok, _, stderr) = tokio::task::spawn_blocking(move || {
        codat_mock::cli::run_example(
            "get_access_token",
            &[
                ("CODAT_API_KEY", "not-the-key"),
                ("CODAT_BASE_URL", &uri),
                ("CODAT_COMPANY_ID", "company-7"),
            ],
        )
    })
    .await
    .unwrap();
    assert!(!ok);
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains("not-the-key"), "{stderr}");
}
