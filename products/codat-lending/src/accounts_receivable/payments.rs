//! Payments: money the company received from its customers, and what each payment settled,
//! read from Codat's cache of its accounting data.
//!
//! ```no_run
//! use codat_client::paging::PageParams;
//! use codat_lending::Lending;
//!
//! async fn received(lending: &Lending, company: &str) -> Result<(), codat_client::Error> {
//!     let newest = PageParams::new().page_size(20).order_by("-date");
//!     let page = lending.accounts_receivable().payments().list(company, newest).await?;
//!     for payment in page.results {
//!         let customer = payment.customer_ref.and_then(|customer| customer.company_name);
//!         println!("{:?} from {customer:?}: {:?}", payment.date, payment.total_amount);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{AccountingPayment, AccountingPayments};

codat_client::resource! {
    /// The company's payments received; from
    /// [`AccountsReceivable::payments`](super::AccountsReceivable::payments).
    pub struct Payments;
}

impl<'a> Payments<'a> {
    /// One page of the payments Codat last read for the company; `paging` picks the page, its
    /// size, a filter and an order.
    ///
    /// Codat: [`list-accounting-payments`](https://docs.codat.io/lending-api#/operations/list-accounting-payments).
    #[endpoint(GET, "/companies/<company_id>/data/payments",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        #[params] paging: PageParams,
    ) -> Result<AccountingPayments, Error>;

    /// Every payment of the company, as a stream that fetches pages as it goes (see
    /// [`PageOptions`]). It ends after the last page, or at the first error, which it yields.
    pub fn list_all(
        self,
        company_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<AccountingPayment, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (self.codat.clone(), company_id.to_owned()),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id) = &*owned;
                    Payments::new(codat).list(company_id, params).await
                },
            ),
        )
    }

    /// One payment, by its id in the accounting software.
    ///
    /// Codat: [`get-accounting-payment`](https://docs.codat.io/lending-api#/operations/get-accounting-payment).
    #[endpoint(GET, "/companies/<company_id>/data/payments/<payment_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(self, company_id: &str, payment_id: &str) -> Result<AccountingPayment, Error>;
}
