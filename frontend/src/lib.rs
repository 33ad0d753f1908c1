//! The browser side of Packagento: hydrates the server-rendered pages.

use leptos::prelude::{document, window};

/// Entry point called by the JavaScript that loads the WebAssembly module. Hydration
/// waits for the split-off code of the page being shown (see `app`'s `ui::routes`),
/// which the page's HTML already asked the browser to fetch.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Server functions redirect after signing in or out, verifying an address and
    // accepting an invite or a share: each changes who the session is, so the page they
    // lead to loads afresh rather than inside the router with the old session's state.
    // Set before the router, whose own hook then does not replace it.
    _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        _ = window().location().assign(location);
    });
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::tachys::dom::body();
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        // Lets the effects hydration queued (the document's title among them) run.
        leptos::task::tick().await;
        mark_hydrated();
    });
}

/// Marks `<main>` once the whole page, its split-off code included, has hydrated:
/// the browser tests wait for `main[data-hydrated]` before they interact. The
/// document gets `data-scripts`, which hides the buttons that only a page without
/// scripts needs (a row's "Save" beside a dropdown that saves on change).
fn mark_hydrated() {
    if let Ok(Some(main)) = document().query_selector("main") {
        _ = main.set_attribute("data-hydrated", "true");
    }
    if let Some(root) = document().document_element() {
        _ = root.set_attribute("data-scripts", "on");
    }
}
