//! Lending's transactions, financial statements, reports, bank statements, liabilities and file
//! upload operations against wiremock on 127.0.0.1: the method, the encoded path, the query, the
//! auth header and the body sent, and every success example the spec documents (named ones,
//! `$ref`s to shared examples, and single `example`s) decoded into the operation's return type.
//! Then the downloads (bytes, type and name kept, a short body is an error, an HTML page is not
//! taken for a file silently), the multipart upload, the bank statement upload session, the
//! 202 and 204 answers, the nine page streams (several pages, the end, the first error), error
//! statuses, undecodable bodies and hostile path values.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use codat_client::models::DateTime;
use codat_client::paging::{PageOptions, PageParams};
use codat_client::{Error, Upload};
use codat_lending::bank_statements::SourcePath;
use codat_lending::liabilities::SourceType;
use codat_lending::manage_reports::ReportType;
use codat_lending::models::{
    AccountBalanceAmounts, AccountIdentifierType, AccountIdentifiers, AccountInstitution,
    AccountingBankAccountType, BankStatementUploadConfiguration,
    BankStatementUploadConfigurationSource, BankingAccount, BankingTransaction,
    EndUploadSessionRequest, EndUploadSessionRequestStatus, ExcelReportTypes,
    GetCategorizedBankStatementTransactionsParams, ListCategorizedBankStatementAccountsParams,
    ReportOperationStatus, StartUploadSessionRequest, StartUploadSessionRequestDataType,
    UploadBankStatementDataParams, UploadBankStatementDataRequest,
};
use codat_lending::{Lending, ReportId};
use codat_product_tests as shared;
use codat_product_tests::{header_of, json_body, normalized, requests, serve, within};
use common::{
    ids, lending, only_request, page_body, page_fixture, pages_asked, paging, AUTH, COMP, COMPANY,
    CONN, CONNECTION, DATA, PAGING_QUERY, SPEC_COMP, SPEC_CONN, SPEC_DATA,
};
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use rust_decimal_macros::dec;
use serde_json::{json, Value};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The report the report tests name by id.
const REPORT: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/// The upload session the bank statement tests send to.
const DATASET: &str = "943accd0-4247-42d8-865b-363c8629e1da";
/// The `maxAge` and `startMonth` the tests send, and their encoding.
const MAX_AGE: &str = "2024-05-01T00:00:00Z";
const MAX_AGE_QUERY: &str = "maxAge=2024-05-01T00%3A00%3A00Z";

fn report() -> ReportId {
    REPORT.parse().unwrap()
}

fn max_age() -> DateTime {
    DateTime::from(MAX_AGE)
}

// ---- the spec's examples --------------------------------------------------------------------

/// Every JSON example of the operation's `status` response: the named ones (a `$ref` to a
/// shared example resolved) and a single `example`; `fixture` alone when the spec is missing
/// or documents none.
fn documented(spec_path: &str, verb: &str, status: u16, fixture: Value) -> Vec<(String, Value)> {
    let Some(op) = common::operation(spec_path, verb) else {
        return vec![("fixture".into(), fixture)];
    };
    let root = common::spec().unwrap();
    let content = &op["responses"][status.to_string()]["content"]["application/json"];
    assert!(content.is_object(), "{verb} {spec_path}: no JSON {status}");
    let mut found: Vec<(String, Value)> = content
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, e)| (name.clone(), shared::resolve(root, e)["value"].clone()))
        .collect();
    if let Some(single) = content.get("example") {
        found.push(("example".into(), single.clone()));
    }
    for (name, value) in &found {
        assert!(
            !value.is_null(),
            "{verb} {spec_path}: example {name} has no value"
        );
    }
    if found.is_empty() {
        found.push(("fixture".into(), fixture));
    }
    found
}

/// The request body examples of an operation, `$ref`s resolved.
fn documented_requests(spec_path: &str, verb: &str) -> Vec<(String, Value)> {
    let Some(op) = common::operation(spec_path, verb) else {
        return Vec::new();
    };
    let root = common::spec().unwrap();
    op["requestBody"]["content"]["application/json"]["examples"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, e)| (name.clone(), shared::resolve(root, e)["value"].clone()))
        .collect()
}

// ---- every JSON read, table-driven ----------------------------------------------------------

/// A call on a fresh client, reduced to the fields the test compares.
type Run = fn(Lending) -> BoxFuture<'static, Result<Value, Error>>;

/// `$call` on the client `$l`, its result `$out` reduced to `$summary`.
macro_rules! run {
    ($l:ident => $call:expr, $out:ident => $summary:expr) => {
        |$l: Lending| -> BoxFuture<'static, Result<Value, Error>> {
            Box::pin(async move {
                let $out = $call.await?;
                Ok($summary)
            })
        }
    };
}

/// One operation that answers JSON: what it sends, and how its answer is checked against
/// each documented example.
struct Case {
    id: &'static str,
    verb: &'static str,
    spec_path: String,
    status: u16,
    sent: String,
    query: Option<String>,
    fixture: Value,
    run: Run,
    /// The summary `run` must give for an example.
    expect: fn(&Value) -> Value,
}

/// The `id`s of a page's results, and its total.
fn page_ids(body: &Value) -> Value {
    let ids: Vec<Value> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    json!({"ids": ids, "total": body["totalResults"]})
}

macro_rules! page_summary {
    ($page:ident) => {
        json!({
            "ids": $page.results.iter().map(|r| json!(r.id)).collect::<Vec<_>>(),
            "total": $page.total_results,
        })
    };
}

fn direct_cost_fixture(id: &str) -> Value {
    json!({
        "id": id, "issueDate": "2024-01-31T00:00:00", "currency": "GBP",
        "lineItems": [{"unitAmount": 10.0, "quantity": 1.0}], "paymentAllocations": [],
        "subTotal": 10.0, "taxAmount": 2.0, "totalAmount": 12.0
    })
}

fn excel_status_fixture(report_type: &str) -> Value {
    json!({
        "lastGenerated": "2024-05-01T10:00:00Z", "inProgress": false, "success": true,
        "lastInvocationId": "inv-1", "reportType": report_type, "fileSize": 52_100
    })
}

