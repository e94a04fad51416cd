//! `#[derive(ParamGroup)]`: an operation's optional query parameters and headers as one struct
//! of `Option` fields, with a named setter per field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Fields, GenericArgument, Item, ItemStruct, PathArguments, Type};

use crate::errors::Errors;
use crate::signature::{camel_case, header_role, query_role, Role};

/// One field: where it goes, under which name, and the `T` of its `Option<T>`.
struct Field<'a> {
    field: &'a syn::Field,
    ident: &'a syn::Ident,
    role: Role,
    inner: &'a Type,
}

/// The derive's entry point: the impls, or every mistake found.
pub(crate) fn derive(item: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Item>(item) {
        Ok(Item::Struct(input)) => input,
        Ok(other) => {
            let message = "#[derive(ParamGroup)] is for a struct of `Option` fields";
            let err = match &other {
                Item::Enum(item) => syn::Error::new(item.ident.span(), message),
                _ => syn::Error::new_spanned(other, message),
            };
            return err.to_compile_error();
        }
        Err(err) => return err.to_compile_error(),
    };
    match expand(&input) {
        Ok(tokens) => tokens,
        Err(err) => err.to_compile_error(),
    }
}

fn expand(input: &ItemStruct) -> Result<TokenStream, syn::Error> {
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.error_spanned(
            &input.generics,
            "a parameter group takes no generic parameters",
        );
    }
    let fields = match &input.fields {
        Fields::Named(named) => named.named.iter().collect(),
        other => {
            errors.error_spanned(other, "a parameter group has named fields");
            Vec::new()
        }
    };
    let fields: Vec<Field<'_>> = fields
        .into_iter()
        .filter_map(|field| read_field(field, &mut errors))
        .collect();
    check_names(&fields, &mut errors);
    errors.finish()?;
    Ok(generate(input, &fields))
}

/// The field's role attribute and the `T` of its `Option<T>`.
fn read_field<'a>(field: &'a syn::Field, errors: &mut Errors) -> Option<Field<'a>> {
    let ident = field.ident.as_ref()?;
    let mut role = None;
    for attr in &field.attrs {
        let found = if attr.path().is_ident("query") {
            query_role(attr, errors)
        } else if attr.path().is_ident("header") {
            header_role(attr, errors)
        } else {
            continue;
        };
        if role.is_some() {
            errors.error_spanned(attr, "a field is either `#[query]` or `#[header]`, once");
        }
        role = Some(found);
    }
    let role = match role {
        None => {
            errors.error(
                ident.span(),
                format!(
                    "mark `{ident}` `#[query]`, `#[query(\"wireName\")]` or `#[header(\"Name\")]`"
                ),
            );
            return None;
        }
        Some(None) => return None,
        Some(Some(Role::Query(name))) if name.is_empty() => {
            Role::Query(camel_case(&ident.to_string()))
        }
        Some(Some(role)) => role,
    };
    let Some(inner) = option_inner(&field.ty) else {
        errors.error_spanned(
            &field.ty,
            "a group's parameters are optional: write `Option<...>`; \
             a required parameter stays an argument of the declaration",
        );
        return None;
    };
    Some(Field {
        field,
        ident,
        role,
        inner,
    })
}

