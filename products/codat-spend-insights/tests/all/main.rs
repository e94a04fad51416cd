//! Spend Insights' tests, one binary: every operation and the page streams (`api`), waiting
//! for reports (`wait`), every response example of the spec decoded into its model (`models`,
//! generated) and the webhook deliveries (`webhooks`).

mod api;
mod example;
mod models;
mod wait;
mod webhooks;

/// A client of codat-test's stand-in `mock` with the test key that never retries: every
/// answer reaches the test.
fn spend(mock: &codat_test::MockCodat) -> codat_spend_insights::SpendInsights {
    let codat = mock.builder().api_key("spend-insights-test-key");
    let codat = codat
        .retry_policy(codat_client::RetryPolicy::disabled())
        .build()
        .unwrap();
    codat_spend_insights::SpendInsights::new(&codat)
}
