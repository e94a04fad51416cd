//! The webhook events the Lending spec lists: a report finished generating (or failed to),
//! Platform's rate-limit events, and the older rule-style alert sent when a company's account
//! categories change.
//!
//! ```
//! use codat_client::webhooks::Webhook;
//! use codat_lending::webhooks::LendingEvent;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<LendingEvent>(headers, body) {
//!         Ok(LendingEvent::CreditModelGenerated(event)) => {
//!             let company = event.payload.reference_company.and_then(|c| c.id);
//!             println!("report {:?} of {company:?} is ready", event.payload.id);
//!             204
//!         }
//!         Ok(_) => 204,
//!         Err(_) => 401,
//!     }
//! }
//! # let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! # assert_eq!(handle(&webhook, &http::HeaderMap::new(), b"{}"), 401);
//! ```

use codat_client::models::companies::CompanyReference;
use codat_client::models::DateTime;
use codat_client::webhooks::{ClientRateLimitWebhook, WebhookEnvelope, WebhookEvent};
use serde::{Deserialize, Serialize};

/// The `RuleType` of the rule-style delivery sent when account categories change.
pub const ACCOUNT_CATEGORIES_UPDATED: &str = "Account Categories Updated";

/// One delivery to a Lending webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum LendingEvent {
    /// `reports.categorizedBankStatement.generate.successful`: a categorized bank statement is
    /// ready to read.
    CategorizedBankStatementGenerated(ReportGenerationWebhook),
    /// `reports.categorizedBankStatement.generate.unsuccessful`: generating one failed.
    CategorizedBankStatementFailed(ReportGenerationWebhook),
    /// `reports.creditModel.generate.successful`: a credit model report is ready to read.
    CreditModelGenerated(ReportGenerationWebhook),
    /// `reports.creditModel.generate.unsuccessful`: generating one failed.
    CreditModelFailed(ReportGenerationWebhook),
    /// `client.rateLimit.reached`: the client has used up its daily request quota.
    RateLimitReached(ClientRateLimitWebhook),
    /// `client.rateLimit.reset`: the quota was renewed.
    RateLimitReset(ClientRateLimitWebhook),
    /// A company's account categories changed. An older, rule-style delivery: it has no
    /// `eventType`, and is known by its `RuleType` ([`ACCOUNT_CATEGORIES_UPDATED`]).
    AccountCategoriesUpdated(AccountCategoriesUpdatedWebhook),
    /// An event type this crate does not know, kept rather than refused.
    Unrecognized {
        /// The event type as sent (for a rule-style delivery, its `RuleType`).
        event_type: String,
        /// The delivery's `payload`, undecoded (`null` when absent); for a rule-style
        /// delivery, which has none, the whole body.
        payload: serde_json::Value,
    },
}

/// A report finished generating, or failed to.
pub type ReportGenerationWebhook = WebhookEnvelope<ReportGenerationPayload>;

/// Which report a report-generation event is about, and whose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportGenerationPayload {
    /// The report's id, to read it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The company the report is of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
}

/// The rule-style delivery sent when a company's account categories change. Its fields are
/// written in PascalCase, unlike the newer events'.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccountCategoriesUpdatedWebhook {
    /// Your client's id in Codat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Your client's name in Codat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// The company whose categories changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// The connection whose categories changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_connection_id: Option<String>,
    /// The id of the rule that sent the alert; Codat no longer relies on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// The kind of alert: [`ACCOUNT_CATEGORIES_UPDATED`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_type: Option<String>,
    /// The delivery's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_id: Option<String>,
    /// A line of text saying what happened, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When the categories changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<AccountCategoriesUpdatedData>,
}

/// What an [`AccountCategoriesUpdatedWebhook`] says about the change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountCategoriesUpdatedData {
    /// When the company's account categories last changed in Codat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_date: Option<DateTime>,
}

/// Just enough of a delivery to pick the variant, and the payload of an unknown one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Head {
    #[serde(default)]
    event_type: Option<String>,
    #[serde(rename = "RuleType", default)]
    rule_type: Option<String>,
    #[serde(default)]
    payload: serde_json::Value,
}

impl LendingEvent {
    /// Decodes a delivery's body. A body with neither an `eventType` nor a `RuleType` is an
    /// error, as is a known event whose fields do not have their documented types.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head: Head = serde_json::from_slice(body)?;
        let Some(event_type) = head.event_type else {
            return match head.rule_type {
                Some(rule) if rule == ACCOUNT_CATEGORIES_UPDATED => Ok(
                    Self::AccountCategoriesUpdated(serde_json::from_slice(body)?),
                ),
                Some(rule) => Ok(Self::Unrecognized {
                    event_type: rule,
                    payload: serde_json::from_slice(body)?,
                }),
                None => Err(serde::de::Error::missing_field("eventType")),
            };
        };
        Ok(match event_type.as_str() {
            "reports.categorizedBankStatement.generate.successful" => {
                Self::CategorizedBankStatementGenerated(serde_json::from_slice(body)?)
            }
            "reports.categorizedBankStatement.generate.unsuccessful" => {
                Self::CategorizedBankStatementFailed(serde_json::from_slice(body)?)
            }
            "reports.creditModel.generate.successful" => {
                Self::CreditModelGenerated(serde_json::from_slice(body)?)
            }
            "reports.creditModel.generate.unsuccessful" => {
                Self::CreditModelFailed(serde_json::from_slice(body)?)
            }
            "client.rateLimit.reached" => Self::RateLimitReached(serde_json::from_slice(body)?),
            "client.rateLimit.reset" => Self::RateLimitReset(serde_json::from_slice(body)?),
            _ => Self::Unrecognized {
                event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `reports.creditModel.generate.successful`; for
    /// the rule-style delivery, its `RuleType`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::CategorizedBankStatementGenerated(event)
            | Self::CategorizedBankStatementFailed(event)
            | Self::CreditModelGenerated(event)
            | Self::CreditModelFailed(event) => &event.event_type,
            Self::RateLimitReached(event) | Self::RateLimitReset(event) => &event.event_type,
            Self::AccountCategoriesUpdated(_) => ACCOUNT_CATEGORIES_UPDATED,
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for LendingEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        LendingEvent::from_json(body)
    }
}
