//! Waiting for a commerce sync over loopback: one that completes, and one that ends in an
//! error status with Codat's message.

use codat_client::wait::Status;
use codat_client::Error;
use codat_product_tests::{end, no_waits, polled, seen, COMPANY};
use codat_sync_commerce::SyncForCommerce;
use serde_json::{json, Value};

const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

/// The sync's statuses, and the error ending them, when polls answer `statuses` in turn.
async fn follow(statuses: &[(&str, Option<&str>)]) -> Result<Vec<String>, Error> {
    let script = statuses.iter().map(|(status, exception)| {
        let body = json!({"companyId": COMPANY, "syncId": SYNC, "syncStatus": status,
                          "syncStatusCode": 2000, "syncExceptionMessage": exception});
        (200, body)
    });
    let path = format!("/companies/{COMPANY}/sync/commerce/syncs/{SYNC}/status");
    let commerce = polled(
        SyncForCommerce::new,
        &path,
        script.collect::<Vec<(u16, Value)>>(),
    )
    .await;
    let watch = || {
        commerce
            .client
            .sync()
            .wait_for_sync(COMPANY, SYNC, no_waits())
    };
    let seen = seen(watch()).await?;
    end(watch()).await?;
    Ok(seen.iter().map(Status::label).collect())
}

#[tokio::test]
async fn a_sync_is_followed_to_its_end() {
    let labels = follow(&[("NotStarted", None), ("Started", None), ("Complete", None)]).await;
    assert_eq!(labels.unwrap(), ["NotStarted", "Started", "Complete"]);
}

#[tokio::test]
async fn a_sync_that_errors_is_an_error_with_its_message() {
    let failure = ("MapCoreError", Some("No mapping for the card fees account"));
    let error = follow(&[("Started", None), failure]).await.unwrap_err();
    codat_product_tests::check_failed(
        &error,
        "MapCoreError",
        Some("No mapping for the card fees account"),
    );
}
