//! How the reader looks, chosen by the reader and remembered on the device:
//! theme (follow the system, light, dark), text size and column width.
//! Applied as attributes on `<html>` that the style sheet reads, so one
//! setting changes every page at once.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::device;

/// Where the choice is kept (local storage, this device only).
const KEY: &str = "broadsheet-display";

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
        (Theme::System, "Follow the system"),
        (Theme::Light, "Light"),
        (Theme::Dark, "Dark"),
    ];

    fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

impl Width {
    pub const ALL: [(Width, &'static str); 3] = [
        (Width::Narrow, "Narrow"),
        (Width::Medium, "Medium"),
        (Width::Wide, "Wide"),
    ];

    fn attribute(self) -> &'static str {
        match self {
            Width::Narrow => "narrow",
            Width::Medium => "medium",
            Width::Wide => "wide",
        }
    }
}

/// The saved choice (defaults for anything missing or unreadable), applied
/// to the page now and again whenever it changes; provided as context.
pub fn start() -> RwSignal<Display> {
    let saved = device::get(KEY)
        .and_then(|text| serde_json::from_str::<Display>(&text).ok())
        .unwrap_or_default();
    let display = RwSignal::new(saved);
    Effect::new(move |_| {
        let current = display.get();
        apply(current);
        if let Ok(text) = serde_json::to_string(&current) {
            device::set(KEY, &text);
        }
    });
    provide_context(display);
    display
}

fn apply(display: Display) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match display.theme.attribute() {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
    let _ = root.set_attribute("data-width", display.width.attribute());
    // An attribute, not an inline style: the CSP refuses those.
    let _ = root.set_attribute("data-size", &display.percent().to_string());
}
