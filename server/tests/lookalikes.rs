//! Look-alike and invisible characters: one spelling per address and name, nothing
//! hidden in them, and names shown isolated so they cannot reorder the page.

use crate::support::spawn_demo_app;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn invisible_and_look_alike_addresses_are_refused_and_spellings_are_one() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    for (email, message) in [
        ("carol@acme.test\u{200B}", "invisible or direction-changing"),
        ("ali\u{200B}ce@acme.test", "invisible or direction-changing"),
        ("alice\u{202E}@acme.test", "invisible or direction-changing"),
        ("alice@\u{430}cme.test", "mixes alphabets"),
    ] {
        let invite = alice
            .call(
                "team/invite_member",
                &[("email", email), ("role", "viewer")],
            )
            .await;
        assert_eq!(invite.status, 400, "{email:?}: {}", invite.body);
        assert!(
            invite
                .field_message("email")
                .unwrap_or_default()
                .contains(message),
            "{email:?}: {}",
            invite.body
        );
        let register = app.browser().register(email, "Someone", PASSWORD).await;
        assert_eq!(register.status, 400, "{email:?}: {}", register.body);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invites WHERE email LIKE 'carol%'")
            .await,
        0
    );

    // The composed and decomposed spellings of one address are one address.
    for spelling in ["zo\u{eb}@example.test", "ZOE\u{308}@example.test"] {
        let answer = app.browser().register(spelling, "Zoë", PASSWORD).await;
        answer.expect_status(200);
    }
    let addresses: Vec<String> = sqlx::query_scalar("SELECT DISTINCT email FROM registrations")
        .fetch_all(&app.db.pool)
        .await
        .expect("registrations");
    assert_eq!(addresses, ["zo\u{eb}@example.test"]);
}

#[tokio::test]
async fn names_without_anything_visible_or_with_direction_controls_are_refused() {
    let app = spawn_demo_app().await;
    let alice = app.demo_user("alice").await;
    for name in [
        "Evil\u{202E}exe.txt",
        "\u{200B}\u{200B}",
        "\u{301}\u{301}\u{301}",
        "\u{2066}x",
    ] {
        let created = alice
            .call("projects/create_project", &[("name", name)])
            .await;
        assert_eq!(created.status, 400, "{name:?}: {}", created.body);
        let renamed = alice
            .call("account/change_display_name", &[("display_name", name)])
            .await;
        assert_eq!(renamed.status, 400, "{name:?}: {}", renamed.body);
    }
    let storefront = app.project_id("Storefront").await;
    let hebrew = "\u{5D7}\u{5E0}\u{5D5}\u{5EA}";
    let renamed = alice
        .call(
            "projects/rename_project",
            &[("project_id", &storefront), ("name", hebrew)],
        )
        .await;
    renamed.expect_status(200);
    let project = alice
        .call("projects/get_project", &[("project_id", &storefront)])
        .await;
    assert_eq!(project.json()["name"], hebrew, "{}", project.body);
}
