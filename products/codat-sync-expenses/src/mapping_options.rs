//! What an expense's lines may refer to in the accounting software: accounts, tax rates and
//! tracking categories, with the transaction types each is valid for.
//!
//! ```no_run
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// The accounts an expense line may be booked to.
//! async fn accounts(expenses: &SyncForExpenses, company: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let options = expenses.mapping_options().get_mapping_options(company).await?;
//!     for account in options.accounts.unwrap_or_default() {
//!         println!("{:?} {:?}: {:?}", account.nominal_code, account.name,
//!             account.valid_transaction_types);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models;

codat_client::resource! {
    /// Mapping options; from
    /// [`SyncForExpenses::mapping_options`](crate::SyncForExpenses::mapping_options).
    pub struct MappingOptions;
}

impl MappingOptions<'_> {
    /// The accounts, tax rates and tracking categories the company's software offers, to
    /// build an expense mapping from before syncing.
    ///
    /// Codat: [`get-mapping-options`](https://docs.codat.io/sync-for-expenses-api#/operations/get-mapping-options).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/mappingOptions",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_mapping_options(
        self,
        company_id: &str,
    ) -> Result<models::MappingOptions, Error>;
}
