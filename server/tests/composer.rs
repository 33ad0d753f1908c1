//! The project's Composer repository with the real client: Debian's `composer` and
//! PHP install a licensed package with a project key the way the install snippet
//! sets it up, and stop working when the key is rotated, the share it came through is
//! revoked, or the licence expires. On the demo data, on both databases.

use crate::support::proxy::{Exchange, LoggingProxy};
use crate::support::{Browser, TestApp, spawn_demo_app};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tokio::process::Command;

const DAY: i64 = 86_400;

/// A temporary Composer project: its folder, and a fresh cache per run so that every
/// run asks the server, unless the cache is kept.
struct ComposerProject {
    folder: tempfile::TempDir,
    runs: u32,
    keep_cache: bool,
}

/// What one `composer` run printed, and whether it succeeded.
struct Run {
    ok: bool,
    output: String,
}

impl ComposerProject {
    /// A project requiring `package` at `constraint` from `repository` (the install
    /// snippet's URL), with `key` for `host` in its `auth.json`.
    fn new(repository: &str, host: &str, key: &str, package: &str, constraint: &str) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let manifest = json!({
            "name": "acme/shop",
            "require": { package: constraint },
            "repositories": [
                { "type": "composer", "url": repository },
                { "packagist.org": false },
            ],
            // The test server speaks plain http on 127.0.0.1.
            "config": { "secure-http": false },
        });
        std::fs::write(folder.path().join("composer.json"), manifest.to_string()).expect("write");
        let project = Self {
            folder,
            runs: 0,
            keep_cache: false,
        };
        project.use_key(host, key);
        project
    }

    /// Puts `key` for `host` in `auth.json`, as `composer config --auth` does.
    fn use_key(&self, host: &str, key: &str) {
        let file = self.path().join("auth.json");
        let mut auth: Value = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_else(|| json!({ "http-basic": {} }));
        auth["http-basic"][host] = json!({ "username": "token", "password": key });
        std::fs::write(file, auth.to_string()).expect("write");
    }

    fn path(&self) -> &Path {
        self.folder.path()
    }

    /// `composer <args>`, from nothing: no lock file, no vendor folder and, unless
    /// kept, no cache.
    async fn run(&mut self, args: &[&str]) -> Run {
        if !self.keep_cache {
            self.runs += 1;
        }
        let _ = std::fs::remove_file(self.path().join("composer.lock"));
        let _ = std::fs::remove_dir_all(self.path().join("vendor"));
        let home: PathBuf = self.path().join(".composer-home");
        let output = Command::new("composer")
            .args(args)
            .args(["--no-interaction", "--no-progress", "--no-ansi"])
            .current_dir(self.path())
            .env("COMPOSER_HOME", &home)
            .env(
                "COMPOSER_CACHE_DIR",
                home.join(format!("cache-{}", self.runs)),
            )
            .env("COMPOSER_ALLOW_SUPERUSER", "1")
            .env("COMPOSER_NO_INTERACTION", "1")
            .output()
            .await
            .expect("composer runs (Debian's composer package)");
        Run {
            ok: output.status.success(),
            output: String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        }
    }

    /// The version of the payment gateway that PHP loads through Composer's
    /// autoloader.
    async fn gateway_version(&self) -> String {
        let output = Command::new("php")
            .arg("-r")
            .arg("require 'vendor/autoload.php'; echo \\Northwind\\PaymentGateway\\PaymentGateway::VERSION;")
            .current_dir(self.path())
            .output()
            .await
            .expect("php runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

/// Lets Acme's licence of the payment gateway expire 30 days ago: versions released
/// after that are no longer served.
async fn expire_gateway_licence(app: &TestApp) {
    sqlx::query(
        "UPDATE licences SET expires_at = $1 WHERE package_id = \
         (SELECT id FROM packages WHERE name = 'northwind/payment-gateway')",
    )
    .bind(app.clock.now() - 30 * DAY)
    .execute(&app.db.pool)
    .await
    .expect("expire the licence");
}

/// The repository's metadata requests that went through `proxy` since the last look.
fn metadata_answers(proxy: &LoggingProxy) -> Vec<Exchange> {
    proxy
        .take()
        .into_iter()
        .filter(|exchange| !exchange.path.contains("/dist/"))
        .collect()
}

/// The status `path` (its end) got in `log`.
fn status_of(log: &[Exchange], path: &str) -> u16 {
    log.iter()
        .find(|exchange| exchange.path.ends_with(path))
        .unwrap_or_else(|| panic!("no request for {path}: {log:?}"))
        .status
}

/// The repository URL and auth host the project page gives `who`.
async fn repository(who: &Browser, project: &str) -> (String, String) {
    let view = who
        .call("projects/get_project", &[("project_id", project)])
        .await
        .json();
    (
        view["repository_url"].as_str().expect("url").to_owned(),
        view["auth_host"].as_str().expect("host").to_owned(),
    )
}

/// Mints a key as `who` and returns its id and value.
async fn mint(who: &Browser, project: &str, name: &str) -> (String, String) {
    let minted = who
        .call("keys/mint_key", &[("project_id", project), ("name", name)])
        .await;
    minted.expect_status(200);
    let key = minted.json();
    (
        key["id"].to_string(),
        key["value"].as_str().expect("value").to_owned(),
    )
}

/// A plain request to the repository with `key` as the basic password.
async fn fetch(url: &str, key: Option<&str>) -> reqwest::Response {
    let request = reqwest::Client::new().get(url);
    let request = match key {
        Some(key) => request.basic_auth("token", Some(key)),
        None => request,
    };
    request.send().await.expect("request")
}

#[tokio::test]
async fn composer_installs_with_a_key_until_it_is_rotated_revoked_or_the_licence_expires() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let carol = app.demo_user("carol").await;
    let (url, host) = repository(&carol, &storefront).await;
    let (key_id, key) = mint(&carol, &storefront, "Laptop").await;
    let mut shop = ComposerProject::new(&url, &host, &key, "northwind/payment-gateway", "^2.0");

    let installed = shop.run(&["install"]).await;
    assert!(installed.ok, "{}", installed.output);
    assert_eq!(shop.gateway_version().await, "2.4.0");
    let keys = carol
        .call("keys/list_keys", &[("project_id", &storefront)])
        .await
        .json();
    let used = keys
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["id"].as_i64().map(|id| id.to_string()).as_deref() == Some(key_id.as_str()))
        .expect("the key");
    assert!(used["last_used_at"].is_i64(), "{used}");
    assert_eq!(used["last_used_from"], "127.0.0.1");

    // Rotating retires the value Composer holds; the new value works.
    let rotated = carol
        .call(
            "keys/rotate_key",
            &[("project_id", &storefront), ("key_id", &key_id)],
        )
        .await;
    rotated.expect_status(200);
    let refused = shop.run(&["install"]).await;
    assert!(
        !refused.ok && refused.output.contains("401"),
        "{}",
        refused.output
    );
    shop.use_key(&host, rotated.json()["value"].as_str().expect("value"));
    assert!(shop.run(&["install"]).await.ok);

    // A recipient reads a workspace key and installs with it; after the share is
    // revoked the owner is told the key was readable, and rotating it locks them out.
    let (shared_key_id, _) = mint(&carol, &storefront, "Shared CI").await;
    let alice = app.demo_user("alice").await;
    let shared = alice
        .call(
            "shares/share_project",
            &[
                ("project_id", &storefront),
                ("email", "rita@outside.test"),
                ("role", "developer"),
            ],
        )
        .await;
    shared.expect_status(200);
    let token = app
        .smtp
        .link_token("rita@outside.test", "/share?token=")
        .await;
    let rita = app.browser();
    let joined = rita
        .register_with_link(
            "shares/register_with_share",
            &token,
            "Rita Ray",
            "correct horse battery",
        )
        .await;
    joined.expect_status(200);
    let revealed = rita
        .call(
            "keys/reveal_key",
            &[("project_id", &storefront), ("key_id", &shared_key_id)],
        )
        .await;
    revealed.expect_status(200);
    let ritas_key = revealed.json()["value"].as_str().expect("value").to_owned();
    let mut ritas_shop =
        ComposerProject::new(&url, &host, &ritas_key, "brightcart/checkout", "^1.0");
    let before = ritas_shop.run(&["install"]).await;
    assert!(before.ok, "{}", before.output);
    let share_id = shared.json()["id"].to_string();
    let revoked = alice
        .call(
            "shares/end_share",
            &[("project_id", &storefront), ("share_id", &share_id)],
        )
        .await;
    revoked.expect_status(200);
    assert!(
        revoked.json()["readable_keys"]
            .as_array()
            .expect("readable keys")
            .contains(&json!("Shared CI")),
        "{}",
        revoked.body
    );
    let rotated = alice
        .call(
            "keys/rotate_key",
            &[("project_id", &storefront), ("key_id", &shared_key_id)],
        )
        .await;
    rotated.expect_status(200);
    let after = ritas_shop.run(&["install"]).await;
    assert!(
        !after.ok && after.output.contains("401"),
        "{}",
        after.output
    );

    // Versions released after the licence's expiry are no longer offered; older ones
    // stay installable.
    expire_gateway_licence(&app).await;
    let expired = shop.run(&["install"]).await;
    assert!(expired.ok, "{}", expired.output);
    assert_eq!(shop.gateway_version().await, "2.3.1");
    let newest = shop
        .run(&["require", "northwind/payment-gateway:2.4.0"])
        .await;
    assert!(
        !newest.ok,
        "2.4.0 was released after expiry: {}",
        newest.output
    );
}

