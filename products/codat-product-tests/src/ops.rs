//! Table-driven checks of a product's operations. A product lists each operation once, as an
//! [`Op`]: its verb and the spec's path template, what it must send, and the call. The checks
//! then run over every row: the spec's success examples decoded ([`check_examples`]), Codat's
//! error statuses and bodies that are not what they should be ([`check_errors`]), hostile path
//! values ([`check_path_values`]), and the table against the declarations and the spec
//! ([`check_declared`]).

use std::collections::HashMap;
use std::future::Future;
use std::ops::Index;
use std::pin::Pin;
use std::sync::{Mutex, OnceLock};

use codat_client::{Codat, Download, Error, Operation};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{example_of, header_of, json_body, normalized, requests, resolve, spec_errors};

/// A boxed future, what a row's call gives.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// What a call decoded, written back as JSON, or its error.
pub type Answer = Result<Value, Error>;

/// One call of an operation: the product's client, the path values in the template's order,
/// and the request body where the row sends the spec's request examples.
pub type Call<P> = fn(P, Args) -> BoxFuture<Answer>;

/// The values of a call's path placeholders, in the template's order (`a[0]` is the first),
/// and the request body it is to send.
#[derive(Clone, Debug)]
pub struct Args {
    values: Vec<String>,
    body: Value,
}

impl Args {
    /// The request body to send, decoded into the operation's model.
    ///
    /// # Panics
    ///
    /// When the body does not decode.
    pub fn body<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("the request example does not decode: {e}"))
    }
}

impl Index<usize> for Args {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        &self.values[i]
    }
}

/// The answer as the model writes it back, for comparison with what was served.
///
/// # Panics
///
/// When the model does not write JSON.
pub fn to_json<T: Serialize>(answer: Result<T, Error>) -> Answer {
    answer.map(|value| serde_json::to_value(value).expect("the model writes JSON"))
}

/// A download as JSON: its status, type, file name, announced length and bytes (as a list of
/// numbers), so that a file is checked like any other answer.
pub async fn file_json(download: Result<Download, Error>) -> Answer {
    let download = download?;
    let head = json!({
        "status": download.status(),
        "contentType": download.content_type(),
        "fileName": download.file_name(),
        "contentLength": download.content_length(),
    });
    let bytes = crate::within(download.bytes()).await?;
    let mut all = head;
    all["bytes"] = json!(bytes.to_vec());
    Ok(all)
}

/// A row's call: `call!(|p, a| p.accounts().get(&a[0], &a[1]))` calls on the client `p` with
/// the path values `a` and writes the answer back as JSON; `=> |v| summary` reduces a model
/// that does not write JSON; `=> file` reads a download.
#[macro_export]
macro_rules! call {
    (|$p:ident, $a:ident| $call:expr) => {
        |$p, $a: $crate::Args| -> $crate::BoxFuture<$crate::Answer> {
            ::std::boxed::Box::pin(async move { $crate::to_json($call.await) })
        }
    };
    (|$p:ident, $a:ident| $call:expr => file) => {
        |$p, $a: $crate::Args| -> $crate::BoxFuture<$crate::Answer> {
            ::std::boxed::Box::pin(async move { $crate::file_json($call.await).await })
        }
    };
    (|$p:ident, $a:ident| $call:expr => |$v:pat_param| $summary:expr) => {
        |$p, $a: $crate::Args| -> $crate::BoxFuture<$crate::Answer> {
            ::std::boxed::Box::pin(async move { $call.await.map(|$v| $summary) })
        }
    };
}

// ---- the product ----------------------------------------------------------------------------

/// A product under test: its crate and its client, the values its paths are filled with, and
/// where its examples come from. Its spec (`Codat-Sync-Payroll.json` for
/// `codat-sync-payroll`), API key (`sync-payroll-test-key`) and auth header follow from the
/// crate's name.
#[derive(Debug)]
pub struct Product<P> {
    /// The crate's name, as the declarations give it (`codat-sync-payroll`).
    pub krate: &'static str,
    /// The product's client on a configured `Codat`.
    pub client: fn(&Codat) -> P,
    /// Path placeholders that need a value of their own (a UUID, say); the others are
    /// filled with the test company and connection, or with their own name.
    pub values: &'static [(&'static str, &'static str)],
    /// Where an operation documents no example: build one from its response schema (`true`)
    /// or serve the row's fixture.
    pub built: bool,
}

/// Every spec read, by file name, kept for the life of the test binary.
fn specs() -> &'static Mutex<HashMap<String, Option<&'static Value>>> {
    static SPECS: OnceLock<Mutex<HashMap<String, Option<&'static Value>>>> = OnceLock::new();
    SPECS.get_or_init(Mutex::default)
}

/// The spec `file` (from [`spec_dir`](crate::spec_dir)), read once per test binary.
pub fn spec_file(file: &str) -> Option<&'static Value> {
    let mut all = specs().lock().unwrap();
    *all.entry(file.to_owned())
        .or_insert_with(|| crate::spec(file).map(|v| &*Box::leak(Box::new(v))))
}

