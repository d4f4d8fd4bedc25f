//! Carts (K1, K2, O8): anonymous or signed-in, merged at sign-in, reserving nothing. The view
//! says for each line whether the piece is still for sale and whether its price moved.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pepite_domain::commerce::{self, DiscountRule};
use pepite_store::commerce::carts as store;
pub use pepite_store::commerce::carts::{CartLineRow, CartOwner};
use pepite_store::commerce::discounts;
use rand::RngCore;

use crate::accounts::hash_secret;
use crate::{App, AppError};

/// The owner of a visitor's cart, from the secret in their cookie (only its hash is stored).
pub fn visitor(secret: &str) -> CartOwner {
    CartOwner::Visitor(hash_secret(secret))
}

/// A new, empty visitor cart; returns the secret that names it (shown once: only its hash is
/// stored, like a session's).
pub async fn create_visitor(app: &App) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let now = app.now_us().await?;
    store::get_or_create(&app.db, &visitor(&secret), now).await?;
    Ok(secret)
}

/// How many pieces the owner's cart holds in a shop, available or not.
pub async fn count(app: &App, owner: &CartOwner, shop_id: i64) -> Result<i64, AppError> {
    Ok(store::count(&app.db, owner, shop_id).await?)
}

/// The owner of an existing visitor cart. A secret that names no cart (never made, or merged
/// at sign-in) is not found, so a client cannot pick a guessable secret of its own.
pub async fn existing_visitor(app: &App, secret: &str) -> Result<CartOwner, AppError> {
    let owner = visitor(secret);
    match store::find(&app.db, &owner).await? {
        Some(_) => Ok(owner),
        None => Err(AppError::NotFound),
    }
}

#[derive(Debug, Clone)]
pub struct CartLine {
    pub row: CartLineRow,
    /// K2: still listed (someone else may still pay first: K1).
    pub available: bool,
    /// K2: the current price differs from the price when it was added.
    pub price_changed: bool,
}

/// The code typed in the cart and what it does now.
#[derive(Debug, Clone)]
pub struct CodeState {
    /// The code's id, when such a code exists.
    pub id: Option<i64>,
    pub code: String,
    /// The amount it takes off the available lines, or why it does not apply.
    pub outcome: Result<i64, &'static str>,
    /// O8: how many orders one customer may use it for, if limited.
    pub per_customer: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct CartView {
    pub lines: Vec<CartLine>,
    pub code: Option<CodeState>,
    /// Sum of the current prices of the available lines.
    pub goods_cents: i64,
    /// O9 at the tier the available lines reach.
    pub bulk_discount_cents: i64,
    /// O9: that tier's rate (basis points; 0 below every tier) and the next tier up, so the
    /// cart can explain the reduction and what one more piece would do.
    pub bulk_bps: i64,
    pub bulk_next: Option<commerce::BulkTier>,
}

impl CartView {
    pub fn available(&self) -> impl Iterator<Item = &CartLine> {
        self.lines.iter().filter(|l| l.available)
    }
}

/// The owner's cart in a shop (P3): its lines of that shop's pieces, priced by its policy.
pub async fn view(app: &App, owner: &CartOwner, shop_id: i64) -> Result<CartView, AppError> {
    let Some((cart_id, code)) = store::find(&app.db, owner).await? else {
        return Ok(CartView::default());
    };
    let now = app.now_us().await?;
    let lines: Vec<CartLine> = store::lines(&app.db, cart_id, now, shop_id)
        .await?
        .into_iter()
        .map(|row| CartLine {
            available: row.state == "listed",
            price_changed: row.price_cents != row.added_cents,
            row,
        })
        .collect();
    let policy = app.policy_of(shop_id).await?;
    let quote_lines: Vec<_> = lines
        .iter()
        .filter(|l| l.available)
        .map(|l| quote_line(&l.row))
        .collect();
    let goods_cents = quote_lines.iter().map(|l| l.price_cents).sum();
    let user = match owner {
        CartOwner::User(id) => Some(*id),
        CartOwner::Visitor(_) => None,
    };
    let code = match code {
        Some(code) => Some(evaluate_code(app, code, &quote_lines, user).await?),
        None => None,
    };
    let discount = code.as_ref().and_then(|c| c.outcome.ok()).unwrap_or(0);
    let bulk_discount_cents = commerce::bulk_discount(
        &policy.bulk_tiers,
        quote_lines.len(),
        goods_cents - discount,
    );
    Ok(CartView {
        lines,
        code,
        goods_cents,
        bulk_discount_cents,
        bulk_bps: commerce::bulk_rate(&policy.bulk_tiers, quote_lines.len()),
        bulk_next: commerce::bulk_next_tier(&policy.bulk_tiers, quote_lines.len()),
    })
}

/// A cart line as the pricing rules see it.
pub fn quote_line(row: &CartLineRow) -> commerce::QuoteLine {
    commerce::QuoteLine {
        piece_id: row.piece_id,
        seller_id: row.seller_id,
        price_cents: row.price_cents,
        weight_g: row.weight_g,
        brand: row.brand.clone(),
        category: row.category.clone(),
    }
}

/// O8: what a code takes off these lines now, or the refusal's code. `user` is None for a
/// visitor (the per-customer limit is checked again at checkout, signed in).
pub async fn evaluate_code(
    app: &App,
    code: String,
    lines: &[commerce::QuoteLine],
    user: Option<i64>,
) -> Result<CodeState, AppError> {
    let row = match discounts::by_code(&app.db, &code).await? {
        Some(row) if row.active => row,
        _ => {
            return Ok(CodeState {
                id: None,
                code,
                outcome: Err("discount_unknown"),
                per_customer: None,
            });
        }
    };
    let rule = parse_rule(&row.rule)?;
    let customer_uses = match user {
        Some(u) => discounts::customer_uses_now(&app.db, row.id, u).await?,
        None => 0,
    };
    let now = app.now_us().await?;
    let outcome =
        commerce::discount_amount(&rule, lines, now, row.uses, customer_uses).map_err(|r| r.code());
    Ok(CodeState {
        id: Some(row.id),
        code,
        outcome,
        per_customer: rule.per_customer,
    })
}

pub fn parse_rule(json: &str) -> Result<DiscountRule, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored discount rule: {e}")))
}