#[tokio::test]
async fn the_repository_answers_bad_keys_briefly_and_revalidates_metadata_and_archives() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let warehouse = app.project_id("Warehouse API").await;
    let carol = app.demo_user("carol").await;
    let (url, _) = repository(&carol, &storefront).await;
    let (_, key) = mint(&carol, &storefront, "Laptop").await;
    let (other_id, other_key) = mint(&carol, &warehouse, "Warehouse CI").await;
    let root = format!("{url}/packages.json");

    let missing = fetch(&root, None).await;
    assert_eq!(missing.status(), 401);
    assert!(missing.headers().contains_key("www-authenticate"));
    assert!(missing.text().await.expect("body").contains("access key"));
    let wrong = fetch(&root, Some("pkgt_not-a-key")).await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.expect("body").contains("not valid"));
    assert_eq!(
        fetch(&root, Some(&other_key)).await.status(),
        404,
        "another project's key"
    );

    let answer = fetch(&root, Some(&key)).await;
    assert_eq!(answer.status(), 200);
    let document: Value = answer.json().await.expect("json");
    let mut packages: Vec<&str> = document["available-packages"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    packages.sort_unstable();
    assert_eq!(
        packages,
        [
            "brightcart/checkout",
            "northwind/payment-gateway",
            "stellar/search"
        ]
    );

    let search = format!("{url}/p2/stellar/search.json");
    let first = fetch(&search, Some(&key)).await;
    let tag = first.headers()["etag"].to_str().expect("etag").to_owned();
    let versions: Vec<String> =
        first.json::<Value>().await.expect("json")["packages"]["stellar/search"]
            .as_array()
            .expect("versions")
            .iter()
            .map(|v| v["version"].as_str().unwrap_or("").to_owned())
            .collect();
    assert_eq!(
        versions,
        ["2.0.0", "2.6.0"],
        "2.7.0 came after the licence expired"
    );
    let cached = reqwest::Client::new()
        .get(&search)
        .basic_auth("token", Some(&key))
        .header("if-none-match", &tag)
        .send()
        .await
        .expect("request");
    assert_eq!(cached.status(), 304);
    assert_eq!(
        fetch(&format!("{url}/p2/harbor/tracking.json"), Some(&key))
            .await
            .status(),
        404
    );
    assert_eq!(
        fetch(&format!("{url}/dist/stellar/search/2.7.0.zip"), Some(&key))
            .await
            .status(),
        404
    );
    let zip = format!("{url}/dist/stellar/search/2.6.0.zip");
    let archive = fetch(&zip, Some(&key)).await;
    assert_eq!(archive.status(), 200);
    let written = archive.headers()["last-modified"].clone();
    assert!(
        archive
            .bytes()
            .await
            .expect("zip")
            .starts_with(b"PK\x03\x04")
    );
    let unchanged = reqwest::Client::new()
        .get(&zip)
        .basic_auth("token", Some(&key))
        .header("if-modified-since", written)
        .send()
        .await
        .expect("request");
    assert_eq!(
        unchanged.status(),
        304,
        "an archive revalidates by its date"
    );

    let deactivated = carol
        .call(
            "keys/deactivate_key",
            &[("project_id", &warehouse), ("key_id", &other_id)],
        )
        .await;
    deactivated.expect_status(200);
    let answer = fetch(
        &format!("{}/composer/{warehouse}/packages.json", app.base_url),
        Some(&other_key),
    )
    .await;
    assert_eq!(answer.status(), 401);
    assert!(answer.text().await.expect("body").contains("deactivated"));
}

