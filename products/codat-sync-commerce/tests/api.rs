//! Every Sync for Commerce operation against wiremock on 127.0.0.1: the method, the encoded
//! path, the query (the required `locale` included), the auth header, the JSON body, and the
//! decoding of the spec's documented examples into each operation's return type. Then the
//! integrations page stream, a declared and an undeclared error status, and hostile path values.
//!
//! The spec is read from `../../../shared/codat/Codat-Sync-Commerce.json` (or the folder in
//! `CODAT_SPEC_DIR`). Its responses carry few whole examples: a response is the operation's
//! named example if it has one, else its schema's `x-examples`, else an instance assembled from
//! the `example`s of the schema's properties. Without the spec the request checks still run
//! against fixtures written here; the example checks are skipped and say so, except with
//! `CI=true`, where they fail.

use std::sync::{Arc, LazyLock, Mutex};

use codat_client::models::DateTime;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::Error;
use codat_product_tests as shared;
use codat_product_tests::{example, header_of, json_body, serve, spec_errors, within, COMPANY};
use codat_sync_commerce::models::{
    Localization, SyncRange, SyncRangeDateRange, SyncToLatestArgs, VisibleAccounts,
};
use codat_sync_commerce::sync_flow_settings::{Locale, LocalizationInfo};
use codat_sync_commerce::SyncForCommerce;
use futures_util::StreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sync-commerce-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
const AUTH: &str = "Basic c3luYy1jb21tZXJjZS10ZXN0LWtleQ==";
const SYNC_ID: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const CLIENT: &str = "367f7975-267b-439b-90c6-a6040ee680f3";

// ---- the spec -------------------------------------------------------------------------------

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Sync-Commerce.json"));

fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// Follows `$ref`s (local ones, `#/...`) to the schema they name.
fn resolve(node: &'static Value) -> &'static Value {
    shared::resolve(spec().expect("only called with the spec"), node)
}

/// The spec's operation at `spec_path` and `verb`.
fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// A value of `schema` from what the spec documents: its own example, the first of its
/// `x-examples` or `examples`, else one built from its parts' examples.
fn example_of(schema: &Value) -> Value {
    shared::example_of(spec().expect("only called with the spec"), schema)
}

/// The operation's documented 200 body: its first named example, else one built from its
/// schema. `None` without the spec.
fn response_example(spec_path: &str, verb: &str) -> Option<Value> {
    let media = &operation(spec_path, verb)?["responses"]["200"]["content"]["application/json"];
    Some(example(media).unwrap_or_else(|| example_of(&media["schema"])))
}

/// A documented value of the operation's JSON request body.
fn request_example(spec_path: &str, verb: &str) -> Option<Value> {
    let media = &operation(spec_path, verb)?["requestBody"]["content"]["application/json"];
    Some(example_of(&media["schema"]))
}

// ---- the client and the server --------------------------------------------------------------

fn commerce(server: &MockServer) -> SyncForCommerce {
    SyncForCommerce::new(&shared::codat(KEY, server))
}

/// The one request the server got.
async fn only_request(server: &MockServer) -> Request {
    shared::only_request(server, AUTH).await
}

/// A GET or a bodiless POST: no query unless `query`, and nothing in the body.
fn assert_plain(request: &Request, query: Option<&str>) {
    assert_eq!(request.url.query(), query);
    assert!(request.body.is_empty(), "no body");
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

// ---- connections ----------------------------------------------------------------------------

#[tokio::test]
async fn connections_get_sync_flow_url() {
    let spec_path = "/config/sync/commerce/{commerceKey}/{accountingKey}/start";
    let body = response_example(spec_path, "get")
        .unwrap_or_else(|| json!({"url": "https://sync-flow.example/start?otp=1"}));
    let full = "/config/sync/commerce/sqre/qb%20on/start";
    let server = serve(AUTH, "GET", full, 200, &body).await;
    let commerce = commerce(&server);
    let url = commerce
        .connections()
        .get_sync_flow_url(
            "sqre",
            "qb on",
            codat_sync_commerce::models::GetSyncFlowUrlParams::new()
                .merchant_identifier("merchant 7&co"),
        )
        .await
        .unwrap();
    assert_eq!(url.url.as_deref(), text(&body["url"]));
    assert!(url.url.is_some());
    assert_plain(
        &only_request(&server).await,
        Some("merchantIdentifier=merchant%207%26co"),
    );

    // Without a merchant id, no query at all.
    let server = serve(AUTH, "GET", full, 200, &body).await;
    let commerce_again = self::commerce(&server);
    commerce_again
        .connections()
        .get_sync_flow_url(
            "sqre",
            "qb on",
            codat_sync_commerce::models::GetSyncFlowUrlParams::new(),
        )
        .await
        .unwrap();
    assert_plain(&only_request(&server).await, None);
}

// ---- advanced controls ----------------------------------------------------------------------

const CONFIG_PATH: &str = "/config/companies/{companyId}/sync/commerce";

fn config_fixture() -> Value {
    json!({
        "companyId": COMPANY, "enable": true, "configured": false,
        "schedule": {"selectedFrequency": "Daily", "frequencyOptions": ["Daily", "Monthly"],
                     "startDate": "2024-01-01T00:00:00Z", "syncHour": 2, "timeZone": "UTC"},
        "configuration": {"countryCode": "GB", "sales": {"syncSales": true}}
    })
}

fn check_configuration(config: &codat_sync_commerce::models::Configuration, body: &Value) {
    assert_eq!(config.company_id.as_deref(), text(&body["companyId"]));
    assert_eq!(config.enable, body["enable"].as_bool());
    assert_eq!(config.configured, body["configured"].as_bool());
    let schedule = config.schedule.as_ref().unwrap();
    assert_eq!(
        schedule.selected_frequency.as_ref().map(|f| f.as_str()),
        text(&body["schedule"]["selectedFrequency"])
    );
    assert_eq!(schedule.sync_hour, body["schedule"]["syncHour"].as_i64());
    assert_eq!(
        schedule.start_date.as_ref().map(|d| d.as_str()),
        text(&body["schedule"]["startDate"])
    );
    let commerce = config.configuration.as_ref().unwrap();
    assert_eq!(
        commerce.country_code.as_deref(),
        text(&body["configuration"]["countryCode"])
    );
    assert_eq!(
        commerce.sales.as_ref().and_then(|s| s.sync_sales),
        body["configuration"]["sales"]["syncSales"].as_bool()
    );
}

#[tokio::test]
async fn advanced_controls_get_configuration() {
    let body = response_example(CONFIG_PATH, "get").unwrap_or_else(config_fixture);
    let full = format!("/config/companies/{COMPANY}/sync/commerce");
    let server = serve(AUTH, "GET", &full, 200, &body).await;
    let config = commerce(&server)
        .advanced_controls()
        .get_configuration(COMPANY)
        .await
        .unwrap();
    check_configuration(&config, &body);
    assert_plain(&only_request(&server).await, None);
}

#[tokio::test]
async fn advanced_controls_set_configuration_sends_no_body() {
    if let Some(op) = operation(CONFIG_PATH, "post") {
        assert!(op.get("requestBody").is_none(), "the spec gained a body");
    }
    let body = response_example(CONFIG_PATH, "post").unwrap_or_else(config_fixture);
    let full = format!("/config/companies/{COMPANY}/sync/commerce");
    let server = serve(AUTH, "POST", &full, 200, &body).await;
    let config = commerce(&server)
        .advanced_controls()
        .set_configuration(COMPANY)
        .await
        .unwrap();
    check_configuration(&config, &body);
    let request = only_request(&server).await;
    assert_plain(&request, None);
    assert_eq!(header_of(&request, "content-type"), None);
}

// ---- integrations ---------------------------------------------------------------------------

fn integration(key: &str) -> Value {
    json!({"key": key, "logoUrl": format!("https://img.example/{key}.png"),
           "name": format!("Platform {key}"), "enabled": true})
}

/// A page of integrations with the given keys, out of `total` with `size` a page.
fn integrations_page(keys: &[&str], page: i64, size: i64, total: i64) -> Value {
    let results: Vec<Value> = keys.iter().map(|k| integration(k)).collect();
    let mut links = json!({"self": {"href": "/config/integrations"},
                           "current": {"href": format!("/config/integrations?page={page}")}});
    if page * size < total {
        links["next"] = json!({"href": format!("/config/integrations?page={}", page + 1)});
    }
    json!({"results": results, "pageNumber": page, "pageSize": size, "totalResults": total,
           "_links": links})
}

#[tokio::test]
async fn integrations_list_sends_the_paging_parameters_and_decodes_the_page() {
    let body = response_example("/config/integrations", "get")
        .unwrap_or_else(|| integrations_page(&["gbol", "sqre"], 2, 50, 52));
    let server = serve(AUTH, "GET", "/config/integrations", 200, &body).await;
    let params = PageParams::new()
        .page(2)
        .page_size(50)
        .query("sourceType=Commerce&&enabled=true")
        .order_by("-name");
    let page = commerce(&server).integrations().list(params).await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert_eq!(page.results.len(), results.len());
    assert_eq!(page.results[0].key, results[0]["key"].as_str().unwrap());
    assert_eq!(page.results[0].name, results[0]["name"].as_str().unwrap());
    assert_eq!(
        page.results[0].enabled,
        results[0]["enabled"].as_bool().unwrap()
    );
    assert_eq!(Some(page.page_number), body["pageNumber"].as_i64());
    assert_eq!(Some(page.total_results), body["totalResults"].as_i64());
    assert_plain(
        &only_request(&server).await,
        Some("page=2&pageSize=50&query=sourceType%3DCommerce%26%26enabled%3Dtrue&orderBy=-name"),
    );

    // With no paging parameters, no query string.
    let server = serve(AUTH, "GET", "/config/integrations", 200, &body).await;
    self::commerce(&server)
        .integrations()
        .list(PageParams::new())
        .await
        .unwrap();
    assert_plain(&only_request(&server).await, None);
}

#[tokio::test]
async fn integrations_get_branding() {
    let body = response_example("/config/integrations/{platformKey}/branding", "get")
        .unwrap_or_else(|| {
            json!({"sourceId": "35b92968-9851-4095-ad60-395c95cbcba4",
                   "logo": {"full": {"image": {"src": "https://img.example/full.png", "alt": "Logo"}}}})
        });
    let server = serve(
        AUTH,
        "GET",
        "/config/integrations/gbol/branding",
        200,
        &body,
    )
    .await;
    let branding = commerce(&server)
        .integrations()
        .get_branding("gbol")
        .await
        .unwrap();
    assert_eq!(branding.source_id.as_deref(), text(&body["sourceId"]));
    assert_eq!(branding.logo.is_some(), body["logo"].is_object());
    assert_plain(&only_request(&server).await, None);
}

// ---- sync flow settings ---------------------------------------------------------------------

const TEXT_PATH: &str = "/sync/commerce/config/ui/text";

fn text_fixture() -> Value {
    json!({"syncFlow.title": {"text": "Connect your books", "required": true},
           "syncFlow.footer": {"text": null, "required": false}})
}

fn check_text(decoded: &LocalizationInfo, body: &Value) {
    let expected = body.as_object().unwrap();
    assert_eq!(decoded.len(), expected.len());
    for (key, value) in expected {
        let piece = &decoded[key];
        assert_eq!(piece.text.as_deref(), text(&value["text"]), "{key}");
        assert_eq!(piece.required, value["required"].as_bool(), "{key}");
    }
}

#[tokio::test]
async fn sync_flow_settings_get_config_text_sends_the_required_locale() {
    if let Some(op) = operation(TEXT_PATH, "get") {
        let locale = &op["parameters"][0];
        let locale = resolve(locale);
        assert_eq!(locale["name"], "locale");
        assert_eq!(locale["required"], true);
        assert_eq!(locale["schema"]["enum"], json!(["en-us", "fr-fr"]));
    }
    let body = response_example(TEXT_PATH, "get").unwrap_or_else(text_fixture);
    for (locale, wire) in [(Locale::EnUs, "en-us"), (Locale::FrFr, "fr-fr")] {
        let server = serve(AUTH, "GET", TEXT_PATH, 200, &body).await;
        let decoded = commerce(&server)
            .sync_flow_settings()
            .get_config_text_sync_flow(&locale)
            .await
            .unwrap();
        check_text(&decoded, &body);
        let query = format!("locale={wire}");
        assert_plain(&only_request(&server).await, Some(&query));
    }
}

#[tokio::test]
async fn sync_flow_settings_update_config_text_sends_the_locale_and_the_text() {
    let body = response_example(TEXT_PATH, "patch").unwrap_or_else(text_fixture);
    let server = serve(AUTH, "PATCH", TEXT_PATH, 200, &body).await;
    let mut update = LocalizationInfo::new();
    update.insert(
        "syncFlow.title".into(),
        Localization {
            text: Some("Connectez votre comptabilité".into()),
            required: Some(true),
        },
    );
    update.insert(
        "syncFlow.footer".into(),
        Localization {
            text: None,
            required: None,
        },
    );
    let decoded = commerce(&server)
        .sync_flow_settings()
        .update_config_text_sync_flow(&Locale::FrFr, &update)
        .await
        .unwrap();
    check_text(&decoded, &body);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("locale=fr-fr"));
    assert_eq!(
        json_body(&request),
        json!({"syncFlow.title": {"text": "Connectez votre comptabilité", "required": true},
               "syncFlow.footer": {}})
    );
    // The spec's request body is the same map of pieces of text.
    if let Some(example) = request_example(TEXT_PATH, "patch") {
        let parsed: LocalizationInfo = serde_json::from_value(example.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), example);
    }
}

