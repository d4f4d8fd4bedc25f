//! P1: payout runs, by finance. A run takes every released line not yet paid of the shops
//! with a payout account (compare-and-set: two runs at once never take a line twice), makes
//! one transfer per shop and the batch's SEPA file (`pain.001.001.03`) in one transaction.
//! Once the bank has executed it, finance confirms: each shop's payable leaves the ledger
//! (balanced, per shop) and the seller is told (E1).

use pepite_domain::account::Role;
use pepite_domain::commerce::{
    CreditTransfer, Debtor, Transfer, masked_iban, pain_001, payout_sent_journal,
};
use pepite_domain::time::from_micros;
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::payouts::{self as store, PayoutItemRow, PayoutRow};

use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError};

/// A run and its transfers.
#[derive(Debug, Clone)]
pub struct Payout {
    pub run: PayoutRow,
    pub items: Vec<PayoutItemRow>,
}

/// P1: runs a payout now. Nothing to pay (no released line of a shop with an account) is the
/// conflict `nothing_to_pay`, and nothing is written.
pub async fn run_payout(app: &App, who: &Principal) -> Result<Payout, AppError> {
    who.require(Role::Finance)?;
    let identity = app.policy_now().await?.legal_identity.clone();
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let id = store::insert_run(&mut tx, who.user_id, now).await?;
    if store::take_lines(&mut tx, id).await? == 0 {
        return Err(AppError::Conflict("nothing_to_pay"));
    }
    let items = store::items_in(&mut tx, id).await?;
    let date = from_micros(now).strftime("%Y%m%d");
    let msg_id = format!("PEPITE-{date}-{id:06}");
    let file = sepa_file(&identity, &msg_id, now, &items);
    let total: i64 = items.iter().map(|i| i.amount_cents).sum();
    store::finish_run(&mut tx, id, &msg_id, items.len() as i64, total, &file).await?;
    tx.commit().await?;
    let run = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Payout { run, items })
}

/// The batch as a `pain.001.001.03` file, from the platform's account to each shop's.
pub fn sepa_file(
    identity: &pepite_domain::commerce::LegalIdentity,
    msg_id: &str,
    now: i64,
    items: &[PayoutItemRow],
) -> String {
    let remittances: Vec<String> = items
        .iter()
        .map(|i| format!("{} payout {msg_id} {} pieces", identity.name, i.lines))
        .collect();
    let transfers: Vec<Transfer> = items
        .iter()
        .zip(&remittances)
        .map(|(i, remittance)| Transfer {
            end_to_end_id: &i.end_to_end_id,
            amount_cents: i.amount_cents,
            creditor_name: &i.holder,
            iban: &i.iban,
            bic: i.bic.as_deref(),
            remittance,
        })
        .collect();
    let bic = Some(identity.payout_bic.as_str()).filter(|b| !b.is_empty());
    pain_001(&CreditTransfer {
        msg_id,
        created_at_us: now,
        debtor: Debtor {
            name: &identity.name,
            iban: &identity.payout_iban,
            bic,
        },
        transfers: &transfers,
    })
}

/// P1/P2/E1: finance confirms the bank executed run `id`: it is paid (once: a second
/// confirmation is the conflict `already_paid`), each shop's payable is debited against the
/// payouts account, and each seller is told.
pub async fn confirm_paid(app: &App, who: &Principal, id: i64) -> Result<Payout, AppError> {
    who.require(Role::Finance)?;
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let items = store::items(&app.db, id).await?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    if !store::mark_paid(&mut tx, id, who.user_id, now).await? {
        return Err(AppError::Conflict("already_paid"));
    }
    for i in &items {
        let journal = payout_sent_journal(i.seller_id, i.amount_cents);
        let dedupe = format!("payout:{id}:{}", i.seller_id);
        let posting = Posting {
            kind: journal.kind,
            dedupe: &dedupe,
            order_id: None,
            instrument_id: None,
            entries: &journal.keyed_entries(),
        };
        ledger::post(&mut tx, &posting, now).await?;
        let notice = Notice::PayoutSent {
            payout_id: id,
            amount_cents: i.amount_cents,
            pieces: i.lines,
            iban_masked: masked_iban(&i.iban),
            paid_at: now,
        };
        let to = Recipient::Seller(i.seller_id);
        notify::queue(&mut tx, to, &format!("payout:{id}:sent"), &notice, now).await?;
    }
    tx.commit().await?;
    app.ring();
    let run = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Payout { run, items })
}

/// Runs, newest first (finance).
pub async fn runs(
    app: &App,
    who: &Principal,
    before: Option<i64>,
) -> Result<Vec<PayoutRow>, AppError> {
    who.require(Role::Finance)?;
    Ok(store::list(&app.db, before, 50).await?)
}

/// One run with its transfers (finance).
pub async fn run(app: &App, who: &Principal, id: i64) -> Result<Payout, AppError> {
    who.require(Role::Finance)?;
    let run = store::by_id(&app.db, id)
        .await?
        .filter(|r| r.msg_id.is_some())
        .ok_or(AppError::NotFound)?;
    let items = store::items(&app.db, id).await?;
    Ok(Payout { run, items })
}

/// A run's SEPA file: (file name, XML) (finance).
pub async fn file(app: &App, who: &Principal, id: i64) -> Result<(String, String), AppError> {
    who.require(Role::Finance)?;
    let (msg_id, xml) = store::file(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Ok((format!("{msg_id}.xml"), xml))
}
