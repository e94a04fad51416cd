//! Sync for Expenses: one call of each of its own operations with valid inputs, keyed by operationId.

use std::{future::Future, pin::Pin};

use codat_client::models::Decimal;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error, Upload};
use codat_sync_expenses::models as expenses;
use codat_sync_expenses::SyncForExpenses;
use rust_decimal_macros::dec;

use super::{Call, COMPANY, CONNECTION};

const SYNC: &str = "6fb40d5e-b13e-11ed-afa1-0242ac120002";
const TRANSACTION: &str = "336694d8-2dca-4cb5-a28d-3ccb83e55eee";
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "create-partner-expense-connection",
            call!(c => SyncForExpenses::new(c).connections().create_partner_expense_connection(COMPANY)),
        ),
        (
            "get-company-info",
            call!(c => SyncForExpenses::new(c).company_info().get(COMPANY)),
        ),
        (
            "get-company-configuration",
            call!(c => SyncForExpenses::new(c).configuration().get(COMPANY)),
        ),
        (
            "set-company-configuration",
            call!(c => SyncForExpenses::new(c).configuration().set(COMPANY, &configuration())),
        ),
        (
            "get-mapping-options",
            call!(c => SyncForExpenses::new(c).mapping_options().get_mapping_options(COMPANY)),
        ),
        (
            "get-last-successful-sync",
            call!(c => SyncForExpenses::new(c).sync().get_last_successful_sync(COMPANY)),
        ),
        (
            "get-latest-sync",
            call!(c => SyncForExpenses::new(c).sync().get_latest_sync(COMPANY)),
        ),
        (
            "list-syncs",
            call!(c => SyncForExpenses::new(c).sync().list(COMPANY)),
        ),
        (
            "get-sync-by-id",
            call!(c => SyncForExpenses::new(c).sync().get(COMPANY, SYNC)),
        ),
        (
            "list-sync-transactions",
            call!(c => SyncForExpenses::new(c).transaction_status().list(COMPANY, SYNC, codat_sync_expenses::models::ListSyncTransactionsParams::new().page(1).page_size(100))),
        ),
        (
            "get-sync-transaction",
            call!(c => SyncForExpenses::new(c).transaction_status().get(COMPANY, SYNC, TRANSACTION)),
        ),
        (
            "create-expense-transaction",
            call!(c => SyncForExpenses::new(c).expenses().create(COMPANY, &[expense()])),
        ),
        (
            "update-expense-transaction",
            call!(c => SyncForExpenses::new(c).expenses().update(COMPANY, TRANSACTION, &expense_update())),
        ),
        (
            "create-transfer-transaction",
            call!(c => SyncForExpenses::new(c).transfers().create(COMPANY, TRANSACTION, &transfer())),
        ),
        (
            "create-adjustment-transaction",
            call!(c => SyncForExpenses::new(c).adjustments().create(COMPANY, &[adjustment()])),
        ),
        (
            "create-reimbursable-expense-transaction",
            call!(c => SyncForExpenses::new(c).reimbursements().create(COMPANY, &[reimbursement()])),
        ),
        (
            "update-reimbursable-expense-transaction",
            call!(c => SyncForExpenses::new(c).reimbursements().update(COMPANY, TRANSACTION, &reimbursement_update())),
        ),
        (
            "upload-expense-attachment",
            call!(c => SyncForExpenses::new(c).attachments().upload(COMPANY, SYNC, TRANSACTION,
                Upload::from_bytes(&b"%PDF-1.4 receipt"[..]).file_name("receipt.pdf").content_type("application/pdf"))),
        ),
        (
            "create-account",
            call!(c => SyncForExpenses::new(c).accounts().create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateAccountParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true), &account())),
        ),
        (
            "get-create-chartOfAccounts-model",
            call!(c => SyncForExpenses::new(c).accounts().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-account",
            call!(c => SyncForExpenses::new(c).bank_accounts().create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateBankAccountParams::new(), &bank_account())),
        ),
        (
            "get-create-bankAccounts-model",
            call!(c => SyncForExpenses::new(c).bank_accounts().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "list-customers",
            call!(c => SyncForExpenses::new(c).customers().list(COMPANY, paging())),
        ),
        (
            "get-customer",
            call!(c => SyncForExpenses::new(c).customers().get(COMPANY, RECORD)),
        ),
        (
            "create-customer",
            call!(c => SyncForExpenses::new(c).customers().create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateCustomerParams::new().timeout_in_minutes(30), &customer())),
        ),
        (
            "update-customer",
            call!(c => SyncForExpenses::new(c).customers().update(COMPANY, CONNECTION, RECORD, codat_sync_expenses::models::UpdateCustomerParams::new().force_update(false), &customer())),
        ),
        (
            "list-suppliers",
            call!(c => SyncForExpenses::new(c).suppliers().list(COMPANY, paging())),
        ),
        (
            "get-supplier",
            call!(c => SyncForExpenses::new(c).suppliers().get(COMPANY, RECORD)),
        ),
        (
            "create-supplier",
            call!(c => SyncForExpenses::new(c).suppliers().create(COMPANY, CONNECTION, codat_sync_expenses::models::CreateSupplierParams::new().allow_sync_on_push_complete(false), &supplier())),
        ),
        (
            "update-supplier",
            call!(c => SyncForExpenses::new(c).suppliers().update(COMPANY, CONNECTION, RECORD, codat_sync_expenses::models::UpdateSupplierParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true).force_update(true), &supplier())),
        ),
    ]
}

