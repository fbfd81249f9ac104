//! The interface language: chosen once at start (the address's `?hl=`, the
//! visitor's saved choice, the browser's languages, the site's default —
//! broadsheet-core's `i18n::choose`), its catalog fetched from
//! `locales/<code>.json` (English is compiled in), `<html lang dir>` set to
//! it. Numbers, plural categories and dates come from the browser's `Intl`,
//! so no locale data is in the wasm. Changing the language reloads the page
//! in it: every string on screen then comes from one catalog.

use std::cell::RefCell;
use std::sync::Arc;

use broadsheet_core::i18n::{self, Catalog, Language, Locale, Wishes, Words, CATEGORIES};
use broadsheet_core::Date;
use wasm_bindgen::{JsCast, JsValue};

use crate::{device, paths};

/// Where the visitor's choice is kept (local storage).
const KEY: &str = "broadsheet-language";
/// The address parameter that names a language (`?hl=ur`).
pub const PARAM: &str = "hl";
/// The largest catalog accepted.
const CATALOG_LIMIT: u64 = 256 << 10;

thread_local! {
    static WORDS: RefCell<Arc<Words>> = RefCell::new(Arc::new(english_words()));
    static ENGLISH: Arc<Catalog> = Arc::new(parse(i18n::ENGLISH_SOURCE).unwrap_or_default());
    static INTL: RefCell<Option<Formats>> = const { RefCell::new(None) };
}

/// The interface's words (English until [`start`] has chosen).
pub fn words() -> Arc<Words> {
    // `try_`: the panic notice asks too, and must not panic again.
    WORDS
        .try_with(|w| w.try_borrow().ok().map(|w| w.clone()))
        .ok()
        .flatten()
        .unwrap_or_else(|| Arc::new(english_words()))
}

/// Chooses the language, fetches its catalog (English if it cannot be
/// had) and sets `<html lang dir>`. The site's default is what the static
/// page was written in: its `<html lang>`.
pub async fn start() {
    let window = web_sys::window();
    let root = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    let site = root
        .as_ref()
        .and_then(|r| r.get_attribute("data-site-lang"));
    let url = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(PARAM));
    let browser: Vec<String> = window
        .as_ref()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default();
    let saved = device::get(KEY);
    let language = i18n::choose(&Wishes {
        url: url.as_deref(),
        saved: saved.as_deref(),
        browser: &browser,
        site: site.as_deref(),
    });
    let words = match load(language).await {
        Ok(words) => words,
        Err(error) => {
            web_sys::console::warn_1(
                &format!("interface language {}: {error}", language.code).into(),
            );
            english_words()
        }
    };
    if let Some(root) = root {
        let _ = root.set_attribute("lang", words.language.code);
        let _ = root.set_attribute("dir", words.language.dir());
    }
    // A language the address named stays in the address, page to page, so
    // a link copied later still names it.
    if url.is_some_and(|u| i18n::language(&u).is_some_and(|l| l == words.language)) {
        paths::keep_language(words.language.code);
    }
    WORDS.with(|w| *w.borrow_mut() = Arc::new(words));
}

fn english() -> Arc<Catalog> {
    ENGLISH.with(Arc::clone)
}

fn english_words() -> Words {
    Words::new(i18n::ENGLISH, english(), english(), Arc::new(Intl))
}

/// A catalog file, read by the browser's `JSON.parse` (serde's JSON
/// values would cost the wasm more than the catalog itself).
fn parse(text: &str) -> Result<Catalog, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    let mut catalog = Catalog::default();
    for pair in js_sys::Object::entries(value.dyn_ref().ok_or("not an object")?).iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if let Some(text) = value.as_string() {
            catalog.add_text(key, text);
        } else if let Some(forms) = value.dyn_ref::<js_sys::Object>() {
            let forms = js_sys::Object::entries(forms)
                .iter()
                .filter_map(|form| {
                    let form: js_sys::Array = form.unchecked_into();
                    Some((form.get(0).as_string()?, form.get(1).as_string()?))
                })
                .collect();
            catalog.add_count(key, forms)?;
        }
    }
    Ok(catalog)
}

/// A catalog file (small: no retries; failing, the reader speaks English).
async fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let bytes = response.binary().await.map_err(|e| e.to_string())?;
    if bytes.len() as u64 > CATALOG_LIMIT {
        return Err(format!("{url} is larger than a catalog can be"));
    }
    Ok(bytes)
}

