//! Several shops on one engine (P3), on SQLite and PostgreSQL: the vintage marketplace and a
//! brand's resale shop, each with its own catalogue, cart lines, policy and return window;
//! shops are data opened and changed by admins only, hosts are unique, and any other host
//! reaches the first shop.

use pepite_app::accounts::Principal;
use pepite_app::catalog::{self, SearchParams};
use pepite_app::returns::ReturnAsk;
use pepite_app::shops::{self, Shop};
use pepite_app::{App, AppError, carts, checkout, payouts, policies, returns, shipping};
use pepite_domain::account::{Language, Role};
use pepite_domain::shop::{FIRST_SHOP, ShopInput, ShopKind};
use pepite_store::Db;
use pepite_store::commerce::orders as store;
use pepite_testkit::both_backends;

use crate::support::*;

/// 20 November 2026, 10:00 in Paris.
const T0: i64 = 1_795_165_200_000_000;
const DAY: i64 = 86_400_000_000;
const CARD: &str = "4242424242424242";

/// Léa sells in the marketplace; the brand's account sells in its resale shop, opened for
/// its trade-in programme.
struct World {
    app: App,
    admin: Principal,
    lea: Principal,
    brand: Principal,
    resale: Shop,
    robe: i64,
    veste: i64,
}

fn resale_input(programme_id: i64) -> ShopInput {
    ShopInput {
        slug: "maison-lune".into(),
        name: "Maison Lune · seconde main".into(),
        kind: ShopKind::BrandResale,
        host: Some("Seconde-Main.Maison-Lune.fr".into()),
        languages: vec![Language::Fr, Language::En],
        programme_id: Some(programme_id),
    }
}

async fn world(db: Db) -> World {
    let app = app(db);
    pepite_store::clock::set(&app.db, T0).await.unwrap();
    let admin = staff(&app, "admin@x.fr", Role::Admin).await;
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let brand = seller(&app, "marque@x.fr", "Maison Lune SH").await;
    let programme = pepite_app::tradein::catalogue::create(
        &app,
        &admin,
        "maison-lune",
        "Maison Lune",
        Some(brand.user_id),
        &["Maison Lune".into()],
    )
    .await
    .unwrap();
    let resale = shops::open(&app, &admin, resale_input(programme))
        .await
        .unwrap();
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_000)).await;
    let veste = listed(
        &app,
        &brand,
        &piece_input("Veste", "Maison Lune", "coats", 12_000),
    )
    .await;
    World {
        app,
        admin,
        lea,
        brand,
        resale,
        robe,
        veste,
    }
}