fn cases() -> Vec<Case> {
    let paging_query = || Some(PAGING_QUERY.to_owned());
    vec![
        // ---- transactions
        Case {
            id: "list-accounting-account-transactions",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/accountTransactions"),
            status: 200,
            sent: format!("{CONN}/data/accountTransactions"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "at-1"}])),
            run: run!(l => l.transactions().account_transactions().list(COMPANY, CONNECTION, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-account-transaction",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/accountTransactions/{{accountTransactionId}}"),
            status: 200,
            sent: format!("{CONN}/data/accountTransactions/at-1"),
            query: None,
            fixture: json!({"id": "at-1", "currency": "GBP"}),
            run: run!(l => l.transactions().account_transactions().get(COMPANY, CONNECTION, "at-1"),
                      t => json!({"id": t.id, "currency": t.currency})),
            expect: |b| json!({"id": b["id"], "currency": b["currency"]}),
        },
        Case {
            id: "list-accounting-direct-costs",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/directCosts"),
            status: 200,
            sent: format!("{CONN}/data/directCosts"),
            query: paging_query(),
            fixture: page_fixture(json!([direct_cost_fixture("dc-1")])),
            run: run!(l => l.transactions().direct_costs().list(COMPANY, CONNECTION, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-direct-cost",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/directCosts/{{directCostId}}"),
            status: 200,
            sent: format!("{CONN}/data/directCosts/dc-1"),
            query: None,
            fixture: direct_cost_fixture("dc-1"),
            run: run!(l => l.transactions().direct_costs().get(COMPANY, CONNECTION, "dc-1"),
                      d => json!({"id": d.id, "total": common::amount(&d.total_amount), "lines": d.line_items.len()})),
            expect: |b| {
                json!({"id": b["id"], "total": b["totalAmount"],
                       "lines": b["lineItems"].as_array().unwrap().len()})
            },
        },
        Case {
            id: "list-accounting-direct-cost-attachments",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/directCosts/{{directCostId}}/attachments"),
            status: 200,
            sent: format!("{CONN}/data/directCosts/dc-1/attachments"),
            query: None,
            fixture: json!({"attachments": [{"id": "att-1", "name": "receipt.pdf"}, {"id": "att-2"}]}),
            run: run!(l => l.transactions().direct_costs().list_attachments(COMPANY, CONNECTION, "dc-1"),
                      a => json!(a.attachments.unwrap_or_default().iter().map(|a| json!(a.id)).collect::<Vec<_>>())),
            expect: |b| {
                json!(b["attachments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["id"].clone())
                    .collect::<Vec<_>>())
            },
        },
        Case {
            id: "get-accounting-direct-cost-attachment",
            verb: "GET",
            spec_path: format!(
                "{SPEC_CONN}/data/directCosts/{{directCostId}}/attachments/{{attachmentId}}"
            ),
            status: 200,
            sent: format!("{CONN}/data/directCosts/dc-1/attachments/{REPORT}"),
            query: None,
            fixture: json!({"id": REPORT, "name": "receipt.pdf", "contentType": "application/pdf",
                            "fileSize": 1024, "includeWhenSent": false}),
            run: run!(l => l.transactions().direct_costs().get_attachment(COMPANY, CONNECTION, "dc-1", REPORT),
                      a => json!({"id": a.id, "name": a.name, "size": a.file_size})),
            expect: |b| json!({"id": b["id"], "name": b["name"], "size": b["fileSize"]}),
        },
        Case {
            id: "list-accounting-journal-entries",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/journalEntries"),
            status: 200,
            sent: format!("{DATA}/journalEntries"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "je-1"}])),
            run: run!(l => l.transactions().journal_entries().list(COMPANY, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-journal-entry",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/journalEntries/{{journalEntryId}}"),
            status: 200,
            sent: format!("{DATA}/journalEntries/je-1"),
            query: None,
            fixture: json!({"id": "je-1", "journalLines": []}),
            run: run!(l => l.transactions().journal_entries().get(COMPANY, "je-1"),
                      e => json!({"id": e.id, "lines": e.journal_lines.map(|lines| lines.len())})),
            expect: |b| json!({"id": b["id"], "lines": b["journalLines"].as_array().map(Vec::len)}),
        },
        Case {
            id: "list-accounting-journals",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/journals"),
            status: 200,
            sent: format!("{DATA}/journals"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "j-1"}])),
            run: run!(l => l.transactions().journals().list(COMPANY, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-journal",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/journals/{{journalId}}"),
            status: 200,
            sent: format!("{DATA}/journals/j-1"),
            query: None,
            fixture: json!({"id": "j-1", "name": "Sales", "journalCode": "SJ"}),
            run: run!(l => l.transactions().journals().get(COMPANY, "j-1"),
                      j => json!({"id": j.id, "code": j.journal_code})),
            expect: |b| json!({"id": b["id"], "code": b["journalCode"]}),
        },
        Case {
            id: "list-accounting-transfers",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/transfers"),
            status: 200,
            sent: format!("{CONN}/data/transfers"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "t-1"}])),
            run: run!(l => l.transactions().transfers().list(COMPANY, CONNECTION, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-transfer",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/data/transfers/{{transferId}}"),
            status: 200,
            sent: format!("{CONN}/data/transfers/t-1"),
            query: None,
            fixture: json!({"id": "t-1", "description": "To savings"}),
            run: run!(l => l.transactions().transfers().get(COMPANY, CONNECTION, "t-1"),
                      t => json!({"id": t.id, "description": t.description})),
            expect: |b| json!({"id": b["id"], "description": b["description"]}),
        },
        // ---- financial statements
        Case {
            id: "list-accounting-accounts",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/accounts"),
            status: 200,
            sent: format!("{DATA}/accounts"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "a-1"}])),
            run: run!(l => l.financial_statements().accounts().list(COMPANY, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "get-accounting-account",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/accounts/{{accountId}}"),
            status: 200,
            sent: format!("{DATA}/accounts/a-1"),
            query: None,
            fixture: json!({"id": "a-1", "name": "Sales"}),
            run: run!(l => l.financial_statements().accounts().get(COMPANY, "a-1"),
                      a => json!({"id": a.id, "name": a.name})),
            expect: |b| json!({"id": b["id"], "name": b["name"]}),
        },
        Case {
            id: "get-accounting-balance-sheet",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/financials/balanceSheet"),
            status: 200,
            sent: format!("{DATA}/financials/balanceSheet"),
            query: Some(
                "periodLength=4&periodsToCompare=20&startMonth=2024-05-01T00%3A00%3A00Z".into(),
            ),
            fixture: json!({"currency": "GBP", "reports": [{"netAssets": 100.5}]}),
            run: run!(l => l.financial_statements().balance_sheet().get(COMPANY, 4, 20, codat_lending::models::GetAccountingBalanceSheetParams::new().start_month(max_age())),
                      s => json!({"currency": s.currency, "reports": s.reports.len(),
                                  "netAssets": s.reports.first().map(|r| common::amount(&r.net_assets))})),
            expect: |b| {
                let reports = b["reports"].as_array().unwrap();
                json!({"currency": b["currency"], "reports": reports.len(),
                       "netAssets": reports.first().map(|r| r["netAssets"].clone())})
            },
        },
        Case {
            id: "get-categorized-balance-sheet-statement",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/enhancedBalanceSheet/accounts"),
            status: 200,
            sent: format!("{COMP}/reports/enhancedBalanceSheet/accounts"),
            query: Some("reportDate=29-09-2020&numberOfPeriods=6".into()),
            fixture: json!({"reportInfo": {"reportName": "EnhancedBalanceSheetAccounts"},
                            "reportItems": [{"accountId": "a-1", "balance": 10.0}]}),
            run: run!(l => l.financial_statements().balance_sheet().get_categorized_accounts(COMPANY, "29-09-2020", codat_lending::models::GetCategorizedBalanceSheetStatementParams::new().number_of_periods(6)),
                      r => enhanced_summary(&r)),
            expect: enhanced_expect,
        },
        Case {
            id: "get-accounting-profit-and-loss",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/financials/profitAndLoss"),
            status: 200,
            sent: format!("{DATA}/financials/profitAndLoss"),
            query: Some("periodLength=1&periodsToCompare=12".into()),
            fixture: json!({"reportBasis": "Accrual", "currency": "GBP", "reports": [
                {"grossProfit": 1.0, "netOperatingProfit": 1.0, "netOtherIncome": 0.0, "netProfit": 1.0}
            ]}),
            run: run!(l => l.financial_statements().profit_and_loss().get(COMPANY, 1, 12, codat_lending::models::GetAccountingProfitAndLossParams::new()),
                      r => json!({"basis": r.report_basis.as_str(), "reports": r.reports.len(),
                                  "netProfit": r.reports.first().map(|r| common::amount(&r.net_profit))})),
            expect: |b| {
                let reports = b["reports"].as_array().unwrap();
                json!({"basis": b["reportBasis"], "reports": reports.len(),
                       "netProfit": reports.first().map(|r| r["netProfit"].clone())})
            },
        },
        Case {
            id: "get-categorized-profit-and-loss-statement",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/enhancedProfitAndLoss/accounts"),
            status: 200,
            sent: format!("{COMP}/reports/enhancedProfitAndLoss/accounts"),
            query: None,
            fixture: json!({"reportInfo": {"reportName": "EnhancedProfitAndLossAccounts"},
                            "reportItems": [{"accountId": "a-1", "balance": 10.0}]}),
            run: run!(l => l.financial_statements().profit_and_loss().get_categorized_accounts(COMPANY, codat_lending::models::GetCategorizedProfitAndLossStatementParams::new()),
                      r => enhanced_summary(&r)),
            expect: enhanced_expect,
        },
        Case {
            id: "get-accounting-cash-flow-statement",
            verb: "GET",
            spec_path: format!("{SPEC_DATA}/financials/cashFlowStatement"),
            status: 200,
            sent: format!("{DATA}/financials/cashFlowStatement"),
            query: Some("periodLength=3&periodsToCompare=4&startMonth=2023-01-01".into()),
            fixture: json!({"reportBasis": "Cash", "reportInput": "Payments", "reports": [{}]}),
            run: run!(l => l.financial_statements().cash_flow().get(COMPANY, 3, 4, codat_lending::models::GetAccountingCashFlowStatementParams::new().start_month(DateTime::from("2023-01-01"))),
                      r => json!({"basis": r.report_basis.as_str(), "input": r.report_input.as_str(),
                                  "reports": r.reports.len()})),
            expect: |b| {
                json!({"basis": b["reportBasis"], "input": b["reportInput"],
                       "reports": b["reports"].as_array().unwrap().len()})
            },
        },
        // ---- Excel reports
        Case {
            id: "generate-excel-report",
            verb: "POST",
            spec_path: "/data/companies/{companyId}/assess/excel".into(),
            status: 200,
            sent: format!("/data{COMP}/assess/excel"),
            query: Some("reportType=enhancedFinancials".into()),
            fixture: excel_status_fixture("enhancedFinancials"),
            run: run!(l => l.excel_reports().generate(COMPANY, &ExcelReportTypes::EnhancedFinancials),
                      s => excel_summary(&s)),
            expect: excel_expect,
        },
        Case {
            id: "get-excel-report-generation-status",
            verb: "GET",
            spec_path: "/data/companies/{companyId}/assess/excel".into(),
            status: 200,
            sent: format!("/data{COMP}/assess/excel"),
            query: Some("reportType=audit".into()),
            fixture: excel_status_fixture("audit"),
            run: run!(l => l.excel_reports().get_status(COMPANY, &ExcelReportTypes::Audit),
                      s => excel_summary(&s)),
            expect: excel_expect,
        },
        // ---- liabilities
        Case {
            id: "list-loan-transactions",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/liabilities/loans/transactions"),
            status: 200,
            sent: format!("{COMP}/reports/liabilities/loans/transactions"),
            query: Some("sourceType=accounting".into()),
            fixture: json!({
                "reportInfo": {"pageNumber": 1, "pageSize": 100, "totalResults": 2,
                               "reportName": "LoanTransactions", "companyName": "Acme"},
                "reportItems": [
                    {"loanRef": {"id": "loan-1"}, "amount": 5000.0, "loanTransactionType": "Investment"},
                    {"loanRef": {"id": "loan-1"}, "amount": -250.0, "loanTransactionType": "Repayment"}
                ]
            }),
            run: run!(l => l.liabilities().list_loan_transactions(COMPANY, &SourceType::Accounting),
            r => json!({
                "name": r.report_info.and_then(|i| i.report_name),
                "types": r.report_items.unwrap_or_default().iter()
                    .map(|i| json!(i.loan_transaction_type.as_ref().map(|t| t.as_str().to_owned())))
                    .collect::<Vec<_>>(),
            })),
            expect: |b| {
                json!({"name": b["reportInfo"]["reportName"],
                       "types": b["reportItems"].as_array().unwrap().iter()
                           .map(|i| i["loanTransactionType"].clone()).collect::<Vec<_>>()})
            },
        },
        Case {
            id: "get-loan-summary",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/liabilities/loans"),
            status: 200,
            sent: format!("{COMP}/reports/liabilities/loans"),
            query: Some("sourceType=banking".into()),
            fixture: json!({
                "reportInfo": {"reportName": "LoanSummary", "companyName": "Acme"},
                "reportItems": [{"recordRef": {"id": "loan-1", "integrationType": "Banking"},
                                 "lender": "Bank of Dave", "balance": 4750.0}]
            }),
            run: run!(l => l.liabilities().get_loan_summary(COMPANY, &SourceType::Banking),
            r => json!({
                "name": r.report_info.and_then(|i| i.report_name),
                "lenders": r.report_items.unwrap_or_default().iter()
                    .map(|i| json!(i.lender)).collect::<Vec<_>>(),
            })),
            expect: |b| {
                json!({"name": b["reportInfo"]["reportName"],
                       "lenders": b["reportItems"].as_array().unwrap().iter()
                           .map(|i| i["lender"].clone()).collect::<Vec<_>>()})
            },
        },
        // ---- file upload
        Case {
            id: "list-files",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/files"),
            status: 200,
            sent: format!("{COMP}/files"),
            query: None,
            fixture: json!([
                {"fileName": "accounts-2023.pdf", "displayName": "Accounts 2023",
                 "sourceType": "pdf", "uploaded": "2024-05-01T10:00:00Z"},
                {"fileName": "deck.pptx", "uploaded": "2024-05-02"}
            ]),
            run: run!(l => l.file_upload().list_uploaded(COMPANY),
                      f => json!(f.iter().map(|f| json!([f.file_name, f.uploaded])).collect::<Vec<_>>())),
            expect: |b| {
                json!(b
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| json!([f["fileName"], f["uploaded"]]))
                    .collect::<Vec<_>>())
            },
        },
        // ---- bank statements
        Case {
            id: "get-bank-statement-upload-configuration",
            verb: "GET",
            spec_path: format!("{SPEC_CONN}/bankStatements/upload/configuration"),
            status: 200,
            sent: format!("{CONN}/bankStatements/upload/configuration"),
            query: None,
            fixture: json!({"source": "codat", "accountId": "acc-1"}),
            run: run!(l => l.bank_statements().get_upload_configuration(COMPANY, CONNECTION),
                      c => json!({"source": c.source.map(|s| s.as_str().to_owned()), "account": c.account_id})),
            expect: |b| json!({"source": b["source"], "account": b["accountId"]}),
        },
        Case {
            id: "get-categorized-bank-statement-transactions",
            verb: "GET",
            spec_path: format!(
                "{SPEC_COMP}/reports/categorizedBankStatement/{{reportId}}/transactions"
            ),
            status: 200,
            sent: format!("{COMP}/reports/categorizedBankStatement/{REPORT}/transactions"),
            query: Some(format!("{MAX_AGE_QUERY}&{PAGING_QUERY}")),
            fixture: page_fixture(json!([{"id": "tx-1", "amount": -12.5}])),
            run: run!(l => l.bank_statements().get_categorized_bank_statement_transactions(
                          COMPANY, report(), GetCategorizedBankStatementTransactionsParams::new().max_age(max_age()), paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        Case {
            id: "list-categorized-bank-statement-accounts",
            verb: "GET",
            spec_path: format!(
                "{SPEC_COMP}/reports/categorizedBankStatement/{{reportId}}/accounts"
            ),
            status: 200,
            sent: format!("{COMP}/reports/categorizedBankStatement/latest/accounts"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": "acc-1", "accountName": "Current"}])),
            run: run!(l => l.bank_statements().list_categorized_bank_statement_accounts(
                COMPANY, ReportId::Latest, ListCategorizedBankStatementAccountsParams::new(), paging()),
            p => json!({
                "names": p.results.iter().map(|a| json!(a.account_name)).collect::<Vec<_>>(),
                "total": p.total_results,
            })),
            expect: |b| {
                json!({"names": b["results"].as_array().unwrap().iter()
                           .map(|a| a["accountName"].clone()).collect::<Vec<_>>(),
                       "total": b["totalResults"]})
            },
        },
        // ---- manage reports
        Case {
            id: "generate-report",
            verb: "POST",
            spec_path: format!("{SPEC_COMP}/reports/{{reportType}}"),
            status: 202,
            sent: format!("{COMP}/reports/creditModel"),
            query: None,
            fixture: json!({"id": REPORT, "status": "InProgress", "type": "creditModel"}),
            run: run!(l => l.manage_reports().generate_report(COMPANY, &ReportType::CreditModel),
                      r => report_summary(&r)),
            expect: report_expect,
        },
        Case {
            id: "get-report-status",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/{{reportType}}/{{reportId}}/status"),
            status: 200,
            sent: format!("{COMP}/reports/categorizedBankStatement/{REPORT}/status"),
            query: Some(MAX_AGE_QUERY.into()),
            fixture: json!({"id": REPORT, "status": "Complete", "type": "categorizedBankStatement"}),
            run: run!(l => l.manage_reports().get_report_status(COMPANY, &ReportType::CategorizedBankStatement, report(), codat_lending::models::GetReportStatusParams::new().max_age(max_age())),
                      r => report_summary(&r)),
            expect: report_expect,
        },
        Case {
            id: "list-reports",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports"),
            status: 200,
            sent: format!("{COMP}/reports"),
            query: paging_query(),
            fixture: page_fixture(json!([{"id": REPORT, "status": "Complete"}])),
            run: run!(l => l.manage_reports().list_reports(COMPANY, paging()),
                      p => page_summary!(p)),
            expect: page_ids,
        },
        // ---- financial summary
        Case {
            id: "get-financial-summary",
            verb: "GET",
            spec_path: format!("{SPEC_COMP}/reports/creditModel/{{reportId}}/financialSummary"),
            status: 200,
            sent: format!("{COMP}/reports/creditModel/latest/financialSummary"),
            query: None,
            fixture: json!({"booksClosedDate": {"date": "2025-05-31"}, "accountingScore": {"score": 90}}),
            run: run!(l => l.financial_summary().get_financial_summary(COMPANY, ReportId::Latest),
            s => {
                let s = s.expect("a 200 with a body is Some");
                json!({
                    "closed": s.books_closed_date.and_then(|d| d.date),
                    "score": common::amount(&s.accounting_score.and_then(|a| a.score)),
                })
            }),
            expect: |b| json!({"closed": b["booksClosedDate"]["date"], "score": b["accountingScore"]["score"]}),
        },
    ]
}

fn enhanced_summary(r: &codat_lending::models::EnhancedFinancialReport) -> Value {
    json!({
        "name": r.report_info.as_ref().and_then(|i| i.report_name.clone()),
        "accounts": r.report_items.iter().flatten().map(|i| json!([i.account_id, common::amount(&i.balance)])).collect::<Vec<_>>(),
    })
}

fn enhanced_expect(b: &Value) -> Value {
    json!({
        "name": b["reportInfo"]["reportName"],
        "accounts": b["reportItems"].as_array().unwrap().iter()
            .map(|i| json!([i["accountId"], i["balance"]])).collect::<Vec<_>>(),
    })
}

fn excel_summary(s: &codat_lending::models::ExcelStatus) -> Value {
    json!({
        "type": s.report_type.as_ref().map(|t| t.as_str().to_owned()),
        "success": s.success,
        "size": s.file_size,
    })
}

fn excel_expect(b: &Value) -> Value {
    json!({"type": b["reportType"], "success": b["success"], "size": b["fileSize"]})
}

fn report_summary(r: &codat_lending::models::ReportOperation) -> Value {
    json!({
        "id": r.id,
        "status": r.status.as_ref().map(|s| s.as_str().to_owned()),
        "type": r.r#type.as_ref().map(|t| t.as_str().to_owned()),
    })
}

fn report_expect(b: &Value) -> Value {
    json!({"id": b["id"], "status": b["status"], "type": b["type"]})
}

#[tokio::test]
async fn every_json_operation_sends_its_request_and_decodes_every_example() {
    let cases = cases();
    assert_eq!(cases.len(), 31);
    let mut decoded = 0;
    for case in cases {
        let verb = case.verb.to_lowercase();
        for (name, body) in documented(&case.spec_path, &verb, case.status, case.fixture.clone()) {
            let server = serve(AUTH, case.verb, &case.sent, case.status, &body).await;
            let got = (case.run)(lending(&server))
                .await
                .unwrap_or_else(|e| panic!("{} ({name}): {e}", case.id));
            assert_eq!(
                normalized(&got),
                normalized(&(case.expect)(&body)),
                "{} ({name})",
                case.id
            );
            let request = only_request(&server).await;
            assert_eq!(request.url.query(), case.query.as_deref(), "{}", case.id);
            assert!(request.body.is_empty(), "{}: no body", case.id);
            decoded += 1;
        }
    }
    // With the spec, its many examples; without it, one fixture per operation.
    assert!(decoded >= 31, "{decoded}");
    if common::spec().is_some() {
        assert!(decoded > 150, "{decoded} examples decoded");
    }
}

#[tokio::test]
async fn the_financial_summary_is_none_when_codat_answers_204() {
    let sent = format!("{COMP}/reports/creditModel/{REPORT}/financialSummary");
    if let Some(op) = common::operation(
        &format!("{SPEC_COMP}/reports/creditModel/{{reportId}}/financialSummary"),
        "get",
    ) {
        assert!(
            op["responses"]["204"].is_object(),
            "the spec documents the 204"
        );
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(sent.as_str()))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let summary = lending(&server)
        .financial_summary()
        .get_financial_summary(COMPANY, report())
        .await
        .unwrap();
    assert_eq!(summary, None);
    assert_eq!(only_request(&server).await.url.path(), sent);
}

// ---- downloads ------------------------------------------------------------------------------

type DownloadCall = fn(Lending) -> BoxFuture<'static, Result<codat_client::Download, Error>>;

/// A download on the client `$l`.
macro_rules! download {
    ($l:ident => $body:block) => {
        (|$l: Lending| -> BoxFuture<'static, Result<codat_client::Download, Error>> {
            Box::pin(async move $body)
        }) as DownloadCall
    };
}

/// The five downloads: the path and query each sends, and the call.
fn downloads() -> Vec<(&'static str, String, Option<String>, DownloadCall)> {
    vec![
        (
            "download-accounting-direct-cost-attachment",
            format!("{CONN}/data/directCosts/dc-1/attachments/{REPORT}/download"),
            None,
            download!(l => {
                    l.transactions()
                        .direct_costs()
                        .download_attachment(COMPANY, CONNECTION, "dc-1", REPORT)
                        .await
            }),
        ),
        (
            "download-files",
            format!("{COMP}/files/download"),
            Some("date=2024-05-01T00%3A00%3A00Z".into()),
            download!(l => {
                    l.file_upload()
                        .download(COMPANY, codat_lending::models::DownloadFilesParams::new().date(max_age()))
                        .await
            }),
        ),
        (
            "download-excel-report",
            format!("/data{COMP}/assess/excel/download"),
            Some("reportType=enhancedCashFlow".into()),
            download!(l => {
                    l.excel_reports()
                        .download(COMPANY, &ExcelReportTypes::EnhancedCashFlow)
                        .await
            }),
        ),
        (
            "download-categorized-bank-statement-excel",
            format!("{COMP}/reports/categorizedBankStatement/latest/excel"),
            Some(MAX_AGE_QUERY.into()),
            download!(l => {
                    l.bank_statements()
                        .download_categorized_bank_statement_excel(COMPANY, ReportId::Latest, codat_lending::models::DownloadCategorizedBankStatementExcelParams::new().max_age(max_age()))
                        .await
            }),
        ),
        (
            "download-credit-model-excel",
            format!("{COMP}/reports/creditModel/{REPORT}/excel"),
            None,
            download!(l => {
                    l.financial_summary()
                        .download_credit_model_excel(COMPANY, report(), codat_lending::models::DownloadCreditModelExcelParams::new())
                        .await
            }),
        ),
    ]
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[tokio::test]
async fn every_download_keeps_its_bytes_type_and_file_name() {
    let bytes: Vec<u8> = b"PK\x03\x04"
        .iter()
        .copied()
        .chain((0..90_000u32).map(|i| (i % 251) as u8))
        .collect();
    for (id, sent, query, call) in downloads() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(sent.as_str()))
            .and(header("authorization", AUTH))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(bytes.clone(), XLSX)
                    .insert_header(
                        "content-disposition",
                        "attachment; filename=\"report 2024.xlsx\"",
                    ),
            )
            .mount(&server)
            .await;
        let download = call(lending(&server))
            .await
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(download.status(), 200, "{id}");
        assert_eq!(download.content_type(), Some(XLSX), "{id}");
        assert_eq!(
            download.file_name().as_deref(),
            Some("report 2024.xlsx"),
            "{id}"
        );
        assert_eq!(download.content_length(), Some(bytes.len() as u64), "{id}");
        assert_eq!(download.bytes().await.unwrap(), bytes, "{id}");
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), query.as_deref(), "{id}");
        // A file of any type is welcome, and Codat's JSON errors too.
        assert_eq!(header_of(&request, "accept"), Some("*/*"), "{id}");
    }
}

