//! Time on the server, beyond the Unix seconds of `app::core::time::now`: ISO-8601
//! stamps and the latest day a daily index can be published for.
use chrono::{Duration, NaiveDate, SecondsFormat, Utc};

/// The current time as ISO-8601 UTC, to the second.
pub fn now_iso8601() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Today in China (UTC+8).
pub fn today_in_china() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

/// Yesterday in China (UTC+8): the latest day a daily index can be published for.
pub fn yesterday_in_china() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive() - Duration::days(1)
}
