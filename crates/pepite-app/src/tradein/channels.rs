//! T7: the boutique and e-shop API. A brand partner gives each sales channel a token; with it
//! a till checks a voucher code, redeems an amount under its own idempotency key (two tills
//! at once can never take a voucher below zero: one compare-and-set on its balance decides)
//! and reverses a redemption once (a refund in the boutique).

use pepite_domain::commerce::{
    normalise_gift_card_code, voucher_redeemed_journal, voucher_redemption_reversed_journal,
};
use pepite_domain::fields;
use pepite_store::commerce::instruments;
use pepite_store::tradein::channels as store;
pub use pepite_store::tradein::channels::{ChannelRow, RedemptionRow};
use pepite_store::tradein::credit::{self as credit_store, VoucherRow};
use serde::Serialize;

use super::boxes::post;
use super::run_by;
use crate::accounts::{Principal, Secret, hash_secret, random_secret};
use crate::{App, AppError};

/// A channel's kinds: a shop's till, or the brand's own e-shop.
pub const CHANNEL_KINDS: &[&str] = &["boutique", "eshop"];
/// The longest idempotency key a till may send.
const IDEMPOTENCY_KEY_MAX: usize = 100;

/// T7: the partner opens a channel; its token is shown this once.
pub async fn create(
    app: &App,
    who: &Principal,
    programme_id: i64,
    name: &str,
    kind: &str,
) -> Result<(i64, Secret), AppError> {
    run_by(app, who, programme_id).await?;
    let name = fields::text("name", name, 80).map_err(AppError::from)?;
    if !CHANNEL_KINDS.contains(&kind) {
        return Err(AppError::field("kind", "unknown_value"));
    }
    let secret = random_secret();
    let now = app.now_us().await?;
    let id = store::insert(
        &app.db,
        programme_id,
        &name,
        kind,
        &hash_secret(&secret),
        now,
    )
    .await?;
    Ok((id, Secret(format!("pch_{secret}"))))
}

pub async fn list(
    app: &App,
    who: &Principal,
    programme_id: i64,
) -> Result<Vec<ChannelRow>, AppError> {
    run_by(app, who, programme_id).await?;
    Ok(store::of_programme(&app.db, programme_id).await?)
}

