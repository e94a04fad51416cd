//! The shapes Bank Feeds brings, over a loopback server with the crate's own models: a batch
//! create that answers 201 or 207 (a partial success told apart from a whole one), a `oneOf`
//! body that matches no known shape (kept, not refused), a "latest sync" that answers 200 or
//! 204, and a body where one is required but none came.

use codat_bank_feeds::models::{
    CreateBatchSourceAccountRequest, CreateBatchSourceAccountResponseItem,
    CreateBatchSourceAccountResponseMultiStatusItem, CreateSourceAccountResponse,
};
use codat_client::{endpoint, Codat, Error, MultiStatus, Resource, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BATCH: &str = "/companies/c1/connections/k1/connectionInfo/bankFeedAccounts/batch";
const LATEST: &str =
    "/companies/c1/connections/k1/bankFeedAccounts/a1/managedBankFeeds/syncs/latest";

#[derive(Clone, Copy, Debug)]
struct Feeds<'a>(&'a Codat);

#[derive(Debug, PartialEq, serde::Deserialize)]
struct LatestSync {
    status: String,
}

impl Resource for Feeds<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

impl Feeds<'_> {
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts/batch",
               errors = [400, 401])]
    async fn create_batch(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] accounts: &CreateBatchSourceAccountRequest,
    ) -> Result<
        MultiStatus<
            Vec<CreateBatchSourceAccountResponseItem>,
            Vec<CreateBatchSourceAccountResponseMultiStatusItem>,
        >,
        Error,
    >;

    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/connectionInfo/bankFeedAccounts",
               errors = [400, 401])]
    async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] account: &Value,
    ) -> Result<CreateSourceAccountResponse, Error>;

    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/<account_id>/managedBankFeeds/syncs/latest",
               errors = [401, 404])]
    async fn latest_sync(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<Option<LatestSync>, Error>;

    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/bankFeedAccounts/<account_id>/managedBankFeeds/syncs/latest",
               errors = [401, 404])]
    async fn latest_sync_required(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<LatestSync, Error>;
}

fn client(server: &MockServer) -> Codat {
    Codat::builder()
        .api_key("k")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn created(id: &str) -> Value {
    json!({"sourceAccountId": id, "result": {"id": id, "accountName": "Current", "accountType": "checking",
           "accountNumber": "1234", "currency": "GBP", "balance": 10.5, "status": "pending"}})
}

#[tokio::test]
async fn a_batch_tells_a_partial_success_from_a_whole_one() {
    let server = MockServer::start().await;
    let request = CreateBatchSourceAccountRequest::Other(json!([{"id": "a1"}, {"id": "a2"}]));
    Mock::given(method("POST"))
        .and(path(BATCH))
        .and(body_json(json!([{"id": "a1"}, {"id": "a2"}])))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!([created("a1"), created("a2")])),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(BATCH))
        .respond_with(ResponseTemplate::new(207).set_body_json(json!([
            created("a1"),
            {"sourceAccountId": "a2", "result": {"statusCode": "400", "error": "duplicate account number"}}
        ])))
        .with_priority(2)
        .mount(&server)
        .await;
    let codat = client(&server);
    let whole = Feeds(&codat)
        .create_batch("c1", "k1", &request)
        .await
        .unwrap();
    assert!(!whole.is_partial());
    assert_eq!(whole.complete().unwrap().len(), 2);

    let partial = Feeds(&codat)
        .create_batch("c1", "k1", &request)
        .await
        .unwrap();
    assert!(partial.is_partial());
    let items = partial.complete().unwrap_err();
    let failed: Vec<_> = items
        .iter()
        .filter_map(|item| match item {
            CreateBatchSourceAccountResponseMultiStatusItem::SourceAccountBatchErrorResponse(e) => {
                e.result.as_ref()?.error.clone()
            }
            _ => None,
        })
        .collect();
    assert_eq!(failed, ["duplicate account number"]);
}

#[tokio::test]
async fn a_207_of_an_unexpected_shape_is_a_decode_error_that_keeps_the_status() {
    let server = MockServer::start().await;
    Mock::given(path(BATCH))
        .respond_with(
            ResponseTemplate::new(207)
                .insert_header("content-type", "application/json")
                .set_body_string(r#"{"not": "a list"}"#),
        )
        .mount(&server)
        .await;
    let codat = client(&server);
    let request = CreateBatchSourceAccountRequest::Other(json!([]));
    let err = Feeds(&codat)
        .create_batch("c1", "k1", &request)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(207));
    assert!(err.body().unwrap().contains("a list"));
}

#[tokio::test]
async fn a_body_that_matches_no_known_shape_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"brandNew": true})))
        .mount(&server)
        .await;
    let codat = client(&server);
    // A schema-less JSON body goes out as given.
    let account = json!({"id": "a1", "extra": [1, 2, 3]});
    let created = Feeds(&codat).create("c1", "k1", &account).await.unwrap();
    assert_eq!(
        created,
        CreateSourceAccountResponse::Other(json!({"brandNew": true}))
    );
    let sent: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(sent, account);
}

#[tokio::test]
async fn the_latest_sync_is_some_on_200_and_none_on_204() {
    let server = MockServer::start().await;
    Mock::given(path(LATEST))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "completed"})))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(LATEST))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(2)
        .mount(&server)
        .await;
    let codat = client(&server);
    let first = Feeds(&codat).latest_sync("c1", "k1", "a1").await.unwrap();
    assert_eq!(
        first,
        Some(LatestSync {
            status: "completed".into()
        })
    );
    assert_eq!(
        Feeds(&codat).latest_sync("c1", "k1", "a1").await.unwrap(),
        None
    );
    // Where a body is required, an empty answer is an error that keeps the status.
    let err = Feeds(&codat)
        .latest_sync_required("c1", "k1", "a1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(204));
}
