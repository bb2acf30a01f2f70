//! Periods as pages and the API write them (`YYYY-MM-DD`, `YYYY-MM`): checking them
//! and stepping between them.
use crate::index::model::Edition;
use chrono::{Datelike, NaiveDate};

pub use crate::index::model::Period;

/// The period one step before, for "change since yesterday / last month".
pub fn previous_period(edition: Edition, period: &str) -> Option<String> {
    match edition {
        Edition::Daily => {
            let (y, m, d) = split_date(period)?;
            let (y, m, d) = if d > 1 {
                (y, m, d - 1)
            } else if m > 1 {
                (y, m - 1, days_in_month(y, m - 1))
            } else {
                (y - 1, 12, 31)
            };
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        Edition::Monthly => {
            let (y, m) = split_month(period)?;
            let (y, m) = if m > 1 { (y, m - 1) } else { (y - 1, 12) };
            Some(format!("{y:04}-{m:02}"))
        }
    }
}

/// A bound of a series as its edition counts: a daily series reads a month as its
/// first day (`end` false) or its last; a monthly one reads a day as its month.
pub fn series_bound(edition: Edition, s: &str, end: bool) -> Option<String> {
    match (edition, split_date(s), split_month(s)) {
        (Edition::Daily, Some(_), _) | (Edition::Monthly, _, Some(_)) => Some(s.to_string()),
        (Edition::Daily, None, Some((y, m))) => {
            let d = if end { days_in_month(y, m) } else { 1 };
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        (Edition::Monthly, Some(_), None) => Some(s[..7].to_string()),
        _ => None,
    }
}

/// `YYYY-MM-DD` → (y, m, d), checked against the calendar.
pub fn split_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m) = split_month(&s[..7])?;
    let d: u32 = digits(&s[8..])?;
    (1..=days_in_month(y, m)).contains(&d).then_some((y, m, d))
}

/// `YYYY-MM` → (y, m).
pub fn split_month(s: &str) -> Option<(i32, u32)> {
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let y: u32 = digits(&s[..4])?;
    let m: u32 = digits(&s[5..])?;
    (y >= 1 && (1..=12).contains(&m)).then_some((y as i32, m))
}

fn digits(s: &str) -> Option<u32> {
    s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether `period` is well-formed for the edition.
pub fn valid_period(edition: Edition, period: &str) -> bool {
    match edition {
        Edition::Daily => split_date(period).is_some(),
        Edition::Monthly => split_month(period).is_some(),
    }
}

/// The period one step after, for "next day" links.
pub fn next_period(edition: Edition, period: &str) -> Option<String> {
    match edition {
        Edition::Daily => {
            let (y, m, d) = split_date(period)?;
            let (y, m, d) = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        Edition::Monthly => {
            let (y, m) = split_month(period)?;
            let (y, m) = if m < 12 { (y, m + 1) } else { (y + 1, 1) };
            Some(format!("{y:04}-{m:02}"))
        }
    }
}

/// `n` periods back from `period` (for trend windows).
pub fn periods_back(edition: Edition, period: &str, n: u32) -> String {
    let mut p = period.to_string();
    for _ in 0..n {
        match previous_period(edition, &p) {
            Some(prev) => p = prev,
            None => break,
        }
    }
    p
}

/// Number of periods from `from` to `to` inclusive (0 when either is malformed).
pub fn span(edition: Edition, from: &str, to: &str) -> usize {
    match edition {
        Edition::Daily => match (split_date(from), split_date(to)) {
            (Some((y1, m1, d1)), Some((y2, m2, d2))) => {
                let days = |y: i32, m: u32, d: u32| {
                    NaiveDate::from_ymd_opt(y, m, d)
                        .map(|x| x.num_days_from_ce() as i64)
                        .unwrap_or(0)
                };
                (days(y2, m2, d2) - days(y1, m1, d1)).max(0) as usize + 1
            }
            _ => 0,
        },
        Edition::Monthly => match (split_month(from), split_month(to)) {
            (Some((y1, m1)), Some((y2, m2))) => {
                ((y2 * 12 + m2 as i32) - (y1 * 12 + m1 as i32)).max(0) as usize + 1
            }
            _ => 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_bounds_take_either_form() {
        let b = |e, s, end| series_bound(e, s, end);
        assert_eq!(b(Edition::Daily, "2026-11-05", false).as_deref(), Some("2026-11-05"));
        assert_eq!(b(Edition::Daily, "2026-11", false).as_deref(), Some("2026-11-01"));
        assert_eq!(b(Edition::Daily, "2024-02", true).as_deref(), Some("2024-02-29"));
        assert_eq!(b(Edition::Monthly, "2026-11-05", true).as_deref(), Some("2026-11"));
        assert_eq!(b(Edition::Monthly, "2026-11", false).as_deref(), Some("2026-11"));
        assert_eq!(b(Edition::Daily, "2026-02-30", false), None);
        assert_eq!(b(Edition::Monthly, "0000-01", false), None);
    }

    #[test]
    fn previous_periods_cross_month_and_year_ends() {
        assert_eq!(previous_period(Edition::Daily, "2026-03-01").as_deref(), Some("2026-02-28"));
        assert_eq!(previous_period(Edition::Daily, "2024-03-01").as_deref(), Some("2024-02-29"));
        assert_eq!(previous_period(Edition::Daily, "2026-01-01").as_deref(), Some("2025-12-31"));
        assert_eq!(previous_period(Edition::Daily, "2026-11-22").as_deref(), Some("2026-11-21"));
        assert_eq!(previous_period(Edition::Monthly, "2026-01").as_deref(), Some("2025-12"));
        assert_eq!(previous_period(Edition::Daily, "2026-02-30"), None);
    }

    #[test]
    fn spans_count_both_ends_and_windows_step_back() {
        assert_eq!(span(Edition::Daily, "2026-01-01", "2026-01-01"), 1);
        assert_eq!(span(Edition::Daily, "2025-12-31", "2026-01-02"), 3);
        assert_eq!(span(Edition::Monthly, "2025-11", "2026-10"), 12);
        assert_eq!(periods_back(Edition::Daily, "2026-03-01", 29), "2026-01-31");
        assert_eq!(periods_back(Edition::Monthly, "2026-10", 11), "2025-11");
    }

    #[test]
    fn periods_are_checked_strictly() {
        assert!(valid_period(Edition::Daily, "2026-02-28"));
        for bad in
            ["2026-2-28", "2026-02-29", "2026-13-01", "20260228", "2026-02-28 ", "abcd-ef-gh", ""]
        {
            assert!(!valid_period(Edition::Daily, bad), "{bad:?}");
        }
        assert!(valid_period(Edition::Monthly, "2026-11"));
        assert!(!valid_period(Edition::Monthly, "2026-11-01"));
        assert!(!valid_period(Edition::Monthly, "2026-00"));
    }
}
