//! Commerce data: sales metrics and reports, customers, disputes, locations, orders, payments, products and transactions.

codat_client::resource! {
    /// Commerce data; from [`Lending::sales`](crate::Lending::sales).
    pub struct Sales;
}
