//! Projects, their cards, licences and deletion, as the pages receive them.
//!
//! Nothing here carries a price: billing has its own types in
//! [`crate::model::billing`], so a project response cannot leak one by construction.

use crate::core::access::{GrantRole, ProjectAccess};
use crate::core::catalogue::QaStatus;
use serde::{Deserialize, Serialize};

/// A project as the Projects page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCard {
    /// The project.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// How many licences are attached to it.
    pub licence_count: i64,
    /// The soonest expiry of an attached licence still valid (Unix seconds).
    pub nearest_expiry: Option<i64>,
    /// How many attached licences have expired.
    pub expired_count: i64,
    /// How many people outside the workspace it is shared with (pending or active).
    pub shared_with: i64,
    /// The first few of their addresses, alphabetically.
    pub shared_names: Vec<String>,
}

/// The active workspace's projects, and whether the user may manage them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectList {
    /// The projects, by name.
    pub projects: Vec<ProjectCard>,
    /// Whether the user may create, rename and delete projects.
    pub can_manage: bool,
    /// Whether the workspace is an organisation (more than one member), whose
    /// projects all belong to it, rather than one person's own.
    pub organization: bool,
}

/// A licence attached to a project: what it installs, never what it cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceRow {
    /// The licence.
    pub licence_id: i64,
    /// The package, `vendor/name`.
    pub package: String,
    /// What the package does.
    pub description: String,
    /// The licensed version line, such as `2.x`.
    pub line: String,
    /// The Composer constraint that installs it, such as `^2.0`.
    pub constraint: String,
    /// The newest version the licence covers, if one was released in time.
    pub version: Option<String>,
    /// The QA status of that version.
    pub qa: Option<QaStatus>,
    /// When the licence expires (Unix seconds).
    pub expires_at: i64,
    /// Whether it has expired.
    pub expired: bool,
    /// Whether it expires within [`EXPIRING_SOON_SECONDS`].
    pub expiring_soon: bool,
}

/// How close to its expiry a licence is flagged as expiring soon: 30 days.
pub const EXPIRING_SOON_SECONDS: i64 = 30 * 86_400;

/// Everything the project page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectView {
    /// The project.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The workspace it belongs to.
    pub workspace: String,
    /// What the user may do here.
    pub access: ProjectAccess,
    /// Its licences, by package name.
    pub licences: Vec<LicenceRow>,
    /// The URL of its Composer repository.
    pub repository_url: String,
    /// The host Composer sends the key to (`http-basic.<host>`).
    pub auth_host: String,
    /// How many active access keys it has.
    pub key_count: i64,
    /// Whether the user may open its Members screen.
    pub members_visible: bool,
    /// Whether the user may mint and deactivate keys (members who use keys, never a
    /// share's recipient).
    pub keys_manageable: bool,
    /// The lifetimes a new key may have here, in days (`None`: never expires),
    /// longest first: within the workspace's longest lifetime, if it sets one.
    pub key_lifetimes: Vec<Option<i64>>,
    /// Set when this is a preview of the project as a share's recipient with this
    /// role would see it.
    pub preview: Option<GrantRole>,
}

/// A licence of the workspace that could be attached to a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceOption {
    /// The licence.
    pub licence_id: i64,
    /// The package, `vendor/name`.
    pub package: String,
    /// The licensed version line, such as `2.x`.
    pub line: String,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
}

/// The licences that could be attached to a project: the first few that match the
/// search, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachableLicences {
    /// The first [`ATTACHABLE_SHOWN`] matches, by package and version line.
    pub shown: Vec<LicenceOption>,
    /// How many licences match the search.
    pub total: i64,
}

/// How many attachable licences a project page offers at once: more are found by
/// searching, so that a workspace with a thousand licences does not send a thousand
/// options with every view of every project.
pub const ATTACHABLE_SHOWN: i64 = 50;

/// What deleting a project did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    /// The project deleted.
    pub name: String,
    /// How many of its access keys were deactivated.
    pub keys_deactivated: i64,
}
