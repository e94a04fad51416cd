// A `#[params]` value must be a parameter group, and a group's fields are set through its
// setters, each taking the field's own type.
use codat_client::paging::PageParams;
use codat_client::{endpoint, Codat, Error, Resource};

pub struct NotAGroup {
    pub tags: Option<String>,
}

pub struct Companies<'a>(&'a Codat);

impl Resource for Companies<'_> {
    fn codat(&self) -> &Codat {
        self.0
    }
}

impl Companies<'_> {
    #[endpoint(GET, "/companies")]
    pub async fn list(&self, #[params] filter: NotAGroup) -> Result<(), Error>;
}

fn main() {
    let _ = PageParams::new().page("2");
}
