//! One call of every declared operation with valid inputs, keyed by the spec's operationId:
//! Platform's shared by the wiremock API test and the Prism run, each product's by the Prism run.
#![allow(deprecated)] // the deprecated operations are still served and still declared

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use codat_client::models::companies::{
    CompanyRequestBody, CompanySyncSettings, CompanyUpdateRequest, RefreshProductData, SyncSetting,
};
use codat_client::models::connection_management::ConnectionManagementAllowedOrigins;
use codat_client::models::connections::{
    CreateConnection, DataConnectionStatus, UpdateConnectionStatus,
};
use codat_client::models::custom_data_type::CustomDataTypeConfiguration;
use codat_client::models::refresh_data::DataType;
use codat_client::models::settings::{CreateApiKey, Profile, SyncSettings};
use codat_client::models::supplemental_data::{
    SupplementalDataConfiguration, SupplementalDataSourceConfiguration,
};
use codat_client::models::webhooks::WebhookConsumerPrototype;
use codat_client::models::Decimal;
use codat_client::{Codat, Error, Upload};
use codat_sync_payables::models as payables;
use codat_sync_payroll::models as payroll;
use rust_decimal_macros::dec;

use super::spec::{self, Product};

pub const COMPANY: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
pub const CONNECTION: &str = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
pub const DATASET: &str = "943accd0-4247-42d8-865b-363c8629e1da";
pub const PUSH_KEY: &str = "97d60846-f07a-4d42-b5a0-0bdcc6ebf56b";
pub const WEBHOOK: &str = "0498e921-9b53-4396-a412-4f2f5983b0a2";
pub const PLATFORM: &str = "gbol";
pub const PRODUCT: &str = "lending";
pub const CUSTOM: &str = "DynamicsPurchaseOrders";
pub const API_KEY_ID: &str = "e288a972-b402-4b21-93f9-b5335ae5679c";

/// What one call sends, for checking the request that arrived.
pub struct Sent {
    /// The path with the inputs above in place of the spec's `{placeholders}`.
    pub path: String,
    /// The query string sent, if any.
    pub query: Option<&'static str>,
    /// The JSON body sent, if any.
    pub body: Option<serde_json::Value>,
}

pub type Call =
    for<'a> fn(&'a Codat) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

fn sync_setting() -> SyncSetting {
    SyncSetting {
        data_type: DataType::Invoices,
        fetch_on_first_link: true,
        sync_schedule: 24,
        sync_order: 0,
        sync_from_utc: Some("2020-01-01T12:00:00.000Z".into()),
        sync_from_window: Some(24),
        months_to_sync: Some(24),
        is_locked: Some(false),
    }
}

fn company_body() -> CompanyRequestBody {
    CompanyRequestBody {
        name: "Bank of Dave".into(),
        description: Some("Requested early access".into()),
        tags: Some(BTreeMap::from([("region".to_owned(), "uk".to_owned())])),
    }
}

macro_rules! call {
    ($codat:ident => $body:expr) => {{
        fn call<'a>(
            $codat: &'a Codat,
        ) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>> {
            Box::pin(async move { $body.await.map(drop) })
        }
        call as Call
    }};
}

// One file per product that came later, each with its own `calls()`.
#[path = "calls/bank_feeds.rs"]
mod bank_feeds;
#[path = "calls/expenses.rs"]
mod expenses;
#[path = "calls/lending_a.rs"]
mod lending_a;
#[path = "calls/lending_b.rs"]
mod lending_b;
#[path = "calls/lending_c.rs"]
mod lending_c;
#[path = "calls/spend_insights.rs"]
mod spend_insights;

