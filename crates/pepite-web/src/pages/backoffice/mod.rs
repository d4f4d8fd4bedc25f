//! The back office under `/back-office` (A1, A4): staff only. Customer service sees every
//! piece, account, order and message (the mailbox), answers people in the shared inbox
//! (`support_*`) and manages discount codes; finance reads the ledger; admins also manage
//! roles, the staff, the policy, the jobs and the manual clock.
//! Anyone else gets the very page of an unknown address; anonymous visitors sign in first.

mod carriers;
pub(in crate::pages) mod charts;
mod clock;
pub(in crate::pages) mod dashboard;
pub(in crate::pages) mod days;
mod discount_form;
mod discounts;
mod finance;
mod jobs;
mod mailbox;
pub(super) mod numbers;
mod order_actions;
mod orders;
mod parcel_reports;
mod payouts;
mod pieces;
mod policy;
mod policy_form;
mod policy_legal_texts;
pub(in crate::pages) mod policy_tables;
pub(in crate::pages) mod problems;
mod support_conversation;
mod support_inbox;
mod support_relay;
mod support_saved;
mod support_set_aside;
mod tradein;
mod tradein_refurb;
mod users;
mod workshop;
mod workshop_late;

use axum::Router;
use axum::routing::{get, post};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_domain::account::Role;

use super::{PageCtx, PageError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/back-office", get(dashboard::overview))
        .route("/back-office/pieces", get(pieces::list))
        .route("/back-office/pieces/{id}/relist", post(pieces::relist))
        .route("/back-office/users", get(users::list))
        .route("/back-office/users/{id}", get(users::detail))
        .route("/back-office/users/{id}/roles", post(users::roles))
        .route("/back-office/users/{id}/disable", post(users::disable))
        .route("/back-office/users/{id}/enable", post(users::enable))
        .route("/back-office/staff", get(users::staff))
        .route("/back-office/clock", get(clock::show))
        .route("/back-office/clock/set", post(clock::set))
        .route("/back-office/clock/advance", post(clock::advance))
        .route("/back-office/orders", get(orders::list))
        .route("/back-office/orders/{id}", get(orders::detail))
        .route(
            "/back-office/orders/{id}/parcels/{parcel}/delivered",
            post(orders::delivered),
        )
        .route("/back-office/orders/{id}/notes", post(order_actions::note))
        .route(
            "/back-office/orders/{id}/cancel",
            post(order_actions::cancel),
        )
        .route(
            "/back-office/orders/{id}/refund",
            post(order_actions::refund),
        )
        .route(
            "/back-office/carriers",
            get(carriers::list).post(carriers::create),
        )
        .route(
            "/back-office/carriers/{code}",
            get(carriers::edit_form).post(carriers::update),
        )
        .route(
            "/back-office/discount-codes",
            get(discounts::list).post(discounts::create),
        )
        .route("/back-office/discount-codes/new", get(discounts::new_form))
        .route(
            "/back-office/discount-codes/{id}",
            get(discounts::edit_form).post(discounts::update),
        )
        .route("/back-office/finance", get(finance::overview))
        .route("/back-office/finance/accounts/{key}", get(finance::account))
        .route("/back-office/finance/journal.csv", get(finance::journal))
        .route(
            "/back-office/payouts/payables.csv",
            get(payouts::payables_file),
        )
        .route(
            "/back-office/payouts",
            get(payouts::show).post(payouts::run),
        )
        .route("/back-office/payouts/{id}", get(payouts::detail))
        .route("/back-office/payouts/{id}/file", get(payouts::file))
        .route("/back-office/payouts/{id}/paid", post(payouts::paid))
        .route("/back-office/policy", get(policy::show).post(policy::save))
        .route("/back-office/mailbox", get(mailbox::list))
        .route("/back-office/mailbox/{id}", get(mailbox::detail))
        .route("/back-office/mailbox/{id}/retry", post(mailbox::retry))
        .route("/back-office/jobs", get(jobs::list))
        .route("/back-office/jobs/{id}/retry", post(jobs::retry))
        .route("/back-office/workshop", get(workshop::station))
        .route("/back-office/workshop/scan", get(workshop::scan))
        .route("/back-office/workshop/late", get(workshop_late::list))
        .route("/back-office/workshop/orders/{id}", get(workshop::bench))
        .route(
            "/back-office/workshop/orders/{id}/pieces/{piece}/arrival",
            post(workshop::arrive),
        )
        .route(
            "/back-office/workshop/orders/{id}/pieces/{piece}/check",
            post(workshop::check),
        )
        .route(
            "/back-office/workshop/orders/{id}/pieces/{piece}/reminder",
            post(workshop_late::remind),
        )
        .route(
            "/back-office/workshop/orders/{id}/pieces/{piece}/cancel",
            post(workshop_late::cancel),
        )
        .route(
            "/back-office/workshop/orders/{id}/pack",
            post(workshop::pack),
        )
        .route(
            "/back-office/workshop/orders/{id}/ship",
            post(workshop::ship),
        )
        .route(
            "/back-office/orders/{id}/parcels/{parcel}/label.pdf",
            get(workshop::label),
        )
        .route("/back-office/trade-in", get(tradein::queue))
        .route("/back-office/trade-in/scan", get(tradein::scan))
        .route("/back-office/trade-in/boxes/{id}", get(tradein::detail))
        .route(
            "/back-office/trade-in/items/{id}",
            get(tradein_refurb::show),
        )
        .route(
            "/back-office/trade-in/items/{id}/steps",
            post(tradein_refurb::step),
        )
        .route(
            "/back-office/trade-in/items/{id}/piece",
            post(tradein_refurb::describe),
        )
        .route(
            "/back-office/trade-in/items/{id}/photos",
            post(tradein_refurb::photo),
        )
        .route(
            "/back-office/trade-in/items/{id}/listing",
            post(tradein_refurb::list),
        )
        .route(
            "/back-office/trade-in/boxes/{id}/arrival",
            post(tradein::arrive),
        )
        .route(
            "/back-office/trade-in/boxes/{id}/items/{item}/verdict",
            post(tradein::verdict),
        )
        .route(
            "/back-office/trade-in/boxes/{id}/items/{item}/return-label.pdf",
            get(tradein::return_label),
        )
        .route("/back-office/support", get(support_inbox::list))
        .route(
            "/back-office/support/saved-answers",
            get(support_saved::list).post(support_saved::create),
        )
        .route(
            "/back-office/support/saved-answers/{id}",
            get(support_saved::edit_form).post(support_saved::update),
        )
        .route(
            "/back-office/support/saved-answers/{id}/delete",
            post(support_saved::delete),
        )
        .route(
            "/back-office/support/set-aside",
            get(support_set_aside::list),
        )
        .route(
            "/back-office/support/set-aside/{id}/thread",
            post(support_set_aside::release),
        )
        .route("/back-office/support/{id}", get(support_conversation::show))
        .route(
            "/back-office/support/{id}/files/{file}",
            get(support_conversation::download),
        )
        .route(
            "/back-office/support/{id}/messages",
            post(support_conversation::answer).layer(axum::extract::DefaultBodyLimit::max(
                crate::PHOTOS_FORM_LIMIT,
            )),
        )
        .route(
            "/back-office/support/{id}/assignment",
            post(support_conversation::assign),
        )
        .route(
            "/back-office/support/{id}/state",
            post(support_conversation::set_state),
        )
        .route(
            "/back-office/support/{id}/seller-questions",
            post(support_relay::ask),
        )
        .route(
            "/back-office/support/{id}/seller-questions/{question}/pass-on",
            post(support_relay::pass_on),
        )
        .route("/back-office/parcel-reports", get(parcel_reports::list))
        .route(
            "/back-office/orders/{id}/parcels/{parcel}/report-decision",
            post(parcel_reports::decide),
        )
}

