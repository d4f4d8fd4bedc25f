//! Support for the seller-space and back-office page tests: the whole router in process,
//! people signed in through the real use cases, forms and file uploads sent as a browser
//! sends them.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::{App, Clock, LocalFiles};
use pepite_domain::account::{Role, SignUpInput};
use pepite_domain::policy::Policy;
use pepite_store::Db;
use pepite_web::WebConfig;
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery staple";

/// One application over a test database, its photos in a temporary folder.
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

/// A response, its body as text.
pub struct Reply {
    pub status: StatusCode,
    pub location: String,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    /// Asserts the status, showing the page when it is another.
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        self
    }

    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }
}

/// A signed-in person: the `Cookie` header to send, and who they are.
pub struct Person {
    pub cookie: String,
    pub secret: String,
    pub user_id: i64,
}

impl Person {
    /// The same person with English pages.
    pub fn in_english(&self) -> String {
        format!("{}; pepite_lang=en", self.cookie)
    }
}

static FOLDER: AtomicU64 = AtomicU64::new(0);

impl Site {
    pub async fn new(db: Db) -> Site {
        Self::with_clock(db, Clock::Manual).await
    }

    pub async fn with_clock(db: Db, clock: Clock) -> Site {
        let n = FOLDER.fetch_add(1, Ordering::Relaxed);
        let files = std::env::temp_dir().join(format!("pepite-sell-{}-{n}", std::process::id()));
        let app = App::new(
            db,
            clock,
            Arc::new(LocalFiles::new(&files)),
            Policy::marketplace(),
        );
        let router = pepite_web::router(app.clone(), WebConfig::default());
        Site { app, router, files }
    }

    /// Opens an account with `roles` and signs it in as a browser does.
    pub async fn person(&self, email: &str, roles: &[Role]) -> Person {
        let input = SignUpInput {
            email: email.into(),
            password: PASSWORD.into(),
            display_name: email.split('@').next().unwrap_or("x").into(),
            language: "fr".into(),
            country: "FR".into(),
            birth_date: String::new(),
        };
        let user_id = if roles.is_empty() {
            accounts::sign_up(&self.app, &input).await
        } else {
            accounts::create_staff(&self.app, &input, roles).await
        }
        .expect("account");
        let (secret, _) =
            accounts::sign_in(&self.app, email, PASSWORD, email, SessionKind::Browser, "")
                .await
                .expect("sign in");
        Person {
            cookie: format!("pepite_session={}", secret.0),
            secret: secret.0,
            user_id,
        }
    }

    /// Who a person is now (their shop may have opened since they signed in).
    pub async fn principal(&self, p: &Person) -> Principal {
        accounts::authenticate(&self.app, &p.secret)
            .await
            .expect("session lookup")
            .expect("live session")
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let text = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (status, location) = (response.status(), text(header::LOCATION));
        let content_type = text(header::CONTENT_TYPE);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            location,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A GET with a `Cookie` header (empty for nobody).
    pub async fn get(&self, cookie: &str, path: &str) -> Reply {
        let mut r = Request::builder().uri(path);
        if !cookie.is_empty() {
            r = r.header(header::COOKIE, cookie);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }

    /// A form post, values percent-encoded as a browser does.
    pub async fn post(&self, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.join("&")))
            .unwrap();
        self.send(request).await
    }

    /// A `multipart/form-data` post of one file.
    pub async fn upload(
        &self,
        cookie: &str,
        path: &str,
        field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Reply {
        let boundary = "----pepite-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; \
             filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, cookie)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A real PNG photo, big enough to be accepted.
pub fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 120]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// The id at the end of a redirect to `/sell/pieces/{id}?…`.
pub fn piece_id(location: &str) -> i64 {
    location
        .trim_start_matches("/sell/pieces/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not a piece address: {location}"))
}

/// A complete, valid piece form; tests change the fields they are about.
pub fn piece_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("title", "Robe portefeuille en soie"),
        ("brand", "Sézane"),
        ("category", "dresses"),
        ("size_system", "FR"),
        ("size_label", "38"),
        ("grade", "excellent"),
        ("colour", "red"),
        ("materials", "100 % soie"),
        ("description", "Portée deux fois, aucun défaut."),
        ("price", "85,50"),
        ("weight", "350"),
        ("measurement_chest", "48,5"),
        ("measurement_length", ""),
        ("open_to_offers", "on"),
    ]
}

/// `fields` with `name` set to `value`.
pub fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    name: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    fields.retain(|(n, _)| *n != name);
    fields.push((name, value));
    fields
}

/// Opens a shop for `p` through the page, as a new seller does.
pub async fn open_shop(site: &Site, p: &Person, name: &str) {
    site.post(
        &p.cookie,
        "/sell/shop",
        &[
            ("shop_name", name),
            ("country", "FR"),
            ("kind", "individual"),
            ("open_to_offers", "on"),
            ("bio", ""),
        ],
    )
    .await
    .expect(303);
}

/// Creates a draft through the page and returns its id.
pub async fn new_piece(site: &Site, p: &Person, title: &str) -> i64 {
    let reply = site
        .post(
            &p.cookie,
            "/sell/pieces",
            &with(piece_fields(), "title", title),
        )
        .await
        .expect(303);
    piece_id(&reply.location)
}