/// Every operation: its operationId, what it sends, and the call.
pub fn all() -> Vec<(&'static str, Sent, Call)> {
    let sent = |path: &str, query: Option<&'static str>, body: Option<serde_json::Value>| Sent {
        path: path
            .replace("{companyId}", COMPANY)
            .replace("{connectionId}", CONNECTION)
            .replace("{datasetId}", DATASET)
            .replace("{pushOperationKey}", PUSH_KEY)
            .replace("{webhookId}", WEBHOOK)
            .replace("{platformKey}", PLATFORM)
            .replace("{productIdentifier}", PRODUCT)
            .replace("{customDataIdentifier}", CUSTOM)
            .replace("{apiKeyId}", API_KEY_ID)
            .replace("{dataType}", "invoices"),
        query,
        body,
    };
    let json = |value: &dyn erased::Json| Some(value.json());
    vec![
        ("list-companies", sent("/companies", Some("page=1&pageSize=10&query=name%3DAcme&orderBy=-modifiedDate&tags=region%3Duk"), None),
            call!(c => c.companies().list(codat_client::paging::PageParams::new().page(1).page_size(10).query("name=Acme").order_by("-modifiedDate"), codat_client::models::companies::ListCompaniesParams::new().tags("region=uk")))),
        ("create-company", sent("/companies", None, json(&company_body())),
            call!(c => c.companies().create(Some(&company_body())))),
        ("get-company", sent("/companies/{companyId}", None, None), call!(c => c.companies().get(COMPANY))),
        ("delete-company", sent("/companies/{companyId}", None, None), call!(c => c.companies().delete(COMPANY))),
        ("replace-company", sent("/companies/{companyId}", None, json(&company_body())),
            call!(c => c.companies().replace(COMPANY, Some(&company_body())))),
        ("update-company", sent("/companies/{companyId}", None, json(&CompanyUpdateRequest { name: Some("New name".into()), ..Default::default() })),
            call!(c => c.companies().update(COMPANY, Some(&CompanyUpdateRequest { name: Some("New name".into()), ..Default::default() })))),
        ("add-product", sent("/companies/{companyId}/products/{productIdentifier}", None, None),
            call!(c => c.companies().add_product(COMPANY, PRODUCT))),
        ("remove-product", sent("/companies/{companyId}/products/{productIdentifier}", None, None),
            call!(c => c.companies().remove_product(COMPANY, PRODUCT))),
        ("refresh-product-data", sent("/companies/{companyId}/products/{productIdentifier}/refresh", None, Some(serde_json::json!({"dataTypes": ["invoices"]}))),
            call!(c => c.companies().refresh_product_data(COMPANY, PRODUCT, Some(&RefreshProductData { data_types: Some(vec!["invoices".into()]) })))),
        ("list-connections", sent("/companies/{companyId}/connections", Some("page=1&pageSize=100"), None),
            call!(c => c.connections().list(COMPANY, codat_client::paging::PageParams::new().page(1).page_size(100)))),
        ("create-connection", sent("/companies/{companyId}/connections", None, Some(serde_json::json!({"platformKey": "gbol"}))),
            call!(c => c.connections().create(COMPANY, Some(&CreateConnection { platform_key: Some(PLATFORM.into()) })))),
        ("get-connection", sent("/companies/{companyId}/connections/{connectionId}", None, None),
            call!(c => c.connections().get(COMPANY, CONNECTION))),
        ("delete-connection", sent("/companies/{companyId}/connections/{connectionId}", None, None),
            call!(c => c.connections().delete(COMPANY, CONNECTION))),
        ("unlink-connection", sent("/companies/{companyId}/connections/{connectionId}", None, Some(serde_json::json!({"status": "Unlinked"}))),
            call!(c => c.connections().unlink(COMPANY, CONNECTION, Some(&UpdateConnectionStatus { status: Some(DataConnectionStatus::Unlinked) })))),
        ("update-connection-authorization", sent("/companies/{companyId}/connections/{connectionId}/authorization", None, Some(serde_json::json!({"token": "abc"}))),
            call!(c => c.connections().update_authorization(COMPANY, CONNECTION, Some(&BTreeMap::from([("token".to_owned(), "abc".to_owned())]))))),
        ("get-company-access-token", sent("/companies/{companyId}/accessToken", None, None),
            call!(c => c.companies().get_access_token(COMPANY))),
        ("get-company-syncSettings", sent("/companies/{companyId}/syncSettings", None, None),
            call!(c => c.companies().get_company_sync_settings(COMPANY))),
        ("set-company-syncSettings", sent("/companies/{companyId}/syncSettings", None, json(&company_sync_settings())),
            call!(c => c.companies().set_company_sync_settings(COMPANY, Some(&company_sync_settings())))),
        ("get-connection-management-access-token", sent("/companies/{companyId}/connectionManagement/accessToken", None, None),
            call!(c => c.connection_management().get_access_token(COMPANY))),
        ("get-connection-management-cors-settings", sent("/connectionManagement/corsSettings", None, None),
            call!(c => c.connection_management().cors().get())),
        ("set-connection-management-cors-settings", sent("/connectionManagement/corsSettings", None, json(&origins())),
            call!(c => c.connection_management().cors().set(Some(&origins())))),
        ("get-cors-settings", sent("/corsSettings", None, None), call!(c => c.settings().get_cors_settings())),
        ("set-cors-settings", sent("/corsSettings", None, json(&origins())), call!(c => c.settings().set(Some(&origins())))),
        ("refresh-company-data", sent("/companies/{companyId}/data/all", None, None), call!(c => c.refresh_data().all(COMPANY))),
        ("refresh-data-type", sent("/companies/{companyId}/data/queue/{dataType}", Some("connectionId=2e9d2c44-f675-40ba-8049-353bfcb5e171"), None),
            call!(c => c.refresh_data().by_data_type(COMPANY, &DataType::Invoices, codat_client::models::refresh_data::RefreshDataTypeParams::new().connection_id(CONNECTION)))),
        ("get-company-data-status", sent("/companies/{companyId}/dataStatus", None, None),
            call!(c => c.refresh_data().get_company_data_status(COMPANY))),
        ("list-pull-operations", sent("/companies/{companyId}/data/history", Some("page=1&pageSize=100&orderBy=-requested"), None),
            call!(c => c.refresh_data().list_pull_operations(COMPANY, codat_client::paging::PageParams::new().page(1).page_size(100).order_by("-requested")))),
        ("get-pull-operation", sent("/companies/{companyId}/data/history/{datasetId}", None, None),
            call!(c => c.refresh_data().get_pull_operation(COMPANY, DATASET))),
        ("list-webhook-consumers", sent("/webhooks", None, None), call!(c => c.webhooks().list_consumers())),
        ("create-webhook-consumer", sent("/webhooks", None, json(&consumer())), call!(c => c.webhooks().create_consumer(Some(&consumer())))),
        ("delete-webhook-consumer", sent("/webhooks/{webhookId}", None, None), call!(c => c.webhooks().delete_consumer(WEBHOOK))),
        ("rotate-zapier-key", sent("/webhooks/integrationKeys/zapier", None, None), call!(c => c.webhooks().rotate_zapier_key())),
        ("list-integrations", sent("/integrations", Some("page=1&pageSize=100&query=sourceType%3DAccounting"), None),
            call!(c => c.integrations().list(codat_client::paging::PageParams::new().page(1).page_size(100).query("sourceType=Accounting")))),
        ("get-integration", sent("/integrations/{platformKey}", None, None), call!(c => c.integrations().get(PLATFORM))),
        ("get-integrations-branding", sent("/integrations/{platformKey}/branding", None, None), call!(c => c.integrations().get_branding(PLATFORM))),
        ("get-profile", sent("/profile", None, None), call!(c => c.settings().get_profile())),
        ("update-profile", sent("/profile", None, json(&profile())), call!(c => c.settings().update_profile(Some(&profile())))),
        ("get-profile-syncSettings", sent("/profile/syncSettings", None, None), call!(c => c.settings().get_sync_settings())),
        ("update-profile-syncSettings", sent("/profile/syncSettings", None, json(&sync_settings())),
            call!(c => c.settings().update_sync_settings(Some(&sync_settings())))),
        ("list-api-keys", sent("/apiKeys", None, None), call!(c => c.settings().list_api_keys())),
        ("create-api-key", sent("/apiKeys", None, Some(serde_json::json!({"name": "invoice-processor"}))),
            call!(c => c.settings().create_api_key(Some(&CreateApiKey { name: Some("invoice-processor".into()) })))),
        ("delete-api-key", sent("/apiKeys/{apiKeyId}", None, None), call!(c => c.settings().delete_api_key(API_KEY_ID))),
        ("get-read-validation-results", sent("/companies/{companyId}/sync/{datasetId}/validation", None, None),
            call!(c => c.read_data().get_validation_results(COMPANY, DATASET))),
        ("get-create-update-model-options-by-data-type", sent("/companies/{companyId}/connections/{connectionId}/options/{dataType}", None, None),
            call!(c => c.push_data().get_model_options(COMPANY, CONNECTION, &DataType::Invoices))),
        ("get-company-push-history", sent("/companies/{companyId}/push", Some("page=1&pageSize=100"), None),
            call!(c => c.push_data().list_operations(COMPANY, codat_client::paging::PageParams::new().page(1).page_size(100)))),
        ("get-push-operation", sent("/companies/{companyId}/push/{pushOperationKey}", None, None),
            call!(c => c.push_data().get_operation(COMPANY, PUSH_KEY))),
        ("configure-supplemental-data", sent("/integrations/{platformKey}/dataTypes/{dataType}/supplementalDataConfig", None, json(&supplemental())),
            call!(c => c.supplemental_data().configure(PLATFORM, &DataType::Invoices, Some(&supplemental())))),
        ("get-supplemental-data-configuration", sent("/integrations/{platformKey}/dataTypes/{dataType}/supplementalDataConfig", None, None),
            call!(c => c.supplemental_data().get_configuration(PLATFORM, &DataType::Invoices))),
        ("configure-custom-data-type", sent("/integrations/{platformKey}/dataTypes/custom/{customDataIdentifier}", None, json(&custom())),
            call!(c => c.custom_data_type().configure(PLATFORM, CUSTOM, Some(&custom())))),
        ("get-custom-data-type-configuration", sent("/integrations/{platformKey}/dataTypes/custom/{customDataIdentifier}", None, None),
            call!(c => c.custom_data_type().get_configuration(PLATFORM, CUSTOM))),
        ("refresh-custom-data-type", sent("/companies/{companyId}/connections/{connectionId}/data/queue/custom/{customDataIdentifier}", None, None),
            call!(c => c.custom_data_type().refresh(COMPANY, CONNECTION, CUSTOM))),
        ("list-custom-data-type-records", sent("/companies/{companyId}/connections/{connectionId}/data/custom/{customDataIdentifier}", Some("page=2&pageSize=50"), None),
            call!(c => c.custom_data_type().list(COMPANY, CONNECTION, CUSTOM, codat_client::models::custom_data_type::ListCustomDataTypeRecordsParams::new().page(2).page_size(50)))),
    ]
}

