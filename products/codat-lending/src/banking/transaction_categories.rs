//! The categories a banking connection sorts its transactions into; each may have a parent,
//! making a tree.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// The bank's categories, each under its parent.
//! async fn categories(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let categories = lending.banking().transaction_categories();
//!     let mut categories = categories.list_all(company, connection, PageOptions::new());
//!     while let Some(category) = categories.try_next().await? {
//!         println!("{} {} (under {:?})", category.id, category.name, category.parent_id);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{BankingTransactionCategories, BankingTransactionCategory};

codat_client::resource! {
    /// The transaction categories of a banking connection; from
    /// [`Banking::transaction_categories`](super::Banking::transaction_categories).
    pub struct TransactionCategories;
}

impl<'a> TransactionCategories<'a> {
    /// One page of the transaction categories Codat last read from the connection; `paging`
    /// picks the page, its size, a filter and an order.
    ///
    /// Codat: [`list-banking-transaction-categories`](https://docs.codat.io/lending-api#/operations/list-banking-transaction-categories).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/banking-transactionCategories",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<BankingTransactionCategories, Error>;

    /// Every transaction category Codat last read from the connection, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<BankingTransactionCategory, Error>> {
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
                    TransactionCategories::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One transaction category, by its id at the bank.
    ///
    /// Codat: [`get-banking-transaction-category`](https://docs.codat.io/lending-api#/operations/get-banking-transaction-category).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/banking-transactionCategories/<transaction_category_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        transaction_category_id: &str,
    ) -> Result<BankingTransactionCategory, Error>;
}
