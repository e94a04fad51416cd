//! The Rust signatures of `#[endpoint]` declarations, read from the crates' sources: the
//! registry records parameter names only, while the spec checks need their types (is a
//! parameter an `Option`? a number?). A light scan, not a Rust parser: it knows the shape every
//! declaration has (attribute, then a bodiless `fn` whose parameters carry role attributes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a parameter is for, from its attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Path,
    /// By its wire name.
    Query(String),
    /// `#[params]`: a group of optional parameters, its fields in [`groups`].
    Params,
    Header(String),
    Body,
    Multipart,
}

#[derive(Clone, Debug)]
pub(crate) struct Param {
    pub(crate) name: String,
    pub(crate) role: Role,
    /// As written, e.g. `Option<&str>`.
    pub(crate) ty: String,
}

impl Param {
    /// Whether a caller may leave it out (`Option<...>`).
    pub(crate) fn optional(&self) -> bool {
        strip_refs(&self.ty).starts_with("Option<")
    }

    /// The type without `&`, lifetimes and `Option<...>`, e.g. `str` for `Option<&'a str>`.
    pub(crate) fn inner(&self) -> String {
        let ty = strip_refs(&self.ty);
        let ty = match ty.strip_prefix("Option<") {
            Some(rest) => strip_refs(rest.strip_suffix('>').unwrap_or(rest)),
            None => ty,
        };
        ty.to_owned()
    }
}

