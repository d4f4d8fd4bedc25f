//! What the buyer's page tests share: a shop with pieces, buyers with carts, the checkout form
//! as a browser fills it (the hidden key and totals read back from the page) and the sandbox's
//! record of money taken.

// Each test binary uses only part of it.
#![allow(dead_code)]

use pepite_app::accounts::Principal;
use pepite_store::Db;

use crate::support::Reply;
use crate::support::pages::Site;

/// The sandbox's card numbers the tests pay with.
pub const CARD_OK: &str = "4242 4242 4242 4242";
pub const CARD_DECLINED: &str = "4000 0000 0000 0002";
pub const CARD_AUTH: &str = "4000 0025 0000 3155";

/// A site with one shop (Belgium) and its seller.
pub struct Market {
    pub site: Site,
    pub seller: Principal,
}

impl Market {
    pub async fn new(db: Db) -> Market {
        let site = Site::new(db).await;
        let (seller, _) = site.seller("lea@example.fr", "Atelier Léa").await;
        Market { site, seller }
    }

    /// A listed piece titled `title` at `cents`.
    pub async fn piece(&self, title: &str, cents: i64) -> i64 {
        let title = title.to_owned();
        self.site
            .listed(&self.seller, move |p| {
                p.title = title;
                p.price_cents = Some(cents);
            })
            .await
    }

    /// A buyer signed in (French pages unless the cookie says otherwise): who, and the cookie.
    pub async fn buyer(&self, email: &str, name: &str) -> (Principal, String) {
        self.site.account(email, name).await
    }

    pub async fn add(&self, cookie: &str, piece: i64) -> Reply {
        self.site
            .post("/cart/add", cookie, &format!("piece_id={piece}"))
            .await
            .expect(303)
    }

    /// The money the sandbox has taken, refunds deducted.
    pub async fn captured(&self) -> i64 {
        self.site
            .app
            .payments
            .sandbox()
            .expect("sandbox provider")
            .captured_cents()
            .await
    }
}

/// Percent-encodes form fields as a browser does.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
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

/// The value of the first `name="…" value="…"` input of a page.
pub fn hidden(page: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&start)
        .unwrap_or_else(|| panic!("no field {name} in the page"))
        + start.len();
    page[at..].split('"').next().unwrap_or("").to_owned()
}

/// The text between the first `start` and the `end` after it.
pub fn hidden_text(page: &str, start: &str, end: &str) -> String {
    let at = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"))
        + start.len();
    page[at..].split(end).next().unwrap_or("").to_owned()
}

/// An amount as the French pages write it (`12,50 €`, with its narrow spaces).
pub fn euros(cents: i64) -> String {
    pepite_web::i18n::money(
        pepite_domain::account::Language::Fr,
        pepite_domain::Money(cents),
    )
}

/// A delivery address in France, typed at checkout.
pub const FRENCH_ADDRESS: &[(&str, &str)] = &[
    ("address_id", "new"),
    ("delivery.full_name", "Camille Durand"),
    ("delivery.line1", "12 rue des Lilas"),
    ("delivery.line2", ""),
    ("delivery.postal_code", "69003"),
    ("delivery.city", "Lyon"),
    ("delivery.country", "FR"),
    ("delivery.phone", ""),
    ("billing_same", "on"),
];

/// What "Pay" sends from a checkout page just shown: its hidden key and totals, the address,
/// `mode`, the card, and `extra` fields.
pub fn pay_body(page: &str, mode: &str, card: &str, extra: &[(&str, &str)]) -> String {
    let key = hidden(page, "idempotency_key");
    let direct = hidden(page, "expected_total_cents_direct");
    let grouped = hidden(page, "expected_total_cents_grouped");
    let mut fields: Vec<(&str, &str)> = FRENCH_ADDRESS.to_vec();
    fields.extend([
        ("idempotency_key", key.as_str()),
        ("expected_total_cents_direct", direct.as_str()),
        ("expected_total_cents_grouped", grouped.as_str()),
        ("mode", mode),
        ("method", "card"),
        ("card_number", card),
        ("action", "pay"),
    ]);
    fields.extend_from_slice(extra);
    form(&fields)
}
