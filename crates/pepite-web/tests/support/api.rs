//! The API as a client sees it: JSON bodies, bearer tokens, accounts, shops, pieces and photos
//! made through the API itself.

use std::ops::Deref;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pepite_app::Clock;
use pepite_domain::account::Role;
use pepite_store::Db;
use pepite_web::WebConfig;
use serde_json::{Value, json};

use super::people::{self, PASSWORD};
use super::{Harness, Reply, png};

/// The application, driven through its API.
pub struct Api(Harness);

impl Deref for Api {
    type Target = Harness;

    fn deref(&self) -> &Harness {
        &self.0
    }
}

impl Api {
    pub async fn new(db: Db) -> Api {
        Self::with_clock(db, Clock::Manual).await
    }

    pub async fn with_clock(db: Db, clock: Clock) -> Api {
        Api(Harness::new(db, clock, WebConfig::default()))
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        self.oneshot(request).await
    }

    /// A request with an optional bearer token and an optional body of the given type.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: impl Into<Body>,
    ) -> Reply {
        let mut r = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(ct) = content_type {
            r = r.header(header::CONTENT_TYPE, ct);
        }
        self.send(r.body(body.into()).expect("request")).await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        match body {
            Some(v) => {
                self.raw(method, path, token, Some("application/json"), v.to_string())
                    .await
            }
            None => self.raw(method, path, token, None, Body::empty()).await,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Opens an account through the API and returns a bearer token for it.
    pub async fn account(&self, email: &str) -> String {
        let r = self
            .post(
                "/api/v1/accounts",
                None,
                json!({"email": email, "password": PASSWORD, "display_name": "Léa",
                       "language": "fr", "country": "FR"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        self.token(email).await
    }

    pub async fn token(&self, email: &str) -> String {
        let r = self
            .post(
                "/api/v1/auth/tokens",
                None,
                json!({"email": email, "password": PASSWORD, "label": "tests"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()["token"].as_str().expect("token").to_owned()
    }

    /// An account with a shop; returns its token and the shop's id.
    pub async fn seller(&self, email: &str, shop: &str) -> (String, i64) {
        let token = self.account(email).await;
        let r = self
            .post(
                "/api/v1/sellers",
                Some(&token),
                json!({"shop_name": shop, "country": "FR", "kind": "individual"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        (token, r.json()["id"].as_i64().expect("shop id"))
    }

    /// A staff account made the way `pepite admin create-staff` does, signed in through the API.
    pub async fn staff(&self, email: &str, roles: &[Role]) -> String {
        let input = people::sign_up_input(email, "Staff", "en");
        people::register(&self.app, &input, roles).await;
        self.token(email).await
    }

    /// Creates a draft through the API; `changes` override the fields of a valid piece.
    pub async fn draft(&self, token: &str, changes: Value) -> Value {
        let mut body = piece_body();
        for (k, v) in changes.as_object().expect("object") {
            body[k] = v.clone();
        }
        let r = self.post("/api/v1/pieces", Some(token), body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    pub async fn add_photo(&self, token: &str, piece: i64) -> Reply {
        self.raw(
            Method::POST,
            &format!("/api/v1/pieces/{piece}/photos"),
            Some(token),
            Some("image/png"),
            png(400, 300),
        )
        .await
    }

    /// A listed piece with one photo; returns its id.
    pub async fn listed(&self, token: &str, changes: Value) -> i64 {
        let id = self.draft(token, changes).await["id"].as_i64().expect("id");
        let photo = self.add_photo(token, id).await;
        assert_eq!(photo.status, StatusCode::CREATED, "{}", photo.text());
        let r = self
            .post(&format!("/api/v1/pieces/{id}/list"), Some(token), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        id
    }
}

/// A valid piece description.
pub fn piece_body() -> Value {
    json!({
        "title": "Robe portefeuille en soie", "brand": "Sézane", "category": "dresses",
        "size_system": "FR", "size_label": "38", "grade": "excellent", "colour": "red",
        "materials": "100 % soie", "description": "Portée deux fois.",
        "price_cents": 8500, "weight_g": 350,
        "measurements": [{"kind": "length", "mm": 1050}]
    })
}
