//! The permission table (`permissions.md`) and the world its rows run in: the demo
//! data, one browser per principal, and the objects made for single cells.

use super::{Answer, Browser, TestApp, spawn_demo_app};
use std::collections::HashMap;

/// The table, as a reviewer reads it.
const MATRIX: &str = include_str!("../permissions.md");

/// The columns, in order.
pub const PRINCIPALS: [&str; 11] = [
    "anonymous",
    "owner",
    "admin",
    "developer",
    "billing",
    "viewer",
    "outsider",
    "viewer recipient",
    "developer recipient",
    "removed member",
    "revoked recipient",
];

const PASSWORD: &str = "correct horse battery";

/// One row: a request, its arguments and the status each principal gets.
pub struct Row {
    /// `GET` or `POST`.
    pub method: String,
    /// A server function (`team/list_members`) or a page (`/projects/{id}`).
    pub path: String,
    /// Each argument's name and the value the table gives it.
    pub args: Vec<(String, String)>,
    /// The status each principal gets, in the order of [`PRINCIPALS`].
    pub expected: Vec<String>,
}

/// The rows of the table, in order; checks the header names the principals.
pub fn rows() -> Vec<Row> {
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().trim_matches('`').to_owned())
            .collect()
    };
    let header = MATRIX
        .lines()
        .find(|line| line.starts_with("| Request"))
        .expect("the table's header");
    assert_eq!(cells(header)[2..], PRINCIPALS.map(str::to_owned));
    MATRIX
        .lines()
        .filter(|line| line.starts_with("| `POST ") || line.starts_with("| `GET "))
        .map(|line| {
            let cells = cells(line);
            let (method, path) = cells[0].split_once(' ').expect("method and path");
            let args = if cells[1] == "—" {
                Vec::new()
            } else {
                cells[1]
                    .split(", ")
                    .map(|pair| {
                        let (name, value) = pair.split_once('=').expect("name=value");
                        (name.to_owned(), value.to_owned())
                    })
                    .collect()
            };
            assert_eq!(cells.len(), 2 + PRINCIPALS.len(), "{line}");
            Row {
                method: method.to_owned(),
                path: path.to_owned(),
                args,
                expected: cells[2..].to_vec(),
            }
        })
        .collect()
}

/// The demo data, the principals' browsers and the objects made for single columns.
pub struct World {
    /// The server and its database.
    pub app: TestApp,
    /// One browser per principal, in the order of [`PRINCIPALS`].
    pub browsers: Vec<Browser>,
    /// Each principal's address, to sign in again after a row ends sessions.
    accounts: Vec<Option<(String, String)>>,
    named: HashMap<&'static str, String>,
    made: HashMap<(String, usize), String>,
}

async fn id(app: &TestApp, sql: &str) -> String {
    let id: i64 = sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    id.to_string()
}

impl World {
    /// The demo data with every principal signed in and the outside set up.
    pub async fn new() -> Self {
        let app = spawn_demo_app().await;
        let named = HashMap::from([
            ("Storefront", app.project_id("Storefront").await),
            (
                "Acme",
                id(&app, "SELECT id FROM workspaces WHERE name = 'Acme'").await,
            ),
            (
                "TaxRates",
                id(
                    &app,
                    "SELECT l.id FROM licences l JOIN packages p ON p.id = l.package_id \
                     WHERE p.name = 'ironledger/tax-rates'",
                )
                .await,
            ),
            (
                "DeployKey",
                id(
                    &app,
                    "SELECT id FROM project_tokens WHERE name = 'Production deploy'",
                )
                .await,
            ),
            (
                "Invoice",
                id(
                    &app,
                    "SELECT id FROM invoices WHERE number = 'INV-7Q4-2291'",
                )
                .await,
            ),
            (
                "erin",
                id(&app, "SELECT id FROM users WHERE email = 'erin@acme.test'").await,
            ),
            (
                "Tracking",
                id(
                    &app,
                    "SELECT id FROM packages WHERE name = 'harbor/tracking'",
                )
                .await,
            ),
        ]);
        let demo = server::seed::DEMO_PASSWORD.to_owned();
        let mut accounts = vec![None];
        for (name, domain) in [
            ("alice", "acme"),
            ("bob", "acme"),
            ("carol", "acme"),
            ("dave", "acme"),
            ("erin", "acme"),
            ("frank", "globex"),
        ] {
            accounts.push(Some((format!("{name}@{domain}.test"), demo.clone())));
        }
        for email in [
            "vera@outside.test",
            "devon@outside.test",
            "remy@example.com",
            "rex@outside.test",
        ] {
            accounts.push(Some((email.to_owned(), PASSWORD.to_owned())));
        }
        let mut world = Self {
            browsers: Vec::new(),
            app,
            accounts,
            named,
            made: HashMap::new(),
        };
        for (column, account) in world.accounts.iter().enumerate() {
            let browser = match account {
                None => world.app.browser(),
                Some((email, password)) if column <= 6 => {
                    let browser = world.app.browser();
                    browser.sign_in(email, password).await;
                    browser
                }
                Some((email, password)) => world.app.signed_in_user(email, password).await,
            };
            world.browsers.push(browser);
        }
        world.set_up_the_outside().await;
        world
    }

    fn owner(&self) -> &Browser {
        &self.browsers[1]
    }

