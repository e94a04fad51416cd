//! Generating and downloading Excel workbooks of the company's data.

codat_client::resource! {
    /// Generating and downloading Excel workbooks of the company's data; from [`Lending::excel_reports`](crate::Lending::excel_reports).
    pub struct ExcelReports;
}
