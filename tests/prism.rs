//! Every operation of every declared product against Prism, Codat's spec served as a validating
//! mock: Prism refuses a request that breaks the spec (auth, parameter formats, bodies) and
//! logs the violation, and answers from the spec, with its examples (static mode) or random
//! schema-valid bodies (dynamic mode). A 2xx that decodes and a clean log prove both the
//! request and the model. Ignored unless Prism servers are given (`.ci/run` starts them):
//!
//! - `PRISM_TARGETS`: `crate,mode,url,log` entries separated by spaces, e.g.
//!   `codat-client,static,http://127.0.0.1:4010,target/prism/codat-client-static.log`;
//! - or `PRISM_URL` alone: Platform in static mode, no log;
//! - `PRISM_ROUNDS`: how many times dynamic mode calls everything (default 3).

use crate::support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use codat_client::{Codat, Error, RetryPolicy};
use support::spec::{Product, PLATFORM, PRODUCTS};

/// Decimals whose schema in Codat's spec has a format but no type: any JSON value fits it, so
/// dynamic mode may make up text, which the client refuses to read as an amount. A decoding
/// failure of one of these in dynamic mode is printed, not failed.
const UNTYPED_DECIMALS: &[(&str, &str, &str)] = &[
    (
        "codat-lending",
        "get-commerce-dispute",
        "its schema gives `totalAmount` the decimal format but no type",
    ),
    (
        "codat-lending",
        "get-commerce-profile",
        "its schema gives an account balance's `reserved` the decimal format but no type",
    ),
];

/// Examples in Codat's specs that break their own schema: static mode serves them as they are,
/// and a model true to the schema cannot decode them. A decoding failure of one of these in
/// static mode is printed, not failed; an entry that decodes again is printed so it can go.
const SPEC_DEFECTS: &[(&str, &str, &str)] = &[
    (
        "codat-sync-payables",
        "list-bills",
        "its 200 example has \"currencyRate\": \"1,\", a string where the schema says number",
    ),
    // Prism answers these with the schema's own `examples`, which have the wrong shape.
    (
        "codat-lending",
        "get-accounting-bill-credit-note",
        "its schema's example has an object where the schema has a string",
    ),
    (
        "codat-lending",
        "get-accounting-bill-payment",
        "its schema's examples have no `date`, which the schema requires",
    ),
    (
        "codat-lending",
        "get-accounting-credit-note",
        "its schema's example is an array of credit notes, not one",
    ),
    (
        "codat-lending",
        "get-banking-account",
        "its schema's example is a page of accounts, not one",
    ),
    (
        "codat-lending",
        "get-commerce-customer",
        "its schema's example is a list of customers, not one",
    ),
    // The commerce reports' 200 examples are arrays of one report; the schema is one report.
    (
        "codat-lending",
        "get-commerce-revenue-metrics",
        "its 200 example is an array of one report where the schema is one report",
    ),
    (
        "codat-lending",
        "get-commerce-customer-retention-metrics",
        "its 200 example is an array of one report where the schema is one report",
    ),
    (
        "codat-lending",
        "get-commerce-lifetime-value-metrics",
        "its 200 example is an array of one report where the schema is one report",
    ),
    (
        "codat-lending",
        "get-commerce-orders-report",
        "its 200 example is an array of one report where the schema is one report",
    ),
    (
        "codat-lending",
        "get-commerce-refunds-report",
        "its 200 example is an array of one report where the schema is one report",
    ),
    // The analyses' 200 examples are bare arrays; the schemas are objects with `results`.
    (
        "codat-spend-insights",
        "get-supplier-analysis",
        "its 200 example is a bare array of suppliers where the schema has `results`",
    ),
    (
        "codat-spend-insights",
        "get-payment-method-analysis",
        "its 200 example is a bare array of payment methods where the schema has `results`",
    ),
];

/// What Prism answers when it cannot make up a body: a binary response whose schema is
/// empty has no serializer. The request was validated before that (a violation is still
/// logged and fails the call); only the answer is missing.
const NO_SERIALIZER: &str = "Cannot find serializer for application/octet-stream";

/// One Prism server.
struct Target {
    product: Product,
    mode: String,
    url: String,
    log: Option<PathBuf>,
}

fn targets() -> Vec<Target> {
    if let Ok(list) = std::env::var("PRISM_TARGETS") {
        return list
            .split_whitespace()
            .map(|entry| {
                let fields: Vec<&str> = entry.split(',').collect();
                let [krate, mode, url, log] = fields[..] else {
                    panic!("PRISM_TARGETS entry {entry:?} is not crate,mode,url,log");
                };
                let product = *PRODUCTS
                    .iter()
                    .find(|p| p.krate == krate)
                    .unwrap_or_else(|| panic!("no product is declared by {krate}"));
                Target {
                    product,
                    mode: mode.to_owned(),
                    url: url.to_owned(),
                    log: Some(PathBuf::from(log)),
                }
            })
            .collect();
    }
    let url = std::env::var("PRISM_URL").expect("PRISM_TARGETS or PRISM_URL names Prism servers");
    vec![Target {
        product: PLATFORM,
        mode: "static".into(),
        url,
        log: None,
    }]
}