/// The calls of every operation in `product`'s spec, in the spec's order: the product's own,
/// and Platform's for the operations it repeats. Panics naming any operation without a call.
pub fn for_product(product: &Product) -> Vec<(&'static str, Call)> {
    let spec = spec::load_product(product).expect("Prism serves this spec: it must be here");
    let platform = spec::load().expect("Platform's spec, for the operations products repeat");
    let platform_ids: BTreeMap<(&str, &str), &str> = platform
        .operations()
        .into_iter()
        .map(|op| ((op.method, op.path), op.id))
        .collect();
    let platform_calls: BTreeMap<&'static str, Call> =
        all().into_iter().map(|(id, _, c)| (id, c)).collect();
    let own: BTreeMap<&'static str, Call> = match product.krate {
        "codat-sync-payables" => payables().into_iter().collect(),
        "codat-sync-commerce" => commerce().into_iter().collect(),
        "codat-sync-payroll" => payroll().into_iter().collect(),
        "codat-bank-feeds" => bank_feeds::calls().into_iter().collect(),
        "codat-sync-expenses" => expenses::calls().into_iter().collect(),
        "codat-lending" => lending_a::calls()
            .into_iter()
            .chain(lending_b::calls())
            .chain(lending_c::calls())
            .collect(),
        "codat-spend-insights" => spend_insights::calls().into_iter().collect(),
        _ => BTreeMap::new(),
    };
    let mut calls = Vec::new();
    let mut missing = Vec::new();
    for op in spec.operations() {
        let repeat = platform_ids.get(&(op.method, op.path));
        let found = match repeat {
            Some(id) => platform_calls.get_key_value(*id),
            None => own.get_key_value(op.id),
        };
        match found {
            Some((id, call)) => calls.push((*id, *call)),
            None => missing.push(format!(
                "{} {} {}",
                op.id,
                op.method.to_uppercase(),
                op.path
            )),
        }
    }
    assert!(
        missing.is_empty(),
        "{}: no call written for {} operations:\n  {}",
        product.name,
        missing.len(),
        missing.join("\n  ")
    );
    calls
}

