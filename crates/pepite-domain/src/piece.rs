//! Unique pieces (C1–C3): their closed vocabularies, their states, and the validation of what
//! a seller submits.

use serde::{Deserialize, Serialize};

use crate::country;
use crate::fields::{self, FieldError, FieldErrors};
use crate::money::{MAX_PRICE, Money};

/// Declares a closed vocabulary stored as text: parse from its key, give the key back, list all.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                match raw.trim() { $($key => Some($name::$variant),)+ _ => None }
            }

            pub fn keys() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// Condition grades of C2, best first.
    Grade {
        NewWithTags = "new_with_tags",
        Excellent = "excellent",
        VeryGood = "very_good",
        Good = "good",
    }
);

vocabulary!(
    /// The catalogue's categories.
    Category {
        Dresses = "dresses",
        Coats = "coats",
        Jackets = "jackets",
        Blazers = "blazers",
        Knitwear = "knitwear",
        Shirts = "shirts",
        Tops = "tops",
        TShirts = "t_shirts",
        Trousers = "trousers",
        Jeans = "jeans",
        Skirts = "skirts",
        Shorts = "shorts",
        Jumpsuits = "jumpsuits",
        Suits = "suits",
        Shoes = "shoes",
        Boots = "boots",
        Bags = "bags",
        Scarves = "scarves",
        Belts = "belts",
        Hats = "hats",
        Jewellery = "jewellery",
        Sunglasses = "sunglasses",
        Underwear = "underwear",
        Swimwear = "swimwear",
        Accessories = "accessories",
    }
);

vocabulary!(
    /// Colours a buyer can filter on.
    Colour {
        Black = "black",
        White = "white",
        Ecru = "ecru",
        Grey = "grey",
        Beige = "beige",
        Camel = "camel",
        Brown = "brown",
        Navy = "navy",
        Blue = "blue",
        Green = "green",
        Khaki = "khaki",
        Red = "red",
        Burgundy = "burgundy",
        Pink = "pink",
        Purple = "purple",
        Yellow = "yellow",
        Orange = "orange",
        Gold = "gold",
        Silver = "silver",
        Multicolour = "multicolour",
    }
);

vocabulary!(
    /// Size systems (C1: "FR 38, M, EU 40").
    SizeSystem {
        Fr = "FR",
        Eu = "EU",
        It = "IT",
        Uk = "UK",
        Us = "US",
        Int = "INT",
        OneSize = "ONE",
    }
);

vocabulary!(
    /// Life of a piece (C3). `Withdrawn` is a listed piece its seller took back.
    PieceState {
        Draft = "draft",
        Listed = "listed",
        Sold = "sold",
        Withdrawn = "withdrawn",
    }
);

vocabulary!(
    /// What a seller can measure on a piece; values are millimetres.
    MeasurementKind {
        Chest = "chest",
        Waist = "waist",
        Hips = "hips",
        Length = "length",
        Shoulders = "shoulders",
        Sleeve = "sleeve",
        Inseam = "inseam",
        Insole = "insole",
    }
);

/// Letter sizes accepted in the international system.
pub const LETTER_SIZES: &[&str] = &["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"];

/// Field limits, shared by pages, API and CSV import so they all refuse the same things.
pub const TITLE_MAX: usize = 120;
pub const BRAND_MAX: usize = 60;
pub const MATERIALS_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const SIZE_LABEL_MAX: usize = 12;
/// Thirty kilograms: the heaviest parcel carriers take.
pub const WEIGHT_MAX_G: i64 = 30_000;
/// Three metres, for the longest coat or scarf.
pub const MEASUREMENT_MAX_MM: i64 = 3_000;

impl PieceState {
    /// C3: the moves a piece may make. Draft → listed → sold → listed again after a return;
    /// a listed piece may be withdrawn and listed again.
    pub fn may_become(self, next: PieceState) -> bool {
        use PieceState::*;
        matches!(
            (self, next),
            (Draft, Listed)
                | (Listed, Sold)
                | (Listed, Withdrawn)
                | (Withdrawn, Listed)
                | (Sold, Listed)
        )
    }

    /// Whether the seller may still change the piece's description and price.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            PieceState::Draft | PieceState::Listed | PieceState::Withdrawn
        )
    }
}

/// One measurement as submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    pub kind: MeasurementKind,
    pub mm: i64,
}

/// What a seller submits for a piece, before validation. Enumerations arrive as text so that
/// an unknown value becomes a field error rather than a parse failure of the whole request.
#[derive(Debug, Clone, Default)]
pub struct PieceInput {
    pub title: String,
    pub brand: String,
    pub category: String,
    pub size_system: String,
    pub size_label: String,
    pub grade: String,
    pub colour: String,
    pub materials: String,
    pub description: String,
    pub price_cents: Option<i64>,
    pub weight_g: Option<i64>,
    /// Measurement kind (as text) and value in millimetres.
    pub measurements: Vec<(String, i64)>,
    /// `None` takes the seller's default (C1, N1).
    pub open_to_offers: Option<bool>,
}

