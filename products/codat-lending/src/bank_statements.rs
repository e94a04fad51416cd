//! Bank statements: uploading a company's bank accounts and transactions to Codat yourself (a
//! configuration, then a session per data type), and the categorized bank statement report
//! built from its bank data.
//!
//! An upload goes: [`BankStatements::set_upload_configuration`] once per account, then
//! [`BankStatements::start_upload_session`] (its dataset id names the session),
//! [`BankStatements::upload_bank_statement_data`] for each page of data, and
//! [`BankStatements::end_upload_session`] to process or cancel what was sent.
//!
//! ```no_run
//! use codat_lending::models::{
//!     BankingTransactions, EndUploadSessionRequest, EndUploadSessionRequestStatus,
//!     StartUploadSessionRequest, StartUploadSessionRequestDataType,
//!     UploadBankStatementDataParams, UploadBankStatementDataRequest,
//! };
//! use codat_lending::Lending;
//!
//! /// Uploads one page of transactions read from your own banking data, then has Codat process it.
//! async fn upload(lending: &Lending, company: &str, connection: &str, page: BankingTransactions)
//!     -> Result<(), codat_client::Error>
//! {
//!     let statements = lending.bank_statements();
//!     let start = StartUploadSessionRequest {
//!         data_type: Some(StartUploadSessionRequestDataType::BankingTransactions),
//!     };
//!     let session = statements.start_upload_session(company, connection, Some(&start)).await?;
//!     let data = UploadBankStatementDataRequest::BankingTransactions(page);
//!     lending
//!         .bank_statements()
//!         .upload_bank_statement_data(company, connection, &session.id,
//!             UploadBankStatementDataParams::new(), &data)
//!         .await?;
//!     let end = EndUploadSessionRequest { status: Some(EndUploadSessionRequestStatus::Process) };
//!     let statements = lending.bank_statements();
//!     statements.end_upload_session(company, connection, &session.id, Some(&end)).await
//! }
//! ```

use codat_client::models::refresh_data::PullOperation;
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Download, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    Account, BankStatementUploadConfiguration, CashFlowTransaction,
    CategorizedBankStatementAccounts, CategorizedBankStatementTransactions,
    DownloadCategorizedBankStatementExcelParams, EndUploadSessionRequest,
    GetCategorizedBankStatementTransactionsParams, ListCategorizedBankStatementAccountsParams,
    StartUploadSessionRequest, UploadBankStatementDataParams, UploadBankStatementDataRequest,
};
use crate::ReportId;

codat_client::string_enum! {
    /// The endpoint of the third-party banking service that uploaded data was read from, the
    /// `path` of [`BankStatements::upload_bank_statement_data`]; only for data not in Codat's
    /// own format.
    pub enum SourcePath {
        /// `auth/get`.
        AuthGet = "auth/get",
    }
}

codat_client::resource! {
    /// Bank statement uploads and the categorized bank statement report; from
    /// [`Lending::bank_statements`](crate::Lending::bank_statements).
    pub struct BankStatements;
}

impl<'a> BankStatements<'a> {
    /// The connection's upload configuration: the format of the data (its source) and the
    /// account in the third-party platform it belongs to.
    ///
    /// Codat: [`get-bank-statement-upload-configuration`](https://docs.codat.io/lending-api#/operations/get-bank-statement-upload-configuration).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/bankStatements/upload/configuration",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_upload_configuration(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<BankStatementUploadConfiguration, Error>;

