//! Data integrity: how well a company's accounting and banking records agree, found by
//! matching the transactions of one data type against the others. Ask for the status first
//! to see whether matches exist and over which dates and amounts, then for summaries or the
//! matched records themselves.
//!
//! ```no_run
//! use codat_lending::data_integrity::DataIntegrityDataType;
//! use codat_lending::models::GetDataIntegritySummariesParams;
//! use codat_lending::Lending;
//!
//! /// How much of the banking transactions the accounting records match.
//! async fn matched(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let data_type = DataIntegrityDataType::BankingTransactions;
//!     let status = lending.data_integrity().status(company, &data_type).await?;
//!     for status in status.metadata.unwrap_or_default() {
//!         println!("{:?}", status.status_info);
//!     }
//!     let summaries = lending
//!         .data_integrity()
//!         .summaries(company, &data_type, GetDataIntegritySummariesParams::new())
//!         .await?;
//!     for summary in summaries.summaries.unwrap_or_default() {
//!         let by_amount = summary.by_amount.unwrap_or_default();
//!         println!("{:?}% matched by amount", by_amount.match_percentage);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    DataIntegrityDetail, DataIntegrityDetails, DataIntegrityStatuses, DataIntegritySummaries,
    GetDataIntegritySummariesParams,
};

codat_client::resource! {
    /// How well the company's accounting and banking data match; from [`Lending::data_integrity`](crate::Lending::data_integrity).
    pub struct DataIntegrity;
}

codat_client::string_enum! {
    /// The data types whose records data integrity matches against the others, as named in
    /// the path of its operations.
    pub enum DataIntegrityDataType {
        /// Bank accounts from a banking connection.
        BankingAccounts = "banking-accounts",
        /// Transactions from a banking connection.
        BankingTransactions = "banking-transactions",
        /// Bank accounts as the accounting software records them.
        BankAccounts = "bankAccounts",
        /// Bank account transactions as the accounting software records them.
        AccountTransactions = "accountTransactions",
    }
}

impl<'a> DataIntegrity<'a> {
    /// Whether match results exist for `data_type`, and when they were made, for which
    /// connections, dates and amounts: what to filter the summaries and details by.
    ///
    /// Codat: [`get-data-integrity-status`](https://docs.codat.io/lending-api#/operations/get-data-integrity-status).
    #[endpoint(GET, "/data/companies/<company_id>/assess/dataTypes/<data_type>/dataIntegrity/status",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn status(
        self,
        company_id: &str,
        data_type: &DataIntegrityDataType,
    ) -> Result<DataIntegrityStatuses, Error>;

    /// Match totals for `data_type`, by count and by amount; `options.query` narrows the records
    /// counted with Codat's query language.
    ///
    /// Codat: [`get-data-integrity-summaries`](https://docs.codat.io/lending-api#/operations/get-data-integrity-summaries).
    #[endpoint(GET, "/data/companies/<company_id>/assess/dataTypes/<data_type>/dataIntegrity/summaries",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn summaries(
        self,
        company_id: &str,
        data_type: &DataIntegrityDataType,
        #[params] options: GetDataIntegritySummariesParams,
    ) -> Result<DataIntegritySummaries, Error>;

    /// One page of the records of `data_type` with what each matched; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-data-integrity-details`](https://docs.codat.io/lending-api#/operations/list-data-integrity-details).
    #[endpoint(GET, "/data/companies/<company_id>/assess/dataTypes/<data_type>/dataIntegrity/details",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn details(
        self,
        company_id: &str,
        data_type: &DataIntegrityDataType,
        #[params] paging: PageParams,
    ) -> Result<DataIntegrityDetails, Error>;

    /// Every record of [`details`](DataIntegrity::details), as a stream that fetches pages as
    /// it goes (see [`PageOptions`]). It ends after the last page, or at the first error,
    /// which it yields.
    pub fn list_all_details(
        self,
        company_id: &str,
        data_type: &DataIntegrityDataType,
        options: PageOptions,
    ) -> BoxStream<'static, Result<DataIntegrityDetail, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned(), data_type.clone()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, data_type) = &*owned;
                    DataIntegrity::new(codat)
                        .details(company_id, data_type, params)
                        .await
                },
            ),
        )
    }
}
