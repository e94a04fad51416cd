//! Every product's declarations against Codat's spec of that product, in both directions: each
//! spec operation declared exactly once with the same method, path, path/query/header
//! parameters (names, types, required-ness), body kind, success body kinds and error statuses,
//! and nothing declared that the spec lacks. The declarations come from the registry the
//! `#[endpoint]` expansions fill, their Rust types from the declaring crate's sources.
//!
//! A product repeats some of Platform's operations; those are Platform's declarations, checked
//! against Platform's copy, and where the product's copy differs the difference is printed, not
//! failed. A product whose crate declares nothing yet is reported as such and does not fail.

// Only this test reads the declarations' sources.
#[path = "support/declarations.rs"]
mod declarations;
// Only this test compiles the generated tables of decimal fields.
#[path = "support/decimals.rs"]
mod decimals;
use crate::support;

// Linked so that the product's `#[endpoint]` registrations are in the registry.
use codat_bank_feeds as _;
use codat_lending as _;
use codat_spend_insights as _;
use codat_sync_commerce as _;
use codat_sync_expenses as _;
use codat_sync_payables as _;
use codat_sync_payroll as _;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codat_client::{BodyKind, Operation, PathPart, ResponseKind};
use declarations::{snake_case, Declaration, Param, Role};
use serde_json::Value;
use support::spec::{Product, Spec, SpecOperation, PLATFORM, PRODUCTS};

/// What one product came to.
#[derive(Default)]
struct Outcome {
    total: usize,
    declared: usize,
    conforming: usize,
    problems: Vec<String>,
    differences: Vec<String>,
    /// Oddities of the spec and deliberate departures from it, printed.
    notes: Vec<String>,
}

#[test]
fn every_declared_product_conforms_to_its_spec() {
    let Some(platform) = support::spec::load_product(&PLATFORM) else {
        return;
    };
    let declared: Vec<&'static Operation> = codat_client::operations().collect();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for product in PRODUCTS {
        let own_spec;
        let spec = if product.krate == PLATFORM.krate {
            &platform
        } else {
            match support::spec::load_product(product) {
                Some(spec) => {
                    own_spec = spec;
                    &own_spec
                }
                None => continue,
            }
        };
        let outcome = check_product(product, spec, &platform, &declared);
        let own = declared.iter().any(|op| op.product == product.krate);
        let line = if own || product.krate == PLATFORM.krate {
            format!(
                "{}: {}/{} operations conform",
                product.name, outcome.conforming, outcome.total
            )
        } else {
            // Sources that declare without being linked here would pass unchecked: say so.
            let unlinked = declarations::scan(&source_dir(product.krate)).len();
            let why = if unlinked == 0 {
                "the crate declares nothing yet".to_owned()
            } else {
                format!(
                    "its sources declare {unlinked}, not linked into this test: add {} as a \
                     dev-dependency and `use {} as _;` here",
                    product.krate,
                    product.krate.replace('-', "_")
                )
            };
            format!(
                "{}: 0/{} declared ({why}; {} are Platform's)",
                product.name, outcome.total, outcome.declared
            )
        };
        report.push(line.clone());
        for difference in &outcome.differences {
            report.push(format!("  differs from Platform's copy: {difference}"));
        }
        for note in &outcome.notes {
            report.push(format!("  note: {note}"));
        }
        if !outcome.problems.is_empty() {
            failures.push(format!("{line}\n  {}", outcome.problems.join("\n  ")));
        }
    }
    for op in &declared {
        if !PRODUCTS.iter().any(|p| p.krate == op.product) {
            report.push(format!(
                "note: {} {} ({}) is declared by {}, which has no spec here",
                op.method.as_str(),
                op.template,
                op.name,
                op.product
            ));
        }
    }
    let report = report.join("\n");
    eprintln!("conformance:\n{report}");
    assert!(
        failures.is_empty(),
        "{}\n\nproblems:\n{}",
        report,
        failures.join("\n")
    );
}

