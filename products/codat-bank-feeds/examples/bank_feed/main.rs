//! Sets up a bank feed with Bank Feeds: creates a source account (an account of your
//! application), maps it to a target account in the company's accounting software, pushes
//! bank transactions to it, then reads the feed's latest sync.
//!
//! Without credentials it starts a LOCAL MOCK of the API on 127.0.0.1 and says so; nothing
//! reaches Codat. With `CODAT_API_KEY` (or `CODAT_AUTH_HEADER`) set it calls the real Codat API
//! (or `CODAT_BASE_URL`), and then needs `CODAT_COMPANY_ID` and `CODAT_CONNECTION_ID` (the
//! company's bank feeds connection to its accounting software); `CODAT_TARGET_ACCOUNT_ID`
//! picks the target account, else the first one Codat offers is used. It really creates a
//! source account and writes transactions to that company's books.
//!
//! ```sh
//! cargo run -p codat-bank-feeds --example bank_feed
//! CODAT_API_KEY=... CODAT_COMPANY_ID=... CODAT_CONNECTION_ID=... cargo run -p codat-bank-feeds --example bank_feed
//! ```

/// The local stand-in the example runs against without credentials.
pub(crate) mod mock;

use std::io::Write;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use codat_bank_feeds::models::{
    AccountInfo, BankFeedAccountMapping, BankTransaction, BankTransactionTransactionType,
    CreateBankTransactions, CreateSourceAccountRequest, CreateSourceAccountResponse,
    SourceAccountV2AccountType, SourceAccountV2Prototype,
};
use codat_bank_feeds::BankFeeds;
use codat_client::models::Decimal;
use codat_client::{Codat, Error};
use codat_mock::cli::{env, exit_code};
use mock::MockBankFeeds;
use rust_decimal_macros::dec;

#[tokio::main]
async fn main() -> ExitCode {
    exit_code(run().await)
}

async fn run() -> Result<(), String> {
    let mut out = std::io::stdout();
    let fed = if env("CODAT_API_KEY").is_some() || env("CODAT_AUTH_HEADER").is_some() {
        let codat = Codat::from_env().map_err(|e| e.report().to_string())?;
        let (Some(company), Some(connection)) =
            (env("CODAT_COMPANY_ID"), env("CODAT_CONNECTION_ID"))
        else {
            return Err(
                "set CODAT_COMPANY_ID and CODAT_CONNECTION_ID to a company and its \
                        bank feeds connection"
                    .into(),
            );
        };
        println!(
            "Calling the Codat API at {}: this creates a source account and writes bank \
             transactions to company {company}'s accounting software.",
            codat.base_url()
        );
        let run_id = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let feeds = BankFeeds::new(&codat);
        let target = env("CODAT_TARGET_ACCOUNT_ID");
        bank_feed(
            &feeds,
            &company,
            &connection,
            &format!("acc-{run_id}"),
            target.as_deref(),
            &mut out,
        )
        .await
        .map_err(|e| e.describe())?
    } else {
        let mock = MockBankFeeds::start().await;
        println!(
            "CODAT_API_KEY is not set: calling a LOCAL MOCK of Bank Feeds at {} (not the real \
             API; nothing reaches Codat and nothing is written anywhere). Set CODAT_API_KEY, \
             CODAT_COMPANY_ID and CODAT_CONNECTION_ID to call Codat.",
            mock.uri()
        );
        let feeds = BankFeeds::new(&mock.client());
        bank_feed(
            &feeds,
            mock.company_id(),
            mock.connection_id(),
            "acc-mock-1",
            None,
            &mut out,
        )
        .await
        .map_err(|e| e.describe())?
    };
    println!(
        "Done: source account {} feeds target account {}; {} transactions pushed (push {}); \
         latest sync: {}.",
        fed.source_account_id,
        fed.target_account_id,
        fed.transactions_pushed,
        fed.push_operation_key,
        fed.latest_sync.as_deref().unwrap_or("none yet")
    );
    Ok(())
}

/// What the flow set up.
#[derive(Debug)]
pub(crate) struct Fed {
    /// The source account's id.
    pub(crate) source_account_id: String,
    /// The target account it was mapped to.
    pub(crate) target_account_id: String,
    /// The push operation that carried the transactions.
    pub(crate) push_operation_key: String,
    /// How many transactions were pushed.
    pub(crate) transactions_pushed: usize,
    /// The latest sync's status, if the feed has had one.
    pub(crate) latest_sync: Option<String>,
}

