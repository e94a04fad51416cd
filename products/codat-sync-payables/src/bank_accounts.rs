//! Bank accounts: the accounts in the accounting software that bills are paid from.
//!
//! ```no_run
//! use codat_sync_payables::models::{BankAccountPrototype, BankAccountType};
//! use codat_sync_payables::models::CreateBankAccountParams;
//! use codat_sync_payables::SyncForPayables;
//!
//! /// The account the business pays its bills from, created in its books.
//! async fn payments_account(payables: &SyncForPayables, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = BankAccountPrototype {
//!         nominal_code: Some("1220".into()),
//!         name: Some("Bill payments".into()),
//!         account_type: BankAccountType::Debit,
//!         account_number: Some("12345670".into()),
//!         sort_code: Some("040004".into()),
//!         currency: "GBP".into(),
//!     };
//!     let created = payables
//!         .bank_accounts()
//!         .create(company, connection, CreateBankAccountParams::new(), &account)
//!         .await?;
//!     println!("bank account {:?}", created.id);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{BankAccount, BankAccountPrototype, CreateBankAccountParams};

codat_client::resource! {
    /// Bank accounts of one connection; from
    /// [`SyncForPayables::bank_accounts`](crate::SyncForPayables::bank_accounts).
    pub struct BankAccounts;
}

impl BankAccounts<'_> {
    /// Creates a bank account in the accounting software. Codat treats a repeated call with
    /// the same idempotency key as the first; without one the client sends a fresh key per
    /// call.
    ///
    /// Codat: [`create-bank-account`](https://docs.codat.io/sync-for-payables-api#/operations/create-bank-account).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/payables/bankAccounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateBankAccountParams,
        #[body] bank_account: &BankAccountPrototype,
    ) -> Result<BankAccount, Error>;
}
