use codat_macros::endpoint;

pub struct Error;
pub struct Token;
pub struct Companies;

impl Companies {
    #[endpoint(POST, "/companies")]
    pub async fn create(&self, #[body] a: &str, #[body] b: &str) -> Result<Token, Error>;
}

fn main() {}
