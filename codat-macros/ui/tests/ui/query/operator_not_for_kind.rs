use codat_client::models::connections::Connection;
use codat_client::models::refresh_data::PullOperation;
use codat_client::query::fields;

fn main() {
    let pull = fields::<PullOperation>();
    let _ = pull.progress().contains("5");
    let _ = pull.requested().contains("2024");
    let _ = pull.is_completed().contains("t");
    let connection = fields::<Connection>();
    let _ = connection.status().gt(codat_client::models::connections::DataConnectionStatus::Linked);
}
