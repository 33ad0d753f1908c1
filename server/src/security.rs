//! Protections applied to every request and response.

use crate::compression::is_script_or_style;
use app::server::crypto::new_token;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The origin that state-changing requests must come from (that of `PUBLIC_URL`).
#[derive(Clone)]
pub struct TrustedOrigin(pub Arc<str>);

impl TrustedOrigin {
    fn allows(&self, request: &Request) -> bool {
        let origin = self.0.as_ref();
        let headers = request.headers();
        if let Some(sent) = headers.get(header::ORIGIN) {
            // A form posted from a page served with `Referrer-Policy: no-referrer`
            // (those whose URL carries a token) says `Origin: null`; the browser's
            // own fetch metadata then tells whether it came from this site.
            if sent.as_bytes() == b"null" {
                return headers
                    .get("sec-fetch-site")
                    .is_some_and(|site| site.as_bytes() == b"same-origin");
            }
            return sent.as_bytes() == origin.as_bytes();
        }
        headers
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .is_some_and(|referer| {
                referer
                    .strip_prefix(origin)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    }
}

/// Refuses every request that may change something (anything but GET, HEAD and
/// OPTIONS) unless its `Origin`, or without one its `Referer`, is the app's own
/// origin (an `Origin: null` counts only with `Sec-Fetch-Site: same-origin`, which
/// scripts cannot set). Leptos server functions have no CSRF protection of their own.
pub async fn refuse_cross_site(
    State(trusted): State<TrustedOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || trusted.allows(&request) {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
    }
}

/// The policy for HTML that is not a Leptos page: no scripts at all.
const STRICT_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                          form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The policy of a Leptos page: its own scripts and WebAssembly, and the inline
/// scripts that carry `nonce`.
fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The script nonce of one request, minted here and handed to Leptos through the
/// request's extensions. The header is set here too, on the way out: a policy that
/// depends on the render reaching Leptos's response options was seen to be dropped
/// now and then (a page loaded right after a server function's redirect), which left
/// the page without its scripts.
#[derive(Clone)]
pub struct PageNonce {
    value: Arc<str>,
    rendered: Arc<AtomicBool>,
}

impl PageNonce {
    fn new() -> Self {
        Self {
            value: new_token().into(),
            rendered: Arc::default(),
        }
    }

    /// The nonce for the page being rendered; the response then carries the page
    /// policy with it instead of the strict one.
    pub fn for_page(&self) -> Arc<str> {
        self.rendered.store(true, Ordering::Relaxed);
        Arc::clone(&self.value)
    }
}

/// Adds the headers every response carries: no sniffing, no framing, a referrer
/// policy that keeps tokens in URLs to this site, no caching of anything personal,
/// and HSTS when served over https.
pub async fn add_security_headers(
    State(https): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let url_has_token = request.uri().query().is_some_and(|q| q.contains("token="));
    let nonce = PageNonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response: Response<Body> = next.run(request).await;
    let headers = response.headers_mut();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_html = content_type.starts_with("text/html");
    let is_asset = content_type.starts_with("image/") || is_script_or_style(content_type);
    if is_html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if nonce.rendered.load(Ordering::Relaxed) {
            HeaderValue::from_str(&page_policy(&nonce.value)).ok()
        } else {
            None
        };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            policy.unwrap_or(HeaderValue::from_static(STRICT_CSP)),
        );
    }
    if !is_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let referrer = if url_has_token {
        "no-referrer"
    } else {
        "same-origin"
    };
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static(referrer));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
