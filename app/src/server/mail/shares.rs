//! The emails of a share: the link to accept it, its end (changed, soon, come) and
//! its revocation.

use super::html_page;
use crate::core::share_end::last_day;
use crate::server::store::{OutgoingEmail, ShareEndLetter, ShareLetter};

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
