//! Time as residents read it: China Standard Time (UTC+8, no daylight saving), and
//! the one clock the server reads. Stored times are Unix seconds.

/// Now, in Unix seconds (pages and handlers read the clock here, rules never do).
#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Now, in the browser (for views that render in both places).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A Unix time as the date in China (UTC+8), `YYYY-MM-DD`.
pub fn china_date(ts: i64) -> String {
    let days = (ts + 8 * 3600).div_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A Unix time in China, `YYYY-MM-DD HH:MM`.
pub fn china_time(ts: i64) -> String {
    let secs = (ts + 8 * 3600).rem_euclid(86_400);
    format!("{} {:02}:{:02}", china_date(ts), secs / 3600, secs % 3600 / 60)
}

/// The value of an `<input type="datetime-local">` for `ts`, in China time.
pub fn china_input(ts: i64) -> String {
    china_time(ts).replacen(' ', "T", 1)
}

/// Reads "YYYY-MM-DDTHH:MM" (or with a space, optionally ":SS") as China time.
pub fn parse_china_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let mut d = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (h, min) = (t.next()??, t.next()??);
    let sec = t.next().flatten().unwrap_or(0);
    let days_in = [
        31,
        if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1970..=9999).contains(&y)
        || !(1..=12).contains(&m)
        || day < 1
        || day > days_in[(m - 1) as usize]
    {
        return None;
    }
    if !(0..24).contains(&h) || !(0..60).contains(&min) || !(0..60).contains(&sec) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + min * 60 + sec - 8 * 3600)
}

/// The month and day of a China date ("2026-11-30") as the language writes them in
/// a sentence: ("11", "30") in Chinese, ("Nov", "30") in English.
fn month_day(lang: crate::core::i18n::Lang, date: &str) -> (String, String) {
    let names =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m = date.get(5..7).unwrap_or("01").trim_start_matches('0');
    let d = date.get(8..10).unwrap_or("01").trim_start_matches('0').to_string();
    let month = match lang {
        crate::core::i18n::Lang::Zh => m.to_string(),
        crate::core::i18n::Lang::En => {
            names[m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1].to_string()
        }
    };
    (month, d)
}

/// A China date ("2026-11-29") in words: "11月29日", "29 Nov".
pub fn day_words(lang: crate::core::i18n::Lang, date: &str) -> String {
    let (month, d) = month_day(lang, date);
    lang.fmt(crate::core::i18n::Msg::TimeDay, &[("d", &d), ("month", &month)])
}

/// A China date ("2026-11-29") or month ("2026-11") in words, with its year:
/// "2026年11月29日", "29 Nov 2026"; "2026年11月", "Nov 2026".
pub fn date_words(lang: crate::core::i18n::Lang, period: &str) -> String {
    use crate::core::i18n::Msg;
    let y = period.get(..4).unwrap_or("");
    if period.len() == 7 {
        let (month, _) = month_day(lang, &format!("{period}-01"));
        return lang.fmt(Msg::TimeMonth, &[("y", y), ("month", &month)]);
    }
    let (month, d) = month_day(lang, period);
    lang.fmt(Msg::TimeDate, &[("y", y), ("month", &month), ("d", &d)])
}

/// "2026年11月30日" / "30 Nov 2026": the China day of a moment, in words.
pub fn date_words_at(lang: crate::core::i18n::Lang, ts: i64) -> String {
    date_words(lang, &china_date(ts))
}

/// "2026年11月30日 14:05" / "30 Nov 2026, 14:05": a moment in China, in words.
pub fn time_words(lang: crate::core::i18n::Lang, ts: i64) -> String {
    let clock = &china_time(ts)[11..];
    lang.fmt(crate::core::i18n::Msg::TimeAt, &[("date", &date_words_at(lang, ts)), ("time", clock)])
}

/// "11月30日 24:00截止 · 还剩14小时": when something closes, in words, and the time left
/// (days, then hours, then minutes) while it is open. A close at midnight is the end of
/// the day before ("24:00"), as notices say.
pub fn deadline(lang: crate::core::i18n::Lang, closes_at: i64, now: i64) -> String {
    use crate::core::i18n::Msg;
    let local = closes_at + 8 * 3600;
    let midnight = local.rem_euclid(86_400) == 0;
    let day_of = if midnight { closes_at - 1 } else { closes_at };
    let (month, d) = month_day(lang, &china_date(day_of));
    let secs = local.rem_euclid(86_400);
    let clock = match midnight {
        true => "24:00".to_string(),
        false => format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60),
    };
    let when = lang.fmt(Msg::TimeCloses, &[("d", &d), ("month", &month), ("time", &clock)]);
    let left = closes_at - now;
    if left <= 0 {
        return when;
    }
    let (n, unit) = if left >= 2 * 86_400 {
        (left / 86_400, Msg::TimeDaysLeft)
    } else if left >= 3600 {
        (left / 3600, Msg::TimeHoursLeft)
    } else {
        ((left / 60).max(1), Msg::TimeMinutesLeft)
    };
    format!("{when} · {}", lang.fmt(unit, &[("n", &n.to_string())]))
}

