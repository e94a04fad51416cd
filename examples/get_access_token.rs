//! Gets an access token for one company, to hand to Codat's embedded connection UI. Only its
//! start is printed: the token is a secret.
//!
//! With `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`) and `CODAT_COMPANY_ID` set, it calls the real
//! Codat API (or `CODAT_BASE_URL`). Without credentials it starts a local mock of the endpoint on
//! 127.0.0.1 and says so.
//!
//! ```sh
//! cargo run --example get_access_token
//! CODAT_API_KEY=... CODAT_COMPANY_ID=... cargo run --example get_access_token
//! ```

use std::process::ExitCode;

use codat_client::Codat;
use codat_mock::cli::exit_code;
use codat_mock::{MockCodat, MOCK_COMPANY_ID};

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let has_credentials = ["CODAT_API_KEY", "CODAT_AUTH_HEADER"]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|v| !v.is_empty()));
    // Kept alive until the call is done.
    let mut _mock = None;
    let (codat, company_id) = if has_credentials {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let company_id = std::env::var("CODAT_COMPANY_ID").map_err(|_| {
            "set CODAT_COMPANY_ID to the id of one of your Codat companies".to_owned()
        })?;
        println!("Calling the Codat API at {}", codat.base_url());
        (codat, company_id)
    } else {
        let mock = MockCodat::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of the Codat API at {} \
             (not the real API). Set CODAT_API_KEY and CODAT_COMPANY_ID to call Codat.",
            mock.uri()
        );
        let codat = mock.client();
        _mock = Some(mock);
        (codat, MOCK_COMPANY_ID.to_owned())
    };

    // Codat's recommended call (`connection_management().get_access_token`, the seed
    // operation, is deprecated in its favour).
    let token = codat
        .companies()
        .get_access_token(&company_id)
        .await
        .map_err(|e| e.report().to_string())?;
    println!(
        "Access token for company {company_id}: {} ({} token, expires in {} s)",
        shortened(&token.access_token),
        token.token_type,
        token.expires_in
    );
    Ok(())
}

/// The token's first characters and its length: enough to recognize it, too little to use it
/// (the token gives access to the company's connections, so it is not printed whole).
fn shortened(token: &str) -> String {
    let start: String = token.chars().take(6).collect();
    format!("{start}… ({} characters)", token.chars().count())
}
