//! Calendar arithmetic for the book's dates (UTC, proleptic Gregorian), so
//! that every stage turns `Metadata::modified` into dates the same way.

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// The year (may be before 1970).
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59.
    pub second: u32,
}

impl DateTime {
    /// The moment `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_epoch(seconds: i64) -> DateTime {
        let days = seconds.div_euclid(86_400);
        let time = seconds.rem_euclid(86_400) as u32;
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        DateTime {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
            hour: time / 3600,
            minute: time / 60 % 60,
            second: time % 60,
        }
    }

    /// ISO 8601 / W3CDTF: `YYYY-MM-DDThh:mm:ssZ`.
    pub fn iso8601(&self) -> String {
        let DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = *self;
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }
}

/// Days since 1970-01-01 of a date (Howard Hinnant's civil-to-days algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_to_calendar_and_back() {
        assert_eq!(DateTime::from_epoch(0).iso8601(), "1970-01-01T00:00:00Z");
        assert_eq!(
            DateTime::from_epoch(951_782_400).iso8601(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_epoch(1_700_000_000).iso8601(),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(DateTime::from_epoch(-1).iso8601(), "1969-12-31T23:59:59Z");
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 800_000] {
            let d = DateTime::from_epoch(days * 86_400);
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
        }
    }
}
