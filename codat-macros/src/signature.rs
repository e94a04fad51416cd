//! Reads the declared function: attributes, visibility, signature, and what each parameter is.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, LitStr, Pat, PathArguments, ReturnType, Type,
    Visibility,
};

use crate::errors::Errors;

/// Where a parameter's value goes, as its attributes say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// No attribute: it must fill a path placeholder of the same name.
    Path,
    /// `#[query]` or `#[query("wireName")]`: a query parameter under this name.
    Query(String),
    /// `#[params]`: a group of optional query parameters and headers (a `ParamGroup`).
    Params,
    /// `#[header("Name")]`: a header under this name.
    Header(String),
    /// `#[body]`: the JSON request body.
    Body,
    /// `#[multipart]` or `#[multipart("part")]`: an `Upload` sent as this form part.
    Multipart(String),
    /// A role attribute that could not be read (already reported): no further errors about
    /// this parameter.
    Invalid,
}

impl Role {
    /// Whether the parameter is the request's body, JSON or multipart.
    pub(crate) fn is_body(&self) -> bool {
        matches!(self, Role::Body | Role::Multipart(_))
    }
}

/// A parameter other than the receiver.
#[derive(Clone)]
pub(crate) struct Param {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) role: Role,
    /// The `#[query]` / `#[body]` attribute (empty for a path parameter), for errors about it.
    pub(crate) role_tokens: TokenStream,
}

/// The declaration as the macro understood it.
pub(crate) struct Signature {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    /// The signature with the `#[query]` / `#[body]` attributes removed.
    pub(crate) sig: syn::Signature,
    pub(crate) params: Vec<Param>,
    /// `self` rather than `&self`: the resource is copied into the call's future.
    pub(crate) self_by_value: bool,
}

/// Parses a bodiless `fn ...;`. A function that has a body is reported, and still returned so
/// that the fallback expansion keeps its signature.
pub(crate) fn parse(item: TokenStream, errors: &mut Errors) -> Option<Signature> {
    let (attrs, vis, mut sig) = match syn::parse2::<syn::ForeignItemFn>(item.clone()) {
        Ok(f) => (f.attrs, f.vis, f.sig),
        Err(err) => match syn::parse2::<syn::ImplItemFn>(item) {
            Ok(f) => {
                errors.error_spanned(
                    &f.block,
                    "remove this body: #[endpoint] generates it; end the declaration with `;`",
                );
                (f.attrs, f.vis, f.sig)
            }
            Err(_) => {
                errors.push(err);
                return None;
            }
        },
    };
    let (params, self_by_value) = check(&mut sig, errors);
    Some(Signature {
        attrs,
        vis,
        sig,
        params,
        self_by_value,
    })
}

/// Checks the shape of the signature, collects the typed parameters and strips their role
/// attributes (which are ours, not the compiler's).
fn check(sig: &mut syn::Signature, errors: &mut Errors) -> (Vec<Param>, bool) {
    if sig.asyncness.is_none() {
        errors.error(
            sig.fn_token.span,
            "an #[endpoint] function must be `async`: write `async fn`",
        );
    }
    if ok_type(&sig.output).is_none() {
        let message = "an #[endpoint] function must return `Result<T, Error>`";
        match &sig.output {
            ReturnType::Default => errors.error(sig.paren_token.span.close(), message),
            ReturnType::Type(_, ty) => errors.error_spanned(ty, message),
        }
    }
    let mut params = Vec::new();
    let mut has_receiver = false;
    let mut self_by_value = false;
    for input in &mut sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                has_receiver = true;
                self_by_value = receiver.reference.is_none();
                if receiver.mutability.is_some() || receiver.colon_token.is_some() {
                    errors.error_spanned(&*receiver, "the receiver must be `&self` or `self`");
                }
            }
            FnArg::Typed(typed) => {
                let (role, role_tokens) = take_role(&mut typed.attrs, errors);
                match &*typed.pat {
                    Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                        let role = match role {
                            Role::Query(name) if name.is_empty() => {
                                Role::Query(camel_case(&pat.ident.to_string()))
                            }
                            other => other,
                        };
                        params.push(Param {
                            ident: pat.ident.clone(),
                            ty: (*typed.ty).clone(),
                            role,
                            role_tokens,
                        });
                    }
                    other => errors.error_spanned(
                        other,
                        "expected a plain parameter name such as `company_id`",
                    ),
                }
            }
        }
    }
    if !has_receiver {
        errors.error(
            sig.ident.span(),
            "an #[endpoint] function takes `&self` (or `self`) first: it is a method of a resource",
        );
    }
    (params, self_by_value)
}

