//! Spend Insights deliveries: the spec's two report-generation events, from its own examples
//! (or bodies written here without the spec), signed the way Codat signs deliveries, verified
//! and decoded into `SpendInsightsEvent`; unknown events kept, forgeries and misshapen bodies
//! refused.

use codat_client::webhooks::WebhookError;
use codat_product_tests::{check_forgeries_are_refused, check_unknown_events_are_kept};
use codat_spend_insights::webhooks::{
    ReportGenerationWebhook, SpendInsightsEvent, SPEND_ANALYSIS_FAILED, SPEND_ANALYSIS_GENERATED,
};
use codat_spend_insights::ReportId;
use serde_json::{json, Value};

/// The events, with whether each reports success.
const EVENTS: [(&str, bool); 2] = [
    ("reports.spendAnalysis.generate.successful", true),
    ("reports.spendAnalysis.generate.unsuccessful", false),
];

fn spec() -> Option<Value> {
    codat_product_tests::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Spend-Insights.json")
}

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

/// The named examples of the spec's webhook `key`.
fn examples(spec: &Value, key: &str) -> Vec<Value> {
    spec["webhooks"][key]["post"]["requestBody"]["content"]["application/json"]["examples"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, example)| example["value"].clone())
        .collect()
}

/// The envelope of a report event, with whether it reports success.
fn report(event: &SpendInsightsEvent) -> Option<(&ReportGenerationWebhook, bool)> {
    match event {
        SpendInsightsEvent::SpendAnalysisGenerated(e) => Some((e, true)),
        SpendInsightsEvent::SpendAnalysisFailed(e) => Some((e, false)),
        _ => None,
    }
}

#[test]
fn the_spec_lists_these_two_events_with_one_schema() {
    assert_eq!(SPEND_ANALYSIS_GENERATED, EVENTS[0].0);
    assert_eq!(SPEND_ANALYSIS_FAILED, EVENTS[1].0);
    let Some(spec) = spec() else { return };
    let mut names: Vec<&String> = spec["webhooks"].as_object().unwrap().keys().collect();
    names.sort_unstable();
    assert_eq!(names, EVENTS.map(|(name, _)| name));
    let schema = &spec["webhooks"][EVENTS[0].0]["post"]["requestBody"]["content"]
        ["application/json"]["schema"];
    let mut properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    properties.sort_unstable();
    assert_eq!(properties, ["eventType", "generatedDate", "id", "payload"]);
    let payload = &schema["definitions"]["ReportGenerationPayload"]["properties"];
    let mut fields: Vec<&String> = payload.as_object().unwrap().keys().collect();
    fields.sort_unstable();
    assert_eq!(fields, ["id", "referenceCompany"]);
    // The failure event points to the same schema.
    let reference = &spec["webhooks"][EVENTS[1].0]["post"]["requestBody"]["content"]
        ["application/json"]["schema"]["$ref"];
    assert_eq!(
        reference.as_str().unwrap(),
        format!(
            "#/webhooks/{}/post/requestBody/content/application~1json/schema",
            EVENTS[0].0
        )
    );
}

#[test]
fn every_example_verifies_and_decodes_to_its_variant_field_for_field() {
    let spec = spec();
    let mut decoded = 0;
    for (event_type, successful) in EVENTS {
        let bodies = match &spec {
            Some(spec) => examples(spec, event_type),
            None => vec![fixture(event_type)],
        };
        assert!(!bodies.is_empty(), "{event_type}");
        for body in bodies {
            assert_eq!(body["eventType"], event_type);
            let event = verify(&body).unwrap();
            assert_eq!(event.event_type(), event_type);
            let (envelope, outcome) =
                report(&event).unwrap_or_else(|| panic!("{event_type}: {event:?}"));
            assert_eq!(outcome, successful, "{event_type}");
            assert_eq!(envelope.id.as_deref(), body["id"].as_str());
            assert_eq!(
                envelope.generated_date.as_ref().map(|d| d.as_str()),
                body["generatedDate"].as_str()
            );
            let payload = &body["payload"];
            assert_eq!(envelope.payload.id.as_deref(), payload["id"].as_str());
            // The report's id is one to read the report by.
            let id: ReportId = envelope.payload.id.as_deref().unwrap().parse().unwrap();
            assert_eq!(id.to_string(), payload["id"]);
            let company = envelope.payload.reference_company.as_ref().unwrap();
            let json = &payload["referenceCompany"];
            assert_eq!(company.id.as_deref(), json["id"].as_str());
            assert_eq!(company.name.as_deref(), json["name"].as_str());
            assert_eq!(company.description.as_deref(), json["description"].as_str());
            assert_eq!(
                company.links.as_ref().and_then(|l| l.portal.as_deref()),
                json["links"]["portal"].as_str()
            );
            assert_eq!(serde_json::to_value(&company.tags).unwrap(), json["tags"]);
            decoded += 1;
        }
    }
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
    match verify(&lending).unwrap() {
        SpendInsightsEvent::Unrecognized {
            event_type,
            payload,
        } => {
            assert_eq!(event_type, "reports.creditModel.generate.successful");
            assert_eq!(payload, lending["payload"]);
        }
        other => panic!("{other:?}"),
    }
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