/// Sync for Payables' own operations.
fn payables() -> Vec<(&'static str, Call)> {
    use codat_sync_payables::models::{
        CreateBankAccountParams, CreateBillParams, CreateBillPaymentParams, CreateSupplierParams,
        UpdateBillParams,
    };
    use codat_sync_payables::SyncForPayables;
    const BILL: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
    const SUPPLIER: &str = "EILBDVJVNUAGVKRQ";
    const ATTACHMENT: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
    const KEY: &str = "c4f2b1a0-1f7e-4c55-9d1e-6f1a2b3c4d5e";
    vec![
        (
            "get-company-information",
            call!(c => SyncForPayables::new(c).company_information().get(COMPANY, CONNECTION)),
        ),
        (
            "get-mapping-options-bills",
            call!(c => SyncForPayables::new(c).bills().get_bill_options(COMPANY, CONNECTION, codat_sync_payables::models::GetMappingOptionsBillsParams::new().status_query("status=Active"))),
        ),
        (
            "get-mapping-options-payments",
            call!(c => SyncForPayables::new(c).bill_payments().get_payment_options(COMPANY, CONNECTION, codat_sync_payables::models::GetMappingOptionsPaymentsParams::new().status_query("status=Active"))),
        ),
        (
            "list-bills",
            call!(c => SyncForPayables::new(c).bills().list(COMPANY, CONNECTION, codat_sync_payables::models::ListBillsParams::new().query("status=Open"))),
        ),
        (
            "create-bill",
            call!(c => SyncForPayables::new(c).bills().create(COMPANY, CONNECTION, CreateBillParams::new().idempotency_key(KEY), &bill())),
        ),
        (
            "update-bill",
            call!(c => SyncForPayables::new(c).bills().update(COMPANY, CONNECTION, BILL, UpdateBillParams::new().idempotency_key(KEY), &bill())),
        ),
        (
            "upload-bill-attachment",
            call!(c => SyncForPayables::new(c).bills().upload_attachment(COMPANY, CONNECTION, BILL,
                Upload::from_bytes(&b"%PDF-1.4 invoice"[..]).file_name("invoice.pdf").content_type("application/pdf"))),
        ),
        (
            "list-bill-attachments",
            call!(c => SyncForPayables::new(c).bills().list_attachments(COMPANY, CONNECTION, BILL)),
        ),
        (
            "download-bill-attachment",
            call!(c => async move {
                SyncForPayables::new(c).bills().download_attachment(COMPANY, CONNECTION, BILL, ATTACHMENT).await?.bytes().await
            }),
        ),
        (
            "create-bill-payment",
            call!(c => SyncForPayables::new(c).bill_payments().create(COMPANY, CONNECTION, BILL, CreateBillPaymentParams::new().idempotency_key(KEY), &payment())),
        ),
        (
            "list-suppliers",
            call!(c => SyncForPayables::new(c).suppliers().list(COMPANY, CONNECTION, codat_sync_payables::models::ListSuppliersParams::new().query("status=Active"))),
        ),
        (
            "create-supplier",
            call!(c => SyncForPayables::new(c).suppliers().create(COMPANY, CONNECTION, CreateSupplierParams::new().idempotency_key(KEY), &supplier())),
        ),
        (
            "update-supplier",
            call!(c => SyncForPayables::new(c).suppliers().update(COMPANY, CONNECTION, SUPPLIER, &supplier())),
        ),
        (
            "create-bank-account",
            call!(c => SyncForPayables::new(c).bank_accounts().create(COMPANY, CONNECTION, CreateBankAccountParams::new().idempotency_key(KEY), &bank_account())),
        ),
    ]
}