#[tokio::test]
async fn a_download_that_ends_early_is_an_error_not_a_short_file() {
    // A server that promises 1000 bytes, sends a few and hangs up.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n\
                  content-length: 1000\r\n\r\nPK\x03\x04 only the start",
            );
        }
    });
    let codat = codat_client::Codat::builder()
        .api_key(common::KEY)
        .base_url(url)
        .retry_policy(codat_client::RetryPolicy::disabled())
        .build()
        .unwrap();
    let lending = Lending::new(&codat);
    let download = lending
        .excel_reports()
        .download(COMPANY, &ExcelReportTypes::Audit)
        .await
        .unwrap();
    assert_eq!(download.content_length(), Some(1000));
    let err = within(download.bytes()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    let mut chunks = lending
        .file_upload()
        .download(COMPANY, codat_lending::models::DownloadFilesParams::new())
        .await
        .unwrap()
        .into_stream();
    let mut results = Vec::new();
    while let Some(chunk) = within(chunks.next()).await {
        results.push(chunk.is_ok());
    }
    assert_eq!(
        results.last(),
        Some(&false),
        "the stream ends with the error"
    );
}

#[tokio::test]
async fn a_download_answered_with_an_html_page_says_so() {
    // A 200 with a web page where a workbook is expected: the caller can tell from the type.
    let page = "<!DOCTYPE html><html><body>Sign in to continue</body></html>";
    let sent = format!("{COMP}/reports/creditModel/latest/excel");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(sent.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8"))
        .mount(&server)
        .await;
    let download = lending(&server)
        .financial_summary()
        .download_credit_model_excel(
            COMPANY,
            ReportId::Latest,
            codat_lending::models::DownloadCreditModelExcelParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some("text/html; charset=utf-8"));
    assert_eq!(download.file_name(), None);
    assert_eq!(download.bytes().await.unwrap(), page.as_bytes());

    // The same page with an error status is an error that keeps it, not a file.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let err = lending(&server)
        .financial_summary()
        .download_credit_model_excel(
            COMPANY,
            ReportId::Latest,
            codat_lending::models::DownloadCreditModelExcelParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(502));
    assert!(err.body().unwrap().contains("Sign in to continue"));
    assert_eq!(
        err.response().unwrap().content_type.as_deref(),
        Some("text/html")
    );
}

#[tokio::test]
async fn a_download_error_is_codats_error_message() {
    let server = serve(
        AUTH,
        "GET",
        &format!("/data{COMP}/assess/excel/download"),
        404,
        &json!({"statusCode": 404, "service": "Assess", "error": "No report generated yet",
                "correlationId": "dl-404"}),
    )
    .await;
    let err = lending(&server)
        .excel_reports()
        .download(COMPANY, &ExcelReportTypes::EnhancedInvoices)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("No report generated yet")
    );
    assert_eq!(err.correlation_id(), Some("dl-404"));
}

