use codat_macros::endpoint;

pub struct Error;
pub struct Token;
pub struct Companies;

impl Companies {
    #[endpoint(GET, "/companies")]
    pub async fn list(&self, #[query = "page"] page: Option<u32>) -> Result<Token, Error>;
}

fn main() {}
