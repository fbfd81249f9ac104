//! Calendar dates (no time of day, no zone): what an archive listing needs.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date, serialized as `YYYY-MM-DD`.
///
/// Field order makes the derived `Ord` chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a string is not a valid date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// Builds a date, checking the month and the day within that month.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError(format!("year {year} is out of range 1–9999")));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("month {month} is not 1–12")));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(DateError(format!(
                "day {day} does not exist in {year}-{month:02} (it has {last} days)"
            )));
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also accepting a trailing RFC 3339 time
    /// (`2021-05-01T10:00:00Z`), whose time part is ignored.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let day_part = text.split(['T', ' ']).next().unwrap_or("");
        let mut parts = day_part.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(DateError(format!(
                "`{text}` is not a date (expected YYYY-MM-DD)"
            )));
        };
        let number = |s: &str, width: usize| -> Option<u16> {
            (s.len() == width && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m as u8, d as u8),
            _ => Err(DateError(format!(
                "`{text}` is not a date (expected YYYY-MM-DD)"
            ))),
        }
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as one number that sorts like the date (not a day count):
    /// compact in varint-coded lists of nearby dates.
    pub fn packed(self) -> u32 {
        (u32::from(self.year) << 9) | (u32::from(self.month) << 5) | u32::from(self.day)
    }

    /// The date [`Date::packed`] gave `value`, if it is one.
    pub fn from_packed(value: u32) -> Option<Date> {
        let year = u16::try_from(value >> 9).ok()?;
        Date::new(year, ((value >> 5) & 0xf) as u8, (value & 0x1f) as u8).ok()
    }

    /// Days since 1 January of year 1 (that day is 0): a count in which
    /// consecutive days are consecutive numbers, for periods of days.
    pub fn day_number(self) -> u32 {
        // Howard Hinnant's days-from-civil, counted from 0001-01-01.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        // 0000-03-01 is day 0 of this count; 0001-01-01 is 306 days later.
        (era * 146_097 + doe - 306) as u32
    }

    /// The date of a [`Date::day_number`].
    pub fn from_day_number(number: u32) -> Option<Date> {
        let z = i64::from(number) + 306;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8).ok()
    }

    /// A human form in English, e.g. `1 May 2021`.
    pub fn long_form(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(Date::new(1, 1, 1).unwrap().day_number(), 0);
        let pairs = [
            ("2024-02-28", "2024-02-29"),
            ("2024-02-29", "2024-03-01"),
            ("1999-12-31", "2000-01-01"),
        ];
        for (a, b) in pairs {
            let (a, b) = (Date::parse(a).unwrap(), Date::parse(b).unwrap());
            assert_eq!(a.day_number() + 1, b.day_number(), "{a} → {b}");
        }
        let mut day = Date::parse("1899-12-25").unwrap();
        for _ in 0..100_000 {
            let n = day.day_number();
            assert_eq!(Date::from_day_number(n), Some(day));
            let next = Date::from_day_number(n + 1).unwrap();
            assert!(next > day);
            day = next;
        }
        assert_eq!(day.to_string(), "2173-10-09");
    }

    #[test]
    fn parses_and_prints() {
        let cases = [
            ("2021-05-01", Some("2021-05-01")),
            ("2024-02-29", Some("2024-02-29")),
            ("2021-05-01T10:00:00Z", Some("2021-05-01")),
            (" 2015-12-31 ", Some("2015-12-31")),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2021-13-01", None),
            ("2021-04-31", None),
            ("2021-5-1", None),
            ("May 1 2021", None),
            ("", None),
            ("0000-01-01", None),
        ];
        for (input, want) in cases {
            let got = Date::parse(input).ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "input {input:?}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let a = Date::parse("2019-12-31").unwrap();
        let b = Date::parse("2020-01-01").unwrap();
        assert!(a < b);
        assert_eq!(b.long_form(), "1 January 2020");
        assert!(a.packed() < b.packed());
        for d in [a, b, Date::parse("9999-12-31").unwrap()] {
            assert_eq!(Date::from_packed(d.packed()), Some(d));
        }
        assert_eq!(Date::from_packed(0), None);
        let february = Date::parse("2020-02-01").unwrap();
        assert_eq!(Date::from_packed(february.packed() | 0x1f), None);
    }

    #[test]
    fn serde_round_trip() {
        let d = Date::parse("2016-05-01").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2016-05-01\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2016-02-30\"").is_err());
    }
}
