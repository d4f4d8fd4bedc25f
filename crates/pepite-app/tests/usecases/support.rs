//! Builders shared by the use-case tests: an application over a test database, people, shops
//! and pieces with a photo.

use std::sync::Arc;

use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::{App, Clock, LocalFiles, catalog, photos, sellers};
use pepite_domain::account::SignUpInput;
use pepite_domain::piece::{PieceInput, SellerInput};
use pepite_domain::policy::Policy;
use pepite_store::Db;

pub fn app(db: Db) -> App {
    let dir = std::env::temp_dir().join(format!("pepite-app-files-{}", rand_suffix()));
    let sandbox = Arc::new(pepite_payments::Sandbox::new(db.clone()));
    App::new(
        db,
        Clock::Manual,
        Arc::new(LocalFiles::new(dir)),
        Policy::marketplace(),
        sandbox,
    )
}

fn rand_suffix() -> String {
    format!("{}-{:?}", std::process::id(), std::time::SystemTime::now())
        .replace([' ', ':', '.', '{', '}', ','], "")
}

pub fn sign_up_input(email: &str) -> SignUpInput {
    SignUpInput {
        email: email.into(),
        password: "a long enough password".into(),
        display_name: "Léa".into(),
        language: "fr".into(),
        country: "FR".into(),
        birth_date: String::new(),
    }
}

/// A signed-in person, who signed up from their own network address.
pub async fn person(app: &App, email: &str) -> Principal {
    accounts::sign_up(app, &sign_up_input(email), email)
        .await
        .unwrap();
    sign_in(app, email).await
}

/// A signed-in staff member holding `role`.
pub async fn staff(app: &App, email: &str, role: pepite_domain::account::Role) -> Principal {
    staff_with_roles(app, email, &[role]).await
}

/// A signed-in staff member holding every one of `roles`.
pub async fn staff_with_roles(
    app: &App,
    email: &str,
    roles: &[pepite_domain::account::Role],
) -> Principal {
    accounts::create_staff(app, &sign_up_input(email), roles)
        .await
        .unwrap();
    sign_in(app, email).await
}

/// A session for an account that exists already.
pub async fn sign_in(app: &App, email: &str) -> Principal {
    let (_, who) = accounts::sign_in(
        app,
        email,
        "a long enough password",
        "127.0.0.1",
        SessionKind::Browser,
        "",
    )
    .await
    .unwrap();
    who
}

/// A signed-in person with a shop.
pub async fn seller(app: &App, email: &str, shop: &str) -> Principal {
    let mut who = person(app, email).await;
    let s = sellers::open_shop(
        app,
        &who,
        pepite_domain::shop::FIRST_SHOP,
        &SellerInput {
            shop_name: shop.into(),
            country: "FR".into(),
            kind: "individual".into(),
            open_to_offers: true,
            bio: String::new(),
        },
    )
    .await
    .unwrap();
    who.seller_id = Some(s.id);
    who
}

pub fn piece_input(title: &str, brand: &str, category: &str, price_cents: i64) -> PieceInput {
    PieceInput {
        title: title.into(),
        brand: brand.into(),
        category: category.into(),
        size_system: "FR".into(),
        size_label: "38".into(),
        grade: "very_good".into(),
        colour: "black".into(),
        materials: "laine".into(),
        description: format!("{title} de {brand}, très bien gardée."),
        price_cents: Some(price_cents),
        weight_g: Some(400),
        measurements: vec![],
        open_to_offers: None,
    }
}

pub fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(300, 400, image::Rgb([120, 40, 40]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A listed piece with one photo.
pub async fn listed(app: &App, who: &Principal, input: &PieceInput) -> i64 {
    let view = catalog::create_piece(app, who, input).await.unwrap();
    photos::add_photo(app, who, view.piece.id, png())
        .await
        .unwrap();
    catalog::list_piece(app, who, view.piece.id).await.unwrap();
    view.piece.id
}

/// `n` signed-in buyers created straight in the store (one password hash for all: argon2 for
/// hundreds of people would only slow the test down).
pub async fn buyers(app: &App, n: usize) -> Vec<Principal> {
    buyers_named(app, "buyer", n).await
}

/// The same, their addresses starting with `prefix` (`{prefix}{i}@x.fr`).
pub async fn buyers_named(app: &App, prefix: &str, n: usize) -> Vec<Principal> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("{prefix}{i}@x.fr");
        let mut tx = app.db.begin().await.unwrap();
        let id = pepite_store::accounts::insert(
            &mut tx,
            &pepite_store::accounts::NewUser {
                email: &email,
                password_hash: "unused",
                display_name: "Buyer",
                language: "fr",
                country: "FR",
                birth_date: None,
                now: 0,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        out.push(Principal {
            user_id: id,
            email,
            display_name: "Buyer".into(),
            language: pepite_domain::account::Language::Fr,
            roles: vec![],
            seller_id: None,
        });
    }
    out
}

pub fn address(country: &str) -> pepite_app::addresses::Address {
    pepite_app::addresses::Address {
        full_name: "Camille Martin".into(),
        line1: "12 rue des Lilas".into(),
        line2: String::new(),
        postal_code: "75011".into(),
        city: "Paris".into(),
        country: country.into(),
        phone: String::new(),
    }
}

/// A checkout by card to France, direct shipping, with these gift-card codes.
pub fn checkout_input(token: &str, gift_cards: &[String]) -> pepite_app::checkout::CheckoutInput {
    pepite_app::checkout::CheckoutInput {
        shop_id: pepite_domain::shop::FIRST_SHOP,
        mode: pepite_domain::commerce::ShippingMode::Direct,
        billing: address("FR"),
        delivery: address("FR"),
        save_address: false,
        needed_before: None,
        gift_cards: gift_cards.to_vec(),
        method: pepite_app::payments::Method::Card,
        token: token.into(),
        expected_total_cents: None,
        return_url: "http://localhost/orders/{order}/payment-return".into(),
    }
}
