//! Money in the models: every `format: decimal` property of a product's spec that one of its
//! operations reaches must be held by a model field of decimals.
//!
//! Two halves, independent of each other. The generator writes, per product,
//! `tests/models/decimals.rs`: each decimal's JSON pointer in the spec with the model and the
//! field that holds it. Compiled here, each entry checks that the field's type is a
//! `codat_client::decimal::Shape` (a `Decimal`, or an `Option`, `Vec`, map or `Box` of them):
//! an `f64` field does not compile. At run time, the spec is walked from every operation's JSON
//! request and success bodies through `$ref`s, properties, items, maps and `allOf`/`oneOf`/
//! `anyOf`, written here and not taken from the generator, and every decimal found must be in
//! the table; every entry of the table must be a decimal the walk found.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::spec::{Spec, PLATFORM};

/// Compiles only when `value`'s type holds decimals.
pub(crate) fn holds_decimals<T: codat_client::decimal::Shape>(_: &T) {}

/// `"object": "decimal" => Model { field }, ...` into `table()`: (object schema, decimal,
/// "Model.field"), each entry compiled against the model.
macro_rules! decimal_fields {
    ($($owner:literal: $ptr:literal => $ty:ty { $field:ident },)*) => {
        pub(crate) fn table() -> Vec<(&'static str, &'static str, &'static str)> {
            // A function each, not closures in this body: rustc type checks a body's
            // closures together, which grows faster than the table.
            $({
                #[allow(dead_code)]
                fn holds(model: &$ty) {
                    super::holds_decimals(&model.$field)
                }
            })*
            vec![$(($owner, $ptr, concat!(stringify!($ty), ".", stringify!($field))),)*]
        }
    };
}

mod bank_feeds {
    include!("../../products/codat-bank-feeds/tests/all/models/decimals.rs");
}
mod lending {
    include!("../../products/codat-lending/tests/all/models/decimals.rs");
}
mod spend_insights {
    include!("../../products/codat-spend-insights/tests/all/models/decimals.rs");
}
mod sync_commerce {
    include!("../../products/codat-sync-commerce/tests/all/models/decimals.rs");
}
mod sync_expenses {
    include!("../../products/codat-sync-expenses/tests/all/models/decimals.rs");
}
mod sync_payables {
    include!("../../products/codat-sync-payables/tests/all/models/decimals.rs");
}
mod sync_payroll {
    include!("../../products/codat-sync-payroll/tests/all/models/decimals.rs");
}

/// The pairs (object schema, decimal) of a product crate's generated table, with the fields
/// that hold each.
type Table = BTreeMap<(String, String), Vec<&'static str>>;

/// The generated table of a product crate.
pub(crate) fn table(krate: &str) -> Option<Table> {
    let rows = match krate {
        "codat-bank-feeds" => bank_feeds::table(),
        "codat-lending" => lending::table(),
        "codat-spend-insights" => spend_insights::table(),
        "codat-sync-commerce" => sync_commerce::table(),
        "codat-sync-expenses" => sync_expenses::table(),
        "codat-sync-payables" => sync_payables::table(),
        "codat-sync-payroll" => sync_payroll::table(),
        _ => return None,
    };
    let mut out = Table::new();
    for (owner, ptr, field) in rows {
        out.entry((owner.to_owned(), ptr.to_owned()))
            .or_default()
            .push(field);
    }
    Some(out)
}

