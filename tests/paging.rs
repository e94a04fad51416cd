//! Page streams over a stateful wiremock responder: every item once and in order, stopping
//! where the list ends, one page at a time or several at once.

use std::sync::Arc;
use std::time::Duration;

use codat_client::paging::PageOptions;
use codat_client::{Codat, Error, RetryPolicy};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOTAL: usize = 250;

fn query(request: &Request, name: &str) -> Option<usize> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.parse().ok())
}

fn company(n: usize) -> serde_json::Value {
    json!({"id": format!("c-{n:03}"), "name": format!("Company {n}"), "redirect": "https://link.codat.io/x"})
}

/// Answers `/companies?page=&pageSize=` from a list of `TOTAL` companies; page 2 is slow so
/// that concurrent fetching finishes out of order. `links` says whether `_links.next` is sent.
async fn server(links: bool) -> MockServer {
    let server = MockServer::builder().start().await;
    Mock::given(wiremock::matchers::path("/companies"))
        .respond_with(move |request: &Request| {
            let page = query(request, "page").unwrap_or(1);
            let size = query(request, "pageSize").unwrap_or(100);
            let start = (page - 1) * size;
            let results: Vec<_> = (start..(start + size).min(TOTAL)).map(company).collect();
            let mut body = json!({"results": results, "pageNumber": page, "pageSize": size, "totalResults": TOTAL});
            if links {
                let mut link = json!({"self": {"href": "/companies"}, "current": {"href": format!("/companies?page={page}")}});
                if start + size < TOTAL {
                    link["next"] = json!({"href": format!("/companies?page={}", page + 1)});
                }
                body["_links"] = link;
            }
            let delay = if page == 2 { Duration::from_millis(150) } else { Duration::ZERO };
            ResponseTemplate::new(200).set_body_json(body).set_delay(delay)
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Codat {
    Codat::builder()
        .api_key("k")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

async fn pages_requested(server: &MockServer) -> Vec<usize> {
    let mut pages: Vec<usize> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| query(r, "page").unwrap())
        .collect();
    pages.sort();
    pages
}

fn expected() -> Vec<String> {
    (0..TOTAL).map(|n| format!("c-{n:03}")).collect()
}

#[tokio::test]
async fn sequential_stream_yields_every_item_in_order() {
    within(async {
        for links in [true, false] {
            let server = server(links).await;
            let codat = client(&server);
            let ids: Vec<String> = codat
                .companies()
                .list_all(PageOptions::new().page_size(100).query("name~Company"))
                .map_ok(|c| c.id)
                .try_collect()
                .await
                .unwrap();
            assert_eq!(ids, expected(), "links: {links}");
            assert_eq!(
                pages_requested(&server).await,
                [1, 2, 3],
                "stops after the last page"
            );
            let first = &server.received_requests().await.unwrap()[0];
            assert_eq!(
                first.url.query(),
                Some("page=1&pageSize=100&query=name~Company")
            );
        }
    })
    .await;
}

#[tokio::test]
async fn concurrent_stream_keeps_page_order() {
    within(async {
        let server = server(true).await;
        let codat = client(&server);
        let ids: Vec<String> = codat
            .companies()
            .list_all(PageOptions::new().page_size(50).concurrency(4))
            .map_ok(|c| c.id)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids, expected());
        assert_eq!(pages_requested(&server).await, [1, 2, 3, 4, 5]);
    })
    .await;
}

#[tokio::test]
async fn an_item_that_does_not_decode_is_an_error_in_its_place_and_the_walk_goes_on() {
    within(async {
        for concurrency in [1, 3] {
            let server = MockServer::builder().start().await;
            Mock::given(wiremock::matchers::path("/companies"))
                .respond_with(|request: &Request| {
                    let page = query(request, "page").unwrap_or(1);
                    let mut results: Vec<_> = (page * 10..page * 10 + 3).map(company).collect();
                    // Page 1's second item has no name, page 2's last a name that is a number
                    // next to a credential; page 3 is slow, so that pages arrive out of order.
                    if page == 1 {
                        results[1] = json!({"id": "bad-1"});
                    }
                    if page == 2 {
                        results[2] = json!({"id": "bad-2", "name": 7, "clientSecret": "sup3r"});
                    }
                    let delay = if page == 2 { 100 } else { 0 };
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"results": results, "pageNumber": page, "pageSize": 3, "totalResults": 9}))
                        .set_delay(Duration::from_millis(delay))
                })
                .mount(&server)
                .await;
            let codat = client(&server);
            let items: Vec<Result<String, Error>> = codat
                .companies()
                .list_all(PageOptions::new().page_size(3).concurrency(concurrency))
                .map_ok(|c| c.id)
                .collect()
                .await;
            let shape: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Ok(id) => id.clone(),
                    Err(Error::Decode { path, .. }) => format!("error at {path}"),
                    Err(other) => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(
                shape,
                [
                    "c-010",
                    "error at results[1]",
                    "c-012",
                    "c-020",
                    "c-021",
                    "error at results[2].name",
                    "c-030",
                    "c-031",
                    "c-032"
                ],
                "concurrency {concurrency}"
            );
            let Err(err) = &items[5] else { unreachable!() };
            assert!(err.body().unwrap().contains("bad-2"), "{err:?}");
            assert!(!format!("{err} {err:?}").contains("sup3r"));
            assert_eq!(pages_requested(&server).await, [1, 2, 3]);
        }
    })
    .await;
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    within(async {
        let server = MockServer::builder().start().await;
        Mock::given(wiremock::matchers::query_param("page", "2"))
            .respond_with(
                ResponseTemplate::new(500)
                    .set_body_json(json!({"error": "boom", "correlationId": "p2"})),
            )
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "results": [company(0), company(1)], "pageNumber": 1, "pageSize": 2, "totalResults": 6
            })))
            .with_priority(2)
            .mount(&server)
            .await;
        let codat = client(&server);
        let items: Vec<Result<_, Error>> = codat
            .companies()
            .list_all(PageOptions::new().page_size(2))
            .collect()
            .await;
        assert_eq!(items.len(), 3);
        assert!(items[..2].iter().all(Result::is_ok));
        let err = items[2].as_ref().unwrap_err();
        assert_eq!(
            (err.status(), err.correlation_id()),
            (Some(500), Some("p2"))
        );
    })
    .await;
}

