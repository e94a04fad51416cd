//! Recording a loan in the company's accounting software: accounts, bank accounts, bank feeds, suppliers, transfers, direct costs and payments.

codat_client::resource! {
    /// Recording a loan in the company's accounting software; from [`Lending::loan_writeback`](crate::Lending::loan_writeback).
    pub struct LoanWriteback;
}
