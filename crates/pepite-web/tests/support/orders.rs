//! Orders placed through the real use cases, as a buyer places them: listed pieces, a cart,
//! then a checkout paid with the sandbox provider's test card. The clock is set to a fixed
//! day so that dates on the pages can be asserted.

use pepite_app::carts::{self, CartOwner};
use pepite_app::checkout::{self, Address, CheckoutInput, CheckoutOutcome, PaymentOutcome};
use pepite_app::{catalog, photos};
use pepite_domain::commerce::ShippingMode;

use super::pages::piece_input;
use super::png;
use super::sell::{Person, Site};

/// The sandbox card that is always approved.
pub const CARD_OK: &str = "4242424242424242";

/// 20 November 2026, 10:00 in Paris.
pub const NOW_US: i64 = 1_795_165_200_000_000;

pub async fn fixed_clock(site: &Site) {
    pepite_store::clock::set(&site.app.db, NOW_US)
        .await
        .expect("set the manual clock");
}

/// A listed piece of `seller`'s shop, with a photo.
pub async fn listed(
    site: &Site,
    seller: &Person,
    title: &str,
    brand: &str,
    price_cents: i64,
) -> i64 {
    let who = site.principal(seller).await;
    let mut input = piece_input();
    input.title = title.into();
    input.brand = brand.into();
    input.price_cents = Some(price_cents);
    let view = catalog::create_piece(&site.app, &who, &input)
        .await
        .expect("create piece");
    let id = view.piece.id;
    photos::add_photo(&site.app, &who, id, png(240, 300))
        .await
        .expect("add photo");
    catalog::list_piece(&site.app, &who, id)
        .await
        .expect("list");
    id
}

pub fn address(full_name: &str) -> Address {
    Address {
        full_name: full_name.into(),
        line1: "12 rue des Lilas".into(),
        line2: "Bâtiment B".into(),
        postal_code: "75011".into(),
        city: "Paris".into(),
        country: "FR".into(),
        phone: "+33 6 12 34 56 78".into(),
    }
}

/// `buyer`'s pieces in the cart, then paid by card: the outcome must be a paid order.
pub async fn order(
    site: &Site,
    buyer: &Person,
    pieces: &[i64],
    mode: ShippingMode,
    needed_before: Option<&str>,
) -> CheckoutOutcome {
    order_to(
        site,
        buyer,
        pieces,
        mode,
        needed_before,
        address("Camille Martin"),
    )
    .await
}

/// As [`order`], billed and delivered to `to`.
pub async fn order_to(
    site: &Site,
    buyer: &Person,
    pieces: &[i64],
    mode: ShippingMode,
    needed_before: Option<&str>,
    to: Address,
) -> CheckoutOutcome {
    let who = site.principal(buyer).await;
    let owner = CartOwner::User(who.user_id);
    for piece in pieces {
        carts::add(&site.app, &owner, *piece)
            .await
            .expect("add to cart");
    }
    let input = CheckoutInput {
        shop_id: pepite_domain::shop::FIRST_SHOP,
        mode,
        billing: to.clone(),
        delivery: to,
        save_address: false,
        needed_before: needed_before.map(str::to_owned),
        gift_cards: vec![],
        // The method's type lives in pepite-payments, which this crate does not name.
        method: serde_json::from_str("\"card\"").expect("card"),
        token: CARD_OK.into(),
        expected_total_cents: None,
        return_url: "http://localhost/orders/{order}".into(),
    };
    let key = format!("test-{}-{pieces:?}", who.user_id);
    let outcome = checkout::place(&site.app, &who, &key, &input)
        .await
        .expect("checkout");
    assert_eq!(outcome.payment, PaymentOutcome::Paid, "{outcome:?}");
    outcome
}

/// The number of a paid order.
pub fn number(outcome: &CheckoutOutcome) -> String {
    outcome.number.clone().expect("a paid order has its number")
}
