//! What the Lending operation tests share: the spec, its examples, the client and the paths of
//! the test company. Each test binary uses part of it.
#![allow(unreachable_pub)]
#![allow(dead_code)]

use std::ops::Range;
use std::sync::LazyLock;

use codat_client::paging::{PageOptions, PageParams};
use codat_client::Error;
use codat_lending::Lending;
use codat_product_tests as shared;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub use codat_product_tests::{COMPANY, CONNECTION};

pub const KEY: &str = "lending-test-key";
/// `Basic` and the key in base64, worked out independently of the client.
pub const AUTH: &str = "Basic bGVuZGluZy10ZXN0LWtleQ==";
/// The test company, as sent.
pub const COMP: &str = "/companies/8a210b68-6988-11ed-a1eb-0242ac120002";
/// Where the cached data of the test company is read.
pub const DATA: &str = "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/data";
/// The test connection, as sent.
pub const CONN: &str =
    "/companies/8a210b68-6988-11ed-a1eb-0242ac120002/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171";
/// The spec's path templates for the same places, as keys into its `paths`.
pub const SPEC_COMP: &str = "/companies/{companyId}";
pub const SPEC_DATA: &str = "/companies/{companyId}/data";
pub const SPEC_CONN: &str = "/companies/{companyId}/connections/{connectionId}";

/// The spec, read once.
static SPEC: LazyLock<Option<Value>> =
    LazyLock::new(|| shared::spec(env!("CARGO_MANIFEST_DIR"), "Codat-Lending.json"));

pub fn spec() -> Option<&'static Value> {
    SPEC.as_ref()
}

/// The spec's operation at the path template `spec_path` and `verb`.
pub fn operation(spec_path: &str, verb: &str) -> Option<&'static Value> {
    shared::operation(spec(), spec_path, verb)
}

/// Every JSON example of the operation's `status` response, named; `fixture` alone when the
/// spec is missing or documents none (then the spec must say it has none).
pub fn examples_of(
    spec_path: &str,
    verb: &str,
    status: u16,
    fixture: Value,
) -> Vec<(String, Value)> {
    let Some(op) = operation(spec_path, verb) else {
        return vec![("fixture".into(), fixture)];
    };
    let content = &op["responses"][status.to_string()]["content"]["application/json"];
    assert!(content.is_object(), "{verb} {spec_path}: no JSON {status}");
    let named = shared::examples(content);
    if named.is_empty() {
        assert!(content.get("example").is_none(), "{verb} {spec_path}");
        return vec![("fixture".into(), fixture)];
    }
    named
}

/// [`examples_of`] the 200 response.
pub fn examples(spec_path: &str, verb: &str, fixture: Value) -> Vec<(String, Value)> {
    examples_of(spec_path, verb, 200, fixture)
}

/// Every JSON example of the operation's request body.
pub fn request_examples(spec_path: &str, verb: &str) -> Vec<(String, Value)> {
    operation(spec_path, verb).map_or_else(Vec::new, |op| {
        shared::examples(&op["requestBody"]["content"]["application/json"])
    })
}

/// A JSON number (or null) as the exact decimal its text spells.
pub fn decimal(value: &Value) -> Option<codat_client::models::Decimal> {
    codat_client::decimal::deserialize(value).unwrap()
}

/// Amounts (a `Decimal`, an `Option` or `Vec` of them) as the JSON numbers the client writes,
/// for summaries compared with the spec's examples.
pub fn amount<T: codat_client::decimal::Shape>(value: &T) -> Value {
    let mut text = Vec::new();
    codat_client::decimal::serialize(value, &mut serde_json::Serializer::new(&mut text)).unwrap();
    serde_json::from_slice(&text).unwrap()
}

/// Lending on a client that sends to `server` with the test key and never retries.
pub fn lending(server: &MockServer) -> Lending {
    Lending::new(&shared::codat(KEY, server))
}

/// The one request the server got, checked for the auth header.
pub async fn only_request(server: &MockServer) -> Request {
    shared::only_request(server, AUTH).await
}

/// The paging parameters the list tests send, and their encoding.
pub fn paging() -> PageParams {
    PageParams::new()
        .page(2)
        .page_size(50)
        .query("status=Active")
        .order_by("-modifiedDate")
}
pub const PAGING_QUERY: &str = "page=2&pageSize=50&query=status%3DActive&orderBy=-modifiedDate";

/// A page of `results`, the first of one.
pub fn page_fixture(results: Value) -> Value {
    json!({"results": results, "pageNumber": 1, "pageSize": 100, "totalResults": 1})
}

