//! Transactions, financial statements, reports, bank statements, liabilities and file upload:
//! their rows of the tables, then what only they have: the financial summary's 204, the
//! multipart upload, the bank statement upload session, report types and statuses Codat adds
//! later.

use codat_client::models::{DateTime, Page};
use codat_client::Upload;
use codat_lending::bank_statements::SourcePath;
use codat_lending::liabilities::SourceType;
use codat_lending::manage_reports::ReportType;
use codat_lending::models::{
    AccountBalanceAmounts, AccountIdentifierType, AccountIdentifiers, AccountInstitution,
    AccountingBankAccountType, BankStatementUploadConfiguration,
    BankStatementUploadConfigurationSource, BankingAccount, BankingTransaction,
    DownloadCategorizedBankStatementExcelParams, DownloadCreditModelExcelParams,
    DownloadFilesParams, EndUploadSessionRequest, EndUploadSessionRequestStatus, ExcelReportTypes,
    GetAccountingBalanceSheetParams, GetAccountingCashFlowStatementParams,
    GetAccountingProfitAndLossParams, GetCategorizedBalanceSheetStatementParams,
    GetCategorizedBankStatementTransactionsParams, GetCategorizedProfitAndLossStatementParams,
    GetReportStatusParams, ListCategorizedBankStatementAccountsParams, ReportOperationStatus,
    StartUploadSessionRequest, StartUploadSessionRequestDataType, UploadBankStatementDataParams,
    UploadBankStatementDataRequest,
};
use codat_lending::ReportId;
use codat_product_tests::{answering, call, header_of, json_body, list, page_fixture, paging};
use codat_product_tests::{requests, COMPANY, PAGING_QUERY};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

use crate::{List, Op, CONNECTION, DATASET, LENDING, REPORT};

const MAX_AGE: &str = "2024-05-01T00:00:00Z";
const MAX_AGE_QUERY: &str = "maxAge=2024-05-01T00%3A00%3A00Z";
const OCTET: &str = "application/octet-stream";

fn max_age() -> DateTime {
    DateTime::from(MAX_AGE)
}

fn report(id: &str) -> ReportId {
    id.parse().unwrap()
}

fn direct_cost(id: &str) -> Value {
    json!({
        "id": id, "issueDate": "2024-01-31T00:00:00", "currency": "GBP",
        "lineItems": [{"unitAmount": 10.0, "quantity": 1.0}], "paymentAllocations": [],
        "subTotal": 10.0, "taxAmount": 2.0, "totalAmount": 12.0
    })
}

fn excel_status(report_type: &str) -> Value {
    json!({
        "lastGenerated": "2024-05-01T10:00:00Z", "inProgress": false, "success": true,
        "lastInvocationId": "inv-1", "reportType": report_type, "fileSize": 52_100
    })
}

fn enhanced(name: &str) -> Value {
    json!({"reportInfo": {"reportName": name}, "reportItems": [{"accountId": "a-1", "balance": 10.0}]})
}

/// A banking account as the upload sends it, and as it is written.
fn banking_account() -> BankingAccount {
    BankingAccount {
        id: "acc-1".into(),
        name: "Business current account".into(),
        informal_name: None,
        holder: None,
        r#type: AccountingBankAccountType::Debit,
        balance: AccountBalanceAmounts {
            available: Some(dec!(1000.0)),
            current: Some(dec!(1250.75)),
            limit: None,
        },
        identifiers: AccountIdentifiers {
            r#type: AccountIdentifierType::Account,
            subtype: Some("checking".into()),
            number: Some("46762629".into()),
            bank_code: Some("040004".into()),
            iban: None,
            bic: None,
            masked_account_number: Some("****2629".into()),
        },
        currency: "GBP".into(),
        institution: AccountInstitution {
            id: Some("lloyds".into()),
            name: Some("Lloyds Bank".into()),
        },
        modified_date: None,
        source_modified_date: None,
    }
}

