//! What a lender reads about one borrower with Codat's Lending API: its unpaid invoices (a
//! typed query, streamed page by page), the latest credit-model financial summary, and the
//! latest categorized bank statement as an Excel workbook, saved to a file.
//!
//! Without credentials it starts a LOCAL MOCK of the API on 127.0.0.1 and says so. With
//! `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`) and `CODAT_COMPANY_ID` set it calls the real Codat
//! API (or `CODAT_BASE_URL`); it only reads. The workbook goes to `LENDING_REPORT_OUT` (a file
//! path), else to `categorized-bank-statement.xlsx` in the system's temporary folder.
//!
//! ```sh
//! cargo run -p codat-lending --example lending_report
//! CODAT_API_KEY=... CODAT_COMPANY_ID=... cargo run -p codat-lending --example lending_report
//! ```

/// The local stand-in the example runs against without credentials.
pub(crate) mod mock;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codat_client::models::Decimal;
use codat_client::paging::PageOptions;
use codat_client::query::fields;
use codat_client::Codat;
use codat_lending::models::{AccountingInvoice, InvoiceStatus};
use codat_lending::{Lending, ReportId};
use codat_mock::cli::{env, exit_code};
use futures_util::TryStreamExt;
use mock::MockLending;

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let out = env("LENDING_REPORT_OUT").map_or_else(
        || std::env::temp_dir().join("categorized-bank-statement.xlsx"),
        PathBuf::from,
    );
    if env("CODAT_API_KEY").is_some() || env("CODAT_AUTH_HEADER").is_some() {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let company =
            env("CODAT_COMPANY_ID").ok_or("set CODAT_COMPANY_ID to the company to report on")?;
        println!(
            "Calling the Codat API at {} for company {company} (read only).",
            codat.base_url()
        );
        report(&Lending::new(&codat), &company, &out).await
    } else {
        let mock = MockLending::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of the Lending API at {} (not the \
             real API; the data is made up). Set CODAT_API_KEY and CODAT_COMPANY_ID to call \
             Codat.",
            mock.uri()
        );
        report(&Lending::new(&mock.client()), mock.company_id(), &out).await
    }
}

/// The whole report for `company`, printed; the workbook saved to `out`.
async fn report(lending: &Lending, company: &str, out: &Path) -> Result<(), String> {
    // Unpaid: something still due, and not voided.
    let invoice = fields::<AccountingInvoice>();
    let unpaid = (invoice.amount_due().gt(0) & invoice.status().ne(InvoiceStatus::Void))
        .to_query()
        .expect("a query of fixed, valid values");
    println!("Unpaid invoices ({unpaid}):");
    let options = PageOptions::new()
        .page_size(3)
        .query(unpaid)
        .order_by(invoice.due_date().ascending());
    let mut invoices = lending
        .accounts_receivable()
        .invoices()
        .list_all(company, options);
    // Amounts are exact decimals: the sum is to the cent, whatever the count.
    let (mut count, mut due) = (0usize, Decimal::ZERO);
    while let Some(invoice) = invoices
        .try_next()
        .await
        .map_err(|e| e.report().to_string())?
    {
        count += 1;
        due += invoice.amount_due;
        println!(
            "  {:<10} {:<22} {:>10.2} {} due {}",
            invoice.invoice_number.as_deref().unwrap_or("-"),
            invoice
                .customer_ref
                .as_ref()
                .and_then(|c| c.company_name.as_deref())
                .unwrap_or("-"),
            invoice.amount_due,
            invoice.currency.as_deref().unwrap_or(""),
            invoice.due_date.as_ref().map_or("-", |d| d.date()),
        );
    }
    println!("  {count} unpaid, {due:.2} due in all");

    match lending
        .financial_summary()
        .get_financial_summary(company, ReportId::Latest)
        .await
        .map_err(|e| e.report().to_string())?
    {
        Some(summary) => {
            let score = summary.accounting_score.as_ref();
            println!(
                "Credit model: accounting score {}, books closed to {}",
                score
                    .and_then(|s| s.score)
                    .map_or("-".into(), |s| s.to_string()),
                summary
                    .books_closed_date
                    .as_ref()
                    .and_then(|b| b.date.as_ref())
                    .map_or("-", |d| d.date()),
            );
            for reason in score.and_then(|s| s.reason.as_ref()).into_iter().flatten() {
                println!("  - {reason}");
            }
        }
        None => println!("Credit model: no financial summary yet"),
    }

    let workbook = lending
        .bank_statements()
        .download_categorized_bank_statement_excel(
            company,
            ReportId::Latest,
            codat_lending::models::DownloadCategorizedBankStatementExcelParams::new(),
        )
        .await
        .map_err(|e| e.report().to_string())?;
    let content_type = workbook.content_type().unwrap_or("unknown").to_owned();
    let sent_as = workbook.file_name();
    // Streamed to a temporary file beside `out`, renamed over it only once the whole workbook
    // came: a cut download leaves the last good workbook in place.
    let written = workbook
        .save_to(out)
        .await
        .map_err(|e| e.report().to_string())?;
    println!(
        "Categorized bank statement: {written} bytes ({content_type}, sent as {}) saved to {}",
        sent_as.as_deref().unwrap_or("no file name"),
        out.display()
    );
    Ok(())
}
