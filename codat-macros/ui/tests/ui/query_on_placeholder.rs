use codat_macros::endpoint;

pub struct Error;
pub struct Token;
pub struct Companies;

impl Companies {
    #[endpoint(GET, "/companies/<company_id>")]
    pub async fn get(&self, #[query] company_id: &str) -> Result<Token, Error>;
}

fn main() {}
