use codat_macros::endpoint;

pub struct Error;
pub struct Bill;
pub struct Bills;

impl Bills {
    #[endpoint(POST, "/bills")]
    pub async fn create(
        &self,
        #[header] key: Option<&str>,
        #[header("Idempotency Key")] spaced: Option<&str>,
        #[header("Idempotency-Key")] first: Option<&str>,
        #[header("idempotency-key")] second: Option<&str>,
    ) -> Result<Bill, Error>;
}

fn main() {}
