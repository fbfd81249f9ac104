//! The builder's locale for pages and feeds in the site's language: plural
//! categories, digits and long dates from ICU4X's CLDR data, the same data
//! the browser's `Intl` gives the reader (`src/words.rs`), so a static page
//! and the reader's page that replaces it say a count or a date alike.

use broadsheet_core::i18n::{Locale, Plain};
use broadsheet_core::Date;
use icu_calendar::Date as IcuDate;
use icu_datetime::fieldsets::YMD;
use icu_datetime::DateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as Tag;
use icu_plurals::{PluralCategory, PluralRules};

/// One language's formatters.
pub struct Icu {
    plurals: PluralRules,
    numbers: DecimalFormatter,
    dates: DateTimeFormatter<YMD>,
}

impl Icu {
    /// The formatters of interface language `code` (`None`: ICU has no
    /// data for it, or the code is not a language tag).
    pub fn new(code: &str) -> Option<Icu> {
        // English as this archive's English writes dates: 1 May 2024 (the
        // reader does the same).
        let tag: Tag = if code == "en" { "en-GB" } else { code }.parse().ok()?;
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(GroupingStrategy::Never);
        Some(Icu {
            plurals: PluralRules::try_new_cardinal((&tag).into()).ok()?,
            numbers: DecimalFormatter::try_new((&tag).into(), options).ok()?,
            dates: DateTimeFormatter::try_new((&tag).into(), YMD::long()).ok()?,
        })
    }
}

impl Locale for Icu {
    fn plural(&self, n: u64) -> &'static str {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    fn number(&self, n: f64, fraction: u8) -> String {
        let plain = format!("{n:.*}", usize::from(fraction));
        match plain.parse::<Decimal>() {
            Ok(decimal) => self.numbers.format(&decimal).to_string(),
            Err(_) => Plain.number(n, fraction),
        }
    }

    fn date(&self, date: Date) -> String {
        let iso = IcuDate::try_new_iso(i32::from(date.year()), date.month(), date.day());
        match iso {
            Ok(iso) => self.dates.format(&iso).to_string(),
            Err(_) => date.long_form(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn plural_categories_are_the_languages_own() {
        let arabic = Icu::new("ar").unwrap();
        let got: Vec<&str> = [0, 1, 2, 3, 11, 100].map(|n| arabic.plural(n)).to_vec();
        assert_eq!(got, ["zero", "one", "two", "few", "many", "other"]);
        let english = Icu::new("en").unwrap();
        assert_eq!(
            [1, 2, 0].map(|n| english.plural(n)),
            ["one", "other", "other"]
        );
        let french = Icu::new("fr").unwrap();
        assert_eq!([0, 1, 2].map(|n| french.plural(n)), ["one", "one", "other"]);
    }

    #[test]
    fn digits_and_dates_are_the_languages_own() {
        assert_eq!(Icu::new("fa").unwrap().number(1234.0, 0), "۱۲۳۴");
        assert_eq!(Icu::new("en").unwrap().number(1234.56, 1), "1234.6");
        assert_eq!(Icu::new("de").unwrap().number(2.5, 1), "2,5");
        assert_eq!(
            Icu::new("en").unwrap().date(day("2024-05-01")),
            "1 May 2024"
        );
        assert_eq!(
            Icu::new("fr").unwrap().date(day("2024-05-01")),
            "1 mai 2024"
        );
        assert_eq!(
            Icu::new("de").unwrap().date(day("2024-05-01")),
            "1. Mai 2024"
        );
        // As Chromium's Intl writes them (checked by hand on 2026-12-03),
        // the Persian calendar for Farsi included; Hindi's comma is ICU4X's
        // newer CLDR (Chromium: "1 मई 2024").
        let may_day = [
            ("ur", "1 مئی، 2024"),
            ("ar", "1 مايو 2024"),
            ("fa", "۱۲ اردیبهشت ۱۴۰۳"),
            ("es", "1 de mayo de 2024"),
            ("pt", "1 de maio de 2024"),
            ("hi", "1 मई, 2024"),
        ];
        for (code, want) in may_day {
            assert_eq!(
                Icu::new(code).unwrap().date(day("2024-05-01")),
                want,
                "{code}"
            );
        }
        assert!(Icu::new("not a tag").is_none());
    }
}
