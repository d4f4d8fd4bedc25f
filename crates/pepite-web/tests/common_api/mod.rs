//! Support for the API tests: the whole router in process, requests through `oneshot`, and
//! short ways to make accounts, shops, pieces and photos through the API itself.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use pepite_app::accounts;
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::account::{Role, SignUpInput};
use pepite_domain::policy::Policy;
use pepite_store::Db;
use pepite_web::WebConfig;
use serde_json::{Value, json};
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough password";

/// One application over a fresh database, with its photos in a temporary folder.
pub struct Api {
    pub app: App,
    router: Router,
    files: PathBuf,
}

impl Drop for Api {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.files);
    }
}

/// What came back.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| {
            panic!(
                "{}: not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.bytes)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts a problem document with this status and code, and returns it.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{}",
            self.text()
        );
        let p = self.json();
        assert_eq!(p["code"], code, "{p}");
        assert_eq!(p["status"], status, "{p}");
        p
    }

    /// Asserts a 422 with this refused field and code.
    pub fn field_error(&self, field: &str, code: &str) -> Value {
        let p = self.problem(422, "invalid_input");
        let errors = p["errors"].as_array().expect("errors").clone();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == field && e["code"] == code),
            "no {field}:{code} in {p}"
        );
        assert!(
            errors
                .iter()
                .all(|e| !e["message"].as_str().unwrap_or("").is_empty())
        );
        p
    }
}

static FOLDER: AtomicU64 = AtomicU64::new(0);

impl Api {
    pub async fn new(db: Db) -> Api {
        Self::with_clock(db, Clock::Manual).await
    }

    pub async fn with_clock(db: Db, clock: Clock) -> Api {
        let n = FOLDER.fetch_add(1, Ordering::Relaxed);
        let files = std::env::temp_dir().join(format!("pepite-api-{}-{n}", std::process::id()));
        let app = App::new(
            db,
            clock,
            Arc::new(LocalFiles::new(&files)),
            Policy::marketplace(),
        );
        let router = pepite_web::router(app.clone(), WebConfig::default());
        Api { app, router, files }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
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
            bytes,
        }
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
        let input = SignUpInput {
            email: email.into(),
            password: PASSWORD.into(),
            display_name: "Staff".into(),
            language: "en".into(),
            country: "FR".into(),
            birth_date: String::new(),
        };
        accounts::create_staff(&self.app, &input, roles)
            .await
            .expect("staff account");
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

/// A PNG of the given size.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([180, 40, 60]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// A multipart body with one file part.
pub fn multipart(
    field: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> (String, Vec<u8>) {
    let boundary = "pepite-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
