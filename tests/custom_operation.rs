//! An operation declared outside `codat-client` (in `examples/custom_operation.rs`) is sent with
//! the client's auth and base URL and gets the client's error mapping.

#[allow(dead_code, unreachable_pub)] // the example is a binary of its own
#[path = "../examples/custom_operation.rs"]
mod example;

use codat_client::{Codat, Error};
use codat_mock::{MockCodat, MOCK_COMPANY_ID};
use example::EmbedTokens;

#[tokio::test]
async fn declared_outside_the_crate_and_called_through_the_mock() {
    let mock = MockCodat::start().await;
    let codat = mock.client();
    let token = EmbedTokens::new(&codat)
        .company_token(MOCK_COMPANY_ID)
        .await
        .unwrap();
    assert_eq!(
        token.access_token,
        format!("mock-company-token-{MOCK_COMPANY_ID}")
    );
    assert_eq!(token.expires_in, 86400);
    let calls = mock.calls();
    assert_eq!(
        calls[0].path(),
        format!("/companies/{MOCK_COMPANY_ID}/accessToken")
    );
}

#[tokio::test]
async fn gets_the_client_error_mapping() {
    let mock = MockCodat::start().await;
    let codat = Codat::builder()
        .api_key("wrong-key")
        .base_url(mock.uri())
        .build()
        .unwrap();
    let err = EmbedTokens::new(&codat)
        .company_token(MOCK_COMPANY_ID)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.correlation_id(), Some("codat-test-401"));
    let err = EmbedTokens::new(&codat).company_token("a/..").await;
    assert!(err.is_err());
}

#[tokio::test]
async fn refuses_hostile_ids_like_builtin_operations() {
    let mock = MockCodat::start().await;
    let codat = mock.client();
    let err = EmbedTokens::new(&codat)
        .company_token("..")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert!(mock.calls().is_empty());
}