#[tokio::test]
async fn sync_flow_settings_get_visible_accounts() {
    let spec_path = "/clients/{clientId}/config/ui/accounts/platform/{platformKey}";
    let body = response_example(spec_path, "get")
        .unwrap_or_else(|| json!({"visibleAccounts": ["acc-1", "acc-2"]}));
    let full = format!("/clients/{CLIENT}/config/ui/accounts/platform/gbol");
    let server = serve(AUTH, "GET", &full, 200, &body).await;
    let accounts = commerce(&server)
        .sync_flow_settings()
        .get_visible_accounts(CLIENT, "gbol")
        .await
        .unwrap();
    let expected: Option<Vec<String>> =
        serde_json::from_value(body["visibleAccounts"].clone()).unwrap();
    assert_eq!(accounts.visible_accounts, expected);
    assert_plain(&only_request(&server).await, None);
}

#[tokio::test]
async fn sync_flow_settings_update_visible_accounts_sends_the_accounts() {
    let spec_path = "/sync/commerce/config/ui/accounts/platform/{platformKey}";
    let body = response_example(spec_path, "post")
        .unwrap_or_else(|| json!({"visibleAccounts": ["acc-1"]}));
    let server = serve(
        AUTH,
        "POST",
        "/sync/commerce/config/ui/accounts/platform/xero",
        200,
        &body,
    )
    .await;
    let wanted = VisibleAccounts {
        visible_accounts: Some(vec!["acc-1".into(), "acc 2/3".into()]),
    };
    let accounts = commerce(&server)
        .sync_flow_settings()
        .update_visible_accounts_sync_flow("xero", &wanted)
        .await
        .unwrap();
    let expected: Option<Vec<String>> =
        serde_json::from_value(body["visibleAccounts"].clone()).unwrap();
    assert_eq!(accounts.visible_accounts, expected);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(
        json_body(&request),
        json!({"visibleAccounts": ["acc-1", "acc 2/3"]})
    );
    // The spec's documented body reads back as the same model.
    if let Some(example) = request_example(spec_path, "post") {
        let parsed: VisibleAccounts = serde_json::from_value(example.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), example);
    }
}

