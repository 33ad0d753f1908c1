//! Protections every request gets: cross-site refusal, headers, routes that must not exist.

use crate::support::spawn_app;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn a_cross_site_post_with_a_valid_session_changes_nothing() {
    let app = spawn_app().await;
    let victim = app.signed_in_user("victim@example.com", PASSWORD).await;
    let evil = victim.on_other_site("https://evil.example");
    let page = evil.get("/account").await;
    assert!(
        page.body.contains("victim@example.com"),
        "the forged requests carry the session"
    );
    let refused = evil.call("auth/sign_out_everywhere", &[]).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.body, "Cross-site request refused.");
    let forged_register = evil.register("x@example.com", "X", PASSWORD).await;
    assert_eq!(forged_register.status, 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(victim.whoami().await.as_deref(), Some("victim@example.com"));

    let same_site = victim.call("auth/sign_out_everywhere", &[]).await;
    assert_eq!(same_site.status, 200);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn a_post_without_origin_needs_a_referer_from_the_app_itself() {
    let app = spawn_app().await;
    let sign_out = |referer: Option<String>| {
        let mut request =
            reqwest::Client::new().post(format!("{}/api/auth/sign_out", app.base_url));
        if let Some(referer) = referer {
            request = request.header("referer", referer);
        }
        async move { request.send().await.expect("request").status().as_u16() }
    };
    assert_eq!(sign_out(None).await, 403, "neither Origin nor Referer");
    assert_eq!(
        sign_out(Some(format!("{}/account", app.base_url))).await,
        200
    );
    assert_eq!(
        sign_out(Some(format!("{}.evil.example/", app.base_url))).await,
        403,
        "a look-alike host"
    );
}

#[tokio::test]
async fn an_opaque_origin_counts_only_with_same_origin_fetch_metadata() {
    let app = spawn_app().await;
    let sign_out = |fetch_site: Option<&'static str>| {
        let mut request = reqwest::Client::new()
            .post(format!("{}/api/auth/sign_out", app.base_url))
            .header("origin", "null");
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        async move { request.send().await.expect("request").status().as_u16() }
    };
    assert_eq!(sign_out(None).await, 403, "Origin: null alone");
    assert_eq!(sign_out(Some("cross-site")).await, 403);
    assert_eq!(
        sign_out(Some("same-site")).await,
        403,
        "a sibling subdomain"
    );
    assert_eq!(
        sign_out(Some("same-origin")).await,
        200,
        "a form posted from a no-referrer page of the app itself"
    );
}

#[tokio::test]
async fn every_server_function_is_post_only() {
    let app = spawn_app().await;
    let paths: Vec<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, m)| (p.to_owned(), m.to_string()))
        .collect();
    assert!(paths.len() >= 7, "{paths:?}");
    for (path, method) in &paths {
        assert_eq!(method, "POST", "{path} accepts {method}");
        let get = app.browser().get(path).await;
        assert_ne!(get.status, 200, "GET {path} must not run the function");
    }
}

#[tokio::test]
async fn html_pages_carry_a_strict_policy_with_a_fresh_nonce() {
    let app = spawn_app().await;
    let first = app.browser().get("/sign-in").await;
    let second = app.browser().get("/sign-in").await;
    let csp = first.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_ne!(
        csp, second.headers["content-security-policy"],
        "a nonce per response"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("nonce");
    assert!(
        first.body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(first.headers[name], value, "{name}");
    }
    assert!(
        first.headers.get("strict-transport-security").is_none(),
        "plain http"
    );
}

#[tokio::test]
async fn unknown_pages_are_404_and_the_dev_mailbox_needs_development_without_smtp() {
    let app = spawn_app().await;
    let missing = app.browser().get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    let mailbox = app.browser().get("/dev/mailbox").await;
    assert_eq!(
        mailbox.status, 404,
        "SMTP is configured, so there is no dev mailbox"
    );
}

#[tokio::test]
async fn signed_out_visitors_see_no_private_page_content() {
    let app = spawn_app().await;
    let account = app.browser().get("/account").await;
    assert_eq!(account.status, 200);
    assert!(account.body.contains("You are signed out"));
    let signed_in = app.signed_in_user("me@example.com", PASSWORD).await;
    let page = signed_in.get("/account").await;
    assert!(page.body.contains("me@example.com"));
    assert!(page.body.contains("Sign out of all sessions"));
}

#[tokio::test]
async fn a_database_failure_reaches_the_browser_as_a_reference_only() {
    let app = spawn_app().await;
    let browser = app.signed_in_user("broken@example.com", PASSWORD).await;
    sqlx::query("DROP TABLE sessions")
        .execute(&app.db.pool)
        .await
        .expect("break the database");

    let answer = browser.call("auth/get_current_user", &[]).await;
    answer.expect_status(500);
    let reference = answer.json()["Internal"]["ref_id"]
        .as_str()
        .map(str::to_owned);
    assert!(reference.is_some_and(|r| r.len() >= 6), "{}", answer.body);
    for leak in [
        "sessions", "SELECT", "sqlite", "postgres", "/tmp", "relation", "table",
    ] {
        assert!(
            !answer.body.to_lowercase().contains(&leak.to_lowercase()),
            "{leak} in {}",
            answer.body
        );
    }
    let page = browser.get("/account").await;
    assert!(
        page.body
            .contains("Something went wrong on our side. Reference:"),
        "the page explains"
    );
    assert!(!page.body.contains("no such table") && !page.body.contains("does not exist"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_answers_never_take_each_others_status_or_headers() {
    let (_site, root) =
        crate::support::site_root(&[("pkg/packagento.css", b"main { color: black; }\n")]);
    let app = crate::support::spawn_configured_app(|config| config.site_root = root).await;
    let mut tasks = Vec::new();
    for round in 0..60 {
        for kind in ["static", "missing", "page", "function"] {
            let browser = app.browser();
            tasks.push(tokio::spawn(async move {
                let answer = match kind {
                    "static" => browser.get("/pkg/packagento.css").await,
                    "missing" => browser.get(&format!("/no-such-page-{round}")).await,
                    "page" => browser.get("/sign-in").await,
                    _ => browser.call("auth/get_current_user", &[]).await,
                };
                (kind, answer)
            }));
        }
    }
    let mut wrong = Vec::new();
    for task in tasks {
        let (kind, answer) = task.await.expect("task");
        let header = |name: &str| {
            answer
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let expected = match kind {
            "static" => 200,
            "missing" => 404,
            _ => 200,
        };
        if answer.status != expected {
            wrong.push(format!("{kind}: {} instead of {expected}", answer.status));
        }
        if answer.headers.contains_key("set-cookie") {
            wrong.push(format!("{kind}: a Set-Cookie"));
        }
        let policy = header("content-security-policy");
        let content_type = header("content-type");
        let static_wrong =
            kind == "static" && (!content_type.starts_with("text/css") || !policy.is_empty());
        let page_wrong = matches!(kind, "missing" | "page") && !policy.contains("'nonce-");
        if static_wrong || page_wrong {
            wrong.push(format!("{kind}: {content_type} with policy {policy:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
