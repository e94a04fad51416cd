//! Lending's tests, one binary. Every operation and page stream from one table each, walked
//! by the shared checks (`codat_product_tests`): what each operation sends, every success
//! example the spec documents decoded, Codat's errors, hostile path values, the declarations;
//! every stream's pages, end, first error and concurrency. The rows and what only Lending
//! has are in three modules by area; then waiting for reports, the spec's examples decoded
//! into the models (generated), and the webhooks.

mod example;
mod models;
mod onboarding;
mod receivables_payables;
mod sales_banking_writeback;
mod statements_reports;
mod wait;
mod webhooks;

use codat_lending::Lending;
use codat_product_tests::{list_tests, op_tests, Product, COMPANY, CONNECTION};

type Op = codat_product_tests::Op<Lending>;
type List = codat_product_tests::List<Lending>;

/// The report and attachment ids the tests name: the spec wants UUIDs.
const REPORT: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const ATTACHMENT: &str = "3f1c1b1e-0d5b-4c84-9b0e-0a1b2c3d4e5f";
/// The upload session the bank statement tests send to.
const DATASET: &str = "943accd0-4247-42d8-865b-363c8629e1da";

static LENDING: Product<Lending> = Product::new("codat-lending", Lending::new).values(&[
    ("accountId", "acc-1"),
    ("dataType", "bankAccounts"),
    ("reportId", REPORT),
]);

fn ops() -> Vec<Op> {
    let mut all = receivables_payables::ops();
    all.extend(sales_banking_writeback::ops());
    all.extend(statements_reports::ops());
    all
}

op_tests!(LENDING, ops(), 138);

fn lists() -> Vec<List> {
    let mut all = receivables_payables::lists();
    all.extend(sales_banking_writeback::lists());
    all.extend(statements_reports::lists());
    all
}

list_tests!(LENDING, lists());

/// A download that promises 5000 bytes and sends fewer is an error, not a short file; read
/// whole or as a stream.
#[tokio::test]
async fn a_download_that_ends_early_is_an_error_not_a_short_file() {
    let url = codat_product_tests::cut_short_server("application/pdf", 5000, b"%PDF-1.7 and then");
    let codat = codat_product_tests::builder(&LENDING.key(), &url)
        .build()
        .unwrap();
    let lending = Lending::new(&codat);
    let invoices = lending.accounts_receivable().invoices();
    let bills = lending.accounts_payable().bills();
    codat_product_tests::check_cut_short(
        invoices.download_pdf(COMPANY, "i-1"),
        bills.download_attachment(COMPANY, CONNECTION, "b-1", ATTACHMENT),
        5000,
    )
    .await;
}
