//! Streams over paged lists: every item of every page, fetched page after page or several
//! pages at a time with items kept in order.
//!
//! A walk ends at the first error (which is yielded, and after which nothing more is sent),
//! at an empty page, at a page whose links have no `next`, or after the last page that the
//! latest page's total implies. Each page's own total and `next` link are followed, not only
//! the first page's, so a list that grows during a walk is read to its new end.
//!
//! What a walk guarantees when the list changes while it runs: one page at a time, an item
//! added during the walk pushes the later items back by one, so an item may come twice but
//! none is lost; an item removed pulls them forward, so one may be skipped. Several pages at a
//! time, the pages are read at slightly different moments, so a change during the walk can
//! skip or repeat items either way. Walk one page at a time, or by an order that puts new items
//! last, when the list may change.

use std::future::Future;
use std::sync::Arc;

use futures_util::stream::{self, BoxStream, FuturesOrdered, StreamExt};

use crate::wire::Page;
use crate::Error;

/// The highest page number a walk asks for: Codat's `page` parameter is a 32-bit integer.
pub const MAX_PAGE: i32 = i32::MAX;

/// How a paged list is walked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    pub(crate) page_size: Option<i32>,
    pub(crate) query: Option<String>,
    pub(crate) order_by: Option<String>,
    pub(crate) concurrency: usize,
}

impl PageOptions {
    /// Codat's defaults: 100 items a page, one page at a time.
    pub fn new() -> Self {
        PageOptions::default()
    }

    /// Items per page (Codat allows up to 5,000).
    pub fn page_size(mut self, size: i32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// A Codat query filter, e.g. `name=Acme`.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// The order, e.g. `-modifiedDate`.
    pub fn order_by(mut self, order_by: impl Into<String>) -> Self {
        self.order_by = Some(order_by.into());
        self
    }

    /// Fetch up to `pages` pages at once after the first (which gives the total). Items still
    /// come in page order, and the walk still ends at the first error or empty page. 0 and 1
    /// (the default) fetch one page after another. See the [module docs](self) for what a
    /// walk guarantees when the list changes while it runs.
    pub fn concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages;
        self
    }
}

/// The paging parameters that Codat's `page`/`pageSize` lists share, passed to a declaration
/// as one value with `#[params]`.
///
/// ```
/// use codat_client::paging::PageParams;
///
/// let params = PageParams::new().page(2).page_size(500).order_by("-modifiedDate");
/// assert_eq!(params.page, Some(2));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, crate::ParamGroup)]
#[non_exhaustive]
pub struct PageParams {
    /// The page, from 1.
    #[query]
    pub page: Option<i32>,
    /// Items per page (Codat allows up to 5,000).
    #[query]
    pub page_size: Option<i32>,
    /// A Codat query filter, e.g. `status=Open`.
    #[query]
    pub query: Option<String>,
    /// The order, e.g. `-modifiedDate`.
    #[query]
    pub order_by: Option<String>,
}

impl PageParams {
    /// The parameters for page `page` of a walk with `options`.
    pub fn for_walk(page: i32, options: &PageOptions) -> Self {
        PageParams {
            page: Some(page),
            page_size: options.page_size,
            query: options.query.clone(),
            order_by: options.order_by.clone(),
        }
    }
}

/// A page of some list, as the stream needs it.
pub trait Paged {
    /// The list's item.
    type Item;
    /// The items, and where the page stands among the pages.
    fn into_items(self) -> (Vec<Self::Item>, PageCount);

    /// The items in page order with, in their places, those that did not decode as errors;
    /// and where the page stands. The page streams walk these.
    fn into_results(self) -> (Vec<Result<Self::Item, Error>>, PageCount)
    where
        Self: Sized,
    {
        let (items, count) = self.into_items();
        (items.into_iter().map(Ok).collect(), count)
    }
}

/// Where a page stands among the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageCount {
    /// How many pages there are, from the total and the page size.
    pub pages: Option<i64>,
    /// Whether the page says another follows (its `next` link), when it says.
    pub has_next: Option<bool>,
}

