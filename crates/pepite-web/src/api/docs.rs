//! The OpenAPI document's frame (title, version, description, tags, the `bearer` scheme); the
//! operations themselves come from the handlers, so the document cannot drift from the code.

use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Where the document and its readable page are served.
pub const OPENAPI_PATH: &str = "/api/openapi.json";
pub const DOCS_PATH: &str = "/api/docs";

const DESCRIPTION: &str = "\
The JSON API of Pépite, a marketplace of unique second-hand fashion pieces.

**Authentication.** Create a token with `POST /api/v1/auth/tokens` and send it as \
`Authorization: Bearer <token>`. A signed-in browser's session cookie works too.

**Errors** are RFC 9457 problem documents (`application/problem+json`) with a stable `code`; \
refused fields are listed in `errors`, each with its own `code` and a `message` in the language \
of `Accept-Language` (French or English). Something that is not yours answers exactly like \
something that does not exist: 404.

**Money** is integer cents with its currency: `{\"amount_cents\": 8500, \"currency\": \"EUR\"}`. \
**Instants** are RFC 3339 strings in UTC. **Lists** page with an opaque cursor or an id \
(`next_cursor`, `next_before`, `next_after`).";

#[derive(OpenApi)]
#[openapi(
    info(title = "Pépite API", version = env!("CARGO_PKG_VERSION"), description = DESCRIPTION),
    modifiers(&BearerScheme),
    tags(
        (name = "auth", description = "Bearer tokens, signing out, e-mail verification and password reset"),
        (name = "accounts", description = "Your account"),
        (name = "sellers", description = "Shops, your shop, its pieces and CSV imports"),
        (name = "pieces", description = "The catalogue: search, pieces and their life (C1–C5)"),
        (name = "photos", description = "Photos of your pieces"),
        (name = "admin", description = "The back office: accounts, roles, pieces, the clock, jobs"),
        (name = "cart", description = "Carts, signed in or not, and their discount code (K1, K2, O8)"),
        (name = "checkout", description = "The quote, paying, and coming back from authentication (O1–O12)"),
        (name = "orders", description = "Orders for their buyer, their sellers and staff, their parcels shipped and delivered (O11–O13, F1, F3, F4)"),
        (name = "returns", description = "Returns within the window from delivery, routed by country, their labels and slips, claims decided by staff, receipt and check (R1–R6)"),
        (name = "carriers", description = "Carriers as data, and their signed delivery events (F1, F3, F4)"),
        (name = "gift-cards", description = "Buying gift cards and checking a balance (G1, G2)"),
        (name = "addresses", description = "Your address book (O6)"),
        (name = "discount-codes", description = "Discount codes, for customer service and finance (O8)"),
        (name = "finance", description = "The double-entry ledger and its audit (P2)"),
        (name = "policy", description = "Shops and each shop's policy as data, for admins (P3): one program serves several shops, each on its own host"),
        (name = "payments", description = "Webhooks from the payment provider"),
        (name = "notifications", description = "Your notification history, and the staff's mailbox (E1, E2)"),
        (name = "offers", description = "Price offers: making them, the seller's answers, buying at the agreed price (N1–N7, C6)"),
        (name = "alerts", description = "Alerts on sold pieces, and staff putting a piece back on sale (L1, C3)"),
        (name = "payouts", description = "Seller payouts: payout accounts, statements, payout runs as SEPA files (P1)"),
        (name = "support", description = "Customer service, the only bridge between buyers and sellers (S1, S2, A3): a person's conversations and messages; the shared inbox for customer service, with internal notes, assignment and state by version"),
        (name = "trade-in", description = "A brand's trade-in programme: the rules and the reference catalogue, an instant quote, the box and its documents, inspection at the warehouse, store credit and vouchers; the partner's programme and sales channels (T1–T7)"),
        (name = "vouchers", description = "For boutique tills and the brand's e-shop, with a channel token (`Authorization: Bearer pch_…`, from the partner console): check a voucher, redeem an amount once per `Idempotency-Key`, reverse a redemption. A till's flow: `GET /channel/vouchers/{code}` to show the balance, `POST /channel/redemptions` with a new key per sale (retry with the same key after a timeout), `POST /channel/redemptions/{id}/reversal` for a refund (T7)"),
        (name = "workshop", description = "Grouped orders through the workshop: pieces sent, received, checked, packed and shipped; the buyer's choice on a failed check; late pieces; lost or refused parcels (F2, F6, F7)"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` scheme that operations name in their `security`.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token from `POST /api/v1/auth/tokens`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "channel",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A sales channel's token (`pch_…`), given once by the brand partner's console"))
                    .build(),
            ),
        );
    }
}
