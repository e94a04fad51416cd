//! Lending deliveries: bodies built from the spec's webhook examples and schemas, signed the way
//! Codat signs them, verified and decoded into `LendingEvent`.

use codat_client::webhooks::{Webhook, WebhookError};
use codat_lending::webhooks::{LendingEvent, ReportGenerationWebhook, ACCOUNT_CATEGORIES_UPDATED};
use codat_product_tests::{example_of, normalized, signed, SECRET};
use serde_json::{json, Value};

/// The report-generation events, with whether each reports success.
const REPORT_EVENTS: [(&str, bool); 4] = [
    ("reports.categorizedBankStatement.generate.successful", true),
    (
        "reports.categorizedBankStatement.generate.unsuccessful",
        false,
    ),
    ("reports.creditModel.generate.successful", true),
    ("reports.creditModel.generate.unsuccessful", false),
];
const RATE_LIMIT_EVENTS: [&str; 2] = ["client.rateLimit.reached", "client.rateLimit.reset"];
/// The spec's key for the rule-style event.
const ACCOUNT_CATEGORIES: &str = "Account categories updated";

fn spec() -> Option<Value> {
    codat_product_tests::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Lending.json")
}

fn verify(body: &Value) -> Result<LendingEvent, WebhookError> {
    codat_product_tests::verify(body)
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

/// The report envelope of a report-generation variant, with whether it reports success.
fn report(event: &LendingEvent) -> Option<(&ReportGenerationWebhook, bool)> {
    match event {
        LendingEvent::CategorizedBankStatementGenerated(e)
        | LendingEvent::CreditModelGenerated(e) => Some((e, true)),
        LendingEvent::CategorizedBankStatementFailed(e) | LendingEvent::CreditModelFailed(e) => {
            Some((e, false))
        }
        _ => None,
    }
}

#[test]
fn the_spec_lists_these_seven_events() {
    let Some(spec) = spec() else { return };
    let mut names: Vec<&str> = spec["webhooks"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = REPORT_EVENTS.iter().map(|(name, _)| *name).collect();
    expected.extend(RATE_LIMIT_EVENTS);
    expected.push(ACCOUNT_CATEGORIES);
    expected.sort_unstable();
    assert_eq!(names, expected);
}

#[test]
fn report_generation_examples_verify_and_decode_to_their_variant() {
    let fallback = json!({
        "id": "bae71d36-ff47-420a-b4a6-f8c9ddf41140",
        "generatedDate": "2023-05-03T10:00:23.000Z",
        "payload": {
            "id": "bb42ce7e-720a-4ac5-b640-f24f53ff47c8",
            "referenceCompany": {
                "id": "0498e921-9b53-4396-a412-4f2f5983b0a2", "name": "Bank of Dave",
                "links": {"portal": "https://app.codat.io/companies/0498e921"},
                "tags": {"region": "uk"}
            }
        }
    });
    let spec = spec();
    let mut decoded = 0;
    for (event_type, successful) in REPORT_EVENTS {
        let bodies = match &spec {
            Some(spec) => examples(spec, event_type),
            None => {
                let mut body = fallback.clone();
                body["eventType"] = json!(event_type);
                vec![body]
            }
        };
        assert!(!bodies.is_empty(), "{event_type}");
        for body in bodies {
            assert_eq!(body["eventType"], event_type);
            let event = verify(&body).unwrap();
            assert_eq!(event.event_type(), event_type);
            let (envelope, outcome) =
                report(&event).unwrap_or_else(|| panic!("{event_type}: {event:?}"));
            assert_eq!(outcome, successful, "{event_type}");
            // The variant names the report the event type does.
            let credit_model = matches!(
                event,
                LendingEvent::CreditModelGenerated(_) | LendingEvent::CreditModelFailed(_)
            );
            assert_eq!(credit_model, event_type.contains("creditModel"));
            assert_eq!(envelope.id.as_deref(), body["id"].as_str());
            assert_eq!(
                envelope.generated_date.as_ref().map(|d| d.as_str()),
                body["generatedDate"].as_str()
            );
            let payload = &body["payload"];
            assert_eq!(envelope.payload.id.as_deref(), payload["id"].as_str());
            let company = envelope.payload.reference_company.as_ref().unwrap();
            let json = &payload["referenceCompany"];
            assert_eq!(company.id.as_deref(), json["id"].as_str());
            assert_eq!(company.name.as_deref(), json["name"].as_str());
            assert_eq!(company.description.as_deref(), json["description"].as_str());
            assert_eq!(
                company.links.as_ref().and_then(|l| l.portal.as_deref()),
                json["links"]["portal"].as_str()
            );
            assert_eq!(
                serde_json::to_value(&company.tags).unwrap(),
                json["tags"],
                "{event_type}"
            );
            decoded += 1;
        }
    }
    assert!(decoded >= 4);
}

#[test]
fn the_report_generation_schema_is_what_the_envelope_reads() {
    let Some(spec) = spec() else { return };
    let schema_key = "reports.creditModel.generate.successful";
    let schema = &spec["webhooks"][schema_key]["post"]["requestBody"]["content"]
        ["application/json"]["schema"];
    let mut properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    properties.sort_unstable();
    assert_eq!(properties, ["eventType", "generatedDate", "id", "payload"]);
    let payload = &schema["definitions"]["ReportGenerationPayload"]["properties"];
    let mut fields: Vec<&String> = payload.as_object().unwrap().keys().collect();
    fields.sort_unstable();
    assert_eq!(fields, ["id", "referenceCompany"]);
    // The other three events point to the same schema.
    for (event_type, _) in REPORT_EVENTS {
        if event_type == schema_key {
            continue;
        }
        let reference = &spec["webhooks"][event_type]["post"]["requestBody"]["content"]
            ["application/json"]["schema"]["$ref"];
        assert_eq!(
            reference.as_str().unwrap(),
            format!("#/webhooks/{schema_key}/post/requestBody/content/application~1json/schema")
        );
    }
}

#[test]
fn rate_limit_examples_decode_as_platforms_envelope() {
    let Some(spec) = spec() else { return };
    for event_type in RATE_LIMIT_EVENTS {
        let bodies = examples(&spec, event_type);
        assert!(!bodies.is_empty(), "{event_type}");
        for body in bodies {
            let event = verify(&body).unwrap();
            let envelope = match (&event, event_type) {
                (LendingEvent::RateLimitReached(e), "client.rateLimit.reached")
                | (LendingEvent::RateLimitReset(e), "client.rateLimit.reset") => e,
                other => panic!("{event_type} decoded as {other:?}"),
            };
            assert_eq!(event.event_type(), event_type);
            assert_eq!(envelope.id.as_deref(), body["id"].as_str());
            assert_eq!(
                envelope.payload.daily_quota,
                body["payload"]["dailyQuota"].as_i64()
            );
            assert_eq!(
                envelope.payload.quota_remaining,
                body["payload"]["quotaRemaining"].as_i64()
            );
            assert_eq!(
                envelope.payload.expiry_date.as_ref().map(|d| d.as_str()),
                body["payload"]["expiryDate"].as_str()
            );
        }
    }
}

#[test]
fn the_account_categories_alert_built_from_its_schema_decodes_field_for_field() {
    let body = match spec() {
        Some(spec) => {
            let schema = &spec["webhooks"][ACCOUNT_CATEGORIES]["post"]["requestBody"]["content"]
                ["application/json"]["schema"];
            example_of(&spec, schema)
        }
        None => json!({
            "ClientId": "bae71d36-ff47-420a-b4a6-f8c9ddf41140", "ClientName": "Bank of Dave",
            "CompanyId": "8a210b68-6988-11ed-a1eb-0242ac120002",
            "DataConnectionId": "2e9d2c44-f675-40ba-8049-353bfcb5e171",
            "RuleId": "70af3071-65d9-4ec3-b3cb-5283e8d55dac", "RuleType": "Account Categories Updated",
            "AlertId": "a9367074-b5c3-42c4-9be4-be129f43577e", "Message": "Updated.",
            "Data": {"modifiedDate": "2019-08-24T14:15:22Z"}
        }),
    };
    // Rule-style: no event type of the newer kind.
    assert!(body.get("eventType").is_none(), "{body}");
    assert_eq!(body["RuleType"], ACCOUNT_CATEGORIES_UPDATED);
    let event = verify(&body).unwrap();
    assert_eq!(event.event_type(), ACCOUNT_CATEGORIES_UPDATED);
    let LendingEvent::AccountCategoriesUpdated(alert) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(alert.company_id.as_deref(), body["CompanyId"].as_str());
    assert_eq!(
        alert.data_connection_id.as_deref(),
        body["DataConnectionId"].as_str()
    );
    assert_eq!(alert.alert_id.as_deref(), body["AlertId"].as_str());
    assert_eq!(
        alert
            .data
            .as_ref()
            .and_then(|d| d.modified_date.as_ref())
            .map(|d| d.as_str()),
        body["Data"]["modifiedDate"].as_str()
    );
    // Every field of the schema is read: writing the alert back gives the body.
    assert_eq!(
        normalized(&serde_json::to_value(alert).unwrap()),
        normalized(&body)
    );
}

#[test]
fn an_unknown_event_type_decodes_as_unknown() {
    codat_product_tests::check_unknown_events_are_kept::<LendingEvent>(|event| match event {
        LendingEvent::Unrecognized {
            event_type,
            payload,
        } => Some((event_type.as_str(), payload)),
        _ => None,
    });
}

#[test]
fn a_rule_style_alert_of_another_kind_is_kept_whole() {
    let alert = json!({"RuleType": "Company Data Synchronized", "CompanyId": "c-1"});
    match verify(&alert).unwrap() {
        LendingEvent::Unrecognized {
            event_type,
            payload,
        } => {
            assert_eq!(event_type, "Company Data Synchronized");
            assert_eq!(payload, alert);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_forged_or_malformed_delivery_is_refused() {
    let webhook = Webhook::new(SECRET).unwrap();
    let body = serde_json::to_vec(&json!({
        "eventType": "reports.creditModel.generate.successful",
        "payload": {"id": "r-1", "referenceCompany": {"id": "c-1"}}
    }))
    .unwrap();
    let headers = signed(&webhook, "msg_2", &body);
    // Signed and intact: it decodes.
    assert!(matches!(
        webhook.verify_as::<LendingEvent>(&headers, &body),
        Ok(LendingEvent::CreditModelGenerated(_))
    ));
    // One byte more, or another secret: refused.
    let mut forged = body.clone();
    forged.extend_from_slice(b" ");
    assert!(matches!(
        webhook.verify_as::<LendingEvent>(&headers, &forged),
        Err(WebhookError::InvalidSignature)
    ));
    let other = Webhook::new("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
    assert!(matches!(
        other.verify_as::<LendingEvent>(&headers, &body),
        Err(WebhookError::InvalidSignature)
    ));
    // Signed, but a known type whose payload has the wrong types: a decode error.
    let wrong = serde_json::to_vec(&json!({
        "eventType": "reports.categorizedBankStatement.generate.unsuccessful",
        "payload": {"id": 7}
    }))
    .unwrap();
    let headers = signed(&webhook, "msg_3", &wrong);
    assert!(matches!(
        webhook.verify_as::<LendingEvent>(&headers, &wrong),
        Err(WebhookError::Decode { .. })
    ));
    // Signed, but neither an event type nor a rule type.
    let neither = serde_json::to_vec(&json!({"payload": {}})).unwrap();
    let headers = signed(&webhook, "msg_4", &neither);
    assert!(matches!(
        webhook.verify_as::<LendingEvent>(&headers, &neither),
        Err(WebhookError::Decode { .. })
    ));
}
