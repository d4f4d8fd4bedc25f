//! Checkout use cases (K1, O7, O10, G2, P2) on SQLite and PostgreSQL, with the sandbox
//! provider: one sale per piece whatever the race, one charge per key, balances that hold.

use std::sync::Arc;

use crate::support::*;
use pepite_app::checkout::{self, PaymentOutcome};
use pepite_app::gift_cards::{self, GiftCardInput};
use pepite_app::payments::Method;
use pepite_app::{App, AppError, carts, payments};
use pepite_store::commerce::{instruments, ledger};
use pepite_testkit::both_backends;

const OK_CARD: &str = "4242424242424242";

fn sandbox(app: &App) -> &dyn pepite_app::payments::SandboxControls {
    app.payments.sandbox().expect("sandbox provider")
}

/// The sandbox's card that asks for 3-D Secure.
const AUTHENTICATE_CARD: &str = "4000002500003155";

async fn piece_state(app: &App, id: i64) -> String {
    pepite_store::catalog::by_id(&app.db, id)
        .await
        .unwrap()
        .unwrap()
        .state
}

async fn audit_is_clean(app: &App) {
    let (total, unbalanced) = ledger::audit(&app.db).await.unwrap();
    assert_eq!((total, unbalanced), (0, 0), "P2: the ledger must balance");
}

/// A paid gift card of `amount_cents` bought by `who`; returns its code.
async fn gift_card(app: &App, who: &pepite_app::accounts::Principal, amount_cents: i64) -> String {
    let input = GiftCardInput {
        amount_cents,
        recipient_name: "Camille".into(),
        recipient_email: "camille@x.fr".into(),
        sender_name: String::new(),
        message: "Joyeux anniversaire".into(),
        method: Method::Card,
        token: OK_CARD.into(),
        return_url: "http://localhost/gift-cards/{card}".into(),
    };
    let key = format!("gc-{}-{amount_cents}", who.user_id);
    let outcome = gift_cards::buy(app, who, &key, &input).await.unwrap();
    assert_eq!(outcome.payment, PaymentOutcome::Paid);
    gift_cards::mine(app, who, outcome.gift_card_id)
        .await
        .unwrap()
        .code
}

both_backends!(
    async fn k1_two_hundred_buyers_racing_for_one_piece_make_one_order_and_one_charge(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Veste", "Chanel", "jackets", 80_000)).await;
        let people = buyers(&app, 200).await;
        for b in &people {
            carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        }
        let app = Arc::new(app);
        let mut tasks = Vec::new();
        for (i, b) in people.into_iter().enumerate() {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                checkout::place(&app, &b, &format!("k{i}"), &checkout_input(OK_CARD, &[])).await
            }));
        }
        let (mut paid, mut gone) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(o) if o.payment == PaymentOutcome::Paid => paid += 1,
                Err(AppError::PiecesGone(p)) => {
                    assert_eq!(p[0].title, "Veste", "the refusal names the piece");
                    gone += 1
                }
                other => panic!("unexpected outcome {other:?}"),
            }
        }
        assert_eq!((paid, gone), (1, 199));
        let charges = sandbox(&app).charges().await;
        assert_eq!(charges.len(), 1, "one capture, no charge for the 199 others");
        assert_eq!(piece_state(&app, piece).await, "sold");
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn o7_the_same_idempotency_key_makes_one_order_and_one_charge(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Robe", "Dior", "dresses", 30_000)).await;
        let b = &buyers(&app, 1).await[0];
        carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        let input = checkout_input(OK_CARD, &[]);
        let (first, second) = tokio::join!(
            checkout::place(&app, b, "same-key", &input),
            checkout::place(&app, b, "same-key", &input)
        );
        let (first, second) = (first.unwrap(), second.unwrap());
        assert_eq!(first, second);
        assert!(first.number.as_deref().is_some_and(|n| n.ends_with("-000001")));
        assert_eq!(sandbox(&app).charges().await.len(), 1);
        let other = checkout_input("5555555555554444", &[]);
        let reused = checkout::place(&app, b, "same-key", &other).await.unwrap_err();
        assert!(matches!(reused, AppError::Conflict("idempotency_key_reused")));
    }
);

both_backends!(
    async fn o7_a_declined_card_releases_the_piece_and_charges_nothing(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Sac", "Hermès", "bags", 120_000)).await;
        let b = &buyers(&app, 1).await[0];
        carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        let out = checkout::place(&app, b, "k1", &checkout_input("4000000000000002", &[])).await.unwrap();
        assert_eq!(out.payment, PaymentOutcome::Declined { code: "card_declined".into() });
        assert_eq!(piece_state(&app, piece).await, "listed");
        assert_eq!(sandbox(&app).captured_cents().await, 0);
        let retry = checkout::place(&app, b, "k2", &checkout_input(OK_CARD, &[])).await.unwrap();
        assert_eq!(retry.payment, PaymentOutcome::Paid, "the piece was free again");
        assert_eq!(retry.number.unwrap().split('-').nth(1), Some("000001"), "O11: no gap for the failed attempt");
    }
);