#[tokio::test]
async fn an_empty_list_makes_one_request() {
    within(async {
        let server = MockServer::builder().start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "results": [], "pageNumber": 1, "pageSize": 100, "totalResults": 0,
                "_links": {"self": {"href": "/companies"}, "current": {"href": "/companies?page=1"}}
            })))
            .expect(1)
            .mount(&server)
            .await;
        let codat = client(&server);
        assert_eq!(
            codat
                .companies()
                .list_all(PageOptions::new().concurrency(8))
                .count()
                .await,
            0
        );
    })
    .await;
}

#[tokio::test]
async fn custom_data_records_stream_by_total() {
    within(async {
        let server = MockServer::builder().start().await;
        Mock::given(wiremock::matchers::path_regex("/data/custom/Orders$"))
            .respond_with(|request: &Request| {
                let page = query(request, "page").unwrap();
                let records: Vec<_> = (0..3)
                    .map(|i| json!({"id": format!("r{}", (page - 1) * 3 + i), "content": {}}))
                    .collect();
                let records = if page == 3 {
                    records[..1].to_vec()
                } else {
                    records
                };
                ResponseTemplate::new(200).set_body_json(json!({
                    "results": records, "pageNumber": page, "pageSize": 3, "totalResults": 7
                }))
            })
            .mount(&server)
            .await;
        let codat = client(&server);
        let ids: Vec<String> = codat
            .custom_data_type()
            .list_all("c1", "k1", "Orders", Some(3), 2)
            .map_ok(|r| r.id.unwrap())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids, ["r0", "r1", "r2", "r3", "r4", "r5", "r6"]);
        assert_eq!(server.received_requests().await.unwrap().len(), 3);
    })
    .await;
}

/// Every stream test gets a limit of its own, so that a walk that never ends fails fast.
async fn within<T>(walk: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), walk)
        .await
        .expect("the walk ended within 20 s")
}

/// What a scripted list does at one page.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Twist {
    /// Answers 500.
    Fail,
    /// Answers a page with no items, whatever the total says.
    Empty,
    /// Answers its items with `_links` that have no `next`.
    NoNext,
}