async fn load(language: &'static Language) -> Result<Words, String> {
    if language == i18n::ENGLISH {
        return Ok(english_words());
    }
    let catalog = {
        let path = format!("locales/{}.json", language.code);
        let bytes = if crate::packed::active() {
            crate::packed::file(&path).ok_or("not in this copy")?
        } else {
            fetch(&paths::href(&format!("/{path}"))).await?
        };
        parse(&String::from_utf8_lossy(&bytes))?
    };
    Ok(Words::new(
        language,
        Arc::new(catalog),
        english(),
        Arc::new(Intl),
    ))
}

/// Asks for the catalog again once a service worker controls the page,
/// which keeps it for offline reading (the first visit fetched it before
/// the worker was there).
pub fn keep_for_offline() {
    let code = lang();
    if code == i18n::ENGLISH.code || crate::packed::active() {
        return;
    }
    leptos::task::spawn_local(async move {
        let url = paths::href(&format!("/locales/{code}.json"));
        let _ = fetch(&url).await;
    });
}

/// Keeps `code` as the visitor's choice and reloads the page in it (an
/// address that names a language is changed to name this one).
pub fn switch_to(code: &str) {
    device::set(KEY, code);
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let Ok(href) = location.href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    if url.search_params().has(PARAM) {
        url.search_params().set(PARAM, code);
        let _ = location.replace(&url.href());
    } else {
        let _ = location.reload();
    }
}

/// The browser's `Intl` for the interface language.
struct Intl;

struct Formats {
    code: &'static str,
    plurals: js_sys::Intl::PluralRules,
    /// By number of decimals: 0 and 1.
    numbers: [js_sys::Function; 2],
    dates: js_sys::Function,
}

fn with_formats<T>(f: impl FnOnce(&Formats) -> T) -> T {
    let code = words().language.code;
    INTL.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|formats| formats.code != code) {
            *cell = Some(Formats::new(code));
        }
        f(cell.as_ref().expect("just made"))
    })
}

fn options(pairs: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

impl Formats {
    fn new(code: &'static str) -> Formats {
        // English as this archive's English writes dates: 1 May 2024.
        let tag = if code == "en" { "en-GB" } else { code };
        let locales = js_sys::Array::of1(&tag.into());
        let number = |fraction: u32| {
            let options = options(&[
                ("useGrouping", false.into()),
                ("minimumFractionDigits", fraction.into()),
                ("maximumFractionDigits", fraction.into()),
            ]);
            js_sys::Intl::NumberFormat::new(&locales, &options).format()
        };
        let date_options = options(&[
            ("day", "numeric".into()),
            ("month", "long".into()),
            ("year", "numeric".into()),
            ("timeZone", "UTC".into()),
        ]);
        Formats {
            code,
            plurals: js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()),
            numbers: [number(0), number(1)],
            dates: js_sys::Intl::DateTimeFormat::new(&locales, &date_options).format(),
        }
    }
}

impl Locale for Intl {
    fn plural(&self, n: u64) -> &'static str {
        let category = with_formats(|f| String::from(f.plurals.select(n as f64)));
        CATEGORIES
            .into_iter()
            .find(|c| *c == category)
            .unwrap_or("other")
    }

    fn number(&self, n: f64, fraction: u8) -> String {
        with_formats(|f| {
            f.numbers[usize::from(fraction.min(1))]
                .call1(&JsValue::NULL, &n.into())
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| i18n::Plain.number(n, fraction))
    }

    fn date(&self, date: Date) -> String {
        let time = js_sys::Date::new_0();
        time.set_utc_full_year_with_month_date(
            u32::from(date.year()),
            i32::from(date.month()) - 1,
            i32::from(date.day()),
        );
        time.set_utc_hours(12);
        with_formats(|f| {
            f.dates
                .call1(&JsValue::NULL, &time)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| date.long_form())
    }
}

/// The text of `key` in the interface language.
pub fn t(key: &str) -> String {
    words().text(key).into_owned()
}

/// The text of `key` with its placeholders filled.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    words().fill(key, args)
}

/// The text of `key` for `n` things.
pub fn tn(key: &str, n: u64, args: &[(&str, &str)]) -> String {
    words().count(key, n, args)
}

/// A size in bytes, in the interface language.
pub fn size(bytes: u64) -> String {
    words().size(bytes)
}

/// The interface language's code, for `lang` attributes of interface text.
pub fn lang() -> &'static str {
    words().language.code
}

/// The interface language's direction, for `dir` attributes.
pub fn dir() -> &'static str {
    words().language.dir()
}