/// Sync for Commerce's own operations.
fn commerce() -> Vec<(&'static str, Call)> {
    use codat_client::paging::PageParams;
    use codat_sync_commerce::models as commerce;
    use codat_sync_commerce::sync_flow_settings::{Locale, LocalizationInfo};
    use codat_sync_commerce::SyncForCommerce;
    const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
    const CLIENT: &str = "367f7975-267b-439b-90c6-a6040ee680f3";
    fn text() -> LocalizationInfo {
        LocalizationInfo::from([(
            "syncFlow.title".to_owned(),
            commerce::Localization {
                text: Some("Connect your accounting software".into()),
                required: Some(true),
            },
        )])
    }
    fn accounts() -> commerce::VisibleAccounts {
        commerce::VisibleAccounts {
            visible_accounts: Some(vec!["8a210b68-6988-11ed-a1eb-0242ac120002".into()]),
        }
    }
    fn range() -> commerce::SyncRange {
        commerce::SyncRange {
            date_range: commerce::SyncRangeDateRange {
                start: "2024-05-01T00:00:00Z".into(),
                finish: "2024-06-01T00:00:00Z".into(),
            },
        }
    }
    fn latest() -> commerce::SyncToLatestArgs {
        commerce::SyncToLatestArgs {
            sync_to: Some("2024-06-01T00:00:00Z".into()),
        }
    }
    vec![
        (
            "get-sync-flow-url",
            call!(c => SyncForCommerce::new(c).connections().get_sync_flow_url("sqre", PLATFORM, codat_sync_commerce::models::GetSyncFlowUrlParams::new().merchant_identifier("merchant-42"))),
        ),
        (
            "get-configuration",
            call!(c => SyncForCommerce::new(c).advanced_controls().get_configuration(COMPANY)),
        ),
        (
            "set-configuration",
            call!(c => SyncForCommerce::new(c).advanced_controls().set_configuration(COMPANY)),
        ),
        (
            "list-integrations",
            call!(c => SyncForCommerce::new(c).integrations().list(PageParams::new().page(1).page_size(100))),
        ),
        (
            "get-integration-branding",
            call!(c => SyncForCommerce::new(c).integrations().get_branding(PLATFORM)),
        ),
        (
            "get-config-text-sync-flow",
            call!(c => SyncForCommerce::new(c).sync_flow_settings().get_config_text_sync_flow(&Locale::EnUs)),
        ),
        (
            "update-config-text-sync-flow",
            call!(c => SyncForCommerce::new(c).sync_flow_settings().update_config_text_sync_flow(&Locale::EnUs, &text())),
        ),
        (
            "get-visible-accounts",
            call!(c => SyncForCommerce::new(c).sync_flow_settings().get_visible_accounts(CLIENT, PLATFORM)),
        ),
        (
            "update-visible-accounts-sync-flow",
            call!(c => SyncForCommerce::new(c).sync_flow_settings().update_visible_accounts_sync_flow(PLATFORM, &accounts())),
        ),
        (
            "request-sync",
            call!(c => SyncForCommerce::new(c).sync().request(COMPANY, Some(&latest()))),
        ),
        (
            "request-sync-for-date-range",
            call!(c => SyncForCommerce::new(c).sync().request_for_date_range(COMPANY, &range())),
        ),
        (
            "get-sync-status",
            call!(c => SyncForCommerce::new(c).sync().get_status(COMPANY)),
        ),
        (
            "get-last-successful-sync",
            call!(c => SyncForCommerce::new(c).sync().get_last_successful_sync(COMPANY)),
        ),
        (
            "get-latest-sync",
            call!(c => SyncForCommerce::new(c).sync().get_latest_sync(COMPANY)),
        ),
        (
            "get-sync-by-id",
            call!(c => SyncForCommerce::new(c).sync().get(COMPANY, SYNC)),
        ),
        (
            "list-syncs",
            call!(c => SyncForCommerce::new(c).sync().list(COMPANY)),
        ),
    ]
}

