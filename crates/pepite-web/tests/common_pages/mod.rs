//! Support for the page tests: the whole router in process, requests through `oneshot`, and
//! accounts, shops and pieces made through the use cases.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::catalog;
use pepite_app::photos;
use pepite_app::sellers;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::account::SignUpInput;
use pepite_domain::piece::{PieceInput, SellerInput};
use pepite_domain::policy::Policy;
use pepite_domain::time::DAY_US;
use pepite_store::Db;
use pepite_web::WebConfig;
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough password";
pub const FORM: &str = "application/x-www-form-urlencoded";

/// One application over a fresh database, with its photos in a temporary folder.
pub struct Site {
    pub app: App,
    router: Router,
    files: PathBuf,
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.files);
    }
}

/// What came back, body as text.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// The `name=value` pair of a cookie this reply sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(|c| c.split(';').next().unwrap_or("").to_owned())
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts the status, showing the page when it is not the expected one.
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        self
    }
}

static FOLDER: AtomicU64 = AtomicU64::new(0);

impl Site {
    pub async fn new(db: Db) -> Site {
        Self::with_config(db, WebConfig::default()).await
    }

    pub async fn with_config(db: Db, config: WebConfig) -> Site {
        let n = FOLDER.fetch_add(1, Ordering::Relaxed);
        let files = std::env::temp_dir().join(format!("pepite-pages-{}-{n}", std::process::id()));
        let app = App::new(
            db,
            Clock::Manual,
            Arc::new(LocalFiles::new(&files)),
            Policy::marketplace(),
        );
        let router = pepite_web::router(app.clone(), config);
        Site { app, router, files }
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
        let request = r.body(Body::from(body.to_owned())).expect("request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
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
        accounts::sign_up(
            &self.app,
            &SignUpInput {
                email: email.into(),
                password: PASSWORD.into(),
                display_name: name.into(),
                language: "fr".into(),
                country: "FR".into(),
                birth_date: String::new(),
            },
        )
        .await
        .expect("sign up");
        self.session(email).await
    }

    /// A fresh session for an existing account (after a change of shop, for instance).
    pub async fn session(&self, email: &str) -> (Principal, String) {
        let (secret, _) = accounts::sign_in(
            &self.app,
            email,
            PASSWORD,
            "tests",
            SessionKind::Browser,
            "t",
        )
        .await
        .expect("sign in");
        let who = accounts::authenticate(&self.app, &secret.0)
            .await
            .expect("authenticate")
            .expect("live session");
        (who, format!("pepite_session={}", secret.0))
    }

    /// An account with a shop; returns the seller and its cookie.
    pub async fn seller(&self, email: &str, shop: &str) -> (Principal, String) {
        let (who, _) = self.account(email, "Léa Martin").await;
        sellers::open_shop(
            &self.app,
            &who,
            &SellerInput {
                shop_name: shop.into(),
                country: "BE".into(),
                kind: "individual".into(),
                open_to_offers: true,
                bio: "Des pièces choisies une à une.\nEnvoi soigné.".into(),
            },
        )
        .await
        .expect("open shop");
        self.session(email).await
    }

    /// A draft piece with one photo; `change` adjusts the description first.
    pub async fn draft(&self, who: &Principal, change: impl FnOnce(&mut PieceInput)) -> i64 {
        let mut input = piece_input();
        change(&mut input);
        let view = catalog::create_piece(&self.app, who, &input)
            .await
            .expect("create piece");
        photos::add_photo(&self.app, who, view.piece.id, png())
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

/// A small PNG photo, large enough to be accepted.
pub fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(240, 300, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode PNG");
    out.into_inner()
}

/// Where `needle` first appears in `haystack` (panics when absent, naming it).
pub fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in the page"))
}
