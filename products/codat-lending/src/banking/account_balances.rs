//! Balances of the company's bank accounts, as Codat last read them from a banking connection:
//! the available and current amounts and the limit of an account on a date.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// Each account's balance day by day, oldest first.
//! async fn balances(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let balances = lending.banking().account_balances();
//!     let oldest_first = PageOptions::new().order_by("date");
//!     let mut balances = balances.list_all(company, connection, oldest_first);
//!     while let Some(day) = balances.try_next().await? {
//!         println!("{} {:?}: {:?}", day.account_id, day.date, day.balance.current);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{BankingAccountBalance, BankingAccountBalances};

codat_client::resource! {
    /// The account balances of a banking connection; from
    /// [`Banking::account_balances`](super::Banking::account_balances).
    pub struct AccountBalances;
}

impl<'a> AccountBalances<'a> {
    /// One page of the account balances Codat last read from the connection; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-banking-account-balances`](https://docs.codat.io/lending-api#/operations/list-banking-account-balances).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/banking-accountBalances",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<BankingAccountBalances, Error>;

    /// Every account balance Codat last read from the connection, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<BankingAccountBalance, Error>> {
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
                    AccountBalances::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }
}
