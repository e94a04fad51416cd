//! `#[derive(Queryable)]`: a model's fields as typed query descriptors.
//!
//! For `struct Invoice { amount_due: Decimal, customer_ref: Option<CustomerRef>, .. }` it emits
//! `InvoiceFields<M>` with one method per field that a query can name, returning the
//! descriptor `codat_client::query::Field` gives the field's type (a number, text, date, enum
//! or nested model), and implements `Queryable` and `Field` for `Invoice`. Arrays, maps and
//! untyped JSON get no method: Codat cannot query them, so naming one does not compile.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Fields, GenericArgument, ItemStruct, LitStr, PathArguments, Type};

/// Containers Codat's query language cannot look into.
const UNQUERYABLE: &[&str] = &[
    "Vec", "BTreeMap", "HashMap", "BTreeSet", "HashSet", "Value", "Map",
];

pub(crate) fn derive(input: TokenStream) -> TokenStream {
    match syn::parse2::<ItemStruct>(input).and_then(|input| expand(&input)) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

fn expand(input: &ItemStruct) -> syn::Result<TokenStream> {
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "Queryable models cannot be generic",
        ));
    }
    let Fields::Named(fields) = &input.fields else {
        return Err(syn::Error::new(
            input.fields.span(),
            "Queryable is derived for structs with named fields",
        ));
    };
    let rename_all = serde_rename_all(&input.attrs)?;
    let vis = &input.vis;
    let fields_name = format_ident!("{}Fields", name);
    let mut methods = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named fields have names");
        if skipped(&field.attrs)? {
            continue;
        }
        let Some(ty) = queryable_type(&field.ty) else {
            continue;
        };
        let wire = match serde_rename(&field.attrs)? {
            Some(renamed) => renamed,
            None => rename_all.apply(&ident.unraw_string()),
        };
        let docs = field.attrs.iter().filter(|a| a.path().is_ident("doc"));
        let span = field.ty.span();
        methods.push(quote_spanned! {span=>
            #(#docs)*
            #vis fn #ident(&self) -> <#ty as ::codat_client::query::Field>::Of<M> {
                <#ty as ::codat_client::query::Field>::at(self.path.child(#wire))
            }
        });
    }
    let doc = format!("The fields of [`{name}`] a query can name, in a query over `M`.");
    Ok(quote! {
        #[doc = #doc]
        #vis struct #fields_name<M> {
            path: ::codat_client::query::FieldPath,
            model: ::core::marker::PhantomData<fn() -> M>,
        }

        impl<M> ::core::fmt::Debug for #fields_name<M> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!(#fields_name))
                    .field(&self.path.as_str())
                    .finish()
            }
        }

        impl<M> #fields_name<M> {
            #(#methods)*
        }

        impl ::codat_client::query::Queryable for #name {
            type Fields<M> = #fields_name<M>;
            fn fields_at<M>(path: ::codat_client::query::FieldPath) -> #fields_name<M> {
                #fields_name { path, model: ::core::marker::PhantomData }
            }
        }

        impl ::codat_client::query::Field for #name {
            type Of<M> = #fields_name<M>;
            fn at<M>(path: ::codat_client::query::FieldPath) -> #fields_name<M> {
                #fields_name { path, model: ::core::marker::PhantomData }
            }
        }
    })
}

/// The type a query compares, with `Option` and `Box` taken off; `None` for containers.
fn queryable_type(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let ident = last.ident.to_string();
    if UNQUERYABLE.contains(&ident.as_str()) {
        return None;
    }
    if ident == "Option" || ident == "Box" {
        let PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        return match args.args.first() {
            Some(GenericArgument::Type(inner)) => queryable_type(inner),
            _ => None,
        };
    }
    Some(ty)
}

trait Unraw {
    fn unraw_string(&self) -> String;
}

impl Unraw for syn::Ident {
    fn unraw_string(&self) -> String {
        let text = self.to_string();
        text.strip_prefix("r#").map_or(text.clone(), str::to_owned)
    }
}

/// `#[query(skip)]`, or serde's `skip`, `skip_deserializing` or `flatten`.
fn skipped(attrs: &[Attribute]) -> syn::Result<bool> {
    let mut skip = false;
    for attr in attrs {
        if attr.path().is_ident("query") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    skip = true;
                    Ok(())
                } else {
                    Err(meta.error("expected `skip`"))
                }
            })?;
        } else if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if ["skip", "skip_deserializing", "flatten"]
                    .iter()
                    .any(|word| meta.path.is_ident(word))
                {
                    skip = true;
                }
                skip_value(&meta)
            })?;
        }
    }
    Ok(skip)
}

/// Consumes `= value` or `(..)` after a serde key this derive does not read.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// A field's `#[serde(rename = "...")]`.
fn serde_rename(attrs: &[Attribute]) -> syn::Result<Option<String>> {
    let mut renamed = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                if meta.input.peek(syn::Token![=]) {
                    renamed = Some(meta.value()?.parse::<LitStr>()?.value());
                } else {
                    // `rename(deserialize = "..")`: the name as read.
                    meta.parse_nested_meta(|inner| {
                        let value = inner.value()?.parse::<LitStr>()?.value();
                        if inner.path.is_ident("deserialize") {
                            renamed = Some(value);
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            } else {
                skip_value(&meta)
            }
        })?;
    }
    Ok(renamed)
}