/// `bytes` in standard base64, padded: written here, not taken from the client.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let digit = ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char;
            out.push(if i <= chunk.len() { digit } else { '=' });
        }
    }
    out
}

impl<P> Product<P> {
    /// The product of the crate `krate`, whose client `client` makes; its examples are
    /// found as [`Product::documented`] says, with the rows' fixtures where there are none.
    pub const fn new(krate: &'static str, client: fn(&Codat) -> P) -> Self {
        Product {
            krate,
            client,
            values: &[],
            built: false,
        }
    }

    /// These placeholders take these values.
    pub const fn values(mut self, values: &'static [(&'static str, &'static str)]) -> Self {
        self.values = values;
        self
    }

    /// Where an operation documents no example, one is built from its schema.
    pub const fn built(mut self) -> Self {
        self.built = true;
        self
    }

    /// The spec's file name: `Codat-Sync-Payroll.json` for `codat-sync-payroll`.
    pub fn spec_name(&self) -> String {
        let words = self.krate.split('-').map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        });
        format!("{}.json", words.collect::<Vec<_>>().join("-"))
    }

    /// The API key of the tests: `sync-payroll-test-key` for `codat-sync-payroll`.
    pub fn key(&self) -> String {
        format!("{}-test-key", self.krate.trim_start_matches("codat-"))
    }

    /// `Basic` and the key in base64, as every request must carry it.
    pub fn auth(&self) -> String {
        format!("Basic {}", base64(self.key().as_bytes()))
    }

    /// The product's spec; `None` (after saying so) without it.
    pub fn spec(&self) -> Option<&'static Value> {
        spec_file(&self.spec_name())
    }

    /// The spec's operation at `path` and `verb` (any case).
    pub fn operation(&self, path: &str, verb: &str) -> Option<&'static Value> {
        crate::operation(self.spec(), path, &verb.to_lowercase())
    }

    /// The client, sending to `server` with the test key and never retrying.
    pub fn client(&self, server: &MockServer) -> P {
        (self.client)(&crate::codat(&self.key(), server))
    }

    /// The value of the placeholder `name`: the product's, the test company's or
    /// connection's, else the name itself.
    pub fn value(&self, name: &str) -> String {
        let given = self
            .values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v);
        let value = given.unwrap_or(match name {
            "companyId" => crate::COMPANY,
            "connectionId" => crate::CONNECTION,
            _ => name,
        });
        value.to_owned()
    }

    /// `template` with the test values in its placeholders.
    pub fn fill(&self, template: &str) -> String {
        fill_with(template, |name, _| self.value(name))
    }

    /// The one request `server` got, checked for the test key.
    pub async fn only_request(&self, server: &MockServer) -> Request {
        crate::only_request(server, &self.auth()).await
    }

    /// A server answering anything with `template`, and a client of it.
    pub async fn answered(&self, template: ResponseTemplate) -> (P, MockServer) {
        let server = answering(template).await;
        (self.client(&server), server)
    }

    /// A server answering `verb template` (filled) with the test key with `status` and
    /// `body`, and a client of it.
    pub async fn served(
        &self,
        verb: &str,
        template: &str,
        status: u16,
        body: &Value,
    ) -> (P, MockServer) {
        let server = self.serve(verb, &self.fill(template), status, body).await;
        (self.client(&server), server)
    }

    /// A server answering `verb full_path` with the test key with `status` and `body`.
    pub async fn serve(
        &self,
        verb: &str,
        full_path: &str,
        status: u16,
        body: &Value,
    ) -> MockServer {
        crate::serve(&self.auth(), verb, full_path, status, body).await
    }

    /// Every JSON example of the `status` response of `verb path`: its named examples (a
    /// `$ref` followed) and its single `example`; else the examples of the schema it names
    /// (each `oneOf` alternative's; an array's items' as one array); else one built from the
    /// schema or `fixture`, as the product says. `fixture` alone without the spec.
    ///
    /// # Panics
    ///
    /// When the spec documents no JSON answer there, or an example without a value.
    pub fn documented(
        &self,
        verb: &str,
        path: &str,
        status: u16,
        fixture: &Value,
    ) -> Vec<(String, Value)> {
        let (Some(root), Some(op)) = (self.spec(), self.operation(path, verb)) else {
            return vec![("fixture".into(), fixture.clone())];
        };
        let media =
            &resolve(root, &op["responses"][status.to_string()])["content"]["application/json"];
        assert!(media.is_object(), "{verb} {path}: no JSON {status}");
        let mut found = named_examples(root, media);
        for (name, value) in &found {
            assert!(
                !value.is_null(),
                "{verb} {path}: example {name} has no value"
            );
        }
        if found.is_empty() {
            found = schema_examples(root, &media["schema"])
                .into_iter()
                .enumerate()
                .map(|(i, value)| (format!("schema example {i}"), value))
                .collect();
        }
        if found.is_empty() {
            found.push(if self.built {
                ("built".into(), example_of(root, &media["schema"]))
            } else {
                ("fixture".into(), fixture.clone())
            });
        }
        found
    }

    /// Every named example of the request body of `verb path`; `fallback` alone without the
    /// spec.
    ///
    /// # Panics
    ///
    /// When the spec has the operation but documents no request example.
    pub fn request_examples(
        &self,
        verb: &str,
        path: &str,
        fallback: &Value,
    ) -> Vec<(String, Value)> {
        let (Some(root), Some(op)) = (self.spec(), self.operation(path, verb)) else {
            return vec![("fixture".into(), fallback.clone())];
        };
        let found = named_examples(root, &op["requestBody"]["content"]["application/json"]);
        assert!(!found.is_empty(), "{verb} {path}: no request example");
        found
    }

    /// `example` less what the schema at `pointer` in the operation (its request body's or
    /// an answer's) does not define: what a model made from the schema cannot keep.
    fn documented_part(&self, verb: &str, path: &str, pointer: &str, example: &Value) -> Value {
        let (Some(root), Some(op)) = (self.spec(), self.operation(path, verb)) else {
            return example.clone();
        };
        // `/responses/200/...` through a response that is a `$ref`.
        let mut node = op;
        for part in pointer.split('/').skip(1) {
            let key = part.replace("~1", "/").replace("~0", "~");
            node = resolve(root, node);
            match node.get(&key) {
                Some(next) => node = next,
                None => return example.clone(),
            }
        }
        prune(root, node, example)
    }

    /// This product's declared operations (not those a test declares for itself).
    pub fn declared(&self) -> Vec<&'static Operation> {
        let module = self.krate.replace('-', "_");
        codat_client::operations()
            .filter(|op| op.product == self.krate && op.module.starts_with(&module))
            .collect()
    }
}

