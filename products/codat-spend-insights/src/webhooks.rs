//! The webhook events the Spend Insights spec lists: a spend analysis report finished
//! generating, or failed to.
//!
//! ```
//! use codat_client::webhooks::Webhook;
//! use codat_spend_insights::webhooks::SpendInsightsEvent;
//!
//! fn handle(webhook: &Webhook, headers: &http::HeaderMap, body: &[u8]) -> u16 {
//!     match webhook.verify_as::<SpendInsightsEvent>(headers, body) {
//!         Ok(SpendInsightsEvent::SpendAnalysisGenerated(event)) => {
//!             let company = event.payload.reference_company.and_then(|c| c.id);
//!             println!("spend analysis {:?} of {company:?} is ready", event.payload.id);
//!             204
//!         }
//!         Ok(SpendInsightsEvent::SpendAnalysisFailed(event)) => {
//!             println!("spend analysis {:?} failed", event.payload.id);
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
use codat_client::webhooks::{EventHead, WebhookEnvelope, WebhookEvent};
use serde::{Deserialize, Serialize};

/// The event type sent when a spend analysis report is ready.
pub const SPEND_ANALYSIS_GENERATED: &str = "reports.spendAnalysis.generate.successful";

/// The event type sent when generating a spend analysis report failed.
pub const SPEND_ANALYSIS_FAILED: &str = "reports.spendAnalysis.generate.unsuccessful";

/// One delivery to a Spend Insights webhook endpoint, matched on its event type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SpendInsightsEvent {
    /// `reports.spendAnalysis.generate.successful`: a spend analysis report is ready to read.
    SpendAnalysisGenerated(ReportGenerationWebhook),
    /// `reports.spendAnalysis.generate.unsuccessful`: generating one failed.
    SpendAnalysisFailed(ReportGenerationWebhook),
    /// An event type this crate does not know, kept rather than refused.
    Unrecognized {
        /// The event type as sent.
        event_type: String,
        /// The delivery's `payload`, undecoded (`null` when absent).
        payload: serde_json::Value,
    },
}

/// A report finished generating, or failed to.
pub type ReportGenerationWebhook = WebhookEnvelope<ReportGenerationPayload>;

/// Which report a report-generation event is about, and whose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportGenerationPayload {
    /// The report's id, to read it by (as a [`ReportId`](crate::ReportId), once parsed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The company the report is of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_company: Option<CompanyReference>,
}

impl SpendInsightsEvent {
    /// Decodes a delivery's body. A body without an `eventType` is an error, as is a known
    /// event whose fields do not have their documented types.
    pub fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        let head = EventHead::read(body)?;
        Ok(match head.event_type.as_str() {
            SPEND_ANALYSIS_GENERATED => Self::SpendAnalysisGenerated(serde_json::from_slice(body)?),
            SPEND_ANALYSIS_FAILED => Self::SpendAnalysisFailed(serde_json::from_slice(body)?),
            _ => Self::Unrecognized {
                event_type: head.event_type,
                payload: head.payload,
            },
        })
    }

    /// The event type as Codat names it, e.g. `reports.spendAnalysis.generate.successful`.
    pub fn event_type(&self) -> &str {
        match self {
            Self::SpendAnalysisGenerated(event) | Self::SpendAnalysisFailed(event) => {
                &event.event_type
            }
            Self::Unrecognized { event_type, .. } => event_type,
        }
    }
}

impl WebhookEvent for SpendInsightsEvent {
    fn from_json(body: &[u8]) -> Result<Self, serde_json::Error> {
        SpendInsightsEvent::from_json(body)
    }
}
