//! Companies: the businesses whose data you access through Codat.

use crate::models::companies::CompanyAccessToken;
use crate::{endpoint, Codat, Error, Resource};

/// Operations on companies; from [`Codat::companies`].
#[derive(Clone, Copy, Debug)]
pub struct Companies<'a> {
    codat: &'a Codat,
}

impl Codat {
    /// Operations on companies.
    pub fn companies(&self) -> Companies<'_> {
        Companies { codat: self }
    }
}

impl Resource for Companies<'_> {
    fn codat(&self) -> &Codat {
        self.codat
    }
}

impl Companies<'_> {
    /// Issues an access token for one company, valid for a day, which Codat's embeddable UIs
    /// (Connections SDK, Link SDK) use to identify the company's user.
    #[endpoint(GET, "/companies/<company_id>/accessToken",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_access_token(&self, company_id: &str) -> Result<CompanyAccessToken, Error>;
}