/// The container's `rename_all`, as far as Codat's models use it.
#[derive(Clone, Copy)]
enum RenameAll {
    None,
    Camel,
    Pascal,
}

impl RenameAll {
    fn apply(self, snake: &str) -> String {
        let mut out = String::with_capacity(snake.len());
        let mut upper = matches!(self, RenameAll::Pascal);
        for c in snake.chars() {
            match self {
                RenameAll::None => out.push(c),
                _ if c == '_' => upper = true,
                _ if upper => {
                    out.extend(c.to_uppercase());
                    upper = false;
                }
                _ => out.push(c),
            }
        }
        out
    }
}

fn serde_rename_all(attrs: &[Attribute]) -> syn::Result<RenameAll> {
    let mut rule = RenameAll::None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("rename_all") {
                return skip_value(&meta);
            }
            let value = meta.value()?.parse::<LitStr>()?;
            rule = match value.value().as_str() {
                "camelCase" => RenameAll::Camel,
                "PascalCase" => RenameAll::Pascal,
                "snake_case" => RenameAll::None,
                _ => return Err(syn::Error::new(
                    value.span(),
                    "Queryable reads rename_all = \"camelCase\", \"PascalCase\" or \"snake_case\"",
                )),
            };
            Ok(())
        })?;
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded(input: TokenStream) -> String {
        derive(input).to_string()
    }

    #[test]
    fn names_follow_serde() {
        assert_eq!(RenameAll::Camel.apply("amount_due"), "amountDue");
        assert_eq!(RenameAll::Pascal.apply("amount_due"), "AmountDue");
        assert_eq!(RenameAll::None.apply("amount_due"), "amount_due");
        let out = expanded(quote! {
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct Invoice {
                #[serde(default)]
                pub amount_due: Option<f64>,
                #[serde(rename = "_links")]
                pub links: Option<Links>,
                pub r#type: Kind,
                #[serde(default, rename(serialize = "x", deserialize = "readName"))]
                pub read_as: String,
            }
        });
        assert!(out.contains("child (\"amountDue\")"), "{out}");
        assert!(out.contains("child (\"_links\")"), "{out}");
        assert!(out.contains("child (\"type\")"), "{out}");
        assert!(out.contains("child (\"readName\")"), "{out}");
        assert!(out.contains("pub fn r#type"), "{out}");
    }

    #[test]
    fn exact_amounts_are_number_fields_whatever_serde_reads_them_with() {
        let out = expanded(quote! {
            #[serde(rename_all = "camelCase")]
            pub struct Invoice {
                #[serde(default, skip_serializing_if = "Option::is_none", with = "codat_client::decimal")]
                pub amount_due: Option<Decimal>,
                #[serde(with = "codat_client::decimal")]
                pub total_amount: Decimal,
            }
        });
        assert!(
            out.contains("fn amount_due (& self) -> < Decimal as"),
            "{out}"
        );
        assert!(out.contains("child (\"amountDue\")"), "{out}");
        assert!(
            out.contains("fn total_amount (& self) -> < Decimal as"),
            "{out}"
        );
    }

    #[test]
    fn each_rename_all_rule_is_read() {
        for (rule, wire) in [
            ("camelCase", "amountDue"),
            ("PascalCase", "AmountDue"),
            ("snake_case", "amount_due"),
        ] {
            let out = expanded(quote! {
                #[serde(rename_all = #rule)]
                pub struct Invoice {
                    pub amount_due: f64,
                }
            });
            assert!(out.contains(&format!("child ({wire:?})")), "{rule}: {out}");
        }
    }

    #[test]
    fn containers_and_skipped_fields_get_no_method() {
        let out = expanded(quote! {
            pub struct Invoice {
                pub lines: Option<Vec<Line>>,
                pub tags: std::collections::BTreeMap<String, String>,
                pub extra: serde_json::Value,
                #[query(skip)]
                pub choice: Either,
                #[serde(flatten)]
                pub rest: Rest,
                #[serde(skip)]
                pub local: u8,
                pub parent: Option<Box<Invoice>>,
            }
        });
        for name in ["lines", "tags", "extra", "choice", "rest", "local"] {
            assert!(!out.contains(&format!("fn {name}")), "{name}: {out}");
        }
        assert!(out.contains("fn parent (& self) -> < Invoice as"), "{out}");
    }

    #[test]
    fn mistakes_are_compile_errors() {
        for input in [
            quote! { pub enum Kind { A } },
            quote! { pub struct Pair(u8, u8); },
            quote! { pub struct Wrap<T> { t: T } },
            quote! { #[serde(rename_all = "kebab-case")] pub struct K { a: u8 } },
            quote! { pub struct K { #[query(sometimes)] a: u8 } },
        ] {
            assert!(expanded(input).contains("compile_error"));
        }
    }
}
