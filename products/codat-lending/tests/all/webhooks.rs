//! Lending deliveries: bodies built from the spec's webhook examples and schemas, signed the way
//! Codat signs them, verified and decoded into `LendingEvent`.

use codat_lending::webhooks::{LendingEvent, ReportGenerationWebhook, ACCOUNT_CATEGORIES_UPDATED};
use codat_product_tests::{check_report_events, example_of, normalized, spec_file, verify};
use codat_product_tests::{webhook_media, webhook_names, webhook_tests};
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

fn spec() -> Option<&'static Value> {
    spec_file("Codat-Lending.json")
}

webhook_tests!(LendingEvent, rate_limits in "Codat-Lending.json", 2);

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
    let names = webhook_names(spec);
    let mut expected: Vec<&str> = REPORT_EVENTS.iter().map(|(name, _)| *name).collect();
    expected.extend(RATE_LIMIT_EVENTS);
    expected.push(ACCOUNT_CATEGORIES);
    expected.sort_unstable();
    assert_eq!(names, expected);
}

#[test]
fn report_generation_examples_verify_and_decode_to_their_variant_whole() {
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
    // The schema is the credit model's; the other three point to it.
    let events = [
        REPORT_EVENTS[2],
        REPORT_EVENTS[0],
        REPORT_EVENTS[1],
        REPORT_EVENTS[3],
    ];
    let decoded = check_report_events::<LendingEvent, _>(
        spec(),
        &events,
        |event, event_type| {
            assert_eq!(event.event_type(), event_type);
            // The variant names the report the event type does.
            let credit_model = matches!(
                event,
                LendingEvent::CreditModelGenerated(_) | LendingEvent::CreditModelFailed(_)
            );
            assert_eq!(credit_model, event_type.contains("creditModel"));
            report(event).map(|(e, outcome)| (e.clone(), outcome))
        },
        &fallback,
    );
    assert!(decoded >= 4);
}

#[test]
fn the_account_categories_alert_built_from_its_schema_decodes_field_for_field() {
    let body = match spec() {
        Some(spec) => example_of(spec, &webhook_media(spec, ACCOUNT_CATEGORIES)["schema"]),
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
    let event = verify::<LendingEvent>(&body).unwrap();
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
fn a_rule_style_alert_of_another_kind_is_kept_whole() {
    let alert = json!({"RuleType": "Company Data Synchronized", "CompanyId": "c-1"});
    match verify::<LendingEvent>(&alert).unwrap() {
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
    codat_product_tests::check_forgeries_are_refused::<LendingEvent>(
        &json!({"eventType": "reports.creditModel.generate.successful",
               "payload": {"id": "r-1", "referenceCompany": {"id": "c-1"}}}),
        |event| matches!(event, LendingEvent::CreditModelGenerated(_)),
        &[
            // A known type whose payload has the wrong types; neither an event nor a rule type.
            json!({"eventType": "reports.categorizedBankStatement.generate.unsuccessful",
                   "payload": {"id": 7}}),
            json!({"payload": {}}),
        ],
    );
}
