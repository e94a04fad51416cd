//! Bank transactions in the accounting software: recording a loan's drawdown and repayments on
//! a bank account.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! /// What the software accepts in a bank transaction pushed to `account`.
//! async fn rules(lending: &Lending, company: &str, connection: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let transactions = lending.loan_writeback().bank_transactions();
//!     let model = transactions.get_create_model(company, connection, account).await?;
//!     println!("{model:#?}");
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{
    AccountingCreateBankTransactions, AccountingCreateBankTransactionsResponse,
    CreateBankTransactionsParams,
};

codat_client::resource! {
    /// Creating bank transactions in the accounting software; from
    /// [`LoanWriteback::bank_transactions`](super::LoanWriteback::bank_transactions).
    pub struct BankTransactions;
}

impl BankTransactions<'_> {
    /// The fields the connection's accounting software accepts for new transactions on the bank
    /// account `account_id`, with their rules.
    ///
    /// Codat: [`get-create-bank-transactions-model`](https://docs.codat.io/lending-api#/operations/get-create-bank-transactions-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/bankAccounts/<account_id>/bankTransactions",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates transactions on the bank account `account_id` in the accounting software. The
    /// write runs as a push operation, whose state the result gives; `options.timeout_in_minutes`
    /// bounds how long it may take and `options.allow_sync_on_push_complete` (Codat's default: yes)
    /// lets a read of the data follow it.
    ///
    /// Codat: [`create-bank-transactions`](https://docs.codat.io/lending-api#/operations/create-bank-transactions).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/push/bankAccounts/<account_id>/bankTransactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        #[params] options: CreateBankTransactionsParams,
        #[body] transactions: &AccountingCreateBankTransactions,
    ) -> Result<AccountingCreateBankTransactionsResponse, Error>;
}