fn bill() -> payables::BillPrototype {
    payables::BillPrototype {
        reference: Some("INV-2024-001".into()),
        supplier_ref: payables::SupplierRef {
            id: "73593".into(),
            supplier_name: Some("Acme Supplies".into()),
        },
        issue_date: "2024-05-21T00:00:00".into(),
        due_date: "2024-06-21T00:00:00".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        line_items: Some(vec![payables::BillLineItem {
            description: Some("Paper".into()),
            unit_amount: Some(dec!(50)),
            quantity: Some(dec!(2)),
            tax_amount: Some(dec!(20)),
            account_ref: Some(payables::BillAccountRef {
                id: Some("7110701885".into()),
            }),
            total_amount: Some(dec!(120)),
            tax_rate_ref: Some(payables::BillTaxRateRef {
                id: Some("GB_STD".into()),
            }),
            tracking_refs: None,
        }]),
        status: payables::BillStatus::Open,
    }
}

fn payment() -> payables::BillPaymentPrototype {
    payables::BillPaymentPrototype {
        amount: dec!(120),
        date: "2024-06-21T00:00:00".into(),
        reference: Some("Payment of INV-2024-001".into()),
        account_ref: payables::BillPaymentAccountRef {
            id: "5e9f4d7c-0c54-4a4b-9f4d-7c0c544a4b9f".into(),
        },
        currency_rate: None,
    }
}

