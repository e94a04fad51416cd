//! The path template: literal text and `<name>` placeholders, checked at compile time.

use proc_macro2::Span;
use syn::LitStr;

use crate::errors::Errors;

/// One piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Text sent as written.
    Literal(String),
    /// A value taken from the parameter of this name, encoded as one path segment.
    Placeholder(String),
}

/// A parsed path template, kept with its literal for spans.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pub(crate) text: String,
    pub(crate) parts: Vec<Part>,
    span: Span,
}

impl Template {
    /// The placeholder names in the order they appear.
    pub(crate) fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Placeholder(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    pub(crate) fn span(&self) -> Span {
        self.span
    }
}

/// Parses `lit`, recording every mistake; returns `None` when any was found.
pub(crate) fn parse(lit: &LitStr, errors: &mut Errors) -> Option<Template> {
    let text = lit.value();
    let span = lit.span();
    match parse_str(&text) {
        Ok(parts) => Some(Template { text, parts, span }),
        Err(messages) => {
            for message in messages {
                errors.error(span, message);
            }
            None
        }
    }
}

/// The span-free core of [`parse`], so that it can be unit-tested.
pub(crate) fn parse_str(text: &str) -> Result<Vec<Part>, Vec<String>> {
    let mut problems = Vec::new();
    if !text.starts_with('/') {
        problems.push(format!(
            "the path template must start with `/`, found \"{text}\""
        ));
    }
    for forbidden in ['?', '#', ' '] {
        if text.contains(forbidden) {
            problems.push(format!(
                "the path template must not contain `{forbidden}`; query parameters are declared on the function"
            ));
        }
    }
    if let Some(problem) = segment_problem(text) {
        problems.push(problem);
    }
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find(['<', '>']) {
        literal.push_str(&rest[..pos]);
        if rest[pos..].starts_with('>') {
            problems.push("unmatched `>` in the path template".to_owned());
            rest = &rest[pos + 1..];
            continue;
        }
        let after = &rest[pos + 1..];
        let Some(end) = after
            .find(['>', '<', '/'])
            .filter(|&e| after[e..].starts_with('>'))
        else {
            let name: String = after
                .chars()
                .take_while(|c| *c != '/' && *c != '<')
                .collect();
            problems.push(format!(
                "unclosed placeholder `<{name}`: add the closing `>`"
            ));
            rest = &after[name.len()..];
            continue;
        };
        let name = &after[..end];
        if name.is_empty() {
            problems
                .push("empty placeholder `<>`: name the parameter, e.g. `<company_id>`".to_owned());
        } else if !is_identifier(name) {
            problems.push(format!(
                "placeholder `<{name}>` is not a Rust identifier; use the parameter's name, e.g. `<company_id>`"
            ));
        } else if parts
            .iter()
            .any(|p| matches!(p, Part::Placeholder(n) if n == name))
        {
            problems.push(format!(
                "placeholder `<{name}>` appears twice in the path template"
            ));
        } else {
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(Part::Placeholder(name.to_owned()));
        }
        rest = &after[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(Part::Literal(literal));
    }
    if problems.is_empty() {
        Ok(parts)
    } else {
        Err(problems)
    }
}

/// A URL parser would rewrite an empty, `.` or `..` segment (`//`, `/a/../b`), so the request
/// would reach another path than the one declared.
fn segment_problem(text: &str) -> Option<String> {
    let path = text.strip_prefix('/')?;
    if path.is_empty() {
        return None; // the root, `/`
    }
    path.split('/').find_map(|segment| match segment {
        "" => Some(
            "the path template has an empty segment (`//` or a trailing `/`), which a URL \
             parser would rewrite"
                .to_owned(),
        ),
        "." | ".." => Some(format!(
            "the path template has a `{segment}` segment, which a URL parser would resolve \
             to another path"
        )),
        _ => None,
    })
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Part {
        Part::Literal(s.to_owned())
    }
    fn ph(s: &str) -> Part {
        Part::Placeholder(s.to_owned())
    }

    #[test]
    fn splits_literals_and_placeholders() {
        assert_eq!(
            parse_str("/companies/<company_id>/connectionManagement/accessToken").unwrap(),
            vec![
                lit("/companies/"),
                ph("company_id"),
                lit("/connectionManagement/accessToken")
            ]
        );
        assert_eq!(
            parse_str("/a/<x>/<y>").unwrap(),
            vec![lit("/a/"), ph("x"), lit("/"), ph("y")]
        );
        assert_eq!(parse_str("/").unwrap(), vec![lit("/")]);
    }

    #[test]
    fn reports_each_mistake() {
        let err = |s: &str| parse_str(s).unwrap_err().join(" | ");
        assert!(err("companies").contains("must start with `/`"));
        assert!(err("/a/<>").contains("empty placeholder"));
        assert!(err("/a/<id").contains("unclosed placeholder `<id`"));
        assert!(err("/a/<id/b").contains("unclosed placeholder `<id`"));
        assert!(err("/a/<id>/<id>").contains("appears twice"));
        assert!(err("/a/id>").contains("unmatched `>`"));
        assert!(err("/a?b=1").contains("must not contain `?`"));
        assert!(err("/a/<1x>").contains("not a Rust identifier"));
        assert!(err("/a//b").contains("empty segment"));
        assert!(err("/a/").contains("empty segment"));
        assert!(err("//").contains("empty segment"));
        assert!(err("/a/../b").contains("`..` segment"));
        assert!(err("/a/./<id>").contains("`.` segment"));
        assert!(err("/a/<id>/..").contains("`..` segment"));
        assert!(parse_str("/a/.../b.c/<id>").is_ok());
        // Several mistakes in one template are all reported.
        assert_eq!(parse_str("a/<>/<x").unwrap_err().len(), 3);
    }
}