impl PageCount {
    /// The count of a page that says `total` items come in pages of `size`; no page count
    /// when the size is not positive. Never overflows, whatever the server sent.
    pub fn from_total(total: i64, size: i64, has_next: Option<bool>) -> PageCount {
        PageCount {
            pages: pages(total, size),
            has_next,
        }
    }

    /// The last page to fetch after page `n`, given this count of page `n` and whether it
    /// was empty; `None` when the walk ends with page `n`.
    fn next_last(self, n: i32, empty: bool) -> Option<i32> {
        if empty || self.has_next == Some(false) || n == MAX_PAGE {
            return None;
        }
        let implied = match (self.has_next, self.pages) {
            // A `next` link is the server's word that there is more, whatever the total said.
            (Some(true), pages) => pages.unwrap_or(0).max(i64::from(n) + 1),
            (None, Some(pages)) => pages,
            // Nothing says where the list ends: go on until an empty page.
            (None, None) => i64::from(n) + 1,
            (Some(false), _) => return None,
        };
        (implied > i64::from(n)).then(|| implied.min(i64::from(MAX_PAGE)) as i32)
    }
}

impl<T> Paged for Page<T> {
    type Item = T;
    fn into_items(self) -> (Vec<T>, PageCount) {
        let has_next = self.links.map(|links| links.next.is_some());
        let count = PageCount::from_total(self.total_results, self.page_size, has_next);
        (self.results, count)
    }

    fn into_results(mut self) -> (Vec<Result<T, Error>>, PageCount) {
        let rejected = std::mem::take(&mut self.rejected);
        let (items, count) = self.into_items();
        if rejected.is_empty() {
            return (items.into_iter().map(Ok).collect(), count);
        }
        let mut all = Vec::with_capacity(items.len() + rejected.len());
        let mut items = items.into_iter();
        for bad in &rejected {
            // The good items before this one, then this one's error in its place.
            while all.len() < bad.index {
                match items.next() {
                    Some(item) => all.push(Ok(item)),
                    None => break,
                }
            }
            all.push(Err(bad.to_error()));
        }
        all.extend(items.map(Ok));
        (all, count)
    }
}

fn pages(total: i64, size: i64) -> Option<i64> {
    (size > 0).then(|| {
        let total = total.max(0);
        total / size + i64::from(total % size != 0)
    })
}

/// Every item of a paged list. `fetch(n)` gets page `n` (from 1); up to `concurrency` pages
/// are in flight at once (at least one). The walk ends as the [module docs](self) say.
pub fn items<'a, P, F, Fut>(fetch: F, concurrency: usize) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(i32) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    let walk = Walk {
        fetch,
        in_flight: FuturesOrdered::new(),
        limit: concurrency.max(1),
        next: 1,
        last: 1,
        received: 0,
        done: false,
    };
    stream::unfold(walk, |mut walk| async move {
        let page = walk.step().await?;
        Some((page, walk))
    })
    .flat_map(|page| match page {
        Ok(items) => stream::iter(items),
        Err(err) => stream::iter(vec![Err(err)]),
    })
    .boxed()
}

/// The state of one walk: the pages in flight, in page order.
struct Walk<F, Fut: Future> {
    fetch: F,
    in_flight: FuturesOrdered<Fut>,
    limit: usize,
    /// The next page to ask for (one past MAX_PAGE once that has been asked for).
    next: i64,
    /// The last page known to exist, from the latest page received.
    last: i32,
    /// Pages received so far: the number of the next to arrive, less one.
    received: i32,
    done: bool,
}

