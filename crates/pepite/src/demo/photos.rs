//! Generated product photos for demo catalogues: a garment silhouette in the piece's colour on
//! a paper background, one image per (shape, colour), shared by every piece that matches.

use image::{Rgb, RgbImage};
use pepite_app::photos::Processed;
use pepite_app::{App, AppError};

/// The silhouettes drawn, chosen from a piece's category.
#[derive(Clone, Copy)]
pub enum Shape {
    Dress,
    Coat,
    Top,
    Trousers,
    Skirt,
    Shoes,
    Bag,
    Scarf,
}

impl Shape {
    pub const ALL: [Shape; 8] = [
        Shape::Dress,
        Shape::Coat,
        Shape::Top,
        Shape::Trousers,
        Shape::Skirt,
        Shape::Shoes,
        Shape::Bag,
        Shape::Scarf,
    ];

    pub fn of_category(category: &str) -> Shape {
        match category {
            "dresses" | "jumpsuits" => Shape::Dress,
            "coats" | "jackets" | "blazers" | "suits" => Shape::Coat,
            "trousers" | "jeans" | "shorts" => Shape::Trousers,
            "skirts" => Shape::Skirt,
            "shoes" | "boots" => Shape::Shoes,
            "bags" | "belts" | "hats" | "jewellery" | "sunglasses" | "accessories" => Shape::Bag,
            "scarves" => Shape::Scarf,
            _ => Shape::Top,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Shape::Dress => "dress",
            Shape::Coat => "coat",
            Shape::Top => "top",
            Shape::Trousers => "trousers",
            Shape::Skirt => "skirt",
            Shape::Shoes => "shoes",
            Shape::Bag => "bag",
            Shape::Scarf => "scarf",
        }
    }

    /// Whether the point (x, y), both in 0..1 from the top-left, is inside the garment.
    fn contains(self, x: f32, y: f32) -> bool {
        let dx = (x - 0.5).abs();
        match self {
            Shape::Dress => {
                (0.15..0.9).contains(&y)
                    && dx < 0.12 + (y - 0.15).max(0.0) * 0.35
                    && (y > 0.3 || dx < 0.14)
            }
            Shape::Coat => {
                ((0.12..0.92).contains(&y) && dx < 0.2)
                    || ((0.14..0.6).contains(&y)
                        && dx < 0.36
                        && dx > 0.2
                        && y > 0.14 + (dx - 0.2) * 0.8)
            }
            Shape::Top => {
                ((0.2..0.72).contains(&y) && dx < 0.19) || ((0.2..0.4).contains(&y) && dx < 0.33)
            }
            Shape::Trousers => {
                (0.12..0.22).contains(&y) && dx < 0.2
                    || (0.22..0.92).contains(&y) && dx < 0.2 && dx > 0.02 + (y - 0.22) * 0.03
            }
            Shape::Skirt => (0.25..0.8).contains(&y) && dx < 0.14 + (y - 0.25) * 0.35,
            Shape::Shoes => {
                ((x - 0.38) / 0.2).powi(2) + ((y - 0.62) / 0.12).powi(2) < 1.0
                    || ((0.4..0.62).contains(&y) && (0.2..0.34).contains(&x))
            }
            Shape::Bag => {
                ((0.4..0.8).contains(&y) && dx < 0.26)
                    || ((x - 0.5).powi(2) + ((y - 0.4) * 1.2).powi(2) < 0.04
                        && (x - 0.5).powi(2) + ((y - 0.4) * 1.2).powi(2) > 0.025
                        && y < 0.4)
            }
            Shape::Scarf => {
                (0.1..0.9).contains(&y) && (x - 0.5 - (y * 9.0).sin() * 0.05).abs() < 0.09
            }
        }
    }
}

/// RGB of a colour key.
fn rgb(colour: &str) -> [u8; 3] {
    match colour {
        "black" => [34, 32, 33],
        "white" => [245, 244, 240],
        "ecru" => [236, 226, 204],
        "grey" => [140, 140, 145],
        "beige" => [214, 194, 160],
        "camel" => [193, 144, 89],
        "brown" => [110, 72, 46],
        "navy" => [32, 45, 84],
        "blue" => [58, 104, 176],
        "green" => [58, 120, 74],
        "khaki" => [120, 117, 72],
        "red" => [182, 38, 44],
        "burgundy" => [110, 28, 44],
        "pink" => [226, 150, 170],
        "purple" => [112, 70, 140],
        "yellow" => [232, 196, 62],
        "orange" => [226, 124, 48],
        "gold" => [200, 164, 72],
        "silver" => [190, 192, 198],
        _ => [170, 90, 140],
    }
}

/// The storage key shared by every piece of this shape and colour.
pub fn storage_key(shape: Shape, colour: &str) -> String {
    format!("demo/{}-{colour}", shape.name())
}

pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 600;

/// Draws one photo at the given size (the drawing is resolution-independent, so each variant
/// is drawn at its own size instead of being resized).
pub fn draw(shape: Shape, colour: &str, width: u32, height: u32) -> RgbImage {
    let c = rgb(colour);
    RgbImage::from_fn(width, height, |px, py| {
        let (x, y) = (px as f32 / width as f32, py as f32 / height as f32);
        if shape.contains(x, y) {
            // A soft light from the top-left and a faint weave give the cloth some depth.
            let light = 1.08 - 0.25 * (x * 0.5 + y * 0.5)
                + if (px / 3 + py / 3) % 2 == 0 {
                    0.02
                } else {
                    -0.02
                };
            Rgb(c.map(|v| (f32::from(v) * light).clamp(0.0, 255.0) as u8))
        } else {
            let shade = 246.0 - 18.0 * y;
            Rgb([shade as u8, (shade - 4.0) as u8, (shade - 10.0) as u8])
        }
    })
}

/// Every variant of one photo: the full drawing serves as large and medium (it is smaller
/// than both), a smaller drawing as the thumbnail.
fn render(shape: Shape, colour: &str) -> Result<Processed, AppError> {
    let full = jpeg(&draw(shape, colour, WIDTH, HEIGHT))?;
    let thumb = jpeg(&draw(shape, colour, WIDTH * 2 / 3, HEIGHT * 2 / 3))?;
    Ok(Processed {
        width: WIDTH,
        height: HEIGHT,
        variants: vec![("large", full.clone()), ("medium", full), ("thumb", thumb)],
    })
}

fn jpeg(img: &RgbImage) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 84)
        .encode_image(img)
        .map_err(|e| AppError::Internal(format!("jpeg encoding: {e}")))?;
    Ok(out)
}

/// Draws and stores the photo of each (shape, colour) pair unless it is already there.
pub async fn ensure(app: &App, pairs: &[(Shape, &str)]) -> Result<(), AppError> {
    // One listing rather than a read per photo: on an object store each read is a request.
    let stored: std::collections::HashSet<String> = app
        .files
        .list("photos/demo")
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .into_iter()
        .collect();
    for (shape, colour) in pairs {
        let key = storage_key(*shape, colour);
        if stored.contains(&pepite_app::photos::variant_key(&key, "thumb")) {
            continue;
        }
        let (shape, colour_owned) = (*shape, colour.to_string());
        let processed = tokio::task::spawn_blocking(move || render(shape, &colour_owned))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
        pepite_app::photos::store_files_at(app, &key, processed).await?;
    }
    Ok(())
}
