use codat_macros::ParamGroup;

#[derive(Default, ParamGroup)]
pub struct ReportParams {
    #[query]
    pub report_date: String,
    pub unmarked: Option<i32>,
    #[query("periods")]
    pub number_of_periods: Option<i32>,
    #[query("periods")]
    pub period_count: Option<i32>,
    #[header("Idempotency Key")]
    pub key: Option<String>,
    #[query(flatten)]
    pub paging: Option<i32>,
    #[query]
    #[header("X-Tenant")]
    pub tenant: Option<String>,
}

#[derive(ParamGroup)]
pub enum NotAStruct {
    One,
}

#[derive(ParamGroup)]
pub struct Unnamed(Option<i32>);

fn main() {}