// ---- uploads and writes ---------------------------------------------------------------------

/// The single part of a multipart body: its headers and its content.
fn multipart_part(request: &Request) -> (String, Vec<u8>) {
    let content_type = header_of(request, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let body = &request.body;
    let start = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let closing = format!("\r\n--{boundary}--");
    let end = body
        .windows(closing.len())
        .rposition(|w| w == closing.as_bytes())
        .unwrap();
    (
        String::from_utf8_lossy(&body[..start]).into_owned(),
        body[start..end].to_vec(),
    )
}

#[tokio::test]
async fn upload_sends_one_file_part_and_takes_an_empty_answer() {
    if let Some(op) = common::operation(&format!("{SPEC_CONN}/files"), "post") {
        let form = &op["requestBody"]["content"]["multipart/form-data"];
        assert!(form.is_object(), "the spec's upload is multipart");
    }
    let sent = format!("{CONN}/files");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(sent.as_str()))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i % 249) as u8))
        .collect();
    let upload = Upload::from_bytes(pdf.clone())
        .file_name("management accounts.pdf")
        .content_type("application/pdf");
    lending(&server)
        .file_upload()
        .upload(COMPANY, CONNECTION, upload)
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    let (head, content) = multipart_part(&request);
    assert!(head.contains("name=\"file\""), "{head}");
    assert!(
        head.contains("filename=\"management accounts.pdf\""),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/pdf"),
        "{head}"
    );
    assert_eq!(content, pdf);
}

