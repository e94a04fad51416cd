//! Sales metrics Codat works out from a commerce connection's orders: revenue, customer
//! retention and lifetime value, one value per period.
//!
//! Every metric takes the same period: `report_date` (written `dd-MM-yyyy`; the month it falls
//! in is reported whole) is where the last period ends, and the report covers
//! `number_of_periods` periods of `period_length` [`PeriodUnit`]s each, counting back from it.
//! `include_display_names` adds readable names next to the dimension and item indexes.
//!
//! ```no_run
//! use codat_lending::models::GetCommerceCustomerRetentionMetricsParams;
//! use codat_lending::sales::PeriodUnit;
//! use codat_lending::Lending;
//!
//! /// Customer retention by quarter, over the two years to June 2024.
//! async fn retention(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let report = lending
//!         .sales()
//!         .metrics()
//!         .get_customer_retention(company, connection, "30-06-2024", 3, 8, &PeriodUnit::Month,
//!             GetCommerceCustomerRetentionMetricsParams::new())
//!         .await?;
//!     for measure in report.measures.unwrap_or_default() {
//!         let (index, name, units) = (measure.index, measure.display_name, measure.units);
//!         println!("measure {index:?}: {name:?} ({units:?})");
//!     }
//!     println!("{:?}", report.report_data);
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use super::PeriodUnit;
use crate::models::{
    CommerceReport, GetCommerceCustomerRetentionMetricsParams,
    GetCommerceLifetimeValueMetricsParams, GetCommerceRevenueMetricsParams,
};

codat_client::resource! {
    /// Sales metrics; from [`Sales::metrics`](super::Sales::metrics).
    pub struct Metrics;
}

// The spec's required query parameters stay separate arguments, so none can be left out.
#[allow(clippy::too_many_arguments)]
impl Metrics<'_> {
    /// Revenue and its growth from one period to the next.
    ///
    /// Codat: [`get-commerce-revenue-metrics`](https://docs.codat.io/lending-api#/operations/get-commerce-revenue-metrics).
    #[endpoint(GET,
               "/data/companies/<company_id>/connections/<connection_id>/assess/commerceMetrics/revenue",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_revenue(
        self,
        company_id: &str,
        connection_id: &str,
        #[query] report_date: &str,
        #[query] period_length: i64,
        #[query] number_of_periods: i64,
        #[query] period_unit: &PeriodUnit,
        #[params] options: GetCommerceRevenueMetricsParams,
    ) -> Result<CommerceReport, Error>;

    /// How many customers were new, came back or were lost, and the retention rate.
    ///
    /// Codat: [`get-commerce-customer-retention-metrics`](https://docs.codat.io/lending-api#/operations/get-commerce-customer-retention-metrics).
    #[endpoint(GET,
               "/data/companies/<company_id>/connections/<connection_id>/assess/commerceMetrics/customerRetention",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_customer_retention(
        self,
        company_id: &str,
        connection_id: &str,
        #[query] report_date: &str,
        #[query] period_length: i64,
        #[query] number_of_periods: i64,
        #[query] period_unit: &PeriodUnit,
        #[params] options: GetCommerceCustomerRetentionMetricsParams,
    ) -> Result<CommerceReport, Error>;

    /// The average revenue a customer brings over the time they buy from the company.
    ///
    /// Codat: [`get-commerce-lifetime-value-metrics`](https://docs.codat.io/lending-api#/operations/get-commerce-lifetime-value-metrics).
    #[endpoint(GET,
               "/data/companies/<company_id>/connections/<connection_id>/assess/commerceMetrics/lifetimeValue",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_lifetime_value(
        self,
        company_id: &str,
        connection_id: &str,
        #[query] report_date: &str,
        #[query] period_length: i64,
        #[query] number_of_periods: i64,
        #[query] period_unit: &PeriodUnit,
        #[params] options: GetCommerceLifetimeValueMetricsParams,
    ) -> Result<CommerceReport, Error>;
}
