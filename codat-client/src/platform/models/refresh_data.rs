//! Models of the Refresh data operations.

use crate::string_enum;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DateTime, Page};
use crate::query::Queryable;

string_enum! {
    /// A kind of data Codat reads from a platform.
    pub enum DataType {
        /// Account transactions.
        AccountTransactions = "accountTransactions",
        /// Balance sheet.
        BalanceSheet = "balanceSheet",
        /// Bank accounts.
        BankAccounts = "bankAccounts",
        /// Bank transactions.
        BankTransactions = "bankTransactions",
        /// Bill credit notes.
        BillCreditNotes = "billCreditNotes",
        /// Bill payments.
        BillPayments = "billPayments",
        /// Bills.
        Bills = "bills",
        /// Cash flow statement.
        CashFlowStatement = "cashFlowStatement",
        /// Chart of accounts.
        ChartOfAccounts = "chartOfAccounts",
        /// Company information.
        Company = "company",
        /// Credit notes.
        CreditNotes = "creditNotes",
        /// Customers.
        Customers = "customers",
        /// Direct costs.
        DirectCosts = "directCosts",
        /// Direct incomes.
        DirectIncomes = "directIncomes",
        /// Invoices.
        Invoices = "invoices",
        /// Item receipts.
        ItemReceipts = "itemReceipts",
        /// Items.
        Items = "items",
        /// Journal entries.
        JournalEntries = "journalEntries",
        /// Journals.
        Journals = "journals",
        /// Payment methods.
        PaymentMethods = "paymentMethods",
        /// Payments.
        Payments = "payments",
        /// Profit and loss.
        ProfitAndLoss = "profitAndLoss",
        /// Purchase orders.
        PurchaseOrders = "purchaseOrders",
        /// Sales orders.
        SalesOrders = "salesOrders",
        /// Suppliers.
        Suppliers = "suppliers",
        /// Tax rates.
        TaxRates = "taxRates",
        /// Tracking categories.
        TrackingCategories = "trackingCategories",
        /// Transfers.
        Transfers = "transfers",
        /// Banking: account balances.
        BankingAccountBalances = "banking-accountBalances",
        /// Banking: accounts.
        BankingAccounts = "banking-accounts",
        /// Banking: transaction categories.
        BankingTransactionCategories = "banking-transactionCategories",
        /// Banking: transactions.
        BankingTransactions = "banking-transactions",
        /// Commerce: company information.
        CommerceCompanyInfo = "commerce-companyInfo",
        /// Commerce: customers.
        CommerceCustomers = "commerce-customers",
        /// Commerce: disputes.
        CommerceDisputes = "commerce-disputes",
        /// Commerce: locations.
        CommerceLocations = "commerce-locations",
        /// Commerce: orders.
        CommerceOrders = "commerce-orders",
        /// Commerce: payment methods.
        CommercePaymentMethods = "commerce-paymentMethods",
        /// Commerce: payments.
        CommercePayments = "commerce-payments",
        /// Commerce: product categories.
        CommerceProductCategories = "commerce-productCategories",
        /// Commerce: products.
        CommerceProducts = "commerce-products",
        /// Commerce: tax components.
        CommerceTaxComponents = "commerce-taxComponents",
        /// Commerce: transactions.
        CommerceTransactions = "commerce-transactions",
    }
}

string_enum! {
    /// Where a read of one data type (a dataset) stands.
    pub enum DatasetStatus {
        /// Created, not yet queued.
        Initial = "Initial",
        /// Waiting to be fetched.
        Queued = "Queued",
        /// Being fetched from the platform.
        Fetching = "Fetching",
        /// Waiting to be mapped.
        MapQueued = "MapQueued",
        /// Being mapped to Codat's model.
        Mapping = "Mapping",
        /// Done.
        Complete = "Complete",
        /// Fetching failed.
        FetchError = "FetchError",
        /// Mapping failed.
        MapError = "MapError",
        /// Codat failed internally.
        InternalError = "InternalError",
        /// Waiting to be processed.
        ProcessingQueued = "ProcessingQueued",
        /// Being processed.
        Processing = "Processing",
        /// Processing failed.
        ProcessingError = "ProcessingError",
        /// Waiting to be validated.
        ValidationQueued = "ValidationQueued",
        /// Being validated.
        Validating = "Validating",
        /// Validation failed.
        ValidationError = "ValidationError",
        /// The platform refused the credentials.
        AuthError = "AuthError",
        /// Cancelled.
        Cancelled = "Cancelled",
        /// The platform does not offer this data type.
        NotSupported = "NotSupported",
        /// The platform's rate limit stopped the read.
        RateLimitError = "RateLimitError",
        /// The connection lacks a permission the read needs.
        PermissionsError = "PermissionsError",
        /// Something the read needs is missing.
        PrerequisiteNotMet = "PrerequisiteNotMet",
    }
}

/// One read of one data type from one connection (a dataset).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Queryable)]
#[serde(rename_all = "camelCase")]
pub struct PullOperation {
    /// The dataset's id.
    pub id: String,
    /// The company.
    pub company_id: String,
    /// The connection read from.
    pub connection_id: String,
    /// The data type read.
    pub data_type: DataType,
    /// Where the read stands.
    pub status: DatasetStatus,
    /// More about the status, e.g. why it is paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_description: Option<String>,
    /// What went wrong, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// When it was asked for.
    pub requested: DateTime,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<DateTime>,
    /// Progress, 0 to 100.
    pub progress: i64,
    /// Whether it has finished.
    pub is_completed: bool,
    /// Whether it has failed.
    pub is_errored: bool,
}

/// One page of pull operations.
pub type PullOperations = Page<PullOperation>;

/// The latest read of one data type for a company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataStatus {
    /// The data type.
    pub data_type: DataType,
    /// When it was last read successfully.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_successful_sync: Option<DateTime>,
    /// Where its latest read stands.
    pub current_status: DatasetStatus,
    /// The latest read's dataset id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_sync_id: Option<String>,
    /// The latest successful read's dataset id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_successful_sync_id: Option<String>,
}

/// The status of each data type, keyed by its name (e.g. `invoices`); `None` where it was
/// never read.
pub type DataStatuses = BTreeMap<String, Option<DataStatus>>;

/// The optional parameters of queueing a read of one data type (`refresh-data-type`).
#[derive(Clone, Debug, Default, PartialEq, Eq, crate::ParamGroup)]
#[non_exhaustive]
pub struct RefreshDataTypeParams {
    /// Read from this connection (a UUID) only, instead of every connection of the company.
    #[query]
    pub connection_id: Option<String>,
}