    /// Sets the connection's upload configuration, needed before any upload; Codat refuses a
    /// second one for the same account. Returns the configuration as it now stands.
    ///
    /// Codat: [`set-bank-statement-upload-configuration`](https://docs.codat.io/lending-api#/operations/set-bank-statement-upload-configuration).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankStatements/upload/configuration",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn set_upload_configuration(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] configuration: &BankStatementUploadConfiguration,
    ) -> Result<BankStatementUploadConfiguration, Error>;

    /// Opens an upload session for one data type (accounts or transactions), answered with
    /// the dataset that receives the data. One session per data type can be open at a time;
    /// it lapses after 90 minutes without an upload.
    ///
    /// Codat: [`start-bank-statement-upload-session`](https://docs.codat.io/lending-api#/operations/start-bank-statement-upload-session).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankStatements/upload/startSession",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn start_upload_session(
        self,
        company_id: &str,
        connection_id: &str,
        #[body] session: Option<&StartUploadSessionRequest>,
    ) -> Result<PullOperation, Error>;

    /// Uploads one page of data to the open session `dataset_id`: a bank account, a page of
    /// bank transactions, or data as the third-party service gave it (then `options.path` names the
    /// service's endpoint it came from). Codat answers with no body.
    ///
    /// Codat: [`upload-bank-statement-data`](https://docs.codat.io/lending-api#/operations/upload-bank-statement-data).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankStatements/upload/dataset/<dataset_id>/upload",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn upload_bank_statement_data(
        self,
        company_id: &str,
        connection_id: &str,
        dataset_id: &str,
        #[params] options: UploadBankStatementDataParams,
        #[body] data: &UploadBankStatementDataRequest,
    ) -> Result<(), Error>;

    /// Closes the session `dataset_id`: its status says whether Codat processes the data
    /// uploaded or drops it. Codat answers with no body.
    ///
    /// Codat: [`end-bank-statement-upload-session`](https://docs.codat.io/lending-api#/operations/end-bank-statement-upload-session).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/bankStatements/upload/dataset/<dataset_id>/endSession",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn end_upload_session(
        self,
        company_id: &str,
        connection_id: &str,
        dataset_id: &str,
        #[body] end: Option<&EndUploadSessionRequest>,
    ) -> Result<(), Error>;

    /// One page of the transactions of a categorized bank statement report (`report_id`, or
    /// [`ReportId::Latest`], no older than `options.max_age` when given), each with the
    /// categories Codat found for it; `paging` picks the page, its size, a filter and an
    /// order.
    ///
    /// Codat: [`get-categorized-bank-statement-transactions`](https://docs.codat.io/lending-api#/operations/get-categorized-bank-statement-transactions).
    #[endpoint(GET,
               "/companies/<company_id>/reports/categorizedBankStatement/<report_id>/transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_categorized_bank_statement_transactions(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: GetCategorizedBankStatementTransactionsParams,
        #[params] paging: PageParams,
    ) -> Result<CategorizedBankStatementTransactions, Error>;

    /// Every transaction of a categorized bank statement report, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all_categorized_bank_statement_transactions(
        self,
        company_id: &str,
        report_id: ReportId,
        report: GetCategorizedBankStatementTransactionsParams,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CashFlowTransaction, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned(), report),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, report) = &*owned;
                    BankStatements::new(codat)
                        .get_categorized_bank_statement_transactions(
                            company_id,
                            report_id,
                            report.clone(),
                            params,
                        )
                        .await
                },
            ),
        )
    }

    /// One page of the bank accounts a categorized bank statement report covers
    /// (`report_id`, or [`ReportId::Latest`], no older than `options.max_age` when given);
    /// `paging` picks the page, its size, a filter and an order.
    ///
    /// Codat: [`list-categorized-bank-statement-accounts`](https://docs.codat.io/lending-api#/operations/list-categorized-bank-statement-accounts).
    #[endpoint(GET,
               "/companies/<company_id>/reports/categorizedBankStatement/<report_id>/accounts",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_categorized_bank_statement_accounts(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: ListCategorizedBankStatementAccountsParams,
        #[params] paging: PageParams,
    ) -> Result<CategorizedBankStatementAccounts, Error>;

    /// Every bank account of a categorized bank statement report, as a stream that fetches
    /// pages as it goes (see [`PageOptions`]). It ends after the last page, or at the first
    /// error, which it yields.
    pub fn list_all_categorized_bank_statement_accounts(
        self,
        company_id: &str,
        report_id: ReportId,
        report: ListCategorizedBankStatementAccountsParams,
        options: PageOptions,
    ) -> BoxStream<'static, Result<Account, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned(), report),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, report) = &*owned;
                    BankStatements::new(codat)
                        .list_categorized_bank_statement_accounts(
                            company_id,
                            report_id,
                            report.clone(),
                            params,
                        )
                        .await
                },
            ),
        )
    }

    /// A categorized bank statement report as an Excel workbook, streamed (`report_id`, or
    /// [`ReportId::Latest`], no older than `options.max_age` when given).
    ///
    /// Codat: [`download-categorized-bank-statement-excel`](https://docs.codat.io/lending-api#/operations/download-categorized-bank-statement-excel).
    #[endpoint(GET,
               "/companies/<company_id>/reports/categorizedBankStatement/<report_id>/excel",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn download_categorized_bank_statement_excel(
        self,
        company_id: &str,
        report_id: ReportId,
        #[params] options: DownloadCategorizedBankStatementExcelParams,
    ) -> Result<Download, Error>;
}
