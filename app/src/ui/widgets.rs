//! Building blocks shared by the pages.

mod activity_feed;
mod announcer;
mod collaborator_row;
mod collaborators;
mod confirm;
mod copy_button;
mod day;
mod disclosure;
mod emailed_link;
mod field;
mod inline_select;
mod list_controls;
mod modal;
mod page_title;
mod share_dialog;
mod signed_in;
mod table;
mod top_bar;

pub use activity_feed::ActivityFeed;
pub use announcer::{Announcements, Announcer};
pub use collaborators::{CollaboratorList, Collaborators};
pub use confirm::Confirm;
pub use copy_button::CopyButton;
pub use day::Day;
pub use emailed_link::{AddressLinkPage, AddressLinkWords, EmailedLinkPage, LinkPageWords};
pub use field::{Field, FormError, FormFunction, NewPasswordField, action_error};
pub use inline_select::{InlineSaves, InlineSelect};
pub use list_controls::{Pager, SearchBox, SortHeader, use_list_state};
pub use modal::Modal;
pub use page_title::PageTitle;
pub use share_dialog::{ShareDialog, ShareLink, use_share_param};
pub use signed_in::SignedIn;
pub use table::{Table, qa_badge};
pub use top_bar::TopBar;
