//! Balances of the company's bank accounts, as Codat last read them from a banking connection:
//! the available and current amounts and the limit of an account on a date.

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
