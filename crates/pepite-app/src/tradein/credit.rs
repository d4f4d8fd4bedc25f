//! T6/T7: a person's store credit per programme, the vouchers they draw from it (now or on a
//! date they choose, each valid for the programme's months from its issue), and the timers:
//! requests whose date has come are issued, vouchers ending within a month are announced,
//! expired ones are closed in the ledger.

use pepite_domain::commerce::{
    gift_card_code, voucher_expired_journal, voucher_issued_journal,
    voucher_request_cancelled_journal, voucher_requested_journal,
};
use pepite_domain::time::DAY_US;
use pepite_domain::{FieldErrors, tradein};
use pepite_store::Tx;
use pepite_store::tradein::credit::{self as store, NewVoucher};
pub use pepite_store::tradein::credit::{CreditRow, RequestRow, VoucherRow};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::boxes::post;
use super::{Programme, programme};
use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError};

/// The smallest voucher, in cents: a voucher for less is not worth a code.
pub const VOUCHER_MIN_CENTS: i64 = 500;
/// How far ahead a voucher may be dated.
pub const SCHEDULE_MAX_DAYS: i64 = 366;
/// T7: vouchers ending within this are announced to their holder.
const REMIND_BEFORE_US: i64 = 30 * DAY_US;

/// What the person sees of their credit: balances, vouchers, requests.
#[derive(Debug, Clone)]
pub struct Wallet {
    pub credits: Vec<CreditRow>,
    pub vouchers: Vec<VoucherRow>,
    pub requests: Vec<RequestRow>,
}

pub async fn wallet(app: &App, who: &Principal) -> Result<Wallet, AppError> {
    Ok(Wallet {
        credits: store::of_user(&app.db, who.user_id).await?,
        vouchers: store::vouchers_of(&app.db, who.user_id).await?,
        requests: store::requests_of(&app.db, who.user_id).await?,
    })
}

/// T7: a voucher of `amount_cents` from the credit with programme `programme_id`, issued at
/// once, or at `issue_at` (microseconds) when that is later.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoucherInput {
    pub programme_id: i64,
    pub amount_cents: i64,
    #[serde(default)]
    pub issue_at: Option<i64>,
}

