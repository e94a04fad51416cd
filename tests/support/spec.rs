//! Codat's OpenAPI document, read at test time, and example values built from its schemas.
//! The document is Codat's and is not part of this repository.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

/// The spec, from `$CODAT_OPENAPI_SPEC` or `../shared/codat/Codat-Platform.json`. `None` (with
/// the reason printed) when neither exists, except under `CI=true`, where that is a failure.
pub fn load() -> Option<Spec> {
    let path = std::env::var_os("CODAT_OPENAPI_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/codat/Codat-Platform.json")
        });
    match std::fs::read(&path) {
        Ok(bytes) => Some(Spec {
            root: serde_json::from_slice(&bytes).expect("the spec is JSON"),
        }),
        Err(err) => {
            let reason = format!(
                "Codat's OpenAPI spec not found at {}: {err}",
                path.display()
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{reason}; CI must have it");
            }
            eprintln!("skipped: {reason}");
            None
        }
    }
}

/// The parsed document.
pub struct Spec {
    pub root: Value,
}

impl Spec {
    /// Follows a local `$ref` such as `#/components/schemas/Company`.
    pub fn resolve<'a>(&'a self, reference: &str) -> &'a Value {
        let mut node = &self.root;
        for raw in reference.trim_start_matches("#/").split('/') {
            let key = percent_decode(raw).replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Array(items) => &items[key.parse::<usize>().expect("array index")],
                _ => node
                    .get(&key)
                    .unwrap_or_else(|| panic!("unresolved $ref {reference}")),
            };
        }
        node
    }

    /// Follows `$ref`s until a schema with content.
    pub fn deref<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            schema = self.resolve(reference);
        }
        schema
    }

    /// An instance of `schema` from its examples, filling every property (so that optional
    /// fields are exercised too).
    pub fn example(&self, schema: &Value) -> Value {
        self.example_at(schema, 0)
    }

    fn example_at(&self, schema: &Value, depth: usize) -> Value {
        if let Some(example) = schema.get("example") {
            return example.clone();
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            return self.example_at(self.resolve(reference), depth);
        }
        if let Some(first) = schema
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        if depth > 12 {
            return Value::Null;
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            if let Some(parts) = schema.get(combinator).and_then(Value::as_array) {
                let parts: Vec<&Value> = if combinator == "allOf" {
                    parts.iter().collect()
                } else {
                    parts.iter().take(1).collect()
                };
                let mut merged = Map::new();
                let mut last = Value::Null;
                for part in parts {
                    match self.example_at(part, depth + 1) {
                        Value::Object(fields) => merged.extend(fields),
                        other => last = other,
                    }
                }
                if let Some(Value::Object(own)) = self.object_example(schema, depth) {
                    merged.extend(own);
                }
                return if merged.is_empty() {
                    last
                } else {
                    Value::Object(merged)
                };
            }
        }
        if let Some(object) = self.object_example(schema, depth) {
            return object;
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("array") => {
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                json!([self.example_at(&items, depth + 1)])
            }
            Some("integer") => json!(1),
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            Some("string") => match schema.get("format").and_then(Value::as_str) {
                Some("uuid") => json!("8a210b68-6988-11ed-a1eb-0242ac120002"),
                Some("date-time") => json!("2022-10-23T00:00:00Z"),
                Some("date") => json!("2022-10-23"),
                Some("uri") => json!("https://example.com/"),
                _ => json!("string"),
            },
            Some("object") => json!({}),
            _ => Value::Null,
        }
    }

    fn object_example(&self, schema: &Value, depth: usize) -> Option<Value> {
        let properties = schema.get("properties")?.as_object()?;
        let fields = properties
            .iter()
            .map(|(name, property)| (name.clone(), self.example_at(property, depth + 1)))
            .collect();
        Some(Value::Object(fields))
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .expect("UTF-8 $ref")
        .into_owned()
}
