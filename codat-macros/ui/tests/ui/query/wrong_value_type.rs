use codat_client::models::connections::Connection;
use codat_client::models::refresh_data::PullOperation;
use codat_client::query::fields;

fn main() {
    let pull = fields::<PullOperation>();
    let _ = pull.progress().gt("fifty");
    let connection = fields::<Connection>();
    let _ = connection.status().eq("Linked");
}