#[tokio::test]
async fn set_upload_configuration_sends_every_documented_body() {
    let spec_path = format!("{SPEC_CONN}/bankStatements/upload/configuration");
    let mut bodies = documented_requests(&spec_path, "post");
    if common::spec().is_some() {
        assert!(!bodies.is_empty(), "the spec documents a configuration");
    }
    bodies.push((
        "fixture".into(),
        json!({"source": "codat", "accountId": "acc-1", "providerId": "ob-lloyds"}),
    ));
    for (name, body) in bodies {
        let configuration: BankStatementUploadConfiguration = BankStatementUploadConfiguration {
            source: body["source"].as_str().map(Into::into),
            account_id: body["accountId"].as_str().map(Into::into),
            provider_id: body["providerId"].as_str().map(Into::into),
        };
        assert_eq!(
            configuration.source,
            Some(BankStatementUploadConfigurationSource::Codat),
            "{name}"
        );
        let sent = format!("{CONN}/bankStatements/upload/configuration");
        let server = serve(AUTH, "POST", &sent, 200, &body).await;
        let answer = lending(&server)
            .bank_statements()
            .set_upload_configuration(COMPANY, CONNECTION, &configuration)
            .await
            .unwrap();
        assert_eq!(answer, configuration, "{name}");
        let request = only_request(&server).await;
        assert_eq!(json_body(&request), body, "{name}");
        assert_eq!(request.url.query(), None);
    }
}

