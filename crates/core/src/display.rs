//! The reader's display settings — theme, text size, column width — and how
//! they are kept (a small JSON value the reader stores on the device; a
//! damaged or older one reads as the defaults, field by field).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Width {
    Narrow,
    #[default]
    Medium,
    Wide,
}

/// Text sizes offered, as a share of the browser's own size (which the
/// reader's browser settings already scale).
pub const SIZES: [u16; 6] = [90, 100, 112, 125, 140, 160];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Display {
    pub theme: Theme,
    /// Index into [`SIZES`].
    pub size: usize,
    pub width: Width,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            theme: Theme::System,
            size: 1,
            width: Width::Medium,
        }
    }
}

impl Display {
    pub fn percent(self) -> u16 {
        SIZES[self.size.min(SIZES.len() - 1)]
    }

    pub fn smaller(self) -> Display {
        Display {
            size: self.size.saturating_sub(1),
            ..self
        }
    }

    pub fn larger(self) -> Display {
        Display {
            size: (self.size + 1).min(SIZES.len() - 1),
            ..self
        }
    }
}

impl Theme {
    pub const ALL: [(Theme, &'static str); 3] = [
        (Theme::System, "display.theme-system"),
        (Theme::Light, "display.theme-light"),
        (Theme::Dark, "display.theme-dark"),
    ];

    /// The `data-theme` value on `<html>` (none: follow the system).
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

impl Width {
    pub const ALL: [(Width, &'static str); 3] = [
        (Width::Narrow, "display.width-narrow"),
        (Width::Medium, "display.width-medium"),
        (Width::Wide, "display.width-wide"),
    ];

    /// The `data-width` value on `<html>`.
    pub fn attribute(self) -> &'static str {
        match self {
            Width::Narrow => "narrow",
            Width::Medium => "medium",
            Width::Wide => "wide",
        }
    }
}

impl Display {
    /// The settings kept as `text` (defaults for anything missing, unknown
    /// or unreadable; a size out of range is clamped).
    pub fn from_json(text: Option<&str>) -> Display {
        let display: Display = text
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        Display {
            size: display.size.min(SIZES.len() - 1),
            ..display
        }
    }

    pub fn to_json(self) -> String {
        serde_json::to_string(&self).expect("settings serialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_step_and_stop_at_the_ends() {
        let mut d = Display::default();
        assert_eq!(d.percent(), 100);
        for _ in 0..10 {
            d = d.larger();
        }
        assert_eq!(d.percent(), 160);
        for _ in 0..10 {
            d = d.smaller();
        }
        assert_eq!(d.percent(), 90);
    }

    #[test]
    fn kept_settings_read_back_and_damage_reads_as_defaults() {
        let d = Display {
            theme: Theme::Dark,
            size: 2,
            width: Width::Narrow,
        };
        assert_eq!(Display::from_json(Some(&d.to_json())), d);
        assert_eq!(d.to_json(), r#"{"theme":"dark","size":2,"width":"narrow"}"#);
        for damaged in [
            None,
            Some(""),
            Some("{"),
            Some("[1]"),
            Some(r#"{"theme":"purple"}"#),
        ] {
            assert_eq!(
                Display::from_json(damaged),
                Display::default(),
                "{damaged:?}"
            );
        }
        // Missing fields take their defaults; a size past the end is clamped.
        let partial = Display::from_json(Some(r#"{"theme":"light","size":99}"#));
        assert_eq!(
            partial,
            Display {
                theme: Theme::Light,
                size: SIZES.len() - 1,
                width: Width::Medium
            }
        );
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Width::Wide.attribute(), "wide");
    }
}
