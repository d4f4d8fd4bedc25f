//! The policy's three tables as tables of inputs (P3, O3, O4, O9): shipping rates in euros by
//! zone and weight, delivery times in business days by country or region, bulk reductions in
//! percent. Each row's cells are form fields named `table.row.column`; blank rows at the end
//! add lines, and a row whose cells are emptied is removed. A cell that does not read is an
//! error of its table naming the row, so nothing is saved half-read.

use std::collections::HashMap;

use pepite_domain::account::Language;
use pepite_domain::commerce::{BulkTier, DeliveryEstimate, Region, ShippingRate, Zone};
use pepite_domain::policy::Policy;
use pepite_domain::{FieldError, FieldErrors};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::numbers::{amount_or_zero, format_amount, format_scaled, parse_scaled, whole};

/// Empty rows offered under each table for new lines.
const BLANK_ROWS: usize = 2;

/// What a table is: its field name (where its errors land), its columns, and the one column
/// that is a select (always has a value, so it does not make a row filled).
#[derive(Debug, Clone, Copy)]
pub(in crate::pages) struct Spec {
    pub field: &'static str,
    pub columns: &'static [&'static str],
    pub select: Option<usize>,
}

const RATES: Spec = Spec {
    field: "shipping_rates",
    columns: &["zone", "max_weight_g", "direct", "grouped"],
    select: Some(0),
};
const DELIVERY: Spec = Spec {
    field: "delivery_days",
    columns: &["country", "region", "min_days", "max_days"],
    select: Some(1),
};
const TIERS: Spec = Spec {
    field: "bulk_tiers",
    columns: &["min_pieces", "percent"],
    select: None,
};

/// One table and its rows of cells as typed (strings, so a refused form shows back exactly
/// what was typed).
#[derive(Debug, Clone)]
pub(in crate::pages) struct Table {
    spec: Spec,
    pub(in crate::pages) rows: Vec<Vec<String>>,
    /// Whether the form carried this table at all: a form without it (an older page, a
    /// script) keeps the stored one.
    sent: bool,
}

impl Table {
    pub(in crate::pages) fn new(spec: Spec, rows: Vec<Vec<String>>) -> Self {
        let sent = !rows.is_empty();
        let mut table = Table { spec, rows, sent };
        table.rows.retain(|row| !table.spec.blank(row));
        table
            .rows
            .extend((0..BLANK_ROWS).map(|_| vec![String::new(); spec.columns.len()]));
        table
    }

    pub(in crate::pages) fn field(&self) -> &'static str {
        self.spec.field
    }

    pub(in crate::pages) fn columns(&self) -> &'static [&'static str] {
        self.spec.columns
    }

    /// The table as the form sent it: cells `field.row.column`, rows in index order.
    pub(in crate::pages) fn from_cells(spec: Spec, cells: &HashMap<String, String>) -> Self {
        let Spec { field, columns, .. } = spec;
        let prefix = format!("{field}.");
        let last = cells
            .keys()
            .filter_map(|k| {
                k.strip_prefix(&prefix)?
                    .split('.')
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .max();
        let rows = last.map_or(0, |l| l + 1);
        let rows = (0..rows)
            .map(|i| {
                columns
                    .iter()
                    .map(|c| {
                        cells
                            .get(&format!("{field}.{i}.{c}"))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        Table::new(spec, rows)
    }

    /// The name of a cell's input.
    pub(in crate::pages) fn name(&self, row: &usize, column: &str) -> String {
        format!("{}.{row}.{column}", self.spec.field)
    }

    /// Reads each filled row with `read`; the first cell that does not read is an error of
    /// the table naming its row (1-based, as the page shows it).
    pub(in crate::pages) fn read<T>(
        &self,
        e: &mut FieldErrors,
        read: impl Fn(&[String]) -> Option<T>,
    ) -> Option<Vec<T>> {
        if !self.sent {
            return None;
        }
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            if self.spec.blank(row) {
                continue;
            }
            match read(row) {
                Some(v) => out.push(v),
                None => {
                    let row = i as i64 + 1;
                    e.0.push(FieldError::with_limit(self.spec.field, "invalid_row", row));
                    return None;
                }
            }
        }
        Some(out)
    }
}

impl Spec {
    /// A row with nothing typed: a zone or a region alone is only the select's default.
    fn blank(&self, row: &[String]) -> bool {
        row.iter()
            .enumerate()
            .all(|(i, c)| Some(i) == self.select || c.trim().is_empty())
    }
}

/// A closed value's key ("european_union").
fn key<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse_key<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(raw.trim().to_owned())).ok()
}

pub(super) fn zones() -> impl Iterator<Item = String> {
    Zone::ALL.iter().map(|z| key(*z))
}

pub(super) fn regions() -> impl Iterator<Item = String> {
    Region::ALL.iter().map(|r| key(*r))
}

/// The three tables of the policy, as the page shows them.
#[derive(Debug, Clone)]
pub(super) struct PolicyTables {
    pub rates: Table,
    pub delivery: Table,
    pub tiers: Table,
}

impl PolicyTables {
    pub fn from_policy(p: &Policy, lang: Language) -> Self {
        let rates = p
            .shipping_rates
            .iter()
            .map(|r| {
                vec![
                    key(r.zone),
                    r.max_weight_g.to_string(),
                    format_amount(r.direct_cents, lang),
                    format_amount(r.grouped_cents, lang),
                ]
            })
            .collect();
        let delivery = p
            .delivery_days
            .iter()
            .map(|d| {
                vec![
                    d.country.clone().unwrap_or_default(),
                    key(d.region),
                    d.min_days.to_string(),
                    d.max_days.to_string(),
                ]
            })
            .collect();
        let tiers = p
            .bulk_tiers
            .iter()
            .map(|t| vec![t.min_pieces.to_string(), format_scaled(t.bps, 2, lang)])
            .collect();
        PolicyTables {
            rates: Table::new(RATES, rates),
            delivery: Table::new(DELIVERY, delivery),
            tiers: Table::new(TIERS, tiers),
        }
    }

    pub fn from_cells(cells: &HashMap<String, String>) -> Self {
        PolicyTables {
            rates: Table::from_cells(RATES, cells),
            delivery: Table::from_cells(DELIVERY, cells),
            tiers: Table::from_cells(TIERS, cells),
        }
    }

    /// Puts the tables read into `p`; a table with an unreadable cell stays as it was, with
    /// its error. Whether the rows make sense together is `Policy::validate`'s to say.
    pub fn apply(&self, p: &mut Policy, e: &mut FieldErrors) {
        let n = |raw: &str| whole("", raw).ok();
        let cents = |raw: &str| amount_or_zero("", raw).ok();
        if let Some(rates) = self.rates.read(e, |r| {
            Some(ShippingRate {
                zone: parse_key(&r[0])?,
                max_weight_g: n(&r[1])?,
                direct_cents: cents(&r[2])?,
                grouped_cents: cents(&r[3])?,
            })
        }) {
            p.shipping_rates = rates;
        }
        if let Some(days) = self.delivery.read(e, |r| {
            let country = r[0].trim().to_ascii_uppercase();
            Some(DeliveryEstimate {
                country: (!country.is_empty()).then_some(country),
                region: parse_key(&r[1])?,
                min_days: n(&r[2])?,
                max_days: n(&r[3])?,
            })
        }) {
            p.delivery_days = days;
        }
        if let Some(tiers) = self.tiers.read(e, |r| {
            Some(BulkTier {
                min_pieces: n(&r[0])?,
                bps: parse_scaled(&r[1], 2)?,
            })
        }) {
            p.bulk_tiers = tiers;
        }
    }
}