both_backends!(
    async fn o7_a_provider_that_is_down_leaves_no_order_charged_and_the_piece_free(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Sac", "Hermès", "bags", 120_000)).await;
        let b = &buyers(&app, 1).await[0];
        carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        let err = checkout::place(&app, b, "k1", &checkout_input("4000000000000119", &[])).await.unwrap_err();
        assert!(matches!(err, AppError::Unavailable(_)));
        assert_eq!(piece_state(&app, piece).await, "listed");
        assert_eq!(sandbox(&app).captured_cents().await, 0);
    }
);

both_backends!(
    async fn o7_an_authentication_step_holds_the_piece_until_the_buyer_answers(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Sac", "Hermès", "bags", 120_000)).await;
        let people = buyers(&app, 2).await;
        for b in &people {
            carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        }
        let out = checkout::place(&app, &people[0], "k1", &checkout_input("4000002500003155", &[])).await.unwrap();
        let PaymentOutcome::ActionRequired { redirect_url } = out.payment else { panic!("{out:?}") };
        let held = checkout::place(&app, &people[1], "k2", &checkout_input(OK_CARD, &[])).await.unwrap_err();
        // K1: held for the paying buyer, and said to be held (not sold): it may come back.
        let AppError::PiecesGone(p) = held else { panic!("{held:?}") };
        assert_eq!((p[0].id, p[0].held), (piece, true), "{p:?}");
        let reference = redirect_url.rsplit('/').next().unwrap();
        payments::sandbox_decide(&app, reference, true).await.unwrap();
        let resumed = payments::resume_order(&app, &people[0], out.order_id).await.unwrap();
        assert_eq!(resumed.payment, PaymentOutcome::Paid);
        assert_eq!(piece_state(&app, piece).await, "sold");
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn o10_two_checkouts_spending_one_gift_card_never_take_it_below_zero(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let people = buyers(&app, 2).await;
        let code = gift_card(&app, &people[0], 5_000).await;
        let mut pieces = Vec::new();
        for (i, b) in people.iter().enumerate() {
            let p = listed(&app, &s, &piece_input(&format!("Pull {i}"), "Sézane", "knitwear", 4_000)).await;
            carts::add(&app, &carts::CartOwner::User(b.user_id), p).await.unwrap();
            pieces.push(p);
        }
        let input = checkout_input(OK_CARD, std::slice::from_ref(&code));
        let (a, b) = tokio::join!(
            checkout::place(&app, &people[0], "a", &input),
            checkout::place(&app, &people[1], "b", &input)
        );
        let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
        assert!(ok >= 1, "{a:?} {b:?}");
        let card = instruments::by_code(&app.db, &code).await.unwrap().unwrap();
        assert!(card.balance_cents >= 0);
        let liability = ledger::balance(&app.db, &format!("gift_card:{}", card.id)).await.unwrap();
        assert_eq!(-liability, card.balance_cents, "G2: the balance is the ledger's");
        assert_eq!(gift_cards::balance(&app, &code, "192.0.2.1").await.unwrap().balance_cents, card.balance_cents);
        audit_is_clean(&app).await;
    }
);

both_backends!(
    async fn p2_after_a_run_of_checkouts_every_account_balances_and_the_sum_is_zero(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let t = seller(&app, "t@x.fr", "Chez T").await;
        let people = buyers(&app, 6).await;
        let code = gift_card(&app, &people[0], 20_000).await;
        let cards = ["4242424242424242", "4000000000000002", "4000000000009995", "5555555555554444"];
        let mut seed: u64 = 0x9e37_79b9;
        for round in 0..12 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let b = &people[(seed >> 33) as usize % people.len()];
            let owner = carts::CartOwner::User(b.user_id);
            for (k, shop) in [&s, &t].iter().enumerate().take(1 + (seed >> 40) as usize % 2) {
                let price = 1_000 + ((seed >> (20 + k)) % 50_000) as i64;
                let p = listed(&app, shop, &piece_input(&format!("Pièce {round}-{k}"), "Agnès b.", "tops", price)).await;
                carts::add(&app, &owner, p).await.unwrap();
            }
            let mut input = checkout_input(cards[(seed >> 50) as usize % cards.len()], &[]);
            if seed.is_multiple_of(3) {
                input.gift_cards = vec![code.clone()];
            }
            if seed.is_multiple_of(2) {
                input.mode = pepite_domain::commerce::ShippingMode::Grouped;
            }
            let _ = checkout::place(&app, b, &format!("r{round}"), &input).await;
            audit_is_clean(&app).await;
        }
        let card = instruments::by_code(&app.db, &code).await.unwrap().unwrap();
        let liability = ledger::balance(&app.db, &format!("gift_card:{}", card.id)).await.unwrap();
        assert_eq!(-liability, card.balance_cents);
        let held: Vec<_> = ledger::accounts(&app.db).await.unwrap().into_iter().filter(|(k, b, _)| k.starts_with("hold:") && *b != 0).collect();
        assert!(held.is_empty(), "no order keeps gift-card money held once settled: {held:?}");
    }
);

