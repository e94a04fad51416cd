use codat_macros::endpoint;

pub struct Error;
pub struct Token;
pub struct Companies;

impl Companies {
    #[endpoint(GET, "/companies/<company_id>", errors = [401], errors = [404])]
    pub async fn get(&self, company_id: &str) -> Result<Token, Error>;
}

fn main() {}