fn paging() -> PageParams {
    PageParams::new()
        .page(1)
        .page_size(100)
        .query("status=Active")
        .order_by("-modifiedDate")
}

fn configuration() -> expenses::CompanyConfiguration {
    expenses::CompanyConfiguration {
        bank_account: expenses::BankAccountDetails {
            id: Some("89".into()),
        },
        supplier: expenses::SupplierDetails {
            id: Some("124".into()),
        },
        customer: expenses::CustomerDetails {
            id: Some("140".into()),
        },
    }
}

fn record(id: &str) -> Option<expenses::RecordRef> {
    Some(expenses::RecordRef {
        id: Some(id.into()),
    })
}

fn expense_line() -> expenses::ExpenseTransactionLine {
    expenses::ExpenseTransactionLine {
        net_amount: dec!(100),
        tax_amount: Some(dec!(20)),
        tax_rate_ref: record("23_Bills"),
        account_ref: record("35"),
        item_ref: None,
        tracking_refs: None,
        invoice_to: None,
    }
}

fn expense() -> expenses::ExpenseTransaction {
    expenses::ExpenseTransaction {
        id: "4d7c6929-7770-412b-91bb-44d3bc71d111".into(),
        r#type: expenses::ExpenseTransactionType::Payment,
        issue_date: "2024-05-21T00:00:00+00:00".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        contact_ref: Some(expenses::ExpenseContactRef {
            id: "430".into(),
            r#type: Some(expenses::ExpenseContactRefType::Supplier),
        }),
        bank_account_ref: Some(expenses::ExpenseTransactionBankAccountRef {
            id: Some("97".into()),
        }),
        reference: None,
        merchant_name: Some("Amazon UK".into()),
        lines: Some(vec![expense_line()]),
        notes: Some("Card ending 4590".into()),
        post_as_draft: None,
    }
}

fn expense_update() -> expenses::UpdateExpenseRequest {
    expenses::UpdateExpenseRequest {
        r#type: expenses::UpdateExpenseRequestType::Payment,
        issue_date: "2024-05-21T00:00:00+00:00".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        contact_ref: None,
        bank_account_ref: Some(expenses::UpdateExpenseRequestBankAccountRef {
            id: Some("97".into()),
        }),
        merchant_name: Some("Amazon UK".into()),
        lines: Some(vec![expense_line()]),
        notes: None,
    }
}

fn transfer() -> expenses::TransferTransactionRequest {
    expenses::TransferTransactionRequest {
        description: Some("Card repayment".into()),
        date: "2024-05-21T00:00:00+00:00".into(),
        from: expenses::TransferTransactionRequestFrom {
            account_ref: expenses::TransferTransactionRequestFromAccountRef { id: "97".into() },
            amount: dec!(100),
        },
        to: expenses::TransferTransactionRequestTo {
            account_ref: expenses::TransferTransactionRequestToAccountRef { id: "98".into() },
            amount: dec!(100),
        },
    }
}

