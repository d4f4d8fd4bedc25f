//! Data for the payout benchmarks, written straight through the store: shops, one paid order
//! of ten lines per shop, shipped and delivered at one instant, their card payments through
//! the sandbox provider, and payout accounts.

use pepite_app::App;
use pepite_app::accounts::Principal;
use pepite_app::payments::{ChargeRequest, Method};
use pepite_domain::account::{Language, Role};
use pepite_domain::commerce::normalise_iban;
use pepite_store::accounts::{self, NewUser};
use pepite_store::commerce::orders::{self as store, NewLine, NewOrder, NewParcel};
use pepite_store::commerce::payments::{self, PaymentFor};
use pepite_store::commerce::payouts::{self as payouts, PayoutAccountRow};
use pepite_store::sellers::{self, SellerValues};

/// Each shop sells ten pieces in one order (one parcel).
pub const LINES_PER_SHOP: usize = 10;

/// Orders committed per transaction while seeding.
const ORDERS_PER_TX: usize = 500;

/// What [`delivered_lines`] made: the shops as (seller id, owner's user id), and their orders.
pub struct Delivered {
    pub shops: Vec<(i64, i64)>,
    pub orders: Vec<i64>,
}

/// `shops` shops, each with one paid order of `LINES_PER_SHOP` lines, shipped and delivered
/// now. The lines name the demo catalogue's pieces (a piece appears in many orders: only the
/// lines matter here).
pub async fn delivered_lines(app: &App, shops: usize) -> anyhow::Result<Delivered> {
    let pieces = pepite_store::catalog::all(&app.db, None, None, 1_000).await?;
    anyhow::ensure!(
        pieces.len() >= LINES_PER_SHOP,
        "at least {LINES_PER_SHOP} pieces are needed: run `pepite demo` first"
    );
    let now = app.now_us().await?;
    let users = users(app, shops, now).await?;
    let mut sellers = Vec::with_capacity(shops);
    for (i, user) in users.iter().enumerate() {
        let name = format!("Bench shop {i} {now}");
        let values = SellerValues {
            shop_name: &name,
            shop_key: &name.to_lowercase(),
            country: "FR",
            kind: "individual",
            open_to_offers: false,
            bio: "",
        };
        sellers.push(sellers::insert(&app.db, *user, 1, &values, now).await?);
    }
    let buyer = users[0];
    let mut orders = Vec::with_capacity(shops);
    for (chunk_no, chunk) in sellers.chunks(ORDERS_PER_TX).enumerate() {
        let mut tx = app.db.begin().await?;
        for (k, seller) in chunk.iter().enumerate() {
            let lines: Vec<NewLine> = (0..LINES_PER_SHOP)
                .map(|j| {
                    let p = &pieces[(k * LINES_PER_SHOP + j) % pieces.len()];
                    let price = 1_000 + (j as i64) * 250;
                    NewLine {
                        piece_id: p.id,
                        seller_id: *seller,
                        parcel: 0,
                        title: p.title.clone(),
                        brand: p.brand.clone(),
                        size_label: p.size_label.clone(),
                        price_cents: price,
                        commission_cents: pepite_domain::commerce::apply_bps(price, 1_500),
                        ship_to: "buyer",
                    }
                })
                .collect();
            let goods: i64 = lines.iter().map(|l| l.price_cents).sum();
            let order = NewOrder {
                buyer_id: buyer,
                shop_id: 1,
                mode: "direct".into(),
                country: "FR".into(),
                quote_json: "{}".into(),
                goods_cents: goods,
                shipping_cents: 0,
                qc_fee_cents: 0,
                discount_cents: 0,
                bulk_discount_cents: 0,
                total_cents: goods,
                instruments_cents: 0,
                card_cents: goods,
                commission_bps: 1_500,
                discount_code_id: None,
                payment_method: "card".into(),
                billing_json: "{}".into(),
                delivery_json: "{}".into(),
                needed_before: None,
                hold_until: now,
                created_at: now,
            };
            let id = store::insert(&mut tx, &order).await?;
            store::insert_lines(&mut tx, id, &lines).await?;
            let parcel = NewParcel {
                parcel: 0,
                seller_id: Some(*seller),
                weight_g: 500,
                shipping_cents: 0,
            };
            store::insert_parcels(&mut tx, id, &[parcel]).await?;
            let number = format!("BENCH-{now}-{chunk_no}-{k}");
            store::mark_paid(&mut tx, id, &number, "Pépite SAS", now).await?;
            store::mark_shipped(&mut tx, id, 0, *seller, "colissimo", "6A12345678901", now).await?;
            store::mark_delivered(&mut tx, id, 0, now).await?;
            orders.push(id);
        }
        tx.commit().await?;
    }
    Ok(Delivered {
        shops: sellers.into_iter().zip(users).collect(),
        orders,
    })
}