pub async fn revoke(
    app: &App,
    who: &Principal,
    programme_id: i64,
    id: i64,
) -> Result<(), AppError> {
    run_by(app, who, programme_id).await?;
    let now = app.now_us().await?;
    if store::revoke(&app.db, id, programme_id, now).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The live channel a bearer token names; Unauthenticated otherwise.
pub async fn authenticate(app: &App, token: &str) -> Result<ChannelRow, AppError> {
    let secret = token
        .trim()
        .strip_prefix("pch_")
        .ok_or(AppError::Unauthenticated)?;
    store::by_token(&app.db, &hash_secret(secret))
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// What a till is told of a code.
#[derive(Debug, Clone, Serialize)]
pub struct VoucherStatus {
    pub code: String,
    pub balance_cents: i64,
    pub expires_at: i64,
    /// `active`, `expired` or `empty`.
    pub status: &'static str,
}

/// A voucher of the channel's programme, by code (any other looks missing).
async fn voucher(app: &App, channel: &ChannelRow, raw_code: &str) -> Result<VoucherRow, AppError> {
    let code = normalise_gift_card_code(raw_code).ok_or(AppError::NotFound)?;
    credit_store::voucher_by_code(&app.db, &code)
        .await?
        .filter(|v| v.programme_id == channel.programme_id && v.instrument.state == "active")
        .ok_or(AppError::NotFound)
}

fn status(v: &VoucherRow, now: i64) -> VoucherStatus {
    let i = &v.instrument;
    VoucherStatus {
        code: i.code.clone(),
        balance_cents: i.balance_cents,
        expires_at: i.expires_at,
        status: if i.expires_at <= now {
            "expired"
        } else if i.balance_cents == 0 {
            "empty"
        } else {
            "active"
        },
    }
}

/// T7: a till checks a code: balance and end date.
pub async fn check(
    app: &App,
    channel: &ChannelRow,
    raw_code: &str,
) -> Result<VoucherStatus, AppError> {
    let v = voucher(app, channel, raw_code).await?;
    Ok(status(&v, app.now_us().await?))
}

/// A redemption and what the voucher holds after it.
#[derive(Debug, Clone)]
pub struct Redeemed {
    pub redemption: RedemptionRow,
    pub balance_cents: i64,
    /// False when this answers a retry of a redemption already made under the same key.
    pub created: bool,
}

/// T7: takes `amount` off the voucher for this channel, once per idempotency key. A retry
/// with the same key and request answers the first redemption; the same key for another
/// code or amount is refused (`idempotency_key_reused`).
pub async fn redeem(
    app: &App,
    channel: &ChannelRow,
    raw_code: &str,
    amount_cents: i64,
    key: &str,
    reference: &str,
) -> Result<Redeemed, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > IDEMPOTENCY_KEY_MAX || fields::has_control(key, false) {
        return Err(AppError::field("idempotency_key", "invalid"));
    }
    let reference = fields::optional_text("reference", reference, 100).map_err(AppError::from)?;
    if amount_cents <= 0 {
        return Err(AppError::field("amount_cents", "out_of_range"));
    }
    let v = voucher(app, channel, raw_code).await?;
    let id = v.instrument.id;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let Some(redemption_id) =
        store::claim(&mut tx, id, channel.id, key, amount_cents, &reference, now).await?
    else {
        drop(tx);
        let first = store::by_key(&app.db, channel.id, key)
            .await?
            .ok_or(AppError::Conflict("idempotency_key_reused"))?;
        if first.instrument_id != id || first.amount_cents != amount_cents {
            return Err(AppError::Conflict("idempotency_key_reused"));
        }
        let balance_cents = instruments::by_id(&app.db, id)
            .await?
            .map_or(0, |i| i.balance_cents);
        return Ok(Redeemed {
            redemption: first,
            balance_cents,
            created: false,
        });
    };
    if !instruments::spend(&mut tx, id, amount_cents, now).await? {
        drop(tx);
        let fresh = credit_store::voucher_by_code(&app.db, &v.instrument.code)
            .await?
            .ok_or(AppError::NotFound)?;
        return Err(AppError::Conflict(match status(&fresh, now).status {
            "expired" => "voucher_expired",
            _ => "insufficient_balance",
        }));
    }
    let j = voucher_redeemed_journal(id, channel.id, amount_cents);
    post(&mut tx, &j, &format!("redemption:{redemption_id}"), now).await?;
    tx.commit().await?;
    answer(app, channel, redemption_id).await
}

/// A redemption just written, and what its voucher holds now.
async fn answer(app: &App, channel: &ChannelRow, redemption_id: i64) -> Result<Redeemed, AppError> {
    let redemption = store::by_id(&app.db, channel.id, redemption_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let balance_cents = instruments::by_id(&app.db, redemption.instrument_id)
        .await?
        .map_or(0, |i| i.balance_cents);
    Ok(Redeemed {
        redemption,
        balance_cents,
        created: true,
    })
}

/// T7: gives a redemption of this channel back to its voucher, once (`already_reversed`).
pub async fn reverse(
    app: &App,
    channel: &ChannelRow,
    redemption_id: i64,
) -> Result<Redeemed, AppError> {
    let r = store::by_id(&app.db, channel.id, redemption_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::reverse(&mut tx, redemption_id, channel.id, now).await? {
        return Err(AppError::Conflict("already_reversed"));
    }
    instruments::give_back(&mut tx, r.instrument_id, r.amount_cents).await?;
    let j = voucher_redemption_reversed_journal(r.instrument_id, channel.id, r.amount_cents);
    post(
        &mut tx,
        &j,
        &format!("redemption_reversed:{redemption_id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    answer(app, channel, redemption_id).await
}
