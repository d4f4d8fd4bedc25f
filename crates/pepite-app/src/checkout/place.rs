//! Placing an order: one transaction creates it and holds its pieces, gift-card parts and
//! discount use (all or nothing); then the provider is asked for the card part; the outcome
//! settles the order (see `settle`).

use crate::payments::ChargeRequest;
use pepite_domain::FieldErrors;
use pepite_domain::commerce::{self, ShippingMode};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::orders::{self as store, NewLine, NewOrder, NewParcel};
use pepite_store::commerce::payments::PaymentFor;
use pepite_store::commerce::{addresses as address_store, discounts, instruments, payments};

use super::{CheckoutInput, CheckoutOutcome, Summary, pricing, settle};
use crate::accounts::Principal;
use crate::{App, AppError, GonePiece, addresses, idempotency};

/// O7: pays the signed-in buyer's cart. The same idempotency key and input give the same
/// outcome (one order, one charge), whatever the number of clicks or retries.
pub async fn place(
    app: &App,
    who: &Principal,
    idempotency_key: &str,
    input: &CheckoutInput,
) -> Result<CheckoutOutcome, AppError> {
    idempotency::once(app, who.user_id, "checkout", idempotency_key, input, || {
        place_once(app, who, input)
    })
    .await
}

async fn place_once(
    app: &App,
    who: &Principal,
    input: &CheckoutInput,
) -> Result<CheckoutOutcome, AppError> {
    let now = app.now_us().await?;
    let mut errors = FieldErrors::new();
    let billing = addresses::validate("billing", &input.billing, &mut errors);
    let delivery = addresses::validate("delivery", &input.delivery, &mut errors);
    let needed_before = needed_before(input.needed_before.as_deref(), now, &mut errors);
    errors.into_result(())?;
    let summary = pricing::summary(
        app,
        who,
        input.shop_id,
        input.mode,
        &delivery.country,
        &input.gift_cards,
    )
    .await?;
    // K1: a piece of the cart someone else bought stops the checkout, named, before any
    // charge; the buyer removes it and pays for the rest knowingly.
    if !summary.gone.is_empty() {
        let gone = summary.gone.iter().map(|l| GonePiece {
            id: l.row.piece_id,
            title: l.row.title.clone(),
            held: false,
        });
        return Err(AppError::PiecesGone(gone.collect()));
    }
    if input
        .expected_total_cents
        .is_some_and(|t| t != summary.quote.total_cents)
    {
        return Err(AppError::Conflict("total_changed"));
    }
    if summary.card_cents > 0 && input.token.trim().is_empty() {
        return Err(AppError::field("token", "required"));
    }
    if input.save_address {
        address_store::insert(&app.db, who.user_id, &delivery, now).await?;
    }
    let policy = app.policy_of(input.shop_id).await?;
    let order = NewOrder {
        buyer_id: who.user_id,
        shop_id: input.shop_id,
        mode: input.mode.as_str().to_owned(),
        country: delivery.country.clone(),
        quote_json: to_json(&summary.quote)?,
        goods_cents: summary.quote.goods_cents,
        shipping_cents: summary.quote.shipping_cents,
        qc_fee_cents: summary.quote.qc_fee_cents,
        discount_cents: summary.quote.discount_cents,
        bulk_discount_cents: summary.quote.bulk_discount_cents,
        total_cents: summary.quote.total_cents,
        instruments_cents: summary.quote.total_cents - summary.card_cents,
        card_cents: summary.card_cents,
        commission_bps: policy.commission_bps,
        discount_code_id: summary.code.as_ref().map(|c| c.id),
        payment_method: if summary.card_cents == 0 {
            "gift_card".into()
        } else {
            input.method.as_str().into()
        },
        billing_json: to_json(&billing)?,
        delivery_json: to_json(&delivery)?,
        needed_before,
        hold_until: now + policy.hold_minutes * 60_000_000,
        created_at: now,
    };
    let (order_id, payment_id) = hold(app, who, &summary, &order, now).await?;
    if summary.card_cents == 0 {
        return settle::paid_without_card(app, order_id).await;
    }
    let return_url = input.return_url.replace("{order}", &order_id.to_string());
    let request = ChargeRequest {
        amount_cents: summary.card_cents,
        currency: pepite_domain::money::CURRENCY.to_owned(),
        method: input.method,
        token: input.token.trim().to_owned(),
        idempotency_key: format!("order-{order_id}-charge"),
        reference: crate::payments::order_reference(order_id),
        description: format!("Pépite order {order_id}"),
        return_url,
    };
    settle::charge(app, order_id, payment_id, &request).await
}

