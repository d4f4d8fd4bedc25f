//! After the first answer of the provider (O7): the sandbox's own authentication page, which
//! stands in for the bank or PayPal, and the way back from a real provider's page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::checkout::PaymentOutcome;
use pepite_app::payments::{self, Settled};
use serde::Deserialize;

use super::{parse_id, signed_in};
use crate::AppState;
use crate::pages::forms::{Form, see_other};
use crate::pages::{OrPage, PageCtx, PageError, render};

#[derive(Template)]
#[template(path = "buy/sandbox.html")]
struct SandboxPage<'a> {
    ctx: &'a PageCtx,
    provider_ref: String,
    amount_cents: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
}

/// The sandbox's authentication step, while the payment waits for it.
pub async fn sandbox_page(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(provider_ref): Path<String>,
) -> Result<Response, PageError> {
    let charge = payments::sandbox_pending(&s.app, &provider_ref)
        .await
        .ok_or_else(|| PageError::new(&ctx, AppError::NotFound))?;
    Ok(render(&SandboxPage {
        ctx: &ctx,
        provider_ref,
        amount_cents: charge.amount_cents,
    }))
}

/// Approve or refuse, then back to what was being paid.
pub async fn sandbox_decide(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(provider_ref): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    let approve = form.decision == "approve";
    let settled = payments::sandbox_decide(&s.app, &provider_ref, approve)
        .await
        .or_page(&ctx)?;
    Ok(match settled {
        Settled::Order(o) => see_other(&order_page(o.order_id, &o.payment)),
        Settled::GiftCard(g) => see_other(&format!("/gift-cards/{}", g.gift_card_id)),
    })
}

/// Back from the provider's page: ask how the payment ended, then show the order.
pub async fn order_return(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &ctx.here)?;
    let id = parse_id(&ctx, &id)?;
    let outcome = payments::resume_order(&s.app, &who, id)
        .await
        .or_page(&ctx)?;
    Ok(see_other(&order_page(id, &outcome.payment)))
}

/// The order's page, with its thanks when it has just been paid.
fn order_page(id: i64, payment: &PaymentOutcome) -> String {
    match payment {
        PaymentOutcome::Paid => format!("/orders/{id}?placed=1"),
        _ => format!("/orders/{id}"),
    }
}
