//! Declares an operation outside `codat-client`, on a type of this crate, and calls it.
//!
//! The declaration needs only `codat_client` (and serde for the model): the generated body
//! uses the client's auth, base URL, timeout and error mapping. Runs against a local mock
//! unless `CODAT_API_KEY` and `CODAT_COMPANY_ID` are set.
//!
//! ```sh
//! cargo run --example custom_operation
//! ```

use codat_client::{endpoint, Codat, Error, Resource};
use codat_mock::{MockCodat, MOCK_COMPANY_ID};
use serde::Deserialize;

/// This application's own view of a company token: only the fields it needs.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedToken {
    /// The token for Codat's embedded UIs.
    pub access_token: String,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// Operations this application declares for itself, borrowing the shared client.
#[derive(Debug)]
pub struct EmbedTokens<'a> {
    codat: &'a Codat,
}

impl<'a> EmbedTokens<'a> {
    /// Wraps a client.
    pub fn new(codat: &'a Codat) -> Self {
        EmbedTokens { codat }
    }
}

impl Resource for EmbedTokens<'_> {
    fn codat(&self) -> &Codat {
        self.codat
    }
}

impl EmbedTokens<'_> {
    /// A token for the company's embedded UIs.
    #[endpoint(GET, "/companies/<company_id>/accessToken",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn company_token(&self, company_id: &str) -> Result<EmbedToken, Error>;
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (codat, company_id, _mock) = match std::env::var("CODAT_COMPANY_ID") {
        Ok(company_id) if std::env::var_os("CODAT_API_KEY").is_some() => {
            (Codat::from_env()?, company_id, None)
        }
        _ => {
            let mock = MockCodat::start().await;
            println!(
                "No credentials: calling a LOCAL MOCK of the Codat API at {}",
                mock.uri()
            );
            let codat = mock.client();
            (codat, MOCK_COMPANY_ID.to_owned(), Some(mock))
        }
    };
    let token = EmbedTokens::new(&codat).company_token(&company_id).await?;
    println!(
        "token {} (expires in {} s)",
        token.access_token, token.expires_in
    );
    Ok(())
}