/// The signed-in staff member; others see "not found" (A4), the anonymous sign in.
fn staff(ctx: &PageCtx) -> Result<Principal, PageError> {
    match &ctx.user {
        None => Err(PageError::new(ctx, AppError::Unauthenticated)),
        Some(who) if who.is_staff() => Ok(who.clone()),
        Some(_) => Err(PageError::new(ctx, AppError::NotFound)),
    }
}

/// A staff member holding `role` (admins hold every staff role); other staff get "not found"
/// like everyone else. The use cases check the role again.
fn with_role(ctx: &PageCtx, role: Role) -> Result<Principal, PageError> {
    let who = staff(ctx)?;
    if who.has(role) {
        Ok(who)
    } else {
        Err(fail(ctx, AppError::Forbidden))
    }
}

/// A use case's refusal as the back office shows it: a role the person lacks looks like a
/// page that does not exist, as for someone who is not staff at all.
fn fail(ctx: &PageCtx, e: AppError) -> PageError {
    match e {
        AppError::Forbidden => PageError::new(ctx, AppError::NotFound),
        e => PageError::new(ctx, e),
    }
}

/// A number from the path; anything else is an address that leads nowhere.
fn path_id(ctx: &PageCtx, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| PageError::new(ctx, AppError::NotFound))
}

/// The sentence for a refused back-office action (last admin, own account, system clock…).
fn conflict_message(ctx: &PageCtx, code: &str) -> String {
    let key = format!("bo-conflict-{}", code.replace('_', "-"));
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("bo-conflict-other")
    }
}
