//! A metadata document as the repository answers it: its body, its `ETag` and the
//! date it last changed, answered 200 or 304 by the request's conditional headers;
//! and each project's `packages.json`, kept ready while its licences stay the same.

use app::server::AppState;
use axum::body::Bytes;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A metadata document ready to answer.
#[derive(Debug, Clone)]
pub struct Document {
    body: Bytes,
    etag: String,
    modified_at: i64,
}

impl Document {
    /// The document at `path` of the project's repository, with the date the
    /// database gives its body (see `Store::document_modified_at`).
    pub async fn dated(
        state: &AppState,
        project_id: i64,
        path: &str,
        value: &serde_json::Value,
    ) -> Result<Self, sqlx::Error> {
        let body = value.to_string();
        let etag = format!(
            "\"{}\"",
            Sha256::digest(body.as_bytes())[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let modified_at = state
            .store
            .document_modified_at(project_id, path, &etag, state.clock.now())
            .await?;
        Ok(Self {
            body: Bytes::from(body),
            etag,
            modified_at,
        })
    }

    /// The answer to `request`: 304 when the client's copy is current, by its
    /// `If-None-Match` when it sends one, else by its `If-Modified-Since` (what
    /// Composer sends); otherwise the body, with the `ETag` and `Last-Modified`.
    pub fn answer(&self, request: &Parts) -> Response {
        let header_text = |name| request.headers.get(name).and_then(|v| v.to_str().ok());
        let current = match header_text(header::IF_NONE_MATCH) {
            Some(held) => held.split(',').any(|tag| tag.trim() == self.etag),
            None => header_text(header::IF_MODIFIED_SINCE)
                .and_then(|since| httpdate::parse_http_date(since).ok())
                .is_some_and(|since| since >= http_time(self.modified_at)),
        };
        let last_modified = httpdate::fmt_http_date(http_time(self.modified_at));
        let headers = [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "private, no-cache"),
            (header::ETAG, self.etag.as_str()),
            (header::LAST_MODIFIED, last_modified.as_str()),
        ];
        if current {
            (StatusCode::NOT_MODIFIED, headers).into_response()
        } else {
            (StatusCode::OK, headers, self.body.clone()).into_response()
        }
    }
}

/// Unix seconds as the time an HTTP date names.
fn http_time(seconds: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}

/// How many projects' `packages.json` a server keeps ready; past it, it starts over.
const KEPT_ROOTS: usize = 1024;

/// Each project's `packages.json`, with the licence counter it was built at
/// ([`app::server::store::RepositoryKey::licences_version`]). The counter lives in the
/// database, so a document kept here is used only while it is still the project's,
/// on every server.
#[derive(Debug, Default)]
pub struct Roots(Mutex<HashMap<i64, (i64, Document)>>);

impl Roots {
    /// The project's document, if one was kept at `version`.
    pub fn get(&self, project_id: i64, version: i64) -> Option<Document> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(&project_id)
            .filter(|(at, _)| *at == version)
            .map(|(_, document)| document.clone())
    }

    /// Keeps the project's document, built at `version` or later.
    pub fn keep(&self, project_id: i64, version: i64, document: Document) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= KEPT_ROOTS && !kept.contains_key(&project_id) {
            kept.clear();
        }
        kept.insert(project_id, (version, document));
    }
}
