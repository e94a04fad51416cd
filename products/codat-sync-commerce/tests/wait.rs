//! Waiting for a commerce sync over loopback: one that completes, and one that ends in an
//! error status with Codat's message.

use codat_client::wait::Status;
use codat_client::Error;
use codat_product_tests::{codat, no_waits, scripted, within, COMPANY};
use codat_sync_commerce::SyncForCommerce;
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const AUTH: &str = "Basic d2FpdC10ZXN0LWtleQ==";
const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const PATH: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/sync/commerce/syncs/6fb40d5e-b13e-11ed-afa1-0242ac120002/status";

fn sync(status: &str, exception: Option<&str>) -> (u16, Value) {
    (
        200,
        json!({"companyId": COMPANY, "syncId": SYNC, "syncStatus": status,
               "syncStatusCode": 2000, "syncExceptionMessage": exception}),
    )
}

#[tokio::test]
async fn a_sync_is_followed_to_its_end() {
    let (server, _) = scripted(
        AUTH,
        "GET",
        PATH,
        vec![
            sync("NotStarted", None),
            sync("Started", None),
            sync("Complete", None),
        ],
    )
    .await;
    let commerce = SyncForCommerce::new(&codat("wait-test-key", &server));
    let labels: Vec<String> = within(
        commerce
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
            .map(|s| s.label())
            .try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(labels, ["NotStarted", "Started", "Complete"]);
}

#[tokio::test]
async fn a_sync_that_errors_is_an_error_with_its_message() {
    let (server, _) = scripted(
        AUTH,
        "GET",
        PATH,
        vec![
            sync("Started", None),
            sync("MapCoreError", Some("No mapping for the card fees account")),
        ],
    )
    .await;
    let commerce = SyncForCommerce::new(&codat("wait-test-key", &server));
    let error = within(
        commerce
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
            .finish(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, Error::OperationFailed { status, message: Some(m) } if status == "MapCoreError" && m == "No mapping for the card fees account"),
        "{error:?}"
    );
}
