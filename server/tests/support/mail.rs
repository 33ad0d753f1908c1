//! A real SMTP server for tests: aiosmtpd writing every message to a Maildir.

use super::process::free_port;
use base64::Engine as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// An aiosmtpd process on a port of its own, which can be stopped and started again.
pub struct SmtpServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    maildir: tempfile::TempDir,
    process: Option<Child>,
}

/// A message as it reached the SMTP server.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The `To` header.
    pub to: String,
    /// The `Subject` header.
    pub subject: String,
    /// The `Message-ID` header.
    pub message_id: String,
    /// The decoded text/plain part.
    pub text: String,
    /// The decoded text/html part.
    pub html: String,
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub async fn start() -> Self {
        let maildir = tempfile::tempdir().expect("maildir");
        for sub in ["tmp", "new", "cur"] {
            std::fs::create_dir_all(maildir.path().join(sub)).expect("maildir folders");
        }
        let mut server = Self {
            port: free_port(),
            maildir,
            process: None,
        };
        server.resume().await;
        server
    }

    /// Starts the process again on the same port after [`Self::stop`].
    pub async fn resume(&mut self) {
        let python = if std::path::Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3"
        } else {
            "python3"
        };
        let child = Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd runs (python3 -m aiosmtpd; the test command installs it)");
        self.process = Some(child);
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not start on port {}", self.port);
    }

    /// Stops the process: the port refuses connections until [`Self::resume`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir.path().join(sub)).ok())
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
            .collect();
        files.sort();
        files
            .iter()
            .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
            .map(|raw| parse(&raw))
            .collect()
    }

    /// Waits (up to 30 s) for `count` messages to `to`, and returns all of them.
    pub async fn wait_for(&self, to: &str, count: usize) -> Vec<ReceivedMail> {
        for _ in 0..300 {
            let mails: Vec<ReceivedMail> =
                self.messages().into_iter().filter(|m| m.to == to).collect();
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no {count} mail(s) to {to} arrived; got {:?}",
            self.messages()
        );
    }

    /// The token of the newest link to `to` that contains `marker` (for example
    /// `/verify-email?token=`), waiting for it to arrive.
    pub async fn link_token(&self, to: &str, marker: &str) -> String {
        for _ in 0..300 {
            let token = self
                .messages()
                .iter()
                .rev()
                .filter(|m| m.to == to)
                .find_map(|m| token_after(&m.text, marker));
            if let Some(token) = token {
                return token;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no mail to {to} with a link containing {marker}; got {:?}",
            self.messages()
        );
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The characters after `marker` up to the end of the URL.
pub fn token_after(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)? + marker.len();
    Some(
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect(),
    )
}

fn header(head: &str, name: &str) -> String {
    head.lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default()
}

fn decode(part_head: &str, body: &str) -> String {
    let encoding = header(part_head, "Content-Transfer-Encoding").to_ascii_lowercase();
    match encoding.as_str() {
        "base64" => {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .expect("base64 part");
            String::from_utf8(bytes).expect("utf-8 part")
        }
        "quoted-printable" => {
            let joined = body.replace("=\n", "");
            let mut bytes = Vec::new();
            let mut rest = joined.as_bytes();
            while let Some((&first, tail)) = rest.split_first() {
                match (
                    first,
                    tail.get(..2)
                        .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()),
                ) {
                    (b'=', Some(byte)) => {
                        bytes.push(byte);
                        rest = &tail[2..];
                    }
                    _ => {
                        bytes.push(first);
                        rest = tail;
                    }
                }
            }
            String::from_utf8(bytes).expect("utf-8 part")
        }
        _ => body.to_owned(),
    }
}

/// Splits a raw message into the fields the tests read.
fn parse(raw: &str) -> ReceivedMail {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let content_type = header(&head, "Content-Type");
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .map(|b| b.trim_matches('"').to_owned());
    let (mut text, mut html) = (String::new(), String::new());
    if let Some(boundary) = boundary {
        for part in body.split(&format!("--{boundary}")) {
            let part = part.trim_start_matches('\n');
            let Some((part_head, part_body)) = part.split_once("\n\n") else {
                continue;
            };
            let part_type = header(part_head, "Content-Type");
            if part_type.starts_with("text/plain") {
                text = decode(part_head, part_body);
            } else if part_type.starts_with("text/html") {
                html = decode(part_head, part_body);
            }
        }
    } else {
        text = decode(&head, body);
    }
    ReceivedMail {
        to: header(&head, "To"),
        subject: header(&head, "Subject"),
        message_id: header(&head, "Message-ID"),
        text,
        html,
    }
}