/// Money is exact: every `format: decimal` property that a product's operations reach is held
/// by a field of decimals in the model the generator made for its schema (see
/// `support/decimals.rs`; a field of `f64` does not compile).
#[test]
fn every_decimal_property_is_a_decimal_field() {
    let Some(platform) = support::spec::load_product(&PLATFORM) else {
        return;
    };
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut reached = 0;
    for product in PRODUCTS.iter().filter(|p| p.krate != PLATFORM.krate) {
        let Some(spec) = support::spec::load_product(product) else {
            continue;
        };
        reached += decimals::reached(&spec, &platform)
            .iter()
            .map(|(_, decimal)| decimal)
            .collect::<BTreeSet<_>>()
            .len();
        let (line, problems) = decimals::check(product.krate, &spec, &platform);
        report.push(format!("{}: {line}", product.name));
        failures.extend(
            problems
                .into_iter()
                .map(|p| format!("{}: {p}", product.name)),
        );
    }
    eprintln!("decimals:\n{}", report.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        reached >= 200,
        "only {reached} decimals reached: the walk lost its way"
    );
}

fn check_product(
    product: &Product,
    spec: &Spec,
    platform: &Spec,
    declared: &[&'static Operation],
) -> Outcome {
    let is_platform = product.krate == PLATFORM.krate;
    let platform_ops: BTreeMap<(String, &str), SpecOperation<'_>> = platform
        .operations()
        .into_iter()
        .map(|op| ((op.method.to_uppercase(), op.path), op))
        .collect();
    let own: Vec<_> = declared
        .iter()
        .filter(|op| op.product == product.krate)
        .collect();
    let checked = is_platform || !own.is_empty();
    let mut sources = BTreeMap::new();
    let mut out = Outcome::default();
    let mut matched = BTreeSet::new();
    for sop in spec.operations() {
        out.total += 1;
        out.notes.extend(spec_notes(&sop, spec));
        let method = sop.method.to_uppercase();
        let platform_copy = (!is_platform)
            .then(|| platform_ops.get(&(method.clone(), sop.path)))
            .flatten();
        if let Some(copy) = platform_copy {
            out.differences
                .extend(differences(&sop, spec, copy, platform));
        }
        let (owner, against, against_spec) = match platform_copy {
            Some(copy) => (PLATFORM.krate, copy, platform),
            None => (product.krate, &sop, spec),
        };
        if platform_copy.is_some() {
            out.declared += 1;
        }
        if !checked {
            continue;
        }
        let candidates: Vec<_> = declared
            .iter()
            .filter(|op| {
                op.product == owner
                    && op.method.as_str() == method
                    && shape(op.template, '<', '>') == shape(sop.path, '{', '}')
            })
            .collect();
        let op = match candidates.as_slice() {
            [op] => **op,
            [] => {
                out.problems.push(format!(
                    "{}: {method} {} is not declared by {owner}",
                    sop.id, sop.path
                ));
                continue;
            }
            many => {
                out.problems
                    .push(format!("{}: declared {} times", sop.id, many.len()));
                continue;
            }
        };
        if platform_copy.is_none() {
            out.declared += 1;
        }
        matched.insert((op.method.as_str(), op.template));
        let (decls, groups) = sources.entry(owner).or_insert_with(|| {
            // A product's groups, and codat-client's (`PageParams`), which products use too.
            let mut groups = declarations::groups(&source_dir(PLATFORM.krate));
            groups.extend(declarations::groups(&source_dir(owner)));
            (declarations::scan(&source_dir(owner)), groups)
        });
        let decl = decls
            .get(&(method.clone(), op.template.to_owned()))
            .map(|decl| (decl, &*groups));
        let mut notes = Vec::new();
        let problems = check(op, against, against_spec, decl, &mut notes);
        out.notes.extend(
            notes
                .into_iter()
                .map(|n| format!("{} ({}): {n}", sop.id, op.name)),
        );
        if problems.is_empty() {
            out.conforming += 1;
        }
        out.problems.extend(
            problems
                .into_iter()
                .map(|p| format!("{} ({}): {p}", sop.id, op.name)),
        );
    }
    for op in own {
        if matched.contains(&(op.method.as_str(), op.template)) {
            continue;
        }
        let repeat = !is_platform
            && platform_ops.keys().any(|(method, path)| {
                method == op.method.as_str()
                    && shape(path, '{', '}') == shape(op.template, '<', '>')
            });
        out.problems.push(if repeat {
            format!(
                "{} {} ({}) is Platform's operation, declared again: use codat-client's",
                op.method.as_str(),
                op.template,
                op.name
            )
        } else {
            format!(
                "{} {} ({}) is declared but not in the spec",
                op.method.as_str(),
                op.template,
                op.name
            )
        });
    }
    out
}

/// Where a crate's declarations are, for their Rust types.
fn source_dir(krate: &str) -> PathBuf {
    let root = workspace_root();
    if krate == PLATFORM.krate {
        root.join("codat-client/src")
    } else {
        root.join("products").join(krate).join("src")
    }
}

/// One declaration against one spec operation: every mismatch, described.
fn check(
    op: &Operation,
    sop: &SpecOperation<'_>,
    spec: &Spec,
    decl: Option<(&Declaration, &BTreeMap<String, Vec<Param>>)>,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let params_in = |location: &str| -> Vec<&Value> {
        sop.params
            .iter()
            .copied()
            .filter(|p| p["in"] == location)
            .collect()
    };

    // Path: placeholder names in order, snake_case of the spec's.
    let rust: Vec<&str> = op
        .path
        .iter()
        .filter_map(|part| match part {
            PathPart::Param(name) => Some(*name),
            PathPart::Literal(_) => None,
        })
        .collect();
    let wanted: Vec<String> = placeholders(sop.path).map(snake_case).collect();
    if rust != wanted {
        problems.push(format!("path placeholders {rust:?}, spec {wanted:?}"));
    }
    let spec_path_params: BTreeSet<String> = params_in("path")
        .iter()
        .map(|p| snake_case(name(p)))
        .collect();
    if spec_path_params != wanted.iter().cloned().collect() {
        problems.push(format!(
            "the spec's path parameters {spec_path_params:?} are not its template's {wanted:?}"
        ));
    }

    // Query and header parameters, by wire name.
    let query: BTreeSet<&str> = op.query_names().collect();
    let spec_query: BTreeSet<&str> = params_in("query").iter().map(|p| name(p)).collect();
    if query != spec_query {
        problems.push(format!("query parameters {query:?}, spec {spec_query:?}"));
    }
    let headers: BTreeSet<String> = op.header_names().map(|h| h.to_lowercase()).collect();
    let spec_headers: BTreeSet<String> = params_in("header")
        .iter()
        .map(|p| name(p).to_lowercase())
        .collect();
    if headers != spec_headers {
        problems.push(format!("headers {headers:?}, spec {spec_headers:?}"));
    }
    if !params_in("cookie").is_empty() {
        problems.push("the spec has cookie parameters, which no declaration can send".into());
    }

    // Request body.
    let body = spec_body(sop, spec);
    let expected = match &body {
        SpecBody::None => Some(BodyKind::None),
        SpecBody::Json(..) => Some(BodyKind::Json),
        SpecBody::Multipart => Some(BodyKind::Multipart),
        SpecBody::Other(types) => {
            problems.push(format!(
                "request body of type {types}, which no declaration sends"
            ));
            None
        }
    };
    if expected.is_some_and(|kind| kind != op.body) {
        problems.push(format!("body {:?}, spec {}", op.body, body.describe()));
    }

    // Success statuses and what they carry; error statuses.
    let successes = successes(sop, spec);
    if successes.is_empty() {
        problems.push("the spec gives no 2xx response".into());
    }
    let kinds: BTreeSet<Success> = successes.values().map(|(kind, _)| *kind).collect();
    let expected = if kinds.contains(&Success::Binary) {
        ResponseKind::Binary
    } else if kinds.contains(&Success::Json) {
        ResponseKind::Json
    } else {
        ResponseKind::Empty
    };
    if op.response != expected {
        problems.push(format!(
            "response {:?}, spec {}",
            op.response,
            describe_successes(&successes)
        ));
    }
    let errors: BTreeSet<u16> = op.errors.iter().copied().collect();
    let spec_errors = error_statuses(sop);
    if errors != spec_errors {
        problems.push(format!("errors {errors:?}, spec {spec_errors:?}"));
    }

    match decl {
        Some((decl, groups)) => check_types(
            decl,
            groups,
            sop,
            spec,
            &body,
            &successes,
            &mut problems,
            notes,
        ),
        None => problems.push(format!(
            "no `#[endpoint({}, \"{}\")]` signature found under {}: its types are unchecked",
            op.method.as_str(),
            op.template,
            source_dir(op.product).display()
        )),
    }
    problems
}

/// Types and required-ness, from the declaration's source and its parameter groups' fields.
/// An optional query parameter or header belongs in a `#[params]` group, a required one is a
/// positional argument.
#[allow(clippy::too_many_arguments)]
fn check_types(
    decl: &Declaration,
    groups: &BTreeMap<String, Vec<Param>>,
    sop: &SpecOperation<'_>,
    spec: &Spec,
    body: &SpecBody,
    successes: &BTreeMap<u16, (Success, Option<Value>)>,
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let mut grouped: Vec<(&str, &Param)> = Vec::new();
    for group in decl.params.iter().filter(|p| p.role == Role::Params) {
        let ty = group.inner();
        let ty = ty.rsplit("::").next().unwrap_or(&ty).to_owned();
        match groups.get(&ty) {
            Some(fields) => grouped.extend(fields.iter().map(|f| (group.name.as_str(), f))),
            None => problems.push(format!(
                "`{}: {}`: no `#[derive(ParamGroup)]` struct `{ty}` found",
                group.name, group.ty
            )),
        }
    }
    let matches = |p: &Param, location: &str, wire: &str| match (&p.role, location) {
        (Role::Path, "path") => p.name == snake_case(wire),
        (Role::Query(name), "query") => name == wire,
        (Role::Header(name), "header") => name.eq_ignore_ascii_case(wire),
        _ => false,
    };
    for param in &sop.params {
        let (location, wire) = (param["in"].as_str().unwrap_or(""), name(param));
        let required = param["required"].as_bool().unwrap_or(false);
        let loose = decl.params.iter().find(|p| matches(p, location, wire));
        let in_group = grouped.iter().find(|(_, f)| matches(f, location, wire));
        let rust = match (loose, in_group) {
            (Some(rust), _) => {
                if required && rust.optional() {
                    problems.push(format!(
                        "{location} parameter {wire} is required by the spec but `{}: {}` is optional",
                        rust.name, rust.ty
                    ));
                }
                if !required && !rust.optional() {
                    problems.push(format!(
                        "{location} parameter {wire} is optional in the spec but `{}: {}` is required",
                        rust.name, rust.ty
                    ));
                }
                if !required && location != "path" {
                    problems.push(format!(
                        "optional {location} parameter {wire} is positional (`{}`): it belongs in \
                         the operation's `#[params]` group",
                        rust.name
                    ));
                }
                rust
            }
            (None, Some((group, field))) => {
                if required {
                    problems.push(format!(
                        "{location} parameter {wire} is required by the spec but is `{group}.{}`: \
                         a required parameter is positional",
                        field.name
                    ));
                }
                if !field.optional() {
                    problems.push(format!("`{group}.{}` is not an `Option`", field.name));
                }
                field
            }
            (None, None) => {
                problems.push(format!("{location} parameter {wire} has no Rust parameter"));
                continue;
            }
        };
        if let Some(schema) = param.get("schema")
            && let Err(wanted) = type_fits(&spec.canonical(schema), &rust.inner())
        {
            problems.push(format!(
                "{location} parameter {wire}: `{}` for a spec {wanted}",
                rust.ty
            ));
        }
    }
    let rust_body = decl
        .params
        .iter()
        .find(|p| matches!(p.role, Role::Body | Role::Multipart));
    if let (Some(rust), SpecBody::Json(kind, required)) = (rust_body, body) {
        if *required && rust.optional() {
            problems.push(format!(
                "the spec requires a body but `{}: {}` is optional",
                rust.name, rust.ty
            ));
        }
        if !*required && !rust.optional() {
            // A choice, not a mismatch: Codat needs the body though its spec says optional.
            notes.push(format!(
                "`{}: {}` is required; the spec marks the body optional",
                rust.name, rust.ty
            ));
        }
        let inner = rust.inner();
        let fits = match *kind {
            "array" => is_sequence(&inner),
            // A named type may be a map alias: only a sequence is plainly wrong.
            "map" => !is_sequence(&inner),
            "object" | "oneOf" | "anyOf" => !is_sequence(&inner),
            _ => true,
        };
        if !fits {
            problems.push(format!("body `{}` for a spec JSON {kind}", rust.ty));
        }
    }
    // The decoded type: a JSON array is a sequence; a 2xx that may be empty needs `Option`.
    let json: Vec<&Value> = successes
        .values()
        .filter_map(|(kind, schema)| (*kind == Success::Json).then_some(schema.as_ref()?))
        .collect();
    let returns = decl.returns.trim();
    let returns = returns
        .strip_prefix("Response<")
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(returns);
    let maybe_empty = successes.values().any(|(kind, _)| *kind == Success::Empty);
    if !json.is_empty() && maybe_empty && !returns.starts_with("Option<") {
        problems.push(format!(
            "returns `{returns}` but a 2xx may have no body: `Option<...>` decodes both"
        ));
    }
    let value = returns
        .strip_prefix("Option<")
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or(returns);
    // `MultiStatus<T, P>`: a 207 decodes into `P`, any other 2xx into `T`.
    let multi = value
        .strip_prefix("MultiStatus<")
        .and_then(|r| r.trim_end().strip_suffix('>'))
        .and_then(split_pair);
    if multi.is_some() && !successes.contains_key(&207) {
        problems.push(format!("returns `{returns}` but the spec has no 207"));
    }
    for (status, (kind, schema)) in successes {
        let (Success::Json, Some(schema)) = (kind, schema) else {
            continue;
        };
        let ty = match multi {
            Some((_, partial)) if *status == 207 => partial,
            Some((whole, _)) => whole,
            None => value,
        };
        if let Err(wanted) = type_fits(&spec.canonical(schema), ty) {
            problems.push(format!(
                "returns `{returns}` for a spec {wanted} ({status})"
            ));
        }
    }
}

/// `A, B` of a generic's arguments, split at the top-level comma.
fn split_pair(args: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in args.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                let rest = args[i + 1..].trim().trim_end_matches(',').trim();
                return Some((args[..i].trim(), rest));
            }
            _ => {}
        }
    }
    None
}

