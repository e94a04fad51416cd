//! Accounts receivable: what the company's customers owe it, as read from its accounting
//! software: invoices (with the reconciled view that checks payments against the bank),
//! credit notes, customers, direct incomes and payments, plus the aged debtor and creditor
//! reports.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn receivables(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let invoices = lending.accounts_receivable().invoices().list(company, PageParams::new());
//!     let customers = lending.accounts_receivable().customers().list(company, PageParams::new());
//!     let (invoices, customers) = (invoices.await?, customers.await?);
//!     println!("{} invoices to {} customers", invoices.total_results, customers.total_results);
//!     Ok(())
//! }
//! ```

pub mod credit_notes;
pub mod customers;
pub mod direct_incomes;
pub mod invoices;
pub mod payments;
pub mod reports;

codat_client::resource! {
    /// Accounts receivable; from [`Lending::accounts_receivable`](crate::Lending::accounts_receivable).
    pub struct AccountsReceivable;
}

impl<'a> AccountsReceivable<'a> {
    /// Invoices, their PDFs and attachments, and the reconciled invoices report.
    pub fn invoices(self) -> invoices::Invoices<'a> {
        invoices::Invoices::new(self.codat)
    }

    /// Credit notes the company issued to its customers.
    pub fn credit_notes(self) -> credit_notes::CreditNotes<'a> {
        credit_notes::CreditNotes::new(self.codat)
    }

    /// Customers, with their attachments.
    pub fn customers(self) -> customers::Customers<'a> {
        customers::Customers::new(self.codat)
    }

    /// Income recorded without an invoice, with its attachments.
    pub fn direct_incomes(self) -> direct_incomes::DirectIncomes<'a> {
        direct_incomes::DirectIncomes::new(self.codat)
    }

    /// Payments the company received against its invoices.
    pub fn payments(self) -> payments::Payments<'a> {
        payments::Payments::new(self.codat)
    }

    /// The aged debtors and aged creditors reports.
    pub fn reports(self) -> reports::Reports<'a> {
        reports::Reports::new(self.codat)
    }
}
