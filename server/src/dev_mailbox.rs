//! `/dev/mailbox`: where emails land on a developer's machine without SMTP.
//!
//! Registered only in development mode without `SMTP_URL`; a production server has
//! no such route.

use app::server::mail::escape_html;
use app::server::store::{MailboxEntry, Store};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// How many emails the page shows, newest first.
const SHOWN: i64 = 50;

/// Renders the newest emails with their links clickable.
pub async fn page(State(store): State<Store>) -> Response {
    match store.mailbox(SHOWN).await {
        Ok(entries) => Html(render(&entries)).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not read the dev mailbox");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Could not read the outbox.",
            )
                .into_response()
        }
    }
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

fn render(entries: &[MailboxEntry]) -> String {
    let items: String = entries
        .iter()
        .map(|entry| {
            format!(
                "<article class=\"card\"><h2>{subject}</h2><p>To: {to} · queued at {at} (Unix time)</p>\
                 <pre class=\"mail-body\">{body}</pre></article>",
                subject = escape_html(&entry.subject),
                to = escape_html(&entry.to),
                at = entry.created_at,
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
