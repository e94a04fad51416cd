//! Streams over paged lists: every item of every page, fetched page after page or, once the
//! first page tells how many there are, several pages at a time with items kept in order.

use std::future::Future;

use futures_util::stream::{self, BoxStream, StreamExt};

use crate::models::custom_data_type::{CustomDataTypeRecord, CustomDataTypeRecords};
use crate::models::Page;
use crate::Error;

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
    /// come in page order. 1 (the default) fetches one page after another.
    pub fn concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages;
        self
    }
}

/// A page of some list, as the stream needs it.
pub trait Paged {
    /// The list's item.
    type Item;
    /// The items, and whether more pages may follow, given the page number asked for.
    fn into_items(self) -> (Vec<Self::Item>, PageCount);
}

/// Where a page stands among the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageCount {
    /// How many pages there are, from the total and the page size.
    pub pages: Option<i64>,
    /// Whether the page says another follows (its `next` link), when it says.
    pub has_next: Option<bool>,
}

impl<T> Paged for Page<T> {
    type Item = T;
    fn into_items(self) -> (Vec<T>, PageCount) {
        let count = PageCount {
            pages: pages(self.total_results, self.page_size),
            has_next: self.links.map(|links| links.next.is_some()),
        };
        (self.results, count)
    }
}

impl Paged for CustomDataTypeRecords {
    type Item = CustomDataTypeRecord;
    fn into_items(self) -> (Vec<CustomDataTypeRecord>, PageCount) {
        let count = PageCount {
            pages: self
                .total_results
                .zip(self.page_size)
                .and_then(|(t, s)| pages(t, s)),
            has_next: None,
        };
        (self.results.unwrap_or_default(), count)
    }
}

/// The pages of a walk, each as its items and count.
type PageStream<'a, T> = BoxStream<'a, Result<(Vec<T>, PageCount), Error>>;

fn pages(total: i64, size: i64) -> Option<i64> {
    (size > 0).then(|| (total.max(0) + size - 1) / size)
}

/// Every item of a paged list. `fetch(n)` gets page `n` (from 1); the walk ends after the last
/// page the total allows, at a page without a `next` link, at an empty page, or at the first
/// error (which is yielded).
pub fn items<'a, P, F, Fut>(fetch: F, concurrency: usize) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(i64) -> Fut + Clone + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    let first = fetch.clone();
    stream::once(async move { first(1).await })
        .flat_map(move |first| {
            let pages: PageStream<'a, P::Item> = match first {
                Err(err) => stream::iter([Err(err)]).boxed(),
                Ok(page) => {
                    let (items, count) = page.into_items();
                    let more = !items.is_empty() && count.has_next != Some(false);
                    let head = stream::iter([Ok((items, count))]);
                    match (more, count.pages) {
                        (false, _) => head.boxed(),
                        (true, Some(last)) if concurrency > 1 => {
                            let fetch = fetch.clone();
                            let rest = stream::iter(2..=last)
                                .map(move |n| {
                                    let fetch = fetch.clone();
                                    async move { fetch(n).await.map(Paged::into_items) }
                                })
                                .buffered(concurrency);
                            head.chain(rest).boxed()
                        }
                        (true, last) => head.chain(sequential(fetch.clone(), last)).boxed(),
                    }
                }
            };
            pages
        })
        .flat_map(|page| match page {
            Ok((items, _)) => stream::iter(items.into_iter().map(Ok).collect::<Vec<_>>()),
            Err(err) => stream::iter(vec![Err(err)]),
        })
        .boxed()
}

/// [`items`] for a list that takes `page`, `pageSize`, `query` and `orderBy`: `list(page,
/// options)` gets one page.
pub(crate) fn walk<'a, P, F, Fut>(
    options: PageOptions,
    list: F,
) -> BoxStream<'a, Result<P::Item, Error>>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(i32, PageOptions) -> Fut + Clone + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    let concurrency = options.concurrency;
    items(move |page| list(page as i32, options.clone()), concurrency)
}

/// Pages 2, 3, ... one at a time, while each says more follow.
fn sequential<'a, P, F, Fut>(fetch: F, last: Option<i64>) -> PageStream<'a, P::Item>
where
    P: Paged + Send + 'a,
    P::Item: Send + 'a,
    F: Fn(i64) -> Fut + Clone + Send + Sync + 'a,
    Fut: Future<Output = Result<P, Error>> + Send + 'a,
{
    stream::unfold(Some(2), move |next| {
        let fetch = fetch.clone();
        async move {
            let n = next?;
            if last.is_some_and(|last| n > last) {
                return None;
            }
            let page = fetch(n).await.map(Paged::into_items);
            let next = match &page {
                Ok((items, count)) if !items.is_empty() && count.has_next != Some(false) => {
                    Some(n + 1)
                }
                _ => None,
            };
            Some((page, next))
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up() {
        assert_eq!(pages(0, 100), Some(0));
        assert_eq!(pages(1, 100), Some(1));
        assert_eq!(pages(250, 100), Some(3));
        assert_eq!(pages(300, 100), Some(3));
        assert_eq!(pages(10, 0), None);
    }
}
