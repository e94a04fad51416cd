//! What the API and webhook tests share beyond `codat_product_tests`.

use serde_json::Value;

/// The spec reshaped so that `codat_product_tests::example_of` builds a decodable value from
/// any of its schemas. Two shapes defeat it: a `$ref` into an array (`.../allOf/1`, which
/// `codat_product_tests::resolve` cannot follow) is replaced by what it points to; and an
/// `allOf` of a scalar schema and a description (how dates are documented) gets the scalar's
/// example, where the helper would merge the parts into an empty object.
///
/// # Panics
///
/// When a reference names nothing.
pub(crate) fn buildable(spec: &Value) -> Value {
    let mut copy = spec.clone();
    inline(&mut copy, spec);
    let root = copy.clone();
    hoist(&mut copy, &root);
    copy
}

fn target<'s>(root: &'s Value, reference: &str) -> &'s Value {
    root.pointer(reference.trim_start_matches('#'))
        .unwrap_or_else(|| panic!("unresolved {reference}"))
}

fn inline(node: &mut Value, root: &Value) {
    match node {
        Value::Object(map) => {
            let into_array = map
                .get("$ref")
                .and_then(Value::as_str)
                .filter(|r| r.split('/').any(|part| part.parse::<usize>().is_ok()))
                .map(|r| target(root, r).clone());
            if let Some(Value::Object(fields)) = into_array {
                map.remove("$ref");
                for (key, value) in fields {
                    map.entry(key).or_insert(value);
                }
                // What it pointed to may hold such references too.
                inline(node, root);
                return;
            }
            map.values_mut().for_each(|value| inline(value, root));
        }
        Value::Array(items) => items.iter_mut().for_each(|item| inline(item, root)),
        _ => {}
    }
}

/// Follows `$ref`s from `node` to the schema they name.
fn resolved<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        node = target(root, reference);
    }
    node
}

fn hoist(node: &mut Value, root: &Value) {
    match node {
        Value::Object(map) => {
            let scalar_example = map
                .get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|part| resolved(root, part))
                .find(|part| part["type"].as_str().is_some_and(|t| t != "object"))
                .and_then(|part| {
                    part.get("example")
                        .or_else(|| part["examples"].as_array().and_then(|e| e.first()))
                        .cloned()
                });
            if let Some(example) = scalar_example {
                map.entry("example").or_insert(example);
            }
            map.values_mut().for_each(|value| hoist(value, root));
        }
        Value::Array(items) => items.iter_mut().for_each(|item| hoist(item, root)),
        _ => {}
    }
}