/// Each order's card payment, made through the sandbox provider and recorded as checkout
/// records it: what a refund gives back through the same provider.
pub async fn card_payments(app: &App, orders: &[i64]) -> anyhow::Result<()> {
    let now = app.now_us().await?;
    for &order_id in orders {
        let order = store::by_id(&app.db, order_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("order {order_id} vanished"))?;
        let request = ChargeRequest {
            amount_cents: order.card_cents,
            currency: "EUR".into(),
            method: Method::Card,
            token: "4242424242424242".into(),
            idempotency_key: format!("bench-charge-{order_id}"),
            reference: format!("order-{order_id}"),
            description: "Bench order".into(),
            return_url: "http://localhost/".into(),
        };
        let charge = app.payments.charge(&request).await?;
        let mut tx = app.db.begin().await?;
        let id = payments::insert(
            &mut tx,
            PaymentFor::Order(order_id),
            "sandbox",
            "card",
            order.card_cents,
            now,
        )
        .await?;
        let recorded = payments::record_in(
            &mut tx,
            id,
            Some(&charge.provider_ref),
            "succeeded",
            None,
            now,
        )
        .await?;
        anyhow::ensure!(recorded, "payment {id} recorded once");
        tx.commit().await?;
    }
    Ok(())
}

async fn users(app: &App, n: usize, now: i64) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(n);
    let mut tx = app.db.begin().await?;
    for i in 0..n {
        let email = format!("bench-seller-{i}-{now}@pepite.test");
        let user = NewUser {
            email: &email,
            password_hash: "not a hash: nobody signs in",
            display_name: "Bench",
            language: if i % 2 == 0 { "fr" } else { "en" },
            country: "FR",
            birth_date: None,
            now,
        };
        ids.push(accounts::insert(&mut tx, &user).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

/// A German IBAN for shop number `i`: its check digits are the one pair that passes mod 97.
fn iban(i: usize) -> String {
    let bban = format!("{:018}", 370_400_440_000_000_000u64 + i as u64);
    (2..=98)
        .map(|check| format!("DE{check:02}{bban}"))
        .find(|iban| normalise_iban(iban).is_some())
        .expect("one pair of check digits fits")
}

/// Every shop gives a payout account, as its owner.
pub async fn payout_accounts(app: &App, shops: &[(i64, i64)]) -> anyhow::Result<()> {
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    for (i, (seller_id, user_id)) in shops.iter().enumerate() {
        let row = PayoutAccountRow {
            seller_id: *seller_id,
            iban: iban(i),
            bic: None,
            holder: format!("Vendeuse n° {i}"),
            updated_at: now,
        };
        payouts::set_account(&mut tx, &row, *user_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A finance principal (not signed in: the use cases only read its roles).
pub async fn finance(app: &App) -> anyhow::Result<Principal> {
    let now = app.now_us().await?;
    let email = format!("bench-finance-{now}@pepite.test");
    let mut tx = app.db.begin().await?;
    let user = NewUser {
        email: &email,
        password_hash: "not a hash: nobody signs in",
        display_name: "Finance",
        language: "fr",
        country: "FR",
        birth_date: None,
        now,
    };
    let user_id = accounts::insert(&mut tx, &user).await?;
    tx.commit().await?;
    Ok(Principal {
        user_id,
        email,
        display_name: "Finance".into(),
        language: Language::Fr,
        roles: vec![Role::Finance],
        seller_id: None,
    })
}
