//! One module per page.

mod account;
mod catalogue;
mod confirm_email;
mod forgot_password;
mod home;
mod invite;
mod my_activity;
mod not_found;
mod org_settings;
mod project;
mod project_members;
mod projects;
mod register;
mod reset_password;
mod share;
mod sign_in;
mod verify_email;

pub use account::AccountPage;
pub use catalogue::{CatalogueData, CataloguePage};
pub use confirm_email::ConfirmEmailPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use invite::{InvitePage, invite_preview};
pub use my_activity::{MyActivityPage, my_feed};
pub use not_found::NotFoundPage;
pub use org_settings::{OrgSettingsPage, TeamData};
pub use project::{ProjectData, ProjectPage};
pub use project_members::{MembersData, ProjectMembersPage};
pub use projects::{ProjectsData, ProjectsPage};
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use share::{SharePage, share_preview};
pub use sign_in::SignInPage;
pub use verify_email::VerifyEmailPage;