/// `template` with each `{name}` replaced by `value(name, index)`.
fn fill_with(template: &str, mut value: impl FnMut(&str, usize) -> String) -> String {
    let mut out = String::new();
    let mut rest = template;
    let mut index = 0;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("a closed placeholder");
        out.push_str(&rest[..open]);
        out.push_str(&value(&rest[open + 1..close], index));
        index += 1;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders of `template`, in order.
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill_with(template, |name, _| {
        names.push(name.to_owned());
        String::new()
    });
    names
}

/// A media type's named examples (each `$ref` followed) and its single `example`.
fn named_examples(root: &Value, media: &Value) -> Vec<(String, Value)> {
    let mut found: Vec<(String, Value)> = media
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, e)| (name.clone(), resolve(root, e)["value"].clone()))
        .collect();
    if let Some(single) = media.get("example") {
        // It may point to an example of another answer.
        let value = match single.get("$ref") {
            Some(_) => resolve(root, single)["value"].clone(),
            None => single.clone(),
        };
        found.push(("example".into(), value));
    }
    found
}

/// The examples a schema lists: its own, each `oneOf` alternative's, an array's items' as one
/// array.
fn schema_examples(root: &Value, schema: &Value) -> Vec<Value> {
    let schema = resolve(root, schema);
    if let Some(listed) = schema.get("examples").and_then(Value::as_array) {
        return listed.clone();
    }
    if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
        return alternatives
            .iter()
            .flat_map(|alternative| schema_examples(root, alternative))
            .collect();
    }
    if schema["type"] == "array" {
        let items = schema_examples(root, &schema["items"]);
        if !items.is_empty() {
            return vec![Value::Array(items)];
        }
    }
    Vec::new()
}

// ---- a row ----------------------------------------------------------------------------------

/// What a row's request carries besides its method, path and auth.
#[derive(Clone, Debug)]
pub enum Sent {
    /// No body at all.
    Nothing,
    /// Exactly this JSON (numbers compared as numbers).
    Json(Value),
    /// Each of the spec's request examples in turn (the call reads it with [`Args::body`]),
    /// sent as it is less its `null`s; the value given stands in without the spec.
    Examples(Value),
    /// Each of the success examples in turn, as [`Sent::Examples`]: an update that answers
    /// with what it was sent.
    Answers,
    /// A `multipart/form-data` body.
    Multipart,
}

/// What a success carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Success {
    /// A JSON body.
    Json,
    /// No body at all.
    Empty,
    /// A file, of this content type.
    File(&'static str),
}

/// One operation of a product, and how it is called and checked.
pub struct Op<P> {
    /// The HTTP method, upper case.
    pub verb: &'static str,
    /// The spec's path template.
    pub path: &'static str,
    /// The status of its success.
    pub status: u16,
    /// Other 2xx statuses the spec lists for it (checked in tests of their own).
    pub also: &'static [u16],
    /// The query it must send.
    pub query: Option<String>,
    /// What it must send.
    pub sent: Sent,
    /// Served where the spec documents no example (or is missing).
    pub fixture: Value,
    /// What its success carries.
    pub success: Success,
    /// Placeholders that take a typed value, not any text (a UUID, say): left out of the
    /// hostile path values.
    pub typed: &'static [&'static str],
    /// For an example the spec gets wrong, what it should be: the example as written is
    /// then a decode error, and this decodes instead.
    pub erratum: fn(&Value) -> Option<Value>,
    /// Headers it must send (`Some`) or must not (`None`).
    pub headers: &'static [(&'static str, Option<&'static str>)],
    /// The call.
    pub call: Call<P>,
}

