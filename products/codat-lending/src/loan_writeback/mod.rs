//! Loan writeback: recording a loan in the company's accounting software. The usual steps
//! create what the loan is booked against (a bank account, an account, the lender as a
//! supplier), then record the money as it moves: a transfer for the drawdown, direct costs for
//! repayments, interest and fees, payments where a loan settles invoices, and bank
//! transactions through a bank feed (whose source account is mapped first). Each write is a
//! push operation that Platform's push history
//! ([`Codat::push_data`](codat_client::Codat::push_data)) also follows.
//!
//! ```no_run
//! use codat_client::models::Decimal;
//! use codat_client::wait::WaitOptions;
//! use codat_lending::models::{AccountingCreateBankTransactions, CreateBankAccountTransaction};
//! use codat_lending::models::CreateBankTransactionsParams;
//! use codat_lending::Lending;
//!
//! /// Records a loan's drawdown on the company's bank account and waits for the push to end.
//! async fn record_drawdown(lending: &Lending, company: &str, connection: &str, account: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let drawdown = AccountingCreateBankTransactions {
//!         account_id: Some(account.into()),
//!         transactions: Some(vec![CreateBankAccountTransaction {
//!             id: Some("loan-42-drawdown".into()),
//!             amount: Some(Decimal::new(2_500_000, 2)), // 25,000.00
//!             date: Some("2024-07-01T00:00:00".into()),
//!             description: Some("Loan 42: drawdown".into()),
//!             balance: None,
//!         }]),
//!     };
//!     let pushed = lending
//!         .loan_writeback()
//!         .bank_transactions()
//!         .create(company, connection, account, CreateBankTransactionsParams::new(), &drawdown)
//!         .await?;
//!     let done = lending
//!         .codat()
//!         .push_data()
//!         .wait_for_push(company, &pushed.push_operation_key, WaitOptions::new())
//!         .finish()
//!         .await?;
//!     println!("push {} ended {:?}", done.push_operation_key, done.status);
//!     Ok(())
//! }
//! ```

pub mod accounts;
pub mod bank_accounts;
pub mod bank_transactions;
pub mod direct_costs;
pub mod payments;
pub mod source_accounts;
pub mod suppliers;
pub mod transfers;

codat_client::resource! {
    /// Recording a loan in the company's accounting software; from
    /// [`Lending::loan_writeback`](crate::Lending::loan_writeback).
    pub struct LoanWriteback;
}

impl<'a> LoanWriteback<'a> {
    /// Accounts in the chart of accounts.
    pub fn accounts(self) -> accounts::Accounts<'a> {
        accounts::Accounts::new(self.codat)
    }

    /// Bank accounts in the accounting software.
    pub fn bank_accounts(self) -> bank_accounts::BankAccounts<'a> {
        bank_accounts::BankAccounts::new(self.codat)
    }

    /// Transactions on a bank account in the accounting software.
    pub fn bank_transactions(self) -> bank_transactions::BankTransactions<'a> {
        bank_transactions::BankTransactions::new(self.codat)
    }

    /// Direct costs.
    pub fn direct_costs(self) -> direct_costs::DirectCosts<'a> {
        direct_costs::DirectCosts::new(self.codat)
    }

    /// Payments against invoices.
    pub fn payments(self) -> payments::Payments<'a> {
        payments::Payments::new(self.codat)
    }

    /// Source accounts for a bank feed, and their mappings to accounts in the accounting
    /// software.
    pub fn source_accounts(self) -> source_accounts::SourceAccounts<'a> {
        source_accounts::SourceAccounts::new(self.codat)
    }

    /// Suppliers.
    pub fn suppliers(self) -> suppliers::Suppliers<'a> {
        suppliers::Suppliers::new(self.codat)
    }

    /// Transfers between accounts.
    pub fn transfers(self) -> transfers::Transfers<'a> {
        transfers::Transfers::new(self.codat)
    }
}
