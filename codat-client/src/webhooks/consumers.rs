//! Webhook consumers: the endpoints of yours that Codat delivers events to.

use crate::models::webhooks::{
    WebhookConsumer, WebhookConsumerPrototype, WebhookConsumers, WebhookZapierKey,
};
use crate::resource::platform_resource;
use crate::{endpoint, Error};

platform_resource!(
    /// Webhook consumer operations; from [`Codat::webhooks`](crate::Codat::webhooks).
    Webhooks,
    webhooks
);

impl Webhooks<'_> {
    /// Lists your webhook consumers.
    ///
    /// Codat: [`list-webhook-consumers`](https://docs.codat.io/platform-api#/operations/list-webhook-consumers).
    #[endpoint(GET, "/webhooks", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn list_consumers(self) -> Result<WebhookConsumers, Error>;

    /// Creates a webhook consumer: an URL and the event types to deliver to it.
    ///
    /// Codat: [`create-webhook-consumer`](https://docs.codat.io/platform-api#/operations/create-webhook-consumer).
    #[endpoint(POST, "/webhooks", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn create_consumer(
        self,
        #[body] consumer: Option<&WebhookConsumerPrototype>,
    ) -> Result<WebhookConsumer, Error>;

    /// Deletes a webhook consumer; nothing more is delivered to it.
    ///
    /// Codat: [`delete-webhook-consumer`](https://docs.codat.io/platform-api#/operations/delete-webhook-consumer).
    #[endpoint(DELETE, "/webhooks/<webhook_id>", errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn delete_consumer(self, webhook_id: &str) -> Result<(), Error>;

    /// Replaces the key of the Zapier integration; the old key stops working.
    ///
    /// Codat: [`rotate-zapier-key`](https://docs.codat.io/platform-api#/operations/rotate-zapier-key).
    #[endpoint(POST, "/webhooks/integrationKeys/zapier", errors = [401, 402, 403, 429, 500, 503])]
    pub async fn rotate_zapier_key(self) -> Result<WebhookZapierKey, Error>;
}