#[tokio::test]
async fn an_upload_session_starts_takes_data_and_ends() {
    let server = MockServer::start().await;
    let pull = json!({
        "id": DATASET, "companyId": COMPANY, "connectionId": CONNECTION,
        "dataType": "banking-transactions", "status": "Initial",
        "requested": "2024-05-01T10:00:00Z", "progress": 0, "isCompleted": false,
        "isErrored": false
    });
    Mock::given(method("POST"))
        .and(path(format!("{CONN}/bankStatements/upload/startSession")))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(200).set_body_json(&pull))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{CONN}/bankStatements/upload/dataset/{DATASET}/upload"
        )))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{CONN}/bankStatements/upload/dataset/{DATASET}/endSession"
        )))
        .and(header("authorization", AUTH))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let lending = lending(&server);
    let statements = lending.bank_statements();

    let start = StartUploadSessionRequest {
        data_type: Some(StartUploadSessionRequestDataType::BankingTransactions),
    };
    let session = statements
        .start_upload_session(COMPANY, CONNECTION, Some(&start))
        .await
        .unwrap();
    assert_eq!(session.id, DATASET);
    assert_eq!(session.company_id, COMPANY);
    // No body at all when none is given.
    statements
        .start_upload_session(COMPANY, CONNECTION, None)
        .await
        .unwrap();

    let account = banking_account();
    let transactions = codat_client::models::Page {
        results: vec![BankingTransaction {
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
        }],
        rejected: Vec::new(),
        page_number: 1,
        page_size: 100,
        total_results: 1,
        links: None,
    };
    let third_party = json!({"accounts": [{"account_id": "plaid-1", "balances": {"current": 10}}]});
    let uploads = [
        (
            UploadBankStatementDataRequest::BankingAccount(Box::new(account)),
            None,
        ),
        (
            UploadBankStatementDataRequest::BankingTransactions(transactions),
            None,
        ),
        (
            UploadBankStatementDataRequest::Any(third_party.clone()),
            Some(SourcePath::AuthGet),
        ),
    ];
    for (data, source_path) in &uploads {
        statements
            .upload_bank_statement_data(
                COMPANY,
                CONNECTION,
                DATASET,
                {
                    let mut params = UploadBankStatementDataParams::new();
                    params.path = source_path.clone();
                    params
                },
                data,
            )
            .await
            .unwrap();
    }

    let end = EndUploadSessionRequest {
        status: Some(EndUploadSessionRequestStatus::Process),
    };
    statements
        .end_upload_session(COMPANY, CONNECTION, DATASET, Some(&end))
        .await
        .unwrap();

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 6);
    for request in &sent {
        assert_eq!(header_of(request, "authorization"), Some(AUTH));
    }
    assert_eq!(
        json_body(&sent[0]),
        json!({"dataType": "banking-transactions"})
    );
    assert!(sent[1].body.is_empty(), "no body when none is given");
    assert_eq!(header_of(&sent[1], "content-type"), None);

    let account_sent = json_body(&sent[2]);
    assert_eq!(sent[2].url.query(), None);
    assert_eq!(account_sent["id"], "acc-1");
    assert_eq!(account_sent["type"], "Debit");
    assert_eq!(account_sent["identifiers"]["type"], "Account");
    assert_eq!(account_sent["balance"]["current"], 1250.75);
    assert_eq!(account_sent["institution"]["name"], "Lloyds Bank");
    assert!(
        account_sent.get("holder").is_none(),
        "absent fields are left out"
    );

    let page_sent = json_body(&sent[3]);
    assert_eq!(page_sent["results"][0]["id"], "tx-1");
    assert_eq!(page_sent["results"][0]["amount"], -3.5);
    assert_eq!(page_sent["totalResults"], 1);

    // Data as the third party gave it goes as is, with the endpoint it came from.
    assert_eq!(json_body(&sent[4]), third_party);
    assert_eq!(sent[4].url.query(), Some("path=auth%2Fget"));

    assert_eq!(json_body(&sent[5]), json!({"status": "Process"}));
    assert_eq!(
        sent[5].url.path(),
        format!("{CONN}/bankStatements/upload/dataset/{DATASET}/endSession")
    );
}

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

#[tokio::test]
async fn generating_a_loan_report_takes_the_202_with_no_body() {
    for (summary, spec_path, sent) in [
        (
            true,
            format!("{SPEC_COMP}/reports/liabilities/loans"),
            format!("{COMP}/reports/liabilities/loans"),
        ),
        (
            false,
            format!("{SPEC_COMP}/reports/liabilities/loans/transactions"),
            format!("{COMP}/reports/liabilities/loans/transactions"),
        ),
    ] {
        if let Some(op) = common::operation(&spec_path, "post") {
            assert!(op["responses"]["202"].is_object(), "{spec_path}");
            assert!(op["responses"]["202"]["content"].is_null(), "{spec_path}");
        }
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(sent.as_str()))
            .and(header("authorization", AUTH))
            .respond_with(ResponseTemplate::new(202))
            .mount(&server)
            .await;
        let liabilities = lending(&server);
        let liabilities = liabilities.liabilities();
        if summary {
            liabilities
                .generate_loan_summary(COMPANY, &SourceType::Commerce)
                .await
                .unwrap();
        } else {
            liabilities
                .generate_loan_transactions(COMPANY, &SourceType::Commerce)
                .await
                .unwrap();
        }
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some("sourceType=commerce"));
        assert!(request.body.is_empty());
    }
}

#[tokio::test]
async fn a_report_type_codat_adds_later_is_sent_as_given() {
    let server = serve(
        AUTH,
        "POST",
        &format!("{COMP}/reports/spendAnalysis"),
        202,
        &json!({"id": REPORT, "status": "InProgress", "type": "spendAnalysis"}),
    )
    .await;
    let report = lending(&server)
        .manage_reports()
        .generate_report(COMPANY, &ReportType::from("spendAnalysis"))
        .await
        .unwrap();
    assert_eq!(report.status, Some(ReportOperationStatus::InProgress));
    assert_eq!(ReportType::from("creditModel"), ReportType::CreditModel);
}

// ---- page streams ---------------------------------------------------------------------------

/// The nine lists that come as streams.
#[derive(Clone, Copy, Debug)]
enum List {
    AccountTransactions,
    DirectCosts,
    JournalEntries,
    Journals,
    Transfers,
    Accounts,
    Reports,
    CategorizedTransactions,
    CategorizedAccounts,
}

