//! Billing: subscriptions and invoices, for owners and billing members only.

use crate::api::billing::{CancelSubscription, RequestRefund, get_billing};
use crate::error::AppError;
use crate::model::billing::{BillingOverview, Invoice, Subscription};
use crate::ui::widgets::{Announcer, Day, FormError, Modal, Table, action_error};
use leptos::prelude::*;

/// The billing section's data and actions, created with the page's route.
#[derive(Clone, Copy)]
pub struct BillingData {
    overview: Resource<Result<BillingOverview, AppError>>,
    cancel: ServerAction<CancelSubscription>,
    refund: ServerAction<RequestRefund>,
    cancelling: RwSignal<Option<Subscription>>,
    refunding: RwSignal<Option<Invoice>>,
    announcer: Announcer,
}

impl BillingData {
    /// Creates the section's resource and actions. Its server function refuses
    /// everyone but owners and billing members, whose pages alone show the section.
    pub fn load() -> Self {
        let (cancel, refund) = (
            ServerAction::<CancelSubscription>::new(),
            ServerAction::<RequestRefund>::new(),
        );
        Self {
            overview: Resource::new(
                move || (cancel.version().get(), refund.version().get()),
                |_| get_billing(),
            ),
            cancel,
            refund,
            cancelling: RwSignal::new(None),
            refunding: RwSignal::new(None),
            announcer: Announcer::new(),
        }
    }
}

