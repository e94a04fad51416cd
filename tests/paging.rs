//! Page streams over a stateful wiremock responder: every item once and in order, stopping
//! where the list ends, one page at a time or several at once.

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
    let server = MockServer::start().await;
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
}

#[tokio::test]
async fn concurrent_stream_keeps_page_order() {
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
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = MockServer::start().await;
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
}

#[tokio::test]
async fn an_empty_list_makes_one_request() {
    let server = MockServer::start().await;
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
}

#[tokio::test]
async fn custom_data_records_stream_by_total() {
    let server = MockServer::start().await;
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
}