/// K1: puts a listed piece in the cart at its current price (C6); reserves nothing.
pub async fn add(app: &App, owner: &CartOwner, piece_id: i64) -> Result<(), AppError> {
    // A4: a cart may belong to a visitor, so a piece counts as seen by the public: a draft
    // is missing (404), a piece sold in the last days is visible but not for sale (409).
    let (piece, _) = crate::catalog::visible(app, None, piece_id).await?;
    if piece.state != "listed" {
        return Err(AppError::Conflict("piece_not_for_sale"));
    }
    let now = app.now_us().await?;
    let cart = store::get_or_create(&app.db, owner, now).await?;
    if !store::add(&app.db, cart, piece_id, piece.current_price(now), now).await? {
        return Err(AppError::Conflict("piece_not_for_sale"));
    }
    Ok(())
}

pub async fn remove(app: &App, owner: &CartOwner, piece_id: i64) -> Result<(), AppError> {
    if let Some((cart, _)) = store::find(&app.db, owner).await? {
        store::remove(&app.db, cart, piece_id).await?;
    }
    Ok(())
}

/// O8: one code per cart. An empty entry removes it; an unknown code is a field error.
pub async fn apply_code(app: &App, owner: &CartOwner, raw: &str) -> Result<(), AppError> {
    let now = app.now_us().await?;
    if raw.trim().is_empty() {
        if let Some((cart, _)) = store::find(&app.db, owner).await? {
            store::set_discount_code(&app.db, cart, None, now).await?;
        }
        return Ok(());
    }
    let code = commerce::normalise_code(raw).ok_or(AppError::field("code", "discount_unknown"))?;
    match discounts::by_code(&app.db, &code).await? {
        Some(row) if row.active => {}
        _ => return Err(AppError::field("code", "discount_unknown")),
    }
    let cart = store::get_or_create(&app.db, owner, now).await?;
    store::set_discount_code(&app.db, cart, Some(&code), now).await?;
    Ok(())
}

/// A visitor signs in: their cart joins the person's.
pub async fn merge(app: &App, visitor_secret: &str, user_id: i64) -> Result<(), AppError> {
    let now = app.now_us().await?;
    store::merge(&app.db, &hash_secret(visitor_secret), user_id, now).await?;
    Ok(())
}
