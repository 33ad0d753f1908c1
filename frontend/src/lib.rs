//! The browser side of Packagento: hydrates the server-rendered pages.

/// Entry point called by the JavaScript that loads the WebAssembly module. Hydration
/// waits for the split-off code of the page being shown (see `app`'s `ui::routes`),
/// which the page's HTML already asked the browser to fetch.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
