//! Lending (second part of its groups: transactions, financial statements, Excel reports, the
//! financial summary, manage reports, bank statements, liabilities and file upload): one call of
//! each of its own operations with valid inputs, keyed by operationId.

use std::future::Future;
use std::pin::Pin;

use codat_client::models::DateTime;
use codat_client::paging::PageParams;
use codat_client::{Codat, Error, Upload};
use codat_lending::bank_statements::SourcePath;
use codat_lending::liabilities::SourceType;
use codat_lending::manage_reports::ReportType;
use codat_lending::models::{
    BankStatementUploadConfiguration, BankStatementUploadConfigurationSource,
    EndUploadSessionRequest, EndUploadSessionRequestStatus, ExcelReportTypes,
    StartUploadSessionRequest, StartUploadSessionRequestDataType, UploadBankStatementDataRequest,
};
use codat_lending::{Lending, ReportId};

use super::{Call, COMPANY, CONNECTION, DATASET};

/// A record id as the accounting software may give it.
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
/// An attachment id: the spec wants a UUID.
const ATTACHMENT: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";
/// A report id: a UUID, or `latest`.
const REPORT: &str = "6e9bae88-72c9-45ae-abe8-41fbf2871458";

fn paging() -> PageParams {
    PageParams::new()
        .page(1)
        .page_size(100)
        .order_by("-modifiedDate")
}

fn report() -> ReportId {
    REPORT.parse().expect("a UUID")
}

fn date(text: &str) -> DateTime {
    DateTime::from(text)
}

fn configuration() -> BankStatementUploadConfiguration {
    BankStatementUploadConfiguration {
        source: Some(BankStatementUploadConfigurationSource::Codat),
        account_id: Some("abc123-ABC".into()),
        provider_id: None,
    }
}

