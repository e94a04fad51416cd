//! Bank accounts as the company's accounting software records them (not as the bank does), read
//! through an accounting connection.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn first_page(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let accounts = lending.accounting_bank_data().accounts();
//!     let page = accounts.list(company, connection, PageParams::new().page_size(50)).await?;
//!     println!("{} bank accounts in the books", page.total_results);
//!     for account in page.results {
//!         println!("{:?}: {:?} {:?}", account.account_name, account.balance, account.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingBankAccount, AccountingBankAccounts};

codat_client::resource! {
    /// The bank accounts of an accounting connection; from
    /// [`AccountingBankData::accounts`](super::AccountingBankData::accounts).
    pub struct Accounts;
}

impl<'a> Accounts<'a> {
    /// One page of the bank accounts Codat last read from the connection; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-bank-accounts`](https://docs.codat.io/lending-api#/operations/list-accounting-bank-accounts).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/bankAccounts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingBankAccounts, Error>;

    /// Every bank account Codat last read from the connection, as a stream that fetches pages
    /// as it goes (see [`PageOptions`]). It ends after the last page, or at the first error,
    /// which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBankAccount, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    connection_id.to_owned(),
                ),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, connection_id) = &*owned;
                    Accounts::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One bank account, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-bank-account`](https://docs.codat.io/lending-api#/operations/get-accounting-bank-account).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/bankAccounts/<account_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<AccountingBankAccount, Error>;
}
