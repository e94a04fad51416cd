//! Every Sync for Commerce operation and the integrations stream, from the two tables the
//! shared checks walk (`codat_product_tests`): what each operation sends (the required
//! `locale` included), the spec's documented examples decoded (where it gives none whole, one
//! assembled from its schema's examples), Codat's errors, hostile path values, the
//! declarations. Then what only this product has: bodies that are optional, the locale's
//! values, the spec's request bodies read back, a stream that ends at an empty page.

use codat_client::models::DateTime;
use codat_client::paging::{PageOptions, PageParams};
use codat_product_tests::{call, header_of, json_body, list, list_tests, op_tests};
use codat_product_tests::{within, Product, COMPANY};
use codat_sync_commerce::models::{
    GetSyncFlowUrlParams, Localization, SyncRange, SyncRangeDateRange, SyncToLatestArgs,
    VisibleAccounts,
};
use codat_sync_commerce::sync_flow_settings::{Locale, LocalizationInfo};
use codat_sync_commerce::SyncForCommerce;
use futures_util::StreamExt;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

type Op = codat_product_tests::Op<SyncForCommerce>;
type List = codat_product_tests::List<SyncForCommerce>;

const SYNC_ID: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";

static COMMERCE: Product<SyncForCommerce> =
    Product::new("codat-sync-commerce", SyncForCommerce::new).built();

const TEXT_PATH: &str = "/sync/commerce/config/ui/text";

fn config() -> Value {
    json!({
        "companyId": COMPANY, "enable": true, "configured": false,
        "schedule": {"selectedFrequency": "Daily", "frequencyOptions": ["Daily", "Monthly"],
                     "startDate": "2024-01-01T00:00:00Z", "syncHour": 2, "timeZone": "UTC"},
        "configuration": {"countryCode": "GB", "sales": {"syncSales": true}}
    })
}

fn integration(key: &str) -> Value {
    json!({"key": key, "logoUrl": format!("https://img.example/{key}.png"),
           "name": format!("Platform {key}"), "enabled": true})
}

fn text() -> Value {
    json!({"syncFlow.title": {"text": "Connect your books", "required": true},
           "syncFlow.footer": {"text": null, "required": false}})
}

fn summary() -> Value {
    json!({"companyId": COMPANY, "commerceSyncId": SYNC_ID, "syncStatusCode": 2000,
           "syncStatus": "Started", "syncUtc": "2024-05-01T10:00:00Z", "dataPushed": false,
           "syncDateRangeUtc": {"start": "2024-04-01T00:00:00Z", "finish": "2024-05-01T00:00:00Z"},
           "dataConnections": [{"id": "c-1", "integrationId": "i-1", "sourceId": "s-1",
              "platformName": "Square", "linkUrl": "https://link.example", "status": "Linked",
              "created": "2024-01-01T00:00:00Z", "sourceType": "Commerce"}]})
}

fn company_sync() -> Value {
    json!({"companyId": COMPANY, "syncId": SYNC_ID, "syncStatusCode": 2000,
           "syncStatus": "Complete", "errorMessage": "", "syncExceptionMessage": "",
           "syncUtc": "2024-05-01T10:00:00Z", "dataPushed": true})
}

fn french() -> LocalizationInfo {
    let mut update = LocalizationInfo::new();
    let title = Localization {
        text: Some("Connectez votre comptabilité".into()),
        required: Some(true),
    };
    update.insert("syncFlow.title".into(), title);
    let footer = Localization {
        text: None,
        required: None,
    };
    update.insert("syncFlow.footer".into(), footer);
    update
}

