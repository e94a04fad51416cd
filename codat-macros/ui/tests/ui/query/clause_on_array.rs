use codat_client::models::companies::Company;
use codat_client::query::fields;

fn main() {
    let company = fields::<Company>();
    let _ = company.products().eq("lending");
}