/// The first transaction: the order, its lines and parcels, then the holds. Any piece that
/// cannot be held, any gift card that cannot pay its part or a code used up rolls it all back.
async fn hold(
    app: &App,
    who: &Principal,
    summary: &Summary,
    order: &NewOrder,
    now: i64,
) -> Result<(i64, Option<i64>), AppError> {
    let ship_to = match summary.quote.mode {
        ShippingMode::Direct => "buyer",
        ShippingMode::Grouped => "workshop",
    };
    let mut parcels = Vec::with_capacity(summary.quote.parcels.len());
    let mut lines = Vec::with_capacity(summary.lines.len());
    for (index, parcel) in summary.quote.parcels.iter().enumerate() {
        let index = index as i64 + 1;
        parcels.push(NewParcel {
            parcel: index,
            seller_id: parcel.seller_id,
            weight_g: parcel.weight_g,
            shipping_cents: parcel.shipping_cents,
        });
        let in_parcel = summary
            .lines
            .iter()
            .filter(|l| parcel.piece_ids.contains(&l.row.piece_id));
        lines.extend(in_parcel.map(|line| {
            let row = &line.row;
            NewLine {
                piece_id: row.piece_id,
                seller_id: row.seller_id,
                parcel: index,
                title: row.title.clone(),
                brand: row.brand.clone(),
                size_label: row.size_label.clone(),
                price_cents: row.price_cents,
                commission_cents: commerce::apply_bps(row.price_cents, order.commission_bps),
                ship_to,
            }
        }));
    }
    let wanted: Vec<(i64, i64)> = summary
        .lines
        .iter()
        .map(|l| (l.row.piece_id, l.row.price_cents))
        .collect();
    let mut tx = app.db.begin().await?;
    // An account being closed places nothing: the buyer's row decides which came first.
    if !pepite_store::privacy::close::hold_open(&mut tx, who.user_id).await? {
        return Err(AppError::Unauthenticated);
    }
    let order_id = store::insert(&mut tx, order).await?;
    store::insert_parcels(&mut tx, order_id, &parcels).await?;
    store::insert_lines(&mut tx, order_id, &lines).await?;
    let held = store::hold_pieces(&mut tx, order_id, &wanted, now, order.hold_until).await?;
    if held != wanted.len() as u64 {
        drop(tx);
        let ids: Vec<i64> = wanted.iter().map(|(id, _)| *id).collect();
        let gone: Vec<GonePiece> = store::unavailable(&app.db, &ids, now)
            .await?
            .into_iter()
            .map(|(id, title, held)| GonePiece { id, title, held })
            .collect();
        return Err(if gone.is_empty() {
            AppError::Conflict("total_changed")
        } else {
            AppError::PiecesGone(gone)
        });
    }
    if let Some(code) = &summary.code {
        if !discounts::take_use(&mut tx, code.id).await? {
            return Err(AppError::field("code", "discount_used_up"));
        }
        if let Some(limit) = code.per_customer {
            let used = discounts::customer_uses(&mut tx, code.id, who.user_id, order_id).await?;
            if used >= limit {
                return Err(AppError::field("code", "discount_already_used"));
            }
        }
    }
    let parts: Vec<(i64, i64)> = summary
        .instruments
        .iter()
        .map(|i| (i.id, i.amount_cents))
        .collect();
    for (id, amount) in &parts {
        if !instruments::spend(&mut tx, *id, *amount, now).await? {
            return Err(AppError::field("gift_cards", "gift_card_insufficient"));
        }
        store::add_instrument(&mut tx, order_id, *id, *amount).await?;
    }
    if !parts.is_empty() {
        let journal = commerce::gift_card_held_journal(order_id, &parts);
        ledger::post(
            &mut tx,
            &Posting {
                kind: journal.kind,
                dedupe: &format!("order:{order_id}:held"),
                order_id: Some(order_id),
                instrument_id: None,
                entries: &journal.keyed_entries(),
            },
            now,
        )
        .await?;
    }
    let payment_id = if summary.card_cents > 0 {
        Some(
            payments::insert(
                &mut tx,
                PaymentFor::Order(order_id),
                app.payments.name(),
                order.payment_method.as_str(),
                summary.card_cents,
                now,
            )
            .await?,
        )
    } else {
        None
    };
    tx.commit().await?;
    Ok((order_id, payment_id))
}

/// O12: an optional date, today or later.
fn needed_before(raw: Option<&str>, now: i64, errors: &mut FieldErrors) -> Option<String> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
    let Ok(date) = raw.parse::<jiff::civil::Date>() else {
        errors.add("needed_before", "invalid_date");
        return None;
    };
    let today = jiff::Timestamp::from_microsecond(now)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or(date);
    if date < today {
        errors.add("needed_before", "in_the_past");
        return None;
    }
    Some(date.to_string())
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))
}