impl<P, F, Fut> Walk<F, Fut>
where
    P: Paged,
    F: Fn(i32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    /// The next page's items (those that did not decode as errors in their places), or its
    /// error; `None` once the walk has ended.
    async fn step(&mut self) -> Option<Result<Vec<Result<P::Item, Error>>, Error>> {
        if self.done {
            return None;
        }
        while self.in_flight.len() < self.limit && self.next <= i64::from(self.last) {
            // `last` never exceeds MAX_PAGE, so the page number fits.
            self.in_flight.push_back((self.fetch)(self.next as i32));
            self.next += 1;
        }
        let page = self.in_flight.next().await?;
        self.received += 1;
        let (items, count) = match page {
            Ok(page) => page.into_results(),
            Err(err) => {
                // Dropping what is in flight cancels those requests.
                self.stop();
                return Some(Err(err));
            }
        };
        match count.next_last(self.received, items.is_empty()) {
            Some(last) => self.last = last,
            None => self.stop(),
        }
        Some(Ok(items))
    }

    fn stop(&mut self) {
        self.done = true;
        self.in_flight = FuturesOrdered::new();
    }
}

/// A page of a list that pages by continuation token.
pub trait CursorPaged {
    /// The list's item.
    type Item;
    /// The items, and the token of the next page (absent on the last).
    fn into_items(self) -> (Vec<Self::Item>, Option<String>);
}

/// Every item of a list that pages by continuation token: `fetch(None)` gets the first page,
/// `fetch(Some(token))` the page a token points to. The walk ends at a page without a token,
/// at the first error (yielded), or with [`Error::RepeatedCursor`] when the server hands out
/// a token it gave before, which would otherwise loop for ever.
pub fn cursor_items<'a, P, F, Fut>(fetch: F) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: CursorPaged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(Option<String>) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    struct Walk<F> {
        fetch: F,
        next: Option<Option<String>>,
        seen: std::collections::HashSet<String>,
    }
    let walk = Walk {
        fetch,
        next: Some(None),
        seen: std::collections::HashSet::new(),
    };
    stream::unfold(walk, |mut walk| async move {
        let token = walk.next.take()?;
        let page = match (walk.fetch)(token).await {
            Ok(page) => page,
            Err(err) => return Some((Err(err), walk)),
        };
        let (items, next) = page.into_items();
        match next.filter(|token| !token.is_empty()) {
            Some(token) if !walk.seen.insert(token.clone()) => {
                // The items came; the repeat is reported after them.
                let repeated = Error::RepeatedCursor { token };
                return Some((Ok((items, Some(repeated))), walk));
            }
            next => walk.next = next.map(Some),
        }
        Some((Ok((items, None)), walk))
    })
    .flat_map(|page| match page {
        Ok((items, repeated)) => stream::iter(
            items
                .into_iter()
                .map(Ok)
                .chain(repeated.map(Err))
                .collect::<Vec<_>>(),
        ),
        Err(err) => stream::iter(vec![Err(err)]),
    })
    .boxed()
}

/// [`items`] for a list declared with `#[params] paging: PageParams`: `list(params)`
/// gets the page `params` names, with the size, filter and order of `options`.
///
/// ```no_run
/// use codat_client::paging::{self, PageOptions, PageParams};
/// use codat_client::{endpoint, models::Page, Error};
/// use futures_util::stream::BoxStream;
///
/// #[derive(serde::Deserialize)]
/// pub struct Journal {
///     pub id: String,
/// }
///
/// codat_client::resource! {
///     /// A company's journals.
///     pub struct Journals;
/// }
///
/// impl<'a> Journals<'a> {
///     /// One page of journals.
///     #[endpoint(GET, "/companies/<company_id>/journals", errors = [401, 404])]
///     pub async fn list(self, company_id: &str, #[params] paging: PageParams)
///         -> Result<Page<Journal>, Error>;
///
///     /// Every journal, page after page or `options.concurrency(n)` pages at once; the
///     /// stream owns the client and the id, so it can be returned or sent to a task.
///     pub fn list_all(self, company_id: &str, options: PageOptions)
///         -> BoxStream<'static, Result<Journal, Error>>
///     {
///         let owned = (self.codat.clone(), company_id.to_owned());
///         paging::walk_params(
///             options,
///             paging::owning(owned, |owned, params: PageParams| async move {
///                 let (codat, company_id) = &*owned;
///                 Journals::new(codat).list(company_id, params).await
///             }),
///         )
///     }
/// }
/// ```
pub fn walk_params<'a, P, F, Fut>(
    options: PageOptions,
    list: F,
) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(PageParams) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    let concurrency = options.concurrency;
    items(
        move |page| list(PageParams::for_walk(page, &options)),
        concurrency,
    )
}

