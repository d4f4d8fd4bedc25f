//! What happens after the first answer of the provider: the buyer back from authenticating,
//! the sandbox's authentication page, webhooks (verified, deduplicated), and the sweep of
//! orders whose payment never finished.

use pepite_store::commerce::payments::{self as store, PaymentRow};
use pepite_store::commerce::{orders, webhooks};

mod model;
mod port;
pub(crate) mod unsold;

pub use model::{
    Charge, ChargeRequest, ChargeStatus, Method, ProviderError, Refund, WebhookError, WebhookEvent,
    WebhookKind,
};
pub use port::{PaymentProvider, SandboxControls};
pub use unsold::refund_owed;

use crate::accounts::Principal;
use crate::checkout::{CheckoutOutcome, settle};
use crate::{App, AppError, gift_cards};

/// What a payment settled: an order or a gift card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    Order(CheckoutOutcome),
    GiftCard(gift_cards::GiftCardOutcome),
}

/// Settles whatever `payment` was for with the provider's `charge`.
pub(crate) async fn settle_payment(
    app: &App,
    payment: &PaymentRow,
    charge: &Charge,
) -> Result<Settled, AppError> {
    match (payment.order_id, payment.instrument_id) {
        (Some(order), _) => Ok(Settled::Order(
            settle::apply(app, order, Some(payment.id), charge).await?,
        )),
        (None, Some(instrument)) => Ok(Settled::GiftCard(
            gift_cards::settle(app, instrument, payment.id, charge).await?,
        )),
        (None, None) => Err(AppError::Internal(format!(
            "payment {} pays nothing",
            payment.id
        ))),
    }
}

/// The buyer comes back from an authentication step: ask the provider how the payment ended.
pub async fn resume_order(
    app: &App,
    who: &Principal,
    order_id: i64,
) -> Result<CheckoutOutcome, AppError> {
    let order = orders::by_id(&app.db, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if order.buyer_id != who.user_id {
        return Err(AppError::NotFound);
    }
    let current = |payment| CheckoutOutcome {
        order_id,
        number: order.number.clone(),
        payment,
    };
    let payment = store::of_order(&app.db, order_id).await?.into_iter().next();
    let Some(payment) = payment.filter(|p| p.state == "requires_action" || p.state == "pending")
    else {
        return Ok(current(outcome_of(
            &order.state,
            order.failure_code.as_deref(),
        )));
    };
    let charge = look_up(app, &payment).await.map_err(|e| {
        tracing::warn!(order_id, error = %e, "payment status unavailable");
        AppError::Unavailable("payment_provider")
    })?;
    let Some(charge) = charge else {
        return Ok(current(outcome_of(
            &order.state,
            order.failure_code.as_deref(),
        )));
    };
    match settle_payment(app, &payment, &charge).await? {
        Settled::Order(outcome) => Ok(outcome),
        Settled::GiftCard(_) => Err(AppError::NotFound),
    }
}

/// Our reference for what a payment pays, as given to the provider (its metadata).
pub(crate) fn reference_of(payment: &PaymentRow) -> Option<String> {
    match (payment.order_id, payment.instrument_id) {
        (Some(order), _) => Some(order_reference(order)),
        (None, Some(card)) => Some(gift_card_reference(card)),
        (None, None) => None,
    }
}

pub(crate) fn order_reference(order_id: i64) -> String {
    format!("order-{order_id}")
}

pub(crate) fn gift_card_reference(gift_card_id: i64) -> String {
    format!("gift-card-{gift_card_id}")
}

/// What the provider knows of a payment: by its reference if we heard it, else by our own
/// reference in its metadata (O7: an answer that never came). None: no payment was made.
async fn look_up(app: &App, payment: &PaymentRow) -> Result<Option<Charge>, ProviderError> {
    match (&payment.provider_ref, reference_of(payment)) {
        (Some(provider_ref), _) => app.payments.status(provider_ref).await.map(Some),
        (None, Some(reference)) => app.payments.find(&reference).await,
        (None, None) => Ok(None),
    }
}

/// How long a pending payment is left to its own request before the job asks the provider.
const SETTLE_AFTER_US: i64 = 30_000_000;

/// O7: payments whose outcome never arrived (the provider did not answer, twice) are asked
/// for by reference and settled either way: paid, failed, or refunded if what they paid for
/// can no longer be had. Returns how many were settled.
pub async fn settle_pending(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let pending = store::unsettled(&app.db, now - SETTLE_AFTER_US, 100).await?;
    let mut settled = 0;
    for payment in &pending {
        match look_up(app, payment).await {
            Ok(Some(charge)) if charge.status != ChargeStatus::Processing => {
                settle_payment(app, payment, &charge).await?;
                settled += 1;
            }
            // Not decided, or nothing made yet: an order's hold lapsing closes it (see
            // `sweep_lapsed`); until then a late charge may still land.
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(payment = payment.id, error = %e, "settle: provider unavailable")
            }
        }
    }
    Ok(settled)
}

/// The outcome an order's state already tells.
pub(crate) fn outcome_of(state: &str, failure: Option<&str>) -> crate::checkout::PaymentOutcome {
    use crate::checkout::PaymentOutcome;
    match state {
        "paid" => PaymentOutcome::Paid,
        "failed" => PaymentOutcome::Declined {
            code: failure.unwrap_or("payment_failed").to_owned(),
        },
        _ => PaymentOutcome::Processing,
    }
}

