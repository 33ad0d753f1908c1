//! Faults, with real processes. The server is stopped inside the transaction of
//! accepting a share, removing a member and rotating a key (at a fault point named by
//! `PACKAGENTO_FAULT_POINT`) and killed there with SIGKILL: after a restart the data is
//! exactly as before, and the same request then succeeds whole. PostgreSQL restarted
//! under load makes requests fail with a clear 503 for the moment, and the server
//! recovers by itself.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use app::error::AppError;

use crate::support::mail::SmtpServer;
use crate::support::process::{ServerProcess, free_port, wait_for_line};
use crate::support::{Answer, Browser, TestDb, postgres_selected};

const RITA: &str = "rita@example.com";
const PASSWORD: &str = "correct horse battery";

/// The tables a change of the team, a share or a key writes to (sessions and the
/// outbox's delivery marks change on their own and are left out).
const WRITTEN: [&str; 8] = [
    "users",
    "workspaces",
    "memberships",
    "invites",
    "project_tokens",
    "project_grants",
    "project_shares",
    "activity",
];

/// Every row of the tables above, as text, in a stable order.
async fn snapshot(db: &TestDb) -> Vec<String> {
    use sqlx::Row;
    let mut rows = Vec::new();
    for table in WRITTEN {
        let found = sqlx::query(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .fetch_all(&db.pool)
            .await
            .expect("snapshot");
        for row in found {
            let cells: Vec<String> = (0..row.columns().len())
                .map(|i| {
                    row.try_get::<Option<i64>, _>(i)
                        .map(|v| format!("{v:?}"))
                        .or_else(|_| {
                            row.try_get::<Option<String>, _>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .unwrap_or_else(|_| "?".to_owned())
                })
                .collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    rows
}

/// Fails, naming only the rows that differ, unless `after` holds exactly `before`.
fn assert_unchanged(before: &[String], after: &[String], path: &str) {
    use std::collections::BTreeSet;
    let before: BTreeSet<&String> = before.iter().collect();
    let after: BTreeSet<&String> = after.iter().collect();
    let gone: Vec<_> = before.difference(&after).collect();
    let added: Vec<_> = after.difference(&before).collect();
    assert!(
        gone.is_empty() && added.is_empty(),
        "{path} left a partial write:\nrows before: {gone:#?}\nrows after: {added:#?}"
    );
}

/// A deployment of one server process whose requests stop at a fault point.
struct Faulty {
    db: TestDb,
    smtp: SmtpServer,
    logs: tempfile::TempDir,
    port: u16,
    server: Option<ServerProcess>,
}

impl Faulty {
    /// The server with the demo data, stopping any request that reaches `point`, and
    /// a browser signed in as alice, Acme's owner.
    async fn start(point: &str) -> (Self, Browser) {
        let db = TestDb::create().await;
        let smtp = SmtpServer::start().await;
        let logs = tempfile::tempdir().expect("folder");
        let port = free_port();
        let mut deployment = Self {
            db,
            smtp,
            logs,
            port,
            server: None,
        };
        deployment.run(Some(point), "first.log").await;
        let alice = deployment.browser();
        alice
            .sign_in("alice@acme.test", server::seed::DEMO_PASSWORD)
            .await;
        (deployment, alice)
    }

    async fn run(&mut self, point: Option<&str>, log: &str) {
        let smtp_url = format!("smtp://127.0.0.1:{}", self.smtp.port);
        let mut env = vec![
            ("DATABASE_URL", self.db.url.as_str()),
            ("SMTP_URL", smtp_url.as_str()),
            ("DEMO_DATA", "1"),
        ];
        if let Some(point) = point {
            env.push(("PACKAGENTO_FAULT_POINT", point));
        }
        let log = self.logs.path().join(log);
        self.server = Some(ServerProcess::start(self.port, &env, &log).await);
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A browser on the server's own origin.
    fn browser(&self) -> Browser {
        Browser::with_origin(&self.base_url(), &self.base_url())
    }

    /// Sends the request through `browser`, waits until it stops at the fault point,
    /// kills the server there, checks the request got no answer and that the data is
    /// as `before`, then starts the server again without the fault.
    async fn kill_during(&mut self, browser: &Browser, path: &str, form: &[(&str, &str)]) {
        let before = snapshot(&self.db).await;
        let request = {
            let browser = browser.on_other_server(&self.base_url());
            let path = path.to_owned();
            let form: Vec<(String, String)> = form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            tokio::spawn(async move {
                let form: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                browser
                    .try_call(&path, &form)
                    .await
                    .map(|answer| answer.status)
            })
        };
        let log = self.logs.path().join("first.log");
        wait_for_line(&log, "fault point reached").await;
        self.server.take().expect("running").stop().await;
        let answered = request.await.expect("request task");
        assert!(answered.is_err(), "{path} was answered: {answered:?}");
        assert_unchanged(&before, &snapshot(&self.db).await, path);
        self.run(None, "second.log").await;
        assert_unchanged(&before, &snapshot(&self.db).await, path);
    }

    async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.db.pool)
            .await
            .expect("count")
    }
}

fn ok(answer: &Answer) {
    answer.expect_status(200);
}

#[tokio::test]
async fn a_server_killed_while_accepting_a_share_leaves_it_pending() {
    let (mut deployment, alice) = Faulty::start("accept_share").await;
    let storefront = deployment
        .count("SELECT id FROM projects WHERE name = 'Storefront'")
        .await
        .to_string();
    ok(&alice
        .call(
            "shares/share_project",
            &[
                ("project_id", &storefront),
                ("email", RITA),
                ("role", "viewer"),
            ],
        )
        .await);
    let token = deployment.smtp.link_token(RITA, "/share?token=").await;
    let form = [
        ("token", token.as_str()),
        ("display_name", "Rita"),
        ("password", PASSWORD),
    ];
    let rita = deployment.browser();
    deployment
        .kill_during(&rita, "shares/register_with_share", &form)
        .await;

    // Fully before: no account, the share pending; the same link then works whole.
    ok(&rita
        .register_with_link("shares/register_with_share", &token, "Rita", PASSWORD)
        .await);
    assert_eq!(
        deployment
            .count(&format!(
                "SELECT COUNT(*) FROM project_grants g JOIN users u ON u.id = g.user_id \
                 WHERE u.email = '{RITA}' AND g.project_id = {storefront}"
            ))
            .await,
        1
    );
    assert_eq!(
        deployment
            .count("SELECT COUNT(*) FROM activity WHERE action = 'accepted_share'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_server_killed_while_removing_a_member_keeps_them_and_their_keys() {
    let (mut deployment, alice) = Faulty::start("remove_member").await;
    let carol = deployment
        .count("SELECT id FROM users WHERE email = 'carol@acme.test'")
        .await
        .to_string();
    let active_keys = format!(
        "SELECT COUNT(*) FROM project_tokens WHERE minted_by = {carol} AND deactivated_at IS NULL"
    );
    let keys = deployment.count(&active_keys).await;
    assert!(keys > 0, "carol minted keys in the demo data");
    deployment
        .kill_during(&alice, "team/remove_member", &[("user_id", &carol)])
        .await;

    let removed = alice
        .call("team/remove_member", &[("user_id", &carol)])
        .await;
    ok(&removed);
    assert_eq!(removed.json()["tokens_deactivated"], keys);
    assert_eq!(deployment.count(&active_keys).await, 0);
    assert_eq!(
        deployment
            .count(&format!(
                "SELECT COUNT(*) FROM memberships m JOIN workspaces w ON w.id = m.workspace_id \
                 WHERE m.user_id = {carol} AND w.name = 'Acme'"
            ))
            .await,
        0
    );
}

#[tokio::test]
async fn a_server_killed_while_rotating_a_key_keeps_the_old_value() {
    let (mut deployment, alice) = Faulty::start("rotate_key").await;
    let key = deployment
        .count("SELECT MIN(id) FROM project_tokens WHERE project_id IS NOT NULL")
        .await;
    let project = deployment
        .count(&format!(
            "SELECT project_id FROM project_tokens WHERE id = {key}"
        ))
        .await
        .to_string();
    let digest = format!("SELECT token_hash FROM project_tokens WHERE id = {key}");
    let old_digest: String = sqlx::query_scalar(&digest)
        .fetch_one(&deployment.db.pool)
        .await
        .expect("key");
    let key = key.to_string();
    let form = [("project_id", project.as_str()), ("key_id", key.as_str())];
    deployment
        .kill_during(&alice, "keys/rotate_key", &form)
        .await;

    ok(&alice.call("keys/rotate_key", &form).await);
    let new_digest: String = sqlx::query_scalar(&digest)
        .fetch_one(&deployment.db.pool)
        .await
        .expect("key");
    assert_ne!(new_digest, old_digest);
}

/// A PostgreSQL server of this test's own (a new cluster in a temporary folder, on its
/// own port), so that restarting it disturbs nothing else on the machine.
struct OwnPostgres {
    dir: tempfile::TempDir,
    port: u16,
    bin: PathBuf,
}

impl OwnPostgres {
    fn start() -> Self {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL's programs (see README)")
            .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
            .filter(|bin| bin.join("initdb").exists())
            .max()
            .expect("initdb");
        let dir = tempfile::tempdir().expect("folder");
        let cluster = Self {
            dir,
            port: free_port(),
            bin,
        };
        // PostgreSQL refuses to run as root: then the cluster belongs to `postgres`.
        if running_as_root() {
            run(Command::new("chown")
                .arg("postgres:")
                .arg(cluster.dir.path()));
        }
        let data = cluster.data();
        cluster.run_tool(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        cluster.ctl("start");
        cluster
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs `pg_ctl <action>` on the cluster and waits for it to finish.
    fn ctl(&self, action: &str) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("postgres.log").display().to_string();
        self.run_tool(
            "pg_ctl",
            &[
                action,
                "-w",
                "-m",
                "fast",
                "-D",
                &self.data(),
                "-l",
                &log,
                "-o",
                &options,
            ],
        );
    }

    fn run_tool(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let mut command = if running_as_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        run(command.args(args).current_dir(self.dir.path()));
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.ctl("stop");
    }
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

fn run(command: &mut Command) {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What one request of the load got: a status and whether it is the error that says
/// the database cannot be reached for the moment.
async fn load_request(browser: &Browser) -> Result<(u16, bool), String> {
    let answer = browser
        .try_call("projects/list_projects", &[])
        .await
        .map_err(|error| error.to_string())?;
    let unavailable =
        serde_json::from_str::<AppError>(&answer.body).is_ok_and(|e| e == AppError::Unavailable);
    Ok((answer.status, unavailable))
}

#[tokio::test]
async fn postgres_restarted_under_load_fails_requests_clearly_and_the_server_recovers() {
    if !postgres_selected() {
        return;
    }
    let postgres = OwnPostgres::start();
    let smtp = SmtpServer::start().await;
    let logs = tempfile::tempdir().expect("folder");
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let url = postgres.url();
    let env = [
        ("DATABASE_URL", url.as_str()),
        ("SMTP_URL", smtp_url.as_str()),
        ("DEMO_DATA", "1"),
    ];
    let server = ServerProcess::start(free_port(), &env, &logs.path().join("server.log")).await;
    let alice = Browser::with_origin(&server.base_url, &server.base_url);
    alice
        .sign_in("alice@acme.test", server::seed::DEMO_PASSWORD)
        .await;

    // Eight clients ask for the Projects list in a loop while PostgreSQL stops for
    // longer than a request waits for a connection, then starts again.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let browser = alice.on_other_server(&server.base_url);
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    seen.push(load_request(&browser).await);
                }
                seen
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let readyz = format!("{}/readyz", server.base_url);
    let readiness = || async { reqwest::get(&readyz).await.map(|r| r.status().as_u16()) };
    postgres.ctl("stop");
    tokio::time::sleep(Duration::from_secs(7)).await;
    assert_eq!(
        readiness().await.ok(),
        Some(503),
        "not ready while the database is down"
    );
    postgres.ctl("start");
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(readiness().await.ok(), Some(200), "ready again");

    let mut seen = Vec::new();
    for client in clients {
        seen.extend(client.await.expect("client"));
    }
    let unavailable = seen.iter().filter(|s| matches!(s, Ok((503, true)))).count();
    let unclear: Vec<_> = seen
        .iter()
        .filter(|s| !matches!(s, Ok((200, _)) | Ok((503, true))))
        .collect();
    assert!(
        unclear.is_empty(),
        "answers other than 200 or a clear 503: {unclear:?}"
    );
    assert!(
        unavailable > 0,
        "no request failed while PostgreSQL was down"
    );

    // Recovered by itself: every request succeeds again, from the same process.
    for _ in 0..20 {
        assert_eq!(load_request(&alice).await, Ok((200, false)));
    }
}
