//! Code generation. The output stays small: a constant describing the operation, one call that
//! builds the request and one call to the runtime executor in `codat_client::__private_0_1`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;
use crate::signature::{Role, Signature};
use crate::template::{Part, Template};
use crate::valid;
use crate::{attr, signature, template};

/// Parse, validate, expand; on any mistake, the errors plus a fallback that keeps the signature.
pub(crate) fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let attr = attr::parse(args, &mut errors);
    let Some(sig) = signature::parse(item.clone(), &mut errors) else {
        // Not a function at all: hand the tokens back so the compiler's own error shows too.
        let err = errors.finish().err().map(|e| e.to_compile_error());
        return quote!(#err #item);
    };
    let template = attr
        .path
        .as_ref()
        .and_then(|lit| template::parse(lit, &mut errors));
    if let Some(template) = &template {
        valid::placeholders_match_parameters(template, &sig, &mut errors);
    }
    valid::roles_are_consistent(attr.method, &sig, &mut errors);
    match (errors.finish(), attr.method, template) {
        (Ok(()), Some(method), Some(template)) => generate(&sig, method, &template, &attr.errors),
        (result, _, _) => {
            let err = result.err().map(|e| e.to_compile_error());
            let stub = fallback(&sig);
            quote!(#err #stub)
        }
    }
}

/// The declared signature with a body that only satisfies the type checker, so that a mistake in
/// the declaration does not also cause errors at every call site.
fn fallback(sig: &Signature) -> TokenStream {
    let Signature {
        attrs, vis, sig, ..
    } = sig;
    quote! {
        #(#attrs)*
        #[allow(unused_variables)]
        #vis #sig {
            ::core::unimplemented!()
        }
    }
}

