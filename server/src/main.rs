//! The `server` binary: reads the configuration and runs Packagento.

use server::config::Config;
use std::io::IsTerminal;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// The allocator of the server process (see `Cargo.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("packagento: {error}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        return match server::support::run(&args, &config).await {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(problem) => {
                eprintln!("packagento: {problem}");
                ExitCode::from(2)
            }
        };
    }
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    if config.json_logs {
        // One object per line: time, level, the event's fields and the request's span
        // (its id, method and route).
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init();
    } else {
        // Colours only on a terminal: a log file gets plain text.
        tracing_subscriber::fmt()
            .with_ansi(std::io::stdout().is_terminal())
            .with_env_filter(filter)
            .init();
    }
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "packagento: LISTEN_ADDR: cannot listen on {} ({error})",
                config.listen
            );
            return ExitCode::from(2);
        }
    };
    match server::startup::run(listener, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("packagento: {error}");
            ExitCode::FAILURE
        }
    }
}
