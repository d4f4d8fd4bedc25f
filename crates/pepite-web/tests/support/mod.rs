//! What every web test shares: one application over a test database with its photos in a
//! temporary folder, the whole router driven in process through `oneshot`, what comes back,
//! test photos and multipart bodies. The submodules are the three ways tests talk to it:
//! `api` (JSON with bearer tokens), `pages` (public pages with raw bodies) and `sell`
//! (seller space and back office, forms as a browser sends them); `people` makes accounts
//! and shops through the use cases.

// Each test binary compiles this whole module but uses only part of it.
#![allow(dead_code)]

pub mod api;
pub mod commerce;
pub mod orders;
pub mod outbox;
pub mod pages;
pub mod people;
pub mod sell;

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::policy::Policy;
use pepite_store::Db;
use pepite_web::WebConfig;
use serde_json::Value;
use tower::ServiceExt;

pub const FORM: &str = "application/x-www-form-urlencoded";

/// The secret the test carrier signs its delivery events with (F4).
pub const CARRIER_SECRET: &str = "carrier-test-secret";

/// One application over a test database, with its photos in a temporary folder.
pub struct Harness {
    pub app: App,
    router: Router,
    files: PathBuf,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.files);
    }
}

static FOLDER: AtomicU64 = AtomicU64::new(0);

impl Harness {
    pub fn new(db: Db, clock: Clock, config: WebConfig) -> Harness {
        let n = FOLDER.fetch_add(1, Ordering::Relaxed);
        let files = std::env::temp_dir().join(format!("pepite-tests-{}-{n}", std::process::id()));
        let sandbox = Arc::new(pepite_payments::Sandbox::new(db.clone()));
        let app = App::new(
            db,
            clock,
            Arc::new(LocalFiles::new(&files)),
            Policy::marketplace(),
            sandbox,
        )
        .with_carrier(Arc::new(pepite_app::carriers::SandboxCarrier::new(Some(
            CARRIER_SECRET.into(),
        ))));
        let router = pepite_web::router(app.clone(), config);
        Harness { app, router, files }
    }

    /// Sends one request through the whole router and hands back the answer as it comes,
    /// for a body that streams (the chat's live feed).
    pub async fn streaming(&self, request: Request<Body>) -> axum::response::Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible")
    }

    /// Sends one request through the whole router.
    pub async fn oneshot(&self, request: Request<Body>) -> Reply {
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
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Reply {
            status,
            headers,
            bytes,
            body,
        }
    }
}

/// What came back: the raw bytes, and the body as text.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
    pub body: String,
}

impl Reply {
    /// Asserts the status, showing the body when it is another.
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        self
    }

    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    pub fn text(&self) -> String {
        self.body.clone()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", self.status, self.body))
    }

    /// A header's value, empty when absent.
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    pub fn content_type(&self) -> &str {
        self.header(header::CONTENT_TYPE)
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

    /// Asserts a problem document with this status and code, and returns it.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{}",
            self.body
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

/// A real PNG of the given size, a gradient, big enough to be accepted from 200×200 up.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 120]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// A multipart body with one file part; returns its content type and the body.
pub fn multipart(
    field: &str,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> (String, Vec<u8>) {
    multipart_form(&[], &[(field, filename, content_type, bytes)])
}

/// A `multipart/form-data` body of text fields, then files (field, file name, type, bytes),
/// in that order, as a browser sends a form with file inputs.
pub fn multipart_form(
    texts: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> (String, Vec<u8>) {
    let boundary = "pepite-test-boundary";
    let mut body = Vec::new();
    for (name, value) in texts {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (field, filename, content_type, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
