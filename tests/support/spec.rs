//! Codat's OpenAPI documents, read at test time, and example values built from their schemas.
//! The documents are Codat's and are not part of this repository.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

/// One of Codat's API products: its spec file and the crate that declares its operations.
#[derive(Clone, Copy, Debug)]
pub struct Product {
    /// As Codat names it, e.g. `Sync for Payables`.
    pub name: &'static str,
    /// The file in the spec folder.
    pub file: &'static str,
    /// The package whose `#[endpoint]`s it registers (`Operation::product`).
    pub krate: &'static str,
}

/// Platform first: every other product repeats some of its operations.
pub const PRODUCTS: &[Product] = &[
    Product {
        name: "Platform",
        file: "Codat-Platform.json",
        krate: "codat-client",
    },
    Product {
        name: "Bank Feeds",
        file: "Codat-Bank-Feeds.json",
        krate: "codat-bank-feeds",
    },
    Product {
        name: "Lending",
        file: "Codat-Lending.json",
        krate: "codat-lending",
    },
    Product {
        name: "Spend Insights",
        file: "Codat-Spend-Insights.json",
        krate: "codat-spend-insights",
    },
    Product {
        name: "Sync for Commerce",
        file: "Codat-Sync-Commerce.json",
        krate: "codat-sync-commerce",
    },
    Product {
        name: "Sync for Expenses",
        file: "Codat-Sync-Expenses.json",
        krate: "codat-sync-expenses",
    },
    Product {
        name: "Sync for Payables",
        file: "Codat-Sync-Payables.json",
        krate: "codat-sync-payables",
    },
    Product {
        name: "Sync for Payroll",
        file: "Codat-Sync-Payroll.json",
        krate: "codat-sync-payroll",
    },
];

/// The Platform product.
pub const PLATFORM: Product = PRODUCTS[0];

/// Where the specs are: `$CODAT_SPEC_DIR`, else `shared/codat/` beside the workspace.
pub fn spec_dir() -> PathBuf {
    codat_product_tests::spec_dir()
}

/// The Platform spec, from `$CODAT_OPENAPI_SPEC` or the spec folder. `None` (with the reason
/// printed) when it is missing, except under `CI=true`, where that is a failure.
pub fn load() -> Option<Spec> {
    load_product(&PLATFORM)
}

/// `product`'s spec from the spec folder (Platform's from `$CODAT_OPENAPI_SPEC` if set); `None`
/// as for [`load`].
pub fn load_product(product: &Product) -> Option<Spec> {
    let path = match std::env::var_os("CODAT_OPENAPI_SPEC") {
        Some(path) if product.krate == PLATFORM.krate => PathBuf::from(path),
        _ => spec_dir().join(product.file),
    };
    match std::fs::read(&path) {
        Ok(bytes) => Some(Spec {
            root: serde_json::from_slice(&bytes).expect("the spec is JSON"),
        }),
        Err(err) => {
            let reason = format!(
                "Codat's {} spec not found at {}: {err}",
                product.name,
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

/// One operation of a spec, its path-level and own parameters merged and resolved.
pub struct SpecOperation<'a> {
    /// Lower case, as in the document: `get`, `post`, ...
    pub method: &'a str,
    /// The path as in the document, e.g. `/companies/{companyId}`.
    pub path: &'a str,
    pub id: &'a str,
    pub operation: &'a Value,
    pub params: Vec<&'a Value>,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The parsed document.
pub struct Spec {
    pub root: Value,
}

impl Spec {
    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<SpecOperation<'_>> {
        let mut out = Vec::new();
        let Some(paths) = self.root["paths"].as_object() else {
            return out;
        };
        for (path, item) in paths {
            let common = item.get("parameters").and_then(Value::as_array);
            for (method, operation) in item.as_object().into_iter().flatten() {
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                let own = operation.get("parameters").and_then(Value::as_array);
                let mut params: Vec<&Value> = Vec::new();
                // An operation's own parameter overrides the path's of the same name and place.
                for param in own
                    .into_iter()
                    .flatten()
                    .chain(common.into_iter().flatten())
                {
                    let param = self.deref(param);
                    if !params
                        .iter()
                        .any(|p| p["name"] == param["name"] && p["in"] == param["in"])
                    {
                        params.push(param);
                    }
                }
                out.push(SpecOperation {
                    method,
                    path,
                    id: operation["operationId"]
                        .as_str()
                        .unwrap_or("(no operationId)"),
                    operation,
                    params,
                });
            }
        }
        out
    }

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

    /// `schema` with every `$ref` followed and what only documents it (descriptions, titles,
    /// examples, `x-` extensions) left out, so that two documents' copies compare equal when
    /// they accept the same values. A recursive reference stays as `{"$ref": ...}`.
    pub fn canonical(&self, schema: &Value) -> Value {
        self.canonical_in(schema, &mut Vec::new())
    }

    fn canonical_in<'a>(&'a self, schema: &'a Value, refs: &mut Vec<&'a str>) -> Value {
        match schema {
            Value::Object(fields) => {
                if let Some(reference) = fields.get("$ref").and_then(Value::as_str) {
                    if refs.contains(&reference) {
                        return json!({ "$ref": reference });
                    }
                    refs.push(reference);
                    let out = self.canonical_in(self.resolve(reference), refs);
                    refs.pop();
                    return out;
                }
                let fields = fields
                    .iter()
                    .filter(|(key, _)| {
                        !matches!(
                            key.as_str(),
                            "description" | "title" | "example" | "examples" | "externalDocs"
                        ) && !key.starts_with("x-")
                    })
                    .map(|(key, value)| {
                        let value = match (key.as_str(), value) {
                            // Names of properties, not keywords: keep every one.
                            ("properties" | "patternProperties", Value::Object(named)) => {
                                Value::Object(
                                    named
                                        .iter()
                                        .map(|(name, schema)| {
                                            (name.clone(), self.canonical_in(schema, refs))
                                        })
                                        .collect(),
                                )
                            }
                            _ => self.canonical_in(value, refs),
                        };
                        (key.clone(), value)
                    })
                    .collect();
                Value::Object(fields)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.canonical_in(item, refs))
                    .collect(),
            ),
            other => other.clone(),
        }
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
