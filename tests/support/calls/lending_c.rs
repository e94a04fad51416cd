//! Lending (third part of its groups: sales, banking, loan writeback and accounting bank data):
//! one call of each of its own operations with valid inputs, keyed by operationId.

use std::future::Future;
use std::pin::Pin;

use codat_client::models::DateTime;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error};
use codat_lending::models::{
    AccountPrototype, AccountStatus, AccountType, AccountingBankAccount, AccountingBankAccountType,
    AccountingCreateBankTransactions, AccountingPayment, AccountingSupplier, AccountingTransfer,
    BankFeedBankAccountMapping, CreateBankAccountTransaction, CreateSourceAccountRequest,
    DirectCostPrototype, SourceAccountPrototype,
};
use codat_lending::sales::PeriodUnit;
use codat_lending::Lending;
use rust_decimal_macros::dec;
use serde_json::json;

use super::{Call, COMPANY, CONNECTION};

/// A record id as the software may give it.
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
/// The day the sales metrics and reports end on, written as Codat wants it.
const REPORT_DATE: &str = "29-09-2020";

fn paging() -> PageParams {
    PageParams::new()
        .page(1)
        .page_size(100)
        .order_by("-modifiedDate")
}

fn account() -> AccountPrototype {
    AccountPrototype {
        nominal_code: Some("2200".into()),
        name: Some("Loan from Bank of Dave".into()),
        description: Some("Term loan".into()),
        fully_qualified_category: Some("Liability.Current".into()),
        currency: Some("GBP".into()),
        r#type: Some(AccountType::Liability),
        status: Some(AccountStatus::Active),
        is_bank_account: Some(false),
        ..AccountPrototype::default()
    }
}

fn bank_account() -> AccountingBankAccount {
    AccountingBankAccount {
        account_name: Some("Loan account".into()),
        account_type: Some(AccountingBankAccountType::Credit),
        nominal_code: Some("2210".into()),
        account_number: Some("12345678".into()),
        sort_code: Some("040004".into()),
        currency: Some("GBP".into()),
        institution: Some("Bank of Dave".into()),
        ..AccountingBankAccount::default()
    }
}

/// A version 1 source account. The spec's `oneOf` takes every version 2 body for a version 1
/// body too (version 1 requires only the id), so a strict validator refuses any version 2 body
/// as matching both; an account type version 2 does not allow keeps this one to version 1.
fn source_account() -> CreateSourceAccountRequest {
    CreateSourceAccountRequest::SourceAccountPrototype(Box::new(SourceAccountPrototype {
        id: "acc-002".into(),
        account_name: Some("Business loan".into()),
        account_type: Some("Credit".into()),
        account_number: Some("12345670".into()),
        sort_code: Some("040004".into()),
        currency: Some("GBP".into()),
        balance: Some(dec!(-50000)),
        modified_date: None,
    }))
}

fn mapping() -> BankFeedBankAccountMapping {
    BankFeedBankAccountMapping {
        source_account_id: "acc-002".into(),
        target_account_id: Some("ac-001".into()),
        feed_start_date: Some(DateTime("2024-05-01T00:00:00Z".into())),
    }
}

fn supplier() -> AccountingSupplier {
    serde_json::from_value(json!({
        "supplierName": "Bank of Dave",
        "contactName": "Dave",
        "emailAddress": "loans@bankofdave.example",
        "status": "Active",
        "defaultCurrency": "GBP"
    }))
    .unwrap()
}

fn transfer() -> AccountingTransfer {
    serde_json::from_value(json!({
        "description": "Loan drawdown",
        "date": "2024-05-01T00:00:00Z",
        "from": {"accountRef": {"id": "ac-001"}, "currency": "GBP", "amount": 50000},
        "to": {"accountRef": {"id": "ac-002"}, "currency": "GBP", "amount": 50000}
    }))
    .unwrap()
}

fn bank_transactions() -> AccountingCreateBankTransactions {
    AccountingCreateBankTransactions {
        account_id: Some(RECORD.into()),
        transactions: Some(vec![CreateBankAccountTransaction {
            id: Some("txn-1".into()),
            amount: Some(dec!(-500)),
            date: Some(DateTime("2024-06-01T00:00:00Z".into())),
            description: Some("Loan repayment".into()),
            balance: Some(dec!(49500)),
        }]),
    }
}

