//! O7/P2: a charge that lands for what can no longer be had (an order that failed, lapsed or
//! whose pieces went to someone else; a gift card whose purchase had already failed) is given
//! back. Finance sees it owed before the provider is asked, and a refund the provider did not
//! make is retried by the `payments.refund_owed` job until it is: no charge without a sale.

use pepite_domain::commerce::{self, Account, Journal, Unsold};
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::commerce::payments as store;

use super::ChargeStatus;
use crate::checkout::settle;
use crate::{App, AppError};

/// Our reference for what was paid for, as the provider keeps it (see `reference_of`).
fn reference(what: Unsold) -> String {
    match what {
        Unsold::Order(id) => super::order_reference(id),
        Unsold::GiftCard(id) => super::gift_card_reference(id),
    }
}

/// The dedupe key of one of the two journals (`order:N:unsold`, `…:unsold_refunded`).
pub(crate) fn dedupe(what: Unsold, step: &str) -> String {
    match what {
        Unsold::Order(id) => format!("order:{id}:{step}"),
        Unsold::GiftCard(id) => format!("gift_card:{id}:{step}"),
    }
}

/// Refunds `amount_cents` of the charge `provider_ref` made for `what`, under a key fixed by
/// `what`, so that however often it is asked the money goes back once. The payment, when
/// known, is marked refunded.
pub(crate) async fn refund(
    app: &App,
    what: Unsold,
    payment_id: Option<i64>,
    provider_ref: &str,
    amount_cents: i64,
) -> Result<(), AppError> {
    // P2: owed first, so a refund that fails leaves a balance on `unsold:…` for finance and
    // for the job, rather than nothing.
    let owed = commerce::unsold_charge_journal(what, amount_cents);
    post(app, what, &owed, "unsold").await?;
    let key = format!("{}-refund-unsold", reference(what));
    app.payments
        .refund(provider_ref, amount_cents, &key)
        .await
        .map_err(|e| {
            tracing::error!(?what, error = %e, "refund of an unsold charge failed; the job retries");
            AppError::Unavailable("payment_provider")
        })?;
    let refunded = commerce::unsold_charge_refunded_journal(what, amount_cents);
    post(app, what, &refunded, "unsold_refunded").await?;
    if let Some(id) = payment_id {
        store::mark_refunded(&app.db, id, app.now_us().await?).await?;
    }
    tracing::warn!(?what, amount_cents, "unsold charge refunded");
    Ok(())
}

/// Posts one of the two journals of an unsold charge, once (`dedupe`).
async fn post(app: &App, what: Unsold, journal: &Journal, step: &str) -> Result<(), AppError> {
    let now = app.now_us().await?;
    let (order_id, instrument_id) = match what {
        Unsold::Order(id) => (Some(id), None),
        Unsold::GiftCard(id) => (None, Some(id)),
    };
    let mut tx = app.db.begin().await?;
    let posting = Posting {
        kind: journal.kind,
        dedupe: &dedupe(what, step),
        order_id,
        instrument_id,
        entries: &journal.keyed_entries(),
    };
    ledger::post(&mut tx, &posting, now).await?;
    tx.commit().await?;
    Ok(())
}

/// How long a refund is left to the request that owes it before the job takes over.
const RETRY_AFTER_US: i64 = 60_000_000;

/// O7/P2: charges owed back whose refund the provider did not make (it was down when asked,
/// and nothing else contacted it since): the charge is found again by our reference and
/// refunded under the same key. Returns how many refunds were made.
pub async fn refund_owed(app: &App) -> Result<usize, AppError> {
    let now = app.now_us().await?;
    let owed = ledger::unsold_unrefunded(&app.db, now - RETRY_AFTER_US, 100).await?;
    let mut made = 0;
    for (account, amount_cents) in owed {
        let Some(Account::UnsoldCharge(what)) = Account::parse(&account) else {
            continue;
        };
        let charge = match app.payments.find(&reference(what)).await {
            Ok(Some(charge)) if charge.status == ChargeStatus::Succeeded => charge,
            Ok(_) => {
                tracing::error!(?what, "owed refund: the provider has no succeeded charge");
                continue;
            }
            Err(e) => {
                tracing::warn!(?what, error = %e, "owed refund: provider unavailable");
                continue;
            }
        };
        let payment = store::by_provider_ref(&app.db, app.payments.name(), &charge.provider_ref)
            .await?
            .map(|p| p.id);
        if refund(app, what, payment, &charge.provider_ref, amount_cents)
            .await
            .is_err()
        {
            continue;
        }
        if let Unsold::Order(id) = what {
            // An order still waiting for this payment can no longer be sold: close it.
            settle::failed(app, id, payment, "refunded", "pieces_gone").await?;
        }
        made += 1;
    }
    Ok(made)
}
