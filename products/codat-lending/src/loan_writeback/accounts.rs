//! Accounts in the company's chart of accounts: creating the ones a loan is booked against (the
//! loan liability, interest and fee expense accounts).
//!
//! ```no_run
//! use codat_lending::models::{AccountPrototype, CreateAccountParams};
//! use codat_lending::Lending;
//!
//! /// A liability account for the loan, in the books.
//! async fn loan_account(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let accounts = lending.loan_writeback().accounts();
//!     let rules = accounts.get_create_model(company, connection).await?;
//!     println!("the software accepts: {rules:?}");
//!     let account = AccountPrototype {
//!         nominal_code: Some("2300".into()),
//!         name: Some("Loan from Example Lender".into()),
//!         fully_qualified_category: Some("Liability.NonCurrent".into()),
//!         currency: Some("GBP".into()),
//!         ..AccountPrototype::default()
//!     };
//!     let pushed = lending
//!         .loan_writeback()
//!         .accounts()
//!         .create(company, connection, CreateAccountParams::new(), &account)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountPrototype, AccountingCreateAccountResponse, CreateAccountParams};

codat_client::resource! {
    /// Creating accounts in the accounting software; from
    /// [`LoanWriteback::accounts`](super::LoanWriteback::accounts).
    pub struct Accounts;
}

impl Accounts<'_> {
    /// The fields the connection's accounting software accepts for a new account, with their
    /// rules.
    ///
    /// Codat: [`get-create-chartOfAccounts-model`](https://docs.codat.io/lending-api#/operations/get-create-chartOfAccounts-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/chartOfAccounts",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates an account in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-account`](https://docs.codat.io/lending-api#/operations/create-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateAccountParams,
        #[body] account: &AccountPrototype,
    ) -> Result<AccountingCreateAccountResponse, Error>;
}
