//! Every Platform API operation against wiremock on loopback: the exact method, encoded path,
//! query string and JSON body arrive, and the response the spec documents for the operation's
//! 2xx status (its own example, else one built from the schema's examples) decodes.

use crate::support;

use codat_client::{Codat, RetryPolicy};
use serde_json::Value;
use support::operations;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn every_operation_sends_what_the_spec_expects_and_decodes_its_response() {
    let Some(spec) = support::spec::load() else {
        return;
    };
    let server = MockServer::builder().start().await;
    let codat = Codat::builder()
        .api_key("api-test-key")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let mut checked = 0;
    for (operation_id, sent, call) in operations::all() {
        let (method, path_template, operation) = find(&spec.root, operation_id);
        let (status, body) = success_response(&spec, operation);
        server.reset().await;
        let mut response = ResponseTemplate::new(status);
        if let Some(body) = &body {
            response = response.set_body_json(body);
        }
        Mock::given(wiremock::matchers::any())
            .respond_with(response)
            .mount(&server)
            .await;

        call(&codat)
            .await
            .unwrap_or_else(|e| panic!("{operation_id}: {e}\nresponse: {body:?}"));

        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{operation_id}");
        let request = &requests[0];
        assert_eq!(
            request.method.as_str(),
            method.to_uppercase(),
            "{operation_id}"
        );
        assert_eq!(
            request.url.path(),
            sent.path,
            "{operation_id} ({path_template})"
        );
        assert_eq!(request.url.query(), sent.query, "{operation_id}");
        match &sent.body {
            Some(expected) => {
                let arrived: Value = serde_json::from_slice(&request.body).unwrap();
                assert_eq!(&arrived, expected, "{operation_id}");
                assert_eq!(
                    request.headers.get("content-type").unwrap(),
                    "application/json"
                );
            }
            None => assert!(request.body.is_empty(), "{operation_id} sent a body"),
        }
        assert_eq!(
            request.headers.get("authorization").unwrap(),
            codat_mock::basic_auth("api-test-key").as_str()
        );
        checked += 1;
    }
    assert_eq!(checked, 52);
}

/// The operation with this id: its method, path template and definition.
fn find<'a>(spec: &'a Value, operation_id: &str) -> (&'a str, &'a str, &'a Value) {
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if operation["operationId"] == operation_id {
                return (method, path, operation);
            }
        }
    }
    panic!("{operation_id} is not in the spec");
}

/// The first 2xx status and a body for it: the spec's own example where it has one.
fn success_response(spec: &support::spec::Spec, operation: &Value) -> (u16, Option<Value>) {
    let (status, response) = operation["responses"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(status, _)| status.starts_with('2'))
        .unwrap();
    let response = spec.deref(response);
    let status: u16 = status.parse().unwrap();
    let Some(content) = response
        .get("content")
        .and_then(|c| c.get("application/json"))
    else {
        return (status, None);
    };
    if status == 204 {
        return (status, None);
    }
    let example = content
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|examples| examples.values().next())
        .map(|example| spec.deref(example)["value"].clone())
        .filter(|value| !value.is_null());
    (
        status,
        Some(example.unwrap_or_else(|| spec.example(&content["schema"]))),
    )
}
