//! Bill payments: recording in the accounting software that a bill was paid, and the bank
//! accounts a payment can come from.

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