fn is_sequence(ty: &str) -> bool {
    ty.starts_with('[') || ty.starts_with("Vec<")
}

/// Whether the Rust type `ty` (no `&`, no `Option`) can hold the values of `schema`; if not, a
/// description of what the schema is.
fn type_fits(schema: &Value, ty: &str) -> Result<(), String> {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let types: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
    let ty = ty.rsplit("::").next().unwrap_or(ty);
    let integer = matches!(
        ty,
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
    );
    let number = matches!(ty, "f32" | "f64");
    let scalar = integer || number || ty == "bool";
    let fits = match types.as_slice() {
        ["string"] => !scalar && !is_sequence(ty),
        ["integer"] => integer,
        ["number"] => number || integer,
        ["boolean"] => ty == "bool",
        ["array"] => is_sequence(ty) || ty == "Value",
        ["object"] => !scalar && !is_sequence(ty),
        _ => true,
    };
    if fits {
        Ok(())
    } else {
        Err(format!(
            "{} ({})",
            types.join(" or "),
            describe_schema(schema)
        ))
    }
}

fn describe_schema(schema: &Value) -> String {
    let format = schema["format"].as_str().map(|f| format!(", format {f}"));
    let list = schema["enum"].is_array().then_some(", an enum");
    format!(
        "{}{}{}",
        schema["type"],
        format.unwrap_or_default(),
        list.unwrap_or_default()
    )
}

