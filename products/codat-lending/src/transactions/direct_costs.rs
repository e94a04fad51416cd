//! Direct costs: spending paid at once (card, cash, bank) with no bill in between, and the
//! files attached to them.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// Direct costs and how many files back each one.
//! async fn costs(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let costs = lending.transactions().direct_costs();
//!     let mut costs = costs.list_all(company, connection, PageOptions::new());
//!     while let Some(cost) = costs.try_next().await? {
//!         let Some(id) = cost.id else { continue };
//!         let files = lending
//!             .transactions()
//!             .direct_costs()
//!             .list_attachments(company, connection, &id)
//!             .await?;
//!         let files = files.attachments.map_or(0, |files| files.len());
//!         println!("{id}: {} {} with {files} attachments", cost.total_amount, cost.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    AccountingAttachment, AccountingDirectCost, AccountingDirectCosts, Attachments,
};

codat_client::resource! {
    /// Direct costs of one connection; from
    /// [`Transactions::direct_costs`](super::Transactions::direct_costs).
    pub struct DirectCosts;
}

impl<'a> DirectCosts<'a> {
    /// One page of the connection's direct costs; `paging` picks the page, its size, a filter
    /// and an order.
    ///
    /// Codat: [`list-accounting-direct-costs`](https://docs.codat.io/lending-api#/operations/list-accounting-direct-costs).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/directCosts",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingDirectCosts, Error>;

    /// Every direct cost of the connection, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingDirectCost, Error>> {
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
                    DirectCosts::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One direct cost, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-direct-cost`](https://docs.codat.io/lending-api#/operations/get-accounting-direct-cost).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directCosts/<direct_cost_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        direct_cost_id: &str,
    ) -> Result<AccountingDirectCost, Error>;

    /// The files attached to a direct cost (their metadata, not their content).
    ///
    /// Codat: [`list-accounting-direct-cost-attachments`](https://docs.codat.io/lending-api#/operations/list-accounting-direct-cost-attachments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directCosts/<direct_cost_id>/attachments",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list_attachments(
        self,
        company_id: &str,
        connection_id: &str,
        direct_cost_id: &str,
    ) -> Result<Attachments, Error>;

    /// The metadata of one file attached to a direct cost.
    ///
    /// Codat: [`get-accounting-direct-cost-attachment`](https://docs.codat.io/lending-api#/operations/get-accounting-direct-cost-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directCosts/<direct_cost_id>/attachments/<attachment_id>",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        direct_cost_id: &str,
        attachment_id: &str,
    ) -> Result<AccountingAttachment, Error>;

    /// The content of one attachment, streamed, with its content type and file name.
    ///
    /// Codat: [`download-accounting-direct-cost-attachment`](https://docs.codat.io/lending-api#/operations/download-accounting-direct-cost-attachment).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/directCosts/<direct_cost_id>/attachments/<attachment_id>/download",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_attachment(
        self,
        company_id: &str,
        connection_id: &str,
        direct_cost_id: &str,
        attachment_id: &str,
    ) -> Result<Download, Error>;
}
