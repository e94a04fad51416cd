//! Spend Insights deliveries: the spec's two report-generation events, from its own examples
//! (or bodies written here without the spec), signed the way Codat signs deliveries, verified
//! and decoded into `SpendInsightsEvent`; unknown events kept, forgeries and misshapen bodies
//! refused.

use codat_client::webhooks::WebhookError;
use codat_product_tests::{check_forgeries_are_refused, check_report_events};
use codat_product_tests::{check_unknown_events_are_kept, spec_file, webhook_names};
use codat_spend_insights::webhooks::{
    SpendInsightsEvent, SPEND_ANALYSIS_FAILED, SPEND_ANALYSIS_GENERATED,
};
use codat_spend_insights::ReportId;
use serde_json::{json, Value};

/// The events, with whether each reports success.
const EVENTS: [(&str, bool); 2] = [
    ("reports.spendAnalysis.generate.successful", true),
    ("reports.spendAnalysis.generate.unsuccessful", false),
];

fn verify(body: &Value) -> Result<SpendInsightsEvent, WebhookError> {
    codat_product_tests::verify(body)
}

/// A delivery of `event_type` written here, for runs without the spec.
fn fixture(event_type: &str) -> Value {
    json!({
        "id": "bae71d36-ff47-420a-b4a6-f8c9ddf41140",
        "eventType": event_type,
        "generatedDate": "2024-06-01T12:00:00.000Z",
        "payload": {
            "id": "bb42ce7e-720a-4ac5-b640-f24f53ff47c8",
            "referenceCompany": {
                "id": "8a210b68-6988-11ed-a1eb-0242ac120002", "name": "Corner Café",
                "description": null,
                "links": {"portal": "https://app.codat.io/companies/8a210b68/summary"},
                "tags": {"segment": "smb"}
            }
        }
    })
}

#[test]
fn the_spec_lists_these_two_events_and_each_example_decodes_to_its_variant_whole() {
    assert_eq!(SPEND_ANALYSIS_GENERATED, EVENTS[0].0);
    assert_eq!(SPEND_ANALYSIS_FAILED, EVENTS[1].0);
    let spec = spec_file("Codat-Spend-Insights.json");
    if let Some(spec) = spec {
        assert_eq!(webhook_names(spec), EVENTS.map(|(name, _)| name));
    }
    let fallback = fixture(SPEND_ANALYSIS_GENERATED);
    let decoded = check_report_events::<SpendInsightsEvent, _>(
        spec,
        &EVENTS,
        |event, event_type| {
            assert_eq!(event.event_type(), event_type);
            let report = match event {
                SpendInsightsEvent::SpendAnalysisGenerated(e) => (e.clone(), true),
                SpendInsightsEvent::SpendAnalysisFailed(e) => (e.clone(), false),
                _ => return None,
            };
            // The report's id is one to read the report by.
            let id: ReportId = report.0.payload.id.as_deref().unwrap().parse().unwrap();
            assert_eq!(
                Some(id.to_string()).as_deref(),
                report.0.payload.id.as_deref()
            );
            Some(report)
        },
        &fallback,
    );
    assert!(decoded >= 2);
}

#[test]
fn an_unknown_event_type_decodes_as_unknown() {
    check_unknown_events_are_kept::<SpendInsightsEvent>(|event| match event {
        SpendInsightsEvent::Unrecognized {
            event_type,
            payload,
        } => Some((event_type.as_str(), payload)),
        _ => None,
    });
    // Another product's report event is not this one's.
    let lending = fixture("reports.creditModel.generate.successful");
    let Ok(SpendInsightsEvent::Unrecognized {
        event_type,
        payload,
    }) = verify(&lending)
    else {
        panic!("not unknown");
    };
    assert_eq!(
        (event_type.as_str(), payload),
        (
            "reports.creditModel.generate.successful",
            lending["payload"].clone()
        )
    );
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    check_forgeries_are_refused::<SpendInsightsEvent>(
        &fixture(SPEND_ANALYSIS_GENERATED),
        |event| matches!(event, SpendInsightsEvent::SpendAnalysisGenerated(_)),
        &[
            // A known type whose payload has the wrong types.
            json!({"eventType": SPEND_ANALYSIS_FAILED, "payload": {"id": 7}}),
            json!({"eventType": SPEND_ANALYSIS_GENERATED,
                   "payload": {"referenceCompany": "Corner Café"}}),
            // A known type with no payload at all.
            json!({"eventType": SPEND_ANALYSIS_GENERATED}),
            // No event type.
            json!({"payload": {}}),
        ],
    );
}
