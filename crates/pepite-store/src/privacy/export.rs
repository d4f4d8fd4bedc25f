//! Everything Pépite holds about one person, read for their own download (A4: every query
//! starts from their account id or their shop's id; nothing of anyone else is read). Times
//! are microseconds since 1970-01-01 UTC, money integer cents, as stored.

use serde::Serialize;
use sqlx::FromRow;

use crate::db::on_db;
use crate::{Db, StoreError};

#[derive(Debug, Serialize, FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: String,
    pub country: String,
    pub birth_date: Option<String>,
    pub created_at: i64,
    pub email_verified_at: Option<i64>,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Address {
    pub id: i64,
    pub full_name: String,
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub created_at: i64,
}

/// A session or API token, without its secret or hash.
#[derive(Debug, Serialize, FromRow)]
pub struct Session {
    pub kind: String,
    pub label: String,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Order {
    pub id: i64,
    pub number: Option<String>,
    pub state: String,
    pub mode: String,
    pub country: String,
    pub goods_cents: i64,
    pub shipping_cents: i64,
    pub qc_fee_cents: i64,
    pub discount_cents: i64,
    pub bulk_discount_cents: i64,
    pub total_cents: i64,
    pub card_cents: i64,
    pub instruments_cents: i64,
    pub payment_method: String,
    /// The order's own copies of the addresses (JSON text), kept as the invoice's record.
    pub billing_address: String,
    pub delivery_address: String,
    pub created_at: i64,
    pub paid_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    #[sqlx(skip)]
    pub lines: Vec<Line>,
    #[sqlx(skip)]
    pub payments: Vec<Payment>,
    #[sqlx(skip)]
    pub gift_cards_used: Vec<GiftCardUse>,
}

#[derive(Debug, Clone, Serialize, FromRow)]
pub struct Line {
    #[serde(skip)]
    pub order_id: i64,
    pub piece_id: i64,
    pub title: String,
    pub brand: String,
    pub size_label: String,
    pub price_cents: i64,
    pub refunded_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, FromRow)]
pub struct Payment {
    #[serde(skip)]
    pub order_id: i64,
    pub method: String,
    pub amount_cents: i64,
    pub state: String,
    pub created_at: i64,
}

