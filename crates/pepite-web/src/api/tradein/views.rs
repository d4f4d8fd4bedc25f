//! What the trade-in API answers with: boxes and their pieces, quotes, programmes, styles,
//! vouchers, redemptions. Refusals and grid lines are the domain's own values as JSON.

use pepite_app::tradein::Programme;
use pepite_app::tradein::boxes::{BoxRow, ItemRow, QuoteAnswer};
use pepite_store::tradein::programmes::StyleRow;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::json::{Price, timestamp};

/// A programme as people see it (T1).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeView {
    pub id: i64,
    #[schema(example = "maison-lune")]
    pub code: String,
    pub name: String,
    pub brands: Vec<String>,
    /// Category keys not taken (default: underwear, swimwear, accessories).
    pub excluded_categories: Vec<String>,
    /// Nothing from a season before this year; never the season on sale.
    pub earliest_year: i16,
    pub countries: Vec<String>,
    pub min_age: i16,
    /// T6: business days (Paris, French holidays) to handle a box from its arrival.
    pub handling_business_days: i64,
    /// T7: a voucher's validity from its issue.
    pub voucher_validity_months: i8,
    /// T3: the price grid (`category` null = every category; `max_age_years` null = any age).
    #[schema(value_type = Vec<Object>)]
    pub grid: serde_json::Value,
    /// The version a rules update must name (compare-and-set).
    pub version: i64,
}

impl From<&Programme> for ProgrammeView {
    fn from(p: &Programme) -> Self {
        let r = &p.rules;
        ProgrammeView {
            id: p.row.id,
            code: p.row.code.clone(),
            name: p.row.name.clone(),
            brands: r.brands.clone(),
            excluded_categories: r
                .excluded_categories
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            earliest_year: r.earliest_year,
            countries: r.countries.clone(),
            min_age: r.min_age,
            handling_business_days: r.handling_business_days,
            voucher_validity_months: r.voucher_validity_months,
            grid: serde_json::to_value(&r.grid).unwrap_or_default(),
            version: p.row.version,
        }
    }
}

/// A style of the brand's reference catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct StyleView {
    pub id: i64,
    #[schema(example = "ML-100")]
    pub style_id: String,
    pub name: String,
    pub brand: String,
    pub category: String,
    #[schema(example = "AW2024")]
    pub season: String,
    pub reference_price: Price,
    pub photo_url: String,
}

impl From<StyleRow> for StyleView {
    fn from(s: StyleRow) -> Self {
        StyleView {
            id: s.id,
            style_id: s.style_ref,
            name: s.name,
            brand: s.brand,
            category: s.category,
            season: s.season,
            reference_price: Price::cents(s.reference_cents),
            photo_url: s.photo_url,
        }
    }
}

/// T3: one piece of a quote: its amount and the grid line it came from, or why it is refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuotedPiece {
    /// The style's id in this API.
    pub style: i64,
    pub style_id: String,
    pub name: String,
    pub grade: String,
    pub amount: Option<Price>,
    #[schema(value_type = Option<Object>)]
    pub grid_line: Option<serde_json::Value>,
    /// Each with a `code`: `too_young`, `country`, `brand`, `category`, `season_too_old`,
    /// `season_current`, `grade`, `condition`, and the values it failed.
    #[schema(value_type = Vec<Object>)]
    pub refusals: serde_json::Value,
}

/// T1–T3: the instant answer; `box_id` names the saved quote to accept.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteView {
    /// T1: the person's own refusals (age, country); nothing is saved then.
    #[schema(value_type = Vec<Object>)]
    pub person_refusals: serde_json::Value,
    pub pieces: Vec<QuotedPiece>,
    pub total: Price,
    pub box_id: Option<i64>,
}

impl From<QuoteAnswer> for QuoteView {
    fn from(q: QuoteAnswer) -> Self {
        QuoteView {
            person_refusals: serde_json::to_value(&q.person_refusals).unwrap_or_default(),
            pieces: q
                .pieces
                .into_iter()
                .map(|p| QuotedPiece {
                    style: p.style_id,
                    style_id: p.style_ref,
                    name: p.name,
                    grade: p.grade,
                    amount: p.quoted.as_ref().map(|q| Price::cents(q.amount_cents)),
                    grid_line: p
                        .quoted
                        .as_ref()
                        .and_then(|q| serde_json::to_value(&q.line).ok()),
                    refusals: serde_json::to_value(&p.refusals).unwrap_or_default(),
                })
                .collect(),
            total: Price::cents(q.total_cents),
            box_id: q.box_id,
        }
    }
}

/// A piece of a box, before and after inspection.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: i64,
    pub style_id: String,
    pub name: String,
    pub declared_grade: String,
    pub quoted: Price,
    /// `pending`, `accepted` or `refused`.
    pub outcome: String,
    pub final_grade: Option<String>,
    pub credited: Option<Price>,
    pub refusal_reason: Option<String>,
    /// T5: a refused piece's free return label.
    pub return_tracking: Option<String>,
}

/// A quote and then the box it became (T3–T6).
#[derive(Debug, Serialize, ToSchema)]
pub struct BoxView {
    pub id: i64,
    pub programme_id: i64,
    /// `quoted`, `accepted`, `arrived` or `handled`.
    pub state: String,
    pub quoted: Price,
    pub quoted_at: String,
    pub accepted_at: Option<String>,
    /// T4: the prepaid label's carrier and tracking number.
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub arrived_at: Option<String>,
    /// T6: the last business day to handle the box (`YYYY-MM-DD`, Paris).
    pub answer_by: Option<String>,
    pub handled_at: Option<String>,
    pub items: Vec<ItemView>,
}

impl BoxView {
    pub fn of(b: BoxRow, items: Vec<ItemRow>) -> Self {
        BoxView {
            id: b.id,
            programme_id: b.programme_id,
            state: b.state,
            quoted: Price::cents(b.quoted_cents),
            quoted_at: timestamp(b.quoted_at),
            accepted_at: b.accepted_at.map(timestamp),
            carrier: b.carrier,
            tracking: b.tracking,
            arrived_at: b.arrived_at.map(timestamp),
            answer_by: b.due_on,
            handled_at: b.handled_at.map(timestamp),
            items: items
                .into_iter()
                .map(|i| ItemView {
                    id: i.id,
                    style_id: i.style_ref,
                    name: i.name,
                    declared_grade: i.declared_grade,
                    quoted: Price::cents(i.quoted_cents),
                    outcome: i.outcome.unwrap_or_else(|| "pending".into()),
                    final_grade: i.final_grade,
                    credited: i.credited_cents.map(Price::cents),
                    refusal_reason: i.refusal_reason,
                    return_tracking: i.return_tracking,
                })
                .collect(),
        }
    }
}
