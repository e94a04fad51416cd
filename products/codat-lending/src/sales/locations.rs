//! Locations: the places a company sells from or keeps stock at.
//!
//! ```no_run
//! use codat_lending::Lending;
//!
//! async fn locations(lending: &Lending, company: &str, connection: &str)
//!     -> Result<(), codat_client::Error>
//! {
//!     for location in lending.sales().locations().list(company, connection).await?.results {
//!         println!("{}: {:?} at {:?}", location.id, location.name, location.address);
//!     }
//!     Ok(())
//! }
//! ```

use codat_client::{endpoint, Error};

use crate::models::{CommerceLocation, CommerceLocations};

codat_client::resource! {
    /// The locations of a commerce connection; from
    /// [`Sales::locations`](super::Sales::locations).
    pub struct Locations;
}

impl Locations<'_> {
    /// Every location Codat last read from the connection, as one page: the list takes no
    /// paging parameters.
    ///
    /// Codat: [`list-commerce-locations`](https://docs.codat.io/lending-api#/operations/list-commerce-locations).
    #[endpoint(GET, "/companies/<company_id>/connections/<connection_id>/data/commerce-locations",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn list(
        self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<CommerceLocations, Error>;

    /// One location, by its id in the commerce platform.
    ///
    /// Codat: [`get-commerce-location`](https://docs.codat.io/lending-api#/operations/get-commerce-location).
    #[endpoint(GET,
               "/companies/<company_id>/connections/<connection_id>/data/commerce-locations/<location_id>",
               errors = [401, 402, 403, 404, 409, 429, 500, 503])]
    pub async fn get(
        self,
        company_id: &str,
        connection_id: &str,
        location_id: &str,
    ) -> Result<CommerceLocation, Error>;
}
