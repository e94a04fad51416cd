//! Bank Feeds: one call of each of its own operations with valid inputs, keyed by operationId.

use std::future::Future;
use std::pin::Pin;

use codat_bank_feeds::models::{
    AccountInfo, BankAccountPrototype, BankAccountPrototypeAccountType, BankAccountStatus,
    BankFeedAccountMapping, BankTransaction, BankTransactionTransactionType,
    CreateBankTransactions, CreateBatchSourceAccountRequest, CreateSourceAccountRequest,
    RoutingInfo, RoutingInfoType, SourceAccount, SourceAccountPrototype, SourceAccountStatus,
    SourceAccountV2AccountType, SourceAccountV2Prototype,
};
use codat_bank_feeds::BankFeeds;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error};
use rust_decimal_macros::dec;

use super::{Call, COMPANY, CONNECTION};

/// A source account id, as the spec's examples give one.
const ACCOUNT: &str = "acc-001";
/// A sync id: the spec wants a UUID.
const SYNC: &str = "5f0c7b2e-3a41-4c1e-9d7a-6b1f0e2d9c11";

fn source_account() -> SourceAccountV2Prototype {
    SourceAccountV2Prototype {
        id: ACCOUNT.into(),
        account_name: "Business current account".into(),
        account_type: SourceAccountV2AccountType::Checking,
        account_number: "12345670".into(),
        routing_info: Some(RoutingInfo {
            bank_code: Some("021001088".into()),
            r#type: Some(RoutingInfoType::Bankcode),
        }),
        sort_code: None,
        currency: "GBP".into(),
        balance: dec!(1250.5),
        modified_date: Some("2024-08-02T00:00:00Z".into()),
        account_info: Some(AccountInfo {
            description: Some("Day-to-day account".into()),
            nickname: Some("Current".into()),
            account_open_date: Some("2023-05-06".into()),
            available_balance: Some(dec!(1000)),
        }),
    }
}

/// A version 1 body that is not also a version 2 one: the spec's `oneOf` is ambiguous (v1
/// requires only `id`, so every v2 body is a valid v1 body too), and Prism refuses a body that
/// matches both. Leaving out the account number, which v2 requires, makes it v1 alone.
fn source_account_v1() -> SourceAccountPrototype {
    SourceAccountPrototype {
        id: ACCOUNT.into(),
        account_name: Some("Business credit card".into()),
        account_type: Some("Credit".into()),
        account_number: None,
        sort_code: None,
        currency: Some("GBP".into()),
        balance: Some(dec!(-120.25)),
        modified_date: Some("2024-08-02T00:00:00Z".into()),
    }
}

fn update() -> SourceAccount {
    SourceAccount {
        id: ACCOUNT.into(),
        account_name: Some("Business current account".into()),
        account_type: None,
        account_number: None,
        sort_code: None,
        currency: Some("GBP".into()),
        balance: Some(dec!(1300)),
        modified_date: None,
        status: Some(SourceAccountStatus::Disconnected),
        feed_start_date: None,
    }
}

fn bank_account() -> BankAccountPrototype {
    BankAccountPrototype {
        account_name: Some("Bank feed account".into()),
        account_type: Some(BankAccountPrototypeAccountType::Debit),
        nominal_code: Some("1210".into()),
        sort_code: Some("040004".into()),
        account_number: Some("12345678".into()),
        currency: Some("GBP".into()),
        status: Some(BankAccountStatus::Active),
        ..BankAccountPrototype::default()
    }
}

fn transactions() -> CreateBankTransactions {
    CreateBankTransactions {
        account_id: ACCOUNT.into(),
        transactions: vec![BankTransaction {
            id: Some("716422529".into()),
            date: Some("2023-08-22T10:21:00".into()),
            description: Some("Repayment of Credit Card".into()),
            counterparty: Some("Bank of Example".into()),
            reference: Some("Ref-12345".into()),
            reconciled: Some(false),
            amount: Some(dec!(100)),
            balance: Some(dec!(100)),
            transaction_type: Some(BankTransactionTransactionType::Credit),
        }],
    }
}