#[tokio::test]
#[ignore = "needs Prism mock servers: set PRISM_TARGETS or PRISM_URL (done by .ci/run)"]
async fn every_declared_operation_passes_prism() {
    let rounds: usize = std::env::var("PRISM_ROUNDS")
        .ok()
        .map_or(3, |r| r.parse().expect("PRISM_ROUNDS is a number"));
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for target in targets() {
        let started = Instant::now();
        let calls = support::operations::for_product(&target.product);
        let codat = Codat::builder()
            .api_key("prism-test-key")
            .base_url(&target.url)
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        let rounds = if target.mode == "dynamic" { rounds } else { 1 };
        let log_start = target.log.as_ref().map_or(0, |log| read(log).len());
        // Per operation, what went wrong in any round.
        let mut failed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut sent = Vec::new();
        let mut notes = Vec::new();
        for round in 1..=rounds {
            for (operation_id, call) in &calls {
                sent.push(*operation_id);
                let result = call(&codat).await;
                let defects = if target.mode == "static" {
                    SPEC_DEFECTS
                } else {
                    UNTYPED_DECIMALS
                };
                let defect = defects
                    .iter()
                    .find(|(krate, id, _)| *krate == target.product.krate && id == operation_id);
                match (&result, defect) {
                    (Err(Error::Decode { .. }), Some((_, _, why))) => {
                        notes.push(format!("{operation_id}: known spec defect, {why}"));
                        continue;
                    }
                    (Ok(()), Some(_)) if target.mode == "static" => notes.push(format!(
                        "{operation_id} decodes now: remove it from SPEC_DEFECTS"
                    )),
                    _ => {}
                }
                if let Err(err) = &result
                    && err.status() == Some(500)
                    && err.body().is_some_and(|b| b.contains(NO_SERIALIZER))
                {
                    notes.push(format!(
                            "{operation_id}: Prism cannot make up its binary body (empty schema); the request passed validation"
                        ));
                    continue;
                }
                if let Err(err) = result {
                    failed.entry(operation_id).or_default().push(format!(
                        "round {round}: {err}\n      {}",
                        err.body().unwrap_or_default()
                    ));
                }
            }
        }
        if let Some(log) = &target.log {
            for (request, lines) in violations(&read(log)[log_start..], &sent) {
                let operation_id = request.unwrap_or("(request not matched to a call)");
                failed
                    .entry(operation_id)
                    .or_default()
                    .extend(lines.into_iter().map(|l| format!("Prism logged: {l}")));
            }
        }
        let line = format!(
            "{} {}: {}/{} ok ({} round{}, {:.1} s)",
            target.product.name,
            target.mode,
            calls.len() - failed.len().min(calls.len()),
            calls.len(),
            rounds,
            if rounds == 1 { "" } else { "s" },
            started.elapsed().as_secs_f64()
        );
        eprintln!("{line}");
        report.push(line.clone());
        // The same note from each round once.
        notes.sort();
        notes.dedup();
        for note in notes {
            eprintln!("  note: {note}");
            report.push(format!("  note: {note}"));
        }
        for (operation_id, problems) in failed {
            failures.push(format!(
                "{line}: {operation_id}\n    {}",
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        report.join("\n"),
        failures.join("\n")
    );
}

fn read(log: &PathBuf) -> String {
    // Prism writes its log line by line as it goes: give the last lines a moment.
    std::thread::sleep(Duration::from_millis(200));
    std::fs::read_to_string(log).unwrap_or_else(|e| panic!("{}: {e}", log.display()))
}

/// The request violations in Prism's log, per request: the operation it was (the n-th request
/// is the n-th call when the counts agree) and Prism's lines about it.
fn violations<'a>(log: &str, sent: &[&'a str]) -> Vec<(Option<&'a str>, Vec<String>)> {
    let mut requests: Vec<(String, Vec<String>)> = Vec::new();
    for line in log.lines() {
        if line.contains("[HTTP SERVER]") && line.contains("Request received") {
            requests.push((line.to_owned(), Vec::new()));
        } else if is_violation(line) {
            match requests.last_mut() {
                Some((_, lines)) => lines.push(line.trim().to_owned()),
                None => requests.push((String::new(), vec![line.trim().to_owned()])),
            }
        }
    }
    let aligned = requests.len() == sent.len();
    requests
        .into_iter()
        .enumerate()
        .filter(|(_, (_, lines))| !lines.is_empty())
        .map(|(i, (head, mut lines))| {
            lines.insert(0, head.trim().to_owned());
            (aligned.then(|| sent[i]), lines)
        })
        .collect()
}

/// What Prism prints for a request that breaks the spec: `[VALIDATOR]` errors and warnings
/// (`Violation: request...`, `Request did not pass the validation rules`) and a request it
/// terminated. Lines about its own generated responses are not the client's doing.
fn is_violation(line: &str) -> bool {
    let validator = line.contains("[VALIDATOR]") && (line.contains('✖') || line.contains('⚠'));
    // Prism's own failure to make up a body is not a fault of the request.
    let terminated = line.contains("[HTTP SERVER]")
        && line.contains("Request terminated")
        && !line.contains(NO_SERIALIZER);
    (validator || terminated) && !line.contains("Violation: response")
}

#[test]
fn finds_violations_in_prism_logs() {
    let log = "\
[6:14:08 AM] › [HTTP SERVER] get /companies ℹ  info      Request received
[6:14:08 AM] ›     [VALIDATOR] ✔  success   The request passed the validation rules.
[6:14:08 AM] › [HTTP SERVER] post /companies ℹ  info      Request received
[6:14:08 AM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules
[6:14:08 AM] ›     [VALIDATOR] ✖  error     Violation: request.body.name must be string
";
    let found = violations(log, &["list-companies", "create-company"]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Some("create-company"));
    assert_eq!(found[0].1.len(), 3);
    assert!(violations(log, &["create-company"])[0].0.is_none());
}
