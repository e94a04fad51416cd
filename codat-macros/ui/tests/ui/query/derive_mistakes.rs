use codat_client::query::Queryable;

#[derive(Queryable)]
pub enum Kind {
    A,
}

#[derive(serde::Deserialize, Queryable)]
#[serde(rename_all = "kebab-case")]
pub struct Renamed {
    pub a: u8,
}

#[derive(Queryable)]
pub struct Odd {
    #[query(sometimes)]
    pub a: u8,
}

fn main() {}