impl<P> std::fmt::Debug for Op<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.verb, self.path)
    }
}

impl<P> Op<P> {
    fn new(verb: &'static str, path: &'static str, call: Call<P>) -> Self {
        Op {
            verb,
            path,
            status: 200,
            also: &[],
            query: None,
            sent: Sent::Nothing,
            fixture: json!({}),
            success: Success::Json,
            typed: &[],
            erratum: |_| None,
            headers: &[],
            call,
        }
    }

    /// A GET of `path` (the spec's template).
    pub fn get(path: &'static str, call: Call<P>) -> Self {
        Op::new("GET", path, call)
    }

    /// A POST of `path`.
    pub fn post(path: &'static str, call: Call<P>) -> Self {
        Op::new("POST", path, call)
    }

    /// A GET of a page of `path` sent with [`crate::paging`], a page of `item` without the
    /// spec.
    pub fn page(path: &'static str, call: Call<P>, item: Value) -> Self {
        Op::get(path, call)
            .query(crate::PAGING_QUERY)
            .fixture(crate::page_fixture(json!([item])))
    }

    /// A PUT of `path`.
    pub fn put(path: &'static str, call: Call<P>) -> Self {
        Op::new("PUT", path, call)
    }

    /// A PATCH of `path`.
    pub fn patch(path: &'static str, call: Call<P>) -> Self {
        Op::new("PATCH", path, call)
    }

    /// A DELETE of `path`.
    pub fn delete(path: &'static str, call: Call<P>) -> Self {
        Op::new("DELETE", path, call)
    }

    /// Succeeds with `status`.
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The spec lists these 2xx statuses too.
    pub fn also(mut self, statuses: &'static [u16]) -> Self {
        self.also = statuses;
        self
    }

    /// Sends this query.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// Sends this JSON.
    pub fn sends(mut self, body: Value) -> Self {
        self.sent = Sent::Json(body);
        self
    }

    /// Sends each of the spec's request examples (`fallback` without the spec).
    pub fn sends_examples(mut self, fallback: Value) -> Self {
        self.sent = Sent::Examples(fallback);
        self
    }

    /// Sends each of the success examples (or the fixture) as its body.
    pub fn sends_answers(mut self) -> Self {
        self.sent = Sent::Answers;
        self
    }

    /// Sends a multipart body.
    pub fn multipart(mut self) -> Self {
        self.sent = Sent::Multipart;
        self
    }

    /// Served where the spec documents no example.
    pub fn fixture(mut self, fixture: Value) -> Self {
        self.fixture = fixture;
        self
    }

    /// Succeeds with no body.
    pub fn empty(mut self) -> Self {
        self.success = Success::Empty;
        self
    }

    /// Succeeds with a file of `content_type`.
    pub fn file(mut self, content_type: &'static str) -> Self {
        self.success = Success::File(content_type);
        self
    }

    /// The spec's examples that `fix` corrects are decode errors as written, and decode
    /// corrected.
    pub fn erratum(mut self, fix: fn(&Value) -> Option<Value>) -> Self {
        self.erratum = fix;
        self
    }

    /// Sends these headers (`Some`), and not these (`None`).
    pub fn headers(mut self, headers: &'static [(&'static str, Option<&'static str>)]) -> Self {
        self.headers = headers;
        self
    }

    /// These placeholders take typed values.
    pub fn typed(mut self, names: &'static [&'static str]) -> Self {
        self.typed = names;
        self
    }

    fn args<Q>(&self, product: &Product<Q>, body: &Value) -> Args {
        Args {
            values: placeholders(self.path)
                .iter()
                .map(|name| product.value(name))
                .collect(),
            body: body.clone(),
        }
    }

    /// The request bodies the row sends: (name, what the call reads, what must arrive).
    fn bodies(&self, product: &Product<P>) -> Vec<(String, Value, Option<Value>)> {
        let examples = match &self.sent {
            Sent::Examples(fallback) => product.request_examples(self.verb, self.path, fallback),
            Sent::Answers => product.documented(self.verb, self.path, self.status, &self.fixture),
            Sent::Json(body) => return vec![("given".into(), Value::Null, Some(body.clone()))],
            Sent::Nothing | Sent::Multipart => return vec![("none".into(), Value::Null, None)],
        };
        // Sent as decoded: less what the request's schema does not define, and its nulls.
        let schema = "/requestBody/content/application~1json/schema";
        let sent = |example: &Value| product.documented_part(self.verb, self.path, schema, example);
        examples
            .into_iter()
            .map(|(name, example)| {
                let expected = without_nulls(&sent(&example));
                (name, example, Some(expected))
            })
            .collect()
    }

    /// The one request of a call, checked: its method, query and body.
    fn check_request(&self, request: &Request, expected: Option<&Value>, context: &str) {
        assert_eq!(request.method.as_str(), self.verb, "{context}");
        for (name, value) in self.headers {
            assert_eq!(header_of(request, name), *value, "{context}: {name}");
        }
        assert_eq!(request.url.query(), self.query.as_deref(), "{context}");
        match (&self.sent, expected) {
            (Sent::Multipart, _) => assert!(
                header_of(request, "content-type")
                    .unwrap_or_default()
                    .starts_with("multipart/form-data; boundary="),
                "{context}"
            ),
            (_, Some(body)) => assert_eq!(
                normalized(&json_body(request)),
                normalized(body),
                "{context}: the body sent"
            ),
            (_, None) => {
                assert!(request.body.is_empty(), "{context}: no body");
                assert_eq!(header_of(request, "content-type"), None, "{context}");
            }
        }
    }
}

