//! The harness of the integration tests: a real server on a free port, a fresh
//! database (a SQLite file or a PostgreSQL database dropped afterwards) and a real
//! SMTP server (aiosmtpd) whose mails the tests read.
//!
//! `PACKAGENTO_TEST_DB=postgres` runs the suite against PostgreSQL
//! (`TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).

pub mod mail;
pub mod matrix;
pub mod process;
pub mod proxy;

use app::server::clock::Clock;
use mail::SmtpServer;
use reqwest::cookie::Jar;
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use server::config::Config;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A running server with its own database and SMTP server.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`, also the configured `PUBLIC_URL`.
    pub base_url: String,
    /// The database, for checking what a request changed.
    pub db: TestDb,
    /// The SMTP server the app sends to.
    pub smtp: SmtpServer,
    /// The server's clock, which a test moves instead of waiting.
    pub clock: Clock,
}

/// The engine the suite runs on.
pub fn postgres_selected() -> bool {
    std::env::var("PACKAGENTO_TEST_DB").is_ok_and(|v| v == "postgres")
}

/// A database created for one test and removed after it.
pub struct TestDb {
    /// Its URL.
    pub url: String,
    /// A pool for assertions.
    pub pool: AnyPool,
    cleanup: Cleanup,
}

enum Cleanup {
    /// The folder of the file, removed when dropped.
    Sqlite {
        _folder: tempfile::TempDir,
    },
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    /// A fresh database: a new SQLite file, or a new PostgreSQL database dropped when
    /// this value is.
    pub async fn create() -> Self {
        sqlx::any::install_default_drivers();
        let (url, cleanup) = if postgres_selected() {
            let admin_url = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
            let name = format!("packagento_test_{}", random_suffix());
            let admin = AnyPool::connect(&admin_url)
                .await
                .expect("PostgreSQL is running (see README)");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("create database");
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            (
                format!("{base}/{name}"),
                Cleanup::Postgres { admin_url, name },
            )
        } else {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            (url, Cleanup::Sqlite { _folder: dir })
        };
        // The server creates the schema; this pool connects lazily for assertions.
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(2)
            .connect_lazy(&url)
            .expect("pool");
        Self { url, pool, cleanup }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime, so the async cleanup gets its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                runtime.block_on(async {
                    if let Ok(admin) = AnyPool::connect(&admin_url).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&admin)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| char::from(b'a' + rng.gen_range(0..26)))
        .collect()
}

/// The configuration a test server runs with.
pub fn test_config(database_url: &str, public_url: &str, smtp_port: u16) -> Config {
    let vars: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", database_url.to_owned()),
        ("PUBLIC_URL", public_url.to_owned()),
        ("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
        (
            "SERVER_SECRET",
            "integration-test-secret-of-enough-length".to_owned(),
        ),
        ("LEPTOS_SITE_ROOT", "../target/site".to_owned()),
        (
            "ARCHIVE_DIR",
            std::env::temp_dir()
                .join("packagento-test-archives")
                .to_string_lossy()
                .into_owned(),
        ),
    ]);
    Config::from_vars(|name| vars.get(name).cloned()).expect("valid test configuration")
}

/// Starts a server on a free port against `db_url`, sending mail to `smtp_port`.
pub async fn start_server(db_url: &str, smtp_port: u16) -> String {
    start_server_with(db_url, smtp_port, false).await
}

/// Starts a server as [`start_server`] does, with the demo data when `demo` is set.
pub async fn start_server_with(db_url: &str, smtp_port: u16, demo: bool) -> String {
    start_configured_server(db_url, smtp_port, |config| config.demo_data = demo).await
}

/// Starts a server as [`start_server`] does, its configuration changed by `adjust`.
pub async fn start_configured_server(
    db_url: &str,
    smtp_port: u16,
    adjust: impl FnOnce(&mut Config),
) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base_url = format!("http://{}", listener.local_addr().expect("addr"));
    let mut config = test_config(db_url, &base_url, smtp_port);
    adjust(&mut config);
    tokio::spawn(async move {
        if let Err(error) = server::startup::run(listener, config).await {
            panic!("server failed: {error}");
        }
    });
    let probe = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("client");
    for _ in 0..200 {
        if probe
            .get(format!("{base_url}/sign-in"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return base_url;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server at {base_url} did not become ready");
}

/// A site root of its own for a test server (the tests run before the browser build
/// exists): a temporary folder holding `files`, each a path below it and its bytes.
/// Keep the folder as long as the server runs.
pub fn site_root(files: &[(&str, &[u8])]) -> (tempfile::TempDir, String) {
    let site = tempfile::tempdir().expect("site root");
    for (path, bytes) in files {
        let file = site.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("folder");
        std::fs::write(file, bytes).expect("file");
    }
    let root = site.path().to_string_lossy().into_owned();
    (site, root)
}

/// Starts a server with a fresh database and SMTP server.
pub async fn spawn_app() -> TestApp {
    spawn_configured_app(|_| {}).await
}

/// Starts a server as [`spawn_app`] does, its configuration changed by `adjust`.
pub async fn spawn_configured_app(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let db = TestDb::create().await;
    let smtp = SmtpServer::start().await;
    let clock = Clock::default();
    let server_clock = clock.clone();
    let base_url = start_configured_server(&db.url, smtp.port, |config| {
        config.clock = server_clock;
        adjust(config);
    })
    .await;
    TestApp {
        base_url,
        db,
        smtp,
        clock,
    }
}

/// Starts a server with a fresh database holding the demo data (Acme, Globex, the
/// catalogue, projects, keys and billing) and a fresh SMTP server.
pub async fn spawn_demo_app() -> TestApp {
    spawn_configured_app(|config| config.demo_data = true).await
}

/// A server function's answer.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body, JSON for server functions.
    pub body: String,
    /// The response headers.
    pub headers: HeaderMap,
}

impl Answer {
    /// Asserts the answer's status, showing its body when it differs; answers itself,
    /// for what the test reads next.
    #[track_caller]
    pub fn expect_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }

    /// The message the error gives for `field` (`""` for the whole form).
    pub fn field_message(&self, field: &str) -> Option<String> {
        self.json()["Invalid"]
            .as_array()?
            .iter()
            .find(|e| e["field"] == field)
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
    }
}

/// A browser-like client with its own cookie jar, sending the app's own `Origin`.
#[derive(Clone)]
pub struct Browser {
    base_url: String,
    origin: String,
    client: reqwest::Client,
    jar: Arc<Jar>,
    extra: HeaderMap,
}

impl Browser {
    /// A client for `base_url` whose requests come from `origin`.
    pub fn with_origin(base_url: &str, origin: &str) -> Self {
        Self::with_jar(base_url, origin, Arc::new(Jar::default()))
    }

    fn with_jar(base_url: &str, origin: &str, jar: Arc<Jar>) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(origin).expect("origin"));
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(20))
            .default_headers(headers)
            .build()
            .expect("client");
        Self {
            base_url: base_url.to_owned(),
            origin: origin.to_owned(),
            client,
            jar,
            extra: HeaderMap::new(),
        }
    }

    /// The same browser (same cookies) sending `X-Forwarded-For: <client>` with every
    /// request, as a proxy in front of the server would.
    pub fn forwarded_for(&self, client: &str) -> Self {
        self.with_header("x-forwarded-for", client)
    }

    /// The same browser (same cookies) sending the header `name: value` with every
    /// request.
    pub fn with_header(&self, name: &'static str, value: &str) -> Self {
        let mut browser = self.clone();
        browser
            .extra
            .insert(name, HeaderValue::from_str(value).expect("header value"));
        browser
    }

    /// The same browser (same cookies, same `Origin`) talking to another server of
    /// the same deployment at `base_url`.
    pub fn on_other_server(&self, base_url: &str) -> Self {
        Self::with_jar(base_url, &self.origin, self.jar.clone())
    }

    /// The same browser (same cookies) on a page of another site: its requests carry
    /// this browser's session cookie but that site's `Origin`.
    pub fn on_other_site(&self, origin: &str) -> Self {
        Self::with_jar(&self.base_url, origin, self.jar.clone())
    }

    /// The value of the session cookie this browser holds, if any.
    pub fn session_cookie(&self) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base_url.parse().ok()?;
        let cookies = self.jar.cookies(&url)?;
        let prefix = format!("{}=", app::server::session::SESSION_COOKIE);
        cookies
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(prefix.as_str()).map(str::to_owned))
    }

    /// Calls the server function at `/api/<path>` with form-encoded arguments.
    pub async fn call(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        self.try_call(path, form).await.expect("request")
    }

    /// Calls the server function like [`Browser::call`], returning a failure to get
    /// an answer (the server died, for example) instead of failing the test.
    pub async fn try_call(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<Answer, reqwest::Error> {
        let response = self
            .client
            .post(format!("{}/api/{path}", self.base_url))
            .headers(self.extra.clone())
            .form(form)
            .send()
            .await?;
        Ok(Answer::from(response).await)
    }

    /// Fetches a page.
    pub async fn get(&self, path: &str) -> Answer {
        let response = self
            .client
            .get(format!("{}{path}", self.base_url))
            .headers(self.extra.clone())
            .send()
            .await
            .expect("request");
        Answer::from(response).await
    }

    /// Submits the registration form.
    pub async fn register(&self, email: &str, display_name: &str, password: &str) -> Answer {
        self.call(
            "auth/register",
            &[
                ("email", email),
                ("display_name", display_name),
                ("password", password),
            ],
        )
        .await
    }

    /// Signs in and asserts it worked.
    pub async fn sign_in(&self, email: &str, password: &str) {
        let answer = self
            .call("auth/sign_in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(answer.status, 200, "sign-in failed: {}", answer.body);
    }

    /// Registers through an emailed link with the server function `function`
    /// (`team/register_with_invite` or `shares/register_with_share`).
    pub async fn register_with_link(
        &self,
        function: &str,
        token: &str,
        display_name: &str,
        password: &str,
    ) -> Answer {
        self.call(
            function,
            &[
                ("token", token),
                ("display_name", display_name),
                ("password", password),
            ],
        )
        .await
    }

    /// The active workspace of this browser's session: (id, name, role).
    pub async fn workspace(&self) -> (i64, String, String) {
        let answer = self.call("team/get_workspaces", &[]).await;
        answer.expect_status(200);
        let active = &answer.json()["active"];
        (
            active["id"].as_i64().expect("id"),
            active["name"].as_str().expect("name").to_owned(),
            active["role"].as_str().expect("role").to_owned(),
        )
    }

    /// The signed-in user's email, if any.
    pub async fn whoami(&self) -> Option<String> {
        let answer = self.call("auth/get_current_user", &[]).await;
        answer.expect_status(200);
        answer.json()["email"].as_str().map(str::to_owned)
    }
}

impl Answer {
    async fn from(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        Self {
            status,
            body,
            headers,
        }
    }
}

impl TestApp {
    /// A fresh browser on the app's own origin.
    pub fn browser(&self) -> Browser {
        Browser::with_origin(&self.base_url, &self.base_url)
    }

    /// Registers an account, verifies it through the emailed link, and returns a
    /// browser signed in to it.
    pub async fn signed_in_user(&self, email: &str, password: &str) -> Browser {
        let browser = self.browser();
        let answer = browser.register(email, "Test User", password).await;
        answer.expect_status(200);
        let token = self.smtp.link_token(email, "/verify-email?token=").await;
        self.verify_and_sign_in(&browser, email, password, &token)
            .await;
        browser
    }

    /// Uses the verification link `token` in `browser` and signs in there.
    pub async fn verify_and_sign_in(
        &self,
        browser: &Browser,
        email: &str,
        password: &str,
        token: &str,
    ) {
        let answer = browser.call("auth/verify_email", &[("token", token)]).await;
        answer.expect_status(200);
        browser.sign_in(email, password).await;
    }

    /// Makes the account `email` a member of `workspace_id` with `role`, directly in
    /// the database (for setting up a team quickly).
    pub async fn add_member(&self, workspace_id: i64, email: &str, role: &str) {
        sqlx::query(
            "INSERT INTO memberships (workspace_id, user_id, role, joined_at) \
             SELECT $1, id, $2, $4 FROM users WHERE email = $3",
        )
        .bind(workspace_id)
        .bind(role)
        .bind(email)
        .bind(self.clock.now())
        .execute(&self.db.pool)
        .await
        .expect("add member");
    }

    /// The id of the account `email`.
    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&self.db.pool)
            .await
            .expect("user exists")
    }

    /// A browser signed in as one of the demo accounts (`alice`, `bob`, ...).
    pub async fn demo_user(&self, name: &str) -> Browser {
        let browser = self.browser();
        let domain = if name == "frank" { "globex" } else { "acme" };
        browser
            .sign_in(
                &format!("{name}@{domain}.test"),
                server::seed::DEMO_PASSWORD,
            )
            .await;
        browser
    }

    /// The id of the project called `name`, as a server function argument.
    pub async fn project_id(&self, name: &str) -> String {
        sqlx::query_scalar::<_, i64>("SELECT id FROM projects WHERE name = $1")
            .bind(name)
            .fetch_one(&self.db.pool)
            .await
            .expect("project")
            .to_string()
    }

    /// Counts rows matching a SQL query that returns one integer.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.db.pool)
            .await
            .expect("count query")
    }
}
