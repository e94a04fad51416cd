//! Sync for Payroll's tests, one binary: every operation and page stream (`api`), every
//! response example of the spec decoded into its model (`models`, generated) and the webhook
//! deliveries (`webhooks`), all over loopback.

mod api;
mod models;
mod webhooks;
