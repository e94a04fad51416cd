//! Loans the company has, found in its accounting, banking or commerce data: building the
//! loan transactions and loan summary reports, then reading them.
//!
//! Each report is built on request ([`Liabilities::generate_loan_transactions`],
//! [`Liabilities::generate_loan_summary`]) and read once built.
//!
//! ```no_run
//! use codat_lending::liabilities::SourceType;
//! use codat_lending::Lending;
//!
//! /// Builds the loan summary from the books, then reads it (once Codat has built it).
//! async fn loans(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     lending.liabilities().generate_loan_summary(company, &SourceType::Accounting).await?;
//!     let liabilities = lending.liabilities();
//!     let summary = liabilities.get_loan_summary(company, &SourceType::Accounting).await?;
//!     for loan in summary.report_items.unwrap_or_default() {
//!         println!("{:?} from {:?}: balance {:?}", loan.description, loan.lender, loan.balance);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{LoanSummary, LoanTransactions};

codat_client::string_enum! {
    /// Which of the company's data a loan report is built from, its `sourceType`.
    pub enum SourceType {
        /// `banking`: its bank connections.
        Banking = "banking",
        /// `commerce`: its commerce connections.
        Commerce = "commerce",
        /// `accounting`: its accounting software.
        Accounting = "accounting",
    }
}

codat_client::resource! {
    /// Loans the company has; from [`Lending::liabilities`](crate::Lending::liabilities).
    pub struct Liabilities;
}

impl Liabilities<'_> {
    /// Starts building the loan transactions report from the `source_type` data; Codat
    /// answers 202 at once, with no body.
    ///
    /// Codat: [`generate-loan-transactions`](https://docs.codat.io/lending-api#/operations/generate-loan-transactions).
    #[endpoint(POST, "/companies/<company_id>/reports/liabilities/loans/transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate_loan_transactions(
        self,
        company_id: &str,
        #[query] source_type: &SourceType,
    ) -> Result<(), Error>;

    /// The loan transactions report built from the `source_type` data: each drawdown,
    /// repayment, interest or fee, with the loan it belongs to.
    ///
    /// Codat: [`list-loan-transactions`](https://docs.codat.io/lending-api#/operations/list-loan-transactions).
    #[endpoint(GET, "/companies/<company_id>/reports/liabilities/loans/transactions",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn list_loan_transactions(
        self,
        company_id: &str,
        #[query] source_type: &SourceType,
    ) -> Result<LoanTransactions, Error>;

    /// Starts building the loan summary report from the `source_type` data; Codat answers 202
    /// at once, with no body.
    ///
    /// Codat: [`generate-loan-summary`](https://docs.codat.io/lending-api#/operations/generate-loan-summary).
    #[endpoint(POST, "/companies/<company_id>/reports/liabilities/loans",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn generate_loan_summary(
        self,
        company_id: &str,
        #[query] source_type: &SourceType,
    ) -> Result<(), Error>;

    /// The loan summary report built from the `source_type` data: each loan with its lender,
    /// start date, drawdowns, repayments and balance.
    ///
    /// Codat: [`get-loan-summary`](https://docs.codat.io/lending-api#/operations/get-loan-summary).
    #[endpoint(GET, "/companies/<company_id>/reports/liabilities/loans",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_loan_summary(
        self,
        company_id: &str,
        #[query] source_type: &SourceType,
    ) -> Result<LoanSummary, Error>;
}
