//! Configuration from environment variables, checked before anything starts. Longer
//! than most files on purpose: every variable is read here, each with the message a
//! mistake in it gets, so one file answers "what can be configured, and how".

use crate::client_address::TrustedProxies;
use crate::pruning::Schedule;
use app::server::clock::Clock;
use app::server::store::Engine;
use rand::RngCore;
use std::fmt;
use std::net::SocketAddr;
use std::ops::RangeInclusive;

/// Whether this is a developer's machine or a real deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Development: the dev mailbox replaces SMTP when `SMTP_URL` is unset, and a
    /// random server secret is made up when `SERVER_SECRET` is unset.
    Development,
    /// Production: `SMTP_URL` and `SERVER_SECRET` are required; no dev mailbox.
    Production,
}

/// The server's configuration. Every field has a documented default (README).
#[derive(Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The engine `database_url` names.
    pub engine: Engine,
    /// `PUBLIC_URL`: the origin users reach the app at, used in every emailed link.
    pub public_url: String,
    /// `SMTP_URL`, e.g. `smtp://127.0.0.1:2525`; `None` means the dev mailbox.
    pub smtp_url: Option<String>,
    /// `LISTEN_ADDR`: the address to listen on.
    pub listen: SocketAddr,
    /// `SERVER_SECRET`: keys the digests of sessions and link tokens.
    pub secret: Vec<u8>,
    /// `PACKAGENTO_ENV`: `development` or `production`.
    pub mode: Mode,
    /// `LEPTOS_SITE_ROOT`: where the built JavaScript, WebAssembly and CSS are.
    pub site_root: String,
    /// `DEMO_DATA`: `1` seeds demo accounts into an empty database.
    pub demo_data: bool,
    /// `DEMO_MEMBERS`: how many generated members the demo gives Acme.
    pub demo_members: usize,
    /// `MAIL_FROM`: the sender of every email.
    pub mail_from: lettre::message::Mailbox,
    /// `ARCHIVE_DIR`: where the Composer repository keeps the packages' dist archives.
    pub archive_dir: String,
    /// `TRUSTED_PROXIES`: the proxies whose `Forwarded`/`X-Forwarded-For` say who
    /// the client is.
    pub trusted_proxies: TrustedProxies,
    /// `SHUTDOWN_SECONDS`: how long a stopping server lets the requests in flight and
    /// the mail being sent finish.
    pub shutdown_seconds: u64,
    /// `PRUNE_INTERVAL_SECONDS` and `RETENTION_DAYS`: how often the pruning job runs
    /// and how long it keeps finished links and sent mail.
    pub pruning: Schedule,
    /// `LOG_FORMAT=json`: one JSON object per log line instead of text.
    pub json_logs: bool,
    /// `METRICS_ADDR`: where Prometheus metrics are served, if anywhere.
    pub metrics_addr: Option<SocketAddr>,
    /// The clock the server reads: the system's time (tests hand in one they move).
    pub clock: Clock,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("engine", &self.engine)
            .field("public_url", &self.public_url)
            .field("smtp", &self.smtp_url.is_some())
            .field("listen", &self.listen)
            .field("mode", &self.mode)
            .field("site_root", &self.site_root)
            .field("demo_data", &self.demo_data)
            .field("demo_members", &self.demo_members)
            .field("archive_dir", &self.archive_dir)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("shutdown_seconds", &self.shutdown_seconds)
            .field("pruning", &self.pruning)
            .field("json_logs", &self.json_logs)
            .field("metrics_addr", &self.metrics_addr)
            .finish_non_exhaustive()
    }
}

/// A variable with a bad value: printed as one line naming the variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The environment variable.
    pub var: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.var, self.problem)
    }
}

impl std::error::Error for ConfigError {}

fn refuse(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
    }
}

/// A whole number in `range` in the variable `name` (`text`), `default` when it is
/// not set.
fn bounded<N>(
    name: &'static str,
    text: Option<String>,
    default: N,
    range: RangeInclusive<N>,
) -> Result<N, ConfigError>
where
    N: std::str::FromStr + PartialOrd + fmt::Display,
{
    let Some(text) = text else {
        return Ok(default);
    };
    text.parse::<N>()
        .ok()
        .filter(|number| range.contains(number))
        .ok_or_else(|| {
            refuse(
                name,
                format!(
                    "must be a number from {} to {}, not {text:?}",
                    range.start(),
                    range.end()
                ),
            )
        })
}

/// Shortest accepted `SERVER_SECRET`, in bytes.
const MIN_SECRET_LEN: usize = 32;
/// How long a stopping server waits when `SHUTDOWN_SECONDS` is not set.
const DEFAULT_SHUTDOWN_SECONDS: u64 = 30;
/// The longest `SHUTDOWN_SECONDS` may ask for (an hour).
const MAX_SHUTDOWN_SECONDS: u64 = 3_600;

