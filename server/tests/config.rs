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