/// Removes the role attribute (`#[query]`, `#[query("name")]`, `#[params]`,
/// `#[header("Name")]`, `#[body]`, `#[multipart]`) from `attrs` and says which it was
/// (`Query("")` meaning: named after the parameter).
fn take_role(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> (Role, TokenStream) {
    let mut role = (Role::Path, TokenStream::new());
    let mut seen = false;
    attrs.retain(|attr| {
        let found = if attr.path().is_ident("query") {
            query_role(attr, errors)
        } else if attr.path().is_ident("header") {
            header_role(attr, errors)
        } else if attr.path().is_ident("params") {
            if !matches!(attr.meta, syn::Meta::Path(_)) {
                errors.error_spanned(attr, "`#[params]` takes no arguments");
            }
            Some(Role::Params)
        } else if attr.path().is_ident("body") {
            if !matches!(attr.meta, syn::Meta::Path(_)) {
                errors.error_spanned(attr, "`#[body]` takes no arguments");
            }
            Some(Role::Body)
        } else if attr.path().is_ident("multipart") {
            match &attr.meta {
                syn::Meta::Path(_) => Some(Role::Multipart("file".to_owned())),
                syn::Meta::List(list) => match list.parse_args::<LitStr>() {
                    Ok(lit) if !lit.value().is_empty() => Some(Role::Multipart(lit.value())),
                    _ => {
                        errors.error_spanned(attr, "expected `#[multipart]` or `#[multipart(\"partName\")]`");
                        None
                    }
                },
                syn::Meta::NameValue(_) => {
                    errors.error_spanned(attr, "expected `#[multipart]` or `#[multipart(\"partName\")]`");
                    None
                }
            }
        } else {
            return true;
        };
        let found = found.unwrap_or(Role::Invalid);
        {
            if seen {
                errors.error_spanned(
                    attr,
                    "a parameter has one role: `#[query]`, `#[header]`, `#[params]`, `#[body]` or `#[multipart]`",
                );
            }
            seen = true;
            role = (found, attr.to_token_stream());
        }
        false
    });
    role
}

/// `#[query]` (`Query("")`) or `#[query("wireName")]`.
pub(crate) fn query_role(attr: &Attribute, errors: &mut Errors) -> Option<Role> {
    let role = match &attr.meta {
        syn::Meta::Path(_) => Some(Role::Query(String::new())),
        syn::Meta::List(list) => {
            if let Ok(lit) = list.parse_args::<LitStr>() {
                Some(Role::Query(lit.value()))
            } else if list.parse_args::<Ident>().is_ok_and(|id| id == "flatten") {
                errors.error_spanned(
                    attr,
                    "a group of optional parameters is passed with `#[params]`, not `#[query(flatten)]`",
                );
                return None;
            } else {
                None
            }
        }
        syn::Meta::NameValue(_) => None,
    };
    if role.is_none() {
        errors.error_spanned(attr, "expected `#[query]` or `#[query(\"wireName\")]`");
    }
    role
}

/// `#[header("Name")]`, with a valid header name.
pub(crate) fn header_role(attr: &Attribute, errors: &mut Errors) -> Option<Role> {
    let name = match &attr.meta {
        syn::Meta::List(list) => list.parse_args::<LitStr>().ok(),
        _ => None,
    };
    let Some(name) = name else {
        errors.error_spanned(attr, "expected `#[header(\"Header-Name\")]`");
        return None;
    };
    let text = name.value();
    // RFC 9110 token characters: what a header name may contain.
    let is_token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if text.is_empty() || !text.chars().all(is_token) {
        errors.error_spanned(
            &name,
            format!("`{text}` is not a valid header name: use letters, digits and `-`"),
        );
        return None;
    }
    Some(Role::Header(text))
}

/// `page_size` → `pageSize`: the wire names of Codat's query parameters.
pub(crate) fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.trim_start_matches("r#").chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `T` of a return type `Result<T, E>` (any path ending in `Result`, so aliases work).
pub(crate) fn ok_type(output: &ReturnType) -> Option<&Type> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(path) = &**ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    let ok = types.next()?;
    match types.count() {
        0 | 1 => Some(ok),
        _ => None,
    }
}

