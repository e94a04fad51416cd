//! Where expenses land by default: the bank account, supplier and customer a company's
//! syncs use when a transaction names none.
//!
//! ```no_run
//! use codat_sync_expenses::SyncForExpenses;
//!
//! /// Points the company's syncs at another default bank account.
//! async fn use_account(expenses: &SyncForExpenses, company: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let mut configuration = expenses.configuration().get(company).await?;
//!     configuration.bank_account.id = Some(account.into());
//!     let saved = expenses.configuration().set(company, &configuration).await?;
//!     println!("{saved:?}");
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::CompanyConfiguration;

codat_client::resource! {
    /// The company's sync defaults; from
    /// [`SyncForExpenses::configuration`](crate::SyncForExpenses::configuration).
    pub struct Configuration;
}

impl Configuration<'_> {
    /// The company's current defaults.
    ///
    /// Codat: [`get-company-configuration`](https://docs.codat.io/sync-for-expenses-api#/operations/get-company-configuration).
    #[endpoint(GET, "/companies/<company_id>/sync/expenses/config",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get(self, company_id: &str) -> Result<CompanyConfiguration, Error>;

    /// Replaces the company's defaults; the result is what Codat kept.
    ///
    /// Codat: [`set-company-configuration`](https://docs.codat.io/sync-for-expenses-api#/operations/set-company-configuration).
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/config",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn set(
        self,
        company_id: &str,
        #[body] configuration: &CompanyConfiguration,
    ) -> Result<CompanyConfiguration, Error>;
}
