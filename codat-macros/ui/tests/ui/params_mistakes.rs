use codat_macros::endpoint;

pub struct Error;
pub struct Page;
pub struct PageParams;
pub struct ReportParams;
pub struct Companies;

impl Companies {
    #[endpoint(GET, "/companies")]
    pub async fn list(
        &self,
        #[query(flatten)] paging: &PageParams,
        #[params(optional)] report: ReportParams,
        #[params]
        #[query]
        both: ReportParams,
    ) -> Result<Page, Error>;
}

fn main() {}