fn ops() -> Vec<Op> {
    vec![
        Op::get(
            "/config/sync/commerce/{commerceKey}/{accountingKey}/start",
            call!(|p, a| {
                let merchant = GetSyncFlowUrlParams::new().merchant_identifier("merchant 7&co");
                p.connections().get_sync_flow_url(&a[0], &a[1], merchant)
            }),
        )
        .query("merchantIdentifier=merchant%207%26co")
        .fixture(json!({"url": "https://sync-flow.example/start?otp=1"})),
        Op::get(
            "/config/companies/{companyId}/sync/commerce",
            call!(|p, a| p.advanced_controls().get_configuration(&a[0])),
        )
        .fixture(config()),
        // No body: the spec documents none.
        Op::post(
            "/config/companies/{companyId}/sync/commerce",
            call!(|p, a| p.advanced_controls().set_configuration(&a[0])),
        )
        .fixture(config()),
        Op::get(
            "/config/integrations",
            call!(|p, _a| {
                let params = PageParams::new().page(2).page_size(50);
                let params = params
                    .query("sourceType=Commerce&&enabled=true")
                    .order_by("-name");
                p.integrations().list(params)
            }),
        )
        .query("page=2&pageSize=50&query=sourceType%3DCommerce%26%26enabled%3Dtrue&orderBy=-name")
        .fixture(
            json!({"results": [integration("gbol"), integration("sqre")], "pageNumber": 2,
                        "pageSize": 50, "totalResults": 52}),
        ),
        Op::get(
            "/config/integrations/{platformKey}/branding",
            call!(|p, a| p.integrations().get_branding(&a[0])),
        )
        .fixture(json!({"sourceId": "35b92968-9851-4095-ad60-395c95cbcba4",
            "logo": {"full": {"image": {"src": "https://img.example/full.png", "alt": "Logo"}}}})),
        Op::get(
            TEXT_PATH,
            call!(|p, _a| p
                .sync_flow_settings()
                .get_config_text_sync_flow(&Locale::EnUs)),
        )
        .query("locale=en-us")
        .fixture(text()),
        Op::patch(
            TEXT_PATH,
            call!(|p, _a| p
                .sync_flow_settings()
                .update_config_text_sync_flow(&Locale::FrFr, &french())),
        )
        .query("locale=fr-fr")
        .sends(
            json!({"syncFlow.title": {"text": "Connectez votre comptabilité", "required": true},
                      "syncFlow.footer": {}}),
        )
        .fixture(text()),
        Op::get(
            "/clients/{clientId}/config/ui/accounts/platform/{platformKey}",
            call!(|p, a| p.sync_flow_settings().get_visible_accounts(&a[0], &a[1])),
        )
        .fixture(json!({"visibleAccounts": ["acc-1", "acc-2"]})),
        Op::post(
            "/sync/commerce/config/ui/accounts/platform/{platformKey}",
            call!(|p, a| async {
                let wanted = VisibleAccounts {
                    visible_accounts: Some(vec!["acc-1".into(), "acc 2/3".into()]),
                };
                p.sync_flow_settings()
                    .update_visible_accounts_sync_flow(&a[0], &wanted)
                    .await
            }),
        )
        .sends(json!({"visibleAccounts": ["acc-1", "acc 2/3"]}))
        .fixture(json!({"visibleAccounts": ["acc-1"]})),
        Op::post(
            "/companies/{companyId}/sync/commerce/latest",
            call!(|p, a| async {
                let to = SyncToLatestArgs {
                    sync_to: Some(DateTime::from("2024-05-31T23:59:59Z")),
                };
                p.sync().request(&a[0], Some(&to)).await
            }),
        )
        .sends(json!({"syncTo": "2024-05-31T23:59:59Z"}))
        .fixture(summary()),
        Op::post(
            "/meta/companies/{companyId}/sync/commerce/historic",
            call!(|p, a| async {
                let range = SyncRange {
                    date_range: SyncRangeDateRange {
                        start: DateTime::from("2024-04-01T00:00:00Z"),
                        finish: DateTime::from("2024-05-01T00:00:00Z"),
                    },
                };
                p.sync().request_for_date_range(&a[0], &range).await
            }),
        )
        .sends(json!({"dateRange": {"start": "2024-04-01T00:00:00Z",
                                    "finish": "2024-05-01T00:00:00Z"}}))
        .fixture(summary()),
        // The spec's example has `"syncStatusCode": "4200,"` where the schema says integer:
        // the client reports it as a decode error rather than guessing.
        Op::get(
            "/meta/companies/{companyId}/sync/commerce/status",
            call!(|p, a| p.sync().get_status(&a[0])),
        )
        .erratum(|example| {
            let text = example.to_string();
            let fixed = text.replace(r#""syncStatusCode":"4200,""#, r#""syncStatusCode":4200"#);
            (fixed != text).then(|| serde_json::from_str(&fixed).unwrap())
        })
        .fixture({
            let mut status = summary();
            status.as_object_mut().unwrap().remove("syncDateRangeUtc");
            status
        }),
        Op::get(
            "/companies/{companyId}/sync/commerce/syncs/lastSuccessful/status",
            call!(|p, a| p.sync().get_last_successful_sync(&a[0])),
        )
        .fixture(company_sync()),
        Op::get(
            "/companies/{companyId}/sync/commerce/syncs/latest/status",
            call!(|p, a| p.sync().get_latest_sync(&a[0])),
        )
        .fixture(company_sync()),
        Op::get(
            "/companies/{companyId}/sync/commerce/syncs/{syncId}/status",
            call!(|p, a| p.sync().get(&a[0], &a[1])),
        )
        .fixture(company_sync()),
        Op::get(
            "/companies/{companyId}/sync/commerce/syncs/list/status",
            call!(|p, a| p.sync().list(&a[0])),
        )
        .fixture(json!([company_sync(), company_sync()])),
    ]
}

op_tests!(COMMERCE, ops(), 16);

fn lists() -> Vec<List> {
    vec![List::new(
        "/config/integrations",
        list!(|p, o| p.integrations().list_all(o.options()), |i| i.key),
    )
    .item(|i| integration(&format!("item-{i}")))]
}

list_tests!(COMMERCE, lists());

// ---- what the tables do not say -------------------------------------------------------------

#[tokio::test]
async fn optional_options_and_bodies_are_left_out() {
    let (commerce, server) = COMMERCE
        .answered(ResponseTemplate::new(200).set_body_json(summary()))
        .await;
    let start =
        commerce
            .connections()
            .get_sync_flow_url("sqre", "qbo", GetSyncFlowUrlParams::new());
    let _ = start.await;
    let _ = commerce.integrations().list(PageParams::new()).await;
    // `None`: nothing sent; an empty `SyncToLatestArgs`: an empty object.
    commerce.sync().request(COMPANY, None).await.unwrap();
    let empty = SyncToLatestArgs::default();
    commerce
        .sync()
        .request(COMPANY, Some(&empty))
        .await
        .unwrap();
    let sent = codat_product_tests::requests(&server).await;
    assert!(sent.iter().all(|r| r.url.query().is_none()));
    assert!(sent[2].body.is_empty());
    assert_eq!(header_of(&sent[2], "content-type"), None);
    assert_eq!(json_body(&sent[3]), json!({}));
}

#[tokio::test]
async fn the_text_is_asked_in_either_locale_the_spec_allows() {
    for (locale, wire) in [(Locale::EnUs, "en-us"), (Locale::FrFr, "fr-fr")] {
        let (settings, server) = COMMERCE
            .answered(ResponseTemplate::new(200).set_body_json(text()))
            .await;
        settings
            .sync_flow_settings()
            .get_config_text_sync_flow(&locale)
            .await
            .unwrap();
        let sent = COMMERCE.only_request(&server).await;
        assert_eq!(sent.url.query(), Some(&*format!("locale={wire}")));
    }
    let (Some(spec), Some(op)) = (COMMERCE.spec(), COMMERCE.operation(TEXT_PATH, "get")) else {
        return;
    };
    let locale = codat_product_tests::resolve(spec, &op["parameters"][0]);
    assert_eq!(
        (&locale["name"], &locale["required"]),
        (&json!("locale"), &json!(true))
    );
    assert_eq!(locale["schema"]["enum"], json!(["en-us", "fr-fr"]));
}

#[test]
fn the_specs_request_bodies_read_back_as_the_same_models() {
    let Some(spec) = COMMERCE.spec() else { return };
    let body = |path: &str, verb: &str| {
        let op = COMMERCE.operation(path, verb).unwrap();
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        codat_product_tests::example_of(spec, schema)
    };
    let text = body(TEXT_PATH, "patch");
    let parsed: LocalizationInfo = serde_json::from_value(text.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), text);
    let accounts = body(
        "/sync/commerce/config/ui/accounts/platform/{platformKey}",
        "post",
    );
    let parsed: VisibleAccounts = serde_json::from_value(accounts.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), accounts);
    // The historic sync's body has the same shape: both dates, under `dateRange`.
    let range = body("/meta/companies/{companyId}/sync/commerce/historic", "post");
    let mut keys: Vec<&String> = range["dateRange"].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["finish", "start"]);
    let op = COMMERCE.operation("/config/companies/{companyId}/sync/commerce", "post");
    assert!(
        op.unwrap().get("requestBody").is_none(),
        "the spec gained a body"
    );
}

#[tokio::test]
async fn a_total_that_promises_more_than_comes_ends_at_the_first_empty_page() {
    let server = wiremock::MockServer::builder().start().await;
    wiremock::Mock::given(wiremock::matchers::path("/config/integrations"))
        .respond_with(|request: &wiremock::Request| {
            let page = codat_product_tests::number_param(request, "page").unwrap();
            let results: Vec<Value> = (page == 1).then(|| integration("a")).into_iter().collect();
            let body = json!({"results": results, "pageNumber": page, "pageSize": 1,
                              "totalResults": 1000});
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let commerce = COMMERCE.client(&server);
    let all = commerce
        .integrations()
        .list_all(PageOptions::new().page_size(1));
    let keys: Vec<String> = within(all.map(|r| r.unwrap().key).collect()).await;
    assert_eq!(keys, ["a"]);
    assert_eq!(codat_product_tests::pages_asked(&server).await, [1, 2]);
}
