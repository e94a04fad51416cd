//! Codat's [Lending](https://docs.codat.io/lending/overview) API: what a lender reads about a
//! borrower (accounts payable and receivable, banking, financial statements, sales and
//! transactions from its accounting, banking and commerce software), the reports Codat builds
//! from them (categorized bank statements, credit models, data integrity, loan summaries,
//! Excel workbooks), file and bank statement uploads, and loan write-back into the borrower's
//! accounting software.
//!
//! # Crate organisation
//!
//! - [`Lending`]: the handle, built from a [`Codat`] client with [`Lending::new`]. Groups
//!   that the spec nests are reached in two steps, e.g.
//!   `lending.accounts_receivable().invoices().list(...)`; the others in one
//!   (`lending.data_integrity().status(...)`).
//! - One module per group, each declaring its operations with `#[endpoint]`; every paged list
//!   also comes as a stream of items (`list_all`). Attachments, PDFs, uploaded files and Excel
//!   workbooks download as a [`Download`](codat_client::Download), streamed.
//! - [`ReportId`]: the id of a report, or [`ReportId::Latest`]; nothing else can be sent.
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec; the items of
//!   every paged list derive [`Queryable`](codat_client::query::Queryable), for typed queries.
//! - [`webhooks`]: [`LendingEvent`](webhooks::LendingEvent), what a verified delivery decodes
//!   into.
//! - Reports and Excel workbooks can be waited for
//!   ([`ManageReports::wait_for_report`](manage_reports::ManageReports::wait_for_report),
//!   [`ExcelReports::wait_for_workbook`](excel_reports::ExcelReports::wait_for_workbook)); loan
//!   write-back pushes with Platform's `push_data().wait_for_push`.
//! - The Platform operations the spec repeats are declared once, in [`codat_client`], and
//!   reached through the same client ([`Codat::companies`], [`Codat::connections`], ...).
//!
//! Enums keep an `Unrecognized(String)` variant, so a value Codat adds later still decodes.
//!
//! # Example
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_client::query::fields;
//! use codat_client::Codat;
//! use codat_lending::models::AccountingInvoice;
//! use codat_lending::{Lending, ReportId};
//! use futures_util::TryStreamExt;
//!
//! async fn review(company: &str) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let lending = Lending::new(&codat);
//!     let invoice = fields::<AccountingInvoice>();
//!     let unpaid = invoice.amount_due().gt(0).to_query().expect("a valid query");
//!     let mut invoices = lending
//!         .accounts_receivable()
//!         .invoices()
//!         .list_all(company, PageOptions::new().query(unpaid));
//!     while let Some(invoice) = invoices.try_next().await? {
//!         println!("{:?}: {} due", invoice.invoice_number, invoice.amount_due);
//!     }
//!     let summary = lending
//!         .financial_summary()
//!         .get_financial_summary(company, ReportId::Latest)
//!         .await?;
//!     println!("{summary:?}");
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`Lending`] per group of operations, 138 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`Lending::accounts_payable`] | bills, bill credit notes, bill payments, suppliers | 14 |
//! | [`Lending::accounts_receivable`] | invoices, credit notes, customers, payments, ageing | 25 |
//! | [`Lending::accounting_bank_data`] | bank accounts and their transactions in the books | 3 |
//! | [`Lending::bank_statements`] | statement uploads; the categorized bank statement | 8 |
//! | [`Lending::banking`] | bank connections' accounts, balances and transactions | 8 |
//! | [`Lending::company_info`] | the company's accounting and commerce profiles | 2 |
//! | [`Lending::data_integrity`] | how well accounting and banking records match | 3 |
//! | [`Lending::excel_reports`] | Excel workbooks of the company's data | 3 |
//! | [`Lending::file_upload`] | files the company shared, and uploading more | 3 |
//! | [`Lending::financial_statements`] | accounts, balance sheet, profit and loss, cash flow | 7 |
//! | [`Lending::financial_summary`] | the credit model: its summary and workbook | 2 |
//! | [`Lending::liabilities`] | loan transactions and loan summaries | 4 |
//! | [`Lending::loan_writeback`] | recording a loan in the books: accounts, feeds, transfers | 17 |
//! | [`Lending::manage_reports`] | generating reports and following their progress | 3 |
//! | [`Lending::sales`] | commerce metrics, reports, customers, orders, products | 23 |
//! | [`Lending::transactions`] | account transactions, direct costs, journals, transfers | 13 |
//!
//! Platform's operations that Lending shares (companies, connections, data refreshes, push history)
//! are on [`Codat`].

