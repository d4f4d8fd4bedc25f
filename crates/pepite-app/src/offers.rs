//! Price offers (N1–N7, C6): a buyer offers, the seller accepts, refuses or counters within
//! 24 h, an agreement makes the piece's current price the agreed amount for 24 h for
//! everyone, and a sale ends every other offer. Each step tells the other party (E1).

use pepite_domain::offers::{OfferState, Refusal};
use pepite_store::offers::{self as store, NewOffer, OfferRow};
use serde::Serialize;

use crate::accounts::Principal;
use crate::notify::{self, Notice, Recipient};
use crate::{App, AppError, throttle};

/// An offer as its buyer or seller sees it: the stored row and its state now (deadlines are
/// read against the clock, so an offer past its 24 h shows as expired before any job ran).
#[derive(Debug, Clone, Serialize)]
pub struct Offer {
    pub id: i64,
    pub piece_id: i64,
    pub title: String,
    pub buyer_name: String,
    pub shop_name: String,
    pub list_cents: i64,
    pub amount_cents: i64,
    pub counter_cents: Option<i64>,
    pub state: OfferState,
    pub created_at: i64,
    pub answer_by: i64,
    pub agreed_until: Option<i64>,
    /// The price the buyer may pay while the agreement runs.
    pub agreed_cents: Option<i64>,
    #[serde(skip)]
    pub buyer_id: i64,
    #[serde(skip)]
    pub seller_id: i64,
}

impl Offer {
    fn from_row(r: OfferRow, now: i64) -> Offer {
        let stored = OfferState::parse(&r.state).unwrap_or(OfferState::Ended);
        let state = stored.at(r.answer_by, r.agreed_until, now);
        Offer {
            agreed_cents: state
                .is_agreed()
                .then(|| r.counter_cents.unwrap_or(r.amount_cents)),
            id: r.id,
            piece_id: r.piece_id,
            title: r.title,
            buyer_name: r.buyer_name,
            shop_name: r.shop_name,
            list_cents: r.list_cents,
            amount_cents: r.amount_cents,
            counter_cents: r.counter_cents,
            state,
            created_at: r.created_at,
            answer_by: r.answer_by,
            agreed_until: r.agreed_until,
            buyer_id: r.buyer_id,
            seller_id: r.seller_id,
        }
    }
}

fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::BelowMinimum { min_cents } => {
            AppError::field_with_limit("amount", r.code(), min_cents)
        }
        Refusal::NotBelowCurrentPrice | Refusal::CounterNotAboveOffer => {
            AppError::field("amount", r.code())
        }
        other => AppError::Conflict(other.code()),
    }
}

/// N1–N3: the signed-in buyer offers `amount_cents` on a piece.
pub async fn make(
    app: &App,
    who: &Principal,
    piece_id: i64,
    amount_cents: i64,
) -> Result<Offer, AppError> {
    // A4: a piece the buyer may not see (a draft) is missing, not "not listed".
    let (piece, _) = crate::catalog::visible(app, Some(who), piece_id).await?;
    if piece.state != "listed" {
        return Err(refused(Refusal::NotListed));
    }
    if who.seller_id == Some(piece.seller_id) {
        return Err(refused(Refusal::OwnPiece));
    }
    if !piece.open_to_offers {
        return Err(refused(Refusal::NotOpenToOffers));
    }
    let now = app.now_us().await?;
    // P3: the rules of the shop the piece is sold in.
    let rules = crate::shops::policy_of_seller(app, piece.seller_id)
        .await?
        .offers
        .clone();
    rules
        .check_offer(piece.price_cents, piece.current_price(now), amount_cents)
        .map_err(refused)?;
    // Each offer notifies a seller: a buyer making them by the hundred is stopped.
    let bucket = format!("offers:buyer:{}", who.user_id);
    throttle::count(app, &bucket, throttle::OFFERS_PER_BUYER, now).await?;
    let mut tx = app.db.begin().await?;
    let new = NewOffer {
        piece_id,
        buyer_id: who.user_id,
        seller_id: piece.seller_id,
        list_cents: piece.price_cents,
        amount_cents,
        now,
        answer_by: rules.answer_by(now),
    };
    let id = store::insert(&mut tx, &new)
        .await?
        .ok_or_else(|| refused(Refusal::AlreadyOffered))?;
    let notice = Notice::OfferReceived {
        offer_id: id,
        piece_id,
        title: piece.title.clone(),
        amount_cents,
        list_cents: piece.price_cents,
        answer_by: new.answer_by,
    };
    let event = format!("offer:{id}:received");
    notify::queue(
        &mut tx,
        Recipient::Seller(piece.seller_id),
        &event,
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    one(app, who, id).await
}

/// One offer, for its buyer or the seller it was made to (A4: anyone else's is not found).
pub async fn one(app: &App, who: &Principal, id: i64) -> Result<Offer, AppError> {
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if row.buyer_id != who.user_id && who.seller_id != Some(row.seller_id) {
        return Err(AppError::NotFound);
    }
    Ok(Offer::from_row(row, app.now_us().await?))
}

/// The offers the signed-in person made, newest first.
pub async fn mine(app: &App, who: &Principal, before: Option<i64>) -> Result<Vec<Offer>, AppError> {
    let now = app.now_us().await?;
    let rows = store::list(&app.db, Some(who.user_id), None, before, 50).await?;
    Ok(rows.into_iter().map(|r| Offer::from_row(r, now)).collect())
}

/// The seller's inbox: offers received by their shop, newest first.
pub async fn inbox(
    app: &App,
    who: &Principal,
    before: Option<i64>,
) -> Result<Vec<Offer>, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    let now = app.now_us().await?;
    let rows = store::list(&app.db, None, Some(seller), before, 50).await?;
    Ok(rows.into_iter().map(|r| Offer::from_row(r, now)).collect())
}

