//! The public pages as a browser reaches them: raw requests and form posts, with accounts,
//! shops and pieces made through the use cases.

use std::ops::Deref;

use axum::body::Body;
use axum::http::{Method, Request};
use pepite_app::accounts::Principal;
use pepite_app::{Clock, catalog, photos};
use pepite_domain::piece::{PieceInput, SellerInput};
use pepite_domain::time::DAY_US;
use pepite_store::Db;
use pepite_web::WebConfig;

use super::{FORM, Harness, Reply, people, png};

/// The application, driven through its public pages.
pub struct Site(Harness);

impl Deref for Site {
    type Target = Harness;

    fn deref(&self) -> &Harness {
        &self.0
    }
}

impl Site {
    pub async fn new(db: Db) -> Site {
        Self::with_config(db, WebConfig::default()).await
    }

    pub async fn with_config(db: Db, config: WebConfig) -> Site {
        Site(Harness::new(db, Clock::Manual, config))
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        let mut r = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            r = r.header(*name, *value);
        }
        self.oneshot(r.body(Body::from(body.to_owned())).expect("request"))
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, &[], "").await
    }

    /// A GET with a `Cookie` header (`name=value; …`).
    pub async fn get_as(&self, path: &str, cookie: &str) -> Reply {
        self.send(Method::GET, path, &[("cookie", cookie)], "")
            .await
    }

    /// A form post, with a cookie when `cookie` is not empty.
    pub async fn post(&self, path: &str, cookie: &str, body: &str) -> Reply {
        let mut headers = vec![("content-type", FORM)];
        if !cookie.is_empty() {
            headers.push(("cookie", cookie));
        }
        self.send(Method::POST, path, &headers, body).await
    }

    /// An account signed in with a browser session; returns it and its `Cookie` header value.
    pub async fn account(&self, email: &str, name: &str) -> (Principal, String) {
        let input = people::sign_up_input(email, name, "fr");
        people::register(&self.app, &input, &[]).await;
        self.session(email).await
    }

    /// A fresh session for an existing account (after a change of shop, for instance).
    pub async fn session(&self, email: &str) -> (Principal, String) {
        let secret = people::browser_session(&self.app, email, "tests", "t").await;
        let who = people::principal(&self.app, &secret).await;
        (who, people::session_cookie(&secret))
    }

    /// An account with a shop; returns the seller and its cookie.
    pub async fn seller(&self, email: &str, shop: &str) -> (Principal, String) {
        let (who, _) = self.account(email, "Léa Martin").await;
        let shop = SellerInput {
            shop_name: shop.into(),
            country: "BE".into(),
            kind: "individual".into(),
            open_to_offers: true,
            bio: "Des pièces choisies une à une.\nEnvoi soigné.".into(),
        };
        people::open_shop(&self.app, &who, &shop).await;
        self.session(email).await
    }

    /// A draft piece with one photo; `change` adjusts the description first.
    pub async fn draft(&self, who: &Principal, change: impl FnOnce(&mut PieceInput)) -> i64 {
        let mut input = piece_input();
        change(&mut input);
        let view = catalog::create_piece(&self.app, who, &input)
            .await
            .expect("create piece");
        photos::add_photo(&self.app, who, view.piece.id, png(240, 300))
            .await
            .expect("add photo");
        view.piece.id
    }

    /// A listed piece with one photo.
    pub async fn listed(&self, who: &Principal, change: impl FnOnce(&mut PieceInput)) -> i64 {
        let id = self.draft(who, change).await;
        catalog::list_piece(&self.app, who, id).await.expect("list");
        id
    }

    pub async fn advance_days(&self, days: i64) {
        self.app.now_us().await.expect("clock");
        pepite_store::clock::advance(&self.app.db, days * DAY_US)
            .await
            .expect("advance clock");
    }
}

pub fn piece_input() -> PieceInput {
    PieceInput {
        title: "Robe portefeuille en soie".into(),
        brand: "Sézane".into(),
        category: "dresses".into(),
        size_system: "FR".into(),
        size_label: "38".into(),
        grade: "very_good".into(),
        colour: "red".into(),
        materials: "100 % soie".into(),
        description: "Portée deux fois.\nAucun accroc.".into(),
        price_cents: Some(8_500),
        weight_g: Some(350),
        measurements: vec![("length".into(), 1_055), ("chest".into(), 480)],
        open_to_offers: None,
    }
}

/// Where `needle` first appears in `haystack` (panics when absent, naming it).
pub fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in the page"))
}
