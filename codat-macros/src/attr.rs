//! Parses the attribute's arguments: `METHOD, "/path/<param>", key = value, ...`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Lit, LitStr, Token};

use crate::errors::Errors;

/// The keys accepted after the method and the path.
pub(crate) const KEYS: &[&str] = &["errors"];

/// The HTTP methods an operation may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub(crate) const NAMES: &'static [&'static str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// The method as written in HTTP.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The variant name of `codat_client::__private_0_1::Method`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }
}

/// What the attribute said; every part is optional so that one mistake does not hide others.
#[derive(Default)]
pub(crate) struct EndpointAttr {
    pub(crate) method: Option<Method>,
    pub(crate) path: Option<LitStr>,
    pub(crate) errors: Vec<u16>,
}

/// One comma-separated argument, before it is given meaning.
enum Arg {
    KeyValue { key: Ident, value: Expr },
    Method(Ident),
    Path(LitStr),
    Other(Expr),
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Ident) && input.peek2(Token![=]) {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: Expr = input.parse()?;
            Ok(Arg::KeyValue { key, value })
        } else if input.peek(Ident) {
            Ok(Arg::Method(input.parse()?))
        } else if input.peek(LitStr) {
            Ok(Arg::Path(input.parse()?))
        } else {
            Ok(Arg::Other(input.parse()?))
        }
    }
}

/// Parses the attribute arguments, recording every mistake in `errors`.
pub(crate) fn parse(tokens: proc_macro2::TokenStream, errors: &mut Errors) -> EndpointAttr {
    let mut attr = EndpointAttr::default();
    let args =
        match syn::parse::Parser::parse2(Punctuated::<Arg, Token![,]>::parse_terminated, tokens) {
            Ok(args) => args,
            Err(err) => {
                errors.push(err);
                return attr;
            }
        };
    let mut seen_keys: Vec<Ident> = Vec::new();
    let mut position = 0usize;
    for arg in args {
        match arg {
            Arg::Method(ident) if position == 0 => {
                position = 1;
                match Method::from_name(&ident.to_string()) {
                    Some(method) => attr.method = Some(method),
                    None => errors.error(
                        ident.span(),
                        format!(
                            "unknown HTTP method `{ident}`; expected one of {}",
                            Method::NAMES.join(", ")
                        ),
                    ),
                }
            }
            Arg::Path(lit) if position <= 1 => {
                if position == 0 {
                    errors.error(
                        lit.span(),
                        format!(
                            "expected the HTTP method first, one of {}",
                            Method::NAMES.join(", ")
                        ),
                    );
                }
                position = 2;
                attr.path = Some(lit);
            }
            Arg::KeyValue { key, value } => {
                position = position.max(2);
                if seen_keys.contains(&key) {
                    errors.error(key.span(), format!("duplicate key `{key}`"));
                    continue;
                }
                seen_keys.push(key.clone());
                match key.to_string().as_str() {
                    "errors" => attr.errors = parse_statuses(&value, errors),
                    _ => errors.error(
                        key.span(),
                        format!("unknown key `{key}`; expected one of: {}", KEYS.join(", ")),
                    ),
                }
            }
            Arg::Method(ident) if position == 1 => {
                position = 2;
                errors.error(
                    ident.span(),
                    "expected the path template as a string literal, e.g. \"/companies/<company_id>\"",
                );
            }
            Arg::Method(ident) => errors.error(
                ident.span(),
                "unexpected argument; after the method and the path only `key = value` pairs follow",
            ),
            Arg::Path(lit) => errors.error(
                lit.span(),
                "unexpected argument; after the method and the path only `key = value` pairs follow",
            ),
            Arg::Other(expr) => errors.error_spanned(
                &expr,
                if position == 0 {
                    "expected the HTTP method, e.g. `GET`"
                } else if position == 1 {
                    "expected the path template as a string literal, e.g. \"/companies/<company_id>\""
                } else {
                    "unexpected argument; after the method and the path only `key = value` pairs follow"
                },
            ),
        }
    }
    if attr.method.is_none() && position == 0 {
        errors.error(
            Span::call_site(),
            format!(
                "missing HTTP method: write `#[endpoint(GET, \"/path\")]` with one of {}",
                Method::NAMES.join(", ")
            ),
        );
    }
    if attr.path.is_none() && position < 2 {
        errors.error(
            Span::call_site(),
            "missing path template: write `#[endpoint(GET, \"/path\")]`",
        );
    }
    attr
}

/// Reads `[401, 404, ...]`: every status a literal in 400..=599, none twice.
fn parse_statuses(value: &Expr, errors: &mut Errors) -> Vec<u16> {
    let Expr::Array(array) = value else {
        errors.error_spanned(value, "expected a list of HTTP statuses, e.g. `[401, 404]`");
        return Vec::new();
    };
    let mut statuses: Vec<u16> = Vec::new();
    for elem in &array.elems {
        let lit = match elem {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(lit), ..
            }) => lit,
            other => {
                errors.error_spanned(other, "expected an HTTP status as an integer literal");
                continue;
            }
        };
        let code = match lit.base10_parse::<u16>() {
            Ok(code) if (400..=599).contains(&code) => code,
            _ => {
                errors.error(
                    lit.span(),
                    format!("`{lit}` is not an error status; declared errors must be in 400..=599"),
                );
                continue;
            }
        };
        if statuses.contains(&code) {
            errors.error(lit.span(), format!("status {code} is listed twice"));
            continue;
        }
        statuses.push(code);
    }
    statuses
}
