//! Price offers (N1–N7, C6) and alerts (L1) on SQLite and PostgreSQL, on the manual clock:
//! an offer's whole life in seconds, its races with the clock and with other buyers.

use crate::support::*;
use pepite_app::notify::Notice;
use pepite_app::offers::{self, Answer};
use pepite_app::{App, AppError, alerts, carts, catalog, checkout};
use pepite_domain::account::Role;
use pepite_domain::offers::OfferState;
use pepite_store::notifications as outbox;
use pepite_testkit::both_backends;

pub(crate) const HOUR_US: i64 = 3_600_000_000;
pub(crate) const OK_CARD: &str = "4242424242424242";

pub(crate) async fn advance(app: &App, us: i64) {
    app.now_us().await.unwrap();
    pepite_store::clock::advance(&app.db, us).await.unwrap();
}

/// The one notification of `kind` for `email`, read back as the sender will (the timers write
/// theirs in SQL: this proves the two agree on the format).
pub(crate) async fn notice(app: &App, email: &str, kind: &str) -> Notice {
    let all = outbox::list(&app.db, None, None, None, 1000).await.unwrap();
    let row = all
        .iter()
        .find(|n| n.to_address == email && n.kind == kind)
        .unwrap();
    Notice::from_json(&row.params).unwrap()
}

/// The notifications of `kind` queued for `email`.
pub(crate) async fn told(app: &App, email: &str, kind: &str) -> usize {
    outbox::list(&app.db, None, None, None, 1000)
        .await
        .unwrap()
        .iter()
        .filter(|n| n.to_address == email && n.kind == kind)
        .count()
}

pub(crate) fn code(e: AppError) -> String {
    match e {
        AppError::Conflict(c) => c.to_owned(),
        AppError::Invalid(f) => f.0[0].code.to_owned(),
        other => format!("{other:?}"),
    }
}

/// A seller with a piece listed at 100 € and `n` buyers.
pub(crate) async fn market(
    app: &App,
    n: usize,
) -> (
    pepite_app::accounts::Principal,
    i64,
    Vec<pepite_app::accounts::Principal>,
) {
    let s = seller(app, "s@x.fr", "Chez S").await;
    let piece = listed(app, &s, &piece_input("Veste", "Chanel", "jackets", 10_000)).await;
    (s, piece, buyers(app, n).await)
}

both_backends!(
    async fn n1_n2_n3_offers_outside_the_rules_are_refused_with_a_reason(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 2).await;
        let refusal = |r: Result<offers::Offer, AppError>| code(r.unwrap_err());
        assert_eq!(refusal(offers::make(&app, &b[0], piece, 6_999).await), "offer_below_minimum");
        assert_eq!(refusal(offers::make(&app, &b[0], piece, 10_000).await), "offer_not_below_price");
        assert_eq!(refusal(offers::make(&app, &s, piece, 8_000).await), "offer_own_piece");
        offers::make(&app, &b[0], piece, 7_000).await.unwrap();
        assert_eq!(refusal(offers::make(&app, &b[0], piece, 8_000).await), "offer_already_made", "N2: one offer per buyer per piece, ever");
        let closed = listed(&app, &s, &pepite_domain::piece::PieceInput {
            open_to_offers: Some(false),
            ..piece_input("Jupe", "Dior", "skirts", 5_000)
        }).await;
        assert_eq!(refusal(offers::make(&app, &b[1], closed, 4_000).await), "offer_not_open");
        catalog::mark_sold(&app, closed).await.unwrap();
        assert_eq!(refusal(offers::make(&app, &b[1], closed, 4_000).await), "offer_piece_not_listed");
        assert_eq!(told(&app, "s@x.fr", "offer_received").await, 1, "the seller hears of the one valid offer");
    }
);

both_backends!(
    async fn n4_an_ignored_offer_expires_after_24_hours_and_the_buyer_is_told(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let offer = offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        advance(&app, 24 * HOUR_US).await;
        let seen = offers::one(&app, &b[0], offer.id).await.unwrap();
        assert_eq!(seen.state, OfferState::Expired, "expired on read, before any job ran");
        let late = offers::answer(&app, &s, offer.id, Answer::Accept).await.unwrap_err();
        assert_eq!(code(late), "offer_not_awaiting_answer", "an answer after 24 h is refused");
        offers::run_timers(&app).await.unwrap();
        offers::run_timers(&app).await.unwrap();
        assert_eq!(told(&app, &b[0].email, "offer_expired").await, 1, "told once");
        let expected = Notice::OfferExpired { offer_id: offer.id, piece_id: piece, title: "Veste".into(), amount_cents: 8_000 };
        assert_eq!(notice(&app, &b[0].email, "offer_expired").await, expected);
    }
);

