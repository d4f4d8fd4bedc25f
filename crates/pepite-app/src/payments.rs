//! What happens after the first answer of the provider: the buyer back from authenticating,
//! the sandbox's authentication page, webhooks (verified, deduplicated), and the sweep of
//! orders whose payment never finished.

use pepite_payments::{Charge, ChargeStatus, WebhookError, WebhookKind};
use pepite_store::commerce::payments::{self as store, PaymentRow};
use pepite_store::commerce::{orders, webhooks};

/// The payment method and the adapters, for the outer rings that name them (the web layer's
/// requests, the binary's wiring, tests).
pub use pepite_payments::{Method, Sandbox, Stripe, StripeConfig};

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
    let Some(reference) = payment.provider_ref.clone() else {
        return Ok(current(outcome_of(
            &order.state,
            order.failure_code.as_deref(),
        )));
    };
    let charge = app.payments.status(&reference).await.map_err(|e| {
        tracing::warn!(order_id, error = %e, "payment status unavailable");
        AppError::Unavailable("payment_provider")
    })?;
    match settle_payment(app, &payment, &charge).await? {
        Settled::Order(outcome) => Ok(outcome),
        Settled::GiftCard(_) => Err(AppError::NotFound),
    }
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
        .map_err(|_| AppError::NotFound)?;
    let payment = store::by_provider_ref(&app.db, app.payments.name(), provider_ref)
        .await?
        .ok_or(AppError::NotFound)?;
    settle_payment(app, &payment, &charge).await
}

/// The sandbox's pending authentication, for its page.
pub fn sandbox_pending(app: &App, provider_ref: &str) -> Option<Charge> {
    app.payments.sandbox()?.pending(provider_ref)
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
    let Some(payment) = store::by_provider_ref(&app.db, provider, &reference).await? else {
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
        let reference = payment.as_ref().and_then(|p| p.provider_ref.clone());
        match (payment, reference) {
            (Some(payment), Some(reference)) => {
                let charge = match app.payments.status(&reference).await {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::warn!(order_id, error = %e, "sweep: status unavailable");
                        continue;
                    }
                };
                if charge.status == ChargeStatus::Succeeded {
                    settle_payment(app, &payment, &charge).await?;
                } else {
                    let key = format!("order-{order_id}-cancel");
                    if let Err(e) = app.payments.cancel(&reference, &key).await {
                        tracing::warn!(order_id, error = %e, "sweep: cancel failed");
                        continue;
                    }
                    settle::failed(
                        app,
                        *order_id,
                        Some(payment.id),
                        "canceled",
                        "payment_timeout",
                    )
                    .await?;
                }
            }
            (payment, _) => {
                settle::failed(
                    app,
                    *order_id,
                    payment.map(|p| p.id),
                    "failed",
                    "payment_timeout",
                )
                .await?;
            }
        }
    }
    Ok(lapsed.len())
}
