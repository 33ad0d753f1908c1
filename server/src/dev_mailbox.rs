//! `/dev/mailbox`: where emails land on a developer's machine without SMTP.
//!
//! Registered only in development mode without `SMTP_URL`; a production server has
//! no such route. The mail worker delivers into this process's memory, so the
//! outbox never keeps a body once it is sent, here as with SMTP.

use app::server::mail::escape_html;
use app::server::store::QueuedEmail;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many emails the page keeps and shows, newest first.
const KEPT: usize = 200;

/// One delivered email, as the page shows it.
#[derive(Debug, Clone)]
struct Letter {
    to: String,
    subject: String,
    text: String,
    delivered_at: i64,
}

/// The emails delivered by this process, newest first; cheap to clone.
#[derive(Clone, Default)]
pub struct DevMailbox(Arc<Mutex<VecDeque<Letter>>>);

impl DevMailbox {
    /// Delivers `email` into the mailbox at `now`.
    pub fn deliver(&self, email: &QueuedEmail, now: i64) {
        let letter = Letter {
            to: email.to.clone(),
            subject: email.subject.clone(),
            text: email.text.clone(),
            delivered_at: now,
        };
        let mut letters = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        letters.push_front(letter);
        letters.truncate(KEPT);
    }

    fn letters(&self) -> Vec<Letter> {
        let letters = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        letters.iter().cloned().collect()
    }
}

/// Renders the newest emails with their links clickable.
pub async fn page(State(mailbox): State<DevMailbox>) -> Response {
    Html(render(&mailbox.letters())).into_response()
}

fn linkify(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end();
            let rest = &piece[word.len()..];
            if word.starts_with("http://") || word.starts_with("https://") {
                let url = escape_html(word);
                format!("<a href=\"{url}\">{url}</a>{rest}")
            } else {
                escape_html(piece)
            }
        })
        .collect()
}

fn render(entries: &[Letter]) -> String {
    let items: String = entries
        .iter()
        .map(|entry| {
            format!(
                "<article class=\"card\"><h2>{subject}</h2><p>To: {to} · sent at {at} (Unix time)</p>\
                 <pre class=\"mail-body\">{body}</pre></article>",
                subject = escape_html(&entry.subject),
                to = escape_html(&entry.to),
                at = entry.delivered_at,
                body = linkify(&entry.text),
            )
        })
        .collect();
    let empty = if entries.is_empty() {
        "<p>No emails yet.</p>"
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Dev mailbox · Packagento</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/pkg/packagento.css\"></head>\
         <body><main id=\"main\"><h1>Dev mailbox</h1>\
         <p>Emails the app sent, newest first. This page exists only in development without SMTP_URL.</p>\
         {empty}{items}</main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_anchors_and_everything_else_is_escaped() {
        let html = linkify("Open http://a.test/v?token=x1\n<b>now</b>");
        assert!(
            html.contains("<a href=\"http://a.test/v?token=x1\">http://a.test/v?token=x1</a>\n")
        );
        assert!(html.contains("&lt;b&gt;now&lt;/b&gt;"));
    }
}