fn banking_account_json() -> Value {
    // Absent fields are left out.
    json!({
        "id": "acc-1", "name": "Business current account", "type": "Debit",
        "balance": {"available": 1000.0, "current": 1250.75},
        "identifiers": {"type": "Account", "subtype": "checking", "number": "46762629",
                        "bankCode": "040004", "maskedAccountNumber": "****2629"},
        "currency": "GBP", "institution": {"id": "lloyds", "name": "Lloyds Bank"}
    })
}

fn pull() -> Value {
    json!({
        "id": DATASET, "companyId": COMPANY, "connectionId": CONNECTION,
        "dataType": "banking-transactions", "status": "Initial",
        "requested": "2024-05-01T10:00:00Z", "progress": 0, "isCompleted": false,
        "isErrored": false
    })
}

pub(crate) fn ops() -> Vec<Op> {
    let one = |id: &str| json!({"id": id});
    let report_operation =
        |status: &str| json!({"id": REPORT, "status": status, "type": "creditModel"});
    vec![
        // ---- transactions
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/accountTransactions",
            call!(|p, a| p.transactions().account_transactions().list(&a[0], &a[1], paging())),
            one("at-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/accountTransactions/{accountTransactionId}",
            call!(|p, a| p.transactions().account_transactions().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "at-1", "currency": "GBP"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts",
            call!(|p, a| p.transactions().direct_costs().list(&a[0], &a[1], paging())),
            direct_cost("dc-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts/{directCostId}",
            call!(|p, a| p.transactions().direct_costs().get(&a[0], &a[1], &a[2])),
        )
        .fixture(direct_cost("dc-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts/{directCostId}/attachments",
            call!(|p, a| p.transactions().direct_costs().list_attachments(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"attachments": [{"id": "att-1", "name": "receipt.pdf"}, {"id": "att-2"}]})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts/{directCostId}/attachments/{attachmentId}",
            call!(|p, a| p.transactions().direct_costs().get_attachment(&a[0], &a[1], &a[2], &a[3])),
        )
        .fixture(json!({"id": REPORT, "name": "receipt.pdf", "contentType": "application/pdf",
                        "fileSize": 1024, "includeWhenSent": false})),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts/{directCostId}/attachments/{attachmentId}/download",
            call!(|p, a| p.transactions().direct_costs().download_attachment(&a[0], &a[1], &a[2], &a[3]) => file),
        )
        .file(OCTET),
        Op::page(
            "/companies/{companyId}/data/journalEntries",
            call!(|p, a| p.transactions().journal_entries().list(&a[0], paging())),
            one("je-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/journalEntries/{journalEntryId}",
            call!(|p, a| p.transactions().journal_entries().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": "je-1", "journalLines": []})),
        Op::page(
            "/companies/{companyId}/data/journals",
            call!(|p, a| p.transactions().journals().list(&a[0], paging())),
            one("j-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/journals/{journalId}",
            call!(|p, a| p.transactions().journals().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": "j-1", "name": "Sales", "journalCode": "SJ"})),
        Op::page(
            "/companies/{companyId}/connections/{connectionId}/data/transfers",
            call!(|p, a| p.transactions().transfers().list(&a[0], &a[1], paging())),
            one("t-1"),
        ),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/data/transfers/{transferId}",
            call!(|p, a| p.transactions().transfers().get(&a[0], &a[1], &a[2])),
        )
        .fixture(json!({"id": "t-1", "description": "To savings"})),
        // ---- financial statements
        Op::page(
            "/companies/{companyId}/data/accounts",
            call!(|p, a| p.financial_statements().accounts().list(&a[0], paging())),
            one("a-1"),
        ),
        Op::get(
            "/companies/{companyId}/data/accounts/{accountId}",
            call!(|p, a| p.financial_statements().accounts().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": "a-1", "name": "Sales"})),
        Op::get(
            "/companies/{companyId}/data/financials/balanceSheet",
            call!(|p, a| p.financial_statements().balance_sheet().get(&a[0], 4, 20, GetAccountingBalanceSheetParams::new().start_month(max_age()))),
        )
        .query("periodLength=4&periodsToCompare=20&startMonth=2024-05-01T00%3A00%3A00Z")
        .fixture(json!({"currency": "GBP", "reports": [{"netAssets": 100.5}]})),
        Op::get(
            "/companies/{companyId}/reports/enhancedBalanceSheet/accounts",
            call!(|p, a| {
                let periods = GetCategorizedBalanceSheetStatementParams::new().number_of_periods(6);
                p.financial_statements().balance_sheet().get_categorized_accounts(&a[0], "29-09-2020", periods)
            }),
        )
        .query("reportDate=29-09-2020&numberOfPeriods=6")
        .fixture(enhanced("EnhancedBalanceSheetAccounts")),
        Op::get(
            "/companies/{companyId}/data/financials/profitAndLoss",
            call!(|p, a| {
                let none = GetAccountingProfitAndLossParams::new();
                p.financial_statements().profit_and_loss().get(&a[0], 1, 12, none)
            }),
        )
        .query("periodLength=1&periodsToCompare=12")
        .fixture(json!({"reportBasis": "Accrual", "currency": "GBP", "reports": [
            {"grossProfit": 1.0, "netOperatingProfit": 1.0, "netOtherIncome": 0.0, "netProfit": 1.0}
        ]})),
        Op::get(
            "/companies/{companyId}/reports/enhancedProfitAndLoss/accounts",
            call!(|p, a| {
                let none = GetCategorizedProfitAndLossStatementParams::new();
                p.financial_statements().profit_and_loss().get_categorized_accounts(&a[0], none)
            }),
        )
        .fixture(enhanced("EnhancedProfitAndLossAccounts")),
        Op::get(
            "/companies/{companyId}/data/financials/cashFlowStatement",
            call!(|p, a| {
                let start = GetAccountingCashFlowStatementParams::new().start_month(DateTime::from("2023-01-01"));
                p.financial_statements().cash_flow().get(&a[0], 3, 4, start)
            }),
        )
        .query("periodLength=3&periodsToCompare=4&startMonth=2023-01-01")
        .fixture(json!({"reportBasis": "Cash", "reportInput": "Payments", "reports": [{}]})),
        // ---- Excel reports
        Op::post(
            "/data/companies/{companyId}/assess/excel",
            call!(|p, a| p.excel_reports().generate(&a[0], &ExcelReportTypes::EnhancedFinancials)),
        )
        .query("reportType=enhancedFinancials")
        .fixture(excel_status("enhancedFinancials")),
        Op::get(
            "/data/companies/{companyId}/assess/excel",
            call!(|p, a| p.excel_reports().get_status(&a[0], &ExcelReportTypes::Audit)),
        )
        .query("reportType=audit")
        .fixture(excel_status("audit")),
        Op::get(
            "/data/companies/{companyId}/assess/excel/download",
            call!(|p, a| p.excel_reports().download(&a[0], &ExcelReportTypes::EnhancedCashFlow) => file),
        )
        .query("reportType=enhancedCashFlow")
        .file(OCTET),
        // ---- liabilities
        Op::post(
            "/companies/{companyId}/reports/liabilities/loans/transactions",
            call!(|p, a| p.liabilities().generate_loan_transactions(&a[0], &SourceType::Commerce)),
        )
        .query("sourceType=commerce")
        .status(202)
        .empty(),
        Op::get(
            "/companies/{companyId}/reports/liabilities/loans/transactions",
            call!(|p, a| p.liabilities().list_loan_transactions(&a[0], &SourceType::Accounting)),
        )
        .query("sourceType=accounting")
        .fixture(json!({
            "reportInfo": {"pageNumber": 1, "pageSize": 100, "totalResults": 2,
                           "reportName": "LoanTransactions", "companyName": "Acme"},
            "reportItems": [
                {"loanRef": {"id": "loan-1"}, "amount": 5000.0, "loanTransactionType": "Investment"},
                {"loanRef": {"id": "loan-1"}, "amount": -250.0, "loanTransactionType": "Repayment"}
            ]
        })),
        Op::post(
            "/companies/{companyId}/reports/liabilities/loans",
            call!(|p, a| p.liabilities().generate_loan_summary(&a[0], &SourceType::Commerce)),
        )
        .query("sourceType=commerce")
        .status(202)
        .empty(),
        Op::get(
            "/companies/{companyId}/reports/liabilities/loans",
            call!(|p, a| p.liabilities().get_loan_summary(&a[0], &SourceType::Banking)),
        )
        .query("sourceType=banking")
        .fixture(json!({
            "reportInfo": {"reportName": "LoanSummary", "companyName": "Acme"},
            "reportItems": [{"recordRef": {"id": "loan-1", "integrationType": "Banking"},
                             "lender": "Bank of Dave", "balance": 4750.0}]
        })),
        // ---- file upload
        Op::get(
            "/companies/{companyId}/files",
            call!(|p, a| p.file_upload().list_uploaded(&a[0])),
        )
        .fixture(json!([
            {"fileName": "accounts-2023.pdf", "displayName": "Accounts 2023",
             "sourceType": "pdf", "uploaded": "2024-05-01T10:00:00Z"},
            {"fileName": "deck.pptx", "uploaded": "2024-05-02"}
        ])),
        Op::get(
            "/companies/{companyId}/files/download",
            call!(|p, a| p.file_upload().download(&a[0], DownloadFilesParams::new().date(max_age())) => file),
        )
        .query("date=2024-05-01T00%3A00%3A00Z")
        .file(OCTET),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/files",
            call!(|p, a| {
                let upload = Upload::from_bytes(&b"%PDF-1.7 accounts"[..]).file_name("accounts.pdf");
                p.file_upload().upload(&a[0], &a[1], upload)
            }),
        )
        .multipart()
        .empty(),
        // ---- financial summary
        Op::get(
            "/companies/{companyId}/reports/creditModel/{reportId}/financialSummary",
            call!(|p, a| p.financial_summary().get_financial_summary(&a[0], report(&a[1]))),
        )
        .also(&[204])
        .typed(&["reportId"])
        .fixture(json!({"booksClosedDate": {"date": "2025-05-31"}, "accountingScore": {"score": 90}})),
        Op::get(
            "/companies/{companyId}/reports/creditModel/{reportId}/excel",
            call!(|p, a| async {
                let none = DownloadCreditModelExcelParams::new();
                p.financial_summary().download_credit_model_excel(&a[0], report(&a[1]), none).await
            } => file),
        )
        .typed(&["reportId"])
        .file(OCTET),
        // ---- manage reports
        Op::post(
            "/companies/{companyId}/reports/{reportType}",
            call!(|p, a| p.manage_reports().generate_report(&a[0], &ReportType::from(&a[1]))),
        )
        .status(202)
        .fixture(report_operation("InProgress")),
        Op::get(
            "/companies/{companyId}/reports/{reportType}/{reportId}/status",
            call!(|p, a| async {
                let options = GetReportStatusParams::new().max_age(max_age());
                p.manage_reports().get_report_status(&a[0], &ReportType::from(&a[1]), report(&a[2]), options).await
            }),
        )
        .query(MAX_AGE_QUERY)
        .typed(&["reportId"])
        .fixture(report_operation("Complete")),
        Op::page(
            "/companies/{companyId}/reports",
            call!(|p, a| p.manage_reports().list_reports(&a[0], paging())),
            report_operation("Complete"),
        ),
        // ---- bank statements
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/configuration",
            call!(|p, a| p.bank_statements().get_upload_configuration(&a[0], &a[1])),
        )
        .fixture(json!({"source": "codat", "accountId": "acc-1"})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/configuration",
            call!(|p, a| p.bank_statements().set_upload_configuration(&a[0], &a[1], &a.body())),
        )
        .sends_examples(json!({"source": "codat", "accountId": "acc-1", "providerId": "ob-lloyds"}))
        .fixture(json!({"source": "codat", "accountId": "acc-1", "providerId": "ob-lloyds"})),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/startSession",
            call!(|p, a| async {
                let start = StartUploadSessionRequest {
                    data_type: Some(StartUploadSessionRequestDataType::BankingTransactions),
                };
                p.bank_statements().start_upload_session(&a[0], &a[1], Some(&start)).await
            }),
        )
        .sends(json!({"dataType": "banking-transactions"}))
        .fixture(pull()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/dataset/{datasetId}/upload",
            call!(|p, a| async {
                let account = UploadBankStatementDataRequest::BankingAccount(Box::new(banking_account()));
                let none = UploadBankStatementDataParams::new();
                p.bank_statements().upload_bank_statement_data(&a[0], &a[1], &a[2], none, &account).await
            }),
        )
        .sends(banking_account_json())
        .empty(),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/dataset/{datasetId}/endSession",
            call!(|p, a| async {
                let end = EndUploadSessionRequest { status: Some(EndUploadSessionRequestStatus::Process) };
                p.bank_statements().end_upload_session(&a[0], &a[1], &a[2], Some(&end)).await
            }),
        )
        .sends(json!({"status": "Process"}))
        .empty(),
        Op::get(
            "/companies/{companyId}/reports/categorizedBankStatement/{reportId}/transactions",
            call!(|p, a| {
                let options = GetCategorizedBankStatementTransactionsParams::new().max_age(max_age());
                let statements = p.bank_statements();
                statements.get_categorized_bank_statement_transactions(&a[0], report(&a[1]), options, paging())
            }),
        )
        .query(format!("{MAX_AGE_QUERY}&{PAGING_QUERY}"))
        .typed(&["reportId"])
        .fixture(page_fixture(json!([{"id": "tx-1", "amount": -12.5}]))),
        Op::get(
            "/companies/{companyId}/reports/categorizedBankStatement/{reportId}/accounts",
            call!(|p, a| {
                let none = ListCategorizedBankStatementAccountsParams::new();
                let statements = p.bank_statements();
                statements.list_categorized_bank_statement_accounts(&a[0], report(&a[1]), none, paging())
            }),
        )
        .query(PAGING_QUERY)
        .typed(&["reportId"])
        .fixture(page_fixture(json!([{"id": "acc-1", "accountName": "Current"}]))),
        Op::get(
            "/companies/{companyId}/reports/categorizedBankStatement/{reportId}/excel",
            call!(|p, a| async {
                let options = DownloadCategorizedBankStatementExcelParams::new().max_age(max_age());
                let statements = p.bank_statements();
                statements.download_categorized_bank_statement_excel(&a[0], report(&a[1]), options).await
            } => file),
        )
        .query(MAX_AGE_QUERY)
        .typed(&["reportId"])
        .file(OCTET),
    ]
}

pub(crate) fn lists() -> Vec<List> {
    vec![
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/accountTransactions",
            list!(
                |p, o| p.transactions().account_transactions().list_all(
                    COMPANY,
                    CONNECTION,
                    o.options()
                ),
                |t| t.id
            ),
        ),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/directCosts",
            list!(
                |p, o| p
                    .transactions()
                    .direct_costs()
                    .list_all(COMPANY, CONNECTION, o.options()),
                |d| d.id
            ),
        )
        .item(|i| direct_cost(&format!("item-{i}"))),
        List::new(
            "/companies/{companyId}/data/journalEntries",
            list!(
                |p, o| p
                    .transactions()
                    .journal_entries()
                    .list_all(COMPANY, o.options()),
                |e| e.id
            ),
        ),
        List::new(
            "/companies/{companyId}/data/journals",
            list!(
                |p, o| p.transactions().journals().list_all(COMPANY, o.options()),
                |j| j.id
            ),
        ),
        List::new(
            "/companies/{companyId}/connections/{connectionId}/data/transfers",
            list!(
                |p, o| p
                    .transactions()
                    .transfers()
                    .list_all(COMPANY, CONNECTION, o.options()),
                |t| t.id
            ),
        ),
        List::new(
            "/companies/{companyId}/data/accounts",
            list!(
                |p, o| p
                    .financial_statements()
                    .accounts()
                    .list_all(COMPANY, o.options()),
                |a| a.id
            ),
        ),
        List::new(
            "/companies/{companyId}/reports",
            list!(
                |p, o| p.manage_reports().list_all_reports(COMPANY, o.options()),
                |r| r.id
            ),
        ),
        List::new(
            "/companies/{companyId}/reports/categorizedBankStatement/{reportId}/transactions",
            list!(
                |p, o| p
                    .bank_statements()
                    .list_all_categorized_bank_statement_transactions(
                        COMPANY,
                        report(REPORT),
                        GetCategorizedBankStatementTransactionsParams::new().max_age(max_age()),
                        o.options(),
                    ),
                |t| t.id
            ),
        )
        .prefix("maxAge=2024-05-01T00%3A00%3A00Z&"),
        // Categorized accounts are told apart by name: the spec gives them no id.
        List::new(
            "/companies/{companyId}/reports/categorizedBankStatement/{reportId}/accounts",
            list!(
                |p, o| p
                    .bank_statements()
                    .list_all_categorized_bank_statement_accounts(
                        COMPANY,
                        report(REPORT),
                        ListCategorizedBankStatementAccountsParams::new(),
                        o.options(),
                    ),
                |a| a.account_name
            ),
        )
        .item(|i| json!({"accountName": format!("item-{i}")})),
    ]
}

// ---- what the tables do not say -------------------------------------------------------------

#[tokio::test]
async fn the_financial_summary_is_none_when_codat_answers_204() {
    let (lending, server) = LENDING.answered(ResponseTemplate::new(204)).await;
    let summary = lending
        .financial_summary()
        .get_financial_summary(COMPANY, ReportId::Latest);
    assert_eq!(summary.await.unwrap(), None);
    let sent = LENDING.only_request(&server).await;
    let path = format!("/companies/{COMPANY}/reports/creditModel/latest/financialSummary");
    assert_eq!(sent.url.path(), path);
}

#[tokio::test]
async fn a_configuration_with_a_provider_is_sent_and_read_whole() {
    // The spec's examples name no provider.
    let body = json!({"source": "codat", "accountId": "acc-1", "providerId": "ob-lloyds"});
    let path =
        "/companies/{companyId}/connections/{connectionId}/bankStatements/upload/configuration";
    let (lending, server) = LENDING.served("POST", path, 200, &body).await;
    let configuration: BankStatementUploadConfiguration =
        serde_json::from_value(body.clone()).unwrap();
    assert_eq!(
        configuration.source,
        Some(BankStatementUploadConfigurationSource::Codat)
    );
    let statements = lending.bank_statements();
    let answer = statements
        .set_upload_configuration(COMPANY, CONNECTION, &configuration)
        .await;
    assert_eq!(answer.unwrap(), configuration);
    assert_eq!(json_body(&LENDING.only_request(&server).await), body);
}

#[tokio::test]
async fn an_upload_is_one_file_part() {
    let (lending, server) = LENDING.answered(ResponseTemplate::new(200)).await;
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i % 249) as u8))
        .collect();
    let upload = Upload::from_bytes(pdf.clone())
        .file_name("management accounts.pdf")
        .content_type("application/pdf");
    lending
        .file_upload()
        .upload(COMPANY, CONNECTION, upload)
        .await
        .unwrap();
    let request = LENDING.only_request(&server).await;
    codat_product_tests::check_one_file_part(
        &request,
        "management accounts.pdf",
        "application/pdf",
        &pdf,
    );
}