    /// Shares Storefront with the recipients and accepts; removes remy after he
    /// joined; revokes rex's share after he accepted.
    async fn set_up_the_outside(&mut self) {
        let storefront = self.named["Storefront"].clone();
        for (column, role) in [(7, "viewer"), (8, "developer"), (10, "viewer")] {
            let email = self.accounts[column].clone().expect("an account").0;
            let shared = self
                .owner()
                .call(
                    "shares/share_project",
                    &[
                        ("project_id", &storefront),
                        ("email", &email),
                        ("role", role),
                    ],
                )
                .await;
            shared.expect_status(200);
            let token = self.app.smtp.link_token(&email, "/share?token=").await;
            let accepted = self.browsers[column]
                .call("shares/accept_share", &[("token", &token)])
                .await;
            accepted.expect_status(200);
            if column == 10 {
                let share_id = shared.json()["id"].to_string();
                let ended = self
                    .owner()
                    .call(
                        "shares/end_share",
                        &[("project_id", &storefront), ("share_id", &share_id)],
                    )
                    .await;
                ended.expect_status(200);
            }
        }
        let acme: i64 = self.named["Acme"].parse().expect("id");
        self.app
            .add_member(acme, "remy@example.com", "developer")
            .await;
        let remy = self.app.user_id("remy@example.com").await.to_string();
        let removed = self
            .owner()
            .call("team/remove_member", &[("user_id", &remy)])
            .await;
        removed.expect_status(200);
    }

    /// The value an argument of the table stands for, in `column`.
    pub async fn value(&mut self, value: &str, column: usize) -> String {
        if let Some(named) = self.named.get(value) {
            return named.clone();
        }
        match value {
            "@email" => format!("new-{column}@example.com"),
            "@name" => format!("Made by column {column}"),
            made if made.starts_with('@') => self.made(made, column).await,
            literal => literal.to_owned(),
        }
    }

    /// An object made for one row and one column only (`@invite:revoke`), so that a
    /// write in one column changes nothing the next column sees.
    async fn made(&mut self, label: &str, column: usize) -> String {
        let key = (label.to_owned(), column);
        if let Some(id) = self.made.get(&key) {
            return id.clone();
        }
        let tag = format!(
            "{}-{column}",
            label.trim_start_matches('@').replace(':', "-")
        );
        let storefront = self.named["Storefront"].clone();
        // Invites come from bob and shares from alice, keys from carol: each stays
        // under the sending limit of one person.
        let (browser, path, form): (usize, &str, Vec<(&str, String)>) =
            match label.split(':').next() {
                Some("@invite") => (
                    2,
                    "team/invite_member",
                    vec![
                        ("email", format!("{tag}@example.com")),
                        ("role", "viewer".to_owned()),
                    ],
                ),
                Some("@share") => (
                    1,
                    "shares/share_project",
                    vec![
                        ("project_id", storefront),
                        ("email", format!("{tag}@outside.test")),
                        ("role", "viewer".to_owned()),
                    ],
                ),
                Some("@key") => (
                    3,
                    "keys/mint_key",
                    vec![("project_id", storefront), ("name", tag.clone())],
                ),
                Some("@member") => {
                    let user = id(
                        &self.app,
                        &format!(
                            "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id \
                             WHERE u.email LIKE '%@members.acme.test' AND m.role = 'viewer' \
                             ORDER BY u.id LIMIT 1 OFFSET {}",
                            self.made.len()
                        ),
                    )
                    .await;
                    self.made.insert(key, user.clone());
                    return user;
                }
                _ => panic!("unknown object {label}"),
            };
        let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let answer = self.browsers[browser].call(path, &form).await;
        assert_eq!(answer.status, 200, "making {label}: {}", answer.body);
        let id = answer.json()["id"].to_string();
        self.made.insert(key, id.clone());
        id
    }

    /// The arguments of `row` as the principal of `column` sends them.
    pub async fn arguments(&mut self, row: &Row, column: usize) -> Vec<(String, String)> {
        let mut resolved = Vec::new();
        for (name, value) in &row.args {
            resolved.push((name.clone(), self.value(value, column).await));
        }
        resolved
    }

    /// Sends `row`'s request as the principal of `column`.
    pub async fn send(&mut self, row: &Row, column: usize) -> Answer {
        let arguments = self.arguments(row, column).await;
        send_as(&self.browsers[column], row, &arguments).await
    }

    /// Signs every principal in again (after a row that ends sessions).
    pub async fn sign_in_again(&self) {
        for (browser, account) in self.browsers.iter().zip(&self.accounts) {
            if let Some((email, password)) = account {
                browser.sign_in(email, password).await;
            }
        }
    }
}

/// Sends `row`'s request with `arguments` from `browser`: path parameters go into the
/// path, the rest into the query (pages) or the form (server functions).
pub async fn send_as(browser: &Browser, row: &Row, arguments: &[(String, String)]) -> Answer {
    let mut path = row.path.clone();
    let mut form = Vec::new();
    for (name, value) in arguments {
        let slot = format!("{{{name}}}");
        if path.contains(&slot) {
            path = path.replace(&slot, &encode(value));
        } else {
            form.push((name.as_str(), value.as_str()));
        }
    }
    if row.method == "GET" {
        let query: Vec<String> = form
            .iter()
            .map(|(name, value)| format!("{name}={}", encode(value)))
            .collect();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        browser.get(&format!("{path}{query}")).await
    } else {
        browser.call(&path, &form).await
    }
}

/// `text` percent-encoded for a URL.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}
