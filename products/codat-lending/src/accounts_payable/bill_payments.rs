//! Bill payments: money the company paid its suppliers, and what each payment settled, read
//! from Codat's cache of its accounting data.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn recent_payments(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let newest = PageParams::new().page_size(20).order_by("-date");
//!     let page = lending.accounts_payable().bill_payments().list(company, newest).await?;
//!     for payment in page.results {
//!         println!("{:?}: {:?} {:?}", payment.date, payment.total_amount, payment.currency);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingBillPayment, AccountingBillPayments};

codat_client::resource! {
    /// The company's bill payments; from
    /// [`AccountsPayable::bill_payments`](super::AccountsPayable::bill_payments).
    pub struct BillPayments;
}

impl<'a> BillPayments<'a> {
    /// One page of the bill payments Codat last read for the company; `paging` picks the
    /// page, its size, a filter and an order.
    ///
    /// Codat: [`list-accounting-bill-payments`](https://docs.codat.io/lending-api#/operations/list-accounting-bill-payments).
    #[endpoint(GET, "/companies/<company_id>/data/billPayments",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingBillPayments, Error>;

    /// Every bill payment of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingBillPayment, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    BillPayments::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One bill payment, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-bill-payment`](https://docs.codat.io/lending-api#/operations/get-accounting-bill-payment).
    #[endpoint(GET, "/companies/<company_id>/data/billPayments/<bill_payment_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        bill_payment_id: &str,
    ) -> Result<AccountingBillPayment, Error>;
}