both_backends!(
    async fn n5_n6_countered_then_bought_at_the_agreed_price_ends_the_other_offers(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 3).await;
        let first = offers::make(&app, &b[0], piece, 7_500).await.unwrap();
        let other = offers::make(&app, &b[1], piece, 7_200).await.unwrap();
        let low = offers::answer(&app, &s, first.id, Answer::Counter(7_500)).await.unwrap_err();
        assert_eq!(code(low), "counter_not_above_offer");
        let countered = offers::answer(&app, &s, first.id, Answer::Counter(9_000)).await.unwrap();
        assert_eq!((countered.state, countered.agreed_cents), (OfferState::Countered, Some(9_000)));
        assert_eq!(told(&app, &b[0].email, "offer_countered").await, 1);
        // C6: the agreed amount is the current price for everyone, for 24 h.
        carts::add(&app, &carts::CartOwner::User(b[2].user_id), piece).await.unwrap();
        let view = carts::view(&app, &carts::CartOwner::User(b[2].user_id), 1).await.unwrap();
        assert_eq!(view.lines[0].row.price_cents, 9_000);
        let second = offers::answer(&app, &s, other.id, Answer::Accept).await.unwrap_err();
        assert_eq!(code(second), "offer_agreement_running", "one agreed price at a time");
        offers::buy_link(&app, &b[0], first.id).await.unwrap();
        let paid = checkout::place(&app, &b[0], "k", &checkout_input(OK_CARD, &[])).await.unwrap();
        assert!(paid.number.is_some());
        let order = pepite_store::commerce::orders::by_id(&app.db, paid.order_id).await.unwrap().unwrap();
        assert_eq!(order.goods_cents, 9_000, "paid at the agreed price");
        assert_eq!(offers::one(&app, &b[0], first.id).await.unwrap().state, OfferState::Bought);
        assert_eq!(offers::one(&app, &b[1], other.id).await.unwrap().state, OfferState::Ended);
        assert_eq!(told(&app, &b[1].email, "offer_ended").await, 1, "N7: the other buyer is told");
    }
);

both_backends!(
    async fn n6_an_accepted_offer_not_bought_gives_back_the_list_price_after_24_hours(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let offer = offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        offers::answer(&app, &s, offer.id, Answer::Accept).await.unwrap();
        let price = |app: &App| {
            let app = app.clone();
            async move {
                let row = pepite_store::catalog::by_id(&app.db, piece).await.unwrap().unwrap();
                row.current_price(app.now_us().await.unwrap())
            }
        };
        assert_eq!(price(&app).await, 8_000);
        advance(&app, 22 * HOUR_US + 1).await;
        offers::run_timers(&app).await.unwrap();
        offers::run_timers(&app).await.unwrap();
        assert_eq!(told(&app, &b[0].email, "agreed_price_ending").await, 1, "reminded once, 2 h before");
        let Notice::AgreedPriceEnding { agreed_cents, .. } = notice(&app, &b[0].email, "agreed_price_ending").await else {
            panic!("not a reminder")
        };
        assert_eq!(agreed_cents, 8_000);
        advance(&app, 2 * HOUR_US).await;
        assert_eq!(price(&app).await, 10_000, "the list price is back at 24 h, job or not");
        offers::run_timers(&app).await.unwrap();
        assert_eq!(offers::one(&app, &b[0], offer.id).await.unwrap().state, OfferState::Lapsed);
        let gone = offers::buy_link(&app, &b[0], offer.id).await.unwrap_err();
        assert_eq!(code(gone), "offer_not_agreed");
    }
);

/// Ids of the pieces a search finds, in its order, and its count in one price band.
pub(crate) async fn found(
    app: &App,
    params: catalog::SearchParams,
) -> (Vec<i64>, Vec<(String, i64)>) {
    let page = catalog::search(
        app,
        &catalog::SearchParams {
            facets: true,
            ..params
        },
    )
    .await
    .unwrap();
    let bands = page
        .facets
        .iter()
        .filter(|f| f.facet == "price")
        .map(|f| (f.value.clone(), f.count))
        .collect();
    (page.pieces.iter().map(|p| p.id).collect(), bands)
}

