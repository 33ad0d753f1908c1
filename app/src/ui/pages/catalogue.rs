//! The Catalogue page: the packages and their major lines, what the workspace holds,
//! and, for owners and billing members, buying a year of a line (through the
//! checkout, in test mode so far) or activating a vendor's licence code.

use crate::api::catalogue::{ActivateLicence, BuyLicence, get_catalogue};
use crate::core::dates::format_date;
use crate::error::AppError;
use crate::model::catalogue::{Catalogue, CatalogueLine, CataloguePackage, NewLicence};
use crate::ui::widgets::{
    Announcer, Confirm, Day, Field, FormError, PageTitle, SignedIn, Table, action_error, qa_badge,
};
use leptos::prelude::*;

/// The page's catalogue and the actions that change what the workspace holds,
/// created by the route before the page renders (see `ui/routes.rs`).
#[derive(Clone, Copy)]
pub struct CatalogueData {
    list: Resource<Result<Catalogue, AppError>>,
    buy: ServerAction<BuyLicence>,
    activate: ServerAction<ActivateLicence>,
    announcer: Announcer,
}

impl CatalogueData {
    /// Creates the page's resource and actions.
    pub fn load() -> Self {
        let (buy, activate) = (ServerAction::new(), ServerAction::new());
        let list = Resource::new(
            move || (buy.version().get(), activate.version().get()),
            |_| get_catalogue(),
        );
        Self {
            list,
            buy,
            activate,
            announcer: Announcer::new(),
        }
    }
}

/// What a new licence is said as.
fn got(licence: &NewLicence, how: &str) -> String {
    let invoice = licence
        .invoice
        .as_ref()
        .map_or_else(String::new, |number| format!(" Invoice {number}."));
    format!(
        "{how} {} {} until {}.{invoice} Attach it to a project on the project's page.",
        licence.package,
        licence.line,
        format_date(licence.expires_at)
    )
}

/// Says the results of buying and activating through the page's announcer.
fn announce_results(data: CatalogueData) {
    let CatalogueData {
        buy,
        activate,
        announcer,
        ..
    } = data;
    Effect::new(move || match buy.value().get() {
        Some(Ok(licence)) => announcer.polite(got(&licence, "Bought")),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    Effect::new(move || {
        if let Some(Ok(licence)) = activate.value().get() {
            announcer.polite(got(&licence, "Activated"));
        }
    });
}

/// The catalogue of the active workspace.
#[component]
pub fn CataloguePage(data: CatalogueData) -> impl IntoView {
    provide_context(data);
    announce_results(data);
    view! {
        <PageTitle text="Catalogue"/>
        <SignedIn
            title="Catalogue"
            page=move |_| view! {
                <h1>"Catalogue"</h1>
                <Transition fallback=|| view! { <p class="loading">"Loading the catalogue…"</p> }>
                    {move || Suspend::new(async move {
                        match data.list.await {
                            Ok(catalogue) => view! { <CatalogueView catalogue/> }.into_any(),
                            Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
                {data.announcer.regions()}
            }
        />
    }
}

#[component]
fn CatalogueView(catalogue: Catalogue) -> impl IntoView {
    let can_buy = catalogue.can_buy;
    let intro = if can_buy {
        format!(
            "Composer packages and their major lines. A licence covers one line for {} for a \
             year, renewed by its subscription; attach it to projects on their pages.",
            catalogue.workspace
        )
    } else {
        "Composer packages and their major lines. Owners and billing members buy licences; \
         ask one of them for a line your project needs."
            .to_owned()
    };
    let test_mode = (can_buy && catalogue.test_mode).then(|| {
        view! {
            <p class="note test-mode" role="note">
                <strong>"Test mode."</strong>
                " Buying charges nothing: it records the licence, its subscription and a test invoice."
            </p>
        }
    });
    view! {
        <p class="subtitle">{intro}</p>
        {test_mode}
        {can_buy.then(|| view! { <ActivateForm/> })}
        <ul class="catalogue">
            {catalogue.packages.into_iter().map(|package| view! { <PackageCard package can_buy/> }).collect_view()}
        </ul>
    }
}

/// Activates a licence code from a vendor.
#[component]
fn ActivateForm() -> impl IntoView {
    let activate = expect_context::<CatalogueData>().activate;
    let error = action_error(activate);
    view! {
        <section class="card" aria-labelledby="activate-heading">
            <h2 id="activate-heading">"Activate a licence code"</h2>
            <ActionForm action=activate attr:class="inline-form">
                <FormError error fields=&["code"]/>
                <Field
                    label="Licence code"
                    name="code"
                    autocomplete="off"
                    // Non-breaking hyphens: the example code never breaks over two lines.
                    hint="As printed in the vendor's email, such as PKGT\u{2011}7KQ2\u{2011}M9XD\u{2011}4TWB.".to_owned()
                    error
                />
                <button type="submit" disabled=move || activate.pending().get()>"Activate"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PackageCard(package: CataloguePackage, can_buy: bool) -> impl IntoView {
    let heading = format!("package-{}", package.id);
    let price = package
        .price
        .clone()
        .map(|price| view! { <p class="price">{format!("{price} a year per line")}</p> });
    let lines = package
        .lines
        .iter()
        .map(|line| view! { <LineRow package=package.clone() line=line.clone() can_buy/> })
        .collect_view();
    view! {
        <li class="card package">
            <h2 id=heading><bdi>{package.name.clone()}</bdi></h2>
            <p>{package.description.clone()}</p>
            {price}
            <Table columns=&["Line", "Newest release", "Your licence"]>{lines}</Table>
        </li>
    }
}

#[component]
fn LineRow(package: CataloguePackage, line: CatalogueLine, can_buy: bool) -> impl IntoView {
    let buy = expect_context::<CatalogueData>().buy;
    let holding = match line.held_until {
        Some(until) if line.ended => view! { "Ended " <Day at=until/> }.into_any(),
        Some(until) => view! { "Until " <Day at=until/> }.into_any(),
        None => "None".into_any(),
    };
    // A line held and not ended renews with its subscription: nothing to buy.
    let offered = can_buy && (line.held_until.is_none() || line.ended);
    let action = offered.then(|| {
        let what = format!("{} {}", package.name, line.line);
        let price = package.price.clone().unwrap_or_default();
        let (text, act) = if line.ended {
            ("Renew", "Renew for a year")
        } else {
            ("Buy", "Buy a year")
        };
        let consequence = format!(
            "Buys a year of {what} for {price}, renewed yearly by its subscription until \
             cancelled in Org settings."
        );
        view! {
            " "
            <Confirm text label=format!("{text} {what}") consequence destructive=false>
                <ActionForm action=buy attr:class="row-form">
                    <input type="hidden" name="package_id" value=package.id/>
                    <input type="hidden" name="major" value=line.major/>
                    <button type="submit">{act}</button>
                </ActionForm>
            </Confirm>
        }
    });
    view! {
        <tr>
            <th scope="row">{line.line.clone()}</th>
            <td>
                {format!("{} (", line.newest)} <Day at=line.released_at/> ") "
                <span class=qa_badge(line.qa)>{format!("QA {}", line.qa.label().to_lowercase())}</span>
            </td>
            <td>{holding} {action}</td>
        </tr>
    }
}
