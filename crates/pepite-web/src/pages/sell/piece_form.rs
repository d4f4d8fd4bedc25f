//! The piece form (C1): what the seller typed, kept as text so that a refused form comes back
//! exactly as typed; its reading into a `PieceInput` (euros and centimetres as people write
//! them, in either language); and the choices it offers.

use pepite_domain::account::Language;
use pepite_domain::money::MAX_PRICE;
use pepite_domain::piece::{
    Category, Colour, Grade, Measurement, MeasurementKind, PieceInput, SizeSystem,
};
use pepite_domain::{FieldErrors, Money};
use pepite_store::catalog::PieceRow;

use crate::pages::forms::is_checked;

#[derive(Debug, Clone, Default)]
pub(in crate::pages) struct PieceForm {
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size_system: String,
    pub size_label: String,
    pub grade: String,
    pub colour: String,
    pub materials: String,
    pub description: String,
    pub price: String,
    pub weight: String,
    /// Centimetres as typed, one entry per `MeasurementKind`, in its order.
    pub measurements: Vec<(&'static str, String)>,
    pub open_to_offers: bool,
    /// The piece's version when the form was read (edits only), for optimistic concurrency.
    pub version: String,
}

impl PieceForm {
    pub fn blank(open_to_offers: bool) -> Self {
        PieceForm {
            measurements: MeasurementKind::keys()
                .map(|k| (k, String::new()))
                .collect(),
            open_to_offers,
            ..Default::default()
        }
    }

    /// Reads a posted form. Read as name/value pairs so that an unticked checkbox (absent)
    /// and the measurement fields need no special casing.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = Self::blank(false);
        for (name, value) in pairs {
            match name.as_str() {
                "title" => f.title = value,
                "brand" => f.brand = value,
                "category" => f.category = value,
                "size_system" => f.size_system = value,
                "size_label" => f.size_label = value,
                "grade" => f.grade = value,
                "colour" => f.colour = value,
                "materials" => f.materials = value,
                "description" => f.description = value,
                "price" => f.price = value,
                "weight" => f.weight = value,
                "version" => f.version = value,
                "open_to_offers" => f.open_to_offers = is_checked(Some(&value)),
                other => {
                    let kind = other.strip_prefix("measurement_").unwrap_or("");
                    if let Some(slot) = f.measurements.iter_mut().find(|(k, _)| *k == kind) {
                        slot.1 = value;
                    }
                }
            }
        }
        f
    }

    /// The stored piece, written the way the person would type it.
    pub fn from_row(p: &PieceRow, measurements: &[Measurement], lang: Language) -> Self {
        let mut f = PieceForm {
            title: p.title.clone(),
            brand: p.brand.clone(),
            category: p.category.clone(),
            size_system: p.size_system.clone(),
            size_label: p.size_label.clone(),
            grade: p.grade.clone(),
            colour: p.colour.clone(),
            materials: p.materials.clone(),
            description: p.description.clone(),
            price: decimal(lang, p.price_cents, 100),
            weight: p.weight_g.to_string(),
            version: p.version.to_string(),
            ..Self::blank(p.open_to_offers)
        };
        for m in measurements {
            if let Some(slot) = f
                .measurements
                .iter_mut()
                .find(|(k, _)| *k == m.kind.as_str())
            {
                slot.1 = decimal(lang, m.mm, 10);
            }
        }
        f
    }