/// The sandbox's authentication page answers for the buyer (approve or refuse).
pub async fn sandbox_decide(
    app: &App,
    provider_ref: &str,
    approve: bool,
) -> Result<Settled, AppError> {
    let sandbox = app.payments.sandbox().ok_or(AppError::NotFound)?;
    let charge = sandbox
        .decide(provider_ref, approve)
        .await
        .map_err(|_| AppError::NotFound)?;
    let payment = store::by_provider_ref(&app.db, app.payments.name(), provider_ref)
        .await?
        .ok_or(AppError::NotFound)?;
    settle_payment(app, &payment, &charge).await
}

/// The sandbox's pending authentication, for its page.
pub async fn sandbox_pending(app: &App, provider_ref: &str) -> Option<Charge> {
    app.payments.sandbox()?.pending(provider_ref).await
}

/// What became of a webhook delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookAck {
    Handled,
    /// Seen before: nothing done again.
    Duplicate,
    /// Verified but not about anything we track (logged, acknowledged).
    Ignored,
}

/// A webhook from the provider: verified (signature, freshness), deduplicated by event id,
/// then settles the payment it names. A handling failure forgets the event so that the
/// provider's retry is handled again.
pub async fn webhook(
    app: &App,
    signature: Option<&str>,
    body: &[u8],
) -> Result<WebhookAck, AppError> {
    let now = app.now_us().await?;
    let event = app
        .payments
        .parse_webhook(signature, body, now / 1_000_000)
        .map_err(|e| {
            tracing::warn!(error = ?e, "webhook refused");
            match e {
                WebhookError::NotSupported => AppError::NotFound,
                WebhookError::Malformed(_) => AppError::field("body", "invalid"),
                _ => AppError::field("signature", "invalid"),
            }
        })?;
    let provider = app.payments.name();
    let kind = match &event.kind {
        WebhookKind::PaymentSucceeded { .. } => "payment_succeeded",
        WebhookKind::PaymentFailed { .. } => "payment_failed",
        WebhookKind::Other(_) => "other",
    };
    if !webhooks::record(&app.db, provider, &event.id, kind, now).await? {
        return Ok(WebhookAck::Duplicate);
    }
    let (reference, status) = match event.kind {
        WebhookKind::PaymentSucceeded { provider_ref } => (provider_ref, ChargeStatus::Succeeded),
        WebhookKind::PaymentFailed { provider_ref, code } => {
            (provider_ref, ChargeStatus::Declined { code })
        }
        WebhookKind::Other(kind) => {
            tracing::info!(event = %event.id, %kind, "webhook ignored");
            return Ok(WebhookAck::Ignored);
        }
    };
    let Some(payment) = webhook_payment(app, &reference, event.reference.as_deref()).await? else {
        tracing::warn!(event = %event.id, %reference, "webhook for an unknown payment");
        return Ok(WebhookAck::Ignored);
    };
    let charge = Charge {
        provider_ref: reference,
        amount_cents: payment.amount_cents,
        status,
    };
    match settle_payment(app, &payment, &charge).await {
        Ok(_) => Ok(WebhookAck::Handled),
        Err(e) => {
            webhooks::forget(&app.db, provider, &event.id).await?;
            Err(e)
        }
    }
}

/// The payment a webhook is about: by the provider's reference, else (O7: the charge's answer
/// never came, so its reference was never recorded) by our reference in its metadata.
async fn webhook_payment(
    app: &App,
    provider_ref: &str,
    ours: Option<&str>,
) -> Result<Option<PaymentRow>, AppError> {
    let provider = app.payments.name();
    if let Some(found) = store::by_provider_ref(&app.db, provider, provider_ref).await? {
        return Ok(Some(found));
    }
    let Some(ours) = ours else { return Ok(None) };
    let candidates = if let Some(id) = ours.strip_prefix("order-").and_then(|n| n.parse().ok()) {
        store::of_order(&app.db, id).await?
    } else if let Some(id) = ours.strip_prefix("gift-card-").and_then(|n| n.parse().ok()) {
        store::of_instrument(&app.db, id).await?
    } else {
        return Ok(None);
    };
    // The newest attempt with this provider that has no other reference recorded.
    Ok(candidates
        .into_iter()
        .find(|p| p.provider == provider && p.provider_ref.is_none()))
}

/// Orders whose hold lapsed while their payment never finished: the provider is asked once
/// more; a payment that succeeded after all settles the order (or is refunded), anything else
/// is cancelled at the provider and the order released. Returns how many orders it settled.
pub async fn sweep_lapsed(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let lapsed = orders::lapsed(&app.db, now, 100).await?;
    for order_id in &lapsed {
        let payment = store::of_order(&app.db, *order_id)
            .await?
            .into_iter()
            .next();
        let Some(payment) = payment else {
            settle::failed(app, *order_id, None, "failed", "payment_timeout").await?;
            continue;
        };
        let charge = match look_up(app, &payment).await {
            Ok(charge) => charge,
            Err(e) => {
                // O7: an outcome we cannot learn is not a failure; the next sweep asks again.
                tracing::warn!(order_id, error = %e, "sweep: status unavailable");
                continue;
            }
        };
        match charge {
            Some(charge) if charge.status == ChargeStatus::Succeeded => {
                settle_payment(app, &payment, &charge).await?;
            }
            Some(charge) => {
                let key = format!("order-{order_id}-cancel");
                if let Err(e) = app.payments.cancel(&charge.provider_ref, &key).await {
                    tracing::warn!(order_id, error = %e, "sweep: cancel failed");
                    continue;
                }
                let id = Some(payment.id);
                settle::failed(app, *order_id, id, "canceled", "payment_timeout").await?;
            }
            None => {
                let id = Some(payment.id);
                settle::failed(app, *order_id, id, "failed", "payment_timeout").await?;
            }
        }
    }
    Ok(lapsed.len())
}
