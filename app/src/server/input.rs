//! What several server functions parse alike from what they receive: a name typed
//! into a form, the search text of a list of people, the role a preview asks for.

use crate::core::access::GrantRole;
use crate::core::display_name::{DisplayName, DisplayNameError};
use crate::error::AppError;

/// Longest search text accepted; longer input matches nobody anyway.
const MAX_SEARCH_CHARS: usize = 200;

/// Parses the name of something (a workspace, a project, a key) typed into `field`;
/// `missing` is the message when nothing was typed.
pub fn parse_name(field: &str, input: &str, missing: &str) -> Result<DisplayName, AppError> {
    DisplayName::parse(input).map_err(|error| match error {
        DisplayNameError::Empty => AppError::field(field, missing),
        other => AppError::field(field, other),
    })
}

/// The search text of a list of people (members, shares), refused when it is longer
/// than anyone's name or holds control characters (which no name or address has).
pub fn checked_search(search: &str) -> Result<&str, AppError> {
    if search.chars().count() > MAX_SEARCH_CHARS {
        Err(AppError::field(
            "search",
            format!("Search for at most {MAX_SEARCH_CHARS} characters."),
        ))
    } else if search.chars().any(char::is_control) {
        Err(AppError::field(
            "search",
            "Search with letters, digits, spaces and punctuation only.",
        ))
    } else {
        Ok(search)
    }
}

/// The recipient role a preview asks for: none when `preview` is empty.
pub fn parse_preview(preview: &str) -> Result<Option<GrantRole>, AppError> {
    match preview.trim() {
        "" => Ok(None),
        role => GrantRole::parse(role)
            .map(Some)
            .map_err(|error| AppError::field("preview", error)),
    }
}