    /// The submission as the catalogue takes it, or every problem at once (one per field).
    pub fn to_input(&self) -> Result<PieceInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let price_cents = match self.price.trim() {
            "" => None,
            raw => errors
                .take(Money::parse_amount("price", raw, MAX_PRICE))
                .map(Money::cents),
        };
        let weight_g = match self.weight.trim() {
            "" => None,
            raw => raw.parse::<i64>().map_or_else(
                |_| {
                    errors.add("weight", "invalid_number");
                    None
                },
                Some,
            ),
        };
        let mut measurements = Vec::new();
        for (kind, raw) in &self.measurements {
            match millimetres(raw) {
                Ok(None) => {}
                Ok(Some(mm)) => measurements.push(((*kind).to_owned(), mm)),
                Err(()) => errors.add(format!("measurement_{kind}"), "invalid_centimetres"),
            }
        }
        let input = PieceInput {
            title: self.title.clone(),
            brand: self.brand.clone(),
            category: self.category.clone(),
            size_system: self.size_system.clone(),
            size_label: self.size_label.clone(),
            grade: self.grade.clone(),
            colour: self.colour.clone(),
            materials: self.materials.clone(),
            description: self.description.clone(),
            price_cents,
            weight_g,
            measurements,
            open_to_offers: Some(self.open_to_offers),
        };
        if let Err(more) = input.validate() {
            for mut e in more.0 {
                // A price that did not parse is not also "required".
                if errors.for_field(&e.field).is_some() {
                    continue;
                }
                // Limits on measurements are millimetres; the form speaks centimetres.
                if e.field.starts_with("measurement_") {
                    e.limit = e.limit.map(|mm| mm / 10);
                }
                errors.0.push(e);
            }
        }
        errors.into_result(input)
    }

    pub fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }

    pub fn categories(&self) -> impl Iterator<Item = &'static str> {
        Category::keys()
    }

    pub fn size_systems(&self) -> impl Iterator<Item = &'static str> {
        SizeSystem::keys()
    }

    pub fn grades(&self) -> impl Iterator<Item = &'static str> {
        Grade::keys()
    }

    pub fn colours(&self) -> impl Iterator<Item = &'static str> {
        Colour::keys()
    }
}

/// `value / unit` with at most the needed decimals, in the language's decimal sign:
/// 8500 cents → "85", 8550 → "85,50"; 485 mm → "48,5".
fn decimal(lang: Language, value: i64, unit: i64) -> String {
    let (whole, part) = (value / unit, value % unit);
    if part == 0 {
        return whole.to_string();
    }
    let sign = if lang == Language::Fr { ',' } else { '.' };
    let width = unit.ilog10() as usize;
    format!("{whole}{sign}{part:0width$}")
}

/// Centimetres as typed ("48", "48,5", "48.5") to millimetres; empty is "not measured".
fn millimetres(raw: &str) -> Result<Option<i64>, ()> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    let (units, tenths) = raw.split_once('.').unwrap_or((&raw, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() || units.len() > 6 || tenths.len() > 1 || !digits(units) || !digits(tenths)
    {
        return Err(());
    }
    let units: i64 = units.parse().map_err(|_| ())?;
    let tenths: i64 = if tenths.is_empty() {
        0
    } else {
        tenths.parse().map_err(|_| ())?
    };
    Ok(Some(units * 10 + tenths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_lengths_read_and_print_as_people_write_them() {
        assert_eq!(decimal(Language::Fr, 8500, 100), "85");
        assert_eq!(decimal(Language::Fr, 8550, 100), "85,50");
        assert_eq!(decimal(Language::En, 8505, 100), "85.05");
        assert_eq!(decimal(Language::Fr, 485, 10), "48,5");
        assert_eq!(millimetres("48"), Ok(Some(480)));
        assert_eq!(millimetres(" 48,5 "), Ok(Some(485)));
        assert_eq!(millimetres(""), Ok(None));
        for bad in ["48,25", "-3", "abc", ",5", "1234567"] {
            assert_eq!(millimetres(bad), Err(()), "{bad}");
        }
    }

    #[test]
    fn c1_a_bad_price_is_one_message_and_measurement_limits_are_centimetres() {
        let f = PieceForm {
            price: "douze".into(),
            measurements: vec![("chest", "400".into()), ("waist", "4,55".into())],
            ..PieceForm::blank(true)
        };
        let e = f.to_input().unwrap_err();
        assert_eq!(e.for_field("price").unwrap().code, "invalid_amount");
        assert_eq!(e.0.iter().filter(|e| e.field == "price").count(), 1);
        assert_eq!(e.for_field("measurement_chest").unwrap().limit, Some(300));
        assert_eq!(
            e.for_field("measurement_waist").unwrap().code,
            "invalid_centimetres"
        );
    }
}