// ---- sync -----------------------------------------------------------------------------------

fn summary_fixture() -> Value {
    json!({"companyId": COMPANY, "commerceSyncId": SYNC_ID, "syncStatusCode": 2000,
           "syncStatus": "Started", "syncUtc": "2024-05-01T10:00:00Z", "dataPushed": false,
           "syncDateRangeUtc": {"start": "2024-04-01T00:00:00Z", "finish": "2024-05-01T00:00:00Z"},
           "dataConnections": [{"id": "c-1", "integrationId": "i-1", "sourceId": "s-1",
              "platformName": "Square", "linkUrl": "https://link.example", "status": "Linked",
              "created": "2024-01-01T00:00:00Z", "sourceType": "Commerce"}]})
}

fn check_summary(summary: &codat_sync_commerce::models::SyncSummary, body: &Value) {
    assert_eq!(summary.company_id.as_deref(), text(&body["companyId"]));
    assert_eq!(
        summary.commerce_sync_id.as_deref(),
        text(&body["commerceSyncId"])
    );
    assert_eq!(
        summary.sync_status_code.map(i64::from),
        body["syncStatusCode"].as_i64()
    );
    assert_eq!(summary.sync_status.as_deref(), text(&body["syncStatus"]));
    assert_eq!(
        summary.sync_utc.as_ref().map(|d| d.as_str()),
        text(&body["syncUtc"])
    );
    assert_eq!(summary.data_pushed, body["dataPushed"].as_bool());
    let range = summary.sync_date_range_utc.as_ref().unwrap();
    assert_eq!(
        range.start.as_ref().map(|d| d.as_str()),
        text(&body["syncDateRangeUtc"]["start"])
    );
    let connections = summary.data_connections.as_ref().unwrap();
    assert_eq!(
        connections.len(),
        body["dataConnections"].as_array().unwrap().len()
    );
}

