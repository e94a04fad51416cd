//! A local stand-in for Codat's Spend Insights API, on loopback, for the `spend_insights`
//! example and its test.
//!
//! It keeps one spend analysis report: asked for with a POST, it is in progress until its
//! status is first read, then complete. Once one has been asked for, it answers the report's
//! suppliers (five of them) and its breakdown by payment method (four), each paged as asked,
//! and the report bundle: a real ZIP archive holding a `manifest.txt` and two CSV files, named
//! as Codat names bundles, in any language the spec lists. Any other report (another id or
//! type) is not found. It is a mock: nothing it answers comes from Codat.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use codat_test::{Call, Reply};
use serde_json::{json, Value};

use codat_mock::{Running, MOCK_COMPANY_ID};

/// The id of the report the mock builds.
pub(crate) const REPORT_ID: &str = "5b1d0c5e-3f7a-4c2e-9b8d-6a4f2e1c0d9b";

/// The day the mock says its bundles were made.
const BUNDLE_DAY: &str = "2025-06-03";

/// The languages the spec lists for a bundle.
pub(crate) const LANGUAGES: [&str; 5] = ["en", "en-us", "en-gb", "fr", "fr-ca"];

/// One supplier of the mock's report.
struct MockSupplier {
    id: &'static str,
    name: &'static str,
    email: &'static str,
    bills: i64,
    /// In pence.
    billed: i64,
    /// In pence.
    outstanding: i64,
    paid_late: i64,
    /// The payment method most spent through.
    method: &'static str,
}

/// The company's suppliers.
const SUPPLIERS: [MockSupplier; 5] = [
    MockSupplier {
        id: "sup-001",
        name: "Harbour Lights Ltd",
        email: "accounts@harbourlights.example",
        bills: 14,
        billed: 4_825_040,
        outstanding: 620_000,
        paid_late: 3,
        method: "BankTransfer",
    },
    MockSupplier {
        id: "sup-002",
        name: "Northwind Traders",
        email: "billing@northwind.example",
        bills: 9,
        billed: 2_177_515,
        outstanding: 0,
        paid_late: 0,
        method: "CreditCard",
    },
    MockSupplier {
        id: "sup-003",
        name: "Acme Fabrication",
        email: "ar@acme-fab.example",
        bills: 22,
        billed: 9_641_000,
        outstanding: 1_295_050,
        paid_late: 5,
        method: "Check",
    },
    MockSupplier {
        id: "sup-004",
        name: "Corner Café Supplies",
        email: "hello@cornercafe.example",
        bills: 31,
        billed: 412_085,
        outstanding: 31_040,
        paid_late: 1,
        method: "DebitCard",
    },
    MockSupplier {
        id: "sup-005",
        name: "Jensen Steuber Logistics",
        email: "finance@jensen-steuber.example",
        bills: 6,
        billed: 1_500_000,
        outstanding: 1_500_000,
        paid_late: 0,
        method: "BankTransfer",
    },
];

/// The breakdown by payment method: method, suppliers, bills, amount billed (in pence),
/// share of the amount billed (percent).
const METHODS: [(&str, i64, i64, i64, f64); 4] = [
    ("BankTransfer", 2, 20, 6_325_040, 34.2),
    ("Check", 1, 22, 9_641_000, 52.17),
    ("CreditCard", 1, 9, 2_177_515, 11.78),
    ("DebitCard", 1, 31, 412_085, 2.23),
];

/// An amount in pence as the JSON number of pounds Codat sends (`42050.4`, never
/// `42050.399999999994`: the quotient is the double nearest to the decimal).
fn pounds(pence: i64) -> f64 {
    pence as f64 / 100.0
}