/// The value of the query parameter `name` of `request`, as a number.
pub fn number_param(request: &Request, name: &str) -> Option<usize> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().unwrap())
}

/// Serves a paged list at `full_path` with the test key: `total` items in pages of the
/// `pageSize` asked for, `page_body` making a page from the indices of its items, its number,
/// its size and the total; the pages in `failing` answer 500 with the correlation id `page-N`.
pub async fn paged_server<F>(
    full_path: &str,
    total: usize,
    failing: &'static [usize],
    page_body: F,
) -> MockServer
where
    F: Fn(Range<usize>, usize, usize) -> Value + Send + Sync + 'static,
{
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(full_path))
        .and(header("authorization", AUTH))
        .respond_with(move |request: &Request| {
            let page = number_param(request, "page").expect("a page number");
            let size = number_param(request, "pageSize").unwrap_or(100);
            if failing.contains(&page) {
                return ResponseTemplate::new(500).set_body_json(json!({
                    "statusCode": 500, "service": "PublicApi", "error": "page failed",
                    "correlationId": format!("page-{page}")
                }));
            }
            let start = ((page - 1) * size).min(total);
            let end = (start + size).min(total);
            ResponseTemplate::new(200).set_body_json(page_body(start..end, page, size))
        })
        .mount(&server)
        .await;
    server
}

/// A Codat page of `results`, with a `next` link on every page but the last.
pub fn page_body(results: Vec<Value>, page: usize, size: usize, total: usize) -> Value {
    let mut links = json!({"self": {"href": "/x"}, "current": {"href": "/x"}});
    if page * size < total {
        links["next"] = json!({"href": "/x?next"});
    }
    json!({
        "results": results, "pageNumber": page, "pageSize": size,
        "totalResults": total, "_links": links
    })
}

/// The pages `server` was asked for, in order.
pub async fn pages_asked(server: &MockServer) -> Vec<usize> {
    shared::requests(server)
        .await
        .iter()
        .map(|r| number_param(r, "page").unwrap())
        .collect()
}

/// The ids of the items `range` of a paged list served by [`paged_server`]: `item-0`, ....
pub fn ids(range: Range<usize>) -> Vec<String> {
    range.map(|i| format!("item-{i}")).collect()
}

/// A paged list of a test file's table: how its stream is read and how it is served.
pub trait Listing: Copy + std::fmt::Debug {
    /// The ids of the list's items, through its page stream.
    fn read(self, lending: &Lending, options: PageOptions) -> BoxStream<'_, Result<String, Error>>;

    /// A server of `total` items in pages, whose pages in `failing` answer 500.
    fn serve(
        self,
        total: usize,
        failing: &'static [usize],
    ) -> impl std::future::Future<Output = MockServer>;
}

/// Each list's stream, fetching three pages at once, still yields 25 items in order from
/// exactly the seven pages there are.
pub async fn check_page_order_kept<L: Listing>(lists: &[L]) {
    for &list in lists {
        let server = list.serve(25, &[]).await;
        let lending = lending(&server);
        let options = PageOptions::new().page_size(4).concurrency(3);
        let got: Vec<String> = shared::within(list.read(&lending, options).try_collect())
            .await
            .unwrap();
        assert_eq!(got, ids(0..25), "{list:?}");
        let mut asked = pages_asked(&server).await;
        asked.sort_unstable();
        assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7], "{list:?}");
    }
}

/// Each list's stream yields the first page, then the second page's 500 as Codat's error
/// (status and correlation id kept), then ends without asking for the third.
pub async fn check_stream_ends_at_first_error<L: Listing>(lists: &[L]) {
    for &list in lists {
        let server = list.serve(9, &[2]).await;
        let lending = lending(&server);
        let got: Vec<Result<String, Error>> = shared::within(
            list.read(&lending, PageOptions::new().page_size(3))
                .collect(),
        )
        .await;
        assert_eq!(got.len(), 4, "{list:?}: {got:?}");
        let items: Vec<&String> = got[..3].iter().map(|r| r.as_ref().unwrap()).collect();
        assert_eq!(items, ids(0..3).iter().collect::<Vec<_>>(), "{list:?}");
        let err = got[3].as_ref().unwrap_err();
        // 500 is declared for every list: Codat's error message.
        assert!(matches!(err, Error::Api { .. }), "{list:?}: {err:?}");
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.correlation_id(), Some("page-2"));
        assert_eq!(pages_asked(&server).await, [1, 2], "{list:?}");
    }
}
