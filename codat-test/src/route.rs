//! Which declared operation a name or a request means: the pure part of the mock, unit-tested
//! here without a server.

use std::collections::BTreeSet;

use codat_client::{Operation, PathPart};
use percent_encoding::percent_decode_str;

use crate::spec_examples::{Example, EXAMPLES};

/// One method and path shape; operations of several crates may share one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Route {
    /// `GET`, `POST`, ...
    pub(crate) method: &'static str,
    /// The template with every placeholder written `{}`.
    pub(crate) shape: String,
}

impl Route {
    /// The route of a declared operation.
    pub(crate) fn of(op: &Operation) -> Route {
        Route {
            method: op.method.as_str(),
            shape: shape(op.template),
        }
    }
}

/// The short name an operation is shown and found by: its module's last segment and its
/// function, `companies::get`.
pub(crate) fn short_name(op: &Operation) -> String {
    let module = op.module.rsplit("::").next().unwrap_or(op.module);
    format!("{module}::{}", op.name)
}

/// `module::path::function` in full.
fn full_name(op: &Operation) -> String {
    format!("{}::{}", op.module, op.name)
}

/// A template with its placeholders, `<name>` or `{name}`, written `{}`, so that a
/// declaration and its spec path compare equal.
pub(crate) fn shape(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut inside = false;
    for c in template.chars() {
        match c {
            '<' | '{' if !inside => {
                inside = true;
                out.push_str("{}");
            }
            '>' | '}' if inside => inside = false,
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}

/// The operations `name` means, or why it means none or several.
///
/// `name` is one of: a function path (`companies::get`, any tail of its module path and
/// name), Codat's operation id (`get-company`), or a method and template
/// (`GET /companies/<company_id>`, placeholders named anyhow).
pub(crate) fn resolve(
    name: &str,
    declared: &[&'static Operation],
) -> Result<&'static Operation, String> {
    let name = name.trim();
    let found: Vec<&'static Operation> = if let Some((method, template)) = name.split_once(' ') {
        let wanted = Route {
            method: match_method(method)?,
            shape: shape(template.trim()),
        };
        declared
            .iter()
            .copied()
            .filter(|op| Route::of(op) == wanted)
            .collect()
    } else if name.contains("::") {
        let tail = format!("::{name}");
        declared
            .iter()
            .copied()
            .filter(|op| {
                let full = full_name(op);
                full == name || full.ends_with(&tail)
            })
            .collect()
    } else {
        let routes: BTreeSet<Route> = EXAMPLES
            .iter()
            .filter(|e| e.operation_id == name)
            .map(Example::route)
            .collect();
        if routes.is_empty() {
            // A bare function name, when it is one function's.
            declared
                .iter()
                .copied()
                .filter(|op| op.name == name)
                .collect()
        } else {
            let found: Vec<_> = declared
                .iter()
                .copied()
                .filter(|op| routes.contains(&Route::of(op)))
                .collect();
            if found.is_empty() {
                let route = routes.iter().next().expect("not empty");
                return Err(format!(
                    "`{name}` is Codat's {} {}, but no declaration of it is linked into this \
                     program: call it from the code under test, or `use` its crate",
                    route.method, route.shape
                ));
            }
            found
        }
    };
    // Declarations of one route in several crates are one operation to the server.
    let routes: BTreeSet<Route> = found.iter().map(|op| Route::of(op)).collect();
    match routes.len() {
        1 => Ok(found[0]),
        0 => Err(format!(
            "no declared operation is `{name}`; declared: {}",
            listing(declared.iter().copied(), 12)
        )),
        _ => Err(format!(
            "`{name}` names {} operations; say which: {}",
            found.len(),
            listing(found.iter().copied(), usize::MAX)
        )),
    }
}

/// An upper-cased method name the client sends.
fn match_method(method: &str) -> Result<&'static str, String> {
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .ok_or_else(|| format!("`{method}` is not a method Codat's operations use"))
}

/// Up to `max` operations as `full::name (METHOD template)`, sorted, and how many more.
fn listing(ops: impl Iterator<Item = &'static Operation>, max: usize) -> String {
    let mut names: Vec<String> = ops
        .map(|op| format!("{} ({} {})", full_name(op), op.method.as_str(), op.template))
        .collect();
    names.sort();
    names.dedup();
    let more = names.len().saturating_sub(max);
    names.truncate(max);
    let mut out = names.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    if out.is_empty() {
        out.push_str("none");
    }
    out
}

/// The path values `path` (still percent-encoded, no query) gives the placeholders of
/// `parts`, decoded; `None` when it does not have that shape. A value is one non-empty
/// segment.
pub(crate) fn match_path(parts: &[PathPart], path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut rest = path;
    let mut values = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            PathPart::Literal(text) => rest = rest.strip_prefix(text)?,
            PathPart::Param(name) => {
                let end = rest.find('/').unwrap_or(rest.len());
                let mut value = &rest[..end];
                // A literal glued to the value in the same segment (`<id>.json`).
                if let Some(PathPart::Literal(next)) = parts.get(i + 1) {
                    let glued = next.split('/').next().unwrap_or_default();
                    value = value.strip_suffix(glued)?;
                }
                if value.is_empty() {
                    return None;
                }
                let decoded = percent_decode_str(value).decode_utf8_lossy().into_owned();
                values.push((*name, decoded));
                rest = &rest[value.len()..];
            }
        }
    }
    rest.is_empty().then_some(values)
}

