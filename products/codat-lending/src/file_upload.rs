//! Files the company shared with the lender (statements, management accounts, ...): listing
//! them, downloading them, and uploading more through a connection.

use codat_client::{endpoint, Download, Error, Upload};

use crate::models::{DownloadFilesParams, File};

codat_client::resource! {
    /// Files the company uploaded; from [`Lending::file_upload`](crate::Lending::file_upload).
    pub struct FileUpload;
}

impl FileUpload<'_> {
    /// The files uploaded for the company (their names, sources and upload dates).
    #[endpoint(GET, "/companies/<company_id>/files",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_uploaded(self, company_id: &str) -> Result<Vec<File>, Error>;

    /// The files uploaded for the company, streamed; `options.date` keeps those uploaded on that day
    /// only.
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
    #[endpoint(POST, "/companies/<company_id>/connections/<connection_id>/files",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn upload(
        self,
        company_id: &str,
        connection_id: &str,
        #[multipart] file: Upload,
    ) -> Result<(), Error>;
}