/// How often the pruning job runs when `PRUNE_INTERVAL_SECONDS` is not set (an hour).
const DEFAULT_PRUNE_INTERVAL_SECONDS: u64 = 3_600;
/// The longest `PRUNE_INTERVAL_SECONDS` (a day).
const MAX_PRUNE_INTERVAL_SECONDS: u64 = 86_400;
/// How long finished links and sent mail are kept when `RETENTION_DAYS` is not set.
const DEFAULT_RETENTION_DAYS: u64 = 90;
/// The longest `RETENTION_DAYS` (ten years).
const MAX_RETENTION_DAYS: u64 = 3_650;

/// The demo's generated members when `DEMO_MEMBERS` is not set.
const DEFAULT_DEMO_MEMBERS: usize = 2_000;
/// The most generated members `DEMO_MEMBERS` may ask for.
const MAX_DEMO_MEMBERS: usize = 20_000;

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads the configuration through `var`, which returns a variable's value.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mode = match var("PACKAGENTO_ENV").as_deref() {
            None | Some("development") => Mode::Development,
            Some("production") => Mode::Production,
            Some(other) => {
                return Err(refuse(
                    "PACKAGENTO_ENV",
                    format!("must be development or production, not {other:?}"),
                ));
            }
        };
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| "sqlite://data/packagento.db?mode=rwc".to_owned());
        let engine = Engine::from_url(&database_url)
            .ok_or_else(|| refuse("DATABASE_URL", "must start with sqlite:// or postgres://"))?;
        let listen_text = var("LISTEN_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            refuse(
                "LISTEN_ADDR",
                format!("must be an address and port like 127.0.0.1:3000, not {listen_text:?}"),
            )
        })?;
        let metrics_addr = var("METRICS_ADDR")
            .map(|text| {
                text.parse::<SocketAddr>().map_err(|_| {
                    refuse(
                        "METRICS_ADDR",
                        format!("must be an address and port like 127.0.0.1:9100, not {text:?}"),
                    )
                })
            })
            .transpose()?;
        let public_url =
            parse_public_url(var("PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}")))?;
        let smtp_url = var("SMTP_URL");
        if let Some(url) = &smtp_url {
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url).map_err(|e| {
                refuse(
                    "SMTP_URL",
                    format!("is not a valid smtp:// or smtps:// URL ({e})"),
                )
            })?;
        } else if mode == Mode::Production {
            return Err(refuse(
                "SMTP_URL",
                "is required when PACKAGENTO_ENV=production",
            ));
        }
        let secret = match var("SERVER_SECRET") {
            Some(secret) if secret.len() >= MIN_SECRET_LEN => secret.into_bytes(),
            Some(_) => {
                return Err(refuse(
                    "SERVER_SECRET",
                    format!("must be at least {MIN_SECRET_LEN} characters"),
                ));
            }
            None if mode == Mode::Production => {
                return Err(refuse(
                    "SERVER_SECRET",
                    "is required when PACKAGENTO_ENV=production",
                ));
            }
            None => {
                let mut bytes = vec![0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                bytes
            }
        };
        let demo_data = match var("DEMO_DATA").as_deref() {
            None | Some("0") => false,
            Some("1") => true,
            Some(other) => {
                return Err(refuse(
                    "DEMO_DATA",
                    format!("must be 0 or 1, not {other:?}"),
                ));
            }
        };
        let demo_members = bounded(
            "DEMO_MEMBERS",
            var("DEMO_MEMBERS"),
            DEFAULT_DEMO_MEMBERS,
            0..=MAX_DEMO_MEMBERS,
        )?;
        let shutdown_seconds = bounded(
            "SHUTDOWN_SECONDS",
            var("SHUTDOWN_SECONDS"),
            DEFAULT_SHUTDOWN_SECONDS,
            0..=MAX_SHUTDOWN_SECONDS,
        )?;
        let pruning = Schedule {
            every: bounded(
                "PRUNE_INTERVAL_SECONDS",
                var("PRUNE_INTERVAL_SECONDS"),
                DEFAULT_PRUNE_INTERVAL_SECONDS,
                1..=MAX_PRUNE_INTERVAL_SECONDS,
            )?,
            retention: bounded(
                "RETENTION_DAYS",
                var("RETENTION_DAYS"),
                DEFAULT_RETENTION_DAYS,
                1..=MAX_RETENTION_DAYS,
            )? * 86_400,
        };
        let json_logs = match var("LOG_FORMAT").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(refuse(
                    "LOG_FORMAT",
                    format!("must be text or json, not {other:?}"),
                ));
            }
        };
        let mail_from_text =
            var("MAIL_FROM").unwrap_or_else(|| "Packagento <no-reply@localhost>".to_owned());
        let mail_from = mail_from_text
            .parse()
            .map_err(|_| refuse("MAIL_FROM", format!("must be an address like Packagento <no-reply@example.com>, not {mail_from_text:?}")))?;
        let trusted_proxies = TrustedProxies::parse(&var("TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|entry| {
                refuse(
                    "TRUSTED_PROXIES",
                    format!("must list addresses or CIDR ranges like 10.0.0.0/8, not {entry:?}"),
                )
            })?;
        Ok(Self {
            trusted_proxies,
            shutdown_seconds,
            pruning,
            json_logs,
            metrics_addr,
            mail_from,
            database_url,
            engine,
            public_url,
            smtp_url,
            listen,
            secret,
            mode,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned()),
            demo_data,
            demo_members,
            archive_dir: var("ARCHIVE_DIR").unwrap_or_else(|| "data/archives".to_owned()),
            clock: Clock::default(),
        })
    }

    /// Whether emails go to the dev mailbox page instead of an SMTP server.
    pub fn uses_dev_mailbox(&self) -> bool {
        self.smtp_url.is_none() && self.mode == Mode::Development
    }
}