/// The type a parameter refers to: `&'a T` and `&T` give `T`, so that the type can be named
/// where the parameter's lifetimes are not in scope.
pub(crate) fn referent(ty: &Type) -> &Type {
    match ty {
        Type::Reference(reference) => referent(&reference.elem),
        Type::Paren(paren) => referent(&paren.elem),
        other => other,
    }
}

/// What a successful call returns, from the `T` of `Result<T, E>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Success {
    /// `()`: nothing is read.
    Empty,
    /// A type named `Download`: the body is left unread, for streaming.
    Download,
    /// A type named `Response<T>`: `T` with the status and headers.
    Response,
    /// A type named `MultiStatus<T, P>`: a 207 decodes into `P`, another 2xx into `T`.
    MultiStatus,
    /// Anything else: JSON decoded into it.
    Json,
}

/// Tells the return type apart by its last path segment, as written: an alias of `Download`
/// or `Response` is read as JSON.
pub(crate) fn success_kind(ok: &Type) -> Success {
    match ok {
        Type::Tuple(tuple) if tuple.elems.is_empty() => Success::Empty,
        Type::Path(path) => match path.path.segments.last() {
            Some(last) if last.ident == "Download" && last.arguments.is_empty() => {
                Success::Download
            }
            Some(last)
                if last.ident == "Response"
                    && matches!(last.arguments, PathArguments::AngleBracketed(_)) =>
            {
                Success::Response
            }
            Some(last)
                if last.ident == "MultiStatus"
                    && matches!(last.arguments, PathArguments::AngleBracketed(_)) =>
            {
                Success::MultiStatus
            }
            _ => Success::Json,
        },
        _ => Success::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_types_are_told_apart() {
        let kind = |text: &str| success_kind(&syn::parse_str(text).unwrap());
        assert_eq!(kind("()"), Success::Empty);
        assert_eq!(kind("Download"), Success::Download);
        assert_eq!(kind("codat_client::Download"), Success::Download);
        assert_eq!(kind("Response<Bill>"), Success::Response);
        assert_eq!(kind("Option<Bill>"), Success::Json);
        assert_eq!(kind("Response"), Success::Json);
        assert_eq!(kind("MultiStatus<Created, Partial>"), Success::MultiStatus);
        assert_eq!(kind("Vec<Download>"), Success::Json);
    }

    #[test]
    fn references_are_peeled() {
        let ty: Type = syn::parse_str("&'a PageParams").unwrap();
        let owned: Type = syn::parse_str("PageParams").unwrap();
        let same = referent(&owned);
        assert_eq!(quote::quote!(#same).to_string(), "PageParams");
        let inner = referent(&ty);
        assert_eq!(quote::quote!(#inner).to_string(), "PageParams");
    }

    #[test]
    fn wire_names_are_camel_case() {
        assert_eq!(camel_case("page_size"), "pageSize");
        assert_eq!(camel_case("order_by"), "orderBy");
        assert_eq!(camel_case("query"), "query");
        assert_eq!(camel_case("r#type"), "type");
        assert_eq!(camel_case("connection_id"), "connectionId");
    }
}