/// A list of companies served newest first, that can change while it is walked.
struct Scripted {
    /// Ids in list order.
    items: Vec<String>,
    twist: Option<(usize, Twist)>,
    /// Inserted at the front when the first request for a page after page 1 arrives.
    insert_on_page_two: Option<String>,
    delay: Duration,
    /// Page number and arrival time of every request.
    arrivals: Vec<(usize, std::time::Instant)>,
}

type Shared = Arc<std::sync::Mutex<Scripted>>;

async fn scripted(count: usize, twist: Option<(usize, Twist)>) -> (MockServer, Shared) {
    let state = Arc::new(std::sync::Mutex::new(Scripted {
        items: (0..count).map(|n| format!("c-{n:03}")).collect(),
        twist,
        insert_on_page_two: None,
        delay: Duration::ZERO,
        arrivals: Vec::new(),
    }));
    let server = MockServer::builder().start().await;
    let shared = state.clone();
    Mock::given(wiremock::matchers::path("/companies"))
        .respond_with(move |request: &Request| {
            let mut list = shared.lock().unwrap();
            let page = query(request, "page").unwrap();
            let size = query(request, "pageSize").unwrap();
            list.arrivals.push((page, std::time::Instant::now()));
            if page > 1
                && let Some(id) = list.insert_on_page_two.take() {
                    list.items.insert(0, id);
                }
            let twist = list.twist.filter(|(at, _)| *at == page).map(|(_, t)| t);
            if twist == Some(Twist::Fail) {
                return ResponseTemplate::new(500)
                    .set_body_json(json!({"error": "boom", "correlationId": format!("page-{page}")}));
            }
            let total = list.items.len();
            let start = ((page - 1) * size).min(total);
            let end = (start + size).min(total);
            let results: Vec<_> = if twist == Some(Twist::Empty) {
                Vec::new()
            } else {
                list.items[start..end]
                    .iter()
                    .map(|id| json!({"id": id, "name": id, "redirect": "https://link.codat.io/x"}))
                    .collect()
            };
            let mut links = json!({"self": {"href": "/companies"}, "current": {"href": format!("/companies?page={page}")}});
            if end < total && twist != Some(Twist::NoNext) {
                links["next"] = json!({"href": format!("/companies?page={}", page + 1)});
            }
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": results, "pageNumber": page, "pageSize": size,
                                      "totalResults": total, "_links": links}))
                .set_delay(list.delay)
        })
        .mount(&server)
        .await;
    (server, state)
}

fn requested(state: &Shared) -> Vec<usize> {
    let mut pages: Vec<usize> = state.lock().unwrap().arrivals.iter().map(|a| a.0).collect();
    pages.sort();
    pages
}

async fn walk(codat: &Codat, options: PageOptions) -> Vec<Result<String, Error>> {
    within(
        codat
            .companies()
            .list_all(options)
            .map_ok(|c| c.id)
            .collect::<Vec<_>>(),
    )
    .await
}

