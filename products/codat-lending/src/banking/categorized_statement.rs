//! The categorized bank statement: every transaction of the company's bank connections, each
//! with the category Codat's categorization engine gave it, and the accounts they came from.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! async fn categorized(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let statement = lending.banking().categorized_statement();
//!     let mut transactions = statement.list_all(company, PageOptions::new().page_size(500));
//!     while let Some(transaction) = transactions.try_next().await? {
//!         let levels = transaction.transaction_category.and_then(|category| category.levels);
//!         println!("{:?} {:?}: {levels:?}", transaction.date, transaction.amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageCount, PageOptions, PageParams, Paged};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    CashFlowTransaction, EnhancedCashFlowTransactions, GetCategorizedBankStatementParams,
};

codat_client::resource! {
    /// The categorized bank statement; from
    /// [`Banking::categorized_statement`](super::Banking::categorized_statement).
    pub struct CategorizedStatement;
}

impl<'a> CategorizedStatement<'a> {
    /// One page of the statement: its transactions (in `report_items`), the accounts they came
    /// from (in `data_sources`) and, in `report_info`, where the page stands. `options.page` and
    /// `options.page_size` count transactions; `options.query` filters them. The report takes no order.
    ///
    /// Codat: [`get-categorized-bank-statement`](https://docs.codat.io/lending-api#/operations/get-categorized-bank-statement).
    #[endpoint(GET, "/companies/<company_id>/reports/enhancedCashFlow/transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        #[params] options: GetCategorizedBankStatementParams,
    ) -> Result<EnhancedCashFlowTransactions, Error>;

    /// Every transaction of the statement, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]; its page size and query are sent, an order is not, as the report has
    /// none). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CashFlowTransaction, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: PageParams| async move {
                    let (codat, company_id) = &*owned;
                    CategorizedStatement::new(codat)
                        .get(
                            company_id,
                            GetCategorizedBankStatementParams {
                                page: params.page,
                                page_size: params.page_size,
                                query: params.query,
                            },
                        )
                        .await
                },
            ),
        )
    }
}

/// A page of the statement holds its transactions in its report items; `report_info` counts
/// them.
impl Paged for EnhancedCashFlowTransactions {
    type Item = CashFlowTransaction;

    fn into_items(self) -> (Vec<CashFlowTransaction>, PageCount) {
        let count = match self
            .report_info
            .and_then(|info| info.total_results.zip(info.page_size))
        {
            Some((total, size)) => PageCount::from_total(total, size, None),
            None => PageCount {
                pages: None,
                has_next: None,
            },
        };
        let items = self
            .report_items
            .unwrap_or_default()
            .into_iter()
            .flat_map(|item| item.transactions.unwrap_or_default())
            .collect();
        (items, count)
    }
}