/// When something ran, in words: "11月1日至11月30日", "1 Nov to 30 Nov" (a close at
/// midnight ends the day before).
pub fn span_words(lang: crate::core::i18n::Lang, opens_at: i64, closes_at: i64) -> String {
    let last =
        if (closes_at + 8 * 3600).rem_euclid(86_400) == 0 { closes_at - 1 } else { closes_at };
    lang.fmt(
        crate::core::i18n::Msg::TimeSpan,
        &[
            ("from", &day_words(lang, &china_date(opens_at))),
            ("to", &day_words(lang, &china_date(last))),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_words_in_china_time() {
        use crate::core::i18n::Lang;
        // 2026-11-30 16:05 UTC is 2026-12-01 00:05 in China.
        let ts = 1_796_054_700;
        assert_eq!(china_time(ts), "2026-12-01 00:05");
        assert_eq!(date_words_at(Lang::Zh, ts), "2026年12月1日");
        assert_eq!(date_words_at(Lang::En, ts), "1 Dec 2026");
        assert_eq!(time_words(Lang::Zh, ts), "2026年12月1日 00:05");
        assert_eq!(time_words(Lang::En, ts), "1 Dec 2026, 00:05");
    }

    #[test]
    fn china_times_read_back() {
        for ts in [0i64, 1_700_000_000, 1_795_000_000, 951_782_400] {
            let minute = ts - ts.rem_euclid(60);
            assert_eq!(parse_china_time(&china_input(ts)), Some(minute), "{}", china_input(ts));
        }
        assert_eq!(parse_china_time("1970-01-01T08:00"), Some(0));
        assert_eq!(parse_china_time("2024-02-29 12:30:15"), Some(1_709_181_015));
        for bad in [
            "",
            "2025-02-29T10:00",
            "2026-13-01T00:00",
            "2026-11-23T24:00",
            "2026-11-23",
            "x-y-zTa:b",
        ] {
            assert_eq!(parse_china_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_chinese_calendar_days() {
        assert_eq!(china_date(0), "1970-01-01");
        assert_eq!(china_date(16 * 3600), "1970-01-02", "midnight in Beijing is 16:00 UTC");
        assert_eq!(china_date(1_795_276_800), "2026-11-22", "2026-11-21 16:00 UTC");
        assert_eq!(china_date(951_753_600), "2000-02-29");
        assert_eq!(china_time(1_795_276_800 + 3_661), "2026-11-22 01:01");
    }

    #[test]
    fn days_and_spans_read_in_words() {
        use crate::core::i18n::Lang;
        assert_eq!(day_words(Lang::Zh, "2026-11-29"), "11月29日");
        assert_eq!(day_words(Lang::En, "2026-01-05"), "5 Jan");
        assert_eq!(date_words(Lang::Zh, "2026-11-29"), "2026年11月29日");
        assert_eq!(date_words(Lang::En, "2026-11-29"), "29 Nov 2026");
        assert_eq!(date_words(Lang::Zh, "2026-11"), "2026年11月");
        assert_eq!(date_words(Lang::En, "2026-01"), "Jan 2026");
        let opens = parse_china_time("2026-11-01 00:00").unwrap();
        let closes = parse_china_time("2026-12-01 00:00").unwrap();
        assert_eq!(span_words(Lang::Zh, opens, closes), "11月1日至11月30日");
        assert_eq!(span_words(Lang::En, opens, closes + 3600), "1 Nov to 1 Dec");
    }

    #[test]
    fn deadlines_read_as_notices_write_them() {
        use crate::core::i18n::Lang;
        // 2026-11-30 24:00 in China is 2026-11-30T16:00Z.
        let close = parse_china_time("2026-12-01 00:00").unwrap();
        let now = parse_china_time("2026-11-30 10:00").unwrap();
        assert_eq!(deadline(Lang::Zh, close, now), "11月30日 24:00截止 · 还剩14小时");
        assert_eq!(deadline(Lang::En, close, now), "Closes 30 Nov 24:00 · 14 h left");
        let close = parse_china_time("2026-12-05 18:30").unwrap();
        assert_eq!(deadline(Lang::Zh, close, now), "12月5日 18:30截止 · 还剩5天");
        assert_eq!(deadline(Lang::Zh, now + 59, now), "11月30日 10:00截止 · 还剩1分钟");
        assert_eq!(deadline(Lang::Zh, now - 1, now), "11月30日 09:59截止");
    }
}
