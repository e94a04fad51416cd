//! Banking data, read through a company's bank connections: accounts, their balances, their
//! transactions and the categories those fall into, plus the categorized bank statement Codat
//! builds from them.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn bank_data(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let accounts = lending.banking().accounts().list(company, connection, PageParams::new());
//!     for account in accounts.await?.results {
//!         println!("{} at {:?}: {:?}", account.name, account.institution.name,
//!             account.balance.current);
//!     }
//!     Ok(())
//! }
//! ```

pub mod account_balances;
pub mod accounts;
pub mod categorized_statement;
pub mod transaction_categories;
pub mod transactions;

codat_client::resource! {
    /// Banking data from the company's bank connections; from
    /// [`Lending::banking`](crate::Lending::banking).
    pub struct Banking;
}

impl<'a> Banking<'a> {
    /// The company's bank transactions, each with the category Codat put it in.
    pub fn categorized_statement(self) -> categorized_statement::CategorizedStatement<'a> {
        categorized_statement::CategorizedStatement::new(self.codat)
    }

    /// Account balances, by date.
    pub fn account_balances(self) -> account_balances::AccountBalances<'a> {
        account_balances::AccountBalances::new(self.codat)
    }

    /// Bank accounts.
    pub fn accounts(self) -> accounts::Accounts<'a> {
        accounts::Accounts::new(self.codat)
    }

    /// Bank transactions.
    pub fn transactions(self) -> transactions::Transactions<'a> {
        transactions::Transactions::new(self.codat)
    }

    /// The categories the bank sorts transactions into.
    pub fn transaction_categories(self) -> transaction_categories::TransactionCategories<'a> {
        transaction_categories::TransactionCategories::new(self.codat)
    }
}