/// `value` without its `null` members, as a body that leaves absent fields out sends it.
pub fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Checks that `got`, an answer written back, is `example` (`null`s and absent fields
/// alike, numbers as numbers), naming where they first differ.
///
/// # Panics
///
/// When they differ.
pub fn compare(got: &Value, example: &Value, context: &str) {
    let (got, example) = (
        normalized(&without_nulls(got)),
        normalized(&without_nulls(example)),
    );
    if let Some(difference) = first_difference(&got, &example, String::new()) {
        panic!("{context}: the answer written back is not the example: {difference}");
    }
}

/// `value` less the members the schema (its `$ref`s followed in `root`) does not define: an
/// object keeps the properties of the schema and of its `allOf`, `oneOf` and `anyOf` parts,
/// and anything where it allows other properties or names none; arrays go item by item.
pub fn prune(root: &Value, schema: &Value, value: &Value) -> Value {
    let schema = resolve(root, schema);
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| prune(root, &schema["items"], item))
                .collect(),
        ),
        Value::Object(map) => {
            let mut parts = Vec::new();
            collect_parts(root, schema, &mut parts);
            let named = parts.iter().any(|p| p.get("properties").is_some());
            let other = parts
                .iter()
                .find_map(|p| p.get("additionalProperties").filter(|a| **a != false));
            Value::Object(
                map.iter()
                    .filter_map(|(key, member)| {
                        let defined = parts.iter().find_map(|p| p["properties"].get(key));
                        match (defined, other) {
                            (Some(s), _) | (None, Some(s)) => {
                                Some((key.clone(), prune(root, s, member)))
                            }
                            (None, None) if !named => Some((key.clone(), member.clone())),
                            (None, None) => None,
                        }
                    })
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

/// `schema` and every part it is made of (`allOf`, `oneOf`, `anyOf`), `$ref`s followed.
fn collect_parts<'s>(root: &'s Value, schema: &'s Value, parts: &mut Vec<&'s Value>) {
    let schema = resolve(root, schema);
    parts.push(schema);
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            collect_parts(root, part, parts);
        }
    }
}

/// Where `got` and `expected` first differ, and how.
fn first_difference(got: &Value, expected: &Value, at: String) -> Option<String> {
    match (got, expected) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|k| {
                let (x, y) = (
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                );
                first_difference(x, y, format!("{at}/{k}"))
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, format!("{at}/{i}"))),
        _ if got == expected => None,
        _ => Some(format!("at {at:?} decoded {got}, served {expected}")),
    }
}

// ---- the checks -----------------------------------------------------------------------------

/// The bytes of the file a download row is served: not UTF-8, so that nothing decodes them.
fn file_bytes() -> Vec<u8> {
    (0..70_000u32).map(|i| (i * 7 % 256) as u8).collect()
}

/// What a download of [`file_bytes`] named `report 2024.xlsx` reads as.
fn file_expected(content_type: &str) -> Value {
    let bytes = file_bytes();
    json!({
        "status": 200, "contentType": content_type, "fileName": "report 2024.xlsx",
        "contentLength": bytes.len(), "bytes": bytes,
    })
}

