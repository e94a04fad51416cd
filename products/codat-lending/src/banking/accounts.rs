//! The company's bank accounts, as Codat last read them from a banking connection.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! async fn account(lending: &Lending, company: &str, connection: &str, id: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let account = lending.banking().accounts().get(company, connection, id).await?;
//!     println!("{} ({}): {:?} available, iban {:?}", account.name, account.currency,
//!         account.balance.available, account.identifiers.iban);
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{BankingAccount, BankingAccounts};

codat_client::resource! {
    /// The accounts of a banking connection; from
    /// [`Banking::accounts`](super::Banking::accounts).
    pub struct Accounts;
}

impl<'a> Accounts<'a> {
    /// One page of the bank accounts Codat last read from the connection; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-banking-accounts`](https://docs.codat.io/lending-api#/operations/list-banking-accounts).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/banking-accounts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<BankingAccounts, Error>;

    /// Every bank account Codat last read from the connection, as a stream that fetches pages
    /// as it goes (see [`PageOptions`]). It ends after the last page, or at the first error,
    /// which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<BankingAccount, Error>> {
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

    /// One bank account, by its id at the bank.
    ///
    /// Codat: [`get-banking-account`](https://docs.codat.io/lending-api#/operations/get-banking-account).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/banking-accounts/<account_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<BankingAccount, Error>;
}