both_backends!(
    async fn o8_a_discount_code_used_up_is_refused_and_a_failed_payment_gives_its_use_back(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let people = buyers(&app, 2).await;
        let rule = pepite_domain::commerce::DiscountRule {
            code: "ONCE".into(),
            value: pepite_domain::commerce::DiscountValue::Percent(1_000),
            min_order_cents: 0,
            starts_at_us: None,
            ends_at_us: None,
            max_uses: Some(1),
            per_customer: None,
            scope: pepite_domain::commerce::DiscountScope::Everything,
        };
        let mut staff = person(&app, "cs@x.fr").await;
        staff.roles = vec![pepite_domain::account::Role::CustomerService];
        pepite_app::discounts::create(&app, &staff, rule).await.unwrap();
        for (i, b) in people.iter().enumerate() {
            let p = listed(&app, &s, &piece_input(&format!("Jupe {i}"), "Maje", "skirts", 10_000)).await;
            let owner = carts::CartOwner::User(b.user_id);
            carts::add(&app, &owner, p).await.unwrap();
            carts::apply_code(&app, &owner, "once").await.unwrap();
        }
        let declined = checkout::place(&app, &people[0], "a", &checkout_input("4000000000000002", &[])).await.unwrap();
        assert!(matches!(declined.payment, PaymentOutcome::Declined { .. }));
        let paid = checkout::place(&app, &people[1], "b", &checkout_input(OK_CARD, &[])).await.unwrap();
        assert_eq!(paid.payment, PaymentOutcome::Paid, "the declined order gave its use back");
        let again = checkout::place(&app, &people[0], "c", &checkout_input(OK_CARD, &[])).await.unwrap_err();
        assert!(matches!(&again, AppError::Invalid(f) if f.0[0].code == "discount_used_up"), "{again:?}");
    }
);

both_backends!(
    async fn g2_balance_checks_are_limited_per_network_address(db) {
        let app = app(db);
        let people = buyers(&app, 1).await;
        let code = gift_card(&app, &people[0], 5_000).await;
        let limit = pepite_app::throttle::BALANCE_CHECKS_PER_ADDRESS.attempts;
        for i in 0..limit - 1 {
            let guess = format!("2222-2222-2222-{:04}", 2222 + i % 7);
            let refused = gift_cards::balance(&app, &guess, "203.0.113.5").await.unwrap_err();
            assert!(matches!(refused, AppError::Invalid(_)), "{refused:?}");
        }
        assert_eq!(gift_cards::balance(&app, &code, "203.0.113.5").await.unwrap().balance_cents, 5_000);
        let stopped = gift_cards::balance(&app, &code, "203.0.113.5").await.unwrap_err();
        assert!(matches!(stopped, AppError::Throttled { .. }), "even the right code waits: {stopped:?}");
        assert_eq!(gift_cards::balance(&app, &code, "203.0.113.6").await.unwrap().balance_cents, 5_000);
    }
);

/// O7 on SQLite: a payment's transaction holds the only writer, and payers beside it hold the
/// pool's other connections while they wait for it. Had the settlement asked for a second
/// connection inside its transaction (the policy's once-a-second refresh, the purchaser's
/// language), every payer would stall until the pool's timeout and answer 500. With one
/// connection any such wait is a failure, so this proves none is made. A 3-D Secure payment
/// is settled after the policy's copy has gone stale, as a buyer returning from their bank.
#[tokio::test]
async fn o7_a_payment_settles_on_the_connection_of_its_transaction() {
    let test = pepite_testkit::sqlite_with(1).await;
    let app = app(test.db.clone());
    let s = seller(&app, "s@x.fr", "Chez S").await;
    let piece = listed(&app, &s, &piece_input("Veste", "Chanel", "jackets", 80_000)).await;
    let buyer = buyers(&app, 1).await.remove(0);
    carts::add(&app, &carts::CartOwner::User(buyer.user_id), piece)
        .await
        .unwrap();
    let stale = std::time::Duration::from_millis(1_100);
    let patience = std::time::Duration::from_secs(5);

    let input = checkout_input(AUTHENTICATE_CARD, &[]);
    let out = checkout::place(&app, &buyer, "k1", &input).await.unwrap();
    assert!(
        matches!(out.payment, PaymentOutcome::ActionRequired { .. }),
        "{out:?}"
    );
    let payment = pepite_store::commerce::payments::of_order(&app.db, out.order_id)
        .await
        .unwrap();
    let reference = payment[0]
        .provider_ref
        .clone()
        .expect("the provider's reference");
    tokio::time::sleep(stale).await;
    let settled =
        tokio::time::timeout(patience, payments::sandbox_decide(&app, &reference, true)).await;
    match settled.expect("no wait for a second connection").unwrap() {
        payments::Settled::Order(o) => assert_eq!(o.payment, PaymentOutcome::Paid),
        other => panic!("{other:?}"),
    }
    assert_eq!(piece_state(&app, piece).await, "sold");

    tokio::time::sleep(stale).await;
    let card = tokio::time::timeout(patience, gift_card(&app, &buyer, 5_000)).await;
    assert!(!card.expect("no wait for a second connection").is_empty());
    audit_is_clean(&app).await;
}
