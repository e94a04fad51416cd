//! Sales, banking, loan writeback and accounting bank data: their rows of the tables, then what
//! only they have: period reports whose spec examples are arrays where one report is due, the
//! period units and the optional flag, a source account of either version, the categorized
//! statement's stream over report items, enum values Codat adds later.

use codat_client::models::DateTime;
use codat_client::paging::PageOptions;
use codat_client::Error;
use codat_lending::models::{
    AccountPrototype, AccountStatus, AccountType, AccountingBankAccount, AccountingBankAccountType,
    AccountingCreateBankTransactions, BankFeedBankAccountMapping, CreateAccountParams,
    CreateBankAccountParams, CreateBankAccountTransaction, CreateBankTransactionsParams,
    CreateDirectCostParams, CreatePaymentParams, CreateSourceAccountRequest,
    CreateSourceAccountResponse, CreateSupplierParams, CreateTransferParams, DirectCostPrototype,
    GetCategorizedBankStatementParams, GetCommerceCustomerRetentionMetricsParams,
    GetCommerceLifetimeValueMetricsParams, GetCommerceOrdersReportParams,
    GetCommerceRefundsReportParams, GetCommerceRevenueMetricsParams, PaymentStatus, RoutingInfo,
    RoutingInfoType, SourceAccountPrototype, SourceAccountV2AccountType, SourceAccountV2Prototype,
    TransactionCategoryStatus,
};
use codat_lending::sales::PeriodUnit;
use codat_lending::Lending;
use codat_product_tests::{answering, call, ids, json_body, list, normalized, pages_asked};
use codat_product_tests::{paging, push_fixture, push_option_fixture, within, COMPANY};
use futures_util::{StreamExt, TryStreamExt};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{List, Op, CONNECTION, LENDING};

const PUSH_QUERY: &str = "timeoutInMinutes=30&allowSyncOnPushComplete=false";
const PERIOD_QUERY: &str =
    "reportDate=29-09-2020&periodLength=1&numberOfPeriods=12&periodUnit=Month&includeDisplayNames=true";
const CONN: &str = "/companies/{companyId}/connections/{connectionId}";

fn report_fixture() -> Value {
    json!({
        "reportInfo": {"name": "revenue", "displayName": "Revenue"},
        "dimensions": [{"index": 0, "displayName": "Period", "type": "datespan", "items": [{"index": 0}]}],
        "measures": [{"displayName": "Value", "units": "GBP", "index": 0, "type": "currency"}],
        "reportData": [{"dimension": 0, "item": 0, "measures": [{"index": 0, "value": 12.5}]}]
    })
}

/// The spec's examples of a period report are arrays of one report where its schema is one
/// report object: the array is refused as what it is, and the report in it decodes.
fn one_report(example: &Value) -> Option<Value> {
    let items = example.as_array()?;
    assert_eq!(items.len(), 1, "{example}");
    Some(items[0].clone())
}

/// A period report at `path`: the period sent, the spec's examples corrected.
fn period(path: &'static str, call: codat_product_tests::Call<Lending>) -> Op {
    let op = Op::get(path, call).query(PERIOD_QUERY).erratum(one_report);
    op.fixture(report_fixture())
}

fn banking_account() -> Value {
    json!({
        "id": "acc-1", "name": "Current", "type": "Debit", "currency": "GBP",
        "balance": {"available": 10.5, "current": 11.0},
        "identifiers": {"type": "Account", "number": "12345678"},
        "institution": {"id": "dave", "name": "Bank of Dave"}
    })
}

fn direct_cost() -> DirectCostPrototype {
    DirectCostPrototype {
        reference: Some("LOAN-FEE-1".into()),
        note: None,
        contact_ref: None,
        issue_date: DateTime("2023-02-12".into()),
        currency: "GBP".into(),
        currency_rate: None,
        line_items: vec![serde_json::from_value(json!({
            "unitAmount": 15, "quantity": 1, "subTotal": 15, "accountRef": {"id": "288"}
        }))
        .unwrap()],
        payment_allocations: vec![serde_json::from_value(json!({
            "payment": {"accountRef": {"id": "750-1"}}, "allocation": {}
        }))
        .unwrap()],
        sub_total: dec!(15),
        tax_amount: dec!(0),
        total_amount: dec!(15),
        supplemental_data: None,
    }
}

