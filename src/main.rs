//! Entry point of the browser reader: panic hook, then mount the app.

mod app;
mod components;
mod data;
mod list_state;
mod navigation;
mod paths;
mod routes;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
