//! The stemmers of an archive's languages other than English: each is a
//! small WebAssembly module of its own (`stemmers/<code>.wasm`, built from
//! `crates/stemmer`), fetched and started at the first search, so the
//! reader's wasm carries English's stemmer only and an archive pays for its
//! own languages alone. Registered with broadsheet-core, which asks for a
//! stem by language code; a module that could not load leaves that
//! language's words unstemmed in queries (its articles' words are then
//! found as typed, and by completion while typing).

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::paths;

/// A module is a few tens of kilobytes; anything far larger is not one.
const MODULE_LIMIT: f64 = 512.0 * 1024.0;

/// A started module's exports (see `crates/stemmer/src/lib.rs`).
struct Module {
    memory: WebAssembly::Memory,
    input: Function,
    stem: Function,
    output: Function,
}

thread_local! {
    /// Each language tried, and its module if it started (a handful: a
    /// list is smaller code than a map).
    static MODULES: RefCell<Vec<(&'static str, Option<Module>)>> = const { RefCell::new(Vec::new()) };
}

/// Makes the stemmers known to broadsheet-core (once, at start).
pub fn register() {
    broadsheet_core::search::set_platform_stemmer(stem);
}

/// Loads, once each, the stemmers of these languages (codes from
/// `broadsheet_core::search::separate_stemmers`): every request is sent
/// first, so they travel side by side.
pub async fn load(codes: &[&'static str]) {
    let requests: Vec<(&'static str, Option<Promise>)> = MODULES.with_borrow(|modules| {
        codes
            .iter()
            .filter(|&&code| !modules.iter().any(|(c, _)| *c == code))
            .map(|&code| (code, request(code)))
            .collect()
    });
    for (code, bytes) in requests {
        let module = started(bytes).await;
        if module.is_none() {
            web_sys::console::warn_2(&"Broadsheet: no stemmer for".into(), &code.into());
        }
        MODULES.with_borrow_mut(|modules| modules.push((code, module)));
    }
}

/// The module's bytes (a promise of an `ArrayBuffer` or a `Response`).
fn request(code: &str) -> Option<Promise> {
    let path = format!("stemmers/{code}.wasm");
    let window = web_sys::window()?;
    if crate::packed::active() {
        let bytes = crate::packed::file(&path)?;
        let buffer: JsValue = Uint8Array::from(&bytes[..]).buffer().into();
        return Some(Promise::resolve(&buffer));
    }
    Some(window.fetch_with_str(&paths::href(&format!("/{path}"))))
}

async fn started(bytes: Option<Promise>) -> Option<Module> {
    let mut bytes = JsFuture::from(bytes?).await.ok()?;
    if let Some(response) = bytes.dyn_ref::<Response>() {
        if !response.ok() {
            return None;
        }
        bytes = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    }
    let size = Reflect::get(&bytes, &"byteLength".into()).ok()?.as_f64()?;
    if size > MODULE_LIMIT {
        return None;
    }
    let module: WebAssembly::Module = JsFuture::from(WebAssembly::compile(&bytes))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let exports = WebAssembly::Instance::new(&module, &Object::new())
        .ok()?
        .exports();
    let export = |name: &str| Reflect::get(&exports, &name.into()).ok();
    Some(Module {
        memory: export("memory")?.dyn_into().ok()?,
        input: export("input")?.dyn_into().ok()?,
        stem: export("stem")?.dyn_into().ok()?,
        output: export("output")?.dyn_into().ok()?,
    })
}

/// The stem of `word` by the module of language `code`, if it is loaded.
fn stem(code: &str, word: &str) -> Option<String> {
    MODULES.with_borrow(|modules| {
        let module = modules.iter().find(|(c, _)| *c == code)?.1.as_ref()?;
        let call = |f: &Function, n: usize| -> Option<u32> {
            f.call1(&JsValue::NULL, &JsValue::from(n as u32))
                .ok()?
                .as_f64()
                .map(|v| v as u32)
        };
        let at = call(&module.input, word.len())?;
        let memory = module.memory.buffer();
        Uint8Array::new_with_byte_offset_and_length(&memory, at, word.len() as u32)
            .copy_from(word.as_bytes());
        let len = call(&module.stem, word.len())?;
        let from = call(&module.output, 0)?;
        // The module's memory may have grown: view it anew.
        let memory = module.memory.buffer();
        let bytes = Uint8Array::new_with_byte_offset_and_length(&memory, from, len).to_vec();
        String::from_utf8(bytes).ok()
    })
}
