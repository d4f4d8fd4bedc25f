//! Discount codes (O8): their format, the rules staff write, and what a code takes off.

use serde::{Deserialize, Serialize};

use super::apply_bps;
use super::quote::QuoteLine;
use crate::fields::FieldErrors;
use crate::money::MAX_PRICE;
use crate::piece::Category;
use crate::search::fold;

/// A percentage (basis points) or a fixed amount (cents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DiscountValue {
    Percent(i64),
    Fixed(i64),
}

/// Which lines of an order a code reduces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DiscountScope {
    Everything,
    Brand(String),
    Category(String),
    Seller(i64),
}

/// A code as staff define it. Instants are microseconds; `ends_at_us` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountRule {
    pub code: String,
    pub value: DiscountValue,
    pub min_order_cents: i64,
    pub starts_at_us: Option<i64>,
    pub ends_at_us: Option<i64>,
    pub max_uses: Option<i64>,
    pub per_customer: Option<i64>,
    pub scope: DiscountScope,
}

/// Why a code does not apply, told to the buyer in the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountRefusal {
    NotYetValid,
    Expired,
    BelowMinimum,
    UsedUp,
    AlreadyUsed,
    NotApplicable,
}

impl DiscountRefusal {
    pub fn code(self) -> &'static str {
        match self {
            DiscountRefusal::NotYetValid => "discount_not_yet_valid",
            DiscountRefusal::Expired => "discount_expired",
            DiscountRefusal::BelowMinimum => "discount_below_minimum",
            DiscountRefusal::UsedUp => "discount_used_up",
            DiscountRefusal::AlreadyUsed => "discount_already_used",
            DiscountRefusal::NotApplicable => "discount_not_applicable",
        }
    }
}

/// Normalises what a person types ("  summer-10 " → "SUMMER-10"); None if empty or not
/// `[A-Z0-9-_]` 3..=32. Store the normalised form so lookups by it find the rule.
pub fn normalise_code(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    let ok = (3..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
    ok.then_some(code)
}

/// Validates a rule a staff member writes. Field names: code, value, min_order, starts_at,
/// ends_at, max_uses, per_customer, scope.
pub fn validate_rule(rule: &DiscountRule) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if rule.code.trim().is_empty() {
        e.add("code", "required");
    } else if normalise_code(&rule.code).is_none() {
        e.add("code", "invalid");
    }
    match rule.value {
        DiscountValue::Percent(bps) if !(1..=10_000).contains(&bps) => {
            e.add("value", "out_of_range")
        }
        DiscountValue::Fixed(cents) if !(1..=MAX_PRICE.0).contains(&cents) => {
            e.add("value", "out_of_range")
        }
        _ => {}
    }
    if !(0..=MAX_PRICE.0).contains(&rule.min_order_cents) {
        e.add("min_order", "out_of_range");
    }
    if let (Some(start), Some(end)) = (rule.starts_at_us, rule.ends_at_us)
        && end <= start
    {
        e.add("ends_at", "invalid");
    }
    if rule.max_uses.is_some_and(|n| n < 1) {
        e.add("max_uses", "out_of_range");
    }
    if rule.per_customer.is_some_and(|n| n < 1) {
        e.add("per_customer", "out_of_range");
    }
    match &rule.scope {
        DiscountScope::Everything => {}
        DiscountScope::Brand(b) if b.trim().is_empty() => e.add("scope", "required"),
        DiscountScope::Category(c) if c.trim().is_empty() => e.add("scope", "required"),
        DiscountScope::Category(c) if Category::parse(c).is_none() => {
            e.add("scope", "unknown_value")
        }
        DiscountScope::Seller(id) if *id <= 0 => e.add("scope", "invalid"),
        _ => {}
    }
    e.into_result(())
}

/// Whether a line falls in the code's scope. Brands are free text typed by sellers, so they
/// are compared folded ("Hermès" meets "HERMES").
fn in_scope(scope: &DiscountScope, line: &QuoteLine) -> bool {
    match scope {
        DiscountScope::Everything => true,
        DiscountScope::Brand(b) => fold(b.trim()) == fold(line.brand.trim()),
        DiscountScope::Category(c) => c.trim() == line.category.trim(),
        DiscountScope::Seller(id) => *id == line.seller_id,
    }
}

/// O8: the amount a code takes off these lines at `now_us`, given how often it was used in
/// total and by this customer (0 for a buyer not signed in). The amount applies to the
/// eligible lines only (scope); a fixed amount never exceeds their total; the minimum order
/// compares the whole order's goods total. Checks run dates, limits, scope, then minimum, so
/// the buyer hears the reason that no change to the cart can fix first.
pub fn discount_amount(
    rule: &DiscountRule,
    lines: &[QuoteLine],
    now_us: i64,
    uses: i64,
    customer_uses: i64,
) -> Result<i64, DiscountRefusal> {
    if rule.starts_at_us.is_some_and(|s| now_us < s) {
        return Err(DiscountRefusal::NotYetValid);
    }
    if rule.ends_at_us.is_some_and(|e| now_us >= e) {
        return Err(DiscountRefusal::Expired);
    }
    if rule.max_uses.is_some_and(|m| uses >= m) {
        return Err(DiscountRefusal::UsedUp);
    }
    if rule.per_customer.is_some_and(|m| customer_uses >= m) {
        return Err(DiscountRefusal::AlreadyUsed);
    }
    let eligible: i64 = lines
        .iter()
        .filter(|l| in_scope(&rule.scope, l))
        .map(|l| l.price_cents.max(0))
        .sum();
    if eligible == 0 {
        return Err(DiscountRefusal::NotApplicable);
    }
    let goods: i64 = lines.iter().map(|l| l.price_cents.max(0)).sum();
    if goods < rule.min_order_cents {
        return Err(DiscountRefusal::BelowMinimum);
    }
    Ok(match rule.value {
        DiscountValue::Percent(bps) => apply_bps(eligible, bps.min(10_000)),
        DiscountValue::Fixed(cents) => cents.clamp(0, eligible),
    })
}

#[cfg(test)]
mod tests;