/// Composer's cache revalidates: a second update sends `If-Modified-Since` and every
/// metadata document is answered 304; after the licence changes, the package's
/// document is answered 200 with the new version list (and the root, whose package
/// names did not change, stays 304). Seen through a logging proxy.
#[tokio::test]
async fn composer_revalidates_its_cached_metadata_and_sees_a_licence_change() {
    let app = spawn_demo_app().await;
    let storefront = app.project_id("Storefront").await;
    let carol = app.demo_user("carol").await;
    let (url, _) = repository(&carol, &storefront).await;
    let (_, key) = mint(&carol, &storefront, "Cached CI").await;
    let proxy = LoggingProxy::start(&app.base_url).await;
    let through_proxy = url.replacen(&app.base_url, &proxy.url, 1);
    let host = proxy.url.trim_start_matches("http://");
    let mut shop = ComposerProject::new(
        &through_proxy,
        host,
        &key,
        "northwind/payment-gateway",
        "^2.0",
    );
    shop.keep_cache = true;
    // Archives are downloaded from the server itself, not through the proxy.
    shop.use_key(app.base_url.trim_start_matches("http://"), &key);
    let gateway = "/p2/northwind/payment-gateway.json";

    let first = shop.run(&["update"]).await;
    assert!(first.ok, "{}", first.output);
    let log = metadata_answers(&proxy);
    assert_eq!(status_of(&log, "/packages.json"), 200, "{log:?}");
    assert_eq!(status_of(&log, gateway), 200, "{log:?}");

    let second = shop.run(&["update"]).await;
    assert!(second.ok, "{}", second.output);
    let log = metadata_answers(&proxy);
    assert_eq!(status_of(&log, "/packages.json"), 304, "{log:?}");
    assert_eq!(status_of(&log, gateway), 304, "{log:?}");
    assert!(
        log.iter()
            .filter(|exchange| exchange.status == 304)
            .all(|exchange| exchange.if_modified_since.is_some()),
        "{log:?}"
    );
    assert!(log.iter().all(|exchange| exchange.status != 200), "{log:?}");
    assert_eq!(shop.gateway_version().await, "2.4.0");

    expire_gateway_licence(&app).await;
    let third = shop.run(&["update"]).await;
    assert!(third.ok, "{}", third.output);
    let log = metadata_answers(&proxy);
    assert_eq!(status_of(&log, gateway), 200, "{log:?}");
    assert_eq!(status_of(&log, "/packages.json"), 304, "{log:?}");
    assert_eq!(shop.gateway_version().await, "2.3.1");

    // Attaching a licence changes the root: the copy Composer holds is no longer
    // current, and the new package is listed.
    let root = format!("{url}/packages.json");
    let held = fetch(&root, Some(&key)).await;
    let held_date = held.headers()["last-modified"].clone();
    let alice = app.demo_user("alice").await;
    let tax_rates: i64 = sqlx::query_scalar(
        "SELECT l.id FROM licences l JOIN packages p ON p.id = l.package_id \
         WHERE p.name = 'ironledger/tax-rates'",
    )
    .fetch_one(&app.db.pool)
    .await
    .expect("licence");
    let attached = alice
        .call(
            "projects/attach_licence",
            &[
                ("project_id", storefront.as_str()),
                ("licence_id", &tax_rates.to_string()),
            ],
        )
        .await;
    attached.expect_status(200);
    let changed = reqwest::Client::new()
        .get(&root)
        .basic_auth("token", Some(&key))
        .header("if-modified-since", held_date)
        .send()
        .await
        .expect("request");
    assert_eq!(changed.status(), 200);
    let listed = changed.text().await.expect("body");
    assert!(listed.contains("ironledger/tax-rates"), "{listed}");
}
