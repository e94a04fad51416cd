//! The table of `benches/peers/run.sh`: reads the drivers' JSON lines (one per client and round)
//! and prints, per client, the median and min–max of each figure across rounds, as Markdown.
//!
//! `peers_report RESULTS.jsonl [--rustc VERSION] [--calls N] [--concurrency N] [--items N]`

use std::collections::BTreeMap;

use serde_json::Value;

/// Column order: this client first, then the official SDKs.
const CLIENTS: [&str; 3] = ["codat-rs", "@codat/platform", "codat-platform"];

fn main() {
    let mut argv = std::env::args().skip(1);
    let path = argv
        .next()
        .expect("usage: peers_report RESULTS.jsonl [--rustc V]");
    let mut flags = BTreeMap::new();
    while let (Some(flag), Some(value)) = (argv.next(), argv.next()) {
        flags.insert(flag.trim_start_matches('-').to_owned(), value);
    }
    let flag = |name: &str, default: &str| {
        flags
            .get(name)
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut runs: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: Value = serde_json::from_str(line).unwrap_or_else(|_| {
            serde_json::json!({ "client": "?", "ok": false, "error": format!("not JSON: {line}") })
        });
        let client = CLIENTS
            .into_iter()
            .find(|c| value["client"] == *c)
            .unwrap_or("?");
        runs.entry(client).or_default().push(value);
    }
    print!(
        "{}",
        table(
            &runs,
            &flag("rustc", "rustc ?"),
            &flag("calls", "2000"),
            &flag("concurrency", "64"),
            &flag("items", "10000"),
        )
    );
}

/// One figure of the table: its label, JSON field, unit and decimals.
struct Row {
    label: String,
    field: &'static str,
    unit: &'static str,
    decimals: usize,
}

fn table(
    runs: &BTreeMap<&str, Vec<Value>>,
    rustc: &str,
    calls: &str,
    concurrency: &str,
    items: &str,
) -> String {
    let (calls, concurrency, items) = (grouped(calls), grouped(concurrency), grouped(items));
    let rows = [
        Row {
            label: format!("latency per call, {calls} calls one after another"),
            field: "single_us",
            unit: "µs",
            decimals: 0,
        },
        Row {
            label: format!("throughput, {calls} calls {concurrency} at a time"),
            field: "calls_per_s",
            unit: "calls/s",
            decimals: 0,
        },
        Row {
            label: format!("walk {items} companies, page after page"),
            field: "walk_ms",
            unit: "ms",
            decimals: 0,
        },
        Row {
            label: format!("walk {items} companies, 8 pages at a time"),
            field: "walk8_ms",
            unit: "ms",
            decimals: 0,
        },
        Row {
            label: "peak RSS of the client process".into(),
            field: "rss_mb",
            unit: "MB",
            decimals: 1,
        },
    ];
    let present: Vec<&str> = CLIENTS
        .into_iter()
        .chain(["?"])
        .filter(|c| runs.contains_key(c))
        .collect();
    let rounds = runs.values().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    let plural = if rounds == 1 { "" } else { "s" };
    let mut header = format!("| median (min–max) of {rounds} round{plural} |");
    let mut rule = String::from("| --- |");
    let mut notes = Vec::new();
    for client in &present {
        let ok: Vec<&Value> = runs[client].iter().filter(|v| v["ok"] == true).collect();
        let describe = |v: &Value| {
            let sdk = v["sdk"].as_str().unwrap_or(client);
            let runtime = if *client == "codat-rs" {
                format!("{rustc}, {}", v["runtime"].as_str().unwrap_or("tokio"))
            } else {
                v["runtime"].as_str().unwrap_or("?").to_owned()
            };
            format!("{sdk} ({runtime})")
        };
        header += &format!(
            " {} |",
            ok.first().map_or(client.to_string(), |v| describe(v))
        );
        rule += " --- |";
        let failed = runs[client].len() - ok.len();
        if failed > 0 {
            let first = runs[client].iter().find(|v| v["ok"] != true).unwrap();
            let why = first["skipped"]
                .as_str()
                .or(first["error"].as_str())
                .unwrap_or("no reason given")
                .replace('\n', " ");
            notes.push(format!(
                "- {client}: failed or skipped in {failed} of {} rounds, so no figures: {why}",
                runs[client].len()
            ));
        }
    }
    out += &header;
    out += "\n";
    out += &rule;
    out += "\n";
    for row in &rows {
        let mut line = format!("| {} |", row.label);
        for client in &present {
            let all_ok = runs[client].iter().all(|v| v["ok"] == true);
            let mut values: Vec<f64> = runs[client]
                .iter()
                .filter_map(|v| v[row.field].as_f64())
                .collect();
            let skipped = runs[client].iter().any(|v| v["skipped"].is_string());
            let cell = if skipped {
                "skipped".to_owned()
            } else if !all_ok {
                "failed".to_owned()
            } else if values.is_empty() {
                // Only codat-rs fetches pages concurrently: the official SDKs have no helper.
                "n/a".to_owned()
            } else {
                values.sort_by(f64::total_cmp);
                let median = median(&values);
                format!(
                    "{} {} ({}–{})",
                    number(median, row.decimals),
                    row.unit,
                    number(values[0], row.decimals),
                    number(values[values.len() - 1], row.decimals)
                )
            };
            line += &format!(" {cell} |");
        }
        out += &line;
        out += "\n";
    }
    if out.contains("n/a") {
        notes.push(
            "- n/a: the official SDKs have no paging helper; their READMEs page with \
             `list(page, pageSize)`, one page after another"
                .to_owned(),
        );
    }
    for note in notes {
        out += &note;
        out += "\n";
    }
    out
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// A whole number given as text, with thousands separators; other text as it is.
fn grouped(text: &str) -> String {
    text.parse::<f64>()
        .map_or_else(|_| text.to_owned(), |n| number(n, 0))
}

/// A figure with thousands separators, e.g. `47,210`.
fn number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = whole
        .strip_prefix('-')
        .map_or(("", whole), |rest| ("-", rest));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}
