//! Every operation against Prism, Codat's spec served as a validating mock: Prism refuses any
//! request that breaks the spec (auth, parameter formats, bodies) and answers from the spec,
//! so a 2xx that decodes proves both the request and the model. Ignored unless a Prism server
//! is given in `PRISM_URL`; `.ci/run` starts one.

mod support;

use codat_client::{Codat, RetryPolicy};

#[tokio::test]
#[ignore = "needs a Prism mock server: set PRISM_URL (done by .ci/run)"]
async fn every_operation_passes_prism() {
    let url = std::env::var("PRISM_URL").expect("PRISM_URL points at `prism mock` of Codat's spec");
    let codat = Codat::builder()
        .api_key("prism-test-key")
        .base_url(url)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let mut failures = Vec::new();
    let operations = support::operations::all();
    for (operation_id, _, call) in &operations {
        if let Err(err) = call(&codat).await {
            failures.push(format!(
                "{operation_id}: {err}\n    {}",
                err.body().unwrap_or_default()
            ));
        }
    }
    let passed = operations.len() - failures.len();
    let report = format!("prism: {passed}/{} operations passed\n", operations.len());
    std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes()).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(passed, 52);
}