async fn serve_file(
    product: &Product<impl Sized>,
    op_verb: &str,
    full: &str,
    content_type: &str,
) -> MockServer {
    let server = MockServer::builder().start().await;
    Mock::given(wiremock::matchers::method(op_verb))
        .and(wiremock::matchers::path(full))
        .and(wiremock::matchers::header(
            "authorization",
            product.auth().as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(file_bytes(), content_type)
                .insert_header(
                    "content-disposition",
                    "attachment; filename=\"report 2024.xlsx\"",
                ),
        )
        .mount(&server)
        .await;
    server
}

/// Every row, with every documented success example (or its fixture) served at its path
/// filled with the test values: the call decodes it (checked as the row says), and sent one
/// request with the test key, the row's method, query and body. A file is served as bytes, a
/// name and a type, and read back whole.
///
/// # Panics
///
/// When any of that does not hold, or the spec's 2xx statuses are not the row's.
pub async fn check_examples<P>(product: &Product<P>, ops: &[Op<P>]) {
    let mut served = 0;
    // Every example that does not decode as served, so that one run names them all.
    let mut failures = Vec::new();
    for op in ops {
        let full = product.fill(op.path);
        if let Some(spec_op) = product.operation(op.path, op.verb) {
            let mut statuses: Vec<u16> = spec_op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|s| s.starts_with('2'))
                .map(|s| s.parse().unwrap())
                .collect();
            statuses.retain(|s| !op.also.contains(s));
            assert_eq!(statuses, [op.status], "{op:?}: its success statuses");
            if let Success::File(content_type) = op.success {
                let response = resolve(
                    product.spec().unwrap(),
                    &spec_op["responses"][op.status.to_string()],
                );
                let media = &response["content"][content_type];
                assert!(
                    media.is_object(),
                    "{op:?}: no {content_type} answer in the spec"
                );
                let format = &media["schema"]["format"];
                assert!(format.is_null() || format == "binary", "{op:?}: {format}");
            }
        } else {
            assert!(product.spec().is_none(), "{op:?} is not in the spec");
        }
        for (request_name, body, expected) in op.bodies(product) {
            let answers = match op.success {
                Success::Json => product.documented(op.verb, op.path, op.status, &op.fixture),
                Success::Empty | Success::File(_) => vec![("none".into(), Value::Null)],
            };
            for (name, mut answer) in answers {
                let context = format!("{op:?} ({request_name}, {name})");
                if let Some(fixed) = (op.erratum)(&answer) {
                    let server = product.serve(op.verb, &full, op.status, &answer).await;
                    let client = product.client(&server);
                    let err = (op.call)(client, op.args(product, &body))
                        .await
                        .unwrap_err();
                    assert!(matches!(err, Error::Decode { .. }), "{context}: {err:?}");
                    assert_eq!(err.status(), Some(op.status), "{context}");
                    answer = fixed;
                }
                let server = match op.success {
                    Success::Json => product.serve(op.verb, &full, op.status, &answer).await,
                    Success::Empty => {
                        let server = MockServer::builder().start().await;
                        Mock::given(wiremock::matchers::method(op.verb))
                            .and(wiremock::matchers::path(full.as_str()))
                            .and(wiremock::matchers::header(
                                "authorization",
                                product.auth().as_str(),
                            ))
                            .respond_with(ResponseTemplate::new(op.status))
                            .mount(&server)
                            .await;
                        server
                    }
                    Success::File(content_type) => {
                        serve_file(product, op.verb, &full, content_type).await
                    }
                };
                let got = match (op.call)(product.client(&server), op.args(product, &body)).await {
                    Ok(got) => got,
                    Err(e) => {
                        failures.push(format!("{context}: {e}"));
                        continue;
                    }
                };
                match op.success {
                    Success::Json => {
                        let schema =
                            format!("/responses/{}/content/application~1json/schema", op.status);
                        let answer = product.documented_part(op.verb, op.path, &schema, &answer);
                        let check = || compare(&got, &answer, &context);
                        if let Err(panic) =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(check))
                        {
                            let text = panic.downcast_ref::<String>().cloned();
                            failures.push(text.unwrap_or_else(|| format!("{context}: a panic")));
                        }
                    }
                    Success::Empty => assert!(
                        got.is_null() || got == json!({}),
                        "{context}: nothing decoded from nothing: {got}"
                    ),
                    Success::File(content_type) => {
                        assert_eq!(got, file_expected(content_type), "{context}")
                    }
                }
                let request = product.only_request(&server).await;
                if let Success::File(_) = op.success {
                    // A file of any type is welcome, and Codat's JSON errors too.
                    assert_eq!(header_of(&request, "accept"), Some("*/*"), "{context}");
                }
                op.check_request(&request, expected.as_ref(), &context);
                served += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{served} answers served to {} operations", ops.len());
    assert!(served >= ops.len(), "{served} answers served");
}

/// The declaration of `op`'s verb and template among `declared`.
fn declaration<P>(declared: &[&'static Operation], op: &Op<P>) -> &'static Operation {
    let key = template_key(op.verb, op.path);
    let found: Vec<_> = declared
        .iter()
        .filter(|d| template_key(&format!("{:?}", d.method), d.template) == key)
        .collect();
    assert_eq!(found.len(), 1, "{op:?}: declared {} times", found.len());
    found[0]
}

/// A verb and template as one text, whatever the placeholders' spelling (`{companyId}` or
/// `<company_id>`).
fn template_key(verb: &str, template: &str) -> String {
    let mut key = String::new();
    let mut inside = false;
    for c in template.chars() {
        match c {
            '{' | '<' => {
                inside = true;
                key.push('{');
            }
            '}' | '>' => {
                inside = false;
                key.push('}');
            }
            '_' if inside => {}
            c if inside => key.push(c.to_ascii_lowercase()),
            c => key.push(c),
        }
    }
    format!("{} {key}", verb.to_uppercase())
}

/// Codat's error message for `status`.
fn codats_error(status: u16) -> Value {
    json!({
        "statusCode": status, "service": "PublicApi", "error": format!("refused with {status}"),
        "correlationId": format!("corr-{status}"), "canBeRetried": "Unknown",
        "detailedErrorCode": 0
    })
}

/// A server answering anything with `template`.
pub async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::builder().start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// Every row's error statuses, as declared (and, with the spec, as the spec lists them):
/// one it declares is Codat's error message (its text and correlation id read); one it does
/// not is an unexpected status that keeps the body and the correlation id; an HTML page on a
/// declared status is no message either, and keeps its body and type; a JSON success that is
/// cut short is a decode error that keeps the status and body.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_errors<P>(product: &Product<P>, ops: &[Op<P>]) {
    let declared = product.declared();
    for op in ops {
        let errors = declaration(&declared, op).errors;
        if let Some(spec_op) = product.operation(op.path, op.verb) {
            let listed = spec_errors(spec_op).unwrap_or_default();
            assert_eq!(
                errors,
                listed.as_slice(),
                "{op:?}: the spec's error statuses"
            );
        }
        let body = op.bodies(product).swap_remove(0).1;
        let call = |server: &MockServer| (op.call)(product.client(server), op.args(product, &body));
        let known = [409, 404, 400, 422, 403, 402, 401, 500, 503];
        if let Some(&status) = known.iter().find(|s| errors.contains(s)) {
            let server =
                answering(ResponseTemplate::new(status).set_body_json(codats_error(status))).await;
            let err = call(&server).await.unwrap_err();
            assert!(matches!(err, Error::Api { .. }), "{op:?} {status}: {err:?}");
            assert_eq!(err.status(), Some(status), "{op:?}");
            let message = err.error_message().expect("Codat's message");
            assert_eq!(
                message.error.as_deref(),
                Some(&*format!("refused with {status}"))
            );
            assert_eq!(
                err.correlation_id(),
                Some(&*format!("corr-{status}")),
                "{op:?}"
            );

            // Not Codat's message either: an HTML page, nothing, a gateway's own JSON.
            let page = "<html><body><h1>502 Bad Gateway</h1> upstream gone</body></html>";
            let gateway = r#"{"message":"gateway says no"}"#;
            for (body, content_type) in [
                (page, "text/html"),
                ("", "application/json"),
                (gateway, "application/json"),
            ] {
                let template = ResponseTemplate::new(status).set_body_raw(body, content_type);
                let err = call(&answering(template).await).await.unwrap_err();
                let context = format!("{op:?} {status} {body:?}");
                assert!(
                    matches!(err, Error::UnexpectedStatus { .. }),
                    "{context}: {err:?}"
                );
                assert_eq!(
                    (err.status(), err.body()),
                    (Some(status), Some(body)),
                    "{context}"
                );
                let head = err.response().expect("the answer's head");
                assert_eq!(
                    head.content_type.as_deref(),
                    Some(content_type),
                    "{context}"
                );
                assert_eq!(err.correlation_id(), None, "{context}");
            }
        }
        let undeclared = [409, 404, 422, 400, 418]
            .into_iter()
            .find(|s| !errors.contains(s));
        let status = undeclared.expect("an undeclared status");
        let message = codats_error(status);
        let server = answering(ResponseTemplate::new(status).set_body_json(&message)).await;
        let err = call(&server).await.unwrap_err();
        assert!(
            matches!(err, Error::UnexpectedStatus { .. }),
            "{op:?} {status}: {err:?}"
        );
        assert_eq!(err.status(), Some(status), "{op:?}");
        assert_eq!(err.body(), Some(&*message.to_string()), "{op:?}");
        assert_eq!(
            err.correlation_id(),
            Some(&*format!("corr-{status}")),
            "{op:?}"
        );
        let not_json = [
            ("{\"id\": \"x-1\", ", "application/json"),
            ("<html>maintenance</html>", "text/html"),
        ];
        for (cut, content_type) in not_json.into_iter().filter(|_| op.success == Success::Json) {
            let template = ResponseTemplate::new(op.status).set_body_raw(cut, content_type);
            let err = call(&answering(template).await).await.unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{op:?} {cut}: {err:?}");
            assert_eq!(
                (err.status(), err.body()),
                (Some(op.status), Some(cut)),
                "{op:?}"
            );
        }
    }
}

/// Path values that must stay one segment, and how they are sent.
const HOSTILE: [(&str, &str); 6] = [
    ("../x", "..%2Fx"),
    ("a/b?c#d", "a%2Fb%3Fc%23d"),
    ("%2F", "%252F"),
    ("%2e%2e", "%252e%252e"),
    ("50%", "50%25"),
    ("qb on", "qb%20on"),
];

/// Every row with each hostile value in each of its text placeholders in turn: the value is
/// sent as one encoded segment, with the row's query and no fragment; `..` and `.` are
/// refused before anything is sent.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_path_values<P>(product: &Product<P>, ops: &[Op<P>]) {
    for op in ops {
        // A server per row: it keeps every request, and each check reads them all.
        let server = answering(ResponseTemplate::new(599)).await;
        let body = op.bodies(product).swap_remove(0).1;
        let names = placeholders(op.path);
        for (i, name) in names.iter().enumerate() {
            if op.typed.contains(&name.as_str()) {
                continue;
            }
            for (value, encoded) in HOSTILE {
                let mut args = op.args(product, &body);
                args.values[i] = value.to_owned();
                let _ = (op.call)(product.client(&server), args).await;
                let sent = requests(&server).await.pop().expect("a request");
                let expected = fill_with(op.path, |n, j| {
                    if j == i {
                        encoded.to_owned()
                    } else {
                        product.value(n)
                    }
                });
                assert_eq!(sent.url.path(), expected, "{op:?} {{{name}}} = {value:?}");
                assert_eq!(sent.url.query(), op.query.as_deref(), "{op:?} {value:?}");
                assert_eq!(sent.url.fragment(), None, "{op:?} {value:?}");
            }
            let before = requests(&server).await.len();
            for value in ["..", "."] {
                let mut args = op.args(product, &body);
                args.values[i] = value.to_owned();
                let err = (op.call)(product.client(&server), args).await.unwrap_err();
                assert!(
                    matches!(err, Error::InvalidPathParameter { .. }),
                    "{op:?} {{{name}}} = {value:?}: {err:?}"
                );
            }
            assert_eq!(
                requests(&server).await.len(),
                before,
                "{op:?}: sent nothing"
            );
        }
    }
}

/// The table against the declarations and the spec: every row is declared once, every
/// declared operation of the product is a row, there are `count` of them, and with the spec
/// they are exactly the spec's operations that are not Platform's (those are codat-client's).
///
/// # Panics
///
/// When any of that does not hold.
pub fn check_declared<P>(product: &Product<P>, ops: &[Op<P>], count: usize) {
    let declared = product.declared();
    let mut keys: Vec<String> = declared
        .iter()
        .map(|d| template_key(&format!("{:?}", d.method), d.template))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!((declared.len(), keys.len()), (count, count), "{keys:#?}");
    let mut rows: Vec<String> = ops
        .iter()
        .map(|op| template_key(op.verb, op.path))
        .collect();
    rows.sort();
    assert_eq!(rows, keys, "the table's rows are the declared operations");
    let (Some(spec), Some(platform)) = (product.spec(), spec_file("Codat-Platform.json")) else {
        return;
    };
    let mut own = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for verb in item.as_object().unwrap().keys() {
            if !["get", "post", "put", "patch", "delete"].contains(&verb.as_str()) {
                continue;
            }
            if platform["paths"][path].get(verb).is_none() {
                own.push(template_key(verb, path));
            }
        }
    }
    own.sort();
    assert_eq!(own, keys, "the spec's own operations are the declared ones");
}

/// Tests that each run a check over a table: `checks!(PRODUCT, table; name => check, ...)`.
#[doc(hidden)]
#[macro_export]
macro_rules! checks {
    ($product:expr, $table:expr; $($name:ident => $check:ident),*) => {$(
        #[tokio::test]
        async fn $name() {
            $crate::$check(&$product, &$table).await;
        }
    )*};
}

/// The four table checks as tests: `op_tests!(PRODUCT, ops(), count)`.
#[macro_export]
macro_rules! op_tests {
    ($product:expr, $ops:expr, $count:expr) => {
        $crate::checks!($product, $ops;
            every_operation_sends_its_request_and_decodes_every_example => check_examples,
            every_operation_reads_codats_errors_and_bad_bodies => check_errors,
            every_path_value_stays_one_segment => check_path_values);

        #[test]
        fn every_operation_is_declared_once_and_in_the_table() {
            $crate::check_declared(&$product, &$ops, $count);
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_auth_header_is_the_key_in_base64() {
        let product = Product::new("codat-sync-payroll", |_| ());
        assert_eq!(product.auth(), "Basic c3luYy1wYXlyb2xsLXRlc3Qta2V5");
        assert_eq!(product.spec_name(), "Codat-Sync-Payroll.json");
        // Both paddings, as the products' keys have them.
        assert_eq!(base64(b"lending-test-key"), "bGVuZGluZy10ZXN0LWtleQ==");
        assert_eq!(
            base64(b"spend-insights-test-key"),
            "c3BlbmQtaW5zaWdodHMtdGVzdC1rZXk="
        );
    }

    #[test]
    fn templates_are_filled_and_compared_whatever_their_spelling() {
        let product = Product::new("codat-lending", |_| ()).values(&[("reportId", "r-1")]);
        let filled = product.fill("/companies/{companyId}/reports/{reportId}/{other}");
        assert_eq!(
            filled,
            format!("/companies/{}/reports/r-1/other", crate::COMPANY)
        );
        let spec = template_key("get", "/companies/{companyId}/data");
        assert_eq!(spec, template_key("GET", "/companies/<company_id>/data"));
    }

    #[test]
    fn what_the_schema_does_not_define_is_pruned() {
        let root = json!({"components": {"schemas": {"Tax": {"properties": {"rate": {}}}}}});
        let schema = json!({"type": "array", "items": {"$ref": "#/components/schemas/Tax"}});
        let pruned = prune(&root, &schema, &json!([{"rate": 1, "taxAmount": 2}]));
        assert_eq!(pruned, json!([{"rate": 1}]));
        let free = prune(&root, &json!({"type": "object"}), &json!({"any": 1}));
        assert_eq!(free, json!({"any": 1}));
    }
}
