//! The browser side of Packagento: hydrates the server-rendered pages.

/// Entry point called by the JavaScript that loads the WebAssembly module.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
