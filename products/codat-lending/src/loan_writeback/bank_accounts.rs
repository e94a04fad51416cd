//! Bank accounts in the accounting software: creating the account a loan is paid into and
//! repaid from.
//!
//! ```no_run
//! use codat_lending::models::{AccountingBankAccount, CreateBankAccountParams};
//! use codat_lending::Lending;
//!
//! /// The account the loan is paid into, created in the books.
//! async fn loan_bank_account(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = AccountingBankAccount {
//!         account_name: Some("Loan account".into()),
//!         nominal_code: Some("1210".into()),
//!         currency: Some("GBP".into()),
//!         ..AccountingBankAccount::default()
//!     };
//!     let pushed = lending
//!         .loan_writeback()
//!         .bank_accounts()
//!         .create(
//!             company,
//!             connection,
//!             CreateBankAccountParams::new().timeout_in_minutes(30),
//!             &account,
//!         )
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{
    AccountingBankAccount, AccountingCreateBankAccountResponse, CreateBankAccountParams,
};

codat_client::resource! {
    /// Creating bank accounts in the accounting software; from
    /// [`LoanWriteback::bank_accounts`](super::LoanWriteback::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// The fields the connection's accounting software accepts for a new or changed bank
    /// account, with their rules.
    ///
    /// Codat: [`get-create-update-bankAccounts-model`](https://docs.codat.io/lending-api#/operations/get-create-update-bankAccounts-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/bankAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_update_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a bank account in the accounting software. The write runs as a push operation,
    /// whose state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-bank-account`](https://docs.codat.io/lending-api#/operations/create-bank-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &AccountingBankAccount,
    ) -> Result<AccountingCreateBankAccountResponse, Error>;
}
