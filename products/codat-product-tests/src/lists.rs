//! Table-driven checks of a product's page streams. A product lists each stream once, as a
//! [`List`]: where its pages are, what an item looks like and how the stream is read; the
//! checks walk every list: every page with the options sent, page order kept with several
//! pages in flight, the end (the total, the last `next`, an empty list), the first error, a
//! stream dropped early, and as many pages in flight at once as the options say.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codat_client::paging::PageOptions;
use codat_client::Error;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::{requests, within, Product};

/// The paging a check asks a stream for.
#[derive(Clone, Debug, Default)]
pub struct Paging {
    /// Items a page.
    pub size: Option<i32>,
    /// The query filter, for lists that take one.
    pub query: Option<&'static str>,
    /// The order, for lists that take one.
    pub order: Option<&'static str>,
    /// Pages in flight at once.
    pub concurrency: usize,
}

impl Paging {
    /// The same as page options.
    pub fn options(&self) -> PageOptions {
        let mut options = PageOptions::new().concurrency(self.concurrency.max(1));
        if let Some(size) = self.size {
            options = options.page_size(size);
        }
        if let Some(query) = self.query {
            options = options.query(query);
        }
        if let Some(order) = self.order {
            options = options.order_by(order);
        }
        options
    }
}

/// A stream's items as their ids.
pub type Read<P> = for<'a> fn(&'a P, Paging) -> BoxStream<'a, Result<String, Error>>;

/// An item's id, required or optional.
pub trait Id {
    /// The id, empty when absent.
    fn id(self) -> String;
}

impl Id for String {
    fn id(self) -> String {
        self
    }
}

impl Id for Option<String> {
    fn id(self) -> String {
        self.unwrap_or_default()
    }
}

/// A stream read as ids: `list!(|p, o| p.accounts().list_all(&COMPANY, o.options()), |a| a.id)`.
#[macro_export]
macro_rules! list {
    (|$p:ident, $o:ident| $stream:expr, |$x:ident| $id:expr) => {
        |$p, $o: $crate::Paging| {
            use $crate::__private::{StreamExt as _, TryStreamExt as _};
            $stream.map_ok(|$x| $crate::Id::id($id)).boxed()
        }
    };
}

/// How a list's pages look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Codat's page: `results`, `pageNumber`, `pageSize`, `totalResults`, `_links`.
    Page,
    /// A report's: `reportInfo` with the page's numbers, `reportItems`.
    Report,
}

/// One page stream of a product.
pub struct List<P> {
    /// The spec's path template of its pages.
    pub path: &'static str,
    /// Item `i` as Codat sends it, with the id `item-{i}`.
    pub item: fn(usize) -> Value,
    /// Its pages' shape.
    pub shape: Shape,
    /// What every page's query starts with, before the paging.
    pub prefix: &'static str,
    /// Whether it sends a query filter and an order.
    pub query: bool,
    /// Whether it sends an order.
    pub order: bool,
    /// The stream.
    pub read: Read<P>,
}

impl<P> std::fmt::Debug for List<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

/// An item with only its id.
fn id_only(i: usize) -> Value {
    json!({"id": format!("item-{i}")})
}

impl<P> List<P> {
    /// The stream `read` of Codat's pages at `path`, whose items are `{"id": ...}`, taking a
    /// query and an order.
    pub fn new(path: &'static str, read: Read<P>) -> Self {
        List {
            path,
            item: id_only,
            shape: Shape::Page,
            prefix: "",
            query: true,
            order: true,
            read,
        }
    }

    /// Items look like `item(i)`.
    pub fn item(mut self, item: fn(usize) -> Value) -> Self {
        self.item = item;
        self
    }

    /// Pages are reports.
    pub fn report(mut self) -> Self {
        self.shape = Shape::Report;
        self
    }

    /// Every page's query starts with `prefix` (ending with `&`).
    pub fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = prefix;
        self
    }

    /// It takes no order.
    pub fn no_order(mut self) -> Self {
        self.order = false;
        self
    }

    /// It takes neither a query filter nor an order.
    pub fn no_query(mut self) -> Self {
        self.query = false;
        self.order = false;
        self
    }

    /// The paging a check asks for, with the list's query and order.
    fn paging(&self, size: i32, concurrency: usize) -> Paging {
        Paging {
            size: Some(size),
            query: self.query.then_some("status=Active"),
            order: self.order.then_some("-modifiedDate"),
            concurrency,
        }
    }

    /// The query of page `page` of `size` as [`List::paging`] asks.
    fn page_query(&self, page: usize, size: i32) -> String {
        let mut query = format!("{}page={page}&pageSize={size}", self.prefix);
        if self.query {
            query.push_str("&query=status%3DActive");
        }
        if self.order {
            query.push_str("&orderBy=-modifiedDate");
        }
        query
    }
}