fn direct_cost() -> DirectCostPrototype {
    DirectCostPrototype {
        reference: Some("LOAN-FEE-1".into()),
        note: None,
        contact_ref: None,
        issue_date: DateTime("2024-05-01T00:00:00Z".into()),
        currency: "GBP".into(),
        currency_rate: None,
        line_items: vec![serde_json::from_value(json!({
            "description": "Arrangement fee",
            "unitAmount": 250,
            "quantity": 1,
            "accountRef": {"id": "ac-003"}
        }))
        .unwrap()],
        payment_allocations: vec![serde_json::from_value(json!({
            "payment": {"accountRef": {"id": "ac-002"}, "currency": "GBP", "totalAmount": 250},
            "allocation": {"currency": "GBP", "allocatedOnDate": "2024-05-01T00:00:00Z", "totalAmount": 250}
        }))
        .unwrap()],
        sub_total: dec!(250),
        tax_amount: dec!(0),
        total_amount: dec!(250),
        supplemental_data: None,
    }
}

fn payment() -> AccountingPayment {
    serde_json::from_value(json!({
        "customerRef": {"id": "cust-1"},
        "accountRef": {"id": "ac-002"},
        "totalAmount": 1000,
        "currency": "GBP",
        "date": "2024-05-01T00:00:00Z",
        "lines": [{"amount": 1000, "links": [{"type": "Invoice", "id": "inv-1", "amount": -1000}]}]
    }))
    .unwrap()
}

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "get-categorized-bank-statement",
            call!(c => Lending::new(c).banking().categorized_statement().get(COMPANY, codat_lending::models::GetCategorizedBankStatementParams::new().page(1).page_size(100).query("amount>0"))),
        ),
        (
            "get-commerce-revenue-metrics",
            call!(c => Lending::new(c).sales().metrics().get_revenue(COMPANY, CONNECTION, REPORT_DATE, 1, 12, &PeriodUnit::Month, codat_lending::models::GetCommerceRevenueMetricsParams::new().include_display_names(true))),
        ),
        (
            "get-commerce-orders-report",
            call!(c => Lending::new(c).sales().reports().get_orders(COMPANY, CONNECTION, REPORT_DATE, 1, 6, &PeriodUnit::Week, codat_lending::models::GetCommerceOrdersReportParams::new())),
        ),
        (
            "get-commerce-refunds-report",
            call!(c => Lending::new(c).sales().reports().get_refunds(COMPANY, CONNECTION, REPORT_DATE, 1, 12, &PeriodUnit::Month, codat_lending::models::GetCommerceRefundsReportParams::new().include_display_names(false))),
        ),
        (
            "get-commerce-customer-retention-metrics",
            call!(c => Lending::new(c).sales().metrics().get_customer_retention(COMPANY, CONNECTION, REPORT_DATE, 3, 4, &PeriodUnit::Month, codat_lending::models::GetCommerceCustomerRetentionMetricsParams::new().include_display_names(true))),
        ),
        (
            "get-commerce-lifetime-value-metrics",
            call!(c => Lending::new(c).sales().metrics().get_lifetime_value(COMPANY, CONNECTION, REPORT_DATE, 1, 2, &PeriodUnit::Year, codat_lending::models::GetCommerceLifetimeValueMetricsParams::new())),
        ),
        (
            "list-accounting-bank-accounts",
            call!(c => Lending::new(c).accounting_bank_data().accounts().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-accounting-bank-account",
            call!(c => Lending::new(c).accounting_bank_data().accounts().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-accounting-bank-account-transactions",
            call!(c => Lending::new(c).accounting_bank_data().list_transactions(COMPANY, CONNECTION, RECORD, paging())),
        ),
        (
            "list-banking-account-balances",
            call!(c => Lending::new(c).banking().account_balances().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "list-banking-accounts",
            call!(c => Lending::new(c).banking().accounts().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-banking-account",
            call!(c => Lending::new(c).banking().accounts().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-banking-transactions",
            call!(c => Lending::new(c).banking().transactions().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-banking-transaction",
            call!(c => Lending::new(c).banking().transactions().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-banking-transaction-categories",
            call!(c => Lending::new(c).banking().transaction_categories().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-banking-transaction-category",
            call!(c => Lending::new(c).banking().transaction_categories().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-customers",
            call!(c => Lending::new(c).sales().customers().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-customer",
            call!(c => Lending::new(c).sales().customers().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-disputes",
            call!(c => Lending::new(c).sales().disputes().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-dispute",
            call!(c => Lending::new(c).sales().disputes().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-locations",
            call!(c => Lending::new(c).sales().locations().list(COMPANY, CONNECTION)),
        ),
        (
            "get-commerce-location",
            call!(c => Lending::new(c).sales().locations().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-orders",
            call!(c => Lending::new(c).sales().orders().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-order",
            call!(c => Lending::new(c).sales().orders().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-payment-methods",
            call!(c => Lending::new(c).sales().payment_methods().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-payment-method",
            call!(c => Lending::new(c).sales().payment_methods().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-payments",
            call!(c => Lending::new(c).sales().payments().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-payment",
            call!(c => Lending::new(c).sales().payments().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-product-categories",
            call!(c => Lending::new(c).sales().product_categories().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-product-category",
            call!(c => Lending::new(c).sales().product_categories().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-products",
            call!(c => Lending::new(c).sales().products().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-product",
            call!(c => Lending::new(c).sales().products().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-commerce-transactions",
            call!(c => Lending::new(c).sales().transactions().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-commerce-transaction",
            call!(c => Lending::new(c).sales().transactions().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-create-update-bankAccounts-model",
            call!(c => Lending::new(c).loan_writeback().bank_accounts().get_create_update_model(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-account",
            call!(c => Lending::new(c).loan_writeback().bank_accounts().create(COMPANY, CONNECTION, codat_lending::models::CreateBankAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true), &bank_account())),
        ),
        (
            "get-create-chartOfAccounts-model",
            call!(c => Lending::new(c).loan_writeback().accounts().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-account",
            call!(c => Lending::new(c).loan_writeback().accounts().create(COMPANY, CONNECTION, codat_lending::models::CreateAccountParams::new().timeout_in_minutes(30), &account())),
        ),
        (
            "create-source-account",
            call!(c => Lending::new(c).loan_writeback().source_accounts().create(COMPANY, CONNECTION, &source_account())),
        ),
        (
            "get-bank-account-mapping",
            call!(c => Lending::new(c).loan_writeback().source_accounts().list_mappings(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-account-mapping",
            call!(c => Lending::new(c).loan_writeback().source_accounts().create_mapping(COMPANY, CONNECTION, &mapping())),
        ),
        (
            "get-create-update-suppliers-model",
            call!(c => Lending::new(c).loan_writeback().suppliers().get_create_update_model(COMPANY, CONNECTION)),
        ),
        (
            "create-supplier",
            call!(c => Lending::new(c).loan_writeback().suppliers().create(COMPANY, CONNECTION, codat_lending::models::CreateSupplierParams::new().allow_sync_on_push_complete(false), &supplier())),
        ),
        (
            "get-create-transfers-model",
            call!(c => Lending::new(c).loan_writeback().transfers().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-transfer",
            call!(c => Lending::new(c).loan_writeback().transfers().create(COMPANY, CONNECTION, codat_lending::models::CreateTransferParams::new().timeout_in_minutes(60), &transfer())),
        ),
        (
            "get-create-bank-transactions-model",
            call!(c => Lending::new(c).loan_writeback().bank_transactions().get_create_model(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "create-bank-transactions",
            call!(c => Lending::new(c).loan_writeback().bank_transactions().create(COMPANY, CONNECTION, RECORD, codat_lending::models::CreateBankTransactionsParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true), &bank_transactions())),
        ),
        (
            "get-create-directCosts-model",
            call!(c => Lending::new(c).loan_writeback().direct_costs().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-direct-cost",
            call!(c => Lending::new(c).loan_writeback().direct_costs().create(COMPANY, CONNECTION, codat_lending::models::CreateDirectCostParams::new().timeout_in_minutes(30), &direct_cost())),
        ),
        (
            "get-create-payment-model",
            call!(c => Lending::new(c).loan_writeback().payments().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-payment",
            call!(c => Lending::new(c).loan_writeback().payments().create(COMPANY, CONNECTION, codat_lending::models::CreatePaymentParams::new(), &payment())),
        ),
    ]
}
