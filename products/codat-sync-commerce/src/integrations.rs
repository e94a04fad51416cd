//! The integrations your client has set up for Sync for Commerce, and how to draw each.

use codat_client::models::integrations::{Branding, Integration, Integrations as IntegrationsPage};
use codat_client::paging::{self, PageOptions, PageParams};
use codat_client::{endpoint, Error};
use futures_util::stream::BoxStream;

codat_client::resource! {
    /// Integrations; from [`SyncForCommerce::integrations`](crate::SyncForCommerce::integrations).
    pub struct Integrations;
}

impl<'a> Integrations<'a> {
    /// One page of integrations; `paging` picks the page, its size, a filter and an order.
    #[endpoint(GET, "/config/integrations", errors = [400, 401, 402, 403, 429, 500, 503])]
    pub async fn list(
        self,
        #[query(flatten)] paging: &PageParams,
    ) -> Result<IntegrationsPage, Error>;

    /// Every integration, as a stream that fetches pages as it goes (see [`PageOptions`]). It
    /// ends after the last page, or at the first error, which it yields.
    pub fn list_all(self, options: PageOptions) -> BoxStream<'a, Result<Integration, Error>> {
        let concurrency = concurrency_of(&options);
        paging::items(
            move |page| {
                let params = PageParams::for_walk(page, &options);
                async move { self.list(&params).await }
            },
            concurrency,
        )
    }

    /// The logo and button images of the platform `platform_key` (e.g. `gbol`).
    #[endpoint(GET, "/config/integrations/<platform_key>/branding",
               errors = [401, 402, 403, 404, 429, 500, 503])]
    pub async fn get_branding(self, platform_key: &str) -> Result<Branding, Error>;
}

/// The most pages [`concurrency_of`] looks for.
const MAX_CONCURRENCY: usize = 256;

/// How many pages `options` asks to fetch at once. `PageOptions` offers no getter for it, so it
/// is found by rebuilding the options from what `PageParams::for_walk` shows and comparing;
/// beyond [`MAX_CONCURRENCY`], that many.
fn concurrency_of(options: &PageOptions) -> usize {
    let shown = PageParams::for_walk(1, options);
    let mut base = PageOptions::new();
    if let Some(size) = shown.page_size {
        base = base.page_size(size);
    }
    if let Some(query) = shown.query {
        base = base.query(query);
    }
    if let Some(order_by) = shown.order_by {
        base = base.order_by(order_by);
    }
    (0..=MAX_CONCURRENCY)
        .find(|&n| base.clone().concurrency(n) == *options)
        .unwrap_or(MAX_CONCURRENCY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrency_is_read_back_from_the_options() {
        assert_eq!(concurrency_of(&PageOptions::new()), 0);
        let options = PageOptions::new()
            .page_size(50)
            .query("enabled=true")
            .order_by("name")
            .concurrency(4);
        assert_eq!(concurrency_of(&options), 4);
        assert_eq!(concurrency_of(&PageOptions::new().concurrency(7)), 7);
        assert_eq!(
            concurrency_of(&PageOptions::new().concurrency(10_000)),
            MAX_CONCURRENCY
        );
    }
}
