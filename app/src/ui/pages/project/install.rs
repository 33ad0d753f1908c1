//! The Composer commands that install each licensed package.

use super::ProjectData;
use crate::model::projects::ProjectView;
use crate::ui::widgets::CopyButton;
use leptos::prelude::*;

/// Stands in for the key in the commands until one is shown.
pub const KEY_PLACEHOLDER: &str = "YOUR_ACCESS_KEY";

/// The three commands for one package: the repository, the key, the package.
fn commands(project: &ProjectView, key: &str, package: &str, constraint: &str) -> String {
    format!(
        "composer config repositories.packagento composer {url}\n\
         composer config --auth http-basic.{host} token {key}\n\
         composer require \"{package}:{constraint}\"",
        url = project.repository_url,
        host = project.auth_host,
    )
}

/// One block of commands per licensed package, each with a copy button.
#[component]
pub fn InstallSection(project: ProjectView) -> impl IntoView {
    let data = expect_context::<ProjectData>();
    let (shown, announcer) = (data.shown, data.announcer);
    let uses_keys = project.access.uses_keys();
    let find_one = if project.keys_manageable {
        "Show or mint"
    } else {
        "Show"
    };
    let hint = move || match (uses_keys, shown.get()) {
        (false, _) => format!(
            "Your role cannot read access keys: ask a developer of this project for one and put it in place of {KEY_PLACEHOLDER}."
        ),
        (true, None) => format!(
            "{find_one} an access key below and the commands use it; until then they show {KEY_PLACEHOLDER}."
        ),
        (true, Some(key)) => format!("These commands use the access key \"{}\".", key.name),
    };
    let blocks = project
        .licences
        .iter()
        .map(|licence| {
            let (package, constraint) = (licence.package.clone(), licence.constraint.clone());
            let project = project.clone();
            let text = Signal::derive(move || {
                let key = shown
                    .get()
                    .map_or_else(|| KEY_PLACEHOLDER.to_owned(), |key| key.value);
                commands(&project, &key, &package, &constraint)
            });
            let label = format!("Copy the install commands for {}", licence.package);
            view! {
                <div class="snippet">
                    <h3>{licence.package.clone()}</h3>
                    <pre><code>{text}</code></pre>
                    <CopyButton text label announcer/>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="install-heading">
            <h2 id="install-heading">"Install with Composer"</h2>
            {if project.licences.is_empty() {
                view! { <p class="empty">"Attach a licence to get its install commands."</p> }.into_any()
            } else {
                view! { <p class="hint">{hint}</p> {blocks} }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::access::ProjectAccess;

    #[test]
    fn the_commands_name_the_repository_the_host_the_key_and_the_package() {
        let project = ProjectView {
            id: 7,
            name: "Shop".to_owned(),
            workspace: "Acme".to_owned(),
            access: ProjectAccess::Viewer,
            licences: Vec::new(),
            repository_url: "https://packagento.example/composer/7".to_owned(),
            auth_host: "packagento.example".to_owned(),
            key_count: 0,
            members_visible: true,
            keys_manageable: false,
            key_lifetimes: Vec::new(),
            preview: None,
        };
        let text = commands(&project, KEY_PLACEHOLDER, "acme/x", "^2.0");
        assert_eq!(
            text,
            "composer config repositories.packagento composer https://packagento.example/composer/7\n\
             composer config --auth http-basic.packagento.example token YOUR_ACCESS_KEY\n\
             composer require \"acme/x:^2.0\""
        );
    }
}