#[tokio::test]
async fn an_upload_session_takes_no_body_a_page_or_a_third_partys_data() {
    let (lending, server) = LENDING
        .answered(ResponseTemplate::new(200).set_body_json(pull()))
        .await;
    let statements = lending.bank_statements();
    // No body at all when none is given.
    let session = statements
        .start_upload_session(COMPANY, CONNECTION, None)
        .await
        .unwrap();
    assert_eq!(
        (session.id.as_str(), session.company_id.as_str()),
        (DATASET, COMPANY)
    );
    statements
        .end_upload_session(COMPANY, CONNECTION, DATASET, None)
        .await
        .unwrap();
    let transaction = BankingTransaction {
        id: "tx-1".into(),
        account_id: "acc-1".into(),
        description: Some("Coffee".into()),
        amount: Some(dec!(-3.5)),
        currency: "GBP".into(),
        posted_date: Some("2024-04-30T09:00:00Z".into()),
        authorized_date: None,
        code: None,
        merchant_name: Some("Cafe".into()),
        transaction_category_ref: None,
        modified_date: None,
        source_modified_date: None,
    };
    let page = Page {
        results: vec![transaction],
        rejected: Vec::new(),
        page_number: 1,
        page_size: 100,
        total_results: 1,
        links: None,
    };
    let third_party = json!({"accounts": [{"account_id": "plaid-1", "balances": {"current": 10}}]});
    let uploads = [
        (
            UploadBankStatementDataRequest::BankingTransactions(page),
            None,
        ),
        (
            UploadBankStatementDataRequest::Any(third_party.clone()),
            Some(SourcePath::AuthGet),
        ),
    ];
    for (data, source_path) in &uploads {
        let mut params = UploadBankStatementDataParams::new();
        params.path = source_path.clone();
        statements
            .upload_bank_statement_data(COMPANY, CONNECTION, DATASET, params, data)
            .await
            .unwrap();
    }
    let sent = requests(&server).await;
    for request in &sent[..2] {
        assert!(request.body.is_empty(), "no body when none is given");
        assert_eq!(header_of(request, "content-type"), None);
    }
    let page_sent = json_body(&sent[2]);
    assert_eq!(page_sent["results"][0]["id"], "tx-1");
    assert_eq!(page_sent["results"][0]["amount"], -3.5);
    assert_eq!(page_sent["totalResults"], 1);
    // Data as the third party gave it goes as is, with the endpoint it came from.
    assert_eq!(json_body(&sent[3]), third_party);
    assert_eq!(sent[3].url.query(), Some("path=auth%2Fget"));
}

