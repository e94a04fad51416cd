//! Bill payments: recording in the accounting software that a bill was paid, and the bank
//! accounts a payment can come from.
//!
//! ```no_run
//! use codat_client::models::{DateTime, Decimal};
//! use codat_sync_payables::models::{BillPaymentAccountRef, BillPaymentPrototype};
//! use codat_sync_payables::models::{CreateBillPaymentParams, GetMappingOptionsPaymentsParams};
//! use codat_sync_payables::SyncForPayables;
//! use futures_util::TryStreamExt;
//!
//! /// Pays a bill in full from the first GBP account the software offers.
//! async fn pay(payables: &SyncForPayables, company: &str, connection: &str, bill: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let options = GetMappingOptionsPaymentsParams::new();
//!     let payments = payables.bill_payments();
//!     let mut accounts = payments.list_all_payment_options(company, connection, options);
//!     let mut from = None;
//!     while let Some(account) = accounts.try_next().await? {
//!         if account.currency.as_deref() == Some("GBP") {
//!             from = account.id;
//!             break;
//!         }
//!     }
//!     let Some(from) = from else { return Ok(()) };
//!     let payment = BillPaymentPrototype {
//!         amount: Decimal::new(45_000, 2),
//!         date: DateTime::from("2024-07-01T00:00:00"),
//!         reference: Some("INV-1042".into()),
//!         account_ref: BillPaymentAccountRef { id: from },
//!         currency_rate: None,
//!     };
//!     let paid = payables
//!         .bill_payments()
//!         .create(company, connection, bill, CreateBillPaymentParams::new(), &payment)
//!         .await?;
//!     println!("payment {:?} of {:?}", paid.id, paid.amount);
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, CursorPaged};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{
    BankAccountMappingOption, BillPayment, BillPaymentPrototype, CreateBillPaymentParams,
    GetMappingOptionsPaymentsParams, PaymentMappingOptions,
};

codat_client::resource! {
    /// Payments of bills in one connection; from
    /// [`SyncForPayables::bill_payments`](crate::SyncForPayables::bill_payments).
    pub struct BillPayments;
}

impl<'a> BillPayments<'a> {
    /// Records a payment against a bill. Codat treats a repeated call with the same
    /// idempotency key as the first; without one the client sends a fresh key per call.
    ///
    /// Codat: [`create-bill-payment`](https://docs.codat.io/sync-for-payables-api#/operations/create-bill-payment).
    #[endpoint(POST,
               "/companies/<company_id>/connections/<connection_id>/payables/bills/<bill_id>/payment",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn create(
        self,
        company_id: &str,
        connection_id: &str,
        bill_id: &str,
        #[params] options: CreateBillPaymentParams,
        #[body] payment: &BillPaymentPrototype,
    ) -> Result<BillPayment, Error>;

    /// One page of the bank accounts a bill payment can be made from. `options.status_query` filters
    /// by status (e.g. `status=Active`).
    ///
    /// Codat: [`get-mapping-options-payments`](https://docs.codat.io/sync-for-payables-api#/operations/get-mapping-options-payments).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/payables/mappingOptions/payments",
               errors = [400, 401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_payment_options(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] options: GetMappingOptionsPaymentsParams,
    ) -> Result<PaymentMappingOptions, Error>;

    /// Every bank account a payment can be made from, as a stream over the pages. It ends
    /// after the last page, or at the first error, which it yields.
    pub fn list_all_payment_options(
        self,
        company_id: &str,
        connection_id: &str,
        options: GetMappingOptionsPaymentsParams,
    ) -> BoxStream<'static, Result<BankAccountMappingOption, Error>> {
        paging::cursor_items(paging::owning(
            (
                self.codat.clone(),
                company_id.to_owned(),
                connection_id.to_owned(),
                options,
            ),
            move |owned, token: Option<String>| async move {
                let (codat, company_id, connection_id, options) = &*owned;
                BillPayments::new(codat)
                    .get_payment_options(
                        company_id,
                        connection_id,
                        GetMappingOptionsPaymentsParams {
                            continuation_token: token,
                            ..options.clone()
                        },
                    )
                    .await
            },
        ))
    }
}

impl CursorPaged for PaymentMappingOptions {
    type Item = BankAccountMappingOption;

    fn into_items(self) -> (Vec<BankAccountMappingOption>, Option<String>) {
        (
            self.bank_accounts.unwrap_or_default(),
            self.pagination.and_then(|p| p.continuation_token),
        )
    }
}
