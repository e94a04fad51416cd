//! Bank accounts and their transactions as the company's accounting software records them,
//! read through an accounting connection. Set beside the bank's own data (see
//! [`banking`](crate::banking)), they show how well the books match the bank.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// Each bank account the books hold, with the transactions recorded on it.
//! async fn bank_ledger(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let data = lending.accounting_bank_data();
//!     let mut accounts = data.accounts().list_all(company, connection, PageOptions::new());
//!     while let Some(account) = accounts.try_next().await? {
//!         let Some(id) = account.id else { continue };
//!         println!("{:?} ({:?})", account.account_name, account.currency);
//!         let mut transactions = lending
//!             .accounting_bank_data()
//!             .list_all_transactions(company, connection, &id, PageOptions::new());
//!         while let Some(transaction) = transactions.try_next().await? {
//!             println!("  {:?} {:?}", transaction.cleared_on_date, transaction.amount);
//!         }
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingBankTransaction, AccountingBankTransactions};

pub mod accounts;

codat_client::resource! {
    /// Bank accounts and their transactions as the accounting software records them; from
    /// [`Lending::accounting_bank_data`](crate::Lending::accounting_bank_data).
    pub struct AccountingBankData;
}

impl<'a> AccountingBankData<'a> {
    /// The bank accounts the accounting software holds.
    pub fn accounts(self) -> accounts::Accounts<'a> {
        accounts::Accounts::new(self.codat)
    }

    /// One page of the transactions the accounting software records on the bank account
    /// `account_id`; `paging` picks the page, its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-bank-account-transactions`](https://docs.codat.io/lending-api#/operations/list-accounting-bank-account-transactions).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/bankAccounts/<account_id>/bankTransactions",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_transactions(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingBankTransactions, Error>;

    /// Every transaction the accounting software records on the bank account `account_id`, as
    /// a stream that fetches pages as it goes (see [`PageOptions`]). It ends after the last
    /// page, or at the first error, which it yields.
    pub fn list_all_transactions(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBankTransaction, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    connection_id.to_owned(),
                    account_id.to_owned(),
                ),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, connection_id, account_id) = &*owned;
                    AccountingBankData::new(codat)
                        .list_transactions(company_id, connection_id, account_id, params)
                        .await
                },
            ),
        )
    }
}
