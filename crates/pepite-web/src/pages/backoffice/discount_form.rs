//! The discount-code form (O8) as staff fill it in: a percentage typed "10" or an amount typed
//! "5,00", days of the Paris calendar, empty limits for "no limit", one scope. Read into a
//! `DiscountRule` (basis points, cents, instants), and a stored rule written back for editing.

use pepite_domain::commerce::{DiscountRule, DiscountScope, DiscountValue};
use pepite_domain::money::MAX_PRICE;
use pepite_domain::{FieldError, FieldErrors, Money};
use serde::Deserialize;

use super::days::{day_end_us, day_of, day_start_us};
use super::numbers::{amount_or_zero, format_amount, format_scaled, optional_whole, parse_scaled};
use crate::pages::PageCtx;
use crate::pages::forms::checkbox;

/// What the form sends, as typed. `until` is the last day the code works, included.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(super) struct DiscountForm {
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    pub value: String,
    pub min_order: String,
    pub starts_at: String,
    pub ends_at: String,
    pub max_uses: String,
    pub per_customer: String,
    /// `everything`, `brand`, `category` or `seller`; only the matching field below is read.
    pub scope: String,
    pub brand: String,
    pub category: String,
    pub seller: String,
    /// Only the edit form has the box; a box left unticked is not sent at all.
    #[serde(default, deserialize_with = "checkbox")]
    pub active: bool,
}

impl Default for DiscountForm {
    /// A new code: a percentage on everything (the store makes it active).
    fn default() -> Self {
        DiscountForm {
            code: String::new(),
            kind: "percent".into(),
            value: String::new(),
            min_order: String::new(),
            starts_at: String::new(),
            ends_at: String::new(),
            max_uses: String::new(),
            per_customer: String::new(),
            scope: "everything".into(),
            brand: String::new(),
            category: String::new(),
            seller: String::new(),
            active: false,
        }
    }
}

impl DiscountForm {
    /// A stored code, as the form shows it for editing.
    pub fn from_rule(ctx: &PageCtx, rule: &DiscountRule, active: bool) -> Self {
        let (kind, value) = match rule.value {
            DiscountValue::Percent(bps) => ("percent", format_scaled(bps, 2, ctx.lang)),
            DiscountValue::Fixed(cents) => ("fixed", format_amount(cents, ctx.lang)),
        };
        let mut form = DiscountForm {
            code: rule.code.clone(),
            kind: kind.into(),
            value,
            min_order: match rule.min_order_cents {
                0 => String::new(),
                cents => format_amount(cents, ctx.lang),
            },
            starts_at: rule.starts_at_us.map(day_of).unwrap_or_default(),
            ends_at: rule
                .ends_at_us
                .map(|end| day_of(end - 1))
                .unwrap_or_default(),
            max_uses: rule.max_uses.map(|n| n.to_string()).unwrap_or_default(),
            per_customer: rule.per_customer.map(|n| n.to_string()).unwrap_or_default(),
            active,
            ..DiscountForm::default()
        };
        match &rule.scope {
            DiscountScope::Everything => {}
            DiscountScope::Brand(b) => (form.scope, form.brand) = ("brand".into(), b.clone()),
            DiscountScope::Category(c) => {
                (form.scope, form.category) = ("category".into(), c.clone())
            }
            DiscountScope::Seller(id) => {
                (form.scope, form.seller) = ("seller".into(), id.to_string())
            }
        }
        form
    }

    /// The rule typed, or every field that could not be read. What the rule means (a
    /// percentage above 100, an end before the start…) is the use case's to check.
    pub fn to_rule(&self) -> Result<DiscountRule, FieldErrors> {
        let mut e = FieldErrors::new();
        let value = match self.kind.as_str() {
            "fixed" => Money::parse_amount("value", &self.value, MAX_PRICE)
                .map(|m| DiscountValue::Fixed(m.cents())),
            "percent" if self.value.trim().is_empty() => Err(FieldError::new("value", "required")),
            "percent" => parse_scaled(&self.value, 2)
                .map(DiscountValue::Percent)
                .ok_or(FieldError::new("value", "invalid_percent")),
            _ => Err(FieldError::new("kind", "unknown_value")),
        };
        let value = e.take(value);
        let min_order = match self.min_order.trim() {
            "" => Some(0),
            raw => e.take(amount_or_zero("min_order", raw)),
        };
        let starts_at = e.take(day("starts_at", &self.starts_at, day_start_us));
        let ends_at = e.take(day("ends_at", &self.ends_at, day_end_us));
        let max_uses = e.take(optional_whole("max_uses", &self.max_uses));
        let per_customer = e.take(optional_whole("per_customer", &self.per_customer));
        let scope = e.take(self.scope());
        // Each field that could not be read left its error and a `None`.
        let (
            Some(value),
            Some(min_order_cents),
            Some(starts_at_us),
            Some(ends_at_us),
            Some(max_uses),
            Some(per_customer),
            Some(scope),
        ) = (
            value,
            min_order,
            starts_at,
            ends_at,
            max_uses,
            per_customer,
            scope,
        )
        else {
            return Err(e);
        };
        Ok(DiscountRule {
            code: self.code.clone(),
            value,
            min_order_cents,
            starts_at_us,
            ends_at_us,
            max_uses,
            per_customer,
            scope,
        })
    }

    fn scope(&self) -> Result<DiscountScope, FieldError> {
        Ok(match self.scope.as_str() {
            "everything" => DiscountScope::Everything,
            "brand" => DiscountScope::Brand(self.brand.trim().to_owned()),
            "category" => DiscountScope::Category(self.category.trim().to_owned()),
            "seller" => DiscountScope::Seller(
                self.seller
                    .trim()
                    .parse()
                    .map_err(|_| FieldError::new("scope", "invalid_number"))?,
            ),
            _ => return Err(FieldError::new("scope", "unknown_value")),
        })
    }
}

/// An optional day of the Paris calendar, read by `to_us`.
fn day(field: &str, raw: &str, to_us: fn(&str) -> Option<i64>) -> Result<Option<i64>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    to_us(raw)
        .map(Some)
        .ok_or(FieldError::new(field, "invalid_date"))
}