/// Page `page` of `size` of `total` items in `shape`, `results` on it; a Codat page with
/// `_links` (`next` on all but the last) when `links`.
fn page_body(
    shape: Shape,
    results: Vec<Value>,
    page: usize,
    size: usize,
    total: usize,
    links: bool,
) -> Value {
    if shape == Shape::Report {
        return json!({
            "reportInfo": {"pageNumber": page, "pageSize": size, "totalResults": total,
                           "reportName": "Report"},
            "reportItems": results
        });
    }
    let mut body = json!({
        "results": results, "pageNumber": page, "pageSize": size, "totalResults": total
    });
    if links {
        let mut links = json!({"self": {"href": "/x"}, "current": {"href": "/x"}});
        if page * size < total {
            links["next"] = json!({"href": "/x?next"});
        }
        body["_links"] = links;
    }
    body
}

/// The value of the query parameter `name` of `request`, as a number.
pub fn number_param(request: &Request, name: &str) -> Option<usize> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().unwrap())
}

/// The pages `server` was asked for, in order.
pub async fn pages_asked(server: &MockServer) -> Vec<usize> {
    requests(server)
        .await
        .iter()
        .map(|r| number_param(r, "page").expect("a page number"))
        .collect()
}

/// The ids `item-{i}` of `range`.
pub fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("item-{i}")).collect()
}

/// A server of `list`'s `total` items in pages of the `pageSize` asked for (with `_links`
/// when `links`); the pages in `failing` answer 500 with the correlation id `page-N`.
async fn paged_server<P>(
    product: &Product<P>,
    list: &List<P>,
    total: usize,
    failing: &'static [usize],
    links: bool,
) -> MockServer {
    let server = MockServer::builder().start().await;
    let (item, shape) = (list.item, list.shape);
    Mock::given(method("GET"))
        .and(path(product.fill(list.path)))
        .and(header("authorization", product.auth().as_str()))
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
            let results = (start..(start + size).min(total)).map(item).collect();
            ResponseTemplate::new(200)
                .set_body_json(page_body(shape, results, page, size, total, links))
        })
        .mount(&server)
        .await;
    server
}

/// `list` read over a server of `total` items (pages in `failing` answer 500), in pages of
/// `size`, `concurrency` at once, `take` items at most; what it gave and the server.
async fn walk<P>(
    product: &Product<P>,
    list: &List<P>,
    (total, failing, links): (usize, &'static [usize], bool),
    (size, concurrency, take): (i32, usize, usize),
) -> (Vec<Result<String, Error>>, MockServer) {
    let server = paged_server(product, list, total, failing, links).await;
    let client = product.client(&server);
    let read = (list.read)(&client, list.paging(size, concurrency)).take(take);
    (within(read.collect()).await, server)
}

/// The ids of a walk that must not fail.
fn oks(items: Vec<Result<String, Error>>) -> Vec<String> {
    items.into_iter().map(Result::unwrap).collect()
}

/// Every list, 7 items in pages of 3 with the list's query and order, with and without
/// `_links`: all 7 items in order from exactly pages 1 to 3, each asked with the exact query.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_walks<P>(product: &Product<P>, lists: &[List<P>]) {
    for list in lists {
        for links in [true, false] {
            let (got, server) = walk(product, list, (7, &[], links), (3, 1, usize::MAX)).await;
            assert_eq!(oks(got), ids(0..7), "{list:?}");
            // Three pages, and no fourth: the total (and the last `next`) say so.
            let asked: Vec<String> = requests(&server)
                .await
                .iter()
                .map(|r| r.url.query().unwrap_or_default().to_owned())
                .collect();
            let expected: Vec<String> = (1..=3).map(|page| list.page_query(page, 3)).collect();
            assert_eq!(asked, expected, "{list:?}, links {links}");
        }
    }
}

