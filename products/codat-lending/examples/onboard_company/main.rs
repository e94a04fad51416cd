//! Onboarding a business from start to first insight, the way a real integration begins:
//!
//! 1. create a company and an accounting connection for it, and print the link its user opens;
//! 2. wait until the user has linked their accounting software (polling with backoff);
//! 3. read its invoices and customers, with a progress bar while Codat fetches them;
//! 4. list its unpaid invoices with a typed query, as a stream, and sum them up.
//!
//! Without credentials it starts a LOCAL MOCK of the API on 127.0.0.1 and says so; the mock
//! plays the user linking a moment later and the reads progressing over a few seconds. With
//! `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`) it calls the real Codat API (or `CODAT_BASE_URL`)
//! and really creates the company; `CODAT_PLATFORM_KEY` picks the accounting software
//! (default `gbol`, Xero), and someone has to open the printed link and link it (the example
//! waits up to 30 minutes).
//!
//! ```sh
//! cargo run -p codat-lending --example onboard_company
//! CODAT_API_KEY=... cargo run -p codat-lending --example onboard_company
//! ```

/// The local stand-in the example runs against without credentials.
pub(crate) mod mock;
// The invoices the lending report example's stand-in serves, served here too.
#[allow(dead_code)] // only its invoices
#[path = "../lending_report/mock.rs"]
pub(crate) mod lending_mock;

use std::process::ExitCode;
use std::time::Duration;

use codat_client::models::companies::CompanyRequestBody;
use codat_client::models::connections::CreateConnection;
use codat_client::models::refresh_data::DataType;
use codat_client::models::Decimal;
use codat_client::paging::PageOptions;
use codat_client::query::fields;
use codat_client::wait::{Status, WaitOptions};
use codat_client::{Codat, Error};
use codat_lending::models::{AccountingInvoice, InvoiceStatus};
use codat_lending::Lending;
use codat_mock::cli::{env, exit_code};
use futures_util::TryStreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use mock::MockOnboarding;

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    if env("CODAT_API_KEY").is_some() || env("CODAT_AUTH_HEADER").is_some() {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let platform = env("CODAT_PLATFORM_KEY").unwrap_or_else(|| "gbol".into());
        println!(
            "Calling the Codat API at {}: this creates a company and a {platform} connection.",
            codat.base_url()
        );
        onboard(&codat, &platform, WaitOptions::new()).await
    } else {
        let mock = MockOnboarding::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of the Codat API at {} (not the \
             real API; a simulated user links the company after a moment and the reads take a \
             few seconds). Set CODAT_API_KEY to call Codat.",
            mock.uri()
        );
        // The mock moves in seconds, not minutes: poll it often.
        let quick = WaitOptions::new()
            .initial_interval(Duration::from_millis(200))
            .max_interval(Duration::from_millis(500))
            .timeout(Duration::from_secs(60));
        onboard(&mock.client(), "gbol", quick).await
    }
    .map_err(|e| e.report().to_string())
}

async fn onboard(codat: &Codat, platform: &str, waiting: WaitOptions) -> Result<(), Error> {
    let company = codat
        .companies()
        .create(Some(&CompanyRequestBody {
            name: "Bakery & Sons".into(),
            description: Some("Onboarded by the codat-rs example".into()),
            tags: None,
        }))
        .await?;
    println!("1. Created company {} ({})", company.name, company.id);
    let connection = codat
        .connections()
        .create(
            &company.id,
            Some(&CreateConnection {
                platform_key: Some(platform.into()),
            }),
        )
        .await?;
    println!(
        "   Send its user this link to connect {}: {}",
        connection.platform_name, connection.link_url
    );

    println!("2. Waiting for the user to link it...");
    let linked = codat
        .connections()
        .wait_until_linked(&company.id, &connection.id, waiting.clone())
        .finish()
        .await?;
    println!("   {} is {}", linked.platform_name, linked.label());

    println!("3. Reading invoices and customers:");
    let types = [DataType::Invoices, DataType::Customers];
    let mut reads = codat
        .refresh_data()
        .refresh_and_watch(&company.id, &types, waiting)
        .await?;
    let bar = ProgressBar::new(100).with_style(
        ProgressStyle::with_template("   [{bar:40}] {pos:>3} % {msg}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let mut last = None;
    while let Some(now) = reads.try_next().await.inspect_err(|_| bar.abandon())? {
        bar.set_position(now.progress().clamp(0, 100).unsigned_abs());
        bar.set_message(now.label());
        // Also as plain lines, for logs and terminals without the bar.
        bar.suspend(|| println!("   {} % {}", now.progress(), now.label()));
        last = Some(now);
    }
    bar.finish_and_clear();
    let done = last.map_or(0, |pulls| pulls.0.len());
    println!("   {done} reads complete");

    println!("4. Unpaid invoices:");
    let invoice = fields::<AccountingInvoice>();
    let unpaid = (invoice.amount_due().gt(0) & invoice.status().ne(InvoiceStatus::Void))
        .to_query()
        .expect("a query of fixed, valid values");
    let options = PageOptions::new()
        .query(unpaid)
        .order_by(invoice.amount_due().descending());
    let invoices: Vec<AccountingInvoice> = Lending::new(codat)
        .accounts_receivable()
        .invoices()
        .list_all(&company.id, options)
        .try_collect()
        .await?;
    // Amounts are exact decimals: the sum is to the cent, whatever the count.
    let total: Decimal = invoices.iter().map(|i| i.amount_due).sum();
    let mut largest: Vec<&AccountingInvoice> = invoices.iter().collect();
    largest.sort_by_key(|invoice| std::cmp::Reverse(invoice.amount_due));
    let shown = largest.len().min(3);
    println!(
        "   The largest {shown} of {} unpaid invoices:",
        invoices.len()
    );
    for invoice in &largest[..shown] {
        println!(
            "   {:<10} {:<22} {:>10.2}",
            invoice.invoice_number.as_deref().unwrap_or("-"),
            invoice
                .customer_ref
                .as_ref()
                .and_then(|c| c.company_name.as_deref())
                .unwrap_or("-"),
            invoice.amount_due
        );
    }
    println!(
        "Summary: {} owes {total:.2} over {} unpaid invoices.",
        company.name,
        invoices.len()
    );
    Ok(())
}
