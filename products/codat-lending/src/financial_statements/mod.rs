//! Financial statements: the chart of accounts, the balance sheet, the profit and loss
//! statement and the cash flow statement, as the accounting software reports them or as Codat
//! categorizes them.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::models::GetAccountingProfitAndLossParams;
//! use codat_lending::Lending;
//!
//! async fn statements(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let chart = lending.financial_statements().accounts().list(company, PageParams::new());
//!     println!("{} accounts in the chart", chart.await?.total_results);
//!     let pnl = lending
//!         .financial_statements()
//!         .profit_and_loss()
//!         .get(company, 1, 12, GetAccountingProfitAndLossParams::new())
//!         .await?;
//!     for month in pnl.reports {
//!         println!("{:?}: net profit {}", month.from_date, month.net_profit);
//!     }
//!     Ok(())
//! }
//! ```

pub mod accounts;
pub mod balance_sheet;
pub mod cash_flow;
pub mod profit_and_loss;

codat_client::resource! {
    /// Financial statements; from
    /// [`Lending::financial_statements`](crate::Lending::financial_statements).
    pub struct FinancialStatements;
}

impl<'a> FinancialStatements<'a> {
    /// The company's chart of accounts.
    pub fn accounts(self) -> accounts::Accounts<'a> {
        accounts::Accounts::new(self.codat)
    }

    /// The balance sheet, as reported and as categorized by Codat.
    pub fn balance_sheet(self) -> balance_sheet::BalanceSheet<'a> {
        balance_sheet::BalanceSheet::new(self.codat)
    }

    /// The cash flow statement.
    pub fn cash_flow(self) -> cash_flow::CashFlow<'a> {
        cash_flow::CashFlow::new(self.codat)
    }

    /// The profit and loss statement, as reported and as categorized by Codat.
    pub fn profit_and_loss(self) -> profit_and_loss::ProfitAndLoss<'a> {
        profit_and_loss::ProfitAndLoss::new(self.codat)
    }
}
