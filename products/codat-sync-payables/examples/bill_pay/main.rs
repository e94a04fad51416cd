//! Pays a supplier's bill with Sync for Payables: creates the supplier and the bill, attaches
//! the invoice as a PDF, records the payment from the company's bank account, then lists every
//! bill of the connection as a stream. Each write's idempotency key is derived from the
//! business data it writes (a name-based UUID of the company, connection, invoice reference
//! and step), so running it again after a failure sends the same keys, and within Codat's 90
//! minutes gets the first answers instead of creating anything twice.
//!
//! Without credentials it starts a LOCAL MOCK of the API on 127.0.0.1 and says so. With
//! `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`), `CODAT_COMPANY_ID` and `CODAT_CONNECTION_ID` set it
//! calls the real Codat API (or `CODAT_BASE_URL`), and really writes to that company's
//! accounting software. `BILL_REFERENCE` names the supplier's invoice (default `INV-0042`).
//!
//! ```sh
//! cargo run -p codat-sync-payables --example bill_pay
//! CODAT_API_KEY=... CODAT_COMPANY_ID=... CODAT_CONNECTION_ID=... cargo run -p codat-sync-payables --example bill_pay
//! ```

/// The local stand-in the example runs against without credentials.
pub(crate) mod mock;

use std::io::Write;
use std::process::ExitCode;

use codat_client::models::DateTime;
use codat_client::{Codat, Error, Upload};
use codat_mock::cli::{env, exit_code};
use codat_sync_payables::bills::BillMappingOption;
use codat_sync_payables::models::{
    Address, AddressType, BillAccountRef, BillLineItem, BillPaymentAccountRef,
    BillPaymentPrototype, BillPrototype, BillStatus, BillTaxRateRef, CreateBillParams,
    CreateBillPaymentParams, CreateSupplierParams, GetMappingOptionsBillsParams,
    GetMappingOptionsPaymentsParams, ListBillsParams, SupplierPrototype, SupplierRef,
    SupplierStatus,
};
use codat_sync_payables::SyncForPayables;
use futures_util::{StreamExt, TryStreamExt};
use mock::MockPayables;
use rust_decimal_macros::dec;

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let mut out = std::io::stdout();
    if env("CODAT_API_KEY").is_some() || env("CODAT_AUTH_HEADER").is_some() {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let (Some(company), Some(connection)) =
            (env("CODAT_COMPANY_ID"), env("CODAT_CONNECTION_ID"))
        else {
            return Err(
                "set CODAT_COMPANY_ID and CODAT_CONNECTION_ID to a company and its \
                        accounting connection"
                    .into(),
            );
        };
        println!(
            "Calling the Codat API at {}: this writes a supplier, a bill and a payment to \
             company {company}'s accounting software.",
            codat.base_url()
        );
        let reference = env("BILL_REFERENCE").unwrap_or_else(|| "INV-0042".into());
        let payables = SyncForPayables::new(&codat);
        let paid = bill_pay(&payables, &company, &connection, &reference, &mut out)
            .await
            .map_err(|e| e.report().to_string())?;
        summarize(&paid);
    } else {
        let mock = MockPayables::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of Sync for Payables at {} (not the \
             real API; nothing is written anywhere). Set CODAT_API_KEY, CODAT_COMPANY_ID and \
             CODAT_CONNECTION_ID to call Codat.",
            mock.uri()
        );
        let payables = SyncForPayables::new(&mock.client());
        let paid = bill_pay(
            &payables,
            mock.company_id(),
            mock.connection_id(),
            "INV-0042",
            &mut out,
        )
        .await
        .map_err(|e| e.report().to_string())?;
        summarize(&paid);
    }
    Ok(())
}

fn summarize(paid: &Paid) {
    println!(
        "Done: supplier {}, bill {} with attachment {}, payment {}; {} bills listed.",
        paid.supplier_id, paid.bill_id, paid.attachment_id, paid.payment_id, paid.bills_listed
    );
}

/// What the flow created.
#[derive(Debug)]
pub(crate) struct Paid {
    /// The supplier's id.
    pub(crate) supplier_id: String,
    /// The bill's id.
    pub(crate) bill_id: String,
    /// The attachment's id.
    pub(crate) attachment_id: String,
    /// The payment's id.
    pub(crate) payment_id: String,
    /// How many bills the listing streamed.
    pub(crate) bills_listed: usize,
}

