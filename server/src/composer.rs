//! Each project's Composer repository, at `/composer/{project_id}`: the Composer 2
//! metadata of the packages licensed on the project and their dist archives, for
//! requests that carry one of the project's access keys as the HTTP basic password
//! (what the install snippet's `composer config --auth` line sets up).
//!
//! A missing, wrong, rotated or deactivated key gets 401 with a short reason; a key
//! of another project gets 404. Every authenticated request records the key's use.

mod archive;
mod document;
mod metadata;

use document::{Document, Roots};

use app::core::access_key;
use app::core::key_lifetime::expired_message;
use app::server::AppState;
use app::server::crypto::purpose;
use app::server::session::ClientAddress;
use app::server::store::RepositoryKey;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// What the repository handlers share.
#[derive(Clone)]
struct Repository {
    state: AppState,
    /// Where dist archives are kept.
    archives: Arc<PathBuf>,
    /// Each project's `packages.json`, kept ready.
    roots: Arc<Roots>,
}

/// The repository routes; archives are written to and streamed from `archives`.
pub fn routes(state: AppState, archives: PathBuf) -> Router {
    Router::new()
        .route("/composer/{project}/packages.json", get(root))
        .route("/composer/{project}/p2/{vendor}/{file}", get(package))
        .route("/composer/{project}/dist/{vendor}/{name}/{file}", get(dist))
        .with_state(Repository {
            state,
            archives: Arc::new(archives),
            roots: Arc::default(),
        })
}

/// Why a request gets no repository content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// No credentials came with it.
    NoKey,
    /// The key is not one of Packagento's, or no longer (rotated).
    UnknownKey,
    /// The key was deactivated.
    Deactivated,
    /// The key expired at this moment.
    Expired(i64),
    /// Nothing is here for this key: another project's, or no such package or file.
    NotHere,
    /// The database could not answer.
    Unavailable,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, reason) = match self {
            Self::NoKey => (
                StatusCode::UNAUTHORIZED,
                "Packagento needs a project access key as the password: run the install \
                 snippet's composer config --auth line."
                    .to_owned(),
            ),
            Self::UnknownKey => (
                StatusCode::UNAUTHORIZED,
                "This access key is not valid: it may have been rotated or mistyped. \
                 Ask a developer of the project for the current one."
                    .to_owned(),
            ),
            Self::Deactivated => (
                StatusCode::UNAUTHORIZED,
                "This access key was deactivated.".to_owned(),
            ),
            Self::Expired(at) => (StatusCode::UNAUTHORIZED, expired_message(at)),
            Self::NotHere => (StatusCode::NOT_FOUND, "Not found.".to_owned()),
            Self::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "The repository is unavailable for a moment; try again.".to_owned(),
            ),
        };
        let mut response = (status, format!("{reason}\n")).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Packagento\""),
            );
        }
        response
    }
}

fn unavailable(error: impl std::fmt::Display) -> Refusal {
    tracing::error!(%error, "composer repository");
    Refusal::Unavailable
}

/// The password of a basic `Authorization` header.
fn basic_password(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let credentials = String::from_utf8(decoded).ok()?;
    let (_, password) = credentials.split_once(':')?;
    Some(password.to_owned())
}

/// The one check of every repository request: the key it carries must be an active
/// key of `project` (the path's project id). Records the key's use; returns the key.
async fn authenticate(
    repository: &Repository,
    project: &str,
    request: &Parts,
) -> Result<RepositoryKey, Refusal> {
    let key = basic_password(&request.headers).ok_or(Refusal::NoKey)?;
    if !access_key::is_well_formed(&key) {
        return Err(Refusal::UnknownKey);
    }
    let state = &repository.state;
    let digest = state.digester.digest(purpose::PROJECT_KEY, &key);
    let found: RepositoryKey = state
        .store
        .repository_key(&digest)
        .await
        .map_err(unavailable)?
        .ok_or(Refusal::UnknownKey)?;
    if !found.active {
        return Err(Refusal::Deactivated);
    }
    let now = state.clock.now();
    if let Some(at) = found.expires_at.filter(|at| *at <= now) {
        return Err(Refusal::Expired(at));
    }
    if project.parse::<i64>().ok() != Some(found.project_id) {
        return Err(Refusal::NotHere);
    }
    let client = request
        .extensions
        .get::<ClientAddress>()
        .map_or_else(|| "unknown".to_owned(), |client| client.0.to_string());
    state
        .store
        .record_key_use(&found, &client, now)
        .await
        .map_err(unavailable)?;
    Ok(found)
}

/// `packages.json`: the licensed packages and where their metadata is. Built once
/// per change of the project's licences and kept ready (a project with a thousand
/// packages has a large one, and Composer asks for it on every run).
async fn root(
    State(repository): State<Repository>,
    Path(project): Path<String>,
    request: Parts,
) -> Result<Response, Refusal> {
    let key = authenticate(&repository, &project, &request).await?;
    let (project_id, version) = (key.project_id, key.licences_version);
    if let Some(document) = repository.roots.get(project_id, version) {
        return Ok(document.answer(&request));
    }
    let store = &repository.state.store;
    let packages = store
        .licensed_packages(project_id)
        .await
        .map_err(unavailable)?;
    let document = Document::dated(
        &repository.state,
        project_id,
        "packages.json",
        &metadata::root(project_id, &packages),
    )
    .await
    .map_err(unavailable)?;
    repository.roots.keep(project_id, version, document.clone());
    Ok(document.answer(&request))
}

/// `p2/{vendor}/{name}.json`: the versions of one package the licences cover.
async fn package(
    State(repository): State<Repository>,
    Path((project, vendor, file)): Path<(String, String, String)>,
    request: Parts,
) -> Result<Response, Refusal> {
    let project_id = authenticate(&repository, &project, &request)
        .await?
        .project_id;
    let name = file.strip_suffix(".json").ok_or(Refusal::NotHere)?;
    let store = &repository.state.store;
    let releases = store
        .served_releases(project_id, &format!("{vendor}/{name}"))
        .await
        .map_err(unavailable)?;
    if releases.is_empty() {
        return Err(Refusal::NotHere);
    }
    let public_url = &repository.state.settings.public_url;
    let document = Document::dated(
        &repository.state,
        project_id,
        &format!("p2/{vendor}/{file}"),
        &metadata::package(public_url, project_id, &releases),
    )
    .await
    .map_err(unavailable)?;
    Ok(document.answer(&request))
}

/// `dist/{vendor}/{name}/{version}.zip`: one version's archive, streamed from disk
/// with the file's `Last-Modified` (it is written once, byte for byte the same), and
/// 304 for `If-Modified-Since`.
async fn dist(
    State(repository): State<Repository>,
    Path((project, vendor, name, file)): Path<(String, String, String, String)>,
    request: Parts,
) -> Result<Response, Refusal> {
    let project_id = authenticate(&repository, &project, &request)
        .await?
        .project_id;
    let version = file.strip_suffix(".zip").ok_or(Refusal::NotHere)?;
    let served = repository
        .state
        .store
        .served_releases(project_id, &format!("{vendor}/{name}"))
        .await
        .map_err(unavailable)?
        .into_iter()
        .find(|served| served.release.version.to_string() == version)
        .ok_or(Refusal::NotHere)?;
    let path = archive::archive_path(&repository.archives, &served)
        .await
        .map_err(unavailable)?;
    let response = ServeFile::new(path)
        .oneshot(Request::from_parts(request, Body::empty()))
        .await
        .map_err(unavailable)?;
    Ok(response.map(Body::new))
}
