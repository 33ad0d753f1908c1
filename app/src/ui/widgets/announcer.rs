//! Live regions that tell what just happened, on screen where the person is looking
//! and to screen readers.

use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers the announcers of a process, so that a page shows only the newest message.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// What the app's announcers share, provided once by the app: which of the page's
/// announcers spoke last (0: none yet), and a message carried to the next page.
#[derive(Clone, Copy)]
pub struct Announcements {
    latest: RwSignal<u64>,
    carried: RwSignal<Option<String>>,
}

impl Announcements {
    /// Provides the record to everything below the caller.
    pub fn provide() {
        provide_context(Self {
            latest: RwSignal::new(0),
            carried: RwSignal::new(None),
        });
    }

    /// Carries `message` to the next page that delivers it, for a result that sends
    /// the person elsewhere.
    pub fn carry(message: String) {
        if let Some(announcements) = use_context::<Self>() {
            announcements.carried.set(Some(message));
        }
    }

    /// Says a carried message through `announcer` once the page shows.
    pub fn deliver(announcer: Announcer) {
        if let Some(announcements) = use_context::<Self>() {
            Effect::new(move || {
                if let Some(message) = announcements.carried.get() {
                    announcements.carried.set(None);
                    announcer.polite(message);
                }
            });
        }
    }
}

/// Announces results politely ("Bob is now an admin.") and errors assertively. A
/// message stays in view at the bottom of the window, wherever the control that
/// caused it is, until the next one or until dismissed; only the newest announcer of
/// the page shows its message.
#[derive(Clone, Copy)]
pub struct Announcer {
    id: u64,
    shared: Option<Announcements>,
    polite: RwSignal<String>,
    assertive: RwSignal<String>,
}

impl Announcer {
    /// A pair of empty live regions.
    pub fn new() -> Self {
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            shared: use_context::<Announcements>(),
            polite: RwSignal::new(String::new()),
            assertive: RwSignal::new(String::new()),
        }
    }

    /// Announces a result; clears the last error.
    pub fn polite(self, message: String) {
        self.assertive.set(String::new());
        self.polite.set(message);
        self.take_the_word();
    }

    /// Announces an error; clears the last result.
    pub fn assertive(self, message: String) {
        self.polite.set(String::new());
        self.assertive.set(message);
        self.take_the_word();
    }

    fn take_the_word(self) {
        if let Some(announcements) = self.shared {
            announcements.latest.set(self.id);
        }
    }

    fn dismiss(self) {
        self.polite.set(String::new());
        self.assertive.set(String::new());
    }

    /// The two regions and a "Dismiss" button, rendered in the section the messages
    /// belong to (for the reading order) and shown in view while they say something.
    pub fn regions(self) -> impl IntoView {
        let silenced = move || {
            self.shared
                .is_some_and(|shared| ![0, self.id].contains(&shared.latest.get()))
        };
        let speaking = move || !(self.polite.read().is_empty() && self.assertive.read().is_empty());
        view! {
            <div class="announcements" class:speaking=speaking hidden=silenced>
                <p class="notice" role="status" aria-live="polite">{move || self.polite.get()}</p>
                <p class="form-error" role="alert" aria-live="assertive">{move || self.assertive.get()}</p>
                <button type="button" class="link-button js-only" on:click=move |_| self.dismiss()>
                    "Dismiss"
                </button>
            </div>
        }
    }
}