#[tokio::test]
async fn sync_request_sends_the_end_or_no_body() {
    let spec_path = "/companies/{companyId}/sync/commerce/latest";
    let body = response_example(spec_path, "post").unwrap_or_else(summary_fixture);
    let full = format!("/companies/{COMPANY}/sync/commerce/latest");
    let server = serve(AUTH, "POST", &full, 200, &body).await;
    let args = SyncToLatestArgs {
        sync_to: Some(DateTime::from("2024-05-31T23:59:59Z")),
    };
    let summary = commerce(&server)
        .sync()
        .request(COMPANY, Some(&args))
        .await
        .unwrap();
    check_summary(&summary, &body);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(
        json_body(&request),
        json!({"syncTo": "2024-05-31T23:59:59Z"})
    );

    // `None`: nothing sent; an empty `SyncToLatestArgs`: an empty object.
    let server = serve(AUTH, "POST", &full, 200, &body).await;
    let commerce = self::commerce(&server);
    commerce.sync().request(COMPANY, None).await.unwrap();
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert_eq!(header_of(&request, "content-type"), None);
    let server = serve(AUTH, "POST", &full, 200, &body).await;
    self::commerce(&server)
        .sync()
        .request(COMPANY, Some(&SyncToLatestArgs::default()))
        .await
        .unwrap();
    assert_eq!(json_body(&only_request(&server).await), json!({}));
}

#[tokio::test]
async fn sync_request_for_date_range_sends_the_range() {
    let spec_path = "/meta/companies/{companyId}/sync/commerce/historic";
    let body = response_example(spec_path, "post").unwrap_or_else(summary_fixture);
    let full = format!("/meta/companies/{COMPANY}/sync/commerce/historic");
    let server = serve(AUTH, "POST", &full, 200, &body).await;
    let range = SyncRange {
        date_range: SyncRangeDateRange {
            start: DateTime::from("2024-04-01T00:00:00Z"),
            finish: DateTime::from("2024-05-01T00:00:00Z"),
        },
    };
    let summary = commerce(&server)
        .sync()
        .request_for_date_range(COMPANY, &range)
        .await
        .unwrap();
    check_summary(&summary, &body);
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    let sent = json_body(&request);
    assert_eq!(
        sent,
        json!({"dateRange": {"start": "2024-04-01T00:00:00Z", "finish": "2024-05-01T00:00:00Z"}})
    );
    // The spec's documented body has the same shape: both dates, under `dateRange`.
    if let Some(example) = request_example(spec_path, "post") {
        let mut keys: Vec<&String> = example["dateRange"].as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["finish", "start"]);
    }
}