/// The whole flow for the source account `account_id`; maps it to `target`, else to the first
/// target account offered. Writes what it does to `out`; a failed write to `out` is ignored:
/// the flow matters more than its log.
pub(crate) async fn bank_feed(
    feeds: &BankFeeds,
    company: &str,
    connection: &str,
    account_id: &str,
    target: Option<&str>,
    out: &mut impl Write,
) -> Result<Fed, Failure> {
    let info = feeds.company_information().get(company, connection).await?;
    let currency = info.base_currency.unwrap_or_else(|| "GBP".into());
    let _ = writeln!(
        out,
        "Company: {} (base currency {currency})",
        info.company_name.as_deref().unwrap_or("(no name)")
    );

    // 1. The source account: the account in your application the feed comes from.
    let account = SourceAccountV2Prototype {
        id: account_id.into(),
        account_name: "Business current account".into(),
        account_type: SourceAccountV2AccountType::Checking,
        account_number: "12345670".into(),
        routing_info: None,
        sort_code: Some("040004".into()),
        currency: currency.clone(),
        balance: dec!(1520.35),
        modified_date: None,
        account_info: Some(AccountInfo {
            nickname: Some("Current".into()),
            ..AccountInfo::default()
        }),
    };
    let created = feeds
        .source_accounts()
        .create(
            company,
            connection,
            &CreateSourceAccountRequest::SourceAccountV2Prototype(Box::new(account)),
        )
        .await?;
    let status = match &created {
        CreateSourceAccountResponse::SourceAccountV2(a) => a.status.as_ref().map(|s| s.as_str()),
        CreateSourceAccountResponse::SourceAccount(a) => a.status.as_ref().map(|s| s.as_str()),
        CreateSourceAccountResponse::Other(_) => None,
    };
    let _ = writeln!(
        out,
        "Created source account {account_id} ({})",
        status.unwrap_or("status not given")
    );

    // 2. The target account, from those the company's books offer for this source account.
    let target_account_id = match target {
        Some(target) => target.to_owned(),
        None => feeds
            .account_mapping()
            .get(company, connection)
            .await?
            .into_iter()
            .find(|m| m.source_account_id.as_deref() == Some(account_id))
            .and_then(|m| m.target_account_options?.into_iter().find_map(|o| o.id))
            .ok_or_else(|| Failure::NoTarget(account_id.into()))?,
    };
    let mapped = feeds
        .account_mapping()
        .create(
            company,
            connection,
            &BankFeedAccountMapping {
                source_account_id: account_id.into(),
                target_account_id: Some(target_account_id.clone()),
                feed_start_date: Some("2024-06-01T00:00:00Z".into()),
            },
        )
        .await?;
    if mapped.status.as_deref() == Some("Failed") {
        return Err(Failure::Mapping(mapped.error.unwrap_or_default()));
    }
    let _ = writeln!(
        out,
        "Mapped {account_id} to target account {target_account_id}: {}",
        mapped.status.as_deref().unwrap_or("no status")
    );

    // 3. Bank transactions, into the feed.
    let transaction = |id: &str, day: u32, text: &str, amount: Decimal, kind| BankTransaction {
        id: Some(id.into()),
        date: Some(format!("2024-06-{day:02}T10:00:00").as_str().into()),
        description: Some(text.into()),
        amount: Some(amount),
        transaction_type: Some(kind),
        ..BankTransaction::default()
    };
    let transactions = vec![
        transaction(
            &format!("{account_id}-t1"),
            3,
            "Card payment: office supplies",
            dec!(-84.2),
            BankTransactionTransactionType::Debit,
        ),
        transaction(
            &format!("{account_id}-t2"),
            4,
            "Customer payment INV-1042",
            dec!(1250),
            BankTransactionTransactionType::Credit,
        ),
    ];
    let transactions_pushed = transactions.len();
    let pushed = feeds
        .transactions()
        .create(
            company,
            connection,
            account_id,
            codat_bank_feeds::models::CreateBankTransactionsParams::new(),
            &CreateBankTransactions {
                account_id: account_id.into(),
                transactions,
            },
        )
        .await?;
    let _ = writeln!(
        out,
        "Pushed {transactions_pushed} transactions: push {} is {}",
        pushed.push_operation_key,
        pushed.status.as_str()
    );

    // 4. The feed's latest sync; none when it has not had one yet.
    let latest = feeds
        .managed_bank_feeds()
        .get_latest_sync(company, connection, account_id)
        .await?;
    let latest_sync = match latest {
        Some(sync) => {
            let _ = writeln!(
                out,
                "Latest sync {}: {} ({} to {})",
                sync.sync_id, sync.status, sync.period_start_utc, sync.period_end_utc
            );
            Some(sync.status)
        }
        None => {
            let _ = writeln!(out, "Latest sync: none yet");
            None
        }
    };
    Ok(Fed {
        source_account_id: account_id.into(),
        target_account_id,
        push_operation_key: pushed.push_operation_key,
        transactions_pushed,
        latest_sync,
    })
}

/// Why the flow stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A call failed.
    Codat(Error),
    /// Codat offered no target account for the source account.
    NoTarget(String),
    /// Codat refused the mapping, with its reason.
    Mapping(String),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Codat(err)
    }
}

impl Failure {
    fn describe(&self) -> String {
        match self {
            Failure::Codat(err) => err.report().to_string(),
            Failure::NoTarget(account) => format!(
                "Codat offers no target account for source account {account}; set \
                 CODAT_TARGET_ACCOUNT_ID, or map it in the accounting software"
            ),
            Failure::Mapping(why) => format!("Codat did not map the source account: {why}"),
        }
    }
}