/// Every schema with `format: decimal` in the document, by JSON pointer.
pub(crate) fn declared(spec: &Spec) -> BTreeSet<String> {
    fn walk(node: &Value, ptr: String, out: &mut BTreeSet<String>) {
        match node {
            Value::Object(fields) => {
                if fields.get("format").and_then(Value::as_str) == Some("decimal") {
                    out.insert(ptr.clone());
                }
                for (key, value) in fields {
                    walk(value, format!("{ptr}/{}", escape(key)), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{ptr}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&spec.root, "#".to_owned(), &mut out);
    // Inside an example, `format` is data, not a schema's.
    out.retain(|ptr| {
        !ptr.split('/')
            .any(|part| part == "example" || part == "examples")
    });
    out
}

/// The decimal properties of the objects the product's own operations reach (Platform's
/// copies are codat-client's, and Platform has none): (the object schema's pointer, the
/// pointer of the schema with the format), an array's or map's items included.
pub(crate) fn reached(spec: &Spec, platform: &Spec) -> BTreeSet<(String, String)> {
    let platform_ops: BTreeSet<(&str, &str)> = platform
        .operations()
        .into_iter()
        .map(|op| (op.method, op.path))
        .collect();
    let mut walker = Walker {
        spec,
        seen: BTreeSet::new(),
        found: BTreeSet::new(),
    };
    for op in spec.operations() {
        if platform_ops.contains(&(op.method, op.path)) {
            continue;
        }
        let base = format!("#/paths/{}/{}", escape(op.path), op.method);
        let request = &op.operation["requestBody"]["content"]["application/json"];
        if let Some(schema) = request.get("schema") {
            let at = format!("{base}/requestBody/content/application~1json/schema");
            walker.visit(schema, at);
        }
        for (status, response) in op.operation["responses"].as_object().into_iter().flatten() {
            if !status.starts_with('2') {
                continue;
            }
            let (response, at) = match response.get("$ref").and_then(Value::as_str) {
                Some(reference) => (spec.resolve(reference), reference.to_owned()),
                None => (response, format!("{base}/responses/{status}")),
            };
            if let Some(schema) = response["content"]["application/json"].get("schema") {
                walker.visit(schema, format!("{at}/content/application~1json/schema"));
            }
        }
    }
    walker.found
}

/// Keys that only document a schema: an `allOf` part of nothing else adds nothing.
const DOC_KEYS: &[&str] = &[
    "description",
    "title",
    "examples",
    "example",
    "x-internal",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
];

/// Walks the schemas that become models: a body, an object's properties (an `allOf`'s parts
/// merged into the object), array items, map values and `oneOf`/`anyOf` shapes.
struct Walker<'a> {
    spec: &'a Spec,
    /// Schemas walked already, by pointer.
    seen: BTreeSet<String>,
    found: BTreeSet<(String, String)>,
}

impl<'a> Walker<'a> {
    /// Follows `$ref`s to the schema and its pointer.
    fn deref(&self, mut node: &'a Value, mut ptr: String) -> (&'a Value, String) {
        let mut hops = 0;
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            hops += 1;
            assert!(hops < 64, "a loop of $refs at {ptr}");
            ptr = reference.to_owned();
            node = self.spec.resolve(reference);
        }
        (node, ptr)
    }

    /// The one schema a wrapper stands for: an `allOf` of one real schema and notes (without
    /// properties of its own), or a `oneOf`/`anyOf` of one.
    fn single(&self, node: &'a Value, ptr: &str) -> Option<(&'a Value, String)> {
        if let Some(parts) = node.get("allOf").and_then(Value::as_array)
            && node.get("properties").is_none()
        {
            let real: Vec<_> = parts
                .iter()
                .enumerate()
                .filter(|(_, part)| {
                    !part
                        .as_object()
                        .is_some_and(|o| o.keys().all(|k| DOC_KEYS.contains(&k.as_str())))
                })
                .collect();
            if let [(i, part)] = real.as_slice() {
                return Some((part, format!("{ptr}/allOf/{i}")));
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some([only]) = node.get(key).and_then(Value::as_array).map(Vec::as_slice) {
                return Some((only, format!("{ptr}/{key}/0")));
            }
        }
        None
    }

    /// Through `$ref`s and one-schema wrappers.
    fn through(&self, node: &'a Value, ptr: String) -> (&'a Value, String) {
        let (mut node, mut ptr) = self.deref(node, ptr);
        while let Some((inner, at)) = self.single(node, &ptr) {
            (node, ptr) = self.deref(inner, at);
        }
        (node, ptr)
    }

    /// The decimals a property holds itself: it, its array's items or its map's values.
    fn decimals(&self, node: &'a Value, ptr: String) -> Vec<String> {
        let (node, ptr) = self.through(node, ptr);
        let kind = node.get("type").and_then(Value::as_str);
        if node.get("format").and_then(Value::as_str) == Some("decimal")
            && matches!(kind, None | Some("number"))
        {
            return vec![ptr];
        }
        if kind == Some("array")
            && let Some(items) = node.get("items")
        {
            return self.decimals(items, format!("{ptr}/items"));
        }
        if node.get("properties").is_none()
            && let Some(values) = node.get("additionalProperties").filter(|v| v.is_object())
        {
            return self.decimals(values, format!("{ptr}/additionalProperties"));
        }
        Vec::new()
    }

    /// An object's properties, through its `allOf` parts (the first of a name wins).
    fn merge(
        &self,
        node: &'a Value,
        ptr: String,
        props: &mut Vec<(String, &'a Value, String)>,
        seen: &mut BTreeSet<String>,
    ) {
        let (node, ptr) = self.deref(node, ptr);
        if !seen.insert(ptr.clone()) {
            return;
        }
        for (name, property) in node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !props.iter().any(|(n, _, _)| n == name) {
                let at = format!("{ptr}/properties/{}", name.replace('/', "~1"));
                props.push((name.clone(), property, at));
            }
        }
        for (i, part) in node
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            self.merge(part, format!("{ptr}/allOf/{i}"), props, seen);
        }
    }

    /// A schema that becomes a model (or a part of one).
    fn visit(&mut self, node: &'a Value, ptr: String) {
        let (node, ptr) = self.through(node, ptr);
        if !self.seen.insert(ptr.clone()) {
            return;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(shapes) = node.get(key).and_then(Value::as_array) {
                for (i, shape) in shapes.iter().enumerate() {
                    self.visit(shape, format!("{ptr}/{key}/{i}"));
                }
                return;
            }
        }
        if node.get("enum").is_some() {
            return;
        }
        let mut props = Vec::new();
        self.merge(node, ptr.clone(), &mut props, &mut BTreeSet::new());
        if !props.is_empty() {
            for (_, property, at) in props {
                for decimal in self.decimals(property, at.clone()) {
                    self.found.insert((ptr.clone(), decimal));
                }
                self.visit(property, at);
            }
            return;
        }
        if let Some(values) = node.get("additionalProperties").filter(|v| v.is_object()) {
            self.visit(values, format!("{ptr}/additionalProperties"));
        }
        if let Some(items) = node.get("items") {
            self.visit(items, format!("{ptr}/items"));
        }
    }
}

/// A JSON pointer's escaping of one key.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// What one product came to: a line for the report, and the failures.
pub(crate) fn check(krate: &str, spec: &Spec, platform: &Spec) -> (String, Vec<String>) {
    assert_ne!(
        krate, PLATFORM.krate,
        "Platform's models are written by hand"
    );
    let Some(table) = table(krate) else {
        return (
            format!("{krate}: no generated decimal table"),
            vec![format!("{krate}: add its tests/models/decimals.rs here")],
        );
    };
    let declared = declared(spec);
    let reached = reached(spec, platform);
    let mut failures = Vec::new();
    for (owner, ptr) in &reached {
        if !table.contains_key(&(owner.clone(), ptr.clone())) {
            failures.push(format!(
                "{ptr}, a property of {owner}: a decimal the model of {owner} does not hold as \
                 a Decimal"
            ));
        }
    }
    for ((owner, ptr), fields) in &table {
        if !reached.contains(&(owner.clone(), ptr.clone())) {
            failures.push(format!(
                "{ptr} in {owner} ({}): not a decimal property of an object any operation \
                 reaches",
                fields.join(", ")
            ));
        }
    }
    let decimals: BTreeSet<&String> = reached.iter().map(|(_, ptr)| ptr).collect();
    let line = format!(
        "{} decimal properties in the spec, {} reached by an operation, held by {} Decimal \
         fields of {} models",
        declared.len(),
        decimals.len(),
        table.values().map(Vec::len).sum::<usize>(),
        reached
            .iter()
            .map(|(owner, _)| owner)
            .collect::<BTreeSet<_>>()
            .len(),
    );
    (line, failures)
}
