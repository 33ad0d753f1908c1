//! Compression of the static JavaScript, WebAssembly and CSS, and of nothing else.
//! A release build writes them precompressed (`cargo leptos build --release
//! --precompress`, Brotli at its best level), and those files are served as built;
//! others are compressed as they are sent.
//!
//! Pages and server functions' answers are never compressed: they can carry secrets
//! (access keys, link tokens) next to text someone else chose, which is what BREACH
//! reads from compressed sizes. The assets are public and are most of a first visit.

use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version, header};
use axum::response::Response;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// The content types compressed.
const COMPRESSED: [&str; 4] = [
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/wasm",
];

/// Brotli or gzip, whichever the browser prefers, for static assets over 1 KiB.
pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().compress_when(SizeAbove::new(1024).and(is_static_asset))
}

/// Marks the scripts and style sheets as varying with `Accept-Encoding`, precompressed
/// ones included, so that no cache hands Brotli to a browser that asked for none.
pub async fn vary_with_encoding(mut response: Response) -> Response {
    if response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(is_script_or_style)
    {
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether `content_type` is one of the app's public scripts or style sheets.
pub(crate) fn is_script_or_style(content_type: &str) -> bool {
    COMPRESSED.iter().any(|t| content_type.starts_with(t))
}

/// Whether a response is one of the public assets.
fn is_static_asset(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(is_script_or_style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;

    /// The encoding a response of `content_type` gets when the browser accepts any.
    async fn encoding_of(content_type: &'static str) -> Option<String> {
        let body = "a secret next to reflected text ".repeat(200);
        let app = Router::new()
            .route(
                "/",
                get(move || async move { ([(header::CONTENT_TYPE, content_type)], body) }),
            )
            .layer(layer());
        let request = Request::get("/")
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Body::empty())
            .expect("request");
        let response = app.oneshot(request).await.expect("response");
        response
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap_or_default().to_owned())
    }

    #[tokio::test]
    async fn only_static_assets_are_compressed() {
        assert_eq!(encoding_of("application/wasm").await.as_deref(), Some("br"));
        assert_eq!(encoding_of("text/javascript").await.as_deref(), Some("br"));
        assert_eq!(encoding_of("text/css").await.as_deref(), Some("br"));
        assert_eq!(encoding_of("text/html; charset=utf-8").await, None);
        assert_eq!(encoding_of("application/json").await, None);
    }
}
