//! The cart (K1, K2, O8, O9): each line says whether its piece is still for sale and whether
//! its price moved; one discount code; the bulk reduction; on to checkout. Visitors have one
//! too, named by their cookie.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use pepite_app::AppError;
use pepite_app::carts::{self, CartView};
use pepite_domain::FieldErrors;
use serde::Deserialize;

use super::visitor::{owner as owner_of, owner_or_new};
use crate::AppState;
use crate::i18n;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// One line as shown.
struct LineView {
    piece_id: i64,
    title: String,
    brand: String,
    size_label: String,
    shop_name: String,
    seller_id: i64,
    cover_key: Option<String>,
    price_cents: i64,
    added_cents: i64,
    available: bool,
    price_changed: bool,
}

#[derive(Template)]
#[template(path = "buy/cart.html")]
struct CartPage<'a> {
    ctx: &'a PageCtx,
    lines: Vec<LineView>,
    /// What the code field shows: the cart's code, or the one just refused.
    code_input: String,
    /// The cart's code and what it takes off, or why it does not apply now.
    code_applied: Option<(String, i64)>,
    code_refusal: Option<(String, String)>,
    goods_cents: i64,
    bulk_cents: i64,
    /// O9 explained: the rate reached, and the next tier (pieces still to add, its rate).
    bulk_bps: i64,
    bulk_next: Option<(i64, i64)>,
    subtotal_cents: i64,
    can_check_out: bool,
    notice: Option<&'static str>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CartQuery {
    done: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PieceForm {
    piece_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

/// What to show besides the cart itself.
#[derive(Default)]
struct Shown {
    notice: Option<&'static str>,
    /// A code just refused, shown again in its field beside the error.
    typed: Option<String>,
    errors: FieldErrors,
}

fn page(ctx: &PageCtx, view: CartView, shown: Shown) -> Response {
    let status = if shown.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (mut code_applied, mut code_refusal) = (None, None);
    if let Some(c) = &view.code {
        match c.outcome {
            Ok(amount) => code_applied = Some((c.code.clone(), amount)),
            Err(refusal) => code_refusal = Some((c.code.clone(), refusal_text(ctx, refusal))),
        }
    }
    let discount = code_applied.as_ref().map_or(0, |c| c.1);
    // O8: a code saved but not applying is said once, as a refusal, not also as "saved".
    let notice = shown
        .notice
        .filter(|n| !(*n == "cart-code-saved" && code_refusal.is_some()));
    let pieces = view.available().count() as i64;
    let can_check_out = view.available().next().is_some();
    let page = CartPage {
        ctx,
        code_input: shown
            .typed
            .or_else(|| view.code.as_ref().map(|c| c.code.clone()))
            .unwrap_or_default(),
        can_check_out,
        goods_cents: view.goods_cents,
        bulk_cents: view.bulk_discount_cents,
        bulk_bps: view.bulk_bps,
        bulk_next: view.bulk_next.map(|t| (t.min_pieces - pieces, t.bps)),
        subtotal_cents: view.goods_cents - discount - view.bulk_discount_cents,
        lines: view
            .lines
            .into_iter()
            .map(|l| LineView {
                piece_id: l.row.piece_id,
                title: l.row.title,
                brand: l.row.brand,
                size_label: l.row.size_label,
                shop_name: l.row.shop_name,
                seller_id: l.row.seller_id,
                cover_key: l.row.cover_key,
                price_cents: l.row.price_cents,
                added_cents: l.row.added_cents,
                available: l.available,
                price_changed: l.price_changed,
            })
            .collect(),
        code_applied,
        code_refusal,
        notice,
        errors: FormErrors::new(ctx.lang, shown.errors),
    };
    (status, render(&page)).into_response()
}

/// Why a code does not apply, as a sentence (the field messages say it best).
fn refusal_text(ctx: &PageCtx, code: &'static str) -> String {
    let mut e = FieldErrors::new();
    e.add("code", code);
    i18n::field_message(ctx.lang, &e.0[0])
}

pub async fn show(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Query(q): Query<CartQuery>,
) -> Result<Response, PageError> {
    let view = match owner_of(&ctx, &jar) {
        Some(o) => carts::view(&s.app, &o, ctx.shop_id()).await.or_page(&ctx)?,
        None => CartView::default(),
    };
    let notice = match q.done.as_str() {
        "removed" => Some("cart-removed"),
        "code" => Some("cart-code-saved"),
        _ => None,
    };
    Ok(page(
        &ctx,
        view,
        Shown {
            notice,
            ..Shown::default()
        },
    ))
}

fn piece_id(ctx: &PageCtx, raw: &str) -> Result<i64, PageError> {
    super::parse_id(ctx, raw.trim())
}

/// K1: into the cart, reserving nothing.
pub async fn add(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Form(form): Form<PieceForm>,
) -> Result<Response, PageError> {
    let id = piece_id(&ctx, &form.piece_id)?;
    let (owner, cookie) = owner_or_new(&s, &ctx, &jar);
    carts::add(&s.app, &owner, id).await.or_page(&ctx)?;
    let jar = cookie.into_iter().fold(CookieJar::new(), CookieJar::add);
    // Back to the piece, which confirms and counts the cart in its header: people add a piece
    // and go on browsing; the cart is one click away.
    Ok((jar, see_other(&format!("/pieces/{id}?done=added_to_cart"))).into_response())
}

pub async fn remove(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Form(form): Form<PieceForm>,
) -> Result<Response, PageError> {
    let id = piece_id(&ctx, &form.piece_id)?;
    if let Some(owner) = owner_of(&ctx, &jar) {
        carts::remove(&s.app, &owner, id).await.or_page(&ctx)?;
    }
    Ok(see_other("/cart?done=removed"))
}

/// O8: one code per cart; an empty entry takes it off.
pub async fn code(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let (owner, cookie) = owner_or_new(&s, &ctx, &jar);
    match carts::apply_code(&s.app, &owner, &form.code).await {
        Ok(()) => {
            let jar = cookie.into_iter().fold(CookieJar::new(), CookieJar::add);
            Ok((jar, see_other("/cart?done=code")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            // Nothing was written: a visitor without a cart keeps having none.
            let view = match owner_of(&ctx, &jar) {
                Some(o) => carts::view(&s.app, &o, ctx.shop_id()).await.or_page(&ctx)?,
                None => CartView::default(),
            };
            let shown = Shown {
                typed: Some(form.code.trim().to_owned()),
                errors,
                ..Shown::default()
            };
            Ok(page(&ctx, view, shown))
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}