/// Checks `PUBLIC_URL`: an http or https origin, optionally with a trailing slash.
fn parse_public_url(url: String) -> Result<String, ConfigError> {
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| {
            refuse(
                "PUBLIC_URL",
                format!("must start with http:// or https://, not {url:?}"),
            )
        })?;
    let host_ok = !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' '])
        && rest.chars().all(|c| c.is_ascii_graphic());
    if host_ok {
        // Browsers omit the scheme's default port from `Origin`; so does the canonical URL.
        let canonical = trimmed
            .strip_suffix(if trimmed.starts_with("https://") {
                ":443"
            } else {
                ":80"
            })
            .unwrap_or(trimmed);
        Ok(canonical.to_owned())
    } else {
        Err(refuse(
            "PUBLIC_URL",
            format!(
                "must be an origin like https://packages.example.com, without a path; got {url:?}"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_vars(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_run_on_sqlite_with_the_dev_mailbox() {
        let config = config(&[]).expect("defaults are valid");
        assert_eq!(config.engine, Engine::Sqlite);
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert!(config.uses_dev_mailbox());
        assert_eq!(config.secret.len(), 32);
        assert_eq!(
            (config.pruning.every, config.pruning.retention),
            (3_600, 90 * 86_400)
        );
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (var, value) in [
            ("DATABASE_URL", "mysql://x"),
            ("PUBLIC_URL", "ftp://x"),
            ("PUBLIC_URL", "https://x.test/app"),
            ("LISTEN_ADDR", "localhost"),
            ("SMTP_URL", "not a url"),
            ("SERVER_SECRET", "short"),
            ("PACKAGENTO_ENV", "staging"),
            ("DEMO_DATA", "yes"),
            ("DEMO_MEMBERS", "many"),
            ("DEMO_MEMBERS", "1000000"),
            ("SHUTDOWN_SECONDS", "-1"),
            ("SHUTDOWN_SECONDS", "a minute"),
            ("PRUNE_INTERVAL_SECONDS", "0"),
            ("PRUNE_INTERVAL_SECONDS", "100000"),
            ("RETENTION_DAYS", "0"),
            ("RETENTION_DAYS", "forever"),
            ("LOG_FORMAT", "xml"),
            ("METRICS_ADDR", "9100"),
            ("MAIL_FROM", "nobody"),
            ("TRUSTED_PROXIES", "10.0.0.0/8, proxy"),
        ] {
            let error = config(&[(var, value)]).expect_err(var);
            assert_eq!(error.var, var, "{error}");
        }
    }

    #[test]
    fn production_requires_smtp_and_a_secret() {
        let error = config(&[("PACKAGENTO_ENV", "production")]).expect_err("no smtp");
        assert_eq!(error.var, "SMTP_URL");
        let error = config(&[
            ("PACKAGENTO_ENV", "production"),
            ("SMTP_URL", "smtp://127.0.0.1:25"),
        ])
        .expect_err("no secret");
        assert_eq!(error.var, "SERVER_SECRET");
        let secret = "s".repeat(40);
        let ok = config(&[
            ("PACKAGENTO_ENV", "production"),
            ("SMTP_URL", "smtp://127.0.0.1:25"),
            ("SERVER_SECRET", &secret),
            ("PUBLIC_URL", "https://packages.example.com/"),
        ])
        .expect("valid");
        assert!(!ok.uses_dev_mailbox());
        assert_eq!(ok.public_url, "https://packages.example.com");
        let explicit_port =
            config(&[("PUBLIC_URL", "https://packages.example.com:443")]).expect("valid");
        assert_eq!(explicit_port.public_url, "https://packages.example.com");
        let other_port = config(&[("PUBLIC_URL", "http://127.0.0.1:8080/")]).expect("valid");
        assert_eq!(other_port.public_url, "http://127.0.0.1:8080");
    }
}