fn mapping() -> BankFeedAccountMapping {
    BankFeedAccountMapping {
        source_account_id: ACCOUNT.into(),
        target_account_id: Some("account-081".into()),
        feed_start_date: Some("2024-05-01T00:00:00Z".into()),
    }
}

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "list-bank-accounts",
            call!(c => BankFeeds::new(c).bank_accounts().list(COMPANY, CONNECTION, PageParams::new().page(1).page_size(100).order_by("-modifiedDate"))),
        ),
        (
            "get-create-bankAccounts-model",
            call!(c => BankFeeds::new(c).bank_accounts().get_create_model(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-account",
            call!(c => BankFeeds::new(c).bank_accounts().create(COMPANY, CONNECTION, codat_bank_feeds::models::CreateBankAccountParams::new().timeout_in_minutes(30), &bank_account())),
        ),
        (
            "create-batch-source-account",
            call!(c => BankFeeds::new(c).source_accounts().create_batch(COMPANY, CONNECTION,
                &CreateBatchSourceAccountRequest::VecSourceAccountPrototype(vec![source_account_v1()]))),
        ),
        (
            "create-source-account",
            call!(c => BankFeeds::new(c).source_accounts().create(COMPANY, CONNECTION,
                &CreateSourceAccountRequest::SourceAccountPrototype(Box::new(source_account_v1())))),
        ),
        (
            "list-source-accounts",
            call!(c => BankFeeds::new(c).source_accounts().list(COMPANY, CONNECTION)),
        ),
        (
            "update-source-account",
            call!(c => BankFeeds::new(c).source_accounts().update(COMPANY, CONNECTION, ACCOUNT, &update())),
        ),
        (
            "delete-source-account",
            call!(c => BankFeeds::new(c).source_accounts().delete(COMPANY, CONNECTION, ACCOUNT)),
        ),
        (
            "generate-credentials",
            call!(c => BankFeeds::new(c).source_accounts().generate_credentials(COMPANY, CONNECTION, &serde_json::json!({}))),
        ),
        (
            "delete-bank-feed-credentials",
            call!(c => BankFeeds::new(c).source_accounts().delete_credentials(COMPANY, CONNECTION)),
        ),
        (
            "get-bank-account-mapping",
            call!(c => BankFeeds::new(c).account_mapping().get(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-account-mapping",
            call!(c => BankFeeds::new(c).account_mapping().create(COMPANY, CONNECTION, &mapping())),
        ),
        (
            "get-company-information",
            call!(c => BankFeeds::new(c).company_information().get(COMPANY, CONNECTION)),
        ),
        (
            "generate-otp",
            call!(c => BankFeeds::new(c).source_accounts().generate_otp(COMPANY, CONNECTION)),
        ),
        (
            "create-bank-transactions",
            call!(c => BankFeeds::new(c).transactions().create(COMPANY, CONNECTION, ACCOUNT, codat_bank_feeds::models::CreateBankTransactionsParams::new().timeout_in_minutes(30).allow_sync_on_push_complete(true), &transactions())),
        ),
        (
            "get-create-bank-transactions-model",
            call!(c => BankFeeds::new(c).transactions().get_create_model(COMPANY, CONNECTION, ACCOUNT)),
        ),
        (
            "get-managed-bank-feed-sync",
            call!(c => BankFeeds::new(c).managed_bank_feeds().get_sync(COMPANY, CONNECTION, ACCOUNT, SYNC)),
        ),
        (
            "get-latest-managed-bank-feed-sync",
            call!(c => BankFeeds::new(c).managed_bank_feeds().get_latest_sync(COMPANY, CONNECTION, ACCOUNT)),
        ),
        (
            "run-managed-bank-feed-ad-hoc-sync",
            call!(c => BankFeeds::new(c).managed_bank_feeds().run_ad_hoc_sync(COMPANY, CONNECTION, ACCOUNT)),
        ),
    ]
}
