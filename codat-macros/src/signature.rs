//! Reads the declared function: attributes, visibility, signature, and what each parameter is.

use proc_macro2::TokenStream;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, Pat, PathArguments, ReturnType, Type, Visibility,
};

use crate::valid::Errors;

/// A parameter other than the receiver; today every one fills a path placeholder.
#[derive(Clone, Debug)]
pub struct Param {
    pub ident: Ident,
}

/// The declaration as the macro understood it.
pub struct Signature {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: syn::Signature,
    pub params: Vec<Param>,
}

/// Parses a bodiless `fn ...;`. A function that has a body is reported, and still returned so
/// that the fallback expansion keeps its signature.
pub fn parse(item: TokenStream, errors: &mut Errors) -> Option<Signature> {
    let (attrs, vis, sig) = match syn::parse2::<syn::ForeignItemFn>(item.clone()) {
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
    let params = check(&sig, errors);
    Some(Signature {
        attrs,
        vis,
        sig,
        params,
    })
}

/// Checks the shape of the signature and collects the typed parameters.
fn check(sig: &syn::Signature, errors: &mut Errors) -> Vec<Param> {
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
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                has_receiver = true;
                if receiver.reference.is_none() || receiver.mutability.is_some() {
                    errors.error_spanned(receiver, "the receiver must be `&self`");
                }
            }
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                    params.push(Param {
                        ident: pat.ident.clone(),
                    });
                }
                other => errors.error_spanned(
                    other,
                    "expected a plain parameter name such as `company_id`",
                ),
            },
        }
    }
    if !has_receiver {
        errors.error(
            sig.ident.span(),
            "an #[endpoint] function takes `&self` first: it is a method of a resource",
        );
    }
    params
}

/// `T` of a return type `Result<T, E>` (any path ending in `Result`, so aliases work).
pub fn ok_type(output: &ReturnType) -> Option<&Type> {
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
