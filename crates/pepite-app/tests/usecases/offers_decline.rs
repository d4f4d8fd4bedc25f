//! N5: the buyer declines the seller's counter-offer, on SQLite and PostgreSQL: the agreed
//! price ends at once for everyone, the seller is told, and a decline that comes too late
//! (twice, after the lapse, after the purchase) or from someone else changes nothing.

use crate::offers::{HOUR_US, OK_CARD, advance, code, found, market, notice, told};
use crate::support::*;
use pepite_app::accounts::Principal;
use pepite_app::notify::Notice;
use pepite_app::offers::{self, Answer};
use pepite_app::{App, AppError, carts, catalog, checkout};
use pepite_domain::offers::OfferState;
use pepite_testkit::both_backends;

/// The buyer's offer of 75 € on `piece` (listed at 100 €), countered at 90 €.
async fn countered(app: &App, seller: &Principal, buyer: &Principal, piece: i64) -> offers::Offer {
    let offer = offers::make(app, buyer, piece, 7_500).await.unwrap();
    offers::answer(app, seller, offer.id, Answer::Counter(9_000))
        .await
        .unwrap()
}

async fn price(app: &App, piece: i64) -> i64 {
    let row = pepite_store::catalog::by_id(&app.db, piece)
        .await
        .unwrap()
        .unwrap();
    row.current_price(app.now_us().await.unwrap())
}

both_backends!(
    async fn n5_c6_declining_a_counter_gives_the_list_price_back_at_once_and_tells_the_seller(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 2).await;
        let offer = countered(&app, &s, &b[0], piece).await;
        let cheap = || catalog::SearchParams { price_max: Some(pepite_domain::Money(9_000)), ..Default::default() };
        assert_eq!(found(&app, cheap()).await.0, vec![piece], "C6: the counter is everyone's price");
        let declined = offers::decline(&app, &b[0], offer.id).await.unwrap();
        assert_eq!(declined.state, OfferState::Declined);
        assert_eq!(declined.agreed_cents, None, "nothing agreed any more");
        assert_eq!(price(&app, piece).await, 10_000, "the list price is back before any job");
        assert!(found(&app, cheap()).await.0.is_empty(), "every search index learns it too");
        carts::add(&app, &carts::CartOwner::User(b[1].user_id), piece).await.unwrap();
        let view = carts::view(&app, &carts::CartOwner::User(b[1].user_id), 1).await.unwrap();
        assert_eq!(view.lines[0].row.price_cents, 10_000, "a cart reads the list price");
        let expected = Notice::CounterDeclined {
            offer_id: offer.id,
            piece_id: piece,
            title: "Veste".into(),
            amount_cents: 7_500,
            counter_cents: 9_000,
        };
        assert_eq!(notice(&app, "s@x.fr", "counter_declined").await, expected);
        let seen = offers::one(&app, &s, offer.id).await.unwrap();
        assert_eq!(seen.state, OfferState::Declined, "the seller sees it declined");
        // The timers do not bring it back nor remind anyone of a price that ended.
        advance(&app, 23 * HOUR_US).await;
        offers::run_timers(&app).await.unwrap();
        assert_eq!(told(&app, &b[0].email, "agreed_price_ending").await, 0);
        assert_eq!(offers::one(&app, &b[0], offer.id).await.unwrap().state, OfferState::Declined);
    }
);

both_backends!(
    async fn n5_declining_twice_declines_once(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let offer = countered(&app, &s, &b[0], piece).await;
        let (one, two) = tokio::join!(
            offers::decline(&app, &b[0], offer.id),
            offers::decline(&app, &b[0], offer.id)
        );
        let outcomes = [one.is_ok(), two.is_ok()];
        assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "{outcomes:?}");
        let again = offers::decline(&app, &b[0], offer.id).await.unwrap_err();
        assert_eq!(code(again), "offer_no_counter_running");
        assert_eq!(told(&app, "s@x.fr", "counter_declined").await, 1, "the seller is told once");
    }
);

both_backends!(
    async fn n5_n6_a_counter_cannot_be_declined_once_lapsed_and_an_accepted_offer_never(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let offer = offers::make(&app, &b[0], piece, 7_500).await.unwrap();
        let not_yet = offers::decline(&app, &b[0], offer.id).await.unwrap_err();
        assert_eq!(code(not_yet), "offer_no_counter_running", "an open offer has no counter");
        offers::answer(&app, &s, offer.id, Answer::Counter(9_000)).await.unwrap();
        advance(&app, 24 * HOUR_US).await;
        let late = offers::decline(&app, &b[0], offer.id).await.unwrap_err();
        assert_eq!(code(late), "offer_no_counter_running", "at the instant of the lapse: too late");
        offers::run_timers(&app).await.unwrap();
        assert_eq!(offers::one(&app, &b[0], offer.id).await.unwrap().state, OfferState::Lapsed);
        assert_eq!(told(&app, "s@x.fr", "counter_declined").await, 0);
        // An accepted offer is the buyer's own price: there is no counter to decline.
        let other = listed(&app, &s, &piece_input("Jupe", "Dior", "skirts", 10_000)).await;
        let accepted = offers::make(&app, &b[0], other, 8_000).await.unwrap();
        offers::answer(&app, &s, accepted.id, Answer::Accept).await.unwrap();
        let refused = offers::decline(&app, &b[0], accepted.id).await.unwrap_err();
        assert_eq!(code(refused), "offer_no_counter_running");
        assert_eq!(price(&app, other).await, 8_000, "the accepted price still runs");
    }
);

both_backends!(
    async fn n5_n7_a_counter_bought_cannot_be_declined_afterwards(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let offer = countered(&app, &s, &b[0], piece).await;
        offers::buy_link(&app, &b[0], offer.id).await.unwrap();
        let paid = checkout::place(&app, &b[0], "k", &checkout_input(OK_CARD, &[])).await.unwrap();
        assert!(paid.number.is_some());
        let late = offers::decline(&app, &b[0], offer.id).await.unwrap_err();
        assert_eq!(code(late), "offer_no_counter_running");
        assert_eq!(offers::one(&app, &b[0], offer.id).await.unwrap().state, OfferState::Bought);
    }
);

both_backends!(
    async fn a4_n5_someone_elses_offer_cannot_be_declined_and_is_not_found(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 2).await;
        let offer = countered(&app, &s, &b[0], piece).await;
        let stranger = offers::decline(&app, &b[1], offer.id).await.unwrap_err();
        assert!(matches!(stranger, AppError::NotFound), "{stranger:?}");
        let seller = offers::decline(&app, &s, offer.id).await.unwrap_err();
        assert!(matches!(seller, AppError::NotFound), "the seller cannot decline for the buyer");
        let missing = offers::decline(&app, &b[0], offer.id + 1000).await.unwrap_err();
        assert!(matches!(missing, AppError::NotFound));
        assert_eq!(offers::one(&app, &b[0], offer.id).await.unwrap().state, OfferState::Countered);
        assert_eq!(price(&app, piece).await, 9_000, "the counter still runs");
    }
);