/// What is odd in the spec's own description of an operation.
fn spec_notes(sop: &SpecOperation<'_>, spec: &Spec) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(response) = sop.operation["responses"].get("204")
        && spec.deref(response)["content"]
            .as_object()
            .is_some_and(|c| !c.is_empty())
    {
        let target = response["$ref"].as_str().unwrap_or("an inline response");
        notes.push(format!(
            "{}: 204 (No Content) is given a body, from {target}; taken as empty",
            sop.id
        ));
    }
    notes
}

/// What a spec operation's request body is.
enum SpecBody {
    None,
    /// Its JSON kind (object, array, map, oneOf, anyOf, schema-less) and whether required.
    Json(&'static str, bool),
    Multipart,
    /// Content types no declaration can send.
    Other(String),
}

impl SpecBody {
    fn describe(&self) -> String {
        match self {
            SpecBody::None => "none".into(),
            SpecBody::Json(kind, _) => format!("JSON {kind}"),
            SpecBody::Multipart => "multipart/form-data".into(),
            SpecBody::Other(types) => types.clone(),
        }
    }
}

fn spec_body(sop: &SpecOperation<'_>, spec: &Spec) -> SpecBody {
    let Some(body) = sop.operation.get("requestBody") else {
        return SpecBody::None;
    };
    let body = spec.deref(body);
    let required = body["required"].as_bool().unwrap_or(false);
    let content = body["content"].as_object().cloned().unwrap_or_default();
    if let Some(json) = content
        .iter()
        .find(|(ct, _)| is_json(ct))
        .map(|(_, media)| media)
    {
        return SpecBody::Json(json_kind(spec, json.get("schema")), required);
    }
    if content.contains_key("multipart/form-data") {
        return SpecBody::Multipart;
    }
    SpecBody::Other(content.keys().cloned().collect::<Vec<_>>().join(", "))
}

fn json_kind(spec: &Spec, schema: Option<&Value>) -> &'static str {
    let Some(schema) = schema.map(|s| spec.deref(s)) else {
        return "schema-less";
    };
    if schema.get("oneOf").is_some() {
        return "oneOf";
    }
    if schema.get("anyOf").is_some() {
        return "anyOf";
    }
    let named = schema.get("properties").is_some() || schema.get("allOf").is_some();
    match schema["type"].as_str() {
        Some("array") => "array",
        Some("object") | None if named => "object",
        Some("object") if schema.get("additionalProperties").is_some() => "map",
        Some("object") | None => "schema-less",
        Some(_) => "scalar",
    }
}

