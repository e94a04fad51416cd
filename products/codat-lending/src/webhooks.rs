//! The webhook events the Lending spec lists.
