//! Sync for Commerce's tests, one binary: every operation and the integrations stream
//! (`api`), waiting for a sync (`wait`), every response example of the spec decoded into its
//! model (`models`, generated) and the webhook deliveries (`webhooks`).

mod api;
mod models;
mod wait;
mod webhooks;