/// A validated description of a piece, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceFields {
    pub title: String,
    pub brand: String,
    pub category: Category,
    pub size_system: SizeSystem,
    pub size_label: String,
    pub grade: Grade,
    pub colour: Colour,
    pub materials: String,
    pub description: String,
    pub price: Money,
    pub weight_g: i64,
    pub measurements: Vec<Measurement>,
    pub open_to_offers: Option<bool>,
}

impl PieceFields {
    /// The size as buyers filter and read it: "FR 38", "INT M", "ONE".
    pub fn size_key(&self) -> String {
        size_key(self.size_system, &self.size_label)
    }
}

/// Joins a size system and label into the single key used for filters and facets.
pub fn size_key(system: SizeSystem, label: &str) -> String {
    if system == SizeSystem::OneSize {
        "ONE".to_owned()
    } else {
        format!("{} {}", system.as_str(), label)
    }
}

fn vocabulary_field<T>(
    field: &str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    parse(raw).ok_or_else(|| FieldError::new(field, "unknown_value"))
}

fn bounded(field: &str, value: Option<i64>, max: i64) -> Result<i64, FieldError> {
    match value {
        None => Err(FieldError::new(field, "required")),
        Some(v) if v <= 0 => Err(FieldError::new(field, "must_be_positive")),
        Some(v) if v > max => Err(FieldError::with_limit(field, "too_large", max)),
        Some(v) => Ok(v),
    }
}

impl PieceInput {
    /// C1: checks every field and returns all the problems at once.
    pub fn validate(&self) -> Result<PieceFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.take(fields::text("title", &self.title, TITLE_MAX));
        // C1: a piece may have no brand (a vintage find, a label cut out); it is then stored empty.
        let brand = errors.take(fields::optional_text("brand", &self.brand, BRAND_MAX));
        let category = errors.take(vocabulary_field(
            "category",
            &self.category,
            Category::parse,
        ));
        let size_system = errors.take(vocabulary_field(
            "size_system",
            &self.size_system,
            SizeSystem::parse,
        ));
        let grade = errors.take(vocabulary_field("grade", &self.grade, Grade::parse));
        let colour = errors.take(vocabulary_field("colour", &self.colour, Colour::parse));
        let materials = errors.take(fields::optional_text(
            "materials",
            &self.materials,
            MATERIALS_MAX,
        ));
        let description = errors.take(fields::text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));
        let price = errors.take(bounded("price", self.price_cents, MAX_PRICE.0).map(Money));
        let weight_g = errors.take(bounded("weight", self.weight_g, WEIGHT_MAX_G));
        let size_label = match size_system {
            Some(SizeSystem::OneSize) => Some(String::new()),
            Some(SizeSystem::Int) => {
                let label = self.size_label.trim().to_uppercase();
                if LETTER_SIZES.contains(&label.as_str()) {
                    Some(label)
                } else {
                    errors.add("size_label", "unknown_value");
                    None
                }
            }
            _ => errors.take(fields::text("size_label", &self.size_label, SIZE_LABEL_MAX)),
        };
        let mut measurements = Vec::new();
        for (kind, mm) in &self.measurements {
            let field = format!("measurement_{}", kind.trim());
            match MeasurementKind::parse(kind) {
                None => errors.add(field, "unknown_value"),
                Some(kind) if measurements.iter().any(|m: &Measurement| m.kind == kind) => {
                    errors.add(field, "duplicate")
                }
                Some(kind) => match bounded(&field, Some(*mm), MEASUREMENT_MAX_MM) {
                    Ok(mm) => measurements.push(Measurement { kind, mm }),
                    Err(e) => errors.0.push(e),
                },
            }
        }
        match (
            title,
            brand,
            category,
            size_system,
            size_label,
            grade,
            colour,
            materials,
            description,
            price,
            weight_g,
        ) {
            (
                Some(title),
                Some(brand),
                Some(category),
                Some(size_system),
                Some(size_label),
                Some(grade),
                Some(colour),
                Some(materials),
                Some(description),
                Some(price),
                Some(weight_g),
            ) if errors.is_empty() => Ok(PieceFields {
                title,
                brand,
                category,
                size_system,
                size_label,
                grade,
                colour,
                materials,
                description,
                price,
                weight_g,
                measurements,
                open_to_offers: self.open_to_offers,
            }),
            _ => Err(errors),
        }
    }
}

/// A seller's shop as the catalogue shows it: never any contact detail (A3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SellerKind {
    Individual,
    Professional,
}

impl SellerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SellerKind::Individual => "individual",
            SellerKind::Professional => "professional",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "individual" => Some(SellerKind::Individual),
            "professional" => Some(SellerKind::Professional),
            _ => None,
        }
    }
}

/// What a person submits to open (or edit) a shop.
#[derive(Debug, Clone, Default)]
pub struct SellerInput {
    pub shop_name: String,
    pub country: String,
    pub kind: String,
    pub open_to_offers: bool,
    pub bio: String,
}

