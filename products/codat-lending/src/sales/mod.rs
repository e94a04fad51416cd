//! Commerce data, read through a company's commerce connection (its shop, payment or
//! point-of-sale platform): metrics and reports Codat works out from the sales, and the
//! customers, disputes, locations, orders, payment methods, payments, products and
//! transactions behind them.
//!
//! ```no_run
//! use codat_lending::models::GetCommerceRevenueMetricsParams;
//! use codat_lending::sales::PeriodUnit;
//! use codat_lending::Lending;
//!
//! /// Monthly revenue over the year to September 2024, from a commerce connection.
//! async fn revenue(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let options = GetCommerceRevenueMetricsParams::new().include_display_names(true);
//!     let report = lending
//!         .sales()
//!         .metrics()
//!         .get_revenue(company, connection, "30-09-2024", 1, 12, &PeriodUnit::Month, options)
//!         .await?;
//!     for period in report.report_data.unwrap_or_default() {
//!         println!("{:?}: {:?}", period.item_display_name, period.measures);
//!     }
//!     Ok(())
//! }
//! ```

pub mod customers;
pub mod disputes;
pub mod locations;
pub mod metrics;
pub mod orders;
pub mod payment_methods;
pub mod payments;
pub mod product_categories;
pub mod products;
pub mod reports;
pub mod transactions;

codat_client::string_enum! {
    /// The unit of time a sales metric or report is cut into, sent as `periodUnit`.
    pub enum PeriodUnit {
        /// `Day`.
        Day = "Day",
        /// `Week`.
        Week = "Week",
        /// `Month`.
        Month = "Month",
        /// `Year`.
        Year = "Year",
    }
}

codat_client::resource! {
    /// Commerce data; from [`Lending::sales`](crate::Lending::sales).
    pub struct Sales;
}

impl<'a> Sales<'a> {
    /// Revenue, customer retention and lifetime value, per period.
    pub fn metrics(self) -> metrics::Metrics<'a> {
        metrics::Metrics::new(self.codat)
    }

    /// Orders and refunds, per period.
    pub fn reports(self) -> reports::Reports<'a> {
        reports::Reports::new(self.codat)
    }

    /// The commerce platform's customers.
    pub fn customers(self) -> customers::Customers<'a> {
        customers::Customers::new(self.codat)
    }

    /// Payments customers contested.
    pub fn disputes(self) -> disputes::Disputes<'a> {
        disputes::Disputes::new(self.codat)
    }

    /// Where the company sells from or keeps stock.
    pub fn locations(self) -> locations::Locations<'a> {
        locations::Locations::new(self.codat)
    }

    /// Orders placed with the company.
    pub fn orders(self) -> orders::Orders<'a> {
        orders::Orders::new(self.codat)
    }

    /// The ways customers can pay.
    pub fn payment_methods(self) -> payment_methods::PaymentMethods<'a> {
        payment_methods::PaymentMethods::new(self.codat)
    }

    /// Payments taken for orders.
    pub fn payments(self) -> payments::Payments<'a> {
        payments::Payments::new(self.codat)
    }

    /// The categories products are sorted into.
    pub fn product_categories(self) -> product_categories::ProductCategories<'a> {
        product_categories::ProductCategories::new(self.codat)
    }

    /// The products the company sells.
    pub fn products(self) -> products::Products<'a> {
        products::Products::new(self.codat)
    }

    /// Money moving through the commerce platform: sales, refunds, fees and payouts.
    pub fn transactions(self) -> transactions::Transactions<'a> {
        transactions::Transactions::new(self.codat)
    }
}
