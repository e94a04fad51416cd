//! The checks that relate the attribute to the signature.

use crate::attr::Method;
use crate::errors::Errors;
use crate::signature::{Role, Signature};
use crate::template::Template;

/// Every placeholder needs a parameter of that name; every other parameter needs a role.
pub(crate) fn placeholders_match_parameters(
    template: &Template,
    sig: &Signature,
    errors: &mut Errors,
) {
    for placeholder in template.placeholders() {
        match sig.params.iter().find(|p| p.ident == placeholder) {
            Some(param) if param.role != Role::Path => errors.error_spanned(
                &param.role_tokens,
                format!("`{placeholder}` fills the path placeholder `<{placeholder}>`; remove this attribute"),
            ),
            Some(_) => {}
            None => {
                let known: Vec<String> = sig.params.iter().map(|p| p.ident.to_string()).collect();
                let hint = if known.is_empty() {
                    "the function takes no parameter besides `&self`".to_owned()
                } else {
                    format!("the parameters are: {}", known.join(", "))
                };
                errors.error(
                    template.span(),
                    format!("placeholder `<{placeholder}>` has no parameter of that name; {hint}"),
                );
            }
        }
    }
    for param in &sig.params {
        if param.role == Role::Path && !template.placeholders().any(|p| param.ident == p) {
            errors.error(
                param.ident.span(),
                format!(
                    "parameter `{0}` is not used: add `<{0}>` to the path template, \
                     or mark it `#[query]`, `#[header(..)]` or `#[body]`",
                    param.ident
                ),
            );
        }
    }
}

/// At most one body, none on GET or DELETE, and no query or header name twice.
pub(crate) fn roles_are_consistent(method: Option<Method>, sig: &Signature, errors: &mut Errors) {
    let mut bodies = sig.params.iter().filter(|p| p.role.is_body());
    if let Some(first) = bodies.next()
        && let Some(method @ (Method::Get | Method::Delete)) = method
    {
        let attribute = if first.role == Role::Body {
            "#[body]"
        } else {
            "#[multipart]"
        };
        errors.error_spanned(
            &first.role_tokens,
            format!(
                "a {} request has no body; remove `{attribute}`",
                method.name()
            ),
        );
    }
    for extra in bodies {
        errors.error_spanned(
            &extra.role_tokens,
            "only one parameter can be the body (`#[body]` or `#[multipart]`)",
        );
    }
    let mut names: Vec<&str> = Vec::new();
    let mut headers: Vec<String> = Vec::new();
    for param in &sig.params {
        match &param.role {
            Role::Query(name) => {
                if names.contains(&name.as_str()) {
                    errors.error_spanned(
                        &param.role_tokens,
                        format!("query parameter `{name}` is declared twice"),
                    );
                }
                names.push(name);
            }
            Role::Header(name) => {
                // Header names are case-insensitive: `Idempotency-Key` and `idempotency-key` clash.
                let lower = name.to_ascii_lowercase();
                if headers.contains(&lower) {
                    errors.error_spanned(
                        &param.role_tokens,
                        format!("header `{name}` is declared twice"),
                    );
                }
                headers.push(lower);
            }
            _ => {}
        }
    }
}
