//! Accounts payable: what the company owes its suppliers, as read from its accounting
//! software: bills, the credit notes and payments against them, and the suppliers.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn payables(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let payable = lending.accounts_payable();
//!     let bills = payable.bills().list(company, PageParams::new()).await?;
//!     let suppliers = lending.accounts_payable().suppliers();
//!     let suppliers = suppliers.list(company, PageParams::new()).await?;
//!     println!("{} bills from {} suppliers", bills.total_results, suppliers.total_results);
//!     Ok(())
//! }
//! ```

pub mod bill_credit_notes;
pub mod bill_payments;
pub mod bills;
pub mod suppliers;

codat_client::resource! {
    /// Accounts payable; from [`Lending::accounts_payable`](crate::Lending::accounts_payable).
    pub struct AccountsPayable;
}

impl<'a> AccountsPayable<'a> {
    /// Bills, with their attachments.
    pub fn bills(self) -> bills::Bills<'a> {
        bills::Bills::new(self.codat)
    }

    /// Credit notes the company's suppliers issued.
    pub fn bill_credit_notes(self) -> bill_credit_notes::BillCreditNotes<'a> {
        bill_credit_notes::BillCreditNotes::new(self.codat)
    }

    /// Payments the company made against its bills.
    pub fn bill_payments(self) -> bill_payments::BillPayments<'a> {
        bill_payments::BillPayments::new(self.codat)
    }

    /// Suppliers, with their attachments.
    pub fn suppliers(self) -> suppliers::Suppliers<'a> {
        suppliers::Suppliers::new(self.codat)
    }
}
