//! The frame of every table the pages show: sideways scrolling of its own, a header
//! row of named columns, and an actions column named for screen readers only.

use crate::core::catalogue::QaStatus;
use leptos::prelude::*;

/// The badge class of a release's QA status: passed green, failed red.
pub fn qa_badge(qa: QaStatus) -> &'static str {
    match qa {
        QaStatus::Passed => "badge success",
        QaStatus::Pending => "badge",
        QaStatus::Failed => "badge danger",
    }
}

/// A table that scrolls sideways on its own when it is wider than the page; its
/// children are its rows.
#[component]
pub fn Table(
    /// The table's class (`members`, `collaborators`), if any.
    #[prop(optional)]
    class: &'static str,
    /// The names of its columns, when they are plain names.
    #[prop(optional)]
    columns: &'static [&'static str],
    /// Header cells of their own (sortable ones), after `columns`.
    #[prop(optional)]
    head: Option<AnyView>,
    /// Whether a last column holds each row's actions.
    #[prop(optional)]
    actions: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class=(!class.is_empty()).then_some(class)>
                <thead>
                    <tr>
                        {columns.iter().map(|name| view! { <th scope="col">{*name}</th> }).collect_view()}
                        {head}
                        {actions.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
