//! Sales reports Codat works out from a commerce connection's orders: order counts and values,
//! and refunds, one row per period.
//!
//! Both take the same period as the [metrics](super::metrics): `report_date` (written
//! `dd-MM-yyyy`; the month it falls in is reported whole) is where the last period ends, and
//! the report covers `number_of_periods` periods of `period_length` [`PeriodUnit`]s each.
//! `include_display_names` adds readable names next to the dimension and item indexes.
//!
//! ```no_run
//! use codat_lending::models::GetCommerceRefundsReportParams;
//! use codat_lending::sales::PeriodUnit;
//! use codat_lending::Lending;
//!
//! /// Refunds week by week over the last 12 weeks to 30 June 2024.
//! async fn refunds(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let report = lending
//!         .sales()
//!         .reports()
//!         .get_refunds(company, connection, "30-06-2024", 1, 12, &PeriodUnit::Week,
//!             GetCommerceRefundsReportParams::new())
//!         .await?;
//!     if let Some(errors) = report.errors {
//!         println!("Codat could not work out everything: {errors:?}");
//!     }
//!     println!("{:?}", report.report_data);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use super::PeriodUnit;
use crate::models::{
    CommerceReport, GetCommerceOrdersReportParams, GetCommerceRefundsReportParams,
};

codat_client::resource! {
    /// Sales reports; from [`Sales::reports`](super::Sales::reports).
    pub struct Reports;
}

// The spec's required query parameters stay separate arguments, so none can be left out.
#[allow(clippy::too_many_arguments)]
impl Reports<'_> {
    /// How many orders there were, their total value and their average value.
    ///
    /// Codat: [`get-commerce-orders-report`](https://docs.codat.io/lending-api#/operations/get-commerce-orders-report).
    #[endpoint(GET,
               "/data/companies/<company_id>/connections/<connection_id>/assess/commerceMetrics/orders",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_orders(
        self,
        company_id: &str,
        connection_id: &str,
        #[query] report_date: &str,
        #[query] period_length: i64,
        #[query] number_of_periods: i64,
        #[query] period_unit: &PeriodUnit,
        #[params] options: GetCommerceOrdersReportParams,
    ) -> Result<CommerceReport, Error>;

    /// How many refunds there were, their total value and the refund rate.
    ///
    /// Codat: [`get-commerce-refunds-report`](https://docs.codat.io/lending-api#/operations/get-commerce-refunds-report).
    #[endpoint(GET,
               "/data/companies/<company_id>/connections/<connection_id>/assess/commerceMetrics/refunds",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_refunds(
        self,
        company_id: &str,
        connection_id: &str,
        #[query] report_date: &str,
        #[query] period_length: i64,
        #[query] number_of_periods: i64,
        #[query] period_unit: &PeriodUnit,
        #[params] options: GetCommerceRefundsReportParams,
    ) -> Result<CommerceReport, Error>;
}
