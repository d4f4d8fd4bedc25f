//! Carts (K1, K2): lines remember the price a piece had when it was added; nothing is reserved.

use sqlx::FromRow;

use crate::db::{on_db, on_tx};
use crate::{Db, StoreError, Tx};

/// Whose cart: a signed-in person's, or an anonymous visitor's (by the hash of its cookie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartOwner {
    User(i64),
    Visitor(String),
}

/// A cart line with the piece as it is now, so the cart can say what changed (K2).
#[derive(Debug, Clone, FromRow)]
pub struct CartLineRow {
    pub piece_id: i64,
    pub seller_id: i64,
    pub shop_name: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size_label: String,
    pub grade: String,
    pub state: String,
    pub price_cents: i64,
    pub added_cents: i64,
    pub weight_g: i64,
    pub cover_key: Option<String>,
    pub added_at: i64,
}

/// The cart's id and discount code, if the owner has a cart.
pub async fn find(db: &Db, owner: &CartOwner) -> Result<Option<(i64, Option<String>)>, StoreError> {
    let (sql, user, token) = owner_query(owner);
    Ok(
        on_db!(db, p => sqlx::query_as::<_, (i64, Option<String>)>(sql)
        .bind(user).bind(token).fetch_optional(p).await)?,
    )
}

fn owner_query(owner: &CartOwner) -> (&'static str, Option<i64>, Option<&str>) {
    match owner {
        CartOwner::User(id) => (
            "SELECT id, discount_code FROM carts WHERE user_id = $1 AND $2 IS NULL",
            Some(*id),
            None,
        ),
        CartOwner::Visitor(hash) => (
            "SELECT id, discount_code FROM carts WHERE $1 IS NULL AND token_hash = $2",
            None,
            Some(hash.as_str()),
        ),
    }
}

/// How many pieces the owner's cart holds in a shop (the count in every page's header); 0
/// without a cart.
pub async fn count(db: &Db, owner: &CartOwner, shop_id: i64) -> Result<i64, StoreError> {
    let (_, user, token) = owner_query(owner);
    let sql = match owner {
        CartOwner::User(_) => {
            "SELECT COUNT(*) FROM cart_lines l JOIN pieces p ON p.id = l.piece_id
                 JOIN sellers s ON s.id = p.seller_id
             WHERE s.shop_id = $3 AND l.cart_id IN
                (SELECT id FROM carts WHERE user_id = $1 AND $2 IS NULL)"
        }
        CartOwner::Visitor(_) => {
            "SELECT COUNT(*) FROM cart_lines l JOIN pieces p ON p.id = l.piece_id
                 JOIN sellers s ON s.id = p.seller_id
             WHERE s.shop_id = $3 AND l.cart_id IN
                (SELECT id FROM carts WHERE $1 IS NULL AND token_hash = $2)"
        }
    };
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(sql)
        .bind(user).bind(token).bind(shop_id).fetch_one(p).await)?)
}

/// The owner's cart, created on first use. One upsert, so two first clicks make one cart.
pub async fn get_or_create(db: &Db, owner: &CartOwner, now: i64) -> Result<i64, StoreError> {
    let sql = match owner {
        CartOwner::User(_) => {
            "INSERT INTO carts (user_id, token_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)
             ON CONFLICT (user_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id"
        }
        CartOwner::Visitor(_) => {
            "INSERT INTO carts (user_id, token_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)
             ON CONFLICT (token_hash) DO UPDATE SET updated_at = excluded.updated_at RETURNING id"
        }
    };
    let (_, user, token) = owner_query(owner);
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(sql)
        .bind(user).bind(token).bind(now).fetch_one(p).await)?)
}

