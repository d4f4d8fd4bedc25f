//! People's own data (issue 11, item 8) on SQLite and PostgreSQL: the download holds the
//! person's data and nobody else's (A4); closing is refused while something is unsettled,
//! naming it, and otherwise erases the person while orders, invoices and the ledger stay.

use crate::shipping::{Sale, sale_with};
use crate::support::*;
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::privacy::{self, Export};
use pepite_app::{App, AppError, addresses, alerts, carts, checkout, offers, shipping};
use pepite_domain::account::Role;
use pepite_store::commerce::{ledger, orders};
use pepite_testkit::both_backends;

const PASSWORD: &str = "a long enough password";

/// The Sale's buyers are made without argon2; this one gets a real password to close with.
async fn with_password(app: &App, who: &Principal) {
    let hash = pepite_app::passwords::hash(app, PASSWORD.into())
        .await
        .unwrap();
    pepite_store::accounts::set_password_hash(&app.db, who.user_id, &hash)
        .await
        .unwrap();
}

fn json(e: &Export) -> String {
    serde_json::to_string(&e.data).unwrap()
}

/// The field error codes of a refusal.
fn codes(r: Result<(), AppError>) -> Vec<String> {
    match r {
        Err(AppError::Invalid(f)) => {
            f.0.iter()
                .map(|e| format!("{}:{}", e.field, e.code))
                .collect()
        }
        other => panic!("field errors expected, got {other:?}"),
    }
}

async fn deliver_everything(s: &Sale) {
    let workshop = staff(&s.app, "atelier@x.fr", Role::Workshop).await;
    for (who, tracking) in [(&s.lea, "6A12345678901"), (&s.max, "6A12345678902")] {
        let parcel = s.parcel_of(who).await.parcel;
        s.ship(who, "colissimo", tracking).await.unwrap();
        shipping::deliver_parcel(&s.app, &workshop, s.order_id, parcel)
            .await
            .unwrap();
    }
}

both_backends!(
    async fn a4_the_download_holds_my_data_and_nobody_elses(db) {
        let s = sale_with(db, Some(3_000)).await;
        let zoe = person(&s.app, "zoe@x.fr").await;
        let mine = privacy::export(&s.app, &s.buyer).await.unwrap();
        assert_eq!(mine.data.account.email, s.buyer.email);
        let [order] = &mine.data.orders[..] else { panic!("{:?}", mine.data.orders) };
        assert_eq!(order.id, s.order_id);
        assert_eq!(order.lines.len(), 2, "{order:?}");
        assert!(!order.payments.is_empty() && order.gift_cards_used.len() == 1, "{order:?}");
        assert_eq!(mine.data.gift_cards_bought.len(), 1);
        assert!(mine.data.shop.is_none());
        assert!(!mine.notifications.is_empty(), "the order's confirmation at least");
        assert!(mine.notifications.iter().all(|n| n.user_id == Some(s.buyer.user_id)));

        // The seller sees their shop, pieces and photo names, not the buyer's order.
        let lea = privacy::export(&s.app, &s.lea).await.unwrap();
        let shop = lea.data.shop.as_ref().unwrap();
        assert_eq!(shop.shop_name, "Chez Léa");
        assert_eq!(shop.pieces.len(), 1);
        assert!(!shop.pieces[0].photos.is_empty());
        assert!(lea.data.orders.is_empty());
        let text = json(&lea);
        assert!(!text.contains(&s.buyer.email) && !text.contains("Camille"), "{text}");

        // A4: another person's download holds nothing of either.
        let other = privacy::export(&s.app, &zoe).await.unwrap();
        assert!(other.data.orders.is_empty() && other.data.gift_cards_bought.is_empty());
        let text = json(&other);
        for theirs in [s.buyer.email.as_str(), "lea@x.fr", "Chez Léa", "Camille", "Robe"] {
            assert!(!text.contains(theirs), "{theirs} leaked into {text}");
        }
        assert!(other.notifications.iter().all(|n| n.user_id == Some(zoe.user_id)));
        // No secret: sessions are listed without their hashes.
        assert!(!json(&mine).contains("token_hash"));
    }
);

both_backends!(
    async fn a4_closing_is_refused_while_something_is_unsettled_and_names_it(db) {
        let s = sale_with(db, None).await;
        with_password(&s.app, &s.buyer).await;
        let wrong = privacy::close_account(&s.app, &s.buyer, "not my password").await;
        assert_eq!(codes(wrong), ["password:wrong_password"]);
        let r = privacy::close_account(&s.app, &s.buyer, PASSWORD).await;
        assert_eq!(codes(r), ["account:undelivered_purchases"]);
        let r = privacy::close_account(&s.app, &s.lea, PASSWORD).await;
        assert_eq!(codes(r), ["account:unshipped_sales", "account:unpaid_payouts"]);
        // Delivered: the buyer is free; the sellers still wait for their money (P1).
        deliver_everything(&s).await;
        let r = privacy::close_account(&s.app, &s.max, PASSWORD).await;
        assert_eq!(codes(r), ["account:unpaid_payouts"]);
        // Nothing was written by the refusals.
        let lea = pepite_store::accounts::by_id(&s.app.db, s.lea.user_id).await.unwrap().unwrap();
        assert_eq!(lea.email, "lea@x.fr");
        assert!(!lea.disabled);
        accounts::sign_in(&s.app, "lea@x.fr", PASSWORD, "10.0.0.1", SessionKind::Browser, "")
            .await
            .unwrap();
        // Staff close no account of their own this way.
        let admin = staff(&s.app, "admin@x.fr", Role::Admin).await;
        let r = privacy::close_account(&s.app, &admin, PASSWORD).await;
        assert_eq!(codes(r), ["account:staff_account"]);
    }
);

