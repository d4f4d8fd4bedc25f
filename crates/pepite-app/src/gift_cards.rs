//! Gift cards (G1, G2): bought for 25–500 € with a message for someone, paid through the
//! provider, usable for a year; a balance anyone holding the code may check.

use crate::payments::{Charge, ChargeRequest, ChargeStatus, Method, unsold};
use pepite_domain::FieldErrors;
use pepite_domain::commerce;
use pepite_store::commerce::instruments::{self as store, InstrumentRow, NewInstrument};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::payments::{self, PaymentFor};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::accounts::Principal;
use crate::checkout::PaymentOutcome;
use crate::checkout::settle::outcome_unknown;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError, idempotency, throttle};

#[derive(Debug, Clone, Serialize)]
pub struct GiftCardInput {
    pub amount_cents: i64,
    pub recipient_name: String,
    pub recipient_email: String,
    pub sender_name: String,
    pub message: String,
    pub method: Method,
    pub token: String,
    /// Where the provider sends the buyer back; `{card}` is replaced by the card's id.
    pub return_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftCardOutcome {
    pub gift_card_id: i64,
    pub payment: PaymentOutcome,
}

/// G1: buys a gift card; one card and one charge per idempotency key.
pub async fn buy(
    app: &App,
    who: &Principal,
    idempotency_key: &str,
    input: &GiftCardInput,
) -> Result<GiftCardOutcome, AppError> {
    idempotency::once(
        app,
        who.user_id,
        "gift_card",
        idempotency_key,
        input,
        || buy_once(app, who, input),
    )
    .await
}

async fn buy_once(
    app: &App,
    who: &Principal,
    input: &GiftCardInput,
) -> Result<GiftCardOutcome, AppError> {
    let policy = app.policy_now().await?;
    let mut errors = FieldErrors::new();
    if let Err(e) = commerce::check_gift_card_amount(&policy, input.amount_cents) {
        errors.0.extend(e.0);
    }
    let mut text = |field: &str, value: &str, required: bool, max: usize| -> String {
        let v = value.trim().to_owned();
        if required && v.is_empty() {
            errors.add(field, "required");
        } else if v.chars().count() > max {
            errors.add_limit(field, "too_long", max as i64);
        }
        v
    };
    let recipient_name = text("recipient_name", &input.recipient_name, true, 100);
    let recipient_email = text("recipient_email", &input.recipient_email, false, 254);
    let sender_name = text("sender_name", &input.sender_name, false, 100);
    let message = text("message", &input.message, false, 500);
    if !recipient_email.is_empty() && !recipient_email.contains('@') {
        errors.add("recipient_email", "invalid_email");
    }
    if input.token.trim().is_empty() {
        errors.add("token", "required");
    }
    errors.into_result(())?;
    let now = app.now_us().await?;
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    let mut tx = app.db.begin().await?;
    let id = store::insert(
        &mut tx,
        &NewInstrument {
            kind: "gift_card",
            code: commerce::gift_card_code(&random),
            initial_cents: input.amount_cents,
            purchaser_id: Some(who.user_id),
            recipient_name,
            recipient_email,
            sender_name: if sender_name.is_empty() {
                who.display_name.clone()
            } else {
                sender_name
            },
            message,
            created_at: now,
            expires_at: commerce::gift_card_expiry(&policy, now),
        },
    )
    .await?;
    let payment_id = payments::insert(
        &mut tx,
        PaymentFor::Instrument(id),
        app.payments.name(),
        input.method.as_str(),
        input.amount_cents,
        now,
    )
    .await?;
    tx.commit().await?;
    let request = ChargeRequest {
        amount_cents: input.amount_cents,
        currency: pepite_domain::money::CURRENCY.to_owned(),
        method: input.method,
        token: input.token.trim().to_owned(),
        idempotency_key: format!("gift-card-{id}-charge"),
        reference: crate::payments::gift_card_reference(id),
        description: format!("Pépite gift card {id}"),
        return_url: input.return_url.replace("{card}", &id.to_string()),
    };
    let mut answer = app.payments.charge(&request).await;
    let mut unknown = false;
    if let Err(e) = &answer {
        unknown = outcome_unknown(e);
        answer = app.payments.charge(&request).await;
    }
    match answer {
        Ok(charge) => settle(app, id, payment_id, &charge).await,
        // O7: the card may have been charged; the payment stays pending for the
        // `payments.settle_pending` job, which asks the provider and settles the card.
        Err(e) if unknown || outcome_unknown(&e) => {
            tracing::warn!(gift_card = id, error = %e, "payment outcome unknown; the card stays pending");
            Ok(GiftCardOutcome {
                gift_card_id: id,
                payment: PaymentOutcome::Processing,
            })
        }
        Err(e) => {
            tracing::error!(gift_card = id, error = %e, "payment provider failed");
            let failed = Charge {
                provider_ref: String::new(),
                amount_cents: 0,
                status: ChargeStatus::Declined {
                    code: "payment_unavailable".into(),
                },
            };
            settle(app, id, payment_id, &failed).await?;
            Err(AppError::Unavailable("payment_provider"))
        }
    }
}

/// Settles a gift card's payment: active with its balance and its ledger journal, or failed.
pub(crate) async fn settle(
    app: &App,
    id: i64,
    payment_id: i64,
    charge: &Charge,
) -> Result<GiftCardOutcome, AppError> {
    let now = app.now_us().await?;
    let reference = (!charge.provider_ref.is_empty()).then_some(charge.provider_ref.as_str());
    let payment = match &charge.status {
        ChargeStatus::Succeeded => {
            payments::record(&app.db, payment_id, reference, "pending", None, None, now).await?;
            // Read before the transaction: on SQLite it holds the only writer's connection, and
            // waiting for a second one while other payers fill the pool stalls them all.
            let card = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
            let language = purchaser_language(app, &card).await?;
            let mut tx = app.db.begin().await?;
            let activated = store::activate(&mut tx, id).await?;
            if activated {
                let journal = commerce::gift_card_sold_journal(id, card.initial_cents);
                ledger::post(
                    &mut tx,
                    &Posting {
                        kind: journal.kind,
                        dedupe: &format!("gift_card:{id}:sold"),
                        order_id: None,
                        instrument_id: Some(id),
                        entries: &journal.keyed_entries(),
                    },
                    now,
                )
                .await?;
                payments::record_in(&mut tx, payment_id, None, "succeeded", None, now).await?;
                send_to_recipient(&mut tx, &card, &language, now).await?;
            }
            tx.commit().await?;
            app.ring();
            let state = match activated {
                true => None,
                false => store::by_id(&app.db, id).await?.map(|card| card.state),
            };
            if state.is_some_and(|s| s != "active") {
                // O7: the purchase had already failed (the provider answered an error, yet
                // charged): the card never becomes usable and the charge goes back.
                let what = commerce::Unsold::GiftCard(id);
                let paid = charge.amount_cents;
                unsold::refund(app, what, Some(payment_id), &charge.provider_ref, paid).await?;
                return Ok(GiftCardOutcome {
                    gift_card_id: id,
                    payment: PaymentOutcome::Declined {
                        code: "payment_failed_refunded".into(),
                    },
                });
            }
            PaymentOutcome::Paid
        }
        ChargeStatus::RequiresAction { redirect_url } => {
            payments::record(
                &app.db,
                payment_id,
                reference,
                "requires_action",
                Some(redirect_url),
                None,
                now,
            )
            .await?;
            PaymentOutcome::ActionRequired {
                redirect_url: redirect_url.clone(),
            }
        }
        ChargeStatus::Processing => {
            payments::record(&app.db, payment_id, reference, "pending", None, None, now).await?;
            PaymentOutcome::Processing
        }
        ChargeStatus::Declined { code } => {
            fail(app, id, payment_id, reference, code, now).await?;
            PaymentOutcome::Declined { code: code.clone() }
        }
        ChargeStatus::Canceled => {
            fail(app, id, payment_id, reference, "payment_canceled", now).await?;
            PaymentOutcome::Declined {
                code: "payment_canceled".into(),
            }
        }
    };
    Ok(GiftCardOutcome {
        gift_card_id: id,
        payment,
    })
}

/// G1: the card goes to its recipient by e-mail, in the purchaser's language, with its PDF.
/// Without a recipient address the purchaser hands it over themselves (printable PDF).
async fn send_to_recipient(
    tx: &mut pepite_store::Tx,
    card: &InstrumentRow,
    language: &str,
    now: i64,
) -> Result<(), AppError> {
    if card.recipient_email.is_empty() {
        return Ok(());
    }
    let notice = Notice::GiftCardReceived {
        gift_card_id: card.id,
        from_name: card.sender_name.clone(),
        recipient_name: card.recipient_name.clone(),
        message: card.message.clone(),
        amount_cents: card.initial_cents,
        code: card.code.clone(),
        expires_at: card.expires_at,
    };
    let to = Recipient::Address {
        address: &card.recipient_email,
        language,
    };
    notify::queue(tx, to, &format!("gift_card:{}:sent", card.id), &notice, now).await?;
    Ok(())
}

/// The language of the card's purchaser, which its e-mail to the recipient is written in
/// (not read for a card that goes to nobody by e-mail).
async fn purchaser_language(app: &App, card: &InstrumentRow) -> Result<String, AppError> {
    Ok(match card.purchaser_id {
        _ if card.recipient_email.is_empty() => String::new(),
        Some(id) => pepite_store::accounts::by_id(&app.db, id)
            .await?
            .map_or_else(|| "fr".to_owned(), |u| u.language),
        None => "fr".to_owned(),
    })
}

async fn fail(
    app: &App,
    id: i64,
    payment_id: i64,
    reference: Option<&str>,
    code: &str,
    now: i64,
) -> Result<(), AppError> {
    payments::record(
        &app.db,
        payment_id,
        reference,
        "declined",
        None,
        Some(code),
        now,
    )
    .await?;
    let mut tx = app.db.begin().await?;
    store::mark_failed(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// A card the person bought (A4: someone else's is not found).
pub async fn mine(app: &App, who: &Principal, id: i64) -> Result<InstrumentRow, AppError> {
    match store::by_id(&app.db, id).await? {
        Some(row) if row.purchaser_id == Some(who.user_id) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

pub async fn list_mine(app: &App, who: &Principal) -> Result<Vec<InstrumentRow>, AppError> {
    Ok(store::of_purchaser(&app.db, who.user_id).await?)
}

/// What a balance check shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub balance_cents: i64,
    pub expires_at: i64,
    pub expired: bool,
}

/// G2: the balance of a code (unknown, unpaid and failed cards look the same: not found).
/// Checks are counted per network `address`, so codes cannot be guessed by trying them.
pub async fn balance(app: &App, raw_code: &str, address: &str) -> Result<Balance, AppError> {
    let code = commerce::normalise_gift_card_code(raw_code)
        .ok_or(AppError::field("code", "gift_card_unknown"))?;
    let now = app.now_us().await?;
    let bucket = format!("gift_card_balance:address:{address}");
    throttle::count(app, &bucket, throttle::BALANCE_CHECKS_PER_ADDRESS, now).await?;
    match store::by_code(&app.db, &code).await? {
        Some(row) if row.state == "active" => {
            let expired = row.expires_at <= now;
            Ok(Balance {
                balance_cents: if expired { 0 } else { row.balance_cents },
                expires_at: row.expires_at,
                expired,
            })
        }
        _ => Err(AppError::field("code", "gift_card_unknown")),
    }
}