/// A page fetcher for a stream that owns what it fetches with, so that the stream is
/// `'static` and can be returned, stored or sent to another task: `fetch` gets `state` (the
/// client and the ids, shared behind one `Arc` rather than copied for each page) and the
/// walker's argument ([`PageParams`], a page number or a continuation token).
///
/// ```
/// use codat_client::paging::{self, PageOptions, PageParams};
/// use codat_client::models::Page;
/// use codat_client::{Codat, Error};
/// use futures_util::stream::BoxStream;
///
/// async fn page(codat: &Codat, company: &str, params: &PageParams) -> Result<Page<String>, Error> {
///     # let _ = (codat, company, params);
///     todo!("one page, e.g. from an operation declared with #[endpoint]")
/// }
///
/// fn every_name(codat: &Codat, company: &str) -> BoxStream<'static, Result<String, Error>> {
///     let owned = (codat.clone(), company.to_owned());
///     paging::walk_params(
///         PageOptions::new(),
///         paging::owning(owned, |owned, params: PageParams| async move {
///             let (codat, company) = &*owned;
///             page(codat, company, &params).await
///         }),
///     )
/// }
/// ```
pub fn owning<S, A, Fut>(state: S, fetch: impl Fn(Arc<S>, A) -> Fut) -> impl Fn(A) -> Fut {
    let state = Arc::new(state);
    move |arg| fetch(Arc::clone(&state), arg)
}

