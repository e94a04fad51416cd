//! The company's profile in its accounting and commerce software.

codat_client::resource! {
    /// The company's profile in its accounting and commerce software; from [`Lending::company_info`](crate::Lending::company_info).
    pub struct CompanyInfo;
}