#[tokio::test]
async fn report_types_and_statuses_codat_adds_later_are_kept() {
    let answer = |body: Value| answering(ResponseTemplate::new(200).set_body_json(body));
    let server = answer(json!({"id": REPORT, "status": "Queued", "type": "spendAnalysis"})).await;
    let lending = LENDING.client(&server);
    let reports = lending.manage_reports();
    let spend = ReportType::from("spendAnalysis");
    let report = reports.generate_report(COMPANY, &spend).await.unwrap();
    // Sent as given, read back as received.
    let sent = LENDING.only_request(&server).await;
    assert_eq!(
        sent.url.path(),
        format!("/companies/{COMPANY}/reports/spendAnalysis")
    );
    assert_eq!(
        report.status,
        Some(ReportOperationStatus::Unrecognized("Queued".into()))
    );
    assert_eq!(report.status.unwrap().as_str(), "Queued");
    assert_eq!(ReportType::from("creditModel"), ReportType::CreditModel);

    let server = answer(json!({"reportType": "weeklyDigest", "success": true})).await;
    let lending = LENDING.client(&server);
    let got = lending
        .excel_reports()
        .get_status(COMPANY, &ExcelReportTypes::Audit)
        .await;
    let weekly = Some(ExcelReportTypes::Unrecognized("weeklyDigest".into()));
    assert_eq!(got.unwrap().report_type, weekly);
}