/// Every list, 25 items in pages of 4, three pages at once: all in order, from exactly the
/// seven pages there are; an empty list is one request and no items.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_order_and_end<P>(product: &Product<P>, lists: &[List<P>]) {
    for list in lists {
        let (got, server) = walk(product, list, (25, &[], true), (4, 3, usize::MAX)).await;
        assert_eq!(oks(got), ids(0..25), "{list:?}");
        let mut asked = pages_asked(&server).await;
        asked.sort_unstable();
        assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7], "{list:?}");

        let (got, server) = walk(product, list, (0, &[], true), (5, 1, usize::MAX)).await;
        assert!(got.is_empty(), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

/// Every list: the first page's items, then page 2's 500 as Codat's error (status and
/// correlation id kept), then the end, page 3 never asked for; taken three items at a time
/// from pages of ten, only page 1 is asked for.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_error_and_drop<P>(product: &Product<P>, lists: &[List<P>]) {
    for list in lists {
        let (got, server) = walk(product, list, (9, &[2], true), (3, 1, usize::MAX)).await;
        assert_eq!(got.len(), 4, "{list:?}: {got:?}");
        let items: Vec<&String> = got[..3].iter().map(|r| r.as_ref().unwrap()).collect();
        assert_eq!(items, ids(0..3).iter().collect::<Vec<_>>(), "{list:?}");
        let err = got[3].as_ref().unwrap_err();
        // 500 is declared for every list: Codat's error message.
        assert!(matches!(err, Error::Api { .. }), "{list:?}: {err:?}");
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.correlation_id(), Some("page-2"));
        assert_eq!(pages_asked(&server).await, [1, 2], "{list:?}");

        let (first, server) = walk(product, list, (50, &[], true), (10, 1, 3)).await;
        assert_eq!(oks(first), ids(0..3), "{list:?}");
        assert_eq!(pages_asked(&server).await, [1], "{list:?}");
    }
}

/// Every list, four pages of one where page 2 answers 400 ms late: one page at a time, page 3
/// is asked for only after page 2's answer; three at a time, while page 2 is still pending.
/// Real time (the delay is the server's): the lists run side by side.
///
/// # Panics
///
/// When any of that does not hold.
pub async fn check_concurrency<P>(product: &Product<P>, lists: &[List<P>]) {
    let checks = lists.iter().flat_map(|list| {
        [(1, false), (3, true)].map(|(concurrency, overlapping)| async move {
            let server = MockServer::builder().start().await;
            let asked: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
            let log = asked.clone();
            let (item, shape) = (list.item, list.shape);
            Mock::given(method("GET"))
                .and(path(product.fill(list.path)))
                .respond_with(move |request: &Request| {
                    let page = number_param(request, "page").unwrap();
                    log.lock().unwrap().push((page, Instant::now()));
                    let body = page_body(shape, vec![item(page)], page, 1, 4, true);
                    let template = ResponseTemplate::new(200).set_body_json(body);
                    if page == 2 {
                        template.set_delay(Duration::from_millis(400))
                    } else {
                        template
                    }
                })
                .mount(&server)
                .await;
            let client = product.client(&server);
            let mut paging = list.paging(1, concurrency);
            paging.query = None;
            paging.order = None;
            let got: Vec<String> = within((list.read)(&client, paging).try_collect())
                .await
                .unwrap();
            assert_eq!(got, ids(1..5), "{list:?}");
            let asked = asked.lock().unwrap().clone();
            let at = |page: usize| asked.iter().find(|(p, _)| *p == page).unwrap().1;
            let gap = at(3).saturating_duration_since(at(2));
            assert_eq!(
                gap < Duration::from_millis(300),
                overlapping,
                "{list:?}, concurrency {concurrency}: page 3 asked {gap:?} after page 2"
            );
        })
    });
    futures_util::future::join_all(checks).await;
}

/// The four stream checks as tests: `list_tests!(PRODUCT, lists())`.
#[macro_export]
macro_rules! list_tests {
    ($product:expr, $lists:expr) => {
        $crate::checks!($product, $lists;
            every_stream_reads_every_page_with_the_options => check_walks,
            every_stream_keeps_page_order_and_stops_at_the_end => check_order_and_end,
            every_stream_ends_at_the_first_error_or_when_dropped => check_error_and_drop,
            every_stream_fetches_as_many_pages_at_once_as_asked => check_concurrency);
    };
}
