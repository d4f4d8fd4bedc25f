//! O7/P2: a charge whose answer never comes (the provider timed out, twice) leaves the order
//! pending with its hold, never failed; the provider is then asked by the order's reference
//! (sandbox, and the Stripe adapter against the local fake), webhooks are matched by that
//! reference, and a charge landing for an order that can no longer be sold is refunded and
//! shown to finance.

use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use pepite_app::checkout::{self, PaymentOutcome};
use pepite_app::payments::{self, WebhookAck};
use pepite_app::{App, carts};
use pepite_payments::{Stripe, StripeConfig};
use pepite_store::commerce::{ledger, orders};
use pepite_testkit::both_backends;
use pepite_testkit::stripe_fake::{FakeStripe, SECRET_KEY};

/// The sandbox's card whose charge succeeds but whose answer never arrives.
const TIMEOUT_CARD: &str = "4000000000000259";
const WEBHOOK_SECRET: &str = "whsec_unknown_outcome";

async fn order_state(app: &App, id: i64) -> String {
    orders::by_id(&app.db, id).await.unwrap().unwrap().state
}

async fn piece_state(app: &App, id: i64) -> String {
    let piece = pepite_store::catalog::by_id(&app.db, id).await.unwrap();
    piece.unwrap().state
}

async fn audit_is_clean(app: &App) {
    let (total, unbalanced) = ledger::audit(&app.db).await.unwrap();
    assert_eq!((total, unbalanced), (0, 0), "P2: the ledger must balance");
}

/// A shop with one piece in the carts of `n` buyers: (piece, buyers).
async fn one_piece_wanted_by(app: &App, n: usize) -> (i64, Vec<pepite_app::accounts::Principal>) {
    let s = seller(app, "s@x.fr", "Chez S").await;
    let piece = listed(app, &s, &piece_input("Sac", "Hermès", "bags", 120_000)).await;
    let people = buyers(app, n).await;
    for b in &people {
        carts::add(app, &carts::CartOwner::User(b.user_id), piece)
            .await
            .unwrap();
    }
    (piece, people)
}

/// The app paying through the Stripe adapter against `fake`, giving up on an answer after 1 s.
fn with_stripe(app: App, fake: &FakeStripe) -> App {
    let config = StripeConfig {
        api_base: fake.base_url.clone(),
        secret_key: SECRET_KEY.into(),
        webhook_secret: WEBHOOK_SECRET.into(),
        timeout: Duration::from_secs(1),
    };
    app.with_payments(Arc::new(Stripe::new(config).unwrap()))
}

/// Through Stripe, a buyer's charge whose answer never came; their hold lapses and another
/// buyer pays for the piece: (piece, the late checkout), its charge made but not yet reported.
async fn charged_late_through_stripe(app: &App) -> (i64, checkout::CheckoutOutcome) {
    let (piece, people) = one_piece_wanted_by(app, 2).await;
    let late = checkout::place(app, &people[0], "k1", &checkout_input("pm_slow", &[]))
        .await
        .unwrap();
    assert_eq!(late.payment, PaymentOutcome::Processing);
    let hold_us = app.policy_now().await.unwrap().hold_minutes * 60_000_000;
    pepite_store::clock::advance(&app.db, hold_us + 1)
        .await
        .unwrap();
    let bought = checkout::place(app, &people[1], "k2", &checkout_input("pm_card_visa", &[]))
        .await
        .unwrap();
    assert_eq!(
        bought.payment,
        PaymentOutcome::Paid,
        "a lapsed hold holds nothing"
    );
    (piece, late)
}

/// P2: the two journals of an unsold charge, netting to zero on `unsold:order:N`.
async fn unsold_charge_was_refunded_in_the_ledger(app: &App, order_id: i64) {
    let account = format!("unsold:order:{order_id}");
    let (balance, entries) = {
        let entries = ledger::entries(&app.db, &account, None, 10).await.unwrap();
        (ledger::balance(&app.db, &account).await.unwrap(), entries)
    };
    assert_eq!((balance, entries.len()), (0, 2), "owed, then given back");
    let shown = ledger::accounts(&app.db).await.unwrap();
    assert!(
        shown.iter().any(|(key, ..)| *key == account),
        "finance sees the account"
    );
}

