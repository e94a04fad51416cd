//! The resource types through which a `Codat` exposes each API area's operations.

/// Declares a resource type: a `Copy` handle that borrows a [`Codat`](crate::Codat) and
/// implements [`Resource`](crate::Resource), so that `#[endpoint]` declarations can be written
/// in an `impl` block on it. Product crates and SDK authors use it for each group of
/// operations; an accessor on their own handle type builds it with `new`.
///
/// ```
/// use codat_client::{endpoint, Codat, Error};
///
/// codat_client::resource! {
///     /// The bills of a company's accounting software.
///     pub struct Bills;
/// }
///
/// #[derive(serde::Deserialize)]
/// pub struct Bill {
///     pub id: String,
/// }
///
/// impl Bills<'_> {
///     /// Gets one bill.
///     #[endpoint(GET, "/companies/<company_id>/bills/<bill_id>", errors = [401, 404])]
///     pub async fn get(self, company_id: &str, bill_id: &str) -> Result<Bill, Error>;
/// }
///
/// # fn check(codat: &Codat) { let _ = Bills::new(codat).get("c1", "b1"); }
/// ```
#[macro_export]
macro_rules! resource {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name<'a> {
            // Visible in the declaring crate, for helpers that need the client's lifetime.
            pub(crate) codat: &'a $crate::Codat,
        }

        impl<'a> $name<'a> {
            /// The group's operations, sent through `codat` (its pool, auth and policies).
            $vis fn new(codat: &'a $crate::Codat) -> Self {
                $name { codat }
            }
        }

        impl $crate::Resource for $name<'_> {
            fn codat(&self) -> &$crate::Codat {
                self.codat
            }
        }
    };
}

/// A Platform resource: [`resource!`] plus its accessor on `Codat`, so that each resource file
/// holds declarations only.
macro_rules! platform_resource {
    ($(#[$meta:meta])* $name:ident, $accessor:ident) => {
        $crate::resource! {
            $(#[$meta])*
            pub struct $name;
        }

        impl $crate::Codat {
            $(#[$meta])*
            pub fn $accessor(&self) -> $name<'_> {
                $name::new(self)
            }
        }
    };
}
pub(crate) use platform_resource;