both_backends!(
    async fn c6_search_filters_sorts_and_counts_the_current_price_while_an_agreement_runs(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 1).await;
        let skirt = listed(&app, &s, &piece_input("Jupe", "Dior", "skirts", 8_500)).await;
        let dress = listed(&app, &s, &piece_input("Robe", "Dior", "dresses", 9_500)).await;
        let cheap = || catalog::SearchParams { price_max: Some(pepite_domain::Money(8_500)), ..Default::default() };
        let asc = || catalog::SearchParams { sort: Some("price_asc".into()), ..Default::default() };
        let desc = || catalog::SearchParams { sort: Some("price_desc".into()), ..Default::default() };
        // The index has read the catalogue before the agreement: it must learn of it.
        assert_eq!(found(&app, cheap()).await.0, vec![skirt]);
        let offer = offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        offers::answer(&app, &s, offer.id, Answer::Accept).await.unwrap();
        let mut cheap_now = found(&app, cheap()).await.0;
        cheap_now.sort();
        assert_eq!(cheap_now, vec![piece, skirt], "the price filter uses the agreed 80 €");
        let (order, bands) = found(&app, asc()).await;
        assert_eq!(order, vec![piece, skirt, dress]);
        assert_eq!(bands, vec![("2".to_owned(), 3)], "all three are in the 50–100 € band");
        assert_eq!(found(&app, desc()).await.0, vec![dress, skirt, piece]);
        // After 24 h the list price is back, before the timer has run and after.
        advance(&app, 24 * HOUR_US + 1).await;
        for _ in 0..2 {
            assert_eq!(found(&app, cheap()).await.0, vec![skirt]);
            let (order, mut bands) = found(&app, asc()).await;
            assert_eq!(order, vec![skirt, dress, piece]);
            bands.sort();
            assert_eq!(bands, vec![("2".to_owned(), 2), ("3".to_owned(), 1)]);
            offers::run_timers(&app).await.unwrap();
        }
    }
);

both_backends!(
    async fn n4_an_answer_at_the_instant_of_expiry_or_two_answers_at_once_have_one_outcome(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 2).await;
        let offer = offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        let (accept, refuse) = tokio::join!(
            offers::answer(&app, &s, offer.id, Answer::Accept),
            offers::answer(&app, &s, offer.id, Answer::Refuse)
        );
        assert_eq!(accept.is_ok() as u8 + refuse.is_ok() as u8, 1, "exactly one answer counts");
        let late = offers::make(&app, &b[1], piece, 7_000).await.unwrap();
        advance(&app, 24 * HOUR_US).await;
        let (answer, expiry) = tokio::join!(
            offers::answer(&app, &s, late.id, Answer::Accept),
            offers::run_timers(&app)
        );
        expiry.unwrap();
        assert_eq!(code(answer.unwrap_err()), "offer_not_awaiting_answer", "at the deadline the offer is expired");
        assert_eq!(offers::one(&app, &b[1], late.id).await.unwrap().state, OfferState::Expired);
    }
);

both_backends!(
    async fn n6_k1_two_buyers_paying_the_agreed_price_at_once_make_one_sale(db) {
        let app = app(db);
        let (s, piece, b) = market(&app, 2).await;
        let offer = offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        offers::answer(&app, &s, offer.id, Answer::Accept).await.unwrap();
        offers::buy_link(&app, &b[0], offer.id).await.unwrap();
        carts::add(&app, &carts::CartOwner::User(b[1].user_id), piece).await.unwrap();
        let input = checkout_input(OK_CARD, &[]);
        let (one, two) = tokio::join!(
            checkout::place(&app, &b[0], "a", &input),
            checkout::place(&app, &b[1], "b", &input)
        );
        let paid = [&one, &two].iter().filter(|r| r.as_ref().is_ok_and(|o| o.number.is_some())).count();
        assert_eq!(paid, 1);
        assert!(matches!(one.as_ref().err().or(two.as_ref().err()), Some(AppError::PiecesGone(_))));
    }
);

