//! How well the company's accounting and banking data match.

codat_client::resource! {
    /// How well the company's accounting and banking data match; from [`Lending::data_integrity`](crate::Lending::data_integrity).
    pub struct DataIntegrity;
}
