use codat_macros::endpoint;

pub struct Error;
pub struct Page;
pub struct PageParams;
pub struct Companies;

impl Companies {
    #[endpoint(GET, "/companies")]
    pub async fn list(&self, #[query(flat)] paging: &PageParams) -> Result<Page, Error>;
}

fn main() {}
