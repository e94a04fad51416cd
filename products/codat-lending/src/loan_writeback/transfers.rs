//! Transfers in the accounting software: moving money between accounts, such as the loan amount
//! from the lender's account into the company's bank account.
//!
//! ```no_run
//! use codat_client::models::Decimal;
//! use codat_lending::models::{AccountingRecordRef, AccountingTransfer, CreateTransferParams};
//! use codat_lending::models::TransferAccount;
//! use codat_lending::Lending;
//!
//! /// Moves the loan's funds from the loan account to the current account, in the books.
//! async fn transfer(lending: &Lending, company: &str, connection: &str, from: &str, to: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let side = |account: &str| TransferAccount {
//!         account_ref: Some(AccountingRecordRef { id: Some(account.into()), data_type: None }),
//!         currency: Some("GBP".into()),
//!         amount: Some(Decimal::new(2_500_000, 2)),
//!     };
//!     let transfer = AccountingTransfer {
//!         description: Some("Loan 42: funds to current account".into()),
//!         date: Some("2024-07-01T00:00:00".into()),
//!         from: Some(side(from)),
//!         to: Some(side(to)),
//!         ..AccountingTransfer::default()
//!     };
//!     let pushed = lending
//!         .loan_writeback()
//!         .transfers()
//!         .create(company, connection, CreateTransferParams::new(), &transfer)
//!         .await?;
//!     println!("push {}: {:?}", pushed.push_operation_key, pushed.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::push_data::PushOption;
use codat_client::{endpoint, Error};

use crate::models::{AccountingCreateTransferResponse, AccountingTransfer, CreateTransferParams};

codat_client::resource! {
    /// Creating transfers in the accounting software; from
    /// [`LoanWriteback::transfers`](super::LoanWriteback::transfers).
    pub struct Transfers;
}

impl Transfers<'_> {
    /// The fields the connection's accounting software accepts for a new transfer, with their
    /// rules.
    ///
    /// Codat: [`get-create-transfers-model`](https://docs.codat.io/lending-api#/operations/get-create-transfers-model).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/options/transfers",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_create_model(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<PushOption, Error>;

    /// Creates a transfer in the accounting software. The write runs as a push operation, whose
    /// state the result gives; `options.timeout_in_minutes` bounds how long it may take and
    /// `options.allow_sync_on_push_complete` (Codat's default: yes) lets a read of the data follow it.
    ///
    /// Codat: [`create-transfer`](https://docs.codat.io/lending-api#/operations/create-transfer).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/push/transfers",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: CreateTransferParams,
        #[body] transfer: &AccountingTransfer,
    ) -> Result<AccountingCreateTransferResponse, Error>;
}
