//! Files the company uploaded, and uploading more.

codat_client::resource! {
    /// Files the company uploaded, and uploading more; from [`Lending::file_upload`](crate::Lending::file_upload).
    pub struct FileUpload;
}
