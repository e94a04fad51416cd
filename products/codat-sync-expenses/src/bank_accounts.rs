//! Bank accounts, such as the card account that expenses are paid from.
//!
//! ```no_run
//! use codat_sync_expenses::models::{BankAccount, BankAccountPrototypeAccountType};
//! use codat_sync_expenses::models::CreateBankAccountParams;
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// The card account expenses are paid from, created in the company's books.
//! async fn card_account(expenses: &SyncForExpenses, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = BankAccount {
//!         account_name: Some("Company card".into()),
//!         account_type: Some(BankAccountPrototypeAccountType::Credit),
//!         nominal_code: Some("1250".into()),
//!         currency: Some("GBP".into()),
//!         ..BankAccount::default()
//!     };
//!     let pushed = expenses
//!         .bank_accounts()
//!         .create(company, connection, CreateBankAccountParams::new(), &account)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{BankAccount, CreateBankAccountParams, CreateBankAccountResponse};

codat_client::resource! {
    /// Bank accounts; from [`SyncForExpenses::bank_accounts`](crate::SyncForExpenses::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// Creates a bank account in the accounting software, as a push operation whose state the
    /// result gives. `options.timeout_in_minutes` bounds how long it may take;
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read follow it.
    ///
    /// Codat: [`create-bank-account`](https://docs.codat.io/sync-for-expenses-api#/operations/create-bank-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &BankAccount,
    ) -> Result<CreateBankAccountResponse, Error>;

    /// The fields the connection's software accepts for a new bank account, with their rules.
    ///
    /// Codat: [`get-create-bankAccounts-model`](https://docs.codat.io/sync-for-expenses-api#/operations/get-create-bankAccounts-model).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/options/bankAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;
}
