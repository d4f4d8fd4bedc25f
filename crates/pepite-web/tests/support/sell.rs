//! The seller space and the back office as a browser uses them: people signed in through the
//! real use cases, forms percent-encoded and files uploaded as `multipart/form-data`.

use std::ops::Deref;

use axum::body::Body;
use axum::http::{Method, Request, header};
use pepite_app::Clock;
use pepite_app::accounts::Principal;
use pepite_domain::account::Role;
use pepite_store::Db;
use pepite_web::WebConfig;

use super::{FORM, Harness, Reply, multipart, multipart_form, people};

/// The application, driven through its seller and staff pages.
pub struct Site(Harness);

impl Deref for Site {
    type Target = Harness;

    fn deref(&self) -> &Harness {
        &self.0
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

impl Site {
    pub async fn new(db: Db) -> Site {
        Self::with_clock(db, Clock::Manual).await
    }

    pub async fn with_clock(db: Db, clock: Clock) -> Site {
        Site(Harness::new(db, clock, WebConfig::default()))
    }

    /// Opens an account with `roles` and signs it in as a browser does.
    pub async fn person(&self, email: &str, roles: &[Role]) -> Person {
        let name = email.split('@').next().unwrap_or("x");
        let input = people::sign_up_input(email, name, "fr");
        let user_id = people::register(&self.app, &input, roles).await;
        let secret = people::browser_session(&self.app, email, email, "").await;
        Person {
            cookie: people::session_cookie(&secret),
            secret,
            user_id,
        }
    }

    /// Who a person is now (their shop may have opened since they signed in).
    pub async fn principal(&self, p: &Person) -> Principal {
        people::principal(&self.app, &p.secret).await
    }

    /// A GET with a `Cookie` header (empty for nobody).
    pub async fn get(&self, cookie: &str, path: &str) -> Reply {
        let mut r = Request::builder().uri(path);
        if !cookie.is_empty() {
            r = r.header(header::COOKIE, cookie);
        }
        self.oneshot(r.body(Body::empty()).unwrap()).await
    }

    /// A form post, values percent-encoded as a browser does.
    pub async fn post(&self, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        self.send_post(cookie, path, FORM, body.join("&")).await
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
        let (content_type, body) = multipart(field, file_name, "application/octet-stream", bytes);
        self.send_post(cookie, path, &content_type, body).await
    }

    /// The new-piece form as a browser sends it: its fields, then each photo (`photo`).
    pub async fn create_piece(
        &self,
        cookie: &str,
        fields: &[(&str, &str)],
        photos: &[(&str, &[u8])],
    ) -> Reply {
        let files: Vec<_> = photos
            .iter()
            .map(|(name, bytes)| ("photo", *name, "image/png", *bytes))
            .collect();
        self.post_with_files(cookie, "/sell/pieces", fields, &files)
            .await
    }

    /// A form with file inputs as a browser sends it: its text fields, then each file
    /// (field, file name, type, bytes).
    pub async fn post_with_files(
        &self,
        cookie: &str,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, &[u8])],
    ) -> Reply {
        let (content_type, body) = multipart_form(fields, files);
        self.send_post(cookie, path, &content_type, body).await
    }

    async fn send_post(
        &self,
        cookie: &str,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> Reply {
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap();
        self.oneshot(request).await
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
        .create_piece(&p.cookie, &with(piece_fields(), "title", title), &[])
        .await
        .expect(303);
    piece_id(reply.location())
}
