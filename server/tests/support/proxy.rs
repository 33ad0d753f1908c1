//! A logging reverse proxy in front of the test server, so a test sees what a real
//! client sent and was answered: each request's path, its conditional header and the
//! status that came back.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::Response;
use std::sync::{Arc, Mutex};

/// One request that went through the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The path and query asked for.
    pub path: String,
    /// The `If-Modified-Since` it carried, if any.
    pub if_modified_since: Option<String>,
    /// The status the server answered.
    pub status: u16,
}

/// A running proxy: its address and what went through it.
pub struct LoggingProxy {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    log: Arc<Mutex<Vec<Exchange>>>,
}

#[derive(Clone)]
struct Upstream {
    url: String,
    client: reqwest::Client,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl LoggingProxy {
    /// Starts a proxy that forwards every request to `upstream` unchanged.
    pub async fn start(upstream: &str) -> Self {
        let log = Arc::new(Mutex::new(Vec::new()));
        let state = Upstream {
            url: upstream.to_owned(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            log: log.clone(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let app = axum::Router::new().fallback(forward).with_state(state);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, log }
    }

    /// Takes what went through since the last call.
    pub fn take(&self) -> Vec<Exchange> {
        std::mem::take(&mut *self.log.lock().expect("log"))
    }
}

async fn forward(State(upstream): State<Upstream>, request: Request) -> Response {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/".to_owned(), |p| p.to_string());
    let if_modified_since = request
        .headers()
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut forwarded = upstream
        .client
        .request(request.method().clone(), format!("{}{path}", upstream.url));
    for (name, value) in request.headers() {
        if name != header::HOST {
            forwarded = forwarded.header(name.clone(), value.clone());
        }
    }
    let body = to_bytes(request.into_body(), usize::MAX)
        .await
        .expect("request body");
    let answer = forwarded
        .body(body)
        .send()
        .await
        .expect("the server answers");
    let status = answer.status().as_u16();
    upstream.log.lock().expect("log").push(Exchange {
        path,
        if_modified_since,
        status,
    });
    let mut response = Response::builder().status(StatusCode::from_u16(status).expect("status"));
    for (name, value) in answer.headers() {
        if name != HeaderName::from_static("transfer-encoding") {
            response = response.header(name.clone(), value.clone());
        }
    }
    let bytes = answer.bytes().await.expect("response body");
    response.body(Body::from(bytes)).expect("response")
}
