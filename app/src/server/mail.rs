//! The emails Packagento sends, each with a plain-text and an HTML part.
//!
//! Links are built from the configured public URL, never from the request's Host
//! header. Every user value in the HTML part is escaped. The emails about one's own
//! account (password, address) are in [`account`], those of shares in [`shares`].

pub mod account;
pub mod shares;

pub use shares::{share_email, share_end_changed_email, share_end_email, share_revoked_email};

use super::store::VERIFICATION_SECONDS;
use super::store::{InviteLetter, KeyEndingLetter, OutgoingEmail};
use crate::core::dates::format_date;

const VERIFICATION_HOURS: i64 = VERIFICATION_SECONDS / 3600;

/// Escapes text for an HTML element or a double-quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The HTML part of an email: its paragraphs, escaped, and a button for its link.
pub(super) fn html_page(paragraphs: &[String], link: Option<(&str, &str)>) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    let button = link.map_or_else(String::new, |(label, url)| {
        format!(
            "<p><a href=\"{url}\" style=\"display:inline-block;padding:10px 16px;background:#1f4fd1;\
             color:#ffffff;border-radius:6px;text-decoration:none\">{label}</a></p>\
             <p>Or paste this address into your browser:<br>{url}</p>",
            url = escape_html(url),
            label = escape_html(label),
        )
    });
    format!(
        "<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:sans-serif;line-height:1.5\">\
         {body}{button}<p style=\"color:#555\">Packagento</p></body></html>"
    )
}

/// The email with the link that verifies a new account's address.
pub fn verification_email(
    public_url: &str,
    to: &str,
    display_name: &str,
    token: &str,
) -> OutgoingEmail {
    let link = format!("{public_url}/verify-email?token={token}");
    let greeting = format!("Hello {display_name},");
    let ask = format!(
        "Confirm that {to} is your email address to finish creating your Packagento account. \
         The link works once and expires in {VERIFICATION_HOURS} hours."
    );
    let ignore = "If you did not create an account, ignore this email.".to_owned();
    OutgoingEmail {
        kind: "verify_email",
        to: to.to_owned(),
        subject: "Verify your email address for Packagento".to_owned(),
        text: format!("{greeting}\n\n{ask}\n\n{link}\n\n{ignore}\n\nPackagento\n"),
        html: html_page(
            &[greeting, ask, ignore],
            Some(("Verify email address", &link)),
        ),
    }
}

/// The invitation to join a workspace, with its single-use accept link.
pub fn invite_email(public_url: &str, token: &str, letter: &InviteLetter<'_>) -> OutgoingEmail {
    let InviteLetter {
        to,
        workspace,
        inviter,
        role,
    } = *letter;
    let link = format!("{public_url}/invite?token={token}");
    let invitation = format!(
        "{inviter} invited you to join {workspace} on Packagento as {role}.",
        role = role.with_article()
    );
    let how = format!(
        "Open the link to accept. It works once, for {to} only, and expires in 14 days. \
         If you have no account yet, you can create one on the way."
    );
    let ignore = "If you did not expect this, ignore this email.".to_owned();
    OutgoingEmail {
        kind: "invite",
        to: to.to_owned(),
        subject: format!("{inviter} invited you to {workspace} on Packagento"),
        text: format!("{invitation}\n\n{how}\n\n{link}\n\n{ignore}\n\nPackagento\n"),
        html: html_page(
            &[invitation, how, ignore],
            Some(("Accept the invite", &link)),
        ),
    }
}

/// The warning that an access key ends soon, to its minter and the workspace's owners
/// and admins.
pub fn key_ending_email(public_url: &str, letter: &KeyEndingLetter<'_>) -> OutgoingEmail {
    let KeyEndingLetter {
        to,
        key,
        project,
        project_id,
        expires_at,
    } = letter;
    let date = format_date(*expires_at);
    let note = format!(
        "The access key \"{key}\" of the project {project} stops working on {date}. \
         Mint a new key before then and give it to the machines that use this one."
    );
    let link = format!("{public_url}/projects/{project_id}");
    OutgoingEmail {
        kind: "key_ending",
        to: (*to).to_owned(),
        subject: format!("The access key \"{key}\" of {project} ends on {date}"),
        text: format!("{note}\n\n{link}\n\nPackagento\n"),
        html: html_page(&[note], Some(("Open the project", &link))),
    }
}

/// The note sent when someone tries to register an address that has an account.
pub fn account_exists_email(public_url: &str, to: &str) -> OutgoingEmail {
    let link = format!("{public_url}/sign-in");
    let note = format!(
        "Someone, perhaps you, tried to create a Packagento account with {to}. \
         This address already has an account, so nothing was changed."
    );
    let hint = "If it was you, sign in instead. If not, you can ignore this email.".to_owned();
    OutgoingEmail {
        kind: "account_exists",
        to: to.to_owned(),
        subject: "You already have a Packagento account".to_owned(),
        text: format!("{note}\n\n{hint}\n\n{link}\n\nPackagento\n"),
        html: html_page(&[note, hint], Some(("Sign in", &link))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_values_are_escaped_in_html_but_not_in_text() {
        let mail = verification_email("http://app.test", "a@b.co", "<b>Eve</b> & co", "TOKEN");
        assert!(mail.html.contains("&lt;b&gt;Eve&lt;/b&gt; &amp; co"));
        assert!(!mail.html.contains("<b>Eve"));
        assert!(mail.text.contains("Hello <b>Eve</b> & co,"));
        assert!(
            mail.text
                .contains("http://app.test/verify-email?token=TOKEN")
        );
        assert!(
            mail.html
                .contains("href=\"http://app.test/verify-email?token=TOKEN\"")
        );
    }
}
