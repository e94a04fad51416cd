//! Direct incomes: money the company received without raising an invoice (a cash sale, say),
//! read per connection from Codat's cache of its accounting data, with their attachments.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn direct_incomes(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let incomes = lending.accounts_receivable().direct_incomes();
//!     let page = incomes.list(company, connection, PageParams::new().page_size(100)).await?;
//!     for income in page.results {
//!         println!("{:?}: {} {}", income.issue_date, income.total_amount, income.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    AccountingAttachment, AccountingDirectIncome, AccountingDirectIncomes, Attachments,
    GetAccountingDirectIncomeAttachmentParams,
};

codat_client::resource! {
    /// The direct incomes of one connection; from
    /// [`AccountsReceivable::direct_incomes`](super::AccountsReceivable::direct_incomes).
    pub struct DirectIncomes;
}

impl<'a> DirectIncomes<'a> {
    /// One page of the direct incomes Codat last read through the connection; `paging` picks
    /// the page, its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-direct-incomes`](https://docs.codat.io/lending-api#/operations/list-accounting-direct-incomes).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/directIncomes",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingDirectIncomes, Error>;

    /// Every direct income of the connection, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingDirectIncome, Error>> {
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
                    DirectIncomes::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One direct income, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-direct-income`](https://docs.codat.io/lending-api#/operations/get-accounting-direct-income).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directIncomes/<direct_income_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        direct_income_id: &str,
    ) -> Result<AccountingDirectIncome, Error>;

    /// The files attached to a direct income (their metadata, not their content).
    ///
    /// Codat: [`list-accounting-direct-income-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-direct-income-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directIncomes/<direct_income_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        direct_income_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to a direct income. The spec lets this read take
    /// `options.timeout_in_minutes`, a parameter the other attachment reads lack; it is sent as given.
    ///
    /// Codat: [`get-accounting-direct-income-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-direct-income-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directIncomes/<direct_income_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        direct_income_id: &str,
        attachment_id: &str,
        #[params] options: GetAccountingDirectIncomeAttachmentParams,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one file attached to a direct income, streamed, with its content type
    /// and file name.
    ///
    /// Codat: [`download-accounting-direct-income-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-direct-income-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directIncomes/<direct_income_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        direct_income_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;
}
