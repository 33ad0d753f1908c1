//! The server binary run as its own process, as a deployment runs it.

use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// A running `server` process; killed when dropped.
pub struct ServerProcess {
    /// `http://127.0.0.1:<port>`, where it listens.
    pub base_url: String,
    child: tokio::process::Child,
}

/// A port nothing listens on now, for a server binary to bind. It comes from below
/// the kernel's range for port 0 (32768 and up here), where the in-process servers
/// of the other tests listen: a port taken from that range and released could be handed
/// to one of them before the binary binds it, and this test would then talk to another
/// test's server (seen as a "Cross-site request refused" about once in twenty runs).
/// Each call in a process takes the next port; processes start apart by their id.
pub fn free_port() -> u16 {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let start = std::process::id() % 1_000 * 10;
    loop {
        let offset = (start + NEXT.fetch_add(1, Ordering::Relaxed)) % 12_000;
        let port = 20_000 + u16::try_from(offset).expect("under 12,000");
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

impl ServerProcess {
    /// Starts the binary on `port` with the test secret and site, then `env` (which
    /// must name `DATABASE_URL`; `PUBLIC_URL` defaults to its own address), writing its
    /// output to `log`, and waits until it answers.
    pub async fn start(port: u16, env: &[(&str, &str)], log: &Path) -> Self {
        let base_url = format!("http://127.0.0.1:{port}");
        let output = std::fs::File::create(log).expect("log file");
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .env("PUBLIC_URL", &base_url)
            .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
            .env("SERVER_SECRET", "integration-test-secret-of-enough-length")
            .env("LEPTOS_SITE_ROOT", "../target/site")
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::from(output.try_clone().expect("log file")))
            .stderr(Stdio::from(output))
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let probe = reqwest::Client::new();
        for _ in 0..400 {
            if probe
                .get(format!("{base_url}/sign-in"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Self { base_url, child };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the server binary did not start: {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }

    /// Stops the process and waits until it has exited.
    pub async fn stop(mut self) {
        self.child.kill().await.expect("stop the server");
    }

    /// Sends SIGTERM, as a process manager stops a service, and returns how the
    /// process exited (within 30 seconds).
    pub async fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("a running process");
        let sent = tokio::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
        tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("the server exits after SIGTERM")
            .expect("exit status")
    }
}

/// Waits until the file at `path` holds `line` (a server's log).
pub async fn wait_for_line(path: &Path, line: &str) {
    for _ in 0..400 {
        if std::fs::read_to_string(path).is_ok_and(|log| log.contains(line)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never logged {line:?}");
}