/// Adds a piece at `price_cents` (its current price, C6) if it is listed; false otherwise.
/// A piece already in the cart keeps its first line.
pub async fn add(
    db: &Db,
    cart_id: i64,
    piece_id: i64,
    price_cents: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "INSERT INTO cart_lines (cart_id, piece_id, added_cents, added_at)
         SELECT $1, id, $3, $4 FROM pieces WHERE id = $2 AND state = 'listed'
         ON CONFLICT (cart_id, piece_id) DO NOTHING")
        .bind(cart_id).bind(piece_id).bind(price_cents).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        return Ok(true);
    }
    // Already there counts as added; a piece that is not for sale does not.
    Ok(on_db!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM cart_lines WHERE cart_id = $1 AND piece_id = $2")
        .bind(cart_id).bind(piece_id).fetch_one(p).await)?
        == 1)
}

pub async fn remove(db: &Db, cart_id: i64, piece_id: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query("DELETE FROM cart_lines WHERE cart_id = $1 AND piece_id = $2")
        .bind(cart_id).bind(piece_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The lines of a cart in a shop (P3: one cart, seen and paid shop by shop), oldest first,
/// with each piece's present state and current price at `now` (C6: a running agreed price,
/// else the list price).
pub async fn lines(
    db: &Db,
    cart_id: i64,
    now: i64,
    shop_id: i64,
) -> Result<Vec<CartLineRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as::<_, CartLineRow>(
        "SELECT p.id AS piece_id, p.seller_id, s.shop_name, p.title, p.brand, p.category,
                p.size_label, p.grade, p.state,
                CASE WHEN p.agreed_until > $2 THEN p.agreed_cents ELSE p.price_cents END
                    AS price_cents,
                l.added_cents, p.weight_g, p.cover_key, l.added_at
         FROM cart_lines l JOIN pieces p ON p.id = l.piece_id JOIN sellers s ON s.id = p.seller_id
         WHERE l.cart_id = $1 AND s.shop_id = $3 ORDER BY l.added_at, p.id")
        .bind(cart_id).bind(now).bind(shop_id).fetch_all(p).await)?)
}

/// O8: the code typed in the cart (already normalised), or none.
pub async fn set_discount_code(
    db: &Db,
    cart_id: i64,
    code: Option<&str>,
    now: i64,
) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("UPDATE carts SET discount_code = $2, updated_at = $3 WHERE id = $1")
        .bind(cart_id).bind(code).bind(now).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// A visitor signs in: their lines join the person's cart (lines already there win) and the
/// visitor's cart goes. One transaction, so no line is lost or doubled.
pub async fn merge(db: &Db, visitor_hash: &str, user_id: i64, now: i64) -> Result<(), StoreError> {
    let Some((from, code)) = find(db, &CartOwner::Visitor(visitor_hash.to_owned())).await? else {
        return Ok(());
    };
    let into = get_or_create(db, &CartOwner::User(user_id), now).await?;
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query(
        "INSERT INTO cart_lines (cart_id, piece_id, added_cents, added_at)
         SELECT $2, piece_id, added_cents, added_at FROM cart_lines WHERE cart_id = $1
         ON CONFLICT (cart_id, piece_id) DO NOTHING")
        .bind(from).bind(into).execute(c).await.map(|_| ()))?;
    on_tx!(&mut tx, c => sqlx::query(
        "UPDATE carts SET discount_code = COALESCE(discount_code, $2), updated_at = $3 WHERE id = $1")
        .bind(into).bind(code).bind(now).execute(c).await.map(|_| ()))?;
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM carts WHERE id = $1").bind(from).execute(c).await.map(|_| ()))?;
    tx.commit().await
}

/// After a sale, the buyer's cart forgets the pieces bought (other carts keep them, K1) and,
/// when the order used it, the discount code.
pub async fn remove_bought(
    tx: &mut Tx,
    user_id: i64,
    order_id: i64,
    used_code: bool,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "DELETE FROM cart_lines WHERE cart_id IN (SELECT id FROM carts WHERE user_id = $1)
           AND piece_id IN (SELECT piece_id FROM order_lines WHERE order_id = $2)")
        .bind(user_id).bind(order_id).execute(c).await.map(|_| ()))?;
    if used_code {
        on_tx!(tx, c => sqlx::query("UPDATE carts SET discount_code = NULL WHERE user_id = $1")
            .bind(user_id).execute(c).await.map(|_| ()))?;
    }
    Ok(())
}