both_backends!(
    async fn a1_a4_a_closed_buyer_is_erased_while_orders_invoices_and_ledger_stay(db) {
        let s = sale_with(db, None).await;
        deliver_everything(&s).await;
        with_password(&s.app, &s.buyer).await;
        let app = &s.app;
        let (token, _) = accounts::sign_in(app, &s.buyer.email, PASSWORD, "10.0.0.2", SessionKind::Api, "t")
            .await
            .unwrap();
        addresses::add(app, &s.buyer, &address("FR")).await.unwrap();
        let other = listed(app, &s.lea, &piece_input("Veste", "Agnès b.", "jackets", 10_000)).await;
        alerts::set(app, &s.buyer, other).await.ok();
        let offer = offers::make(app, &s.buyer, other, 9_000).await.unwrap();
        carts::add(app, &carts::CartOwner::User(s.buyer.user_id), other).await.unwrap();
        let before = orders::by_id(&app.db, s.order_id).await.unwrap().unwrap();

        privacy::close_account(app, &s.buyer, PASSWORD).await.unwrap();

        let row = pepite_store::accounts::by_id(&app.db, s.buyer.user_id).await.unwrap().unwrap();
        assert_eq!(row.email, format!("closed-{}@invalid", s.buyer.user_id));
        assert_eq!(row.display_name, "");
        assert!(row.disabled);
        assert!(accounts::authenticate(app, &token.0).await.unwrap().is_none(), "sessions ended");
        let again = accounts::sign_in(app, &s.buyer.email, PASSWORD, "10.0.0.3", SessionKind::Browser, "").await;
        assert!(matches!(again, Err(AppError::Unauthenticated)), "{again:?}");
        let export = pepite_store::privacy::export::person(&app.db, s.buyer.user_id).await.unwrap().unwrap();
        assert!(export.addresses.is_empty() && export.sessions.is_empty() && export.alerts.is_empty());
        assert_eq!(export.offers[0].id, offer.id);
        assert_eq!(export.offers[0].state, "ended", "N: the open offer is withdrawn");
        assert!(carts::view(app, &carts::CartOwner::User(s.buyer.user_id), 1).await.map(|c| c.lines.is_empty()).unwrap_or(true));
        // The order stays as a record, with its own address copies and invoice number.
        let after = orders::by_id(&app.db, s.order_id).await.unwrap().unwrap();
        assert_eq!((after.number, after.billing_address), (before.number, before.billing_address));
        assert_eq!(ledger::audit(&app.db).await.unwrap(), (0, 0), "P2: the ledger balances");
        // The e-mail is free: a new account starts with nothing of the old one.
        accounts::sign_up(app, &sign_up_input(&s.buyer.email), "10.0.0.4").await.unwrap();
        let fresh = accounts::sign_in(app, &s.buyer.email, PASSWORD, "10.0.0.4", SessionKind::Browser, "")
            .await
            .unwrap()
            .1;
        assert_ne!(fresh.user_id, s.buyer.user_id);
        assert!(privacy::export(app, &fresh).await.unwrap().data.orders.is_empty());
        // Closing twice finds nothing to close.
        let twice = privacy::close_account(app, &s.buyer, PASSWORD).await;
        assert!(twice.is_err());
    }
);

both_backends!(
    async fn c3_a_closed_sellers_pieces_are_withdrawn_and_the_shop_closed(db) {
        let app = app(db);
        let ana = seller(&app, "ana@x.fr", "Ana").await;
        let piece = listed(&app, &ana, &piece_input("Jupe", "Claudie Pierlot", "skirts", 7_000)).await;
        privacy::close_account(&app, &ana, PASSWORD).await.unwrap();
        let row = pepite_store::catalog::by_id(&app.db, piece).await.unwrap().unwrap();
        assert_eq!(row.state, "withdrawn");
        let buyer = person(&app, "bea@x.fr").await;
        assert!(carts::add(&app, &carts::CartOwner::User(buyer.user_id), piece).await.is_err());
        let shop = pepite_store::privacy::export::person(&app.db, ana.user_id).await.unwrap().unwrap().shop.unwrap();
        assert_eq!(shop.bio, "");
        let gone = pepite_app::sellers::shop(&app, ana.seller_id.unwrap()).await;
        assert!(matches!(gone, Err(AppError::NotFound)), "the shop's page is gone: {gone:?}");
    }
);

both_backends!(
    async fn a2_an_order_racing_the_closing_never_lands_on_a_closed_account(db) {
        let app = app(db);
        pepite_store::clock::set(&app.db, 1_795_165_200_000_000).await.unwrap();
        let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
        let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_500)).await;
        let buyer = person(&app, "bob@x.fr").await;
        carts::add(&app, &carts::CartOwner::User(buyer.user_id), robe).await.unwrap();
        let input = checkout_input("4242424242424242", &[]);
        let (placed, closed) = tokio::join!(
            checkout::place(&app, &buyer, "race", &input),
            privacy::close_account(&app, &buyer, PASSWORD),
        );
        let row = pepite_store::accounts::by_id(&app.db, buyer.user_id).await.unwrap().unwrap();
        match (&placed, &closed) {
            (Ok(_), Err(_)) => assert!(!row.disabled, "the order won: the account stays open"),
            (Err(_), Ok(())) => {
                assert!(row.disabled);
                let orders = pepite_store::privacy::export::person(&app.db, buyer.user_id).await.unwrap().unwrap().orders;
                assert!(orders.is_empty(), "no order for a closed account: {orders:?}");
            }
            other => panic!("exactly one must win: {other:?}"),
        }
    }
);
