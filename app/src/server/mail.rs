//! The emails Packagento sends, each with a plain-text and an HTML part.
//!
//! Links are built from the configured public URL, never from the request's Host
//! header. Every user value in the HTML part is escaped. The emails about one's own
//! account (password, address) are in [`account`].

pub mod account;

use super::store::VERIFICATION_SECONDS;
use super::store::{KeyEndingLetter, OutgoingEmail, ShareEndLetter, ShareLetter};
use crate::core::dates::format_date;
use crate::core::share_end::last_day;

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
pub fn invite_email(
    public_url: &str,
    to: &str,
    token: &str,
    workspace: &str,
    inviter: &str,
    role: crate::core::role::Role,
) -> OutgoingEmail {
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

/// The share of a project, with its single-use accept link.
pub fn share_email(public_url: &str, token: &str, letter: &ShareLetter<'_>) -> OutgoingEmail {
    let ShareLetter {
        to,
        project,
        workspace,
        sender,
        role,
        ends_at,
    } = letter;
    let link = format!("{public_url}/share?token={token}");
    let until = ends_at.map_or_else(String::new, |at| {
        format!(" Access ends after {}.", last_day(at))
    });
    let invitation = format!(
        "{sender} of {workspace} shared the project {project} with you on Packagento, as {role}.{until}",
        role = role.access().label().to_lowercase()
    );
    let how = format!(
        "Open the link to accept. It works once, for {to} only, and expires in 14 days. \
         If you have no account yet, create one with this address first."
    );
    let ignore = "If you did not expect this, ignore this email.".to_owned();
    OutgoingEmail {
        kind: "share",
        to: (*to).to_owned(),
        subject: format!("{sender} shared {project} with you on Packagento"),
        text: format!("{invitation}\n\n{how}\n\n{link}\n\n{ignore}\n\nPackagento\n"),
        html: html_page(
            &[invitation, how, ignore],
            Some(("Accept the share", &link)),
        ),
    }
}

/// The note sent to a recipient whose active share was revoked.
pub fn share_revoked_email(public_url: &str, letter: &ShareLetter<'_>) -> OutgoingEmail {
    let ShareLetter {
        to,
        project,
        workspace,
        sender,
        ..
    } = letter;
    let note = format!(
        "{sender} of {workspace} ended your access to the project {project} on Packagento. \
         Access keys you minted for it no longer work."
    );
    let link = format!("{public_url}/projects");
    OutgoingEmail {
        kind: "share_revoked",
        to: (*to).to_owned(),
        subject: format!("Your access to {project} has ended"),
        text: format!("{note}\n\n{link}\n\nPackagento\n"),
        html: html_page(&[note], Some(("Open Packagento", &link))),
    }
}

/// The note sent to the recipient of an accepted share whose end date changed.
pub fn share_end_changed_email(public_url: &str, letter: &ShareLetter<'_>) -> OutgoingEmail {
    let ShareLetter {
        to,
        project,
        workspace,
        sender,
        ends_at,
        ..
    } = letter;
    let now = ends_at.map_or_else(
        || "no longer has an end date".to_owned(),
        |at| format!("now ends after {}", last_day(at)),
    );
    let note =
        format!("{sender} of {workspace} changed your access to the project {project}: it {now}.");
    let link = format!("{public_url}/projects");
    OutgoingEmail {
        kind: "share_end_changed",
        to: (*to).to_owned(),
        subject: format!("Your access to {project} {now}"),
        text: format!("{note}\n\n{link}\n\nPackagento\n"),
        html: html_page(&[note], Some(("Open Packagento", &link))),
    }
}

/// The emails of a share's end date, to either side: the warning some days before,
/// and the note when it ended (to the sharing side, with the keys the recipient
/// could read).
pub fn share_end_email(public_url: &str, letter: &ShareEndLetter<'_>) -> OutgoingEmail {
    let ShareEndLetter {
        to,
        to_recipient,
        recipient,
        project,
        project_id,
        workspace,
        ends_at,
        ended,
    } = letter;
    let day = last_day(*ends_at);
    let (kind, subject, note, link) = match (ended, to_recipient) {
        (None, true) => (
            "share_ending",
            format!("Your access to {project} ends after {day}"),
            format!(
                "Your access to the project {project} of {workspace} on Packagento ends after \
                 {day}. Access keys you minted for it stop working then. If you need it longer, \
                 ask whoever shared it with you to extend it."
            ),
            format!("{public_url}/projects/{project_id}"),
        ),
        (None, false) => (
            "share_ending",
            format!("The share of {project} with {recipient} ends after {day}"),
            format!(
                "The share of the project {project} with {recipient} ends after {day}. \
                 To extend it, change its end on the project's Members screen; \
                 otherwise it ends on its own."
            ),
            format!("{public_url}/projects/{project_id}/members"),
        ),
        (Some(_), true) => (
            "share_ended",
            format!("Your access to {project} has ended"),
            format!(
                "The share of the project {project} of {workspace} with you reached its end \
                 date, {day}: your access has ended, and access keys you minted for it no \
                 longer work."
            ),
            format!("{public_url}/projects"),
        ),
        (Some(keys), false) => {
            let rotate = if keys.is_empty() {
                String::new()
            } else {
                format!(
                    " They could read these access keys: {}. Rotate them if they should \
                     not work for {recipient} any more.",
                    keys.join(", ")
                )
            };
            (
                "share_ended",
                format!("The share of {project} with {recipient} has ended"),
                format!(
                    "The share of the project {project} with {recipient} reached its end date, \
                     {day}: their access has ended and the keys they minted no longer work.{rotate}"
                ),
                format!("{public_url}/projects/{project_id}"),
            )
        }
    };
    OutgoingEmail {
        kind,
        to: (*to).to_owned(),
        subject,
        text: format!("{note}\n\n{link}\n\nPackagento\n"),
        html: html_page(&[note], Some(("Open Packagento", &link))),
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