/// A gift card's part of an order (its code is not repeated here).
#[derive(Debug, Clone, Serialize, FromRow)]
pub struct GiftCardUse {
    #[serde(skip)]
    pub order_id: i64,
    pub gift_card_id: i64,
    pub amount_cents: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Return {
    pub id: i64,
    pub order_id: i64,
    pub reason: String,
    pub note: String,
    pub state: String,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Refund {
    pub id: i64,
    pub order_id: i64,
    pub reason: String,
    pub total_cents: i64,
    pub card_cents: i64,
    pub instruments_cents: i64,
    pub credit_note_number: String,
    pub state: String,
    pub created_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Offer {
    pub id: i64,
    pub piece_id: i64,
    pub amount_cents: i64,
    pub counter_cents: Option<i64>,
    pub state: String,
    pub created_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Alert {
    pub piece_id: i64,
    pub created_at: i64,
}

/// A message of one of the person's conversations with customer service that they can read
/// (S1: staff's notes and the seller's words are not theirs to read, A3).
#[derive(Debug, Serialize, FromRow)]
pub struct SupportMessage {
    pub conversation_id: i64,
    pub subject: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

/// A file in one of the person's conversations, by name (the file itself is downloaded from
/// the conversation).
#[derive(Debug, Serialize, FromRow)]
pub struct SupportFile {
    pub conversation_id: i64,
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: i64,
}

/// A gift card the person bought (the code is the recipient's secret, so it is left out).
#[derive(Debug, Serialize, FromRow)]
pub struct GiftCardBought {
    pub id: i64,
    pub state: String,
    pub initial_cents: i64,
    pub balance_cents: i64,
    pub recipient_name: String,
    pub recipient_email: String,
    pub message: String,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Shop {
    #[serde(skip)]
    pub id: i64,
    pub shop_name: String,
    pub shop_key: String,
    pub country: String,
    pub kind: String,
    pub bio: String,
    pub created_at: i64,
    #[sqlx(skip)]
    pub pieces: Vec<Piece>,
    #[sqlx(skip)]
    pub payout_account: Option<PayoutAccount>,
    #[sqlx(skip)]
    pub payouts: Vec<Payout>,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Piece {
    pub id: i64,
    pub state: String,
    pub title: String,
    pub brand: String,
    pub price_cents: i64,
    pub created_at: i64,
    #[sqlx(skip)]
    pub photos: Vec<String>,
}

/// The bank account, masked: only its last four characters.
#[derive(Debug, Serialize, FromRow)]
pub struct PayoutAccount {
    pub iban_last4: String,
    pub holder: String,
    pub updated_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Payout {
    pub payout_id: i64,
    pub state: String,
    pub lines: i64,
    pub amount_cents: i64,
    pub iban_last4: String,
    pub created_at: i64,
    pub paid_at: Option<i64>,
}

/// One person's data; notifications are added by the caller, who composes them.
#[derive(Debug, Serialize)]
pub struct PersonData {
    pub account: Account,
    pub roles: Vec<String>,
    pub addresses: Vec<Address>,
    pub sessions: Vec<Session>,
    pub orders: Vec<Order>,
    pub returns: Vec<Return>,
    pub refunds: Vec<Refund>,
    pub offers: Vec<Offer>,
    pub alerts: Vec<Alert>,
    pub support_messages: Vec<SupportMessage>,
    pub support_files: Vec<SupportFile>,
    pub gift_cards_bought: Vec<GiftCardBought>,
    pub shop: Option<Shop>,
}

/// Rows of `T` chosen by one id.
async fn rows<T>(db: &Db, sql: &'static str, id: i64) -> Result<Vec<T>, StoreError>
where
    T: for<'r> FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    Ok(on_db!(db, p => sqlx::query_as::<_, T>(sql).bind(id).fetch_all(p).await)?)
}

/// Everything about `user_id`; `None` if there is no such account.
pub async fn person(db: &Db, user_id: i64) -> Result<Option<PersonData>, StoreError> {
    let Some(account) = rows::<Account>(
        db,
        "SELECT id, email, display_name, language, country, birth_date, created_at,
                email_verified_at FROM users WHERE id = $1",
        user_id,
    )
    .await?
    .pop() else {
        return Ok(None);
    };
    let mut orders: Vec<Order> = rows(
        db,
        "SELECT id, number, state, mode, country, goods_cents, shipping_cents, qc_fee_cents,
                discount_cents, bulk_discount_cents, total_cents, card_cents, instruments_cents,
                payment_method, billing_address, delivery_address, created_at, paid_at, cancelled_at
         FROM orders WHERE buyer_id = $1 ORDER BY id",
        user_id,
    )
    .await?;
    let lines: Vec<Line> = rows(db,
        "SELECT l.order_id, l.piece_id, l.title, l.brand, l.size_label, l.price_cents, l.refunded_at
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.buyer_id = $1
         ORDER BY l.order_id, l.piece_id", user_id).await?;
    let payments: Vec<Payment> = rows(
        db,
        "SELECT y.order_id, y.method, y.amount_cents, y.state, y.created_at
         FROM payments y JOIN orders o ON o.id = y.order_id WHERE o.buyer_id = $1 ORDER BY y.id",
        user_id,
    )
    .await?;
    let uses: Vec<GiftCardUse> = rows(
        db,
        "SELECT i.order_id, i.instrument_id AS gift_card_id, i.amount_cents
         FROM order_instruments i JOIN orders o ON o.id = i.order_id WHERE o.buyer_id = $1",
        user_id,
    )
    .await?;
    for o in &mut orders {
        o.lines = lines
            .iter()
            .filter(|l| l.order_id == o.id)
            .cloned()
            .collect();
        o.payments = payments
            .iter()
            .filter(|p| p.order_id == o.id)
            .cloned()
            .collect();
        o.gift_cards_used = uses
            .iter()
            .filter(|u| u.order_id == o.id)
            .cloned()
            .collect();
    }
    Ok(Some(PersonData {
        account,
        roles: on_db!(db, p => sqlx::query_scalar::<_, String>(
            "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
            .bind(user_id).fetch_all(p).await)?,
        addresses: rows(
            db,
            "SELECT id, full_name, line1, line2, postal_code, city, country, phone, created_at
             FROM addresses WHERE user_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
        sessions: rows(
            db,
            "SELECT kind, label, created_at, expires_at FROM sessions WHERE user_id = $1
             ORDER BY created_at",
            user_id,
        )
        .await?,
        orders,
        returns: rows(
            db,
            "SELECT id, order_id, reason, note, state FROM returns WHERE buyer_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
        refunds: rows(
            db,
            "SELECT r.id, r.order_id, r.reason, r.total_cents, r.card_cents, r.instruments_cents,
                    r.credit_note_number, r.state, r.created_at
             FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.buyer_id = $1 ORDER BY r.id",
            user_id,
        )
        .await?,
        offers: rows(
            db,
            "SELECT id, piece_id, amount_cents, counter_cents, state, created_at
             FROM offers WHERE buyer_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
        alerts: rows(
            db,
            "SELECT piece_id, created_at FROM alerts WHERE user_id = $1 ORDER BY piece_id",
            user_id,
        )
        .await?,
        support_messages: rows(
            db,
            "SELECT c.id AS conversation_id, c.subject, m.author, m.body, m.created_at
             FROM support_messages m JOIN support_conversations c ON c.id = m.conversation_id
             WHERE c.user_id = $1 AND m.author IN ('person', 'staff') ORDER BY m.id",
            user_id,
        )
        .await?,
        support_files: rows(
            db,
            "SELECT a.conversation_id, a.id, a.file_name, a.content_type, a.size_bytes,
                    a.created_at
             FROM support_attachments a
             JOIN support_messages m ON m.id = a.message_id
             JOIN support_conversations c ON c.id = a.conversation_id
             WHERE c.user_id = $1 AND m.author IN ('person', 'staff') ORDER BY a.id",
            user_id,
        )
        .await?,
        gift_cards_bought: rows(
            db,
            "SELECT id, state, initial_cents, balance_cents, recipient_name, recipient_email,
                    message, created_at, expires_at
             FROM instruments WHERE purchaser_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
        shop: shop(db, user_id).await?,
    }))
}

async fn shop(db: &Db, user_id: i64) -> Result<Option<Shop>, StoreError> {
    let Some(mut shop) = rows::<Shop>(
        db,
        "SELECT id, shop_name, shop_key, country, kind, bio, created_at FROM sellers
         WHERE user_id = $1",
        user_id,
    )
    .await?
    .pop() else {
        return Ok(None);
    };
    let mut pieces: Vec<Piece> = rows(
        db,
        "SELECT id, state, title, brand, price_cents, created_at FROM pieces
         WHERE seller_id = $1 ORDER BY id",
        shop.id,
    )
    .await?;
    let photos: Vec<(i64, String)> = on_db!(db, p => sqlx::query_as::<_, (i64, String)>(
        "SELECT ph.piece_id, ph.storage_key FROM photos ph JOIN pieces pc ON pc.id = ph.piece_id
         WHERE pc.seller_id = $1 ORDER BY ph.piece_id, ph.position")
        .bind(shop.id).fetch_all(p).await)?;
    for piece in &mut pieces {
        piece.photos = photos
            .iter()
            .filter(|(id, _)| *id == piece.id)
            .map(|(_, key)| key.clone())
            .collect();
    }
    shop.pieces = pieces;
    let accounts: Vec<(String, String, i64)> = on_db!(db, p => sqlx::query_as::<_, (String, String, i64)>(
        "SELECT iban, holder, updated_at FROM payout_accounts WHERE seller_id = $1")
        .bind(shop.id).fetch_all(p).await)?;
    shop.payout_account = accounts
        .into_iter()
        .next()
        .map(|(iban, holder, updated_at)| PayoutAccount {
            iban_last4: last4(&iban),
            holder,
            updated_at,
        });
    let mut payouts: Vec<Payout> = rows(
        db,
        "SELECT i.payout_id, y.state, i.lines, i.amount_cents, i.iban AS iban_last4,
                y.created_at, y.paid_at
         FROM payout_items i JOIN payouts y ON y.id = i.payout_id WHERE i.seller_id = $1
         ORDER BY i.payout_id",
        shop.id,
    )
    .await?;
    for p in &mut payouts {
        p.iban_last4 = last4(&p.iban_last4);
    }
    shop.payouts = payouts;
    Ok(Some(shop))
}

/// The last four characters of an IBAN: enough to recognise it, useless to anyone else.
fn last4(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}
