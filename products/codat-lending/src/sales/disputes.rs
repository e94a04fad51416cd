//! Disputes: payments a customer contested with their card issuer or the platform, with their
//! amount, reason and state.
//!
//! ```no_run
//! use codat_client::paging::PageOptions;
//! use codat_lending::Lending;
//! use futures_util::TryStreamExt;
//!
//! /// Disputes still open, and what they put at stake.
//! async fn open_disputes(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     let disputes = lending.sales().disputes();
//!     let open = PageOptions::new().query("status!=Won&&status!=Lost");
//!     let mut disputes = disputes.list_all(company, connection, open);
//!     while let Some(dispute) = disputes.try_next().await? {
//!         println!("{:?} {} ({:?}): due {:?}", dispute.total_amount, dispute.currency,
//!             dispute.reason, dispute.due_date);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

use crate::models::{CommerceDispute, CommerceDisputes};

codat_client::resource! {
    /// The disputes of a commerce connection; from [`Sales::disputes`](super::Sales::disputes).
    pub struct Disputes;
}

impl<'a> Disputes<'a> {
    /// One page of the disputes Codat last read from the connection; `paging` picks the page,
    /// its size, a filter and an order.
    ///
    /// Codat: [`list-commerce-disputes`](https://docs.codat.io/lending-api#/operations/list-commerce-disputes).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-disputes",
               errors = [400, 401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
        #[params] paging: PageParams,
    ) -> Result<CommerceDisputes, Error>;

    /// Every dispute Codat last read from the connection, as a stream that fetches pages as it
    /// goes (see [`PageOptions`]). It ends after the last page, or at the first error, which it
    /// yields.
    pub fn list_all(
        self,
        company_id: &str,
        connection_id: &str,
        options: PageOptions,
    ) -> BoxStream<'static, Result<CommerceDispute, Error>> {
        paging::walk_params(
            options,
            paging::owning(
                (
                    self.codat.clone(),
                    company_id.to_owned(),
                    connection_id.to_owned(),
                ),
                move |owned, params: paging::PageParams| async move {
                    let (codat, company_id, connection_id) = &*owned;
                    Disputes::new(codat)
                        .list(company_id, connection_id, params)
                        .await
                },
            ),
        )
    }

    /// One dispute, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-dispute`](https://docs.codat.io/lending-api#/operations/get-commerce-dispute).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-disputes/<dispute_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        dispute_id: &str,
    ) -> Result<CommerceDispute, Error>;
}