fn supplier() -> payables::SupplierPrototype {
    payables::SupplierPrototype {
        supplier_name: "Acme Supplies".into(),
        contact_name: Some("Jane Doe".into()),
        email_address: Some("accounts@acme.example".into()),
        phone: Some("+44 20 7946 0000".into()),
        addresses: None,
        status: payables::SupplierStatus::Active,
        balance: None,
        default_currency: Some("GBP".into()),
    }
}

fn bank_account() -> payables::BankAccountPrototype {
    payables::BankAccountPrototype {
        nominal_code: Some("2000".into()),
        name: Some("Business current account".into()),
        account_type: payables::BankAccountType::Debit,
        account_number: Some("46762629".into()),
        sort_code: Some("04-00-04".into()),
        currency: "GBP".into(),
    }
}

fn company_sync_settings() -> CompanySyncSettings {
    CompanySyncSettings {
        company_id: Some(COMPANY.into()),
        settings: Some(vec![sync_setting()]),
        overrides_defaults: Some(true),
    }
}

fn sync_settings() -> SyncSettings {
    SyncSettings {
        client_id: Some("367f7975-267b-439b-90c6-a6040ee680f3".into()),
        settings: Some(vec![sync_setting()]),
        overrides_defaults: Some(true),
    }
}

fn origins() -> ConnectionManagementAllowedOrigins {
    ConnectionManagementAllowedOrigins {
        allowed_origins: Some(vec!["https://www.bank-of-dave.com".into()]),
    }
}

fn consumer() -> WebhookConsumerPrototype {
    WebhookConsumerPrototype {
        url: Some("https://example.com/webhooks".into()),
        disabled: Some(false),
        event_types: Some(vec!["DataSyncCompleted".into()]),
        company_tags: None,
    }
}

fn profile() -> Profile {
    Profile {
        name: "Bob's Burgers".into(),
        logo_url: Some("https://client-images.codat.io/logo.png".into()),
        icon_url: Some("https://client-images.codat.io/icon.ico".into()),
        redirect_url: "https://bobs-burgers.com/{companyId}".into(),
        white_list_urls: Some(vec!["https://bobs-burgers.com".into()]),
        api_key: None,
        confirm_company_name: None,
    }
}

fn supplemental() -> SupplementalDataConfiguration {
    let source = SupplementalDataSourceConfiguration {
        data_source: Some("/api/purchaseorders".into()),
        pull_data: Some(BTreeMap::from([(
            "orderNumber".to_owned(),
            "ord_num".to_owned(),
        )])),
        push_data: None,
    };
    SupplementalDataConfiguration {
        supplemental_data_config: Some(BTreeMap::from([("orders".to_owned(), source)])),
    }
}

fn custom() -> CustomDataTypeConfiguration {
    CustomDataTypeConfiguration {
        data_source: Some("api/purchaseorders".into()),
        required_data: Some(BTreeMap::from([("id".to_owned(), "$[*].id".to_owned())])),
        key_by: Some(vec!["$[*].id".into()]),
        source_modified_date: Some(vec!["$[*].modified".into()]),
    }
}

/// Serializes any model for comparison with what arrived.
mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