fn adjustment() -> expenses::AdjustmentTransactionRequest {
    let line = |amount: Decimal, account: &str| expenses::AdjustmentTransactionLine {
        amount,
        account_ref: expenses::RecordRef {
            id: Some(account.into()),
        },
        description: None,
        tracking_refs: None,
        invoice_to: None,
    };
    expenses::AdjustmentTransactionRequest {
        id: "3357b3df-5f2e-465d-b9ba-226519dbb8f1".into(),
        date: "2024-05-21T00:00:00+00:00".into(),
        currency: "USD".into(),
        currency_rate: Some(dec!(1)),
        reference: Some("FX difference".into()),
        lines: vec![line(dec!(50), "35"), line(dec!(-50), "97")],
    }
}

fn reimbursement_line() -> expenses::ReimbursableExpenseTransactionLine {
    expenses::ReimbursableExpenseTransactionLine {
        description: Some("Hotel".into()),
        net_amount: dec!(100),
        tax_amount: Some(dec!(20)),
        tax_rate_ref: record("23_Bills"),
        account_ref: record("35"),
        item_ref: None,
        tracking_refs: None,
        invoice_to: None,
    }
}

fn reimbursement() -> expenses::ReimbursableExpenseTransaction {
    expenses::ReimbursableExpenseTransaction {
        id: "4d7c6929-7770-412b-91bb-44d3bc71d111".into(),
        reference: Some("expenses w/c 01/07".into()),
        contact_ref: expenses::ReimbursementContactRef { id: "752".into() },
        ap_account_ref: None,
        issue_date: "2024-05-21".into(),
        due_date: "2024-05-21".into(),
        currency: "GBP".into(),
        currency_rate: Some(dec!(1)),
        notes: None,
        lines: Some(vec![reimbursement_line()]),
    }
}

fn reimbursement_update() -> expenses::UpdateReimbursableExpenseTransactionRequest {
    expenses::UpdateReimbursableExpenseTransactionRequest {
        reference: Some("expenses w/c 01/07".into()),
        contact_ref: expenses::ReimbursementContactRef { id: "752".into() },
        ap_account_ref: None,
        issue_date: "2024-05-21".into(),
        due_date: "2024-05-28".into(),
        currency: "GBP".into(),
        currency_rate: None,
        notes: None,
        lines: Some(vec![reimbursement_line()]),
    }
}

fn account() -> expenses::AccountPrototype {
    expenses::AccountPrototype {
        nominal_code: Some("6100".into()),
        name: Some("Travel".into()),
        currency: Some("GBP".into()),
        r#type: Some(expenses::AccountType::Expense),
        status: Some(expenses::AccountStatus::Active),
        ..Default::default()
    }
}

fn bank_account() -> expenses::BankAccount {
    expenses::BankAccount {
        account_name: Some("GBP Bank Account".into()),
        account_type: Some(expenses::BankAccountPrototypeAccountType::Debit),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        status: Some(expenses::BankAccountStatus::Active),
        ..Default::default()
    }
}

fn customer() -> expenses::Customer {
    expenses::Customer {
        id: None,
        customer_name: Some("Acme Events".into()),
        contact_name: None,
        email_address: None,
        default_currency: Some("GBP".into()),
        phone: None,
        addresses: None,
        contacts: None,
        registration_number: None,
        tax_number: None,
        status: expenses::CustomerStatus::Active,
        metadata: None,
        supplemental_data: None,
        modified_date: None,
        source_modified_date: None,
    }
}

fn supplier() -> expenses::Supplier {
    expenses::Supplier {
        id: None,
        supplier_name: Some("Amazon UK".into()),
        contact_name: Some("Joe Bloggs".into()),
        email_address: None,
        phone: None,
        addresses: None,
        registration_number: None,
        tax_number: None,
        status: expenses::SupplierStatus::Active,
        default_currency: None,
        metadata: None,
        supplemental_data: None,
        modified_date: None,
        source_modified_date: None,
    }
}