const LISTS: [List; 9] = [
    List::AccountTransactions,
    List::DirectCosts,
    List::JournalEntries,
    List::Journals,
    List::Transfers,
    List::Accounts,
    List::Reports,
    List::CategorizedTransactions,
    List::CategorizedAccounts,
];

impl List {
    fn path(self) -> String {
        match self {
            List::AccountTransactions => format!("{CONN}/data/accountTransactions"),
            List::DirectCosts => format!("{CONN}/data/directCosts"),
            List::JournalEntries => format!("{DATA}/journalEntries"),
            List::Journals => format!("{DATA}/journals"),
            List::Transfers => format!("{CONN}/data/transfers"),
            List::Accounts => format!("{DATA}/accounts"),
            List::Reports => format!("{COMP}/reports"),
            List::CategorizedTransactions => {
                format!("{COMP}/reports/categorizedBankStatement/{REPORT}/transactions")
            }
            List::CategorizedAccounts => {
                format!("{COMP}/reports/categorizedBankStatement/latest/accounts")
            }
        }
    }

    /// What every page's query starts with, before the paging.
    fn fixed_query(self) -> &'static str {
        match self {
            List::CategorizedTransactions => "maxAge=2024-05-01T00%3A00%3A00Z&",
            _ => "",
        }
    }

    /// Item `i` of the list, as Codat would send it.
    fn item(self, i: usize) -> Value {
        let id = format!("item-{i}");
        match self {
            List::DirectCosts => direct_cost_fixture(&id),
            // Categorized accounts are told apart by name: the spec gives them no id.
            List::CategorizedAccounts => json!({"accountName": id}),
            _ => json!({"id": id}),
        }
    }

    /// The stream's items, as their ids.
    fn stream(
        self,
        lending: &Lending,
        options: PageOptions,
    ) -> BoxStream<'_, Result<String, Error>> {
        fn id(id: Option<String>) -> String {
            id.unwrap_or_default()
        }
        static MAX_AGE_VALUE: std::sync::LazyLock<DateTime> =
            std::sync::LazyLock::new(|| DateTime::from(MAX_AGE));
        match self {
            List::AccountTransactions => lending
                .transactions()
                .account_transactions()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|t| id(t.id))
                .boxed(),
            List::DirectCosts => lending
                .transactions()
                .direct_costs()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|d| id(d.id))
                .boxed(),
            List::JournalEntries => lending
                .transactions()
                .journal_entries()
                .list_all(COMPANY, options)
                .map_ok(|e| id(e.id))
                .boxed(),
            List::Journals => lending
                .transactions()
                .journals()
                .list_all(COMPANY, options)
                .map_ok(|j| id(j.id))
                .boxed(),
            List::Transfers => lending
                .transactions()
                .transfers()
                .list_all(COMPANY, CONNECTION, options)
                .map_ok(|t| id(t.id))
                .boxed(),
            List::Accounts => lending
                .financial_statements()
                .accounts()
                .list_all(COMPANY, options)
                .map_ok(|a| id(a.id))
                .boxed(),
            List::Reports => lending
                .manage_reports()
                .list_all_reports(COMPANY, options)
                .map_ok(|r| id(r.id))
                .boxed(),
            List::CategorizedTransactions => lending
                .bank_statements()
                .list_all_categorized_bank_statement_transactions(
                    COMPANY,
                    report(),
                    GetCategorizedBankStatementTransactionsParams::new()
                        .max_age(MAX_AGE_VALUE.clone()),
                    options,
                )
                .map_ok(|t| id(t.id))
                .boxed(),
            List::CategorizedAccounts => lending
                .bank_statements()
                .list_all_categorized_bank_statement_accounts(
                    COMPANY,
                    ReportId::Latest,
                    ListCategorizedBankStatementAccountsParams::new(),
                    options,
                )
                .map_ok(|a| id(a.account_name))
                .boxed(),
        }
    }
}

#[tokio::test]
async fn every_stream_reads_every_page_with_the_options_and_stops_at_the_end() {
    for list in LISTS {
        let server = paged_server(list, 7, &[]).await;
        let lending = lending(&server);
        let options = PageOptions::new()
            .page_size(3)
            .query("status=Active")
            .order_by("-modifiedDate");
        let got: Vec<String> = within(list.stream(&lending, options).try_collect())
            .await
            .unwrap();
        assert_eq!(got, ids(0..7), "{list:?}");
        // Three pages, and no fourth: the last has no `next` and the total says so.
        assert_eq!(pages_asked(&server).await, [1, 2, 3], "{list:?}");
        for (i, request) in requests(&server).await.iter().enumerate() {
            assert_eq!(
                request.url.query().unwrap(),
                format!(
                    "{}page={}&pageSize=3&query=status%3DActive&orderBy=-modifiedDate",
                    list.fixed_query(),
                    i + 1
                ),
                "{list:?}"
            );
        }
    }
}

#[tokio::test]
async fn every_stream_keeps_page_order_when_fetching_pages_at_once() {
    common::check_page_order_kept(&LISTS).await;
}

#[tokio::test]
async fn every_stream_ends_at_the_first_error() {
    common::check_stream_ends_at_first_error(&LISTS).await;
}

#[tokio::test]
async fn an_empty_list_is_one_request_and_no_items() {
    for list in LISTS {
        let server = paged_server(list, 0, &[]).await;
        let lending = lending(&server);
        let got: Vec<String> = within(list.stream(&lending, PageOptions::new()).try_collect())
            .await
            .unwrap();
        assert!(got.is_empty(), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

// ---- errors, bad bodies and hostile values --------------------------------------------------

#[tokio::test]
async fn a_declared_error_status_is_codats_error_message_and_an_undeclared_one_is_not() {
    let message = json!({
        "statusCode": 409,
        "service": "PublicApi",
        "error": "Data type directCosts is not yet synced",
        "correlationId": "corr-409"
    });
    let list_path = format!("{SPEC_CONN}/data/directCosts");
    if let Some(errors) = common::operation(&list_path, "get").and_then(shared::spec_errors) {
        assert!(errors.contains(&409), "{errors:?}");
    }
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/data/directCosts"),
        409,
        &message,
    )
    .await;
    let err = lending(&server)
        .transactions()
        .direct_costs()
        .list(COMPANY, CONNECTION, PageParams::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("Data type directCosts is not yet synced")
    );
    assert_eq!(err.correlation_id(), Some("corr-409"));

    // get-accounting-direct-cost-attachment does not declare 409.
    let one_path =
        format!("{SPEC_CONN}/data/directCosts/{{directCostId}}/attachments/{{attachmentId}}");
    if let Some(errors) = common::operation(&one_path, "get").and_then(shared::spec_errors) {
        assert!(!errors.contains(&409), "{errors:?}");
    }
    let server = serve(
        AUTH,
        "GET",
        &format!("{CONN}/data/directCosts/dc-1/attachments/att-1"),
        409,
        &message,
    )
    .await;
    let err = lending(&server)
        .transactions()
        .direct_costs()
        .get_attachment(COMPANY, CONNECTION, "dc-1", "att-1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(409));

    // generate-loan-summary does not declare 400, generate-loan-transactions does.
    let bad = json!({"statusCode": 400, "service": "PublicApi", "error": "bad source"});
    let server = serve(
        AUTH,
        "POST",
        &format!("{COMP}/reports/liabilities/loans"),
        400,
        &bad,
    )
    .await;
    let err = lending(&server)
        .liabilities()
        .generate_loan_summary(COMPANY, &SourceType::Banking)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    let server = serve(
        AUTH,
        "POST",
        &format!("{COMP}/reports/liabilities/loans/transactions"),
        400,
        &bad,
    )
    .await;
    let err = lending(&server)
        .liabilities()
        .generate_loan_transactions(COMPANY, &SourceType::Banking)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(
        err.error_message().unwrap().error.as_deref(),
        Some("bad source")
    );
}

#[tokio::test]
async fn an_html_error_page_keeps_its_status_and_body() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>upstream down</body></html>";
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let err = lending(&server)
        .liabilities()
        .get_loan_summary(COMPANY, &SourceType::Accounting)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(502));
    assert!(err.body().unwrap().contains("upstream down"), "{err:?}");
    assert!(err.to_string().contains("502"), "{err}");

    // A declared status (503) with an HTML body is not Codat's error message either.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let err = lending(&server)
        .manage_reports()
        .list_reports(COMPANY, PageParams::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), Some(503));
    assert!(err.body().unwrap().contains("502 Bad Gateway"));
}