fn is_json(content_type: &str) -> bool {
    content_type == "application/json" || content_type.ends_with("+json")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Success {
    Json,
    Empty,
    Binary,
}

/// Each 2xx status, what it carries and its JSON schema.
fn successes(sop: &SpecOperation<'_>, spec: &Spec) -> BTreeMap<u16, (Success, Option<Value>)> {
    let mut out = BTreeMap::new();
    for (status, response) in sop.operation["responses"].as_object().into_iter().flatten() {
        let Ok(code) = status.parse::<u16>() else {
            continue;
        };
        if !(200..300).contains(&code) {
            continue;
        }
        let content = spec.deref(response)["content"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        // 204 is No Content whatever the spec attaches to it (see `spec_notes`).
        let kind = if content.is_empty() || code == 204 {
            (Success::Empty, None)
        } else if let Some((_, media)) = content.iter().find(|(ct, _)| is_json(ct)) {
            (Success::Json, media.get("schema").cloned())
        } else {
            (Success::Binary, None)
        };
        out.insert(code, kind);
    }
    out
}

fn describe_successes(successes: &BTreeMap<u16, (Success, Option<Value>)>) -> String {
    successes
        .iter()
        .map(|(status, (kind, _))| format!("{status} {kind:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn error_statuses(sop: &SpecOperation<'_>) -> BTreeSet<u16> {
    sop.operation["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(status, _)| status.parse().ok())
        .filter(|status| *status >= 400)
        .collect()
}

/// How a product's copy of a Platform operation differs from Platform's.
fn differences(
    copy: &SpecOperation<'_>,
    spec: &Spec,
    original: &SpecOperation<'_>,
    platform: &Spec,
) -> Vec<String> {
    let at = format!("{} {}", copy.method.to_uppercase(), copy.path);
    let mut out = Vec::new();
    if copy.id != original.id {
        out.push(format!(
            "{at}: operationId {}, Platform's {}",
            copy.id, original.id
        ));
    }
    let statuses = |sop: &SpecOperation<'_>| -> BTreeSet<String> {
        sop.operation["responses"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(status, _)| status.clone())
            .collect()
    };
    let (mine, theirs) = (statuses(copy), statuses(original));
    if mine != theirs {
        out.push(format!(
            "{at}: statuses {:?} added, {:?} missing",
            mine.difference(&theirs).collect::<Vec<_>>(),
            theirs.difference(&mine).collect::<Vec<_>>()
        ));
    }
    let params = |sop: &SpecOperation<'_>, spec: &Spec| -> BTreeMap<String, Value> {
        sop.params
            .iter()
            .map(|p| {
                let key = format!("{} {}", p["in"].as_str().unwrap_or(""), name(p));
                (key, spec.canonical(p))
            })
            .collect()
    };
    let (mine, theirs) = (params(copy, spec), params(original, platform));
    for key in mine.keys().chain(theirs.keys()).collect::<BTreeSet<_>>() {
        match (mine.get(key), theirs.get(key)) {
            (Some(_), None) => out.push(format!("{at}: parameter {key} added")),
            (None, Some(_)) => out.push(format!("{at}: parameter {key} missing")),
            (Some(a), Some(b)) if a != b => out.push(format!("{at}: parameter {key} differs")),
            _ => {}
        }
    }
    let body = |sop: &SpecOperation<'_>, spec: &Spec| {
        sop.operation.get("requestBody").map(|b| spec.canonical(b))
    };
    if body(copy, spec) != body(original, platform) {
        out.push(format!("{at}: request body schema differs"));
    }
    for status in statuses(copy).intersection(&statuses(original)) {
        let response = |sop: &SpecOperation<'_>, spec: &Spec| {
            spec.canonical(&sop.operation["responses"][status])
        };
        if response(copy, spec) != response(original, platform) {
            out.push(format!("{at}: response {status} schema differs"));
        }
    }
    out
}

fn name(param: &Value) -> &str {
    param["name"].as_str().unwrap_or("")
}

/// The placeholder names of a spec path, in order.
fn placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// A path with every placeholder emptied, e.g. `/companies/{}`: declarations and spec
/// operations are paired by it, so that a misnamed placeholder is reported as such.
fn shape(path: &str, open: char, close: char) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        if c == open {
            inside = true;
            out.push('{');
        } else if c == close && inside {
            inside = false;
            out.push('}');
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Every page stream and every watch a product or Platform hands out owns what it needs
/// (`'static`), so that a service can return it, store it or send it to another task; a
/// signature that lends the handle's lifetime to its stream fails here.
#[test]
fn every_stream_and_watch_handed_out_is_static() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = workspace_root();
    let mut files = Vec::new();
    rust_files(&root.join("codat-client/src/platform"), &mut files);
    for product in std::fs::read_dir(root.join("products")).unwrap() {
        let product = product.unwrap().path();
        // The product tests' helpers hand streams to one test, never to a service.
        if product.ends_with("codat-product-tests") {
            continue;
        }
        let src = product.join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    let (mut constructors, mut borrowed) = (0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text
            .match_indices("pub fn ")
            .chain(text.match_indices("pub async fn "))
        {
            let signature = &text[at..text[at..].find('{').map_or(text.len(), |end| at + end)];
            if !(signature.contains("BoxStream<") || signature.contains("Watch<")) {
                continue;
            }
            constructors += 1;
            if !(signature.contains("BoxStream<'static") || signature.contains("Watch<'static")) {
                let name = signature.split('(').next().unwrap_or(signature);
                borrowed.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(
        borrowed.is_empty(),
        "borrowed streams:\n{}",
        borrowed.join("\n")
    );
    assert!(
        constructors >= 60,
        "only {constructors} stream constructors found"
    );
}

/// The parameter rules of `check_types` on a made-up operation: what each mistake reports.
#[test]
fn optional_parameters_must_be_grouped_and_required_ones_positional() {
    let spec = Spec {
        root: serde_json::json!({"paths": {}}),
    };
    let params = [
        serde_json::json!({"in": "path", "name": "companyId", "required": true, "schema": {"type": "string"}}),
        serde_json::json!({"in": "query", "name": "reportDate", "required": true, "schema": {"type": "string"}}),
        serde_json::json!({"in": "query", "name": "numberOfPeriods", "schema": {"type": "integer"}}),
        serde_json::json!({"in": "header", "name": "Idempotency-Key", "schema": {"type": "string"}}),
    ];
    let operation = serde_json::json!({});
    let sop = SpecOperation {
        method: "get",
        path: "/companies/{companyId}/report",
        id: "get-report",
        operation: &operation,
        params: params.iter().collect(),
    };
    let field = |text: &str| declarations::param_for_test(text);
    let run = |decl: &[&str], group: &[&str]| {
        let decl = Declaration {
            params: decl.iter().map(|p| field(p)).collect(),
            returns: "()".into(),
        };
        let groups = BTreeMap::from([(
            "ReportParams".to_owned(),
            group.iter().map(|p| field(p)).collect::<Vec<_>>(),
        )]);
        let (mut problems, mut notes) = (Vec::new(), Vec::new());
        check_types(
            &decl,
            &groups,
            &sop,
            &spec,
            &SpecBody::None,
            &BTreeMap::new(),
            &mut problems,
            &mut notes,
        );
        problems
    };
    let good_decl = [
        "company_id: &str",
        "#[query] report_date: &str",
        "#[params] options: ReportParams",
    ];
    let good_group = [
        "#[query] pub number_of_periods: Option<i32>",
        "#[header(\"Idempotency-Key\")] pub idempotency_key: Option<String>",
    ];
    assert_eq!(run(&good_decl, &good_group), Vec::<String>::new());
    // An optional parameter left positional.
    let problems = run(
        &[
            "company_id: &str",
            "#[query] report_date: &str",
            "#[query] number_of_periods: Option<i32>",
            "#[params] options: ReportParams",
        ],
        &good_group[1..],
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("numberOfPeriods is positional")),
        "{problems:?}"
    );
    // A required parameter put in the group.
    let problems = run(
        &["company_id: &str", "#[params] options: ReportParams"],
        &[
            "#[query] pub report_date: Option<String>",
            good_group[0],
            good_group[1],
        ],
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("reportDate is required by the spec but is `options.report_date`")),
        "{problems:?}"
    );
    // A group field of the wrong type, and one missing.
    let problems = run(
        &good_decl,
        &["#[query] pub number_of_periods: Option<String>"],
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("numberOfPeriods: `Option<String>`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("header parameter Idempotency-Key has no Rust parameter")),
        "{problems:?}"
    );
    // A group type that no scanned struct defines.
    let problems = run(
        &[
            "company_id: &str",
            "#[query] report_date: &str",
            "#[params] options: OtherParams",
        ],
        &good_group,
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("no `#[derive(ParamGroup)]` struct `OtherParams`")),
        "{problems:?}"
    );
}

/// The workspace's root: this package is its `tests/` folder.
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}
