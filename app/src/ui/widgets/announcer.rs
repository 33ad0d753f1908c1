//! Live regions that tell screen-reader users what just happened.

use leptos::prelude::*;

/// Announces results politely ("Bob is now an admin.") and errors assertively.
/// Shown on screen too, as the status line of the section that provides it.
#[derive(Clone, Copy)]
pub struct Announcer {
    polite: RwSignal<String>,
    assertive: RwSignal<String>,
}

impl Announcer {
    /// A pair of empty live regions.
    pub fn new() -> Self {
        Self {
            polite: RwSignal::new(String::new()),
            assertive: RwSignal::new(String::new()),
        }
    }

    /// Announces a result; clears the last error.
    pub fn polite(self, message: String) {
        self.assertive.set(String::new());
        self.polite.set(message);
    }

    /// Announces an error; clears the last result.
    pub fn assertive(self, message: String) {
        self.polite.set(String::new());
        self.assertive.set(message);
    }

    /// The two regions, rendered where the messages should appear.
    pub fn regions(self) -> impl IntoView {
        view! {
            <p class="notice" role="status" aria-live="polite">{move || self.polite.get()}</p>
            <p class="form-error" role="alert" aria-live="assertive">{move || self.assertive.get()}</p>
        }
    }
}
