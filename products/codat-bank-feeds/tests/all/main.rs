//! Bank Feeds' tests, one binary: every operation and the page stream, and the shapes this
//! product brings (`api`), waiting for a sync (`wait`), every response example of the spec
//! decoded into its model (`models`, generated) and the webhook deliveries (`webhooks`).

mod api;
mod example;
mod models;
mod wait;
mod webhooks;
