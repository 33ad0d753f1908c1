//! The server binary refuses bad configuration clearly.

use std::process::Command;

#[test]
fn a_bad_variable_stops_the_server_with_one_line_and_exit_code_2() {
    for (var, value) in [
        ("PUBLIC_URL", "ftp://example.com"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("LISTEN_ADDR", "everywhere"),
        ("SERVER_SECRET", "too short"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .env_clear()
            .env(var, value)
            .output()
            .expect("the server binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{var}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.starts_with(&format!("packagento: {var}: ")),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// The settings a file of `deploy/` gives with `prefix` (`Environment=`), as pairs.
fn settings(file: &str, prefix: &str) -> Vec<(String, String)> {
    file.lines()
        .filter_map(|line| line.strip_prefix(prefix)?.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// The sample systemd unit names only settings the README documents, they are a valid
/// production configuration (with the secrets its environment file holds), and systemd
/// waits longer than the server drains before it kills it; the load balancer's sample
/// probes readiness.
#[test]
fn the_deployment_samples_hold_a_valid_configuration() {
    let unit = include_str!("../../deploy/packagento.service");
    let readme = include_str!("../../README.md");
    let mut vars = settings(unit, "Environment=");
    assert!(vars.len() >= 5, "{vars:?}");
    for (name, _) in &vars {
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "{name} is in the README's Configuration table"
        );
    }
    assert!(unit.contains("EnvironmentFile=/etc/packagento/secrets"));
    vars.push(("SERVER_SECRET".to_owned(), "s".repeat(40)));
    vars.push((
        "SMTP_URL".to_owned(),
        "smtp://mail.example.com:587".to_owned(),
    ));
    let config = server::config::Config::from_vars(|name| {
        vars.iter()
            .find(|(var, _)| var == name)
            .map(|(_, value)| value.clone())
    })
    .expect("a valid configuration");
    assert_eq!(config.mode, server::config::Mode::Production);
    let stop_after: u64 = settings(unit, "")
        .iter()
        .find(|(name, _)| name == "TimeoutStopSec")
        .and_then(|(_, value)| value.parse().ok())
        .expect("TimeoutStopSec");
    assert!(
        stop_after > config.shutdown_seconds,
        "systemd waits for the drain"
    );
    assert!(unit.contains("KillSignal=SIGTERM"));

    let balancer = include_str!("../../deploy/haproxy.cfg");
    assert!(balancer.contains("uri /readyz"), "{balancer}");
    assert!(balancer.contains("expect status 200"), "{balancer}");
}
