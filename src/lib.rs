//! A local stand-in for the Codat API, on loopback, for the examples and the end-to-end tests.
//!
//! It answers the access-token operations the way Codat does, and checks what a real server
//! would check: the `Authorization` header and the path. It never pretends to be Codat to
//! anything but a client pointed at it.

pub mod bank_feeds_mock;
pub mod cli;
pub mod lending_mock;
pub mod loopback;
pub mod onboarding_mock;
pub mod payables_mock;
pub mod spend_insights_mock;

use base64::Engine;
use codat_client::Codat;
use serde_json::json;
use wiremock::matchers::{header, method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The API key the mock accepts.
pub const MOCK_API_KEY: &str = "mock-api-key";
/// A company id to call the mock with.
pub const MOCK_COMPANY_ID: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";

/// A running mock of the Codat API; stops when dropped.
#[derive(Debug)]
pub struct MockCodat(Running);

impl std::ops::Deref for MockCodat {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

impl MockCodat {
    /// Starts the mock on a free port of 127.0.0.1.
    pub async fn start() -> MockCodat {
        let server = MockServer::start().await;
        let auth = basic_auth(MOCK_API_KEY);
        Mock::given(method("GET"))
            .and(path_regex(
                r"^/companies/[^/]+/connectionManagement/accessToken$",
            ))
            .and(header("authorization", auth.as_str()))
            .respond_with(|request: &Request| {
                let company = company_of(request);
                ResponseTemplate::new(200).set_body_json(
                    json!({ "accessToken": format!("mock-connection-token-{company}") }),
                )
            })
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(r"^/companies/[^/]+/accessToken$"))
            .and(header("authorization", auth.as_str()))
            .respond_with(|request: &Request| {
                let company = company_of(request);
                ResponseTemplate::new(200).set_body_json(json!({
                    "expiresIn": 86400,
                    "accessToken": format!("mock-company-token-{company}"),
                    "tokenType": "Bearer",
                }))
            })
            .with_priority(1)
            .mount(&server)
            .await;
        // Whatever the mounts above did not take: bad auth first, then unknown paths.
        let wrong_auth = move |request: &Request| {
            request.headers.get("authorization").map(|v| v.as_bytes()) != Some(auth.as_bytes())
        };
        Mock::given(wrong_auth)
            .respond_with(error_message(401, "Unauthorized"))
            .with_priority(2)
            .mount(&server)
            .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(|request: &Request| {
                error_message(
                    404,
                    &format!("the mock has no {} {}", request.method, request.url.path()),
                )
            })
            .with_priority(3)
            .mount(&server)
            .await;
        MockCodat(Running { server })
    }
}

/// A running stand-in on 127.0.0.1 with what every example and test asks of one; each mock
/// in this crate derefs to it. Stops when dropped.
#[derive(Debug)]
pub struct Running {
    pub(crate) server: MockServer,
}

impl Running {
    /// The base URL to configure the client with.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client pointed at the mock, with the key the mock accepts.
    pub fn client(&self) -> Codat {
        Codat::builder()
            .api_key(MOCK_API_KEY)
            .base_url(self.uri())
            .build()
            .expect("the mock's URL and key make a valid client")
    }

    /// The company id to call the mock with.
    pub fn company_id(&self) -> &'static str {
        MOCK_COMPANY_ID
    }

    /// The connection id to call the mock with (the one the product mocks use).
    pub fn connection_id(&self) -> &'static str {
        MOCK_CONNECTION_ID
    }

    /// The requests the mock has answered so far.
    pub async fn received_requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }
}

impl Running {
    /// Mounts what Codat answers to whatever the mock's own routes did not take: 401 for a
    /// missing or wrong key, else 404 naming the request. Mount it last.
    pub(crate) async fn refuse_the_rest(server: MockServer) -> Running {
        let auth = basic_auth(MOCK_API_KEY);
        Mock::given(move |request: &Request| {
            request.headers.get("authorization").map(|v| v.as_bytes()) != Some(auth.as_bytes())
        })
        .respond_with(error_message(401, "Unauthorized"))
        .with_priority(90)
        .mount(&server)
        .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(|request: &Request| {
                error_message(
                    404,
                    &format!("the mock has no {} {}", request.method, request.url.path()),
                )
            })
            .with_priority(91)
            .mount(&server)
            .await;
        Running { server }
    }
}

/// The connection id the product mocks use.
pub const MOCK_CONNECTION_ID: &str = "2e9d2c44-f675-40ba-8049-353bfcb5e171";

/// The `Authorization` value Codat expects for a raw API key.
pub fn basic_auth(api_key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(api_key)
    )
}

/// A response with Codat's `ErrorMessage` body.
pub fn error_message(status: u16, error: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "statusCode": status,
        "service": "MockCodat",
        "error": error,
        "correlationId": format!("mock-correlation-{status}"),
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0,
    }))
}

/// The still-encoded company id segment of `/companies/<id>/...`.
fn company_of(request: &Request) -> String {
    request
        .url
        .path()
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_owned()
}

/// The README's Rust examples, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