#[tokio::test]
async fn a_concurrent_walk_stops_at_the_first_error_and_sends_nothing_more() {
    let (server, state) = scripted(200, Some((3, Twist::Fail))).await;
    state.lock().unwrap().delay = Duration::from_millis(20);
    let codat = client(&server);
    let items = walk(&codat, PageOptions::new().page_size(10).concurrency(4)).await;
    assert_eq!(items.len(), 21, "pages 1 and 2, then the error");
    assert!(items[..20].iter().all(Result::is_ok));
    assert_eq!(
        items[20].as_ref().unwrap_err().correlation_id(),
        Some("page-3")
    );
    // Page 3 failed with at most 4 pages in flight: nothing past page 3 + 4 was asked for,
    // and nothing more is asked for once the stream has ended.
    let asked = requested(&state);
    assert!(*asked.last().unwrap() <= 7, "{asked:?}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(requested(&state), asked);
}

#[tokio::test]
async fn an_empty_page_or_a_page_without_next_ends_the_walk_whatever_the_total() {
    for twist in [Twist::Empty, Twist::NoNext] {
        for concurrency in [1, 4] {
            let (server, state) = scripted(200, Some((3, twist))).await;
            let codat = client(&server);
            let options = PageOptions::new().page_size(10).concurrency(concurrency);
            let ids: Vec<String> = walk(&codat, options)
                .await
                .into_iter()
                .collect::<Result<_, _>>()
                .unwrap();
            let through = if twist == Twist::Empty { 20 } else { 30 };
            let expected: Vec<String> = (0..through).map(|n| format!("c-{n:03}")).collect();
            assert_eq!(ids, expected, "{twist:?}, concurrency {concurrency}");
            let asked = requested(&state);
            assert!(
                *asked.last().unwrap() <= 3 + concurrency,
                "{twist:?}: {asked:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_list_that_grows_during_a_sequential_walk_is_read_to_its_new_end() {
    let (server, state) = scripted(300, None).await;
    state.lock().unwrap().insert_on_page_two = Some("c-new".into());
    let codat = client(&server);
    let ids: Vec<String> = walk(
        &codat,
        PageOptions::new().page_size(100).order_by("-createdDate"),
    )
    .await
    .into_iter()
    .collect::<Result<_, _>>()
    .unwrap();
    // Every company that existed when the walk began is yielded; the one pushed past the
    // first page's last page too.
    for n in 0..300 {
        assert!(ids.contains(&format!("c-{n:03}")), "c-{n:03} lost");
    }
    assert_eq!(requested(&state), [1, 2, 3, 4]);
}

#[tokio::test]
async fn a_concurrent_walk_fetches_the_pages_a_grown_total_implies() {
    let (server, state) = scripted(300, None).await;
    state.lock().unwrap().insert_on_page_two = Some("c-new".into());
    let codat = client(&server);
    let ids: Vec<String> = walk(&codat, PageOptions::new().page_size(100).concurrency(8))
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(requested(&state), [1, 2, 3, 4]);
    assert!(ids.contains(&"c-299".to_owned()));
}

/// The most requests that were in flight at once, given that each takes at least `delay`.
fn most_in_flight(state: &Shared, delay: Duration) -> usize {
    let arrivals: Vec<std::time::Instant> =
        state.lock().unwrap().arrivals.iter().map(|a| a.1).collect();
    arrivals
        .iter()
        .map(|&t| {
            arrivals
                .iter()
                .filter(|&&u| u <= t && t.duration_since(u) < delay)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test]
async fn concurrent_walks_really_overlap_requests_and_sequential_ones_do_not() {
    let delay = Duration::from_millis(250);
    for (concurrency, expect_overlap) in [(4, true), (1, false)] {
        let (server, state) = scripted(90, None).await;
        state.lock().unwrap().delay = delay;
        let codat = client(&server);
        let items = walk(
            &codat,
            PageOptions::new().page_size(10).concurrency(concurrency),
        )
        .await;
        assert_eq!(items.len(), 90);
        let most = most_in_flight(&state, delay);
        if expect_overlap {
            assert!(most >= 3, "at most {most} in flight with concurrency 4");
            assert!(most <= 4, "{most} in flight, over the limit of 4");
        } else {
            assert_eq!(most, 1);
        }
    }
}

#[tokio::test]
async fn a_list_that_says_neither_total_nor_next_is_walked_to_its_first_empty_page() {
    let server = MockServer::builder().start().await;
    let codat = client(&server);
    for concurrency in [1, 3] {
        server.reset().await;
        Mock::given(wiremock::matchers::path_regex("/data/custom/Orders$"))
            .respond_with(|request: &Request| {
                let page = query(request, "page").unwrap();
                let records: Vec<_> = if page <= 3 {
                    (0..2)
                        .map(|i| json!({"id": format!("r{}", (page - 1) * 2 + i), "content": {}}))
                        .collect()
                } else {
                    Vec::new()
                };
                ResponseTemplate::new(200).set_body_json(json!({"results": records}))
            })
            .mount(&server)
            .await;
        let ids: Vec<String> = within(
            codat
                .custom_data_type()
                .list_all("c1", "k1", "Orders", Some(2), concurrency)
                .map_ok(|r| r.id.unwrap())
                .try_collect(),
        )
        .await
        .unwrap();
        assert_eq!(
            ids,
            ["r0", "r1", "r2", "r3", "r4", "r5"],
            "concurrency {concurrency}"
        );
    }
}