#[tokio::test]
async fn a_200_that_does_not_decode_is_an_error_that_keeps_the_body() {
    for (body, content_type) in [
        ("{\"reports\": [", "application/json"),
        ("", "application/json"),
        ("<html>maintenance</html>", "text/html"),
        ("{\"reports\": \"none\"}", "application/json"),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, content_type))
            .mount(&server)
            .await;
        let err = lending(&server)
            .financial_statements()
            .balance_sheet()
            .get(
                COMPANY,
                1,
                2,
                codat_lending::models::GetAccountingBalanceSheetParams::new(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.body(), Some(body), "{body:?}");
    }
}

#[tokio::test]
async fn values_codat_adds_later_decode_as_unknown() {
    let status = json!({"reportType": "weeklyDigest", "success": true});
    let server = serve(
        AUTH,
        "GET",
        &format!("/data{COMP}/assess/excel"),
        200,
        &status,
    )
    .await;
    let got = lending(&server)
        .excel_reports()
        .get_status(COMPANY, &ExcelReportTypes::Audit)
        .await
        .unwrap();
    assert_eq!(
        got.report_type,
        Some(ExcelReportTypes::Unrecognized("weeklyDigest".into()))
    );

    let report = json!({"id": REPORT, "status": "Queued", "type": "creditModel"});
    let server = serve(
        AUTH,
        "GET",
        &format!("{COMP}/reports/creditModel/latest/status"),
        200,
        &report,
    )
    .await;
    let got = lending(&server)
        .manage_reports()
        .get_report_status(
            COMPANY,
            &ReportType::CreditModel,
            ReportId::Latest,
            codat_lending::models::GetReportStatusParams::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        got.status,
        Some(ReportOperationStatus::Unrecognized("Queued".into()))
    );
    // Sent back as received.
    assert_eq!(got.status.unwrap().as_str(), "Queued");
}

#[tokio::test]
async fn a_hostile_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x"})))
        .mount(&server)
        .await;
    let lending = lending(&server);
    for (id, encoded) in [
        ("../x", "..%2Fx"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("50%", "50%25"),
    ] {
        lending
            .transactions()
            .journals()
            .get(COMPANY, id)
            .await
            .unwrap();
        lending
            .transactions()
            .transfers()
            .get(COMPANY, CONNECTION, id)
            .await
            .unwrap();
        let sent = requests(&server).await;
        let [.., journal, transfer] = &sent[..] else {
            panic!("two requests")
        };
        assert_eq!(journal.url.path(), format!("{DATA}/journals/{encoded}"));
        assert_eq!(
            transfer.url.path(),
            format!("{CONN}/data/transfers/{encoded}")
        );
        for request in [journal, transfer] {
            assert_eq!(request.url.query(), None);
            assert_eq!(request.url.fragment(), None);
        }
    }
    // A report type Codat adds later is one segment too.
    lending
        .manage_reports()
        .generate_report(COMPANY, &ReportType::from("a/b"))
        .await
        .unwrap();
    let sent = requests(&server).await.pop().unwrap();
    assert_eq!(sent.url.path(), format!("{COMP}/reports/a%2Fb"));

    // `..` cannot be a segment at all: refused, nothing sent.
    let before = requests(&server).await.len();
    let err = lending
        .transactions()
        .direct_costs()
        .download_attachment(COMPANY, CONNECTION, "..", "att-1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    let err = lending
        .manage_reports()
        .get_report_status(
            COMPANY,
            &ReportType::from(".."),
            ReportId::Latest,
            codat_lending::models::GetReportStatusParams::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPathParameter { .. }), "{err:?}");
    assert_eq!(requests(&server).await.len(), before);
}

// ---- the declarations -----------------------------------------------------------------------

/// The modules of this part of Lending.
const MODULES: [&str; 8] = [
    "codat_lending::transactions",
    "codat_lending::financial_statements",
    "codat_lending::excel_reports",
    "codat_lending::financial_summary",
    "codat_lending::manage_reports",
    "codat_lending::bank_statements",
    "codat_lending::liabilities",
    "codat_lending::file_upload",
];

fn ours(module: &str) -> bool {
    MODULES
        .iter()
        .any(|m| module == *m || module.starts_with(&format!("{m}::")))
}

#[test]
fn every_operation_of_these_groups_is_declared_once() {
    let declared: Vec<_> = codat_client::operations()
        .filter(|op| op.product == "codat-lending" && ours(op.module))
        .collect();
    let mut keys: Vec<String> = declared
        .iter()
        .map(|op| {
            let template = op.template.replace(['_', '<', '>'], "").to_lowercase();
            format!("{:?} {template}", op.method).to_uppercase()
        })
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(declared.len(), 43, "{keys:#?}");
    assert_eq!(keys.len(), 43, "{keys:#?}");
    let Some(spec) = common::spec() else { return };
    let tags = [
        "Excel reports",
        "Financial summary",
        "Manage reports",
        "Bank statements",
        "Liabilities",
        "File upload",
    ];
    let mut wanted = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (verb, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&verb.as_str()) {
                continue;
            }
            let group = op["x-speakeasy-group"].as_str().unwrap_or("");
            let tag = op["tags"][0].as_str().unwrap_or("");
            let mine = group.starts_with("transactions.")
                || group.starts_with("financial-statements.")
                || (group.is_empty() && tags.contains(&tag));
            if mine {
                let template = path.replace(['{', '}'], "");
                wanted.push(format!("{verb} {}", template.to_lowercase()).to_uppercase());
            }
        }
    }
    wanted.sort();
    assert_eq!(keys, wanted);
}

/// Serves `total` items of `list` in pages of the `pageSize` asked for, with a `next` link on
/// every page but the last; the pages in `failing` answer 500 instead.
async fn paged_server(list: List, total: usize, failing: &'static [usize]) -> MockServer {
    common::paged_server(&list.path(), total, failing, move |range, page, size| {
        page_body(range.map(|i| list.item(i)).collect(), page, size, total)
    })
    .await
}

impl common::Listing for List {
    fn read(self, lending: &Lending, options: PageOptions) -> BoxStream<'_, Result<String, Error>> {
        self.stream(lending, options)
    }

    async fn serve(self, total: usize, failing: &'static [usize]) -> MockServer {
        paged_server(self, total, failing).await
    }
}
