//! The `#[endpoint]` attribute behind `codat-client`.
//!
//! Use it through `codat_client::endpoint`: the generated code calls the runtime in
//! `codat_client::__private_0_1`, so this crate on its own is not enough. The attribute turns a
//! bodiless `async fn` declaration into a complete API call; see the `codat-client` docs.

mod attr;
mod expand;
mod signature;
mod template;
mod valid;

use proc_macro::TokenStream;

/// Declares one Codat API operation on a resource type.
///
/// ```text
/// #[endpoint(GET, "/companies/<company_id>/connectionManagement/accessToken",
///            errors = [401, 402, 403, 404, 429, 500, 503])]
/// pub async fn get_access_token(&self, company_id: &str)
///     -> Result<ConnectionManagementAccessToken, Error>;
/// ```
///
/// The first argument is the HTTP method, the second the path template whose `<name>`
/// placeholders are filled from the parameters of the same name, and `errors = [...]` lists
/// the statuses whose body is Codat's `ErrorMessage`.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), item.into()).into()
}