/// The offers awaiting the seller's answer, soonest deadline first (at most 500).
pub async fn awaiting(app: &App, who: &Principal) -> Result<Vec<Offer>, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    let now = app.now_us().await?;
    let rows = store::awaiting(&app.db, seller, now, 500).await?;
    Ok(rows.into_iter().map(|r| Offer::from_row(r, now)).collect())
}

/// How many offers await the seller's answer (the dashboard's badge).
pub async fn awaiting_count(app: &App, who: &Principal) -> Result<i64, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    let now = app.now_us().await?;
    Ok(store::open_count(&app.db, seller, now).await?)
}

/// The signed-in buyer's offer on a piece, if any (the piece page shows it instead of the form).
pub async fn on_piece(
    app: &App,
    who: &Principal,
    piece_id: i64,
) -> Result<Option<Offer>, AppError> {
    let now = app.now_us().await?;
    Ok(store::of_buyer_on_piece(&app.db, who.user_id, piece_id)
        .await?
        .map(|r| Offer::from_row(r, now)))
}

/// How the seller answers an open offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Refuse,
    /// N5: a counter-offer of this amount.
    Counter(i64),
}

/// N4–N6: the seller answers. Accepting or countering makes the agreed amount the piece's
/// current price for 24 h; the buyer is told either way. An answer after the deadline, or
/// on an offer already answered, is refused: the database decides, so an answer at the very
/// instant of expiry has one outcome.
pub async fn answer(
    app: &App,
    who: &Principal,
    id: i64,
    answer: Answer,
) -> Result<Offer, AppError> {
    let seller = who.seller_id.ok_or(AppError::Forbidden)?;
    let offer = one(app, who, id).await?;
    if offer.seller_id != seller {
        return Err(AppError::NotFound);
    }
    let now = app.now_us().await?;
    let rules = crate::shops::policy_of_seller(app, seller)
        .await?
        .offers
        .clone();
    if let Answer::Counter(counter) = answer {
        let piece = pepite_store::catalog::by_id(&app.db, offer.piece_id)
            .await?
            .ok_or(AppError::NotFound)?;
        rules
            .check_counter(
                piece.price_cents,
                piece.current_price(now),
                offer.amount_cents,
                counter,
            )
            .map_err(refused)?;
    }
    let until = rules.agreed_until(now);
    let mut tx = app.db.begin().await?;
    let (moved, notice) = match answer {
        Answer::Refuse => (
            store::refuse(&mut tx, id, seller, now).await?,
            Notice::OfferRefused {
                offer_id: id,
                piece_id: offer.piece_id,
                title: offer.title.clone(),
                amount_cents: offer.amount_cents,
            },
        ),
        Answer::Accept => (
            store::agree(&mut tx, id, seller, None, now, until).await?,
            Notice::OfferAccepted {
                offer_id: id,
                piece_id: offer.piece_id,
                title: offer.title.clone(),
                agreed_cents: offer.amount_cents,
                agreed_until: until,
            },
        ),
        Answer::Counter(counter) => (
            store::agree(&mut tx, id, seller, Some(counter), now, until).await?,
            Notice::OfferCountered {
                offer_id: id,
                piece_id: offer.piece_id,
                title: offer.title.clone(),
                amount_cents: offer.amount_cents,
                agreed_cents: counter,
                agreed_until: until,
            },
        ),
    };
    if !moved {
        return Err(refused(Refusal::NotAwaitingAnswer));
    }
    let agreed = match answer {
        Answer::Accept => Some(offer.amount_cents),
        Answer::Counter(c) => Some(c),
        Answer::Refuse => None,
    };
    if let Some(cents) = agreed
        && !store::set_piece_agreement(&mut tx, offer.piece_id, id, cents, now, until).await?
    {
        // Rolled back: the offer stays open, the seller is told why.
        return Err(refused(Refusal::AgreementRunning));
    }
    let event = format!("offer:{id}:{}", notice.kind());
    notify::queue(
        &mut tx,
        Recipient::User(offer.buyer_id),
        &event,
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    one(app, who, id).await
}

/// N5: the buyer says no to the seller's counter-offer. The seller's concession was made to
/// this buyer's offer; once the buyer turns it down nobody is negotiating any more, so the
/// agreed price ends at once (C6 keeps it only while the agreement is live) and the piece is
/// back at its list price for everyone, in the same transaction as the decline. Carts and
/// holds read the price at "now" from the piece, so nobody pays the counter afterwards; an
/// order that already holds the piece at that price keeps it (K1), as it would at a lapse.
/// The seller is told. Only the buyer may decline (A4: anyone else's offer is not found).
pub async fn decline(app: &App, who: &Principal, id: i64) -> Result<Offer, AppError> {
    let offer = one(app, who, id).await?;
    if offer.buyer_id != who.user_id {
        return Err(AppError::NotFound);
    }
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let counter_cents = store::decline(&mut tx, id, who.user_id, now)
        .await?
        .ok_or_else(|| refused(Refusal::NoCounterRunning))?;
    store::end_piece_agreement(&mut tx, offer.piece_id, id, now).await?;
    let notice = Notice::CounterDeclined {
        offer_id: id,
        piece_id: offer.piece_id,
        title: offer.title.clone(),
        amount_cents: offer.amount_cents,
        counter_cents,
    };
    let event = format!("offer:{id}:{}", notice.kind());
    let seller = Recipient::Seller(offer.seller_id);
    notify::queue(&mut tx, seller, &event, &notice, now).await?;
    tx.commit().await?;
    app.ring();
    one(app, who, id).await
}

/// N6: the buyer's direct link: the piece goes into their cart at the agreed price (the
/// piece's current price for everyone while the agreement runs).
pub async fn buy_link(app: &App, who: &Principal, id: i64) -> Result<i64, AppError> {
    let offer = one(app, who, id).await?;
    if offer.buyer_id != who.user_id {
        return Err(AppError::NotFound);
    }
    if !offer.state.is_agreed() {
        return Err(AppError::Conflict("offer_not_agreed"));
    }
    crate::carts::add(
        app,
        &crate::carts::CartOwner::User(who.user_id),
        offer.piece_id,
    )
    .await?;
    Ok(offer.piece_id)
}

/// The timers of offers, run by a periodic job: expiries (N4), "ends soon" reminders (E1) and
/// lapsed agreements (N6). Each works in batches until nothing is due.
pub async fn run_timers(app: &App) -> Result<u64, AppError> {
    let now = app.now_us().await?;
    let rules = app.policy_now().await?.offers.clone();
    let mut done = 0;
    loop {
        let n = store::expire_due(&app.db, now, 10_000).await?;
        done += n;
        if n == 0 {
            break;
        }
    }
    let notice_us = rules.ending_notice_us();
    loop {
        let n = store::remind_due(&app.db, now, notice_us, 10_000).await?;
        done += n;
        if n == 0 {
            break;
        }
    }
    done += store::lapse_due(&app.db, now).await?;
    if done > 0 {
        app.ring();
    }
    Ok(done)
}
