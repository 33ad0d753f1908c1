//! The emails about one's own account: a forgotten password, a new address.

use super::html_page;
use crate::server::store::OutgoingEmail;

/// An email whose point is one link, written as paragraphs with a button.
fn link_email(
    kind: &'static str,
    to: &str,
    subject: &str,
    paragraphs: &[String],
    button: (&str, &str),
) -> OutgoingEmail {
    let (label, link) = button;
    let mut text = String::new();
    for (position, paragraph) in paragraphs.iter().enumerate() {
        text.push_str(paragraph);
        text.push_str("\n\n");
        if position == 0 {
            text.push_str(link);
            text.push_str("\n\n");
        }
    }
    OutgoingEmail {
        kind,
        to: to.to_owned(),
        subject: subject.to_owned(),
        text: format!("{text}Packagento\n"),
        html: html_page(paragraphs, Some((label, link))),
    }
}

/// The link that sets a new password for the account of `to`.
pub fn password_reset_email(public_url: &str, to: &str, token: &str) -> OutgoingEmail {
    let link = format!("{public_url}/reset-password?token={token}");
    link_email(
        "password_reset",
        to,
        "Reset your Packagento password",
        &[
            format!(
                "Someone, perhaps you, asked to reset the password of the Packagento account of {to}. \
                 Open this link to choose a new one. It works once and expires in one hour."
            ),
            "Choosing a new password signs you out everywhere else.".to_owned(),
            "If you did not ask for this, ignore this email: your password stays as it is."
                .to_owned(),
        ],
        ("Choose a new password", &link),
    )
}

/// The link that confirms `to` as the new address of an account.
pub fn email_change_email(
    public_url: &str,
    to: &str,
    display_name: &str,
    token: &str,
) -> OutgoingEmail {
    let link = format!("{public_url}/confirm-email?token={token}");
    link_email(
        "email_change",
        to,
        "Confirm your new email address for Packagento",
        &[
            format!(
                "Hello {display_name}, confirm that {to} is the new address of your Packagento account. \
                 The link works once and expires in 24 hours; until then your old address stays."
            ),
            "If you did not ask for this, ignore this email.".to_owned(),
        ],
        ("Confirm new address", &link),
    )
}

/// The notice to the old address that a change to `new_email` was asked for.
pub fn email_change_notice(public_url: &str, to: &str, new_email: &str) -> OutgoingEmail {
    let link = format!("{public_url}/forgot-password");
    link_email(
        "email_change_notice",
        to,
        "Your Packagento address is about to change",
        &[
            format!(
                "Someone signed in to your Packagento account asked to change its address from {to} \
                 to {new_email}. It changes when the link sent to {new_email} is opened."
            ),
            "If this was not you, reset your password now: that cancels the change and signs \
             everyone else out."
                .to_owned(),
        ],
        ("Reset your password", &link),
    )
}