both_backends!(
    async fn o7_an_unanswered_charge_leaves_the_order_pending_and_the_job_settles_it_paid(db) {
        let app = app(db);
        let (piece, people) = one_piece_wanted_by(&app, 2).await;
        let out = checkout::place(&app, &people[0], "k1", &checkout_input(TIMEOUT_CARD, &[])).await.unwrap();
        assert_eq!(out.payment, PaymentOutcome::Processing, "not failed: the card may be charged");
        assert_eq!(order_state(&app, out.order_id).await, "awaiting_payment");
        let other = checkout::place(&app, &people[1], "k2", &checkout_input("4242424242424242", &[])).await;
        assert!(other.is_err(), "the hold is kept meanwhile: {other:?}");

        assert_eq!(payments::settle_pending(&app).await.unwrap(), 0, "the request's own time first");
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        assert_eq!(payments::settle_pending(&app).await.unwrap(), 1);
        assert_eq!(order_state(&app, out.order_id).await, "paid");
        assert_eq!(piece_state(&app, piece).await, "sold");
        let sandbox = app.payments.sandbox().unwrap();
        assert_eq!(sandbox.charges().await.len(), 1, "one charge, never a second");
        assert_eq!(sandbox.captured_cents().await, bought_total(&app, out.order_id).await);
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn o7_p2_a_charge_landing_after_the_hold_lapsed_and_the_piece_sold_is_refunded(db) {
        let app = app(db);
        let (piece, people) = one_piece_wanted_by(&app, 2).await;
        let late = checkout::place(&app, &people[0], "k1", &checkout_input(TIMEOUT_CARD, &[])).await.unwrap();
        assert_eq!(late.payment, PaymentOutcome::Processing);
        let hold_us = app.policy_now().await.unwrap().hold_minutes * 60_000_000;
        pepite_store::clock::advance(&app.db, hold_us + 1).await.unwrap();
        let bought = checkout::place(&app, &people[1], "k2", &checkout_input("4242424242424242", &[])).await.unwrap();
        assert_eq!(bought.payment, PaymentOutcome::Paid, "a lapsed hold holds nothing");

        assert_eq!(payments::settle_pending(&app).await.unwrap(), 1);
        assert_eq!(order_state(&app, late.order_id).await, "failed");
        assert_eq!(piece_state(&app, piece).await, "sold");
        let sandbox = app.payments.sandbox().unwrap();
        assert_eq!(sandbox.captured_cents().await, bought_total(&app, bought.order_id).await, "the late charge was given back");
        unsold_charge_was_refunded_in_the_ledger(&app, late.order_id).await;
        // Settling again changes nothing: the refund and its journals happen once.
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        assert_eq!(payments::settle_pending(&app).await.unwrap(), 0);
        unsold_charge_was_refunded_in_the_ledger(&app, late.order_id).await;
        audit_is_clean(&app).await;
    }
);

async fn bought_total(app: &App, order_id: i64) -> i64 {
    orders::by_id(&app.db, order_id)
        .await
        .unwrap()
        .unwrap()
        .card_cents
}

both_backends!(
    async fn o7_stripe_timing_out_twice_keeps_the_order_pending_and_the_job_finds_the_charge(db) {
        let fake = FakeStripe::start().await;
        let app = with_stripe(app(db), &fake);
        let (piece, people) = one_piece_wanted_by(&app, 1).await;
        // `pm_slow` charges at once but answers after 3 s: the first call times out, the retry
        // finds the key still in use.
        let out = checkout::place(&app, &people[0], "k1", &checkout_input("pm_slow", &[])).await.unwrap();
        assert_eq!(out.payment, PaymentOutcome::Processing);
        assert_eq!(order_state(&app, out.order_id).await, "awaiting_payment");
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        assert_eq!(payments::settle_pending(&app).await.unwrap(), 1, "found by the order's reference");
        assert_eq!(order_state(&app, out.order_id).await, "paid");
        assert_eq!(piece_state(&app, piece).await, "sold");
        assert_eq!(fake.intents().len(), 1, "one PaymentIntent");
        assert!(fake.refunds().is_empty());
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn o7_p2_a_stripe_webhook_without_a_recorded_reference_is_matched_by_metadata_and_refunded_when_unsold(db) {
        let fake = FakeStripe::start().await;
        let app = with_stripe(app(db), &fake);
        let (piece, late) = charged_late_through_stripe(&app).await;

        let intent = fake.intents().into_iter().find(|i| i.reference == format!("order-{}", late.order_id)).unwrap();
        let t = app.now_us().await.unwrap() / 1_000_000;
        let (header, body) = fake.webhook(WEBHOOK_SECRET, "payment_intent.succeeded", &intent.id, t);
        assert_eq!(payments::webhook(&app, Some(&header), &body).await.unwrap(), WebhookAck::Handled);
        assert_eq!(order_state(&app, late.order_id).await, "failed");
        assert_eq!(piece_state(&app, piece).await, "sold");
        let refunds = fake.refunds();
        assert_eq!(refunds.len(), 1, "{refunds:?}");
        assert_eq!((refunds[0].payment_intent.as_str(), refunds[0].amount), (intent.id.as_str(), intent.amount));
        unsold_charge_was_refunded_in_the_ledger(&app, late.order_id).await;
        assert_eq!(payments::webhook(&app, Some(&header), &body).await.unwrap(), WebhookAck::Duplicate);
        assert_eq!(fake.refunds().len(), 1, "refunded once");
        audit_is_clean(&app).await;
    }
);

/// P2: the two journals of `account` (`unsold:…`): owed, then given back, netting to zero.
async fn owed_then_given_back(app: &App, account: &str) {
    let entries = ledger::entries(&app.db, account, None, 10).await.unwrap();
    let balance = ledger::balance(&app.db, account).await.unwrap();
    assert_eq!(
        (balance, entries.len()),
        (0, 2),
        "{account}: owed, then given back"
    );
}

both_backends!(
    async fn o7_p2_a_gift_card_charged_although_its_purchase_failed_is_refunded(db) {
        let fake = FakeStripe::start().await;
        let app = with_stripe(app(db), &fake);
        let buyer = buyers(&app, 1).await.remove(0);
        let input = pepite_app::gift_cards::GiftCardInput {
            amount_cents: 5_000,
            recipient_name: "Camille".into(),
            recipient_email: String::new(),
            sender_name: String::new(),
            message: String::new(),
            method: payments::Method::Card,
            token: "pm_charged_then_down".into(),
            return_url: "http://localhost/gift-cards/{card}".into(),
        };
        let bought = pepite_app::gift_cards::buy(&app, &buyer, "gc-1", &input).await;
        assert!(bought.is_err(), "the provider answered an error: {bought:?}");
        let card = pepite_app::gift_cards::list_mine(&app, &buyer).await.unwrap().remove(0);
        assert_eq!(card.state, "failed");
        let intent = fake.intents().into_iter().find(|i| i.reference == format!("gift-card-{}", card.id)).unwrap();
        assert_eq!((intent.status.as_str(), intent.amount), ("succeeded", 5_000), "yet it charged");

        let t = app.now_us().await.unwrap() / 1_000_000;
        let (header, body) = fake.webhook(WEBHOOK_SECRET, "payment_intent.succeeded", &intent.id, t);
        assert_eq!(payments::webhook(&app, Some(&header), &body).await.unwrap(), WebhookAck::Handled);
        let refunds = fake.refunds();
        assert_eq!(refunds.len(), 1, "the late charge is given back: {refunds:?}");
        assert_eq!((refunds[0].payment_intent.as_str(), refunds[0].amount), (intent.id.as_str(), 5_000));
        let card = pepite_app::gift_cards::mine(&app, &buyer, card.id).await.unwrap();
        assert_eq!(card.state, "failed", "a card nobody paid for stays unusable");
        owed_then_given_back(&app, &format!("unsold:gift_card:{}", card.id)).await;
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn o7_p2_a_refund_the_provider_turned_away_is_made_by_the_job(db) {
        let fake = FakeStripe::start().await;
        let app = with_stripe(app(db), &fake);
        let (_piece, late) = charged_late_through_stripe(&app).await;

        // The late charge is reported while refunds are turned away: owed, not yet given back.
        fake.turn_away_refunds(1);
        let intent = fake.intents().into_iter().find(|i| i.reference == format!("order-{}", late.order_id)).unwrap();
        let t = app.now_us().await.unwrap() / 1_000_000;
        let (header, body) = fake.webhook(WEBHOOK_SECRET, "payment_intent.succeeded", &intent.id, t);
        assert!(payments::webhook(&app, Some(&header), &body).await.is_err());
        assert!(fake.refunds().is_empty());
        let account = format!("unsold:order:{}", late.order_id);
        assert_eq!(ledger::balance(&app.db, &account).await.unwrap(), -intent.amount, "finance sees it owed");

        // Nobody contacts us again: the job finds it owed and makes the refund, once.
        assert_eq!(payments::refund_owed(&app).await.unwrap(), 0, "the request's own time first");
        pepite_store::clock::advance(&app.db, 61_000_000).await.unwrap();
        assert_eq!(payments::refund_owed(&app).await.unwrap(), 1);
        let refunds = fake.refunds();
        assert_eq!(refunds.len(), 1, "{refunds:?}");
        assert_eq!((refunds[0].payment_intent.as_str(), refunds[0].amount), (intent.id.as_str(), intent.amount));
        owed_then_given_back(&app, &account).await;
        assert_eq!(order_state(&app, late.order_id).await, "failed");
        assert_eq!(payments::refund_owed(&app).await.unwrap(), 0, "nothing owed any more");
        assert_eq!(fake.refunds().len(), 1);
        audit_is_clean(&app).await;
    }
);
