//! `GET /org/access-review/{file}`: the access review's CSV files, streamed as they
//! are read.

use app::model::access_review::Report;
use app::server::AppState;
use app::server::access_review::{Download, start};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The access review's download route.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/org/access-review/{file}", get(download))
        .with_state(state)
}

async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(report) = Report::from_file_name(&file) else {
        return refuse(StatusCode::NOT_FOUND, "There is no such file.");
    };
    // A download writes to the activity feed: another site may not cause one.
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|site| site.as_bytes() == b"cross-site");
    if cross_site {
        return refuse(
            StatusCode::FORBIDDEN,
            "Download this file from Org settings.",
        );
    }
    match start(state, &headers, report).await {
        Ok(download) => stream(download),
        Err(error) => refuse(
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &error.to_string(),
        ),
    }
}

/// The file as an attachment, its parts sent as they are read; a failure part-way
/// ends the response early, so a cut-off file is never taken for a whole one.
fn stream(download: Download) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", download.file_name);
    let parts = futures_util::stream::unfold(Some(download), |download| async move {
        let mut download = download?;
        match download.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(chunk), Some(download))),
            Ok(None) => None,
            Err(error) => {
                tracing::error!(%error, "an access review download failed part-way");
                Some((Err(std::io::Error::other(error.to_string())), None))
            }
        }
    });
    let mut response = Body::from_stream(parts).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        message.to_owned(),
    )
        .into_response()
}