#[tokio::test]
async fn sync_get_status() {
    let spec_path = "/meta/companies/{companyId}/sync/commerce/status";
    let full = format!("/meta/companies/{COMPANY}/sync/commerce/status");
    let body = match response_example(spec_path, "get") {
        Some(example) => {
            // The spec's example has `"syncStatusCode": "4200,"` where the schema says
            // integer: the client reports it as a decode error rather than guessing.
            let server = serve(AUTH, "GET", &full, 200, &example).await;
            let err = commerce(&server)
                .sync()
                .get_status(COMPANY)
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{err:?}");
            assert!(err.to_string().contains("invalid type"), "{err}");
            // With the code written as the number it means, the example decodes.
            let fixed = example
                .to_string()
                .replace(r#""syncStatusCode":"4200,""#, r#""syncStatusCode":4200"#);
            serde_json::from_str::<Value>(&fixed).unwrap()
        }
        None => summary_fixture(),
    };
    let server = serve(AUTH, "GET", &full, 200, &body).await;
    let status = commerce(&server).sync().get_status(COMPANY).await.unwrap();
    assert_eq!(status.company_id.as_deref(), text(&body["companyId"]));
    assert_eq!(
        status.commerce_sync_id.as_deref(),
        text(&body["commerceSyncId"])
    );
    assert_eq!(status.sync_status.as_deref(), text(&body["syncStatus"]));
    assert_eq!(status.data_pushed, body["dataPushed"].as_bool());
    assert_eq!(
        status.data_connections.map(|c| c.len()),
        body["dataConnections"].as_array().map(Vec::len)
    );
    assert_plain(&only_request(&server).await, None);
}

fn company_sync_fixture() -> Value {
    json!({"companyId": COMPANY, "syncId": SYNC_ID, "syncStatusCode": 2000,
           "syncStatus": "Complete", "errorMessage": "", "syncExceptionMessage": "",
           "syncUtc": "2024-05-01T10:00:00Z", "dataPushed": true})
}

fn check_company_sync(status: &codat_sync_commerce::models::CompanySyncStatus, body: &Value) {
    assert_eq!(status.company_id.as_deref(), text(&body["companyId"]));
    assert_eq!(status.sync_id.as_deref(), text(&body["syncId"]));
    assert_eq!(
        status.sync_status_code.map(i64::from),
        body["syncStatusCode"].as_i64()
    );
    assert_eq!(status.sync_status.as_deref(), text(&body["syncStatus"]));
    assert_eq!(status.error_message.as_deref(), text(&body["errorMessage"]));
    assert_eq!(
        status.sync_utc.as_ref().map(|d| d.as_str()),
        text(&body["syncUtc"])
    );
    assert_eq!(status.data_pushed, body["dataPushed"].as_bool());
}

#[tokio::test]
async fn sync_get_last_successful_latest_and_by_id() {
    for (suffix, which) in [
        ("lastSuccessful", "last successful"),
        ("latest", "latest"),
        (SYNC_ID, "by id"),
    ] {
        let spec_suffix = if suffix == SYNC_ID {
            "{syncId}"
        } else {
            suffix
        };
        let spec_path =
            format!("/companies/{{companyId}}/sync/commerce/syncs/{spec_suffix}/status");
        let body = response_example(&spec_path, "get").unwrap_or_else(company_sync_fixture);
        let full = format!("/companies/{COMPANY}/sync/commerce/syncs/{suffix}/status");
        let server = serve(AUTH, "GET", &full, 200, &body).await;
        let sync = commerce(&server);
        let sync = sync.sync();
        let status = match which {
            "last successful" => sync.get_last_successful_sync(COMPANY).await,
            "latest" => sync.get_latest_sync(COMPANY).await,
            _ => sync.get(COMPANY, SYNC_ID).await,
        }
        .unwrap_or_else(|e| panic!("{which}: {e}"));
        check_company_sync(&status, &body);
        assert_plain(&only_request(&server).await, None);
    }
}

#[tokio::test]
async fn sync_list_decodes_every_status() {
    let spec_path = "/companies/{companyId}/sync/commerce/syncs/list/status";
    let body = response_example(spec_path, "get")
        .unwrap_or_else(|| json!([company_sync_fixture(), company_sync_fixture()]));
    let full = format!("/companies/{COMPANY}/sync/commerce/syncs/list/status");
    let server = serve(AUTH, "GET", &full, 200, &body).await;
    let statuses = commerce(&server).sync().list(COMPANY).await.unwrap();
    let expected = body.as_array().unwrap();
    assert_eq!(statuses.len(), expected.len());
    for (status, body) in statuses.iter().zip(expected) {
        check_company_sync(status, body);
    }
    assert_plain(&only_request(&server).await, None);
}

// ---- the page stream ------------------------------------------------------------------------

/// A server of integrations pages: `pages[n - 1]` answers `page=n` (keys, or an error status);
/// a page past the end answers empty. Each page says `total` items in pages of `size`.
async fn pages_server(
    pages: Vec<Result<Vec<&'static str>, u16>>,
    size: i64,
    total: i64,
) -> MockServer {
    let server = MockServer::start().await;
    let pages = Arc::new(pages);
    let asked = Arc::new(Mutex::new(Vec::<i64>::new()));
    Mock::given(method("GET"))
        .and(path("/config/integrations"))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let page: i64 = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.parse().unwrap())
                .expect("every page request names its page");
            asked.lock().unwrap().push(page);
            match pages.get(page as usize - 1) {
                Some(Ok(keys)) => ResponseTemplate::new(200)
                    .set_body_json(integrations_page(keys, page, size, total)),
                Some(Err(status)) => ResponseTemplate::new(*status).set_body_json(json!({
                    "statusCode": status, "error": "try later", "correlationId": "corr-page"
                })),
                None => ResponseTemplate::new(200).set_body_json(integrations_page(
                    &[],
                    page,
                    size,
                    total,
                )),
            }
        })
        .mount(&server)
        .await;
    server
}