/// A validated shop profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SellerFields {
    pub shop_name: String,
    pub country: &'static str,
    pub kind: SellerKind,
    pub open_to_offers: bool,
    pub bio: String,
}

pub const SHOP_NAME_MAX: usize = 60;
pub const BIO_MAX: usize = 1000;

impl SellerInput {
    pub fn validate(&self) -> Result<SellerFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let shop_name = errors.take(fields::text("shop_name", &self.shop_name, SHOP_NAME_MAX));
        let country = errors.take(country::parse("country", &self.country));
        let kind = errors.take(vocabulary_field("kind", &self.kind, SellerKind::parse));
        let bio = errors.take(fields::optional_text("bio", &self.bio, BIO_MAX));
        match (shop_name, country, kind, bio) {
            (Some(shop_name), Some(country), Some(kind), Some(bio)) => Ok(SellerFields {
                shop_name,
                country,
                kind,
                open_to_offers: self.open_to_offers,
                bio,
            }),
            _ => Err(errors),
        }
    }
}

/// A shop name folded for uniqueness: "Chez Léa" and "chez lea" are the same shop.
pub fn shop_key(name: &str) -> String {
    crate::search::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn valid_input() -> PieceInput {
        PieceInput {
            title: "Robe portefeuille en soie".into(),
            brand: "Sézane".into(),
            category: "dresses".into(),
            size_system: "FR".into(),
            size_label: "38".into(),
            grade: "excellent".into(),
            colour: "red".into(),
            materials: "100 % soie".into(),
            description: "Portée deux fois.".into(),
            price_cents: Some(8_500),
            weight_g: Some(350),
            measurements: vec![("length".into(), 1_050)],
            open_to_offers: None,
        }
    }

    #[test]
    fn c1_a_complete_piece_is_accepted() {
        let fields = valid_input().validate().unwrap();
        assert_eq!(fields.size_key(), "FR 38");
        assert_eq!(fields.grade, Grade::Excellent);
        assert_eq!(fields.price, Money(8_500));
    }

    #[test]
    fn c1_every_bad_field_is_reported_at_once() {
        let input = PieceInput {
            title: "x".repeat(TITLE_MAX + 1),
            category: "spaceship".into(),
            grade: "mint".into(),
            price_cents: Some(-10),
            weight_g: Some(1_000_000),
            measurements: vec![("elbow".into(), 10), ("length".into(), 0)],
            ..valid_input()
        };
        let errors = input.validate().unwrap_err();
        let codes: Vec<(&str, &str)> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert!(codes.contains(&("title", "too_long")));
        assert!(codes.contains(&("category", "unknown_value")));
        assert!(codes.contains(&("grade", "unknown_value")));
        assert!(codes.contains(&("price", "must_be_positive")));
        assert!(codes.contains(&("weight", "too_large")));
        assert!(codes.contains(&("measurement_elbow", "unknown_value")));
        assert!(codes.contains(&("measurement_length", "must_be_positive")));
    }

    #[test]
    fn c1_letter_sizes_are_checked_and_one_size_needs_no_label() {
        let int = PieceInput {
            size_system: "INT".into(),
            size_label: "m".into(),
            ..valid_input()
        };
        assert_eq!(int.validate().unwrap().size_key(), "INT M");
        let bad = PieceInput {
            size_system: "INT".into(),
            size_label: "huge".into(),
            ..valid_input()
        };
        assert_eq!(bad.validate().unwrap_err().0[0].field, "size_label");
        let one = PieceInput {
            size_system: "ONE".into(),
            size_label: String::new(),
            ..valid_input()
        };
        assert_eq!(one.validate().unwrap().size_key(), "ONE");
    }

    #[test]
    fn c1_no_brand_is_a_valid_choice_and_stored_empty() {
        let none = PieceInput {
            brand: "   ".into(),
            ..valid_input()
        };
        assert_eq!(none.validate().unwrap().brand, "");
        let long = PieceInput {
            brand: "x".repeat(BRAND_MAX + 1),
            ..valid_input()
        };
        assert_eq!(long.validate().unwrap_err().0[0].code, "too_long");
    }

    #[test]
    fn c2_grades_are_ordered_best_first() {
        let keys: Vec<_> = Grade::keys().collect();
        assert_eq!(keys, ["new_with_tags", "excellent", "very_good", "good"]);
    }

    #[test]
    fn c3_state_moves_follow_the_rule_book() {
        use PieceState::*;
        assert!(Draft.may_become(Listed));
        assert!(Listed.may_become(Sold));
        assert!(Sold.may_become(Listed));
        assert!(Listed.may_become(Withdrawn));
        assert!(!Draft.may_become(Sold));
        assert!(!Sold.may_become(Withdrawn));
        assert!(!Sold.is_editable());
    }

    #[test]
    fn shop_names_fold_for_uniqueness() {
        assert_eq!(shop_key("  Chez   Léa "), shop_key("chez lea"));
    }
}
