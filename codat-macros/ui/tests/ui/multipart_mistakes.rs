use codat_macros::endpoint;

pub struct Error;
pub struct Upload;
pub struct Attachment;
pub struct Bills;

impl Bills {
    #[endpoint(GET, "/bills/<bill_id>/attachments")]
    pub async fn on_get(&self, bill_id: &str, #[multipart] file: Upload) -> Result<Attachment, Error>;

    #[endpoint(POST, "/bills/<bill_id>/attachments")]
    pub async fn two_bodies(
        &self,
        bill_id: &str,
        #[body] note: &str,
        #[multipart("file")] file: Upload,
    ) -> Result<Attachment, Error>;

    #[endpoint(POST, "/bills/<bill_id>/attachments")]
    pub async fn unnamed(&self, bill_id: &str, #[multipart("")] file: Upload) -> Result<Attachment, Error>;
}

fn main() {}