/// The spec's request example `name` of `verb path`, or `fallback` without the spec.
fn request_example(verb: &str, path: &str, name: &str, fallback: Value) -> Value {
    let found = LENDING.request_examples(verb, path, &fallback);
    let found = found.into_iter().find(|(n, _)| n == name || n == "fixture");
    found
        .unwrap_or_else(|| panic!("{verb} {path}: no request `{name}`"))
        .1
}

fn v2_source_account() -> CreateSourceAccountRequest {
    CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(SourceAccountV2Prototype {
        id: "acc-001".into(),
        account_name: "account-081".into(),
        account_type: SourceAccountV2AccountType::Checking,
        account_number: "12345670".into(),
        routing_info: Some(RoutingInfo {
            bank_code: Some("021001088".into()),
            r#type: Some(RoutingInfoType::from("bankcode")),
        }),
        sort_code: None,
        currency: "GBP".into(),
        balance: dec!(99.99),
        modified_date: Some(DateTime("2024-08-02T00:00:00.000Z".into())),
        account_info: Some(
            serde_json::from_value(json!({
                "description": "account description 1", "nickname": "account 123",
                "accountOpenDate": "2023-05-06", "availableBalance": 10
            }))
            .unwrap(),
        ),
    }))
}

pub(crate) fn ops() -> Vec<Op> {
    let named = |id: &str| json!({"id": id, "name": "n"});
    let priced = |id: &str| json!({"id": id, "currency": "GBP"});
    let mut direct_cost_sent = request_example(
        "POST",
        "/companies/{companyId}/connections/{connectionId}/push/directCosts",
        "FreeAgent",
        json!({
            "issueDate": "2023-02-12", "currency": "GBP",
            "lineItems": [{"unitAmount": 15, "quantity": 1, "subTotal": 15, "accountRef": {"id": "288"}}],
            "paymentAllocations": [{"payment": {"accountRef": {"id": "750-1"}}, "allocation": {}}],
            "subTotal": 15, "taxAmount": 0, "totalAmount": 15
        }),
    );
    // The prototype as the spec's FreeAgent request example writes it, plus the reference.
    direct_cost_sent["reference"] = json!("LOAN-FEE-1");
    let v2_sent = request_example(
        "POST",
        "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts",
        "Version 2",
        serde_json::to_value(v2_source_account()).unwrap(),
    );
    let mapping_sent = request_example(
        "POST",
        "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
        "Example",
        json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081"}),
    );
    vec![
        // ---- sales
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-customers",
            call!(|p, a| p.sales().customers().list(&a[0], &a[1], paging())),
            json!({"id": "cus-1", "customerName": "Ada"}),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-customers/{customerId}",
            call!(|p, a| p.sales().customers().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "cus-1", "emailAddress": "ada@example.com"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-disputes",
            call!(|p, a| p.sales().disputes().list(&a[0], &a[1], paging())),
            priced("dis-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-disputes/{disputeId}",
            call!(|p, a| p.sales().disputes().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "dis-1", "currency": "GBP", "reason": "fraudulent"})),
        // Locations take no paging.
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-locations",
            call!(|p, a| p.sales().locations().list(&a[0], &a[1])),
        )
        .fixture(codat_product_tests::page_fixture(json!([named("loc-1")]))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-locations/{locationId}",
            call!(|p, a| p.sales().locations().get(&a[0], &a[1], &a[2])),
        )
        .fixture(named("loc-1")),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-orders",
            call!(|p, a| p.sales().orders().list(&a[0], &a[1], paging())),
            json!({"id": "ord-1", "orderNumber": "1001"}),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-orders/{orderId}",
            call!(|p, a| p.sales().orders().get(&a[0], &a[1], &a[2])),
        )
        .fixture(priced("ord-1")),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-paymentMethods",
            call!(|p, a| p.sales().payment_methods().list(&a[0], &a[1], paging())),
            named("pm-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-paymentMethods/{paymentMethodId}",
            call!(|p, a| p.sales().payment_methods().get(&a[0], &a[1], &a[2])),
        )
        .fixture(named("pm-1")),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-payments",
            call!(|p, a| p.sales().payments().list(&a[0], &a[1], paging())),
            priced("pay-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-payments/{paymentId}",
            call!(|p, a| p.sales().payments().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "pay-1", "paymentProvider": "Stripe"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-productCategories",
            call!(|p, a| p.sales().product_categories().list(&a[0], &a[1], paging())),
            named("cat-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-productCategories/{productId}",
            call!(|p, a| p.sales().product_categories().get(&a[0], &a[1], &a[2])),
        )
        .fixture(named("cat-1")),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-products",
            call!(|p, a| p.sales().products().list(&a[0], &a[1], paging())),
            named("prd-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-products/{productId}",
            call!(|p, a| p.sales().products().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "prd-1", "description": "A boot"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-transactions",
            call!(|p, a| p.sales().transactions().list(&a[0], &a[1], paging())),
            priced("txn-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-transactions/{transactionId}",
            call!(|p, a| p.sales().transactions().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "txn-1", "subType": "Sale"})),
        period(
            "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/revenue",
            call!(|p, a| {
                let names = GetCommerceRevenueMetricsParams::new().include_display_names(true);
                p.sales().metrics().get_revenue(&a[0], &a[1], "29-09-2020", 1, 12, &PeriodUnit::Month, names)
            }),
        ),
        period(
            "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/customerRetention",
            call!(|p, a| {
                let names = GetCommerceCustomerRetentionMetricsParams::new().include_display_names(true);
                p.sales().metrics().get_customer_retention(&a[0], &a[1], "29-09-2020", 1, 12, &PeriodUnit::Month, names)
            }),
        ),
        period(
            "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/lifetimeValue",
            call!(|p, a| {
                let names = GetCommerceLifetimeValueMetricsParams::new().include_display_names(true);
                p.sales().metrics().get_lifetime_value(&a[0], &a[1], "29-09-2020", 1, 12, &PeriodUnit::Month, names)
            }),
        ),
        period(
            "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/orders",
            call!(|p, a| {
                let names = GetCommerceOrdersReportParams::new().include_display_names(true);
                p.sales().reports().get_orders(&a[0], &a[1], "29-09-2020", 1, 12, &PeriodUnit::Month, names)
            }),
        ),
        period(
            "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/refunds",
            call!(|p, a| {
                let names = GetCommerceRefundsReportParams::new().include_display_names(true);
                p.sales().reports().get_refunds(&a[0], &a[1], "29-09-2020", 1, 12, &PeriodUnit::Month, names)
            }),
        ),
        // ---- banking
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/banking-accountBalances",
            call!(|p, a| p.banking().account_balances().list(&a[0], &a[1], paging())),
            json!({"accountId": "acc-1", "balance": {"current": 11.0}, "date": "2024-05-01T00:00:00Z"}),
        ),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/banking-accounts",
            call!(|p, a| p.banking().accounts().list(&a[0], &a[1], paging())),
            banking_account(),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/banking-accounts/{accountId}",
            call!(|p, a| p.banking().accounts().get(&a[0], &a[1], &a[2])),
        )
        .fixture(banking_account()),
        Op::get(
            "/companies/{companyId}/reports/enhancedCashFlow/transactions",
            call!(|p, a| {
                let params = GetCategorizedBankStatementParams::new().page(2).page_size(10).query("amount<0");
                p.banking().categorized_statement().get(&a[0], params)
            }),
        )
        .query("page=2&pageSize=10&query=amount%3C0")
        .fixture(json!({
            "reportInfo": {"pageNumber": 1, "pageSize": 10, "totalResults": 1},
            "dataSources": [{"accounts": [{"accountName": "Current", "currency": "GBP"}]}],
            "reportItems": [{"transactions": [{"id": "cf-1", "amount": -12.5, "currency": "GBP"}]}]
        })),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactionCategories",
            call!(|p, a| p.banking().transaction_categories().list(&a[0], &a[1], paging())),
            json!({"id": "tc-1", "name": "Bills", "parentId": "tc-0"}),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactionCategories/{transactionCategoryId}",
            call!(|p, a| p.banking().transaction_categories().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "tc-1", "name": "Bills"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactions",
            call!(|p, a| p.banking().transactions().list(&a[0], &a[1], paging())),
            json!({"id": "bt-1", "accountId": "acc-1", "currency": "GBP"}),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactions/{transactionId}",
            call!(|p, a| p.banking().transactions().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "bt-1", "accountId": "acc-1", "currency": "GBP", "description": "Rent"})),
        // ---- accounting bank data
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
            call!(|p, a| p.accounting_bank_data().accounts().list(&a[0], &a[1], paging())),
            json!({"id": "acc-1", "accountName": "Loan account"}),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}",
            call!(|p, a| p.accounting_bank_data().accounts().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "acc-1", "currency": "GBP"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions",
            call!(|p, a| p.accounting_bank_data().list_transactions(&a[0], &a[1], &a[2], paging())),
            json!({"id": "t-1", "accountId": "acc-1", "amount": -5.5}),
        ),
        // ---- loan writeback
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts",
            call!(|p, a| p.loan_writeback().accounts().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/accounts",
            call!(|p, a| async {
                let account = AccountPrototype {
                    nominal_code: Some("2200".into()),
                    name: Some("Loan from Bank of Dave".into()),
                    fully_qualified_category: Some("Liability.Current".into()),
                    currency: Some("GBP".into()),
                    r#type: Some(AccountType::Liability),
                    status: Some(AccountStatus::Active),
                    is_bank_account: Some(false),
                    ..AccountPrototype::default()
                };
                let options = CreateAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.loan_writeback().accounts().create(&a[0], &a[1], options, &account).await
            }),
        )
        .query(PUSH_QUERY)
        .sends(json!({
            "nominalCode": "2200", "name": "Loan from Bank of Dave",
            "fullyQualifiedCategory": "Liability.Current", "currency": "GBP", "type": "Liability",
            "status": "Active", "isBankAccount": false
        }))
        .fixture(push_fixture(json!({"id": "acc-9", "name": "Loan from Bank of Dave"}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/bankAccounts",
            call!(|p, a| p.loan_writeback().bank_accounts().get_create_update_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/bankAccounts",
            call!(|p, a| async {
                let account = AccountingBankAccount {
                    account_name: Some("Loan account".into()),
                    account_type: Some(AccountingBankAccountType::Credit),
                    sort_code: Some("040004".into()),
                    account_number: Some("12345678".into()),
                    currency: Some("GBP".into()),
                    ..AccountingBankAccount::default()
                };
                let none = CreateBankAccountParams::new();
                p.loan_writeback().bank_accounts().create(&a[0], &a[1], none, &account).await
            }),
        )
        .sends(json!({"accountName": "Loan account", "accountType": "Credit", "sortCode": "040004",
                      "accountNumber": "12345678", "currency": "GBP"}))
        .fixture(push_fixture(json!({"id": "ba-9", "accountType": "Credit"}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions",
            call!(|p, a| p.loan_writeback().bank_transactions().get_create_model(&a[0], &a[1], &a[2])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions",
            call!(|p, a| async {
                let transactions = AccountingCreateBankTransactions {
                    account_id: Some("acc-1".into()),
                    transactions: Some(vec![CreateBankAccountTransaction {
                        id: Some("t-1".into()),
                        amount: Some(dec!(-500)),
                        date: Some(DateTime("2024-06-01T00:00:00Z".into())),
                        description: Some("Loan repayment".into()),
                        balance: Some(dec!(49500)),
                    }]),
                };
                let options = CreateBankTransactionsParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                let writeback = p.loan_writeback();
                writeback.bank_transactions().create(&a[0], &a[1], &a[2], options, &transactions).await
            }),
        )
        .query(PUSH_QUERY)
        .sends(json!({"accountId": "acc-1", "transactions": [{
            "id": "t-1", "amount": -500, "date": "2024-06-01T00:00:00Z",
            "description": "Loan repayment", "balance": 49500
        }]}))
        .fixture(push_fixture(json!({"accountId": "acc-1", "transactions": [{"id": "t-1", "amount": -500}]}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/directCosts",
            call!(|p, a| p.loan_writeback().direct_costs().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/directCosts",
            call!(|p, a| async {
                let options = CreateDirectCostParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(false);
                p.loan_writeback().direct_costs().create(&a[0], &a[1], options, &direct_cost()).await
            }),
        )
        .query(PUSH_QUERY)
        .sends(direct_cost_sent)
        .fixture(push_fixture(json!({"id": "dc-1", "issueDate": "2023-02-12", "currency": "GBP",
            "lineItems": [], "paymentAllocations": [], "subTotal": 15, "taxAmount": 0, "totalAmount": 15}))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/payments",
            call!(|p, a| p.loan_writeback().payments().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/payments",
            call!(|p, a| async {
                let options = CreatePaymentParams::new().timeout_in_minutes(5).allow_sync_on_push_complete(true);
                p.loan_writeback().payments().create(&a[0], &a[1], options, &a.body()).await
            }),
        )
        .query("timeoutInMinutes=5&allowSyncOnPushComplete=true")
        .sends_examples(json!({"date": "2022-03-12T00:00:00", "totalAmount": 0}))
        .fixture(push_fixture(json!({"date": "2022-03-12T00:00:00", "totalAmount": 0,
                                      "customerRef": {"id": "19"}}))),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/connectionInfo/bankFeedAccounts",
            call!(|p, a| p.loan_writeback().source_accounts().create(&a[0], &a[1], &v2_source_account())),
        )
        .sends(v2_sent)
        .fixture(json!({"id": "acc-001", "accountName": "account-081", "accountType": "checking",
                        "accountNumber": "12345670", "currency": "GBP", "balance": 99.99,
                        "status": "pending", "feedStartDate": null})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
            call!(|p, a| p.loan_writeback().source_accounts().list_mappings(&a[0], &a[1])),
        )
        .fixture(json!([{"sourceAccountId": "acc-002", "status": "pending",
                         "targetAccountOptions": [{"id": "t-1", "name": "Loan"}]}])),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankFeedAccounts/mapping",
            call!(|p, a| async {
                let mapping = BankFeedBankAccountMapping {
                    source_account_id: "acc-002".into(),
                    target_account_id: Some("account-081".into()),
                    feed_start_date: None,
                };
                p.loan_writeback().source_accounts().create_mapping(&a[0], &a[1], &mapping).await
            }),
        )
        .sends(mapping_sent)
        .fixture(json!({"sourceAccountId": "acc-002", "targetAccountId": "account-081",
                        "status": "connecting", "error": null})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/suppliers",
            call!(|p, a| p.loan_writeback().suppliers().get_create_update_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/suppliers",
            call!(|p, a| async {
                let options = CreateSupplierParams::new().timeout_in_minutes(5);
                p.loan_writeback().suppliers().create(&a[0], &a[1], options, &a.body()).await
            }),
        )
        .query("timeoutInMinutes=5")
        .sends_examples(json!({"supplierName": "Bank of Dave", "status": "Active"}))
        .fixture(push_fixture(json!(null))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/transfers",
            call!(|p, a| p.loan_writeback().transfers().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/transfers",
            call!(|p, a| async {
                let options = CreateTransferParams::new().timeout_in_minutes(5);
                p.loan_writeback().transfers().create(&a[0], &a[1], options, &a.body()).await
            }),
        )
        .query("timeoutInMinutes=5")
        .sends_examples(json!({"description": "Drawdown", "from": {"amount": 12}, "to": {"amount": 12}}))
        .fixture(push_fixture(json!(null))),
    ]
}

/// What the banking items require besides the id.
fn banking_item(i: usize) -> Value {
    json!({"id": format!("item-{i}"), "accountId": "acc-1", "currency": "GBP", "name": "n"})
}

pub(crate) fn lists() -> Vec<List> {
    vec![
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-customers",
            list!(|p, o| p.sales().customers().list_all(COMPANY, CONNECTION, o.options()), |c| c.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-orders",
            list!(|p, o| p.sales().orders().list_all(COMPANY, CONNECTION, o.options()), |c| c.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/commerce-productCategories",
            list!(|p, o| p.sales().product_categories().list_all(COMPANY, CONNECTION, o.options()), |c| c.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactions",
            list!(|p, o| p.banking().transactions().list_all(COMPANY, CONNECTION, o.options()), |t| t.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/banking-transactionCategories",
            list!(|p, o| p.banking().transaction_categories().list_all(COMPANY, CONNECTION, o.options()), |c| c.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts",
            list!(|p, o| p.accounting_bank_data().accounts().list_all(COMPANY, CONNECTION, o.options()), |a| a.id),
        )
        .item(banking_item),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions",
            list!(|p, o| p.accounting_bank_data().list_all_transactions(COMPANY, CONNECTION, "acc-1", o.options()), |t| t.id),
        )
        .item(banking_item),
    ]
}

// ---- what the tables do not say -------------------------------------------------------------

/// Period report `which` (the last segment of its path) for `unit`, with the optional flag.
async fn period_report(lending: &Lending, which: &str, unit: &PeriodUnit, names: Option<bool>) {
    let (metrics, reports) = (lending.sales().metrics(), lending.sales().reports());
    let (c, k, date) = (COMPANY, CONNECTION, "29-09-2020");
    macro_rules! with {
        ($params:ty) => {{
            let mut params = <$params>::new();
            params.include_display_names = names;
            params
        }};
    }
    let report = match which {
        "revenue" => {
            metrics
                .get_revenue(
                    c,
                    k,
                    date,
                    1,
                    12,
                    unit,
                    with!(GetCommerceRevenueMetricsParams),
                )
                .await
        }
        "orders" => {
            reports
                .get_orders(
                    c,
                    k,
                    date,
                    1,
                    12,
                    unit,
                    with!(GetCommerceOrdersReportParams),
                )
                .await
        }
        "refunds" => {
            reports
                .get_refunds(
                    c,
                    k,
                    date,
                    1,
                    12,
                    unit,
                    with!(GetCommerceRefundsReportParams),
                )
                .await
        }
        "customerRetention" => {
            let params = with!(GetCommerceCustomerRetentionMetricsParams);
            metrics
                .get_customer_retention(c, k, date, 1, 12, unit, params)
                .await
        }
        _ => {
            let params = with!(GetCommerceLifetimeValueMetricsParams);
            metrics
                .get_lifetime_value(c, k, date, 1, 12, unit, params)
                .await
        }
    };
    report.unwrap();
}

#[tokio::test]
async fn period_units_are_sent_by_their_wire_names_and_the_optional_flag_only_when_given() {
    let units = [
        (PeriodUnit::Day, "Day"),
        (PeriodUnit::Week, "Week"),
        (PeriodUnit::Month, "Month"),
        (PeriodUnit::Year, "Year"),
        // A unit Codat may add later goes out as given.
        (PeriodUnit::from("Quarter"), "Quarter"),
    ];
    assert_eq!(
        PeriodUnit::from("Quarter"),
        PeriodUnit::Unrecognized("Quarter".into())
    );
    let base = "reportDate=29-09-2020&periodLength=1&numberOfPeriods=12&periodUnit=";
    for which in [
        "revenue",
        "orders",
        "refunds",
        "customerRetention",
        "lifetimeValue",
    ] {
        for (unit, wire) in &units {
            for (names, flag) in [(Some(false), "&includeDisplayNames=false"), (None, "")] {
                let server =
                    answering(ResponseTemplate::new(200).set_body_json(report_fixture())).await;
                period_report(&LENDING.client(&server), which, unit, names).await;
                let sent = LENDING.only_request(&server).await;
                assert_eq!(
                    sent.url.query(),
                    Some(&*format!("{base}{wire}{flag}")),
                    "{which}"
                );
                let path = format!("/data/companies/{COMPANY}/connections/{CONNECTION}/assess/commerceMetrics/{which}");
                assert_eq!(sent.url.path(), path);
            }
        }
    }
    let path =
        "/data/companies/{companyId}/connections/{connectionId}/assess/commerceMetrics/revenue";
    let Some(op) = LENDING.operation(path, "get") else {
        return;
    };
    let spec = LENDING.spec().unwrap();
    let unit = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| codat_product_tests::resolve(spec, p))
        .find(|p| p["name"] == "periodUnit")
        .unwrap();
    assert_eq!(unit["required"], true);
    assert_eq!(
        unit["schema"]["enum"],
        json!(["Day", "Week", "Month", "Year"])
    );
    // Locations take no paging at all.
    let locations = LENDING
        .operation(&format!("{CONN}/data/commerce-locations"), "get")
        .unwrap();
    assert!(locations.get("parameters").is_none(), "{locations}");
}

#[tokio::test]
async fn the_categorized_statement_sends_nothing_when_given_nothing() {
    let (lending, server) = LENDING
        .answered(ResponseTemplate::new(200).set_body_json(json!({})))
        .await;
    let params = GetCategorizedBankStatementParams::new();
    lending
        .banking()
        .categorized_statement()
        .get(COMPANY, params)
        .await
        .unwrap();
    assert_eq!(LENDING.only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn a_source_account_of_version_1_is_sent_as_such_and_its_answer_read_as_such() {
    let v1 = CreateSourceAccountRequest::SourceAccountPrototype(Box::new(SourceAccountPrototype {
        id: "acc-002".into(),
        account_name: Some("account-081".into()),
        account_type: Some("Credit".into()),
        account_number: Some("12345670".into()),
        sort_code: Some("123456".into()),
        currency: Some("GBP".into()),
        balance: Some(dec!(99.99)),
        modified_date: Some(DateTime("2023-01-09T14:14:14.1057478Z".into())),
    }));
    let path = format!("{CONN}/connectionInfo/bankFeedAccounts");
    let v1_json = request_example(
        "POST",
        &path,
        "Version 1",
        serde_json::to_value(&v1).unwrap(),
    );
    // Only the id is required; the answer has none of version 2's required fields.
    let answer = json!({"id": "acc-002", "accountName": "account-081", "sortCode": "123456",
        "accountType": "Credit", "status": "pending"});
    let (lending, server) = LENDING.served("POST", &path, 200, &answer).await;
    let accounts = lending.loan_writeback().source_accounts();
    let created = accounts.create(COMPANY, CONNECTION, &v1);
    let CreateSourceAccountResponse::SourceAccount(account) = created.await.unwrap() else {
        panic!("version 1");
    };
    assert_eq!(
        (account.id.as_str(), account.sort_code.as_deref()),
        ("acc-002", Some("123456"))
    );
    let sent = json_body(&LENDING.only_request(&server).await);
    assert_eq!(normalized(&sent), normalized(&v1_json));
}

#[tokio::test]
async fn unknown_enum_values_are_kept_and_an_empty_answer_is_no_list() {
    let answer = |body: Value| answering(ResponseTemplate::new(200).set_body_json(body));
    let server = answer(json!({"id": "tc-1", "name": "Bills", "status": "Frozen"})).await;
    let lending = LENDING.client(&server);
    let got = lending
        .banking()
        .transaction_categories()
        .get(COMPANY, CONNECTION, "tc-1")
        .await;
    let frozen = Some(TransactionCategoryStatus::Unrecognized("Frozen".into()));
    assert_eq!(got.unwrap().status, frozen);

    let server = answer(json!({"id": "pay-1", "status": "Escrowed"})).await;
    let lending = LENDING.client(&server);
    let got = lending
        .sales()
        .payments()
        .get(COMPANY, CONNECTION, "pay-1")
        .await;
    assert_eq!(
        got.unwrap().status,
        Some(PaymentStatus::Unrecognized("Escrowed".into()))
    );

    // A 200 with no body at all, where a list is due.
    let template = ResponseTemplate::new(200).set_body_raw("", "application/json");
    let (lending, _server) = LENDING.answered(template).await;
    let err = lending
        .loan_writeback()
        .source_accounts()
        .list_mappings(COMPANY, CONNECTION)
        .await;
    assert!(matches!(err, Err(Error::Decode { .. })), "{err:?}");
}

/// Serves a categorized statement of `total` transactions, `size` a page, split over two
/// report items per page; the pages in `failing` answer 503.
async fn statement_server(total: usize, failing: &'static [usize]) -> MockServer {
    let server = MockServer::builder().start().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/companies/{COMPANY}/reports/enhancedCashFlow/transactions"
        )))
        .respond_with(move |request: &Request| {
            let number = |name| codat_product_tests::number_param(request, name);
            let (page, size) = (number("page").unwrap(), number("pageSize").unwrap_or(100));
            if failing.contains(&page) {
                return ResponseTemplate::new(503).set_body_json(json!({
                    "statusCode": 503, "service": "PublicApi", "error": "busy",
                    "correlationId": format!("statement-{page}")
                }));
            }
            let start = (page - 1) * size;
            let transactions: Vec<Value> = (start..(start + size).min(total))
                .map(|i| json!({"id": format!("item-{i}"), "amount": i}))
                .collect();
            let (first, second) = transactions.split_at(transactions.len() / 2);
            ResponseTemplate::new(200).set_body_json(json!({
                "reportInfo": {"pageNumber": page, "pageSize": size, "totalResults": total},
                "dataSources": [],
                "reportItems": [{"transactions": first}, {"transactions": second}]
            }))
        })
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_statement_stream_reads_every_transaction_of_every_report_item() {
    let server = statement_server(11, &[]).await;
    let lending = LENDING.client(&server);
    let options = PageOptions::new()
        .page_size(4)
        .query("amount>0")
        .order_by("-date");
    let all = lending
        .banking()
        .categorized_statement()
        .list_all(COMPANY, options);
    let got: Vec<String> = within(all.map_ok(|t| t.id.unwrap()).try_collect())
        .await
        .unwrap();
    assert_eq!(got, ids(0..11));
    // The report takes no order: the order of the options is not sent.
    let asked = codat_product_tests::requests(&server).await;
    let queries: Vec<_> = asked
        .iter()
        .map(|r| r.url.query().unwrap().to_owned())
        .collect();
    let expected: Vec<_> = (1..=3)
        .map(|p| format!("page={p}&pageSize=4&query=amount%3E0"))
        .collect();
    assert_eq!(queries, expected);

    // The first error ends it, and is yielded.
    let server = statement_server(11, &[2]).await;
    let lending = LENDING.client(&server);
    let options = PageOptions::new().page_size(4);
    let all = lending
        .banking()
        .categorized_statement()
        .list_all(COMPANY, options);
    let got: Vec<Result<String, Error>> = within(all.map_ok(|t| t.id.unwrap()).collect()).await;
    assert_eq!(got.len(), 5, "{got:?}");
    let err = got[4].as_ref().unwrap_err();
    assert_eq!(
        (err.status(), err.correlation_id()),
        (Some(503), Some("statement-2"))
    );
    assert_eq!(pages_asked(&server).await, [1, 2]);
}
