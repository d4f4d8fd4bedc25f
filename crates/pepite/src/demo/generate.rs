//! Turns a seeded random generator into realistic pieces: brand-dependent prices, sizes that
//! fit the category, grades, colours, measurements and French descriptions.

use pepite_domain::piece::{PieceInput, SizeSystem};
use pepite_domain::time::DAY_US;
use pepite_store::catalog::BulkPiece;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::data::*;
use super::photos::{Shape, storage_key};

/// Picks a size system and label that suit the category.
fn size(rng: &mut StdRng, category: &str) -> (SizeSystem, String) {
    match category {
        "shoes" | "boots" => (SizeSystem::Eu, rng.random_range(35..=42).to_string()),
        "bags" | "scarves" | "hats" | "jewellery" | "sunglasses" | "accessories" => {
            (SizeSystem::OneSize, String::new())
        }
        "belts" => (
            SizeSystem::Int,
            ["S", "M", "L"]
                .choose(rng)
                .copied()
                .unwrap_or("M")
                .to_owned(),
        ),
        "jeans" => (SizeSystem::Us, format!("W{}", rng.random_range(24..=32))),
        _ => match rng.random_range(0..10) {
            0..=5 => (
                SizeSystem::Fr,
                (34 + 2 * rng.random_range(0..7)).to_string(),
            ),
            6..=7 => (
                SizeSystem::Int,
                ["XS", "S", "M", "L", "XL"]
                    .choose(rng)
                    .copied()
                    .unwrap_or("M")
                    .to_owned(),
            ),
            _ => (
                SizeSystem::It,
                (38 + 2 * rng.random_range(0..6)).to_string(),
            ),
        },
    }
}

/// Rounds a price the way sellers write them: whole euros, often ending in 0, 5 or 9.
fn round_price(euros: f64) -> i64 {
    let e = euros.max(5.0);
    let whole = if e < 50.0 {
        e.round()
    } else if e < 300.0 {
        (e / 5.0).round() * 5.0
    } else {
        (e / 10.0).round() * 10.0
    };
    whole as i64 * 100
}

/// One generated piece, as a seller would have typed it.
pub fn input(rng: &mut StdRng) -> PieceInput {
    let (category, stems, weight, kinds) = *CATEGORIES.choose(rng).expect("categories");
    let (brand, low, high) = *BRANDS.choose(rng).expect("brands");
    let (material_phrase, composition) = *materials_of(category).choose(rng).expect("materials");
    let (colour, colour_word) = *COLOUR_WORDS.choose(rng).expect("colours");
    let grade = [
        "new_with_tags",
        "excellent",
        "excellent",
        "very_good",
        "very_good",
        "very_good",
        "good",
    ]
    .choose(rng)
    .copied()
    .unwrap_or("very_good");
    let factor = match grade {
        "new_with_tags" => 1.25,
        "excellent" => 1.0,
        "very_good" => 0.8,
        _ => 0.6,
    };
    let base = rng.random_range(f64::from(low)..=f64::from(high));
    let stem = stems.choose(rng).copied().unwrap_or("Pièce");
    let title = format!("{stem} {material_phrase} {colour_word}");
    let (_, sentences) = CONDITION_SENTENCES
        .iter()
        .find(|(g, _)| *g == grade)
        .copied()
        .unwrap_or(CONDITION_SENTENCES[1]);
    let description = format!(
        "{title} {brand}. {} {} {}",
        sentences.choose(rng).copied().unwrap_or(""),
        DETAIL_SENTENCES.choose(rng).copied().unwrap_or(""),
        DETAIL_SENTENCES.choose(rng).copied().unwrap_or("")
    );
    let (system, label) = size(rng, category);
    let measurements = kinds
        .iter()
        .map(|k| {
            let mm = match *k {
                "chest" | "hips" => rng.random_range(420..=560),
                "waist" => rng.random_range(330..=460),
                "shoulders" => rng.random_range(360..=460),
                "sleeve" => rng.random_range(560..=660),
                "inseam" => rng.random_range(700..=840),
                "insole" => rng.random_range(225..=275),
                _ => rng.random_range(550..=1300),
            };
            ((*k).to_owned(), mm)
        })
        .collect();
    PieceInput {
        title,
        brand: brand.to_owned(),
        category: category.to_owned(),
        size_system: system.as_str().to_owned(),
        size_label: label,
        grade: grade.to_owned(),
        colour: colour.to_owned(),
        materials: composition.to_owned(),
        description,
        price_cents: Some(round_price(base * factor)),
        weight_g: Some(i64::from(weight) + rng.random_range(0..150)),
        measurements,
        open_to_offers: Some(rng.random_bool(0.8)),
    }
}

/// The stored form of a generated piece, with its place in time and its photos.
pub fn bulk_piece(
    rng: &mut StdRng,
    id: i64,
    seller: &(i64, String),
    now: i64,
    sold: bool,
) -> BulkPiece {
    let input = input(rng);
    let f = input.validate().expect("generated pieces are valid");
    let listed_at = now - rng.random_range(0..120 * DAY_US);
    let sold_at = sold.then(|| now - rng.random_range(0..20 * DAY_US));
    let shape = Shape::of_category(f.category.as_str());
    let photo = (
        storage_key(shape, f.colour.as_str()),
        i64::from(super::photos::WIDTH),
        i64::from(super::photos::HEIGHT),
    );
    BulkPiece {
        id,
        seller_id: seller.0,
        country: seller.1.clone(),
        state: if sold { "sold" } else { "listed" },
        values: pepite_app::catalog::values(&f, true),
        created_at: listed_at - rng.random_range(0..DAY_US),
        listed_at: Some(listed_at),
        sold_at,
        photos: vec![photo],
    }
}

/// Every (shape, colour) pair a catalogue can use, for drawing the photos up front.
pub fn all_photo_pairs() -> Vec<(Shape, &'static str)> {
    Shape::ALL
        .iter()
        .flat_map(|s| COLOUR_WORDS.iter().map(move |(c, _)| (*s, *c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn generated_pieces_are_valid_and_varied() {
        let mut rng = StdRng::seed_from_u64(7);
        let pieces: Vec<PieceInput> = (0..500).map(|_| input(&mut rng)).collect();
        assert!(pieces.iter().all(|p| p.validate().is_ok()));
        let brands: std::collections::HashSet<_> = pieces.iter().map(|p| p.brand.clone()).collect();
        assert!(brands.len() > 20);
    }

    #[test]
    fn prices_are_rounded_like_a_seller_would() {
        assert_eq!(round_price(12.4), 1200);
        assert_eq!(round_price(123.0), 12500);
        assert_eq!(round_price(1234.0), 123_000);
    }
}
