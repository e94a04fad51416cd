//! Sync for Payables' tests, one binary: every operation and page stream (`api`), every
//! response example of the spec decoded into its model (`models`, generated) and the webhook
//! deliveries (`webhooks`).

mod api;
mod example;
mod models;
mod webhooks;
