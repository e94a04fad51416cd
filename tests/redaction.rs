//! Credentials in error bodies over a loopback server: a secret that an error body carries,
//! also as JSON quoted inside a JSON string (once or twice), shows in none of the error's
//! body snippet, `Display` or `Debug`.

use codat_client::{Codat, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
const SECRET: &str = "s3cr3t-value";

/// The error a company read gets when the server answers `status` with `body`.
async fn error_for(status: u16, body: String) -> Error {
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path(format!("/companies/{COMPANY}")))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.into_bytes(), "application/json"),
        )
        .mount(&server)
        .await;
    let codat = Codat::builder()
        .api_key("redaction-test-key")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    tokio::time::timeout(
        std::time::Duration::from_secs(20),
        codat.companies().get(COMPANY),
    )
    .await
    .expect("answered within 20 s")
    .unwrap_err()
}

/// Asserts that `error` keeps the body (redacted) and shows the secret nowhere.
fn assert_hidden(error: &Error) {
    let body = error.body().expect("the error keeps the body");
    assert!(body.contains("<redacted>"), "{body}");
    for (what, text) in [
        ("body", body.to_owned()),
        ("Display", error.to_string()),
        ("Debug", format!("{error:?}")),
        ("alternate Debug", format!("{error:#?}")),
    ] {
        assert!(!text.contains(SECRET), "{what} shows the secret: {text}");
    }
}

#[tokio::test]
async fn a_secret_quoted_inside_an_error_message_is_redacted() {
    let body = r#"{"message":"{\"clientSecret\":\"s3cr3t-value\"}"}"#;
    let error = error_for(400, body.to_owned()).await;
    assert_eq!(error.status(), Some(400));
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert_hidden(&error);
    // The rest of the body is kept.
    assert_eq!(
        error.body(),
        Some(r#"{"message":"{\"clientSecret\":\"<redacted>\"}"}"#)
    );
}

#[tokio::test]
async fn a_secret_quoted_twice_or_pretty_printed_is_redacted() {
    let inner = json!({"apiKey": SECRET, "id": "k1"});
    let once = json!({"detail": serde_json::to_string_pretty(&inner).unwrap()}).to_string();
    let twice = json!({"message": once, "statusText": "Bad Request"}).to_string();
    for body in [once, twice] {
        let error = error_for(422, body).await;
        assert_eq!(error.status(), Some(422));
        assert_hidden(&error);
    }
}

#[tokio::test]
async fn a_secret_in_a_plain_error_body_is_redacted() {
    let body = json!({"error": "bad key", "accessToken": SECRET}).to_string();
    assert_hidden(&error_for(400, body).await);
}
