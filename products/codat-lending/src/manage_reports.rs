//! Generating reports and following their progress.

codat_client::resource! {
    /// Generating reports and following their progress; from [`Lending::manage_reports`](crate::Lending::manage_reports).
    pub struct ManageReports;
}