/// Subscriptions with "Cancel subscription", invoices with "Request refund".
#[component]
pub fn BillingSection() -> impl IntoView {
    let data = expect_context::<super::TeamData>().billing;
    let cancel = data.cancel;
    provide_context(data);
    let announcer = data.announcer;
    Effect::new(move || match cancel.value().get() {
        Some(Ok(())) => announcer
            .polite("Subscription cancelled: the licence stays valid until it expires.".to_owned()),
        Some(Err(error)) => announcer.assertive(error.to_string()),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"Billing"</h2>
            {announcer.regions()}
            <Transition fallback=|| view! { <p class="loading">"Loading billing…"</p> }>
                {move || Suspend::new(async move {
                    match data.overview.await {
                        Ok(overview) => view! {
                            <Subscriptions list=overview.subscriptions/>
                            <Invoices list=overview.invoices/>
                        }.into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <CancelDialog/>
            <RefundDialog/>
        </section>
    }
}

/// A billing list under its heading: a table of `rows` drawn by `row`, or `empty`
/// when there are none.
fn billing_list<T: 'static>(
    heading: &'static str,
    empty: &'static str,
    columns: &'static [&'static str],
    rows: Vec<T>,
    row: impl Fn(T) -> AnyView + 'static,
) -> impl IntoView {
    view! {
        <h3>{heading}</h3>
        {if rows.is_empty() {
            view! { <p class="empty">{empty}</p> }.into_any()
        } else {
            let rows = rows.into_iter().map(row).collect_view();
            view! { <Table columns>{rows}</Table> }.into_any()
        }}
    }
}

/// A row's button that opens the dialog asking about `item`; `label` names the row.
fn row_button<T: Clone + Send + Sync + 'static>(
    text: &'static str,
    label: String,
    asking: RwSignal<Option<T>>,
    item: T,
) -> AnyView {
    view! {
        <button type="button" class="secondary" aria-label=label
            on:click=move |_| asking.set(Some(item.clone()))>
            {text}
        </button>
    }
    .into_any()
}

#[component]
fn Subscriptions(list: Vec<Subscription>) -> impl IntoView {
    let cancelling = expect_context::<BillingData>().cancelling;
    let columns = &["Package", "Price per year", "Period ends", "Renewal"];
    billing_list(
        "Subscriptions",
        "No subscriptions.",
        columns,
        list,
        move |subscription| {
            let label = format!("Cancel subscription of {}", subscription.package);
            view! {
            <tr>
                <td>{format!("{} {}", subscription.package, subscription.line)}</td>
                <td>{subscription.price.clone()}</td>
                <td><Day at=subscription.renews_at/></td>
                <td class="row-actions">
                    {if subscription.renewing {
                        view! {
                            "Renews "
                            {row_button("Cancel subscription", label, cancelling, subscription.clone())}
                        }.into_any()
                    } else {
                        view! { <span class="badge">"Cancelled"</span> }.into_any()
                    }}
                </td>
            </tr>
        }
        .into_any()
        },
    )
}

#[component]
fn Invoices(list: Vec<Invoice>) -> impl IntoView {
    let refunding = expect_context::<BillingData>().refunding;
    let columns = &["Number", "Date", "Amount", "Refund"];
    billing_list(
        "Invoices",
        "No invoices yet.",
        columns,
        list,
        move |invoice| {
            let label = format!("Request refund of invoice {}", invoice.number);
            view! {
            <tr>
                <td>{invoice.number.clone()}</td>
                <td><Day at=invoice.issued_at/></td>
                <td>{invoice.amount.clone()}</td>
                <td class="row-actions">
                    {match invoice.refund {
                        Some(status) => view! { <span class="badge">{status.label()}</span> }.into_any(),
                        None => row_button("Request refund", label, refunding, invoice.clone()),
                    }}
                </td>
            </tr>
        }
        .into_any()
        },
    )
}

/// Confirms cancelling a subscription.
#[component]
fn CancelDialog() -> impl IntoView {
    let BillingData {
        cancel, cancelling, ..
    } = expect_context::<BillingData>();
    let package = move || cancelling.get().map(|s| s.package).unwrap_or_default();
    view! {
        <Modal open=Signal::derive(move || cancelling.get().is_some()) on_close=move || cancelling.set(None) labelled_by="cancel-title">
            <h2 id="cancel-title">{move || format!("Cancel the subscription of {}?", package())}</h2>
            <p>"It will not renew. The licence stays valid until the end of the period already paid."</p>
            <div class="actions">
                <button type="button" class="danger" on:click=move |_| {
                    if let Some(subscription) = cancelling.get_untracked() {
                        cancel.dispatch(CancelSubscription { licence_id: subscription.licence_id });
                    }
                    cancelling.set(None);
                }>
                    "Cancel subscription"
                </button>
                <button type="button" class="secondary" on:click=move |_| cancelling.set(None)>"Keep it"</button>
            </div>
        </Modal>
    }
}

/// Asks for the reason of a refund request.
#[component]
fn RefundDialog() -> impl IntoView {
    let BillingData {
        refund,
        refunding,
        announcer,
        ..
    } = expect_context::<BillingData>();
    let error = action_error(refund);
    let message = move || error.get().and_then(|e| e.message_for("reason"));
    Effect::new(move || {
        if let Some(Ok(())) = refund.value().get() {
            refunding.set(None);
            announcer.polite("Refund requested. Its status shows next to the invoice.".to_owned());
        }
    });
    let number = move || refunding.get().map(|i| i.number).unwrap_or_default();
    let id = move || {
        refunding
            .get()
            .map(|i| i.id.to_string())
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || refunding.get().is_some()) on_close=move || refunding.set(None) labelled_by="refund-title">
            <h2 id="refund-title">{move || format!("Request a refund of invoice {}", number())}</h2>
            <ActionForm action=refund>
                <input type="hidden" name="invoice_id" value=id/>
                <FormError error fields=&["reason"]/>
                <div class="field">
                    <label for="refund-reason">"Reason"</label>
                    <textarea
                        id="refund-reason"
                        name="reason"
                        rows="4"
                        required
                        aria-invalid=move || message().is_some().then_some("true")
                        aria-describedby="refund-reason-error"
                    ></textarea>
                    <p class="field-error" id="refund-reason-error">{message}</p>
                </div>
                <div class="actions">
                    <button type="submit" disabled=move || refund.pending().get()>"Request refund"</button>
                    <button type="button" class="secondary" on:click=move |_| refunding.set(None)>"Cancel"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
