//! The checkout summary: every line of the total, recomputed on the server from the cart,
//! the policy, the discount code and the gift cards (the client's figures are never trusted).

use pepite_domain::FieldErrors;
use pepite_domain::commerce::{self, Quote, QuoteError, ShippingMode};
use pepite_store::commerce::instruments;

use crate::accounts::Principal;
use crate::carts::{self, CartLine, CartOwner, CodeState};
use crate::{App, AppError, GonePiece};

/// A gift card or voucher paying part of the order (O10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentPart {
    pub id: i64,
    pub code: String,
    pub balance_cents: i64,
    pub amount_cents: i64,
}

/// O8: a discount code that takes something off this order.
#[derive(Debug, Clone)]
pub struct AppliedCode {
    pub id: i64,
    pub code: String,
    pub amount_cents: i64,
    /// How many orders one customer may use it for, if limited.
    pub per_customer: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Summary {
    /// The lines being bought (still listed).
    pub lines: Vec<CartLine>,
    /// K1: lines of the cart someone else bought first; not in the order.
    pub gone: Vec<CartLine>,
    pub quote: Quote,
    /// O8: the discount code, when one applies.
    pub code: Option<AppliedCode>,
    pub instruments: Vec<InstrumentPart>,
    /// What the card or PayPal pays: the total less the instruments.
    pub card_cents: i64,
}

/// O1–O10: the summary of the signed-in buyer's cart in a shop (P3: its pieces, its
/// policy) for a destination and a mode.
pub async fn summary(
    app: &App,
    who: &Principal,
    shop_id: i64,
    mode: ShippingMode,
    country: &str,
    gift_cards: &[String],
) -> Result<Summary, AppError> {
    let owner = CartOwner::User(who.user_id);
    let view = carts::view(app, &owner, shop_id).await?;
    let code = view.code;
    let (lines, gone): (Vec<_>, Vec<_>) = view.lines.into_iter().partition(|l| l.available);
    if lines.is_empty() {
        return Err(if gone.is_empty() {
            AppError::Conflict("empty_cart")
        } else {
            AppError::PiecesGone(
                gone.iter()
                    .map(|l| GonePiece {
                        id: l.row.piece_id,
                        title: l.row.title.clone(),
                        held: false,
                    })
                    .collect(),
            )
        });
    }
    if who
        .seller_id
        .is_some_and(|s| lines.iter().any(|l| l.row.seller_id == s))
    {
        return Err(AppError::Conflict("own_piece"));
    }
    let quote_lines: Vec<_> = lines.iter().map(|l| carts::quote_line(&l.row)).collect();
    // The cart view already evaluated the code on these same lines, for this buyer.
    let code = match code {
        None => None,
        Some(CodeState {
            outcome: Err(refusal),
            ..
        }) => return Err(AppError::field("code", refusal)),
        Some(CodeState {
            id,
            code,
            outcome,
            per_customer,
        }) => id.zip(outcome.ok()).map(|(id, amount_cents)| AppliedCode {
            id,
            code,
            amount_cents,
            per_customer,
        }),
    };
    let policy = app.policy_of(shop_id).await?;
    let discount = code.as_ref().map_or(0, |c| c.amount_cents);
    let quote =
        commerce::quote(&policy, &quote_lines, country, mode, discount).map_err(|e| match e {
            QuoteError::UnknownDestination => AppError::field("delivery.country", e.code()),
            QuoteError::EmptyCart => AppError::Conflict("empty_cart"),
            QuoteError::TooHeavy => AppError::Conflict("too_heavy"),
        })?;
    let found = resolve_instruments(app, shop_id, gift_cards).await?;
    let available: Vec<(i64, i64)> = found.iter().map(|i| (i.id, i.balance_cents)).collect();
    let (parts, card_cents) = commerce::allocate_instruments(quote.total_cents, &available);
    let instruments = found
        .into_iter()
        .filter_map(|i| {
            let amount = parts.iter().find(|(id, _)| *id == i.id)?.1;
            Some(InstrumentPart {
                amount_cents: amount,
                ..i
            })
        })
        .collect();
    Ok(Summary {
        lines,
        gone,
        quote,
        code,
        instruments,
        card_cents,
    })
}

/// G2: the instruments behind the codes typed, each usable now, each once. T7/P3: a trade-in
/// voucher pays only in its brand's resale shop (`voucher_other_shop` elsewhere): the brand's
/// credit buys the brand's pieces, not other sellers'.
async fn resolve_instruments(
    app: &App,
    shop_id: i64,
    codes: &[String],
) -> Result<Vec<InstrumentPart>, AppError> {
    let now = app.now_us().await?;
    let shop_programme = app
        .shops()
        .await?
        .by_id(shop_id)
        .and_then(|s| s.programme_id);
    let mut errors = FieldErrors::new();
    let mut out: Vec<InstrumentPart> = Vec::new();
    for raw in codes.iter().filter(|c| !c.trim().is_empty()) {
        let Some(code) = commerce::normalise_gift_card_code(raw) else {
            errors.add("gift_cards", "gift_card_unknown");
            continue;
        };
        if out.iter().any(|i| i.code == code) {
            continue;
        }
        match instruments::by_code(&app.db, &code).await? {
            Some(i) if i.state == "active" && i.expires_at <= now => {
                errors.add("gift_cards", "gift_card_expired")
            }
            Some(i) if i.state == "active" && i.balance_cents == 0 => {
                errors.add("gift_cards", "gift_card_empty")
            }
            Some(i)
                if i.kind == "voucher"
                    && instruments::programme_of(&app.db, i.id).await? != shop_programme =>
            {
                errors.add("gift_cards", "voucher_other_shop")
            }
            Some(i) if i.state == "active" => out.push(InstrumentPart {
                id: i.id,
                code,
                balance_cents: i.balance_cents,
                amount_cents: 0,
            }),
            _ => errors.add("gift_cards", "gift_card_unknown"),
        }
    }
    errors.into_result(out).map_err(AppError::from)
}
