//! Codat's [Sync for Commerce](https://docs.codat.io/commerce/overview) API: a point-of-sale
//! or e-commerce platform offers its merchants a sync flow that links their accounting
//! software, then keeps their sales, payments and fees flowing into it, on a schedule or on
//! demand, through one Codat company per merchant.
//!
//! # Crate organisation
//!
//! - [`SyncForCommerce`]: the handle, built from a [`Codat`] client with
//!   [`SyncForCommerce::new`]; one accessor per group of operations.
//! - One module per group, each declaring its operations with `#[endpoint]`:
//!   [`connections`] (the URL that starts the sync flow), [`advanced_controls`] (a company's
//!   sync configuration), [`integrations`] (the platforms set up, and their branding; the list
//!   also comes as a stream of items, `list_all`), [`sync_flow_settings`] (the flow's text and
//!   the accounts it shows) and [`sync`] (starting syncs and reading their status).
//! - [`models`]: request and response bodies, generated from Codat's OpenAPI spec.
//! - [`webhooks`]: [`SyncForCommerceEvent`](webhooks::SyncForCommerceEvent), what a verified
//!   delivery decodes into.
//! - Companies and connections are Platform's and are shared by every product: reach them
//!   through the same client, with [`Codat::companies`] and [`Codat::connections`].
//!
//! Every operation returns `Result<T, codat_client::Error>`; statuses the spec declares carry
//! Codat's [`ErrorMessage`](codat_client::ErrorMessage).
//!
//! # Example
//!
//! ```no_run
//! use codat_client::models::DateTime;
//! use codat_client::Codat;
//! use codat_sync_commerce::models::{SyncRange, SyncRangeDateRange};
//! use codat_sync_commerce::SyncForCommerce;
//!
//! async fn resync_may(company: &str) -> Result<(), codat_client::Error> {
//!     let codat = Codat::from_env()?;
//!     let commerce = SyncForCommerce::new(&codat);
//!     let config = commerce.advanced_controls().get_configuration(company).await?;
//!     println!("syncing enabled: {:?}", config.enable);
//!     let range = SyncRange {
//!         date_range: SyncRangeDateRange {
//!             start: DateTime::from("2024-05-01T00:00:00Z"),
//!             finish: DateTime::from("2024-06-01T00:00:00Z"),
//!         },
//!     };
//!     let started = commerce.sync().request_for_date_range(company, &range).await?;
//!     println!("sync {:?} is {:?}", started.commerce_sync_id, started.sync_status);
//!     for run in commerce.sync().list(company).await? {
//!         println!("{:?}: {:?} at {:?}", run.sync_id, run.sync_status, run.sync_utc);
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Resources
//!
//! One accessor of [`SyncForCommerce`] per group of operations, 16 operations in all:
//!
//! | accessor | what it covers | operations |
//! | --- | --- | --- |
//! | [`SyncForCommerce::connections`] | the URL that starts a merchant's sync flow | 1 |
//! | [`SyncForCommerce::advanced_controls`] | a company's sync configuration | 2 |
//! | [`SyncForCommerce::integrations`] | the integrations set up, and their branding | 2 |
//! | [`SyncForCommerce::sync_flow_settings`] | the sync flow's text and the accounts it shows | 4 |
//! | [`SyncForCommerce::sync`] | starting syncs and reading their status | 7 |
//!
//! Platform's operations that Sync for Commerce shares (companies, connections) are on [`Codat`].

use codat_client::Codat;

pub mod advanced_controls;
pub mod connections;
pub mod integrations;
pub mod models;
pub mod sync;
pub mod sync_flow_settings;
pub mod webhooks;

/// Sync for Commerce, reached through a [`Codat`] client. Holds a clone of it, so it shares
/// its connection pool, authentication, retry policy, timeouts and rate-limit state.
#[derive(Clone, Debug)]
pub struct SyncForCommerce {
    codat: Codat,
}

impl SyncForCommerce {
    /// The product's operations, sent through `codat`.
    pub fn new(codat: &Codat) -> SyncForCommerce {
        SyncForCommerce {
            codat: codat.clone(),
        }
    }

    /// The client the operations are sent through; also where Platform's companies and
    /// connections are ([`Codat::companies`], [`Codat::connections`]).
    pub fn codat(&self) -> &Codat {
        &self.codat
    }

    /// The sync flow's start URL. Connections themselves are on [`Codat::connections`].
    pub fn connections(&self) -> connections::Connections<'_> {
        connections::Connections::new(&self.codat)
    }

    /// A company's sync configuration.
    pub fn advanced_controls(&self) -> advanced_controls::AdvancedControls<'_> {
        advanced_controls::AdvancedControls::new(&self.codat)
    }

    /// Integrations and their branding.
    pub fn integrations(&self) -> integrations::Integrations<'_> {
        integrations::Integrations::new(&self.codat)
    }

    /// The sync flow's text and visible accounts.
    pub fn sync_flow_settings(&self) -> sync_flow_settings::SyncFlowSettings<'_> {
        sync_flow_settings::SyncFlowSettings::new(&self.codat)
    }

    /// Starting syncs and reading their status.
    pub fn sync(&self) -> sync::Sync<'_> {
        sync::Sync::new(&self.codat)
    }
}