/// `T` of `Option<T>` (any path ending in `Option`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// No query name, and no header name in any case, twice.
fn check_names(fields: &[Field<'_>], errors: &mut Errors) {
    let mut seen: Vec<(bool, String)> = Vec::new();
    for field in fields {
        let key = match &field.role {
            Role::Query(name) => (true, name.clone()),
            Role::Header(name) => (false, name.to_ascii_lowercase()),
            _ => continue,
        };
        if seen.contains(&key) {
            let kind = if key.0 { "query parameter" } else { "header" };
            errors.error(
                field.ident.span(),
                format!("{kind} `{}` is sent by another field too", key.1),
            );
        }
        seen.push(key);
    }
}

fn generate(input: &ItemStruct, fields: &[Field<'_>]) -> TokenStream {
    let name = &input.ident;
    let (mut query, mut headers, mut writes, mut setters) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for Field {
        field,
        ident,
        role,
        inner,
    } in fields
    {
        match role {
            Role::Query(wire) => {
                query.push(wire.clone());
                writes.push(quote!(out.query(#wire, &self.#ident);));
            }
            Role::Header(wire) => {
                headers.push(wire.clone());
                writes.push(quote!(out.header(#wire, &self.#ident);));
            }
            _ => continue,
        }
        let docs = field.attrs.iter().filter(|a| a.path().is_ident("doc"));
        let setter = format_ident!("{}", ident.to_string().trim_start_matches("r#"));
        let setter = if ident.to_string().starts_with("r#") {
            format_ident!("r#{}", setter)
        } else {
            setter
        };
        setters.push(quote_spanned! {field.span()=>
            #(#docs)*
            #[must_use]
            pub fn #setter(mut self, value: impl ::core::convert::Into<#inner>) -> Self {
                self.#ident = ::core::option::Option::Some(value.into());
                self
            }
        });
    }
    let new_doc = format!("No parameter set: Codat's defaults. The same as `{name}::default()`.");
    quote! {
        impl ::codat_client::ParamGroup for #name {
            const QUERY: &'static [&'static str] = &[#(#query),*];
            const HEADERS: &'static [&'static str] = &[#(#headers),*];
            fn write_to(&self, out: &mut ::codat_client::ParamWriter<'_>) {
                #(#writes)*
            }
        }

        impl #name {
            #[doc = #new_doc]
            #[must_use]
            pub fn new() -> Self {
                <Self as ::core::default::Default>::default()
            }

            #(#setters)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_text(item: &str) -> String {
        derive(item.parse().unwrap()).to_string()
    }

    #[test]
    fn fields_become_names_writes_and_setters() {
        let out = expand_text(
            r#"struct P {
                /// Day.
                #[query] report_date: Option<String>,
                #[query("n")] periods: Option<i32>,
                #[header("Idempotency-Key")] key: Option<String>,
            }"#,
        );
        assert!(
            out.contains(r#"const QUERY : & 'static [& 'static str] = & ["reportDate" , "n"]"#),
            "{out}"
        );
        assert!(
            out.contains(r#"const HEADERS : & 'static [& 'static str] = & ["Idempotency-Key"]"#),
            "{out}"
        );
        assert!(
            out.contains(r#"out . query ("reportDate" , & self . report_date)"#),
            "{out}"
        );
        assert!(
            out.contains(r#"out . header ("Idempotency-Key" , & self . key)"#),
            "{out}"
        );
        assert!(
            out.contains(
                "pub fn periods (mut self , value : impl :: core :: convert :: Into < i32 >)"
            ),
            "{out}"
        );
        assert!(out.contains("# [doc = \" Day.\"]"), "{out}");
    }

    #[test]
    fn mistakes_are_reported_together() {
        let out = expand_text(
            r#"struct P {
                #[query] required: String,
                unmarked: Option<i32>,
                #[query("a")] one: Option<i32>,
                #[query("a")] two: Option<i32>,
                #[header("Bad Name")] h: Option<String>,
            }"#,
        );
        assert!(out.contains("a group's parameters are optional"), "{out}");
        assert!(out.contains("mark `unmarked`"), "{out}");
        assert!(
            out.contains("query parameter `a` is sent by another field too"),
            "{out}"
        );
        assert!(out.contains("is not a valid header name"), "{out}");
        let out = expand_text(
            r#"struct P {
                #[header("X-Tenant")] a: Option<String>,
                #[header("x-tenant")] b: Option<String>,
            }"#,
        );
        assert!(
            out.contains("header `x-tenant` is sent by another field too"),
            "{out}"
        );
        assert!(!out.contains("impl"), "{out}");
    }

    #[test]
    fn only_structs_of_named_fields() {
        assert!(expand_text("enum P { A }").contains("struct of `Option` fields"));
        assert!(expand_text("struct P(Option<i32>);").contains("named fields"));
        assert!(expand_text("struct P<T> { #[query] a: Option<T> }").contains("no generic"));
    }

    #[test]
    fn raw_identifiers_keep_their_setter() {
        let out = expand_text("struct P { #[query] r#type: Option<String> }");
        assert!(out.contains(r#"out . query ("type""#), "{out}");
        assert!(out.contains("pub fn r#type"), "{out}");
    }
}