use codat_client::Codat;

pub mod accounting_bank_data;
pub mod accounts_payable;
pub mod accounts_receivable;
pub mod bank_statements;
pub mod banking;
pub mod company_info;
pub mod data_integrity;
pub mod excel_reports;
pub mod file_upload;
pub mod financial_statements;
pub mod financial_summary;
pub mod liabilities;
pub mod loan_writeback;
pub mod manage_reports;
pub mod models;
pub mod sales;
pub mod transactions;
pub mod webhooks;

pub use codat_client::models::{InvalidReportId, ReportId};

/// Lending, reached through a [`Codat`] client. Holds a clone of it, so it shares its
/// connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct Lending {
    codat: Codat,
}

impl Lending {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> Lending {
        Lending {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's operations are
    /// (companies, connections, data refreshes, push history).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// Accounts payable: bills, bill credit notes, bill payments and suppliers.
    pub fn accounts_payable(&self) -> accounts_payable::AccountsPayable<'_> {
        accounts_payable::AccountsPayable::new(&self.codat)
    }

    /// Accounts receivable: invoices, credit notes, customers, direct incomes, payments and the aged debtor and creditor reports.
    pub fn accounts_receivable(&self) -> accounts_receivable::AccountsReceivable<'_> {
        accounts_receivable::AccountsReceivable::new(&self.codat)
    }

    /// Bank accounts and their transactions as the accounting software records them.
    pub fn accounting_bank_data(&self) -> accounting_bank_data::AccountingBankData<'_> {
        accounting_bank_data::AccountingBankData::new(&self.codat)
    }

    /// Uploading bank statements, and the categorized bank statement report.
    pub fn bank_statements(&self) -> bank_statements::BankStatements<'_> {
        bank_statements::BankStatements::new(&self.codat)
    }

    /// Banking data from the company's bank connections: accounts, balances, transactions and their categories.
    pub fn banking(&self) -> banking::Banking<'_> {
        banking::Banking::new(&self.codat)
    }

    /// The company's profile in its accounting and commerce software.
    pub fn company_info(&self) -> company_info::CompanyInfo<'_> {
        company_info::CompanyInfo::new(&self.codat)
    }

    /// How well the company's accounting and banking data match.
    pub fn data_integrity(&self) -> data_integrity::DataIntegrity<'_> {
        data_integrity::DataIntegrity::new(&self.codat)
    }

    /// Generating and downloading Excel workbooks of the company's data.
    pub fn excel_reports(&self) -> excel_reports::ExcelReports<'_> {
        excel_reports::ExcelReports::new(&self.codat)
    }

    /// Files the company uploaded, and uploading more.
    pub fn file_upload(&self) -> file_upload::FileUpload<'_> {
        file_upload::FileUpload::new(&self.codat)
    }

    /// Financial statements: accounts, balance sheet, profit and loss, cash flow.
    pub fn financial_statements(&self) -> financial_statements::FinancialStatements<'_> {
        financial_statements::FinancialStatements::new(&self.codat)
    }

    /// The credit model report: its financial summary and its Excel workbook.
    pub fn financial_summary(&self) -> financial_summary::FinancialSummary<'_> {
        financial_summary::FinancialSummary::new(&self.codat)
    }

    /// Loans the company has: generating and reading loan transactions and summaries.
    pub fn liabilities(&self) -> liabilities::Liabilities<'_> {
        liabilities::Liabilities::new(&self.codat)
    }

    /// Recording a loan in the company's accounting software: accounts, bank accounts, bank feeds, suppliers, transfers, direct costs and payments.
    pub fn loan_writeback(&self) -> loan_writeback::LoanWriteback<'_> {
        loan_writeback::LoanWriteback::new(&self.codat)
    }

    /// Generating reports and following their progress.
    pub fn manage_reports(&self) -> manage_reports::ManageReports<'_> {
        manage_reports::ManageReports::new(&self.codat)
    }

    /// Commerce data: sales metrics and reports, customers, disputes, locations, orders, payments, products and transactions.
    pub fn sales(&self) -> sales::Sales<'_> {
        sales::Sales::new(&self.codat)
    }

    /// Accounting transactions: account transactions, direct costs, journals, journal entries and transfers.
    pub fn transactions(&self) -> transactions::Transactions<'_> {
        transactions::Transactions::new(&self.codat)
    }
}
