//! Local stand-ins for the Codat API, on loopback, for the examples and the end-to-end tests.
//!
//! Each is a [`codat_test::MockCodat`] told how to answer the operations one example calls,
//! with state where Codat has some. It checks the key the way Codat would (a wrong or missing
//! one gets `401`); a call of anything else is answered `501` and fails the test when the mock
//! is dropped. It never pretends to be Codat to anything but a client pointed at it.

pub mod cli;
pub mod loopback;

use base64::Engine;
use codat_client::Codat;
use codat_test::{Call, Reply};
use serde_json::json;

/// The API key the mock accepts.
pub const MOCK_API_KEY: &str = "mock-api-key";
/// A company id to call the mock with.
pub const MOCK_COMPANY_ID: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
/// The connection id the product mocks use.
pub const MOCK_CONNECTION_ID: &str = "2e9d2c44-f675-40ba-8049-353bfcb5e171";

/// A running stand-in of the access-token operations; stops when dropped.
#[derive(Debug)]
pub struct MockCodat(Running);

impl std::ops::Deref for MockCodat {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

impl MockCodat {
    /// Starts the mock on a free port of 127.0.0.1; it answers both access-token operations
    /// for any company, with a token that names it.
    pub async fn start() -> MockCodat {
        let running = Running::start().await;
        running
            .on("get-connection-management-access-token")
            .reply_with(|call: &Call| {
                let company = call.path_value("company_id").unwrap_or_default();
                Reply::ok(&json!({ "accessToken": format!("mock-connection-token-{company}") }))
            });
        running
            .on("get-company-access-token")
            .reply_with(|call: &Call| {
                let company = call.path_value("company_id").unwrap_or_default();
                Reply::ok(&json!({
                    "expiresIn": 86400,
                    "accessToken": format!("mock-company-token-{company}"),
                    "tokenType": "Bearer",
                }))
            });
        MockCodat(running)
    }
}

/// A running stand-in on 127.0.0.1 with what every example and test asks of one; each mock
/// in this crate derefs to it. Stops when dropped, and then fails the test if a call came that
/// the stand-in does not answer.
#[derive(Debug)]
pub struct Running {
    mock: codat_test::MockCodat,
}

impl Running {
    /// A mock that refuses every key but [`MOCK_API_KEY`], with no answers yet.
    pub async fn start() -> Running {
        let mock = codat_test::MockCodat::start().await;
        mock.require_api_key(MOCK_API_KEY);
        Running { mock }
    }

    /// Starts a stand-in's answer to the operation `name`.
    pub fn on(&self, name: &str) -> codat_test::When<'_> {
        self.mock.on(name)
    }

    /// The base URL to configure the client with.
    pub fn uri(&self) -> String {
        self.mock.url()
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

    /// Every call the mock received so far, refused ones too, in the order they arrived.
    pub fn calls(&self) -> Vec<Call> {
        self.mock.calls()
    }

    /// The calls of the operation `name` (`"create-bill"`, `"bills::create"`, or
    /// `"POST /companies/<company_id>/..."`) received so far, in order.
    pub fn calls_to(&self, name: &str) -> Vec<Call> {
        self.mock.calls_to(name)
    }
}

/// The `Authorization` value Codat expects for a raw API key.
pub fn basic_auth(api_key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(api_key)
    )
}
