//! A project's Members screen: rows, their origin and sort.

use crate::core::access::{GrantRole, ProjectAccess};
use crate::core::role::Role;
use serde::{Deserialize, Serialize};

/// A workspace member as a project's Members screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectMemberRow {
    /// Their account.
    pub user_id: i64,
    /// Their display name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Their workspace role.
    pub workspace_role: Role,
    /// The access their workspace role gives ("Organization access").
    pub organization_access: ProjectAccess,
    /// Their grant on this project ("Project access"), if any.
    pub grant: Option<GrantRole>,
    /// Who gave the grant and when, if they hold one.
    pub granted: Option<GrantOrigin>,
    /// The higher of the two: what they may do here.
    pub effective: ProjectAccess,
    /// The project roles they can be given (billing members never developer).
    pub settable: Vec<GrantRole>,
    /// When they joined the workspace (Unix seconds).
    pub added_at: i64,
}

/// Who gave a project grant and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantOrigin {
    /// Their display name, while their account exists.
    pub by: Option<String>,
    /// When (Unix seconds).
    pub at: i64,
}

/// The columns the Members screen sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ProjectMemberSort {
    /// Display name.
    #[default]
    Name,
    /// Address.
    Email,
    /// Effective access.
    Access,
    /// Date added.
    Added,
}

/// One page of a project's members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectMemberPage {
    /// The project's name.
    pub project: String,
    /// The members on this page.
    pub rows: Vec<ProjectMemberRow>,
    /// How many match the search in all.
    pub total: i64,
    /// The page shown, from 0.
    pub page: i64,
    /// Whether the caller may set project access here.
    pub can_manage: bool,
}