async fn pages_asked(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn list_all_walks_every_page_with_the_options() {
    let server = pages_server(
        vec![Ok(vec!["a", "b"]), Ok(vec!["c", "d"]), Ok(vec!["e"])],
        2,
        5,
    )
    .await;
    let commerce = commerce(&server);
    let options = PageOptions::new()
        .page_size(2)
        .query("enabled=true")
        .order_by("name");
    let all = commerce.integrations().list_all(options);
    let keys: Vec<String> = within(all.map(|r| r.unwrap().key).collect()).await;
    assert_eq!(keys, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        pages_asked(&server).await,
        [1, 2, 3].map(|p| format!("page={p}&pageSize=2&query=enabled%3Dtrue&orderBy=name"))
    );
}

#[tokio::test]
async fn list_all_stops_after_the_last_page_or_at_an_empty_one() {
    // The total says two pages: the third is never asked for.
    let server = pages_server(vec![Ok(vec!["a", "b"]), Ok(vec!["c"]), Ok(vec!["x"])], 2, 3).await;
    let commerce = self::commerce(&server);
    let all = commerce
        .integrations()
        .list_all(PageOptions::new().page_size(2));
    let keys: Vec<String> = within(all.map(|r| r.unwrap().key).collect()).await;
    assert_eq!(keys, ["a", "b", "c"]);
    assert_eq!(pages_asked(&server).await.len(), 2);

    // A total that promises more than comes: the walk ends at the first empty page.
    let server = pages_server(vec![Ok(vec!["a"])], 1, 1000).await;
    let commerce = self::commerce(&server);
    let all = commerce
        .integrations()
        .list_all(PageOptions::new().page_size(1));
    let keys: Vec<String> = within(all.map(|r| r.unwrap().key).collect()).await;
    assert_eq!(keys, ["a"]);
    assert_eq!(pages_asked(&server).await.len(), 2);
}

#[tokio::test]
async fn list_all_ends_at_the_first_error() {
    let server = pages_server(vec![Ok(vec!["a", "b"]), Err(503), Ok(vec!["e"])], 2, 5).await;
    let commerce = commerce(&server);
    let all = commerce
        .integrations()
        .list_all(PageOptions::new().page_size(2));
    let items: Vec<Result<String, Error>> = within(all.map(|r| r.map(|i| i.key)).collect()).await;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap(), "a");
    assert_eq!(items[1].as_ref().unwrap(), "b");
    let err = items[2].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.correlation_id(), Some("corr-page"));
    assert_eq!(
        pages_asked(&server).await.len(),
        2,
        "nothing after the error"
    );
}

