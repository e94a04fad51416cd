//! Which report an operation reads: one by id, or the latest (Lending's and Spend
//! Insights' report operations take it).

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

/// The `reportId` of the report operations: a report's UUID, or [`ReportId::Latest`] for the
/// company's most recent report of that type. Nothing else can be sent, so a typo in an id is
/// caught when it is parsed, not by Codat.
///
/// ```
/// use codat_client::models::ReportId;
///
/// let id: ReportId = "8a210b68-6988-11ed-a1eb-0242ac120002".parse().unwrap();
/// assert_eq!(id.to_string(), "8a210b68-6988-11ed-a1eb-0242ac120002");
/// assert_eq!("latest".parse::<ReportId>().unwrap(), ReportId::Latest);
/// assert!("../latest".parse::<ReportId>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportId {
    /// The report with this id.
    Id(Uuid),
    /// The company's most recent report of the type asked for.
    Latest,
}

impl From<Uuid> for ReportId {
    fn from(id: Uuid) -> ReportId {
        ReportId::Id(id)
    }
}

impl fmt::Display for ReportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Hyphenated lower case, as Codat writes ids.
            ReportId::Id(id) => fmt::Display::fmt(&id.hyphenated(), f),
            ReportId::Latest => f.write_str("latest"),
        }
    }
}

/// A string that is neither a UUID nor `latest`; it keeps the string it refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a report id is a UUID or `latest`, not {0:?}")]
pub struct InvalidReportId(pub String);

impl FromStr for ReportId {
    type Err = InvalidReportId;

    /// Accepts `latest` (exactly, as Codat spells it) or a UUID in any of its usual forms;
    /// an id is sent back hyphenated in lower case.
    fn from_str(s: &str) -> Result<ReportId, InvalidReportId> {
        if s == "latest" {
            return Ok(ReportId::Latest);
        }
        Uuid::parse_str(s)
            .map(ReportId::Id)
            .map_err(|_| InvalidReportId(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_latest_round_trip() {
        for s in ["8a210b68-6988-11ed-a1eb-0242ac120002", "latest"] {
            assert_eq!(s.parse::<ReportId>().unwrap().to_string(), s);
        }
        let upper: ReportId = "8A210B68-6988-11ED-A1EB-0242AC120002".parse().unwrap();
        assert_eq!(upper.to_string(), "8a210b68-6988-11ed-a1eb-0242ac120002");
        let simple: ReportId = "8a210b68698811eda1eb0242ac120002".parse().unwrap();
        assert_eq!(simple, upper);
    }

    #[test]
    fn anything_else_is_refused_and_kept() {
        for s in [
            "",
            "Latest",
            "LATEST",
            " latest",
            "latest/",
            "..",
            "../x",
            "a/b?c#d",
            "8a210b68-6988-11ed-a1eb-0242ac12000",
        ] {
            assert_eq!(
                s.parse::<ReportId>(),
                Err(InvalidReportId(s.to_owned())),
                "{s:?}"
            );
        }
        let message = "nope".parse::<ReportId>().unwrap_err().to_string();
        assert!(message.contains("\"nope\""), "{message}");
    }
}
