use codat_macros::endpoint;

pub struct Error;
pub struct Token;
pub struct Companies;

impl Companies {
    #[endpoint(FETCH, "/companies/<company>", errors = [200, 404, 404], retries = 3)]
    pub fn get(&self, company_id: &str) -> Token;
}

fn main() {}
