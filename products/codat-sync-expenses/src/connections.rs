//! The connection through which an expense application writes to Codat. The other connection
//! operations (list, get, delete, unlink) are Platform's: [`codat_client::Codat::connections`].
//!
//! ```no_run
//! use codat_sync_expenses::SyncForExpenses;
//!
//! async fn connect(expenses: &SyncForExpenses, company: &str) -> Result<(), codat_client::Error> {
//!     let connection = expenses.connections().create_partner_expense_connection(company).await?;
//!     println!("connection {} ({}): {:?}", connection.id, connection.platform_name,
//!         connection.status);
//!     Ok(())
//! }
//! ```

use codat_client::models::connections::Connection;
use codat_client::{endpoint, Error};

codat_client::resource! {
    /// Connections of the expense side; from
    /// [`SyncForExpenses::connections`](crate::SyncForExpenses::connections).
    pub struct Connections;
}

impl Connections<'_> {
    /// Creates the company's partner expense connection: the source Codat records the
    /// application's expense data against, needed before any expense is synced.
    ///
    /// Codat: [`create-partner-expense-connection`](https://docs.codat.io/sync-for-expenses-api#/operations/create-partner-expense-connection).
    #[endpoint(POST, "/companies/<company_id>/sync/expenses/connections/partnerExpense",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn create_partner_expense_connection(
        self,
        company_id: &str,
    ) -> Result<Connection, Error>;
}