/// T7: sets the amount aside from the credit (refused if it does not cover it, nothing
/// taken) and issues the voucher now or leaves it for its date.
pub async fn request(
    app: &App,
    who: &Principal,
    input: &VoucherInput,
) -> Result<RequestRow, AppError> {
    let p = programme(app, input.programme_id).await?;
    let now = app.now_us().await?;
    let issue_at = input.issue_at.unwrap_or(now).max(now);
    let mut e = FieldErrors::new();
    if input.amount_cents < VOUCHER_MIN_CENTS {
        e.add_limit("amount", "amount_too_small", VOUCHER_MIN_CENTS);
    }
    if issue_at > now + SCHEDULE_MAX_DAYS * DAY_US {
        e.add_limit("issue_at", "too_far", SCHEDULE_MAX_DAYS);
    }
    e.into_result(())?;
    let mut tx = app.db.begin().await?;
    if !store::take(&mut tx, p.row.id, who.user_id, input.amount_cents).await? {
        return Err(AppError::field("amount", "credit_too_low"));
    }
    let id = store::insert_request(
        &mut tx,
        p.row.id,
        who.user_id,
        input.amount_cents,
        issue_at,
        now,
    )
    .await?;
    let j = voucher_requested_journal(p.row.id, who.user_id, id, input.amount_cents);
    post(&mut tx, &j, &format!("voucher_request:{id}"), now).await?;
    if issue_at <= now {
        issue_in(
            &mut tx,
            &p,
            id,
            who.user_id,
            &who.display_name,
            input.amount_cents,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    app.ring();
    store::request(&app.db, id).await?.ok_or(AppError::NotFound)
}

/// Issues request `id` as a voucher in `tx`: a code, the balance, the journal, the notice.
async fn issue_in(
    tx: &mut Tx,
    p: &Programme,
    id: i64,
    user_id: i64,
    owner_name: &str,
    amount: i64,
    now: i64,
) -> Result<bool, AppError> {
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    let code = gift_card_code(&random);
    let expires_at = tradein::voucher_expiry(&p.rules, now);
    let voucher = store::insert_voucher(
        tx,
        &NewVoucher {
            code: &code,
            amount_cents: amount,
            owner_id: user_id,
            owner_name,
            programme_id: p.row.id,
            issued_at: now,
            expires_at,
        },
    )
    .await?;
    if !store::mark_issued(tx, id, voucher).await? {
        return Ok(false);
    }
    post(
        tx,
        &voucher_issued_journal(id, voucher, amount),
        &format!("voucher_issue:{id}"),
        now,
    )
    .await?;
    let notice = Notice::VoucherIssued {
        voucher_id: voucher,
        programme: p.row.name.clone(),
        amount_cents: amount,
        code,
        expires_at,
    };
    notify::queue(
        tx,
        Recipient::User(user_id),
        &format!("voucher:{voucher}:issued"),
        &notice,
        now,
    )
    .await?;
    Ok(true)
}

/// T7: withdraws a request still waiting for its date; its credit comes back.
pub async fn cancel(app: &App, who: &Principal, request_id: i64) -> Result<(), AppError> {
    let r = store::request(&app.db, request_id)
        .await?
        .filter(|r| r.user_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::cancel_request(&mut tx, request_id, who.user_id).await? {
        return Err(AppError::Conflict("already_issued"));
    }
    store::add(&mut tx, r.programme_id, r.user_id, r.amount_cents).await?;
    let j = voucher_request_cancelled_journal(r.programme_id, r.user_id, r.id, r.amount_cents);
    post(
        &mut tx,
        &j,
        &format!("voucher_request_cancelled:{request_id}"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The `tradein.vouchers` tick: issues requests whose date has come, announces vouchers
/// ending within a month, closes expired ones. Each step is a compare-and-set, so two
/// instances running the tick do each thing once. The number of things done.
pub async fn run_timers(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let mut done = 0;
    for r in store::due_requests(&app.db, now, 200).await? {
        let p = programme(app, r.programme_id).await?;
        let owner = pepite_store::accounts::by_id(&app.db, r.user_id)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default();
        let mut tx = app.db.begin().await?;
        if issue_in(&mut tx, &p, r.id, r.user_id, &owner, r.amount_cents, now).await? {
            tx.commit().await?;
            done += 1;
        }
    }
    for v in store::ending_unreminded(&app.db, now, now + REMIND_BEFORE_US, 200).await? {
        let p = programme(app, v.programme_id).await?;
        let i = &v.instrument;
        let mut tx = app.db.begin().await?;
        if store::mark_reminded(&mut tx, i.id, now).await? {
            let notice = Notice::VoucherEnding {
                voucher_id: i.id,
                programme: p.row.name.clone(),
                balance_cents: i.balance_cents,
                code: i.code.clone(),
                expires_at: i.expires_at,
            };
            if let Some(owner) = i.purchaser_id {
                notify::queue(
                    &mut tx,
                    Recipient::User(owner),
                    &format!("voucher:{}:ending", i.id),
                    &notice,
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            done += 1;
        }
    }
    for v in store::expired_with_balance(&app.db, now, 200).await? {
        let i = &v.instrument;
        let mut tx = app.db.begin().await?;
        if store::expire(&mut tx, i.id, i.balance_cents, now).await? {
            // The dedupe names the balance closed: a reversal after expiry reopens a new one.
            let j = voucher_expired_journal(v.programme_id, i.id, i.balance_cents);
            post(&mut tx, &j, &format!("voucher_expired:{}:{now}", i.id), now).await?;
            tx.commit().await?;
            done += 1;
        }
    }
    if done > 0 {
        app.ring();
    }
    Ok(done)
}
