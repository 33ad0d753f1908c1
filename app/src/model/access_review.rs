//! The files of the access review that owners and admins download from Org settings.

/// One file of an access review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// The workspace's members, their roles and project grants.
    Members,
    /// Everyone a project of the workspace was shared with, in every state.
    Outsiders,
    /// The workspace's access keys, active or not.
    Keys,
}

impl Report {
    /// Every file, in the order Org settings offers them.
    pub const ALL: [Self; 3] = [Self::Members, Self::Outsiders, Self::Keys];

    /// The file a download's name (`members.csv`) asks for.
    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|report| report.file_name() == name)
    }

    /// The file's name in its URL.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Members => "members.csv",
            Self::Outsiders => "people-outside.csv",
            Self::Keys => "access-keys.csv",
        }
    }

    /// Where it is downloaded from.
    pub fn href(self) -> String {
        format!("/org/access-review/{}", self.file_name())
    }

    /// What it holds, as a link names it and the activity feed records it.
    pub fn contents(self) -> &'static str {
        match self {
            Self::Members => "the members",
            Self::Outsiders => "the people outside the workspace",
            Self::Keys => "the access keys",
        }
    }
}