#[tokio::test]
async fn list_all_keeps_page_order_when_fetching_several_at_once() {
    let server = pages_server(
        vec![
            Ok(vec!["a", "b"]),
            Ok(vec!["c", "d"]),
            Ok(vec!["e", "f"]),
            Ok(vec!["g"]),
        ],
        2,
        7,
    )
    .await;
    let commerce = commerce(&server);
    let all = commerce
        .integrations()
        .list_all(PageOptions::new().page_size(2).concurrency(3));
    let keys: Vec<String> = within(all.map(|r| r.unwrap().key).collect()).await;
    assert_eq!(keys, ["a", "b", "c", "d", "e", "f", "g"]);
    let mut asked = pages_asked(&server).await;
    asked.sort();
    assert_eq!(asked, [1, 2, 3, 4].map(|p| format!("page={p}&pageSize=2")));
}

// ---- errors and hostile values --------------------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message() {
    let message = json!({
        "statusCode": 409,
        "service": "PublicApi",
        "error": "The configuration is being changed by another request",
        "correlationId": "corr-409",
        "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    });
    if let Some(errors) = operation(CONFIG_PATH, "post").and_then(spec_errors) {
        assert!(
            errors.contains(&409),
            "set-configuration declares 409: {errors:?}"
        );
    }
    let full = format!("/config/companies/{COMPANY}/sync/commerce");
    let server = serve(AUTH, "POST", &full, 409, &message).await;
    let err = commerce(&server)
        .advanced_controls()
        .set_configuration(COMPANY)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    let decoded = err.error_message().unwrap();
    assert_eq!(
        decoded.error.as_deref(),
        Some("The configuration is being changed by another request")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // get-config-text-sync-flow does not declare 404: the same kind of body is unexpected.
    if let Some(errors) = operation(TEXT_PATH, "get").and_then(spec_errors) {
        assert!(!errors.contains(&404), "{errors:?}");
    }
    let server = serve(AUTH, "GET", TEXT_PATH, 404, &message).await;
    let err = commerce(&server)
        .sync_flow_settings()
        .get_config_text_sync_flow(&Locale::EnUs)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(company_sync_fixture()))
        .mount(&server)
        .await;
    let commerce = commerce(&server);
    for (id, encoded) in [("../x", "..%2Fx"), ("a/b?c#d", "a%2Fb%3Fc%23d")] {
        commerce.sync().get(COMPANY, id).await.unwrap();
        let sent = server.received_requests().await.unwrap().pop().unwrap();
        assert_eq!(
            sent.url.path(),
            format!("/companies/{COMPANY}/sync/commerce/syncs/{encoded}/status")
        );
        assert_eq!(sent.url.query(), None);
        assert_eq!(sent.url.fragment(), None);
    }
    // A company id of `..` cannot be a segment at all: refused, nothing sent.
    let before = server.received_requests().await.unwrap().len();
    let err = commerce.sync().get_latest_sync("..").await.unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

#[tokio::test]
async fn every_own_operation_of_the_product_is_declared_once() {
    let ours: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-sync-commerce")
        .collect();
    let mut templates: Vec<String> = ours
        .iter()
        .map(|op| format!("{:?} {}", op.method, op.template))
        .collect();
    templates.sort();
    templates.dedup();
    assert_eq!(ours.len(), 16, "{templates:#?}");
    assert_eq!(templates.len(), 16, "{templates:#?}");
    let Some(spec) = spec() else { return };
    // Platform's operations (companies, connections) are codat-client's, not declared here.
    let platform =
        |path: &str| path == "/companies" || path.starts_with("/companies/{companyId}/connections");
    let mut in_spec = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let verbs = item.as_object().unwrap().keys();
        for verb in
            verbs.filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str()))
        {
            let template = path.replace('{', "<").replace('}', ">");
            let found = ours.iter().any(|op| {
                format!("{:?}", op.method).eq_ignore_ascii_case(verb)
                    && op.template.replace('_', "").eq_ignore_ascii_case(&template)
            });
            if platform(path) {
                assert!(!found, "{verb} {path} is Platform's, declared again");
                continue;
            }
            in_spec += 1;
            assert!(found, "{verb} {path} is not declared");
        }
    }
    assert_eq!(in_spec, 16);
}
