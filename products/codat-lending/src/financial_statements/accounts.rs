//! The chart of accounts: the nominal accounts the company books its transactions to.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// The chart of accounts, with each account's balance.
//! async fn chart(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let accounts = lending.financial_statements().accounts();
//!     let mut accounts = accounts.list_all(company, PageOptions::new().order_by("nominalCode"));
//!     while let Some(account) = accounts.try_next().await? {
//!         println!("{:?} {:?}: {:?}", account.nominal_code, account.fully_qualified_name,
//!             account.current_balance);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingAccount, AccountingAccounts};

codat_client::resource! {
    /// The company's accounts; from
    /// [`FinancialStatements::accounts`](super::FinancialStatements::accounts).
    pub struct Accounts;
}

impl<'a> Accounts<'a> {
    /// One page of the company's accounts; `paging` picks the page, its size, a filter and an
    /// order.
    ///
    /// Codat: [`list-accounting-accounts`](https://docs.codat.io/lending-api#/operations/list-accounting-accounts).
    #[endpoint(GET, "/companies/<company_id>/data/accounts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingAccounts, Error>;

    /// Every account of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingAccount, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Accounts::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One account, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-account`](https://docs.codat.io/lending-api#/operations/get-accounting-account).
    #[endpoint(GET, "/companies/<company_id>/data/accounts/<account_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, account_id: &str) -> Result<AccountingAccount, Error>;
}