/// An amount in pence as text with two decimals.
fn pounds_text(pence: i64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

fn supplier(index: usize) -> Value {
    let MockSupplier {
        id,
        name,
        email,
        bills,
        billed,
        outstanding,
        paid_late,
        method,
    } = SUPPLIERS[index];
    json!({
        "supplierId": id,
        "supplierName": name,
        "contactName": "Accounts team",
        "emailAddress": email,
        "phoneNumber": null,
        "taxNumber": format!("GB{:09}", 100_000_000 + index * 7919),
        "addresses": [{"type": "Billing", "line1": format!("{} High Street", index + 1),
                       "city": "Leeds", "country": "United Kingdom", "postalCode": "LS1 4AP"}],
        "importedDate": "2025-06-02T08:00:00",
        "latestBilled": "2025-05-28T00:00:00",
        "billsCount": bills,
        "billsOutstandingCount": i64::from(outstanding > 0),
        "billsAmount": pounds(billed),
        "billsOutstandingAmount": pounds(outstanding),
        "paymentsCount": bills - i64::from(outstanding > 0),
        "billsPaidLateCount": paid_late,
        "paymentsAmount": pounds(billed - outstanding),
        "biggestCountPaymentMethod": method,
        "biggestSpendPaymentMethod": method,
        "averageBillPaymentTermsWeighted": 30,
        "averageBillSettlementPeriodWeighted": 24.5,
        "commonPaymentTermsDays": 30
    })
}

fn payment_method(index: usize) -> Value {
    let (method, suppliers, bills, billed, share) = METHODS[index];
    json!({
        "biggestCountPaymentMethod": method,
        "suppliersCount": suppliers,
        "billsCount": bills,
        "billsAmount": pounds(billed),
        "percentageBillsByAmount": share,
        "paymentsAmount": pounds(billed),
        "billsPaidLateCount": 0
    })
}

/// The page of `items` the request asks for, as `{"results": [...]}`, or Codat's 400.
fn analysis_page(call: &Call, items: Vec<Value>) -> Reply {
    let number =
        |name: &str, default: usize| call.query(name).map_or(Some(default), |v| v.parse().ok());
    let (Some(page), Some(size)) = (number("page", 1), number("pageSize", 100)) else {
        return Reply::error(400, "page and pageSize are whole numbers");
    };
    if page == 0 || size == 0 || size > 5000 {
        return Reply::error(400, "page starts at 1; pageSize is 1 to 5000");
    }
    let results: Vec<Value> = items
        .into_iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    Reply::ok(&json!({ "results": results }))
}

/// The report as the mock describes it, with `status`.
fn report(status: &str) -> Value {
    json!({
        "id": REPORT_ID,
        "status": status,
        "type": "spendAnalysis",
        "requestedDate": "2025-06-03T09:00:00Z",
        "updatedDate": if status == "Complete" { "2025-06-03T09:00:05Z" } else { "2025-06-03T09:00:00Z" }
    })
}

/// The name the mock gives a bundle in `lang` (English when `None`): Codat's pattern, with a
/// marker of the language for any but English.
pub(crate) fn bundle_name(lang: Option<&str>) -> String {
    match lang {
        None | Some("en" | "en-us" | "en-gb") => {
            format!("Mock_Company_SpendReports_{BUNDLE_DAY}.zip")
        }
        Some(other) => format!("Mock_Company_SpendReports_{other}_{BUNDLE_DAY}.zip"),
    }
}

/// The files of the bundle in `lang`: the manifest first, then the report's two CSV files.
pub(crate) fn bundle_files(lang: Option<&str>) -> Vec<(&'static str, Vec<u8>)> {
    let french = lang.is_some_and(|l| l.starts_with("fr"));
    let (supplier_head, method_head) = if french {
        (
            "fournisseur,factures,montant facturé,montant impayé,mode de paiement principal",
            "mode de paiement,fournisseurs,factures,montant facturé",
        )
    } else {
        (
            "supplier,bills,billed,outstanding,main payment method",
            "payment method,suppliers,bills,billed",
        )
    };
    let mut suppliers = format!("{supplier_head}\n");
    for supplier in &SUPPLIERS {
        suppliers += &format!(
            "{},{},{},{},{}\n",
            supplier.name,
            supplier.bills,
            pounds_text(supplier.billed),
            pounds_text(supplier.outstanding),
            supplier.method
        );
    }
    let mut methods = format!("{method_head}\n");
    for (method, count, bills, billed, _) in METHODS {
        methods += &format!("{method},{count},{bills},{}\n", pounds_text(billed));
    }
    let created = format!("{BUNDLE_DAY}T09:00:05Z");
    let manifest = format!(
        "Report type: spendAnalysis\nReport ID: {REPORT_ID}\nCompany ID: {MOCK_COMPANY_ID}\n\
         Created (UTC): {created}\nCorrelation ID: mock-bundle\n\
         suppliers.csv INCLUDED {created}\npayment-methods.csv INCLUDED {created}\n"
    );
    vec![
        ("manifest.txt", manifest.into_bytes()),
        ("suppliers.csv", suppliers.into_bytes()),
        ("payment-methods.csv", methods.into_bytes()),
    ]
}

/// The bundle in `lang` as a ZIP archive.
pub(crate) fn bundle(lang: Option<&str>) -> Vec<u8> {
    zip(&bundle_files(lang))
}

/// The CRC-32 of `data`, as ZIP archives record it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP archive of `files`, stored without compression, dated 3 June 2025 09:00.
fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    // MS-DOS time and date: 09:00:00, 2025-06-03.
    const TIME: u16 = 9 << 11;
    const DATE: u16 = ((2025 - 1980) << 9) | (6 << 5) | 3;
    let small = |n: usize| u16::try_from(n).expect("a small archive");
    let large = |n: usize| u32::try_from(n).expect("a small archive");
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let offset = large(out.len());
        // What the local header and the central directory entry both say of the file.
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&0u16.to_le_bytes()); // stored
        common.extend_from_slice(&TIME.to_le_bytes());
        common.extend_from_slice(&DATE.to_le_bytes());
        common.extend_from_slice(&crc32(data).to_le_bytes());
        common.extend_from_slice(&large(data.len()).to_le_bytes());
        common.extend_from_slice(&large(data.len()).to_le_bytes());
        common.extend_from_slice(&small(name.len()).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // no extra field

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by 2.0
        central.extend_from_slice(&common);
        central.extend_from_slice(&0u16.to_le_bytes()); // no comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk 0
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = large(out.len());
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // the directory's disk
    out.extend_from_slice(&small(files.len()).to_le_bytes());
    out.extend_from_slice(&small(files.len()).to_le_bytes());
    out.extend_from_slice(&large(central.len()).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    out
}

/// The bundle the call asks for, or Codat's 400.
fn bundle_response(call: &Call) -> Reply {
    if call.query("reportId") != Some("latest") {
        return Reply::error(400, "reportId is required, and only `latest` is supported");
    }
    let lang = call.query("lang");
    if lang.is_some_and(|l| !LANGUAGES.contains(&l)) {
        return Reply::error(400, &format!("lang is one of {}", LANGUAGES.join(", ")));
    }
    let files = bundle_files(lang).len().to_string();
    Reply::raw(200, "application/zip", bundle(lang))
        .header(
            "content-disposition",
            &format!("attachment; filename={}", bundle_name(lang)),
        )
        .header("x-bundle-partial", "false")
        .header("x-bundle-included", &files)
        .header("x-bundle-total", &files)
}

/// Codat's 404 for any report but the mock's spend analysis (by its id or as `latest`).
fn unless_this_report(call: &Call) -> Option<Reply> {
    let report_type = call.path_value("report_type").unwrap_or("spendAnalysis");
    let report = call.path_value("report_id").unwrap_or_default();
    let known = report_type == "spendAnalysis" && [REPORT_ID, "latest"].contains(&report);
    (!known).then(|| {
        Reply::error(
            404,
            &format!("the mock has no {report_type} report {report}"),
        )
    })
}

/// A running mock of Spend Insights; stops when dropped.
#[derive(Debug)]
pub(crate) struct MockSpendInsights(Running);

impl std::ops::Deref for MockSpendInsights {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

impl MockSpendInsights {
    /// Starts the mock on a free port of 127.0.0.1, with no report asked for yet.
    pub(crate) async fn start() -> MockSpendInsights {
        let running = Running::start().await;
        // Whether a report has been asked for: until then there is nothing to read.
        let asked = Arc::new(AtomicBool::new(false));
        let no_report = || Reply::error(404, "no spend analysis report has been generated");

        let asked_now = asked.clone();
        running
            .on("generate-report")
            .reply_with(move |call: &Call| {
                let report_type = call.path_value("report_type").unwrap_or_default();
                if report_type != "spendAnalysis" {
                    return Reply::error(404, &format!("the mock makes no {report_type} report"));
                }
                asked_now.store(true, Ordering::SeqCst);
                Reply::json(202, &report("InProgress"))
            });
        let asked_now = asked.clone();
        running
            .on("get-report-status")
            .reply_with(move |call: &Call| {
                if let Some(unknown) = unless_this_report(call) {
                    return unknown;
                }
                if !asked_now.load(Ordering::SeqCst) {
                    return no_report();
                }
                Reply::ok(&report("Complete"))
            });
        let asked_now = asked.clone();
        running
            .on("get-supplier-analysis")
            .reply_with(move |call: &Call| {
                if let Some(unknown) = unless_this_report(call) {
                    return unknown;
                }
                if !asked_now.load(Ordering::SeqCst) {
                    return no_report();
                }
                analysis_page(call, (0..SUPPLIERS.len()).map(supplier).collect())
            });
        let asked_now = asked.clone();
        running
            .on("get-payment-method-analysis")
            .reply_with(move |call: &Call| {
                if let Some(unknown) = unless_this_report(call) {
                    return unknown;
                }
                if !asked_now.load(Ordering::SeqCst) {
                    return no_report();
                }
                analysis_page(call, (0..METHODS.len()).map(payment_method).collect())
            });
        running
            .on("download-report-bundle")
            .reply_with(move |call: &Call| {
                if !asked.load(Ordering::SeqCst) {
                    return no_report();
                }
                bundle_response(call)
            });
        MockSpendInsights(running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_zips() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    /// Reads an archive back through its central directory: each file's name and content,
    /// checked against its local header and its checksum.
    fn unzip(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |at: usize| u16::from_le_bytes([archive[at], archive[at + 1]]) as usize;
        let u32_at =
            |at: usize| u32::from_le_bytes(archive[at..at + 4].try_into().unwrap()) as usize;
        let end = archive.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
        let (count, mut at) = (u16_at(end + 10), u32_at(end + 16));
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(at), 0x0201_4b50, "central directory entry");
            let (crc, size, name_len) = (u32_at(at + 16), u32_at(at + 20), u16_at(at + 28));
            let local = u32_at(at + 42);
            let name = String::from_utf8(archive[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32_at(local), 0x0403_4b50, "local header of {name}");
            assert_eq!(u32_at(local + 14), crc, "{name}");
            let start = local + 30 + u16_at(local + 26);
            let data = archive[start..start + size].to_vec();
            assert_eq!(crc32(&data) as usize, crc, "{name}");
            files.push((name, data));
            at += 46 + name_len;
        }
        files
    }

    #[test]
    fn the_bundle_is_a_zip_archive_of_its_files() {
        for lang in [None, Some("fr")] {
            let files = unzip(&bundle(lang));
            let expected: Vec<(String, Vec<u8>)> = bundle_files(lang)
                .into_iter()
                .map(|(name, data)| (name.to_owned(), data))
                .collect();
            assert_eq!(files, expected);
        }
        let manifest = String::from_utf8(bundle_files(None).remove(0).1).unwrap();
        assert!(manifest.contains(&format!("Report ID: {REPORT_ID}")));
        assert!(manifest.contains("suppliers.csv INCLUDED"));
    }

    #[test]
    fn bundles_are_named_as_codat_names_them() {
        assert_eq!(
            bundle_name(None),
            "Mock_Company_SpendReports_2025-06-03.zip"
        );
        assert_eq!(bundle_name(Some("en-gb")), bundle_name(None));
        assert_eq!(
            bundle_name(Some("fr-ca")),
            "Mock_Company_SpendReports_fr-ca_2025-06-03.zip"
        );
    }
}