both_backends!(
    async fn l1_an_alert_fires_once_when_the_sold_piece_is_listed_again(db) {
        let app = app(db);
        let (_, piece, b) = market(&app, 2).await;
        let refused = alerts::set(&app, &b[0], piece).await.unwrap_err();
        assert_eq!(code(refused), "alert_piece_not_sold", "only on a sold piece");
        catalog::mark_sold(&app, piece).await.unwrap();
        alerts::set(&app, &b[0], piece).await.unwrap();
        alerts::set(&app, &b[0], piece).await.unwrap();
        alerts::set(&app, &b[1], piece).await.unwrap();
        alerts::remove(&app, &b[1], piece).await.unwrap();
        assert_eq!(alerts::mine(&app, &b[0]).await.unwrap().len(), 1);
        let staff = staff(&app, "cs@x.fr", Role::CustomerService).await;
        assert!(catalog::relist(&app, &b[0], piece).await.is_err(), "staff only");
        catalog::relist(&app, &staff, piece).await.unwrap();
        assert_eq!(told(&app, &b[0].email, "alert_fired").await, 1);
        let expected = Notice::AlertFired { piece_id: piece, title: "Veste".into(), price_cents: 10_000 };
        assert_eq!(notice(&app, &b[0].email, "alert_fired").await, expected);
        assert_eq!(told(&app, &b[1].email, "alert_fired").await, 0, "a removed alert stays silent");
        assert!(alerts::mine(&app, &b[0]).await.unwrap().is_empty(), "the alert ends once fired");
        catalog::mark_sold(&app, piece).await.unwrap();
        catalog::relist(&app, &staff, piece).await.unwrap();
        assert_eq!(told(&app, &b[0].email, "alert_fired").await, 1, "told once");
    }
);

both_backends!(
    async fn c4_l1_no_alert_on_a_piece_sold_more_than_14_days_ago(db) {
        let app = app(db);
        let (_, piece, b) = market(&app, 1).await;
        catalog::mark_sold(&app, piece).await.unwrap();
        advance(&app, 15 * 24 * HOUR_US).await;
        // A4: out of the catalogue, the piece is missing for whoever it does not concern.
        let refused = alerts::set(&app, &b[0], piece).await.unwrap_err();
        assert!(matches!(refused, AppError::NotFound), "{refused:?}");
    }
);

both_backends!(
    async fn c4_an_old_sale_stays_reachable_for_whoever_offered_on_it_and_nobody_else(db) {
        let app = app(db);
        let (_, piece, b) = market(&app, 2).await;
        offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        catalog::mark_sold(&app, piece).await.unwrap();
        advance(&app, 15 * 24 * HOUR_US).await;
        assert!(catalog::piece_for(&app, Some(&b[0]), piece).await.is_ok(), "the person who offered still sees it");
        let stranger = catalog::piece_for(&app, Some(&b[1]), piece).await;
        assert!(matches!(stranger, Err(AppError::NotFound)), "it has left the catalogue for others");
        assert!(matches!(catalog::piece_for(&app, None, piece).await, Err(AppError::NotFound)));
    }
);

both_backends!(
    async fn item4_offers_are_limited_per_buyer(db) {
        let app = app(db);
        let (_, piece, b) = market(&app, 2).await;
        offers::make(&app, &b[0], piece, 8_000).await.unwrap();
        let limit = pepite_app::throttle::OFFERS_PER_BUYER.attempts;
        for _ in 1..limit {
            assert_eq!(code(offers::make(&app, &b[0], piece, 8_000).await.unwrap_err()), "offer_already_made");
        }
        let stopped = offers::make(&app, &b[0], piece, 8_000).await.unwrap_err();
        assert!(matches!(stopped, AppError::Throttled { .. }), "{stopped:?}");
        offers::make(&app, &b[1], piece, 7_500).await.unwrap();
        advance(&app, HOUR_US).await;
        assert_eq!(code(offers::make(&app, &b[0], piece, 8_000).await.unwrap_err()), "offer_already_made", "a new hour, a new count");
    }
);

both_backends!(
    async fn l1_no_alert_for_the_person_who_bought_the_piece(db) {
        let s = crate::shipping::sale_with(db, None).await;
        let piece = pepite_store::commerce::orders::lines(&s.app.db, s.order_id).await.unwrap()[0].piece_id;
        assert!(alerts::bought(&s.app, &s.buyer, piece).await.unwrap());
        let refused = alerts::set(&s.app, &s.buyer, piece).await.unwrap_err();
        assert_eq!(code(refused), "alert_own_purchase");
        // Anyone else may still ask to be told if it comes back.
        let other = person(&s.app, "autre@x.fr").await;
        assert!(!alerts::bought(&s.app, &other, piece).await.unwrap());
        alerts::set(&s.app, &other, piece).await.unwrap();
    }
);
