//! Every operation of Codat's spec is declared exactly once, with the same method, path,
//! path and query parameters, body and error statuses. The declarations come from the
//! registry the `#[endpoint]` expansions fill, not from a list kept by hand.

mod support;

use std::collections::BTreeSet;

use codat_client::BodyKind;
use serde_json::Value;

/// `page_size` → `pageSize`, as the macro names query parameters.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_spec_operation_is_declared_once_and_matches() {
    let Some(spec) = support::spec::load() else {
        return;
    };
    let declared: Vec<_> = codat_client::operations().collect();
    let mut problems = Vec::new();
    let mut matched = BTreeSet::new();
    let mut count = 0;
    for (path, item) in spec.root["paths"].as_object().unwrap() {
        let common = item
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (method, operation) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            count += 1;
            let id = operation["operationId"].as_str().unwrap();
            let candidates: Vec<_> = declared
                .iter()
                .filter(|op| {
                    op.method.as_str().eq_ignore_ascii_case(method)
                        && spec_path(op.template) == *path
                })
                .collect();
            let op = match candidates.as_slice() {
                [op] => op,
                [] => {
                    problems.push(format!(
                        "{id}: {} {path} is not declared",
                        method.to_uppercase()
                    ));
                    continue;
                }
                many => {
                    problems.push(format!("{id}: declared {} times", many.len()));
                    continue;
                }
            };
            matched.insert((op.method.as_str(), op.template));
            let params: Vec<Value> = common
                .iter()
                .chain(
                    operation
                        .get("parameters")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                )
                .map(|p| spec.deref(p).clone())
                .collect();
            let names = |location: &str| -> BTreeSet<String> {
                params
                    .iter()
                    .filter(|p| p["in"] == location)
                    .map(|p| p["name"].as_str().unwrap().to_owned())
                    .collect()
            };
            let path_params: BTreeSet<String> = op
                .path
                .iter()
                .filter_map(|part| match part {
                    codat_client::PathPart::Param(name) => Some(camel(name)),
                    _ => None,
                })
                .collect();
            if path_params != names("path") {
                problems.push(format!(
                    "{id}: path parameters {path_params:?}, spec {:?}",
                    names("path")
                ));
            }
            let query: BTreeSet<String> = op.query_names().map(str::to_owned).collect();
            if query != names("query") {
                problems.push(format!(
                    "{id}: query parameters {query:?}, spec {:?}",
                    names("query")
                ));
            }
            let errors: BTreeSet<u16> = op.errors.iter().copied().collect();
            let spec_errors: BTreeSet<u16> = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter_map(|status| status.parse().ok())
                .filter(|status| *status >= 400)
                .collect();
            if errors != spec_errors {
                problems.push(format!("{id}: errors {errors:?}, spec {spec_errors:?}"));
            }
            let has_body = op.body != BodyKind::None;
            if has_body != operation.get("requestBody").is_some() {
                problems.push(format!("{id}: body {:?}, spec {}", op.body, !has_body));
            }
        }
    }
    for op in &declared {
        if !matched.contains(&(op.method.as_str(), op.template)) {
            problems.push(format!(
                "{} {} ({}) is declared but not in the spec",
                op.method.as_str(),
                op.template,
                op.name
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(count, 52);
    assert_eq!(matched.len(), 52);
    eprintln!(
        "conformance: {} of {count} spec operations declared and matching",
        matched.len()
    );
}

/// `/companies/<company_id>` → `/companies/{companyId}`.
fn spec_path(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').unwrap() + start;
        out.push_str(&rest[..start]);
        out.push('{');
        out.push_str(&camel(&rest[start + 1..end]));
        out.push('}');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