/// The idempotency key of one step of paying the invoice `reference`: the same whenever the
/// same invoice is paid into the same company and connection, different for anything else.
pub(crate) fn idempotency_key(
    company: &str,
    connection: &str,
    reference: &str,
    step: &str,
) -> String {
    let name = format!("codat-rs bill_pay\n{company}\n{connection}\n{reference}\n{step}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string()
}

/// The whole flow for the supplier's invoice `reference`. Writes what it does to `out`. A
/// failed write to `out` is ignored: the flow matters more than its log.
pub(crate) async fn bill_pay(
    payables: &SyncForPayables,
    company: &str,
    connection: &str,
    reference: &str,
    out: &mut impl Write,
) -> Result<Paid, Error> {
    let info = payables
        .company_information()
        .get(company, connection)
        .await?;
    let _ = writeln!(
        out,
        "Company: {} (base currency {})",
        info.company_name.as_deref().unwrap_or("(no name)"),
        info.base_currency.as_deref().unwrap_or("unknown")
    );
    let currency = info.base_currency.unwrap_or_else(|| "GBP".into());

    // 1. The supplier.
    let supplier = payables
        .suppliers()
        .create(
            company,
            connection,
            CreateSupplierParams::new()
                .idempotency_key(idempotency_key(company, connection, reference, "supplier")),
            &SupplierPrototype {
                supplier_name: "Northridge Office Supplies".into(),
                contact_name: Some("Sarah Johnson".into()),
                email_address: Some("accounts@northridge.example".into()),
                phone: None,
                addresses: Some(vec![Address {
                    r#type: Some(AddressType::Billing),
                    line1: Some("2 Dennis Avenue".into()),
                    city: Some("London".into()),
                    country: Some("GB".into()),
                    postal_code: Some("EC1N 7TE".into()),
                    ..Address::default()
                }]),
                status: SupplierStatus::Active,
                balance: None,
                default_currency: Some(currency.clone()),
            },
        )
        .await?;
    let supplier_id = supplier.id.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "Created supplier {supplier_id}: {}",
        supplier.supplier_name.as_deref().unwrap_or("")
    );

    // 2. An expense account and a tax rate for the bill's line, from the mapping options.
    let mut options = payables.bills().list_all_bill_options(
        company,
        connection,
        GetMappingOptionsBillsParams::new().status_query("status=Active"),
    );
    let (mut account, mut tax_rate) = (None, None);
    while let Some(option) = options.try_next().await? {
        match option {
            BillMappingOption::Account(a) if account.is_none() => account = a.id,
            BillMappingOption::TaxRate(t) if tax_rate.is_none() => tax_rate = t.id,
            _ => {}
        }
        if account.is_some() && tax_rate.is_some() {
            break;
        }
    }
    drop(options);

    // 3. The bill.
    let bill = payables
        .bills()
        .create(
            company,
            connection,
            CreateBillParams::new()
                .idempotency_key(idempotency_key(company, connection, reference, "bill")),
            &BillPrototype {
                reference: Some(reference.to_owned()),
                supplier_ref: SupplierRef {
                    id: supplier_id.clone(),
                    supplier_name: supplier.supplier_name.clone(),
                },
                issue_date: DateTime::from("2024-06-01T00:00:00"),
                due_date: DateTime::from("2024-07-01T00:00:00"),
                currency: currency.clone(),
                currency_rate: None,
                line_items: Some(vec![BillLineItem {
                    description: Some("Printer paper, 10 boxes".into()),
                    unit_amount: Some(dec!(25)),
                    quantity: Some(dec!(10)),
                    tax_amount: Some(dec!(50)),
                    total_amount: Some(dec!(300)),
                    account_ref: account.map(|id| BillAccountRef { id: Some(id) }),
                    tax_rate_ref: tax_rate.map(|id| BillTaxRateRef { id: Some(id) }),
                    tracking_refs: None,
                }]),
                status: BillStatus::Open,
            },
        )
        .await?;
    let bill_id = bill.id.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "Created bill {bill_id} ({reference}): {} {} due {}",
        bill.total_amount.unwrap_or_default(),
        bill.currency,
        bill.due_date
    );

    // 4. The invoice, as a PDF.
    let attachment = payables
        .bills()
        .upload_attachment(
            company,
            connection,
            &bill_id,
            Upload::from_bytes(invoice_pdf(reference))
                .file_name(format!("{reference}.pdf"))
                .content_type("application/pdf"),
        )
        .await?;
    let attachment_id = attachment.id.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "Attached {} ({} bytes, {}) as {attachment_id}",
        attachment.name.as_deref().unwrap_or("?"),
        attachment.file_size.unwrap_or_default(),
        attachment.content_type.as_deref().unwrap_or("?"),
    );

    // 5. The payment, from the first bank account that payments can come from.
    let from = payables
        .bill_payments()
        .list_all_payment_options(
            company,
            connection,
            GetMappingOptionsPaymentsParams::new().status_query("status=Active"),
        )
        .next()
        .await
        .transpose()?
        .and_then(|account| account.id)
        .unwrap_or_default();
    let payment = payables
        .bill_payments()
        .create(
            company,
            connection,
            &bill_id,
            CreateBillPaymentParams::new()
                .idempotency_key(idempotency_key(company, connection, reference, "payment")),
            &BillPaymentPrototype {
                amount: bill.amount_due.or(bill.total_amount).unwrap_or_default(),
                date: DateTime::from("2024-06-15T00:00:00"),
                reference: Some(format!("Payment of {reference}")),
                account_ref: BillPaymentAccountRef { id: from.clone() },
                currency_rate: None,
            },
        )
        .await?;
    let payment_id = payment.id.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "Paid bill {bill_id}: payment {payment_id} of {} from bank account {from}",
        payment.amount.unwrap_or_default()
    );

    // 6. Every bill of the connection, page after page.
    let _ = writeln!(out, "Bills:");
    let mut bills = payables
        .bills()
        .list_all(company, connection, ListBillsParams::new());
    let mut bills_listed = 0;
    while let Some(bill) = bills.try_next().await? {
        bills_listed += 1;
        let _ = writeln!(
            out,
            "  {:<14} {:<16} {:>10} {} {:<13} due {}",
            bill.id.as_deref().unwrap_or("?"),
            bill.reference.as_deref().unwrap_or("-"),
            bill.amount_due.unwrap_or_default(),
            bill.currency,
            bill.status.as_str(),
            bill.due_date
        );
    }
    let _ = writeln!(out, "{bills_listed} bills listed");
    Ok(Paid {
        supplier_id,
        bill_id,
        attachment_id,
        payment_id,
        bills_listed,
    })
}

/// A small, valid one-page PDF that says which invoice it is.
pub(crate) fn invoice_pdf(reference: &str) -> Vec<u8> {
    let text = format!("BT /F1 18 Tf 72 720 Td (Invoice {reference}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}
