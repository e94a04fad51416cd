//! Files the company shared with the lender (statements, management accounts, ...): listing
//! them, downloading them, and uploading more through a connection.
//!
//! ```no_run
//! use codat_client::Upload;
//! use codat_lending::Lending;
//!
//! /// Shares a statement with the lender, then lists what the company has shared.
//! async fn share(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let file = Upload::from_path("statements/2024-06.pdf").content_type("application/pdf");
//!     lending.file_upload().upload(company, connection, file).await?;
//!     for file in lending.file_upload().list_uploaded(company).await? {
//!         println!("{:?} ({:?}), {:?}", file.display_name, file.source_type, file.uploaded);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Download, Error, Upload};

use crate::models::{DownloadFilesParams, File};

codat_client::resource! {
    /// Files the company uploaded; from [`Lending::file_upload`](crate::Lending::file_upload).
    pub struct FileUpload;
}

impl FileUpload<'_> {
    /// The files uploaded for the company (their names, sources and upload dates).
    ///
    /// Codat: [`list-files`](https://docs.codat.io/lending-api#/operations/list-files).
    #[endpoint(GET, "/companies/<company_id>/files",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_uploaded(self, company_id: &str) -> Result<Vec<File>, Error>;

    /// The files uploaded for the company, streamed; `options.date` keeps those uploaded on that day
    /// only.
    ///
    /// Codat: [`download-files`](https://docs.codat.io/lending-api#/operations/download-files).
    #[endpoint(GET, "/companies/<company_id>/files/download",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download(
        self,
        company_id: &str,
        #[params] options: DownloadFilesParams,
    ) -> Result<Download, Error>;

    /// Uploads one file for the company through the connection, sent as the form part
    /// `file`. Codat takes PDF, spreadsheet, CSV, document, presentation and JPEG or PNG
    /// files of up to 10 MB each, and answers with no body.
    ///
    /// Codat: [`upload-files`](https://docs.codat.io/lending-api#/operations/upload-files).
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/files",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn upload(
        self,
        company_id: &str,
        connection_id: &str,
        #[multipart] file: Upload,
    ) -> Result<(), Error>;
}
