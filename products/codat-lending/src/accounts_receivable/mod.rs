//! Accounts receivable: invoices, credit notes, customers, direct incomes, payments and the aged debtor and creditor reports.

codat_client::resource! {
    /// Accounts receivable; from [`Lending::accounts_receivable`](crate::Lending::accounts_receivable).
    pub struct AccountsReceivable;
}