fn generate(
    sig: &Signature,
    method: attr::Method,
    template: &Template,
    errors: &[u16],
) -> TokenStream {
    let Signature {
        attrs,
        vis,
        sig: fn_sig,
        ..
    } = sig;
    let name = fn_sig.ident.to_string();
    // A documented declaration's docs end with its request and declared errors.
    let documented = attrs.iter().any(|attr| attr.path().is_ident("doc"));
    let request_doc = documented.then(|| {
        let line = format!(" {}", request_doc(method.name(), &template.text, errors));
        quote!(#[doc = ""] #[doc = #line])
    });
    let method = syn::Ident::new(method.variant(), proc_macro2::Span::call_site());
    let template_text = &template.text;
    let parts = template.parts.iter().map(|part| match part {
        Part::Literal(text) => quote!(__codat::PathPart::Literal(#text)),
        Part::Placeholder(name) => quote!(__codat::PathPart::Param(#name)),
    });
    let path_args = template
        .placeholders()
        .map(|name| syn::Ident::new(name, template.span()));
    let codes = errors
        .iter()
        .map(|&code| proc_macro2::Literal::u16_unsuffixed(code));
    // Fields left at their defaults are not written: the expansion stays short.
    let mut fields = Vec::new();
    let mut query_names = Vec::new();
    let mut groups = Vec::new();
    let mut headers = Vec::new();
    let mut calls = Vec::new();
    for param in &sig.params {
        let ident = &param.ident;
        match &param.role {
            Role::Query(name) => {
                query_names.push(name);
                calls.push(quote!(.query(#name, &#ident)));
            }
            Role::Params => {
                let group = signature::referent(&param.ty);
                groups.push(group);
                // A type that is not a group is reported at the type, not at the attribute.
                let span = syn::spanned::Spanned::span(group);
                calls.push(quote::quote_spanned!(span=> .params(&#ident)));
            }
            Role::Header(name) => {
                headers.push(name);
                calls.push(quote!(.header(#name, &#ident)));
            }
            Role::Body => {
                fields.push(quote!(body: __codat::BodyKind::Json,));
                calls.push(quote!(.json(&#ident)));
            }
            Role::Multipart(part) => {
                fields.push(quote!(body: __codat::BodyKind::Multipart,));
                calls.push(quote!(.multipart(#part, #ident)));
            }
            Role::Path | Role::Invalid => {}
        }
    }
    if !query_names.is_empty() {
        fields.push(quote!(query: &[#(#query_names),*],));
    }
    if !groups.is_empty() {
        fields.push(quote!(
            query_groups: &[#(<#groups as __codat::ParamGroup>::QUERY),*],
            header_groups: &[#(<#groups as __codat::ParamGroup>::HEADERS),*],
        ));
    }
    if !headers.is_empty() {
        fields.push(quote!(headers: &[#(#headers),*],));
    }
    let (response, executor) = match signature::ok_type(&fn_sig.output).map(signature::success_kind)
    {
        Some(signature::Success::Empty) => (Some(quote!(Empty)), quote!(execute)),
        Some(signature::Success::Download) => (Some(quote!(Binary)), quote!(execute_download)),
        Some(signature::Success::Response) => (None, quote!(execute_response)),
        Some(signature::Success::MultiStatus) => (None, quote!(execute_multi_status)),
        _ => (None, quote!(execute)),
    };
    if let Some(kind) = response {
        fields.push(quote!(response: __codat::ResponseKind::#kind,));
    }
    // `self` by value lives in the future; the trait method takes a reference to it.
    let receiver = if sig.self_by_value {
        quote!(&self)
    } else {
        quote!(self)
    };
    quote! {
        #(#attrs)*
        #request_doc
        #vis #fn_sig {
            use ::codat_client::__private_0_1 as __codat;
            const OPERATION: __codat::Operation = __codat::Operation {
                name: #name,
                product: ::core::env!("CARGO_PKG_NAME"),
                module: ::core::module_path!(),
                method: __codat::Method::#method,
                template: #template_text,
                path: &[#(#parts),*],
                errors: &[#(#codes),*],
                #(#fields)*
                ..__codat::Operation::DEFAULTS
            };
            __codat::inventory::submit!(__codat::Declared(&OPERATION));
            let request = __codat::Request::new(&OPERATION, &[#(&#path_args),*])#(#calls)*;
            __codat::#executor(__codat::Resource::codat(#receiver), request)
                .await
                .map_err(::core::convert::Into::into)
        }
    }
}

/// The doc line a declaration gets: its method and path template, and the statuses whose
/// body is Codat's `ErrorMessage`.
fn request_doc(method: &str, template: &str, errors: &[u16]) -> String {
    let mut line = format!("Sends `{method} {template}`.");
    if let Some((last, rest)) = errors.split_last() {
        let rest: Vec<String> = rest.iter().map(u16::to_string).collect();
        let codes = if rest.is_empty() {
            last.to_string()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        line.push_str(&format!(" Codat's error body comes with {codes}."));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_doc_names_method_path_and_errors() {
        assert_eq!(
            request_doc("GET", "/companies/<company_id>", &[401, 404, 429]),
            "Sends `GET /companies/<company_id>`. Codat's error body comes with 401, 404 and 429."
        );
        assert_eq!(
            request_doc("DELETE", "/a", &[404]),
            "Sends `DELETE /a`. Codat's error body comes with 404."
        );
        assert_eq!(request_doc("POST", "/a", &[]), "Sends `POST /a`.");
    }

    const SEED_ATTR: &str = r#"GET, "/companies/<company_id>/connectionManagement/accessToken",
        errors = [401, 402, 403, 404, 429, 500, 503]"#;
    const SEED_FN: &str = r#"
        /// Get access token.
        #[deprecated(note = "use `companies().get_access_token`")]
        pub async fn get_access_token(&self, company_id: &str)
            -> Result<ConnectionManagementAccessToken, Error>;"#;

    fn expand_to_string(attr: &str, item: &str) -> String {
        let tokens = endpoint(attr.parse().unwrap(), item.parse().unwrap());
        let wrapped = quote!(impl ConnectionManagement<'_> { #tokens });
        prettyplease::unparse(&syn::parse2(wrapped).expect("expansion parses as Rust"))
    }

    /// Compares an expansion with its checked-in golden file, so that any growth shows in
    /// review. Run with `UPDATE_GOLDEN=1` to rewrite the files after an intended change.
    fn assert_golden(name: &str, attr: &str, item: &str) {
        let actual = expand_to_string(attr, item);
        let path = format!(
            "{}/tests/golden/{name}.expanded.rs",
            env!("CARGO_MANIFEST_DIR")
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&path).expect("golden file exists");
        assert_eq!(
            actual, expected,
            "{name}: expansion changed; rerun with UPDATE_GOLDEN=1 if intended"
        );
    }

    #[test]
    fn seed_expansion_matches_golden_file() {
        assert_golden("get_access_token", SEED_ATTR, SEED_FN);
    }

    #[test]
    fn query_expansion_matches_golden_file() {
        assert_golden(
            "list_companies",
            r#"GET, "/companies", errors = [400, 401, 402, 403, 404, 429, 500, 503]"#,
            r#"pub async fn list(self, #[query] page: Option<i32>, #[query] page_size: Option<i32>,
                #[query] query: Option<&str>, #[query] order_by: Option<&str>, #[query] tags: Option<&str>)
                -> Result<Companies, Error>;"#,
        );
    }

    #[test]
    fn body_expansion_matches_golden_file() {
        assert_golden(
            "replace_company",
            r#"PUT, "/companies/<company_id>", errors = [401, 402, 403, 404, 429, 500, 503]"#,
            r#"pub async fn replace(&self, company_id: &str, #[body] company: Option<&CompanyRequestBody>)
                -> Result<Company, Error>;"#,
        );
    }

    #[test]
    fn header_expansion_matches_golden_file() {
        assert_golden(
            "create_bill",
            r#"POST, "/companies/<company_id>/connections/<connection_id>/payables/bills",
               errors = [400, 401, 402, 403, 404, 429, 500, 503]"#,
            r#"pub async fn create_bill(self, company_id: &str, connection_id: &str,
                #[header("Idempotency-Key")] idempotency_key: Option<&str>,
                #[body] bill: &BillPrototype) -> Result<Bill, Error>;"#,
        );
    }

    #[test]
    fn download_expansion_matches_golden_file() {
        assert_golden(
            "download_attachment",
            r#"GET, "/bills/<bill_id>/attachments/<attachment_id>/download", errors = [401, 404]"#,
            r#"pub async fn download_attachment(self, bill_id: &str, attachment_id: &str)
                -> Result<Download, Error>;"#,
        );
    }

    #[test]
    fn multipart_expansion_matches_golden_file() {
        assert_golden(
            "upload_attachment",
            r#"POST, "/bills/<bill_id>/attachments", errors = [400, 401, 404]"#,
            r#"pub async fn upload_attachment(self, bill_id: &str, #[multipart] file: Upload)
                -> Result<Attachment, Error>;"#,
        );
    }

    #[test]
    fn query_group_and_response_expansion_matches_golden_file() {
        assert_golden(
            "list_with_metadata",
            r#"GET, "/companies", errors = [400, 401]"#,
            r#"pub async fn list_with_metadata(self, #[params] paging: PageParams,
                #[query] tags: Option<&str>) -> Result<Response<Companies>, Error>;"#,
        );
    }

    #[test]
    fn multi_status_expansion_matches_golden_file() {
        assert_golden(
            "create_batch",
            r#"POST, "/accounts/batch", errors = [400, 401]"#,
            r#"pub async fn create_batch(self, #[body] accounts: &[AccountPrototype])
                -> Result<MultiStatus<Vec<Account>, Vec<AccountResult>>, Error>;"#,
        );
    }

    #[test]
    fn attributes_and_docs_pass_through() {
        let out = expand_to_string(SEED_ATTR, SEED_FN);
        assert!(out.contains("/// Get access token."));
        assert!(out.contains("#[deprecated(note = \"use `companies().get_access_token`\")]"));
        assert!(out.contains("pub async fn get_access_token("));
    }

    #[test]
    fn mistakes_give_errors_and_a_stub() {
        let out = endpoint(
            r#"FETCH, "companies/<x>", errors = [200, 404, 404], colour = 1"#
                .parse()
                .unwrap(),
            "async fn f(&self, y: &str) -> Result<(), Error>;"
                .parse()
                .unwrap(),
        )
        .to_string();
        for expected in [
            "unknown HTTP method `FETCH`",
            "must start with `/`",
            "`200` is not an error status",
            "status 404 is listed twice",
            "unknown key `colour`",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in {out}");
        }
        assert!(
            out.contains("unimplemented"),
            "fallback body emitted: {out}"
        );
    }

    #[test]
    fn placeholder_and_parameter_must_match() {
        let out = endpoint(
            r#"GET, "/companies/<company>""#.parse().unwrap(),
            "async fn f(&self, company_id: &str) -> Result<(), Error>;"
                .parse()
                .unwrap(),
        )
        .to_string();
        assert!(out.contains("placeholder `<company>` has no parameter of that name"));
        assert!(out.contains("parameter `company_id` is not used"));
    }
}
