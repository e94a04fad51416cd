use codat_client::models::companies::Company;
use codat_client::models::connections::Connection;
use codat_client::query::fields;

fn main() {
    let company = fields::<Company>();
    let connection = fields::<Connection>();
    let _ = company.name().eq("Bakery") & connection.platform_name().eq("Xero");
}
