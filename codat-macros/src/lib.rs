//! The `#[endpoint]` attribute behind `codat-client`.
//!
//! Use it through `codat_client::endpoint`: the generated code calls the runtime in
//! `codat_client::__private_0_1`, so this crate on its own is not enough. The attribute turns a
//! bodiless `async fn` declaration into a complete API call; see the `codat-client` docs.

mod attr;
mod errors;
mod expand;
mod params;
mod queryable;
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

/// Derives `codat_client::query::Queryable` for a model struct: a `<Name>Fields<M>` type with
/// one method per field a Codat query can name (its wire name read from serde's `rename` and
/// `rename_all`), each returning the typed descriptor of the field's type. Arrays, maps and
/// untyped JSON get none; `#[query(skip)]` leaves out any other field.
///
/// ```text
/// #[derive(Deserialize, Queryable)]
/// #[serde(rename_all = "camelCase")]
/// pub struct Invoice {
///     pub amount_due: f64,
///     pub customer_ref: Option<CustomerRef>, // CustomerRef derives Queryable too
/// }
/// // fields::<Invoice>().customer_ref().id().eq("61") is `customerRef.id=61`
/// ```
#[proc_macro_derive(Queryable, attributes(query))]
pub fn derive_queryable(item: TokenStream) -> TokenStream {
    queryable::derive(item.into()).into()
}

/// Derives `codat_client::ParamGroup` for a struct of an operation's optional parameters, and
/// gives it `new()` and one setter per field (taking `impl Into<T>`, carrying the field's docs).
/// Every field is an `Option`, marked `#[query]` (its wire name the field's in camelCase),
/// `#[query("wireName")]` or `#[header("Name")]`. The struct derives `Default` as well.
///
/// ```text
/// #[derive(Clone, Debug, Default, ParamGroup)]
/// #[non_exhaustive]
/// pub struct AgedReportParams {
///     /// The day ages are counted back from.
///     #[query] pub report_date: Option<String>,
///     #[header("Idempotency-Key")] pub idempotency_key: Option<String>,
/// }
/// // AgedReportParams::new().report_date("2024-03-31")
/// ```
#[proc_macro_derive(ParamGroup, attributes(query, header))]
pub fn derive_param_group(item: TokenStream) -> TokenStream {
    params::derive(item.into()).into()
}