/// [`items`] for a list that takes `page`, `pageSize`, `query` and `orderBy` as parameters of
/// their own: `list(page, options)` gets one page.
pub fn walk<'a, P, F, Fut>(options: PageOptions, list: F) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(i32, PageOptions) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    let concurrency = options.concurrency;
    items(move |page| list(page, options.clone()), concurrency)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    #[test]
    fn items_that_did_not_decode_come_as_errors_in_their_places() {
        let page: Page<u8> = serde_json::from_str(
            r#"{"results":["x",1,2,"y",3,"z"],"pageNumber":1,"pageSize":6,"totalResults":6}"#,
        )
        .unwrap();
        let (results, count) = page.into_results();
        let shape: Vec<Result<u8, String>> = results
            .into_iter()
            .map(|r| {
                r.map_err(|e| match e {
                    Error::Decode { path, .. } => path,
                    other => panic!("{other:?}"),
                })
            })
            .collect();
        assert_eq!(
            shape,
            [
                Err("results[0]".to_owned()),
                Ok(1),
                Ok(2),
                Err("results[3]".to_owned()),
                Ok(3),
                Err("results[5]".to_owned()),
            ]
        );
        assert_eq!(count.pages, Some(1));
        // Without bad items, the items as they are.
        let page: Page<u8> = serde_json::from_str(
            r#"{"results":[1,2],"pageNumber":1,"pageSize":2,"totalResults":2}"#,
        )
        .unwrap();
        let (results, _) = page.into_results();
        assert_eq!(
            results.into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            [1, 2]
        );
    }

    /// Page `n` of `total` numbers in pages of two; page `fail` is a 500 instead, and the
    /// number 3 comes as text, which does not decode (a decode error of the 200 it came in).
    fn page(n: i32, total: i64, fail: i32) -> Result<Page<u8>, Error> {
        if n == fail {
            return Err(crate::response::classify(500, None, b"", &[]));
        }
        let first = i64::from(n - 1) * 2 + 1;
        let items: Vec<serde_json::Value> = (first..(first + 2).min(total + 1))
            .map(|i| if i == 3 { "three".into() } else { i.into() })
            .collect();
        let json = serde_json::json!({
            "results": items, "pageNumber": n, "pageSize": 2, "totalResults": total
        });
        Ok(serde_json::from_value(json).unwrap())
    }

    async fn walk(total: i64, fail: i32, concurrency: usize) -> Vec<Result<u8, Option<u16>>> {
        use futures_util::StreamExt;
        let stream = items(
            move |n| std::future::ready(page(n, total, fail)),
            concurrency,
        );
        let all = tokio::time::timeout(std::time::Duration::from_secs(10), stream.collect());
        let all: Vec<Result<u8, Error>> = all.await.expect("the walk ends");
        all.into_iter().map(|r| r.map_err(|e| e.status())).collect()
    }

    #[tokio::test]
    async fn a_walk_yields_every_page_in_order_and_ends_at_the_last_or_an_error() {
        for concurrency in [1, 2, 5] {
            assert_eq!(
                walk(5, 0, concurrency).await,
                [Ok(1), Ok(2), Err(Some(200)), Ok(4), Ok(5)],
                "{concurrency}"
            );
            assert_eq!(
                walk(6, 2, concurrency).await,
                [Ok(1), Ok(2), Err(Some(500))],
                "{concurrency}"
            );
            assert_eq!(walk(0, 0, concurrency).await, []);
        }
    }

    #[test]
    fn page_count_rounds_up() {
        assert_eq!(pages(0, 100), Some(0));
        assert_eq!(pages(1, 100), Some(1));
        assert_eq!(pages(250, 100), Some(3));
        assert_eq!(pages(300, 100), Some(3));
        assert_eq!(pages(10, 0), None);
        assert_eq!(pages(-5, 10), Some(0));
        assert_eq!(pages(i64::MAX, 1), Some(i64::MAX));
        assert_eq!(pages(i64::MAX, 100), Some(i64::MAX / 100 + 1));
    }

    fn count(pages: Option<i64>, has_next: Option<bool>) -> PageCount {
        PageCount { pages, has_next }
    }

    #[test]
    fn where_a_walk_goes_after_a_page() {
        // The total decides when links do not.
        assert_eq!(count(Some(3), None).next_last(1, false), Some(3));
        assert_eq!(count(Some(3), None).next_last(3, false), None);
        // An empty page or a page without `next` ends the walk, whatever the total says.
        assert_eq!(count(Some(9), None).next_last(2, true), None);
        assert_eq!(count(Some(9), Some(false)).next_last(2, false), None);
        // A `next` link goes on even past a total that has become stale.
        assert_eq!(count(Some(2), Some(true)).next_last(2, false), Some(3));
        assert_eq!(count(Some(5), Some(true)).next_last(2, false), Some(5));
        // Neither: go on until an empty page.
        assert_eq!(count(None, None).next_last(7, false), Some(8));
        // Never past the last page number the parameter can carry.
        assert_eq!(
            count(Some(i64::MAX), None).next_last(1, false),
            Some(MAX_PAGE)
        );
        assert_eq!(count(None, Some(true)).next_last(MAX_PAGE, false), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn page_counts_never_overflow_and_cover_the_total(total in any::<i64>(), size in any::<i64>()) {
            match pages(total, size) {
                None => prop_assert!(size <= 0),
                Some(n) => {
                    prop_assert!(n >= 0);
                    let total = i128::from(total.max(0));
                    let size = i128::from(size);
                    // Enough pages for every item, and not one more.
                    prop_assert!(i128::from(n) * size >= total);
                    prop_assert!((i128::from(n) - 1) * size < total || n == 0);
                }
            }
        }

        #[test]
        fn the_next_last_page_is_past_this_one_and_within_the_parameter(
            pages in proptest::option::of(any::<i64>()),
            has_next in proptest::option::of(any::<bool>()),
            n in 1..=MAX_PAGE,
            empty in any::<bool>(),
        ) {
            if let Some(last) = count(pages, has_next).next_last(n, empty) {
                prop_assert!(last > n);
                prop_assert!(!empty && has_next != Some(false));
            }
        }
    }
}