fn strip_refs(mut ty: &str) -> &str {
    loop {
        ty = ty.trim();
        if let Some(rest) = ty.strip_prefix('&') {
            ty = rest.trim_start();
            if let Some(rest) = ty.strip_prefix('\'') {
                // A lifetime: `'a ` up to the space.
                ty = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            }
            ty = ty.trim_start().strip_prefix("mut ").unwrap_or(ty);
        } else {
            return ty;
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Declaration {
    pub(crate) params: Vec<Param>,
    /// The `T` of `Result<T, Error>`, as written.
    pub(crate) returns: String,
}

/// Every declaration under `src` (recursively), by `(METHOD, template)`.
pub(crate) fn scan(src: &Path) -> BTreeMap<(String, String), Declaration> {
    let mut out = BTreeMap::new();
    for file in rust_files(src) {
        let text = without_comments(&std::fs::read_to_string(&file).unwrap_or_default());
        let mut rest = text.as_str();
        while let Some(at) = rest.find("#[endpoint(") {
            rest = &rest[at + "#[endpoint(".len()..];
            let Some(found) = declaration(rest) else {
                continue;
            };
            out.insert(found.0, found.1);
        }
    }
    out
}

/// Every parameter group (a struct deriving `ParamGroup`) under `src`, by its type name, with
/// its fields as parameters (their roles from `#[query]` and `#[header]`).
pub(crate) fn groups(src: &Path) -> BTreeMap<String, Vec<Param>> {
    let mut out = BTreeMap::new();
    for file in rust_files(src) {
        let text = without_comments(&std::fs::read_to_string(&file).unwrap_or_default());
        let mut rest = text.as_str();
        while let Some(at) = rest.find("ParamGroup") {
            rest = &rest[at + "ParamGroup".len()..];
            // The derive list, then other attributes, then `pub struct Name {`.
            let Some(after) = rest.trim_start().strip_prefix(")]") else {
                continue;
            };
            let Some(at) = after.find("struct ") else {
                continue;
            };
            let head = &after[at + "struct ".len()..];
            let Some(open) = head.find('{') else { continue };
            let name = head[..open].trim().to_owned();
            let body = &head[open + 1..];
            let Some(close) = closing(body, '{', '}') else {
                continue;
            };
            let fields = split_top_level(&body[..close])
                .into_iter()
                .filter_map(param)
                .collect();
            out.insert(name, fields);
        }
    }
    out
}

fn declaration(text: &str) -> Option<((String, String), Declaration)> {
    let args = &text[..closing(text, '(', ')')?];
    let method = args.split(',').next()?.trim().to_uppercase();
    let template = args.split('"').nth(1)?.to_owned();
    let mut after = text[args.len()..]
        .trim_start_matches(')')
        .trim_start_matches(']');
    // Other attributes (`#[deprecated(note = "...")]`) may sit between it and the `fn`.
    while let Some(rest) = after.trim_start().strip_prefix("#[") {
        after = &rest[closing(rest, '[', ']')? + 1..];
    }
    let fn_at = after.find("fn ")?;
    let signature = &after[fn_at + 3..];
    let open = signature.find('(')?;
    let body = &signature[open + 1..];
    let close = closing(body, '(', ')')?;
    let params = split_top_level(&body[..close])
        .into_iter()
        .filter_map(param)
        .collect();
    let tail = &body[close + 1..];
    let end = tail.find(';').unwrap_or(tail.len());
    let returns = tail[..end].trim().trim_start_matches("->").trim();
    let returns = returns
        .strip_prefix("Result<")
        // rustfmt may leave a trailing comma before the closing `>`.
        .map(|r| {
            r.trim_end()
                .trim_end_matches('>')
                .trim_end()
                .trim_end_matches(',')
        })
        .and_then(|r| r.rsplit_once(','))
        .map_or(returns, |(ok, _)| ok)
        .trim()
        .to_owned();
    let key = (method, template);
    Some((key, Declaration { params, returns }))
}

/// The index of the bracket closing the one already opened before `text`.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 1;
    let mut in_string = false;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c == '"' && prev != '\\' {
            in_string = !in_string;
        } else if !in_string && c == open {
            depth += 1;
        } else if !in_string && c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        prev = c;
    }
    None
}

/// Splits a parameter list on the commas outside brackets.
fn split_top_level(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut in_string) = (0i32, 0, false);
    for (i, c) in list.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '(' | '[' | '<' if !in_string => depth += 1,
            // `->` in an `Fn` type is not a closing bracket.
            '>' if !in_string && !list[..i].ends_with('-') => depth -= 1,
            ')' | ']' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// [`param`] for other tests of the conformance binary.
#[cfg(test)]
pub(crate) fn param_for_test(text: &str) -> Param {
    param(text).expect("a parameter")
}

fn param(text: &str) -> Option<Param> {
    let mut text = text.trim();
    let mut attrs = Vec::new();
    while let Some(rest) = text.strip_prefix("#[") {
        let end = closing(rest, '[', ']')?;
        attrs.push(rest[..end].trim().to_owned());
        text = rest[end + 1..].trim_start();
    }
    let (pattern, ty) = text.split_once(':')?;
    let pattern = pattern.trim();
    let pattern = pattern.strip_prefix("pub ").unwrap_or(pattern);
    let name = pattern.trim().trim_start_matches("mut ").trim().to_owned();
    if name.ends_with("self") {
        return None;
    }
    let mut role = Role::Path;
    for attr in &attrs {
        let quoted = attr.split('"').nth(1).map(str::to_owned);
        let head = attr.split('(').next().unwrap_or("").trim();
        role = match head {
            "params" => Role::Params,
            "query" => Role::Query(quoted.unwrap_or_else(|| camel_case(&name))),
            "header" => Role::Header(quoted.unwrap_or_default()),
            "body" => Role::Body,
            "multipart" => Role::Multipart,
            _ => continue,
        };
    }
    Some(Param {
        name,
        role,
        ty: ty.split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

/// `page_size` → `pageSize`, as the macro names query parameters.
pub(crate) fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.trim_start_matches("r#").chars() {
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

/// `companyId` → `company_id`, `companyID` → `company_id`: the Rust name of a spec parameter.
pub(crate) fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = camel.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower = i > 0 && !chars[i - 1].is_uppercase() && chars[i - 1] != '_';
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if i > 0 && (prev_lower || (next_lower && chars[i - 1] != '_')) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The source with `//` and `/* */` comments blanked, string literals kept.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == '/' && chars.peek() == Some(&'/') {
            for c in chars.by_ref() {
                if c == '\n' {
                    out.push('\n');
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut prev = ' ';
            for c in chars.by_ref() {
                if prev == '*' && c == '/' {
                    break;
                }
                prev = c;
            }
            out.push(' ');
        } else if c == '\'' {
            // A char literal such as '"' must not open a string; a lifetime passes through.
            out.push(c);
            let ahead: String = chars.clone().take(3).collect();
            if ahead.starts_with('\\') || ahead.chars().nth(1) == Some('\'') {
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '\'' {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types() {
        assert_eq!(snake_case("companyId"), "company_id");
        assert_eq!(snake_case("pushOperationKey"), "push_operation_key");
        assert_eq!(camel_case("page_size"), "pageSize");
        let p = param("#[query] page_size: Option<i32>").unwrap();
        assert_eq!(p.role, Role::Query("pageSize".into()));
        assert!(p.optional());
        assert_eq!(p.inner(), "i32");
        let p = param("#[header(\"Idempotency-Key\")] key: Option<&'a str>").unwrap();
        assert_eq!(p.role, Role::Header("Idempotency-Key".into()));
        assert_eq!(p.inner(), "str");
        assert!(!param("company_id: &str").unwrap().optional());
        let list = "self, a: &str, #[body] b: Option<&BTreeMap<String, String>>";
        assert_eq!(split_top_level(list).len(), 3);
        assert_eq!(
            param("#[params] options: ReportParams").unwrap().role,
            Role::Params
        );
    }

    #[test]
    fn groups_are_read_from_derived_structs() {
        let dir = std::env::temp_dir().join(format!("codat-groups-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("params.rs"),
            r#"
/// Not a group.
pub struct Plain { pub a: i32 }

/// A group.
#[derive(Clone, Debug, Default, PartialEq, ParamGroup)]
#[non_exhaustive]
pub struct ReportParams {
    /// The day, e.g. `2024-01-01`: a `{` in a comment is no brace.
    #[query]
    pub report_date: Option<String>,
    #[header("Idempotency-Key")]
    pub idempotency_key: Option<String>,
}
"#,
        )
        .unwrap();
        let groups = groups(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(groups.keys().collect::<Vec<_>>(), ["ReportParams"]);
        let fields = &groups["ReportParams"];
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0].name, "report_date");
        assert_eq!(fields[0].role, Role::Query("reportDate".into()));
        assert_eq!(fields[0].inner(), "String");
        assert_eq!(fields[1].role, Role::Header("Idempotency-Key".into()));
    }
}