/// Data as a third-party banking service gave it. Any object fits that branch of the body's
/// `oneOf`, so a body in Codat's own shapes would fit two branches; this one fits only one.
fn third_party_data() -> UploadBankStatementDataRequest {
    UploadBankStatementDataRequest::Any(serde_json::json!({
        "accounts": [{"account_id": "plaid-acc-1", "balances": {"current": 1250.75}}],
        "item": {"institution_id": "ins_109508"}
    }))
}

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "get-categorized-profit-and-loss-statement",
            call!(c => Lending::new(c).financial_statements().profit_and_loss().get_categorized_accounts(COMPANY, codat_lending::models::GetCategorizedProfitAndLossStatementParams::new().report_date("29-09-2020").number_of_periods(12))),
        ),
        (
            "get-categorized-balance-sheet-statement",
            call!(c => Lending::new(c).financial_statements().balance_sheet().get_categorized_accounts(COMPANY, "29-09-2020", codat_lending::models::GetCategorizedBalanceSheetStatementParams::new().number_of_periods(12))),
        ),
        (
            "generate-loan-transactions",
            call!(c => Lending::new(c).liabilities().generate_loan_transactions(COMPANY, &SourceType::Accounting)),
        ),
        (
            "list-loan-transactions",
            call!(c => Lending::new(c).liabilities().list_loan_transactions(COMPANY, &SourceType::Accounting)),
        ),
        (
            "generate-loan-summary",
            call!(c => Lending::new(c).liabilities().generate_loan_summary(COMPANY, &SourceType::Banking)),
        ),
        (
            "get-loan-summary",
            call!(c => Lending::new(c).liabilities().get_loan_summary(COMPANY, &SourceType::Banking)),
        ),
        (
            "generate-excel-report",
            call!(c => Lending::new(c).excel_reports().generate(COMPANY, &ExcelReportTypes::EnhancedFinancials)),
        ),
        (
            "get-excel-report-generation-status",
            call!(c => Lending::new(c).excel_reports().get_status(COMPANY, &ExcelReportTypes::EnhancedFinancials)),
        ),
        (
            "download-excel-report",
            call!(c => Lending::new(c).excel_reports().download(COMPANY, &ExcelReportTypes::Audit)),
        ),
        (
            "list-accounting-account-transactions",
            call!(c => Lending::new(c).transactions().account_transactions().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-accounting-account-transaction",
            call!(c => Lending::new(c).transactions().account_transactions().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-accounting-accounts",
            call!(c => Lending::new(c).financial_statements().accounts().list(COMPANY, paging().query("isBankAccount=true"))),
        ),
        (
            "get-accounting-account",
            call!(c => Lending::new(c).financial_statements().accounts().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-direct-costs",
            call!(c => Lending::new(c).transactions().direct_costs().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-accounting-direct-cost",
            call!(c => Lending::new(c).transactions().direct_costs().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-direct-cost-attachment",
            call!(c => Lending::new(c).transactions().direct_costs().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "download-accounting-direct-cost-attachment",
            call!(c => Lending::new(c).transactions().direct_costs().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "list-accounting-direct-cost-attachments",
            call!(c => Lending::new(c).transactions().direct_costs().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "list-accounting-journal-entries",
            call!(c => Lending::new(c).transactions().journal_entries().list(COMPANY, paging())),
        ),
        (
            "get-accounting-journal-entry",
            call!(c => Lending::new(c).transactions().journal_entries().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-journals",
            call!(c => Lending::new(c).transactions().journals().list(COMPANY, paging())),
        ),
        (
            "get-accounting-journal",
            call!(c => Lending::new(c).transactions().journals().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-transfers",
            call!(c => Lending::new(c).transactions().transfers().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-accounting-transfer",
            call!(c => Lending::new(c).transactions().transfers().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-balance-sheet",
            call!(c => Lending::new(c).financial_statements().balance_sheet().get(COMPANY, 1, 12, codat_lending::models::GetAccountingBalanceSheetParams::new().start_month(date("2023-01-01")))),
        ),
        (
            "get-accounting-profit-and-loss",
            call!(c => Lending::new(c).financial_statements().profit_and_loss().get(COMPANY, 3, 4, codat_lending::models::GetAccountingProfitAndLossParams::new().start_month(date("2023-01-01T00:00:00Z")))),
        ),
        (
            "get-accounting-cash-flow-statement",
            call!(c => Lending::new(c).financial_statements().cash_flow().get(COMPANY, 1, 6, codat_lending::models::GetAccountingCashFlowStatementParams::new())),
        ),
        (
            "list-files",
            call!(c => Lending::new(c).file_upload().list_uploaded(COMPANY)),
        ),
        (
            "download-files",
            call!(c => Lending::new(c).file_upload().download(COMPANY, codat_lending::models::DownloadFilesParams::new().date(date("2024-05-01")))),
        ),
        (
            "upload-files",
            call!(c => Lending::new(c).file_upload().upload(
                COMPANY,
                CONNECTION,
                Upload::from_bytes(&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..])
                    .file_name("management-accounts.pdf")
                    .content_type("application/pdf"),
            )),
        ),
        (
            "get-bank-statement-upload-configuration",
            call!(c => Lending::new(c).bank_statements().get_upload_configuration(COMPANY, CONNECTION)),
        ),
        (
            "set-bank-statement-upload-configuration",
            call!(c => Lending::new(c).bank_statements().set_upload_configuration(COMPANY, CONNECTION, &configuration())),
        ),
        (
            "start-bank-statement-upload-session",
            call!(c => Lending::new(c).bank_statements().start_upload_session(
                COMPANY,
                CONNECTION,
                Some(&StartUploadSessionRequest {
                    data_type: Some(StartUploadSessionRequestDataType::BankingTransactions),
                }),
            )),
        ),
        (
            "upload-bank-statement-data",
            call!(c => Lending::new(c).bank_statements().upload_bank_statement_data(COMPANY, CONNECTION, DATASET, codat_lending::models::UploadBankStatementDataParams::new().path(SourcePath::AuthGet.clone()), &third_party_data())),
        ),
        (
            "end-bank-statement-upload-session",
            call!(c => Lending::new(c).bank_statements().end_upload_session(
                COMPANY,
                CONNECTION,
                DATASET,
                Some(&EndUploadSessionRequest {
                    status: Some(EndUploadSessionRequestStatus::Process),
                }),
            )),
        ),
        (
            "generate-report",
            call!(c => Lending::new(c).manage_reports().generate_report(COMPANY, &ReportType::CategorizedBankStatement)),
        ),
        (
            "get-report-status",
            call!(c => Lending::new(c).manage_reports().get_report_status(COMPANY, &ReportType::CreditModel, report(), codat_lending::models::GetReportStatusParams::new().max_age(date("2024-05-01T00:00:00Z")))),
        ),
        (
            "get-categorized-bank-statement-transactions",
            call!(c => Lending::new(c).bank_statements().get_categorized_bank_statement_transactions(COMPANY, ReportId::Latest, codat_lending::models::GetCategorizedBankStatementTransactionsParams::new(), paging())),
        ),
        (
            "list-categorized-bank-statement-accounts",
            call!(c => Lending::new(c).bank_statements().list_categorized_bank_statement_accounts(COMPANY, report(), codat_lending::models::ListCategorizedBankStatementAccountsParams::new().max_age(date("2024-05-01")), paging())),
        ),
        (
            "download-categorized-bank-statement-excel",
            call!(c => Lending::new(c).bank_statements().download_categorized_bank_statement_excel(COMPANY, ReportId::Latest, codat_lending::models::DownloadCategorizedBankStatementExcelParams::new())),
        ),
        (
            "download-credit-model-excel",
            call!(c => Lending::new(c).financial_summary().download_credit_model_excel(COMPANY, report(), codat_lending::models::DownloadCreditModelExcelParams::new())),
        ),
        (
            "list-reports",
            call!(c => Lending::new(c).manage_reports().list_reports(COMPANY, paging())),
        ),
        (
            "get-financial-summary",
            call!(c => Lending::new(c).financial_summary().get_financial_summary(COMPANY, ReportId::Latest)),
        ),
    ]
}