impl World {
    async fn search(&self, shop_id: Option<i64>) -> (Vec<i64>, Option<i64>) {
        let page = catalog::search(
            &self.app,
            &SearchParams {
                shop_id,
                facets: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        (page.pieces.iter().map(|p| p.id).collect(), page.total)
    }

    /// A buyer's order of `piece` placed in `shop`, shipped and delivered at `delivered`.
    async fn delivered_order(&self, buyer: &Principal, shop: i64, delivered: i64) -> i64 {
        let input = pepite_app::checkout::CheckoutInput {
            shop_id: shop,
            ..checkout_input(CARD, &[])
        };
        let order_id = checkout::place(&self.app, buyer, &format!("k{shop}"), &input)
            .await
            .unwrap()
            .order_id;
        let workshop = staff(&self.app, &format!("w{shop}@x.fr"), Role::Workshop).await;
        for p in store::parcels(&self.app.db, order_id).await.unwrap() {
            let owner = if p.seller_id == self.lea.seller_id {
                &self.lea
            } else {
                &self.brand
            };
            let tracking = format!("6A1234567890{shop}");
            shipping::ship_parcel(&self.app, owner, order_id, p.parcel, "colissimo", &tracking)
                .await
                .unwrap();
        }
        pepite_store::clock::set(&self.app.db, delivered)
            .await
            .unwrap();
        for p in store::parcels(&self.app.db, order_id).await.unwrap() {
            shipping::deliver_parcel(&self.app, &workshop, order_id, p.parcel)
                .await
                .unwrap();
        }
        order_id
    }
}

both_backends! {
    async fn p3_each_shop_shows_only_its_own_sellers_pieces(db) {
        let w = world(db).await;
        assert_eq!(w.search(None).await, (vec![w.robe], Some(1)), "the marketplace");
        assert_eq!(w.search(Some(FIRST_SHOP)).await, (vec![w.robe], Some(1)));
        assert_eq!(w.search(Some(w.resale.id)).await, (vec![w.veste], Some(1)), "the brand's shop");
        // A seller's own filter inside the other shop finds nothing of theirs.
        let lea_in_resale = catalog::search(&w.app, &SearchParams {
            shop_id: Some(w.resale.id),
            seller_id: w.lea.seller_id,
            facets: true,
            ..Default::default()
        }).await.unwrap();
        assert_eq!(lea_in_resale.total, Some(0));
        assert_eq!(shops::of_piece(&w.app, w.veste).await.unwrap(), Some(w.resale.id));
    }
}

both_backends! {
    async fn p3_a_cart_is_paid_shop_by_shop_and_the_order_keeps_its_shops_terms(db) {
        let w = world(db).await;
        // The brand's shop takes a 25 % commission; the marketplace keeps its 15 %.
        let (mut policy, version) = policies::current(&w.app, &w.admin, w.resale.id).await.unwrap();
        policy.commission_bps = 2_500;
        policies::save(&w.app, &w.admin, w.resale.id, &policy, version).await.unwrap();
        let buyer = buyers(&w.app, 1).await.remove(0);
        let cart = carts::CartOwner::User(buyer.user_id);
        carts::add(&w.app, &cart, w.robe).await.unwrap();
        carts::add(&w.app, &cart, w.veste).await.unwrap();
        let lines = |v: carts::CartView| v.lines.iter().map(|l| l.row.piece_id).collect::<Vec<_>>();
        assert_eq!(lines(carts::view(&w.app, &cart, FIRST_SHOP).await.unwrap()), vec![w.robe]);
        assert_eq!(lines(carts::view(&w.app, &cart, w.resale.id).await.unwrap()), vec![w.veste]);
        assert_eq!(carts::count(&w.app, &cart, w.resale.id).await.unwrap(), 1);

        let input = pepite_app::checkout::CheckoutInput { shop_id: w.resale.id, ..checkout_input(CARD, &[]) };
        let order_id = checkout::place(&w.app, &buyer, "resale", &input).await.unwrap().order_id;
        let order = store::by_id(&w.app.db, order_id).await.unwrap().unwrap();
        assert_eq!(order.shop_id, w.resale.id);
        assert_eq!(order.commission_bps, 2_500);
        assert_eq!(order.goods_cents, 12_000, "only the brand's piece");
        // The marketplace's line waits in its own cart, priced by its own policy.
        assert_eq!(lines(carts::view(&w.app, &cart, FIRST_SHOP).await.unwrap()), vec![w.robe]);
        let input = checkout_input(CARD, &[]);
        let first = checkout::place(&w.app, &buyer, "market", &input).await.unwrap().order_id;
        let first = store::by_id(&w.app.db, first).await.unwrap().unwrap();
        assert_eq!((first.shop_id, first.commission_bps, first.goods_cents), (FIRST_SHOP, 1_500, 8_000));
    }
}

both_backends! {
    async fn p3_r1_p1_each_order_waits_out_its_own_shops_return_window(db) {
        let w = world(db).await;
        let buyer = buyers(&w.app, 1).await.remove(0);
        let cart = carts::CartOwner::User(buyer.user_id);
        carts::add(&w.app, &cart, w.robe).await.unwrap();
        carts::add(&w.app, &cart, w.veste).await.unwrap();
        let delivered = T0 + 2 * DAY;
        w.delivered_order(&buyer, w.resale.id, delivered).await;
        let market_order = w.delivered_order(&buyer, FIRST_SHOP, delivered).await;
        // Twenty days after delivery: closed in the marketplace (14), open in the brand's (30).
        pepite_store::clock::set(&w.app.db, delivered + 20 * DAY).await.unwrap();
        let ask = |piece| ReturnAsk { pieces: vec![piece], reason: "change_of_mind".into(), ..ReturnAsk::default() };
        assert!(matches!(
            returns::ask(&w.app, &buyer, market_order, &ask(w.robe)).await,
            Err(AppError::Conflict("return_window_closed"))
        ));
        // The marketplace's seller was paid when its window closed; the brand is not yet.
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 1);
        let brand_lines = payouts::statement(&w.app, &w.brand, None).await.unwrap().lines;
        assert_eq!(brand_lines[0].line.payable_at, None);
        assert_eq!(brand_lines[0].payable_from, Some(delivered + 30 * DAY));
        // One microsecond before the brand's window closes nothing is released; at it, its line.
        pepite_store::clock::set(&w.app.db, delivered + 30 * DAY - 1).await.unwrap();
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 0);
        pepite_store::clock::set(&w.app.db, delivered + 30 * DAY).await.unwrap();
        assert_eq!(payouts::release_due(&w.app).await.unwrap(), 1);
    }
}