/// How many literal characters a template has: of two operations a path fits, the one with
/// more is the more specific (`/data/all` over `/data/<type>`).
fn literal_len(op: &Operation) -> usize {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.len(),
            PathPart::Param(_) => 0,
        })
        .sum()
}

/// The declared operation a request is a call of, and its path values.
pub(crate) fn attribute(
    method: &str,
    path: &str,
    declared: &[&'static Operation],
) -> Option<(&'static Operation, Vec<(&'static str, String)>)> {
    declared
        .iter()
        .filter(|op| op.method.as_str() == method)
        .filter_map(|op| Some((*op, match_path(op.path, path)?)))
        // The first of the most specific: `max_by_key` keeps the last of equals.
        .rev()
        .max_by_key(|(op, _)| literal_len(op))
}

impl Example {
    /// Its method and path shape.
    pub(crate) fn route(&self) -> Route {
        Route {
            method: self.method,
            shape: shape(self.template),
        }
    }
}

/// The spec's success answer for `op`: its own crate's spec first, then any spec with the
/// same route.
pub(crate) fn example_for(op: &Operation) -> Option<&'static Example> {
    let route = Route::of(op);
    let mut same = EXAMPLES.iter().filter(|e| e.route() == route);
    let first = same.clone().next()?;
    Some(same.find(|e| e.crate_name == op.product).unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use codat_client::Method;

    const GET_COMPANY: Operation = Operation {
        name: "get",
        product: "codat-client",
        module: "codat_client::platform::companies",
        method: Method::Get,
        template: "/companies/<company_id>",
        path: &[
            PathPart::Literal("/companies/"),
            PathPart::Param("company_id"),
        ],
        ..Operation::DEFAULTS
    };
    const LIST_COMPANIES: Operation = Operation {
        name: "list",
        product: "codat-client",
        module: "codat_client::platform::companies",
        template: "/companies",
        path: &[PathPart::Literal("/companies")],
        ..Operation::DEFAULTS
    };
    const DATA_TYPE: Operation = Operation {
        name: "get",
        product: "my-app",
        module: "my_app::data",
        template: "/companies/<company_id>/data/<data_type>",
        path: &[
            PathPart::Literal("/companies/"),
            PathPart::Param("company_id"),
            PathPart::Literal("/data/"),
            PathPart::Param("data_type"),
        ],
        ..Operation::DEFAULTS
    };
    const DATA_ALL: Operation = Operation {
        name: "all",
        product: "my-app",
        module: "my_app::data",
        template: "/companies/<company_id>/data/all",
        path: &[
            PathPart::Literal("/companies/"),
            PathPart::Param("company_id"),
            PathPart::Literal("/data/all"),
        ],
        ..Operation::DEFAULTS
    };
    const GLUED: Operation = Operation {
        name: "file",
        product: "my-app",
        module: "my_app::files",
        template: "/files/<id>.json",
        path: &[
            PathPart::Literal("/files/"),
            PathPart::Param("id"),
            PathPart::Literal(".json"),
        ],
        ..Operation::DEFAULTS
    };
    /// The same route as `GET_COMPANY`, declared again by another crate.
    const GET_COMPANY_AGAIN: Operation = Operation {
        name: "get_company",
        product: "codat-lending",
        module: "codat_lending::companies",
        ..GET_COMPANY
    };

    fn declared() -> Vec<&'static Operation> {
        vec![&GET_COMPANY, &LIST_COMPANIES, &DATA_TYPE, &DATA_ALL, &GLUED]
    }

    #[test]
    fn shapes_ignore_placeholder_names_and_brackets() {
        assert_eq!(shape("/companies/<company_id>/x"), "/companies/{}/x");
        assert_eq!(shape("/companies/{companyId}/x"), "/companies/{}/x");
        assert_eq!(shape("/a/<b>/<c>"), shape("/a/{x}/{y}"));
        assert_eq!(shape("/plain"), "/plain");
        // Brackets outside a placeholder are text; inside one they are part of its name.
        assert_eq!(shape("/a>b}c"), "/a>b}c");
        assert_eq!(shape("/x/<a{b>/y"), "/x/{}/y");
    }

    #[test]
    fn names_resolve_by_function_path_tail() {
        let ops = declared();
        assert_eq!(
            resolve("companies::get", &ops).unwrap().template,
            "/companies/<company_id>"
        );
        assert_eq!(
            resolve("codat_client::platform::companies::list", &ops)
                .unwrap()
                .name,
            "list"
        );
        assert_eq!(resolve("data::all", &ops).unwrap().name, "all");
        // A tail must end at a `::`, not in the middle of a segment.
        assert!(resolve("anies::get", &ops).is_err());
    }

    #[test]
    fn names_resolve_by_method_and_template() {
        let ops = declared();
        let op = resolve("GET /companies/{companyId}/data/{dataType}", &ops).unwrap();
        assert_eq!(op.template, "/companies/<company_id>/data/<data_type>");
        assert_eq!(resolve("get /companies", &ops).unwrap().name, "list");
        let err = resolve("FETCH /companies", &ops).unwrap_err();
        assert!(err.contains("`FETCH` is not a method"), "{err}");
        assert!(resolve("POST /companies", &ops).is_err());
    }

    #[test]
    fn names_resolve_by_codat_operation_id() {
        let ops = declared();
        assert_eq!(
            resolve("get-company", &ops).unwrap().template,
            "/companies/<company_id>"
        );
        assert_eq!(resolve("list-companies", &ops).unwrap().name, "list");
        // Codat's, but not declared here.
        let err = resolve("delete-company", &ops).unwrap_err();
        assert!(err.contains("DELETE /companies/{}"), "{err}");
        assert!(err.contains("no declaration of it is linked"), "{err}");
    }

    #[test]
    fn a_bare_function_name_must_be_one_operations() {
        let ops = declared();
        assert_eq!(
            resolve("all", &ops).unwrap().template,
            "/companies/<company_id>/data/all"
        );
        let err = resolve("get", &ops).unwrap_err();
        assert!(err.contains("names 2 operations"), "{err}");
        assert!(
            err.contains("codat_client::platform::companies::get (GET /companies/<company_id>)")
        );
        assert!(err.contains("my_app::data::get"), "{err}");
    }

    #[test]
    fn one_route_declared_twice_is_one_operation() {
        let ops = vec![&GET_COMPANY, &GET_COMPANY_AGAIN];
        assert_eq!(resolve("get-company", &ops).unwrap().name, "get");
        assert_eq!(resolve("GET /companies/<id>", &ops).unwrap().name, "get");
    }

    #[test]
    fn an_unknown_name_lists_what_is_declared() {
        let err = resolve("nothing::here", &declared()).unwrap_err();
        assert!(
            err.starts_with("no declared operation is `nothing::here`"),
            "{err}"
        );
        assert!(
            err.contains("my_app::files::file (GET /files/<id>.json)"),
            "{err}"
        );
        let many: Vec<&'static Operation> = std::iter::repeat_n(&GET_COMPANY, 1)
            .chain(declared())
            .collect();
        assert!(listing(many.into_iter(), 2).ends_with(" and 3 more"));
        assert_eq!(listing(std::iter::empty(), 2), "none");
    }

    #[test]
    fn paths_match_one_segment_per_value_decoded() {
        let values = match_path(GET_COMPANY.path, "/companies/a%2Fb%3Fc%23d").unwrap();
        assert_eq!(values, vec![("company_id", "a/b?c#d".to_owned())]);
        assert_eq!(match_path(GET_COMPANY.path, "/companies/"), None);
        assert_eq!(match_path(GET_COMPANY.path, "/companies/a/b"), None);
        assert_eq!(match_path(GET_COMPANY.path, "/companiesx"), None);
        assert_eq!(match_path(LIST_COMPANIES.path, "/companies/"), None);
        assert_eq!(
            match_path(GLUED.path, "/files/abc.json").unwrap(),
            vec![("id", "abc".to_owned())]
        );
        assert_eq!(match_path(GLUED.path, "/files/.json"), None);
        assert_eq!(match_path(GLUED.path, "/files/abc.xml"), None);
    }

    #[test]
    fn requests_go_to_the_most_specific_operation() {
        let ops = declared();
        let (op, values) = attribute("GET", "/companies/c1/data/all", &ops).unwrap();
        assert_eq!(op.name, "all");
        assert_eq!(values, vec![("company_id", "c1".to_owned())]);
        let (op, values) = attribute("GET", "/companies/c1/data/invoices", &ops).unwrap();
        assert_eq!(op.template, DATA_TYPE.template);
        assert_eq!(values[1], ("data_type", "invoices".to_owned()));
        assert!(attribute("POST", "/companies/c1", &ops).is_none());
        assert!(attribute("GET", "/nowhere", &ops).is_none());
        // Of two equally specific, the first declared.
        let twice = vec![&GET_COMPANY_AGAIN, &GET_COMPANY];
        assert_eq!(
            attribute("GET", "/companies/x", &twice).unwrap().0.name,
            "get_company"
        );
    }

    #[test]
    fn examples_prefer_the_operations_own_crate() {
        let platform = example_for(&GET_COMPANY).unwrap();
        assert_eq!(platform.crate_name, "codat-client");
        assert_eq!(platform.operation_id, "get-company");
        assert_eq!(platform.status, 200);
        assert!(platform.body.unwrap().contains("\"id\""));
        assert!(example_for(&GLUED).is_none());
    }

    #[test]
    fn short_names_are_module_and_function() {
        assert_eq!(short_name(&GET_COMPANY), "companies::get");
        let root = Operation {
            module: "my_app",
            ..GLUED
        };
        assert_eq!(short_name(&root), "my_app::file");
    }
}