/// Sync for Payroll's own operations.
fn payroll() -> Vec<(&'static str, Call)> {
    use codat_client::paging::PageParams;
    use codat_sync_payroll::SyncForPayroll;
    const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
    fn paging() -> PageParams {
        PageParams::new()
            .page(1)
            .page_size(100)
            .order_by("-modifiedDate")
    }
    vec![
        (
            "list-accounts",
            call!(c => SyncForPayroll::new(c).accounts().list(COMPANY, paging().query("type=Liability"))),
        ),
        (
            "get-account",
            call!(c => SyncForPayroll::new(c).accounts().get(COMPANY, RECORD)),
        ),
        (
            "get-create-accounts-model",
            call!(c => SyncForPayroll::new(c).accounts().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-account",
            call!(c => SyncForPayroll::new(c).accounts().create(COMPANY, CONNECTION, codat_sync_payroll::models::CreateAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true), &account())),
        ),
        (
            "list-journal-entries",
            call!(c => SyncForPayroll::new(c).journal_entries().list(COMPANY, paging())),
        ),
        (
            "get-journal-entry",
            call!(c => SyncForPayroll::new(c).journal_entries().get(COMPANY, RECORD)),
        ),
        (
            "delete-journal-entry",
            call!(c => SyncForPayroll::new(c).journal_entries().delete(COMPANY, CONNECTION, RECORD, codat_sync_payroll::models::DeleteJournalEntryParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false))),
        ),
        (
            "get-create-journalEntry-model",
            call!(c => SyncForPayroll::new(c).journal_entries().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-journal-entry",
            call!(c => SyncForPayroll::new(c).journal_entries().create(COMPANY, CONNECTION, codat_sync_payroll::models::CreateJournalEntryParams::new(), &journal_entry())),
        ),
        (
            "list-journals",
            call!(c => SyncForPayroll::new(c).journals().list(COMPANY, paging())),
        ),
        (
            "get-journal",
            call!(c => SyncForPayroll::new(c).journals().get(COMPANY, RECORD)),
        ),
        (
            "get-create-journal-model",
            call!(c => SyncForPayroll::new(c).journals().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-journal",
            call!(c => SyncForPayroll::new(c).journals().create(COMPANY, CONNECTION, codat_sync_payroll::models::CreateJournalParams::new().timeout_in_minutes(30), &journal())),
        ),
        (
            "list-tracking-categories",
            call!(c => SyncForPayroll::new(c).tracking_categories().list(COMPANY, paging())),
        ),
        (
            "get-tracking-category",
            call!(c => SyncForPayroll::new(c).tracking_categories().get(COMPANY, RECORD)),
        ),
        (
            "get-accounting-profile",
            call!(c => SyncForPayroll::new(c).company_info().get_accounting_profile(COMPANY)),
        ),
    ]
}

fn account() -> payroll::AccountPrototype {
    payroll::AccountPrototype {
        nominal_code: Some("2210".into()),
        name: Some("PAYE and NI payable".into()),
        description: Some("Tax and national insurance owed from payroll".into()),
        fully_qualified_category: Some("Liability.Current".into()),
        fully_qualified_name: Some("Liability.Current.PAYE and NI payable".into()),
        currency: Some("GBP".into()),
        r#type: Some(payroll::AccountType::Liability),
        status: Some(payroll::AccountStatus::Active),
        ..Default::default()
    }
}

fn journal_entry() -> payroll::JournalEntry {
    let line = |description: &str, amount: Decimal, account: &str| payroll::JournalLine {
        description: Some(description.into()),
        net_amount: amount,
        transaction_amount: None,
        currency: Some("GBP".into()),
        transaction_currency: None,
        account_ref: Some(payroll::AccountRef {
            id: Some(account.into()),
            name: None,
        }),
        tracking: None,
        contact_ref: None,
    };
    payroll::JournalEntry {
        description: Some("May 2024 payroll".into()),
        posted_on: Some("2024-05-31T00:00:00Z".into()),
        journal_ref: Some(payroll::JournalRef {
            id: "12".into(),
            name: None,
        }),
        journal_lines: Some(vec![
            line("Gross wages", dec!(5000), "7000"),
            line("Net pay", dec!(-3800), "2200"),
            line("PAYE and NI", dec!(-1200), "2210"),
        ]),
        ..Default::default()
    }
}

fn journal() -> payroll::JournalPrototype {
    payroll::JournalPrototype {
        journal_code: Some("PAY".into()),
        name: Some("Payroll".into()),
        status: Some(payroll::JournalStatus::Active),
        ..Default::default()
    }
}