both_backends! {
    async fn p3_r1_a_return_inside_the_brands_longer_window_is_accepted(db) {
        let w = world(db).await;
        let buyer = buyers(&w.app, 1).await.remove(0);
        carts::add(&w.app, &carts::CartOwner::User(buyer.user_id), w.veste).await.unwrap();
        let delivered = T0 + 2 * DAY;
        let order = w.delivered_order(&buyer, w.resale.id, delivered).await;
        pepite_store::clock::set(&w.app.db, delivered + 20 * DAY).await.unwrap();
        let ask = ReturnAsk { pieces: vec![w.veste], reason: "change_of_mind".into(), ..ReturnAsk::default() };
        returns::ask(&w.app, &buyer, order, &ask).await.unwrap();
    }
}

both_backends! {
    async fn p3_shops_are_data_opened_by_admins_with_unique_hosts(db) {
        let w = world(db).await;
        // The host is kept folded, and it names the shop; any other host is the first shop.
        assert_eq!(w.resale.host.as_deref(), Some("seconde-main.maison-lune.fr"));
        let by_host = shops::for_host(&w.app, Some("SECONDE-MAIN.maison-lune.fr:8443")).await.unwrap();
        assert_eq!(by_host.id, w.resale.id);
        assert_eq!(shops::for_host(&w.app, Some("elsewhere.example")).await.unwrap().id, FIRST_SHOP);
        assert_eq!(shops::for_host(&w.app, None).await.unwrap().id, FIRST_SHOP);
        // A second shop on the same host, or for the same programme, is refused by the database.
        let programme = w.resale.programme_id.unwrap();
        let same_host = ShopInput { slug: "autre".into(), kind: ShopKind::Marketplace, programme_id: None, ..resale_input(0) };
        let same_programme = ShopInput { slug: "autre".into(), host: Some("lune.example".into()), ..resale_input(programme) };
        for (input, field) in [(same_host, "host"), (same_programme, "programme_id")] {
            match shops::open(&w.app, &w.admin, input).await {
                Err(AppError::Invalid(e)) => assert_eq!(e.for_field(field).map(|f| f.code), Some("taken"), "{field}"),
                other => panic!("{field}: {other:?}"),
            }
        }
        // Only admins open shops.
        let other = ShopInput { slug: "autre".into(), host: Some("autre.example".into()), kind: ShopKind::Marketplace, programme_id: None, ..resale_input(0) };
        assert!(matches!(shops::open(&w.app, &w.lea, other.clone()).await, Err(AppError::Forbidden)));
        let second = shops::open(&w.app, &w.admin, other.clone()).await.unwrap();
        assert_eq!(policies::current(&w.app, &w.admin, second.id).await.unwrap().0.return_window_days, 14);
        // Changing a shop is a compare-and-set on its version.
        let renamed = ShopInput { name: "Autre boutique".into(), ..other.clone() };
        let changed = shops::change(&w.app, &w.admin, second.id, renamed.clone(), second.version).await.unwrap();
        assert_eq!((changed.name.as_str(), changed.version), ("Autre boutique", second.version + 1));
        assert!(matches!(
            shops::change(&w.app, &w.admin, second.id, renamed, second.version).await,
            Err(AppError::Conflict("shop_changed"))
        ));
        // Each shop's policy is its own: the brand's 30-day window leaves the marketplace's.
        assert_eq!(w.app.policy_of(w.resale.id).await.unwrap().return_window_days, 30);
        assert_eq!(w.app.policy_of(FIRST_SHOP).await.unwrap().return_window_days, 14);
        assert!(matches!(policies::current(&w.app, &w.admin, 999).await, Err(AppError::NotFound)));
    }
}
