//! Lending (first part of its groups: accounts payable, accounts receivable, company info and
//! data integrity): one call of each of its own operations with valid inputs, keyed by
//! operationId.

use std::future::Future;
use std::pin::Pin;

use codat_client::paging::PageParams;
use codat_client::{Codat, Error};
use codat_lending::data_integrity::DataIntegrityDataType;
use codat_lending::Lending;

use super::{Call, COMPANY, CONNECTION};

/// A record id as the accounting software may give it.
const RECORD: &str = "13d946f0-c5d5-42bc-b092-97ece17923ab";
/// An attachment id: the spec wants a UUID.
const ATTACHMENT: &str = "8a210b68-6988-11ed-a1eb-0242ac120002";

fn paging() -> PageParams {
    PageParams::new()
        .page(1)
        .page_size(100)
        .order_by("-modifiedDate")
}

/// The calls, in the spec's order.
pub fn calls() -> Vec<(&'static str, Call)> {
    vec![
        (
            "get-data-integrity-status",
            call!(c => Lending::new(c).data_integrity().status(COMPANY, &DataIntegrityDataType::BankingAccounts)),
        ),
        (
            "get-data-integrity-summaries",
            call!(c => Lending::new(c).data_integrity().summaries(COMPANY, &DataIntegrityDataType::BankingTransactions, codat_lending::models::GetDataIntegritySummariesParams::new().query("matchPercentage>50"))),
        ),
        (
            "list-data-integrity-details",
            call!(c => Lending::new(c).data_integrity().details(COMPANY, &DataIntegrityDataType::BankAccounts, paging())),
        ),
        (
            "list-reconciled-invoices",
            call!(c => Lending::new(c).accounts_receivable().invoices().list_reconciled(COMPANY, codat_lending::models::ListReconciledInvoicesParams::new().page(1).page_size(100).query("status=Paid"))),
        ),
        (
            "list-accounting-bill-credit-notes",
            call!(c => Lending::new(c).accounts_payable().bill_credit_notes().list(COMPANY, paging())),
        ),
        (
            "get-accounting-bill-credit-note",
            call!(c => Lending::new(c).accounts_payable().bill_credit_notes().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-bill-payments",
            call!(c => Lending::new(c).accounts_payable().bill_payments().list(COMPANY, paging())),
        ),
        (
            "get-accounting-bill-payment",
            call!(c => Lending::new(c).accounts_payable().bill_payments().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-bills",
            call!(c => Lending::new(c).accounts_payable().bills().list(COMPANY, paging().query("status=Open"))),
        ),
        (
            "get-accounting-bill",
            call!(c => Lending::new(c).accounts_payable().bills().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-bill-attachments",
            call!(c => Lending::new(c).accounts_payable().bills().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-bill-attachment",
            call!(c => Lending::new(c).accounts_payable().bills().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "download-accounting-bill-attachment",
            call!(c => Lending::new(c).accounts_payable().bills().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "list-accounting-credit-notes",
            call!(c => Lending::new(c).accounts_receivable().credit_notes().list(COMPANY, paging())),
        ),
        (
            "get-accounting-credit-note",
            call!(c => Lending::new(c).accounts_receivable().credit_notes().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-customers",
            call!(c => Lending::new(c).accounts_receivable().customers().list(COMPANY, paging())),
        ),
        (
            "get-accounting-customer",
            call!(c => Lending::new(c).accounts_receivable().customers().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-customer-attachments",
            call!(c => Lending::new(c).accounts_receivable().customers().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-customer-attachment",
            call!(c => Lending::new(c).accounts_receivable().customers().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "download-accounting-customer-attachment",
            call!(c => Lending::new(c).accounts_receivable().customers().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "list-accounting-direct-incomes",
            call!(c => Lending::new(c).accounts_receivable().direct_incomes().list(COMPANY, CONNECTION, paging())),
        ),
        (
            "get-accounting-direct-income",
            call!(c => Lending::new(c).accounts_receivable().direct_incomes().get(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-direct-income-attachment",
            call!(c => Lending::new(c).accounts_receivable().direct_incomes().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT, codat_lending::models::GetAccountingDirectIncomeAttachmentParams::new().timeout_in_minutes(30))),
        ),
        (
            "download-accounting-direct-income-attachment",
            call!(c => Lending::new(c).accounts_receivable().direct_incomes().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "list-accounting-direct-income-attachments",
            call!(c => Lending::new(c).accounts_receivable().direct_incomes().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-profile",
            call!(c => Lending::new(c).company_info().get_accounting_profile(COMPANY)),
        ),
        (
            "list-accounting-invoices",
            call!(c => Lending::new(c).accounts_receivable().invoices().list(COMPANY, paging())),
        ),
        (
            "get-accounting-invoice",
            call!(c => Lending::new(c).accounts_receivable().invoices().get(COMPANY, RECORD)),
        ),
        (
            "download-accounting-invoice-pdf",
            call!(c => Lending::new(c).accounts_receivable().invoices().download_pdf(COMPANY, RECORD)),
        ),
        (
            "list-accounting-invoice-attachments",
            call!(c => Lending::new(c).accounts_receivable().invoices().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-invoice-attachment",
            call!(c => Lending::new(c).accounts_receivable().invoices().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "download-accounting-invoice-attachment",
            call!(c => Lending::new(c).accounts_receivable().invoices().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "list-accounting-payments",
            call!(c => Lending::new(c).accounts_receivable().payments().list(COMPANY, paging())),
        ),
        (
            "get-accounting-payment",
            call!(c => Lending::new(c).accounts_receivable().payments().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-suppliers",
            call!(c => Lending::new(c).accounts_payable().suppliers().list(COMPANY, paging())),
        ),
        (
            "get-accounting-supplier",
            call!(c => Lending::new(c).accounts_payable().suppliers().get(COMPANY, RECORD)),
        ),
        (
            "list-accounting-supplier-attachments",
            call!(c => Lending::new(c).accounts_payable().suppliers().list_attachments(COMPANY, CONNECTION, RECORD)),
        ),
        (
            "get-accounting-supplier-attachment",
            call!(c => Lending::new(c).accounts_payable().suppliers().get_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "download-accounting-supplier-attachment",
            call!(c => Lending::new(c).accounts_payable().suppliers().download_attachment(COMPANY, CONNECTION, RECORD, ATTACHMENT)),
        ),
        (
            "is-aged-debtors-report-available",
            call!(c => Lending::new(c).accounts_receivable().reports().is_aged_debtors_available(COMPANY)),
        ),
        (
            "get-accounting-aged-debtors-report",
            call!(c => Lending::new(c).accounts_receivable().reports().get_aged_debtors(COMPANY, codat_lending::models::GetAccountingAgedDebtorsReportParams::new().report_date("2022-12-31").number_of_periods(12).period_length_days(30))),
        ),
        (
            "is-aged-creditors-report-available",
            call!(c => Lending::new(c).accounts_receivable().reports().is_aged_creditors_available(COMPANY)),
        ),
        (
            "get-accounting-aged-creditors-report",
            call!(c => Lending::new(c).accounts_receivable().reports().get_aged_creditors(COMPANY, codat_lending::models::GetAccountingAgedCreditorsReportParams::new().report_date("2022-12-31").number_of_periods(12).period_length_days(30))),
        ),
        (
            "get-commerce-profile",
            call!(c => Lending::new(c).company_info().get_commerce_profile(COMPANY, CONNECTION)),
        ),
    ]
}
