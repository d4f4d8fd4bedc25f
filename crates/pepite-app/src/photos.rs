//! Piece photos: accepted as JPEG, PNG or WebP up to the policy's size, decoded under memory
//! limits, turned upright, re-encoded (which drops EXIF and GPS metadata) in three sizes.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use pepite_domain::piece::PieceInput;
use pepite_store::catalog::{self as store, PhotoRow};
use rand::RngCore;

use crate::accounts::Principal;
use crate::catalog::{self, PieceView, owned_piece};
use crate::{App, AppError};

/// The sizes kept of each photo: name and longest side in pixels.
pub const VARIANTS: &[(&str, u32)] = &[("large", 1600), ("medium", 800), ("thumb", 320)];

/// The file key of one variant of a stored photo.
pub fn variant_key(storage_key: &str, variant: &str) -> String {
    format!("photos/{storage_key}-{variant}.jpg")
}

/// A decoded, upright photo, re-encoded in every variant.
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<(&'static str, Vec<u8>)>,
}

/// Decodes and re-encodes an upload. Anything that is not a readable JPEG, PNG or WebP is a
/// field error, never a crash; decompression bombs stop at the decoder's limits.
pub fn process(bytes: &[u8]) -> Result<Processed, AppError> {
    encode_variants(&decode_upright(bytes)?)
}

/// Decodes an upload under memory limits, turned upright and put on white: what every
/// re-encoding starts from. At least 200 × 200 pixels.
pub fn decode_upright(bytes: &[u8]) -> Result<RgbImage, AppError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| AppError::field("photo", "unreadable_image"))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        _ => return Err(AppError::field("photo", "unsupported_format")),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(400 * 1024 * 1024);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| AppError::field("photo", "unreadable_image"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|_| AppError::field("photo", "unreadable_image"))?;
    img.apply_orientation(orientation);
    if img.width() < 200 || img.height() < 200 {
        return Err(AppError::field("photo", "too_small"));
    }
    Ok(flatten(&img))
}

/// Encodes an upright image as a JPEG in every variant size.
pub fn encode_variants(rgb: &RgbImage) -> Result<Processed, AppError> {
    let mut variants = Vec::new();
    for (name, side) in VARIANTS {
        variants.push((*name, encode_within(rgb, *side)?));
    }
    Ok(Processed {
        width: rgb.width(),
        height: rgb.height(),
        variants,
    })
}

/// One JPEG of an upright image, its longest side at most `side` pixels.
pub fn encode_within(rgb: &RgbImage, side: u32) -> Result<Vec<u8>, AppError> {
    let resized = if rgb.width().max(rgb.height()) > side {
        DynamicImage::ImageRgb8(rgb.clone()).resize(
            side,
            side,
            image::imageops::FilterType::Triangle,
        )
    } else {
        DynamicImage::ImageRgb8(rgb.clone())
    };
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 84);
    resized
        .write_with_encoder(encoder)
        .map_err(|e| AppError::Internal(format!("jpeg encoding: {e}")))?;
    Ok(out)
}

/// Puts transparent pixels on white, since JPEG has no transparency.
fn flatten(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u32::from(p[3]);
        let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

/// A new random storage key, spread over 256 folders.
pub fn new_storage_key() -> String {
    let mut b = [0u8; 12];
    rand::rng().fill_bytes(&mut b);
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}/{}", &hex[..2], hex)
}

/// Stores every variant of a processed photo under a new key and returns the key.
pub async fn store_files(app: &App, processed: Processed) -> Result<String, AppError> {
    let key = new_storage_key();
    store_files_at(app, &key, processed).await?;
    Ok(key)
}

/// Stores every variant of a processed photo under `key`.
pub async fn store_files_at(app: &App, key: &str, processed: Processed) -> Result<(), AppError> {
    for (variant, bytes) in processed.variants {
        app.files
            .put(&variant_key(key, variant), bytes)
            .await
            .map_err(|e| AppError::Internal(format!("storing photo: {e}")))?;
    }
    Ok(())
}

/// The policy's checks on an upload before it is decoded: not empty, not over the size
/// limit (piece photos, and a return claim's photos, R4).
pub fn check_upload(policy: &pepite_domain::policy::Policy, bytes: &[u8]) -> Result<(), AppError> {
    if bytes.len() > policy.photo_max_bytes {
        let mut e = pepite_domain::FieldErrors::new();
        e.add_limit(
            "photo",
            "file_too_large",
            (policy.photo_max_bytes / (1024 * 1024)) as i64,
        );
        return Err(e.into());
    }
    if bytes.is_empty() {
        return Err(AppError::field("photo", "required"));
    }
    Ok(())
}

/// [`process`] on the blocking pool: decoding a large photo takes a core for a while.
pub async fn process_off_thread(bytes: Vec<u8>) -> Result<Processed, AppError> {
    tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Deletes every variant stored under `key`; a failure only leaves an unreferenced file.
pub async fn discard_files(app: &App, key: &str) {
    for (variant, _) in VARIANTS {
        if let Err(e) = app.files.delete(&variant_key(key, variant)).await {
            tracing::warn!(key, variant, error = %e, "could not delete an unused photo file");
        }
    }
}

/// A photo checked, re-encoded and stored, not yet part of any piece.
pub struct Prepared {
    key: String,
    width: i64,
    height: i64,
}

/// C1: checks, re-encodes and stores an upload, before it is attached to a piece, so that a
/// form of several photos holds one decoded photo in memory at a time.
pub async fn prepare(app: &App, bytes: Vec<u8>) -> Result<Prepared, AppError> {
    let policy = app.policy_now().await?;
    check_upload(&policy, &bytes)?;
    let processed = process_off_thread(bytes).await?;
    let (width, height) = (i64::from(processed.width), i64::from(processed.height));
    let key = store_files(app, processed).await?;
    Ok(Prepared { key, width, height })
}

/// Deletes the files of photos that will not be attached (a refused form).
pub async fn discard(app: &App, prepared: Vec<Prepared>) {
    for p in prepared {
        discard_files(app, &p.key).await;
    }
}

/// C1: a seller adds a photo to one of their pieces.
pub async fn add_photo(
    app: &App,
    who: &Principal,
    piece_id: i64,
    bytes: Vec<u8>,
) -> Result<PhotoRow, AppError> {
    let policy = app.policy_now().await?;
    check_upload(&policy, &bytes)?;
    let view = owned_piece(app, who, piece_id).await?;
    if !view.state.is_editable() {
        return Err(AppError::Conflict("not_editable"));
    }
    if view.photos.len() >= policy.photos_per_piece {
        return Err(AppError::Conflict("too_many_photos"));
    }
    let prepared = prepare(app, bytes).await?;
    attach(app, who, piece_id, prepared).await
}

/// C1: makes a prepared photo the last of a seller's piece. The database has the last word on
/// the limit and the piece's state; a refused photo's files are deleted.
pub async fn attach(
    app: &App,
    who: &Principal,
    piece_id: i64,
    prepared: Prepared,
) -> Result<PhotoRow, AppError> {
    let policy = app.policy_now().await?;
    let view = owned_piece(app, who, piece_id).await?;
    let now = app.now_us().await?;
    let max = policy.photos_per_piece as i64;
    let photo = store::NewPhoto {
        storage_key: &prepared.key,
        width: prepared.width,
        height: prepared.height,
    };
    let id = match store::append(&app.db, piece_id, view.piece.seller_id, max, &photo, now).await {
        Ok(Some(id)) => id,
        refused => {
            // C1: the database refused the photo (another upload took the last place, or the
            // piece changed state): no row will ever name these files.
            discard_files(app, &prepared.key).await;
            return Err(match refused {
                Err(e) => e.into(),
                Ok(_) if !view.state.is_editable() => AppError::Conflict("not_editable"),
                Ok(_) => AppError::Conflict("too_many_photos"),
            });
        }
    };
    store::of_piece(&app.db, piece_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::NotFound)
}

/// C1: a seller creates a draft with the photos chosen on the same form, in their order.
/// Nothing is kept of a refused form: the prepared photos' files are deleted.
pub async fn create_with_photos(
    app: &App,
    who: &Principal,
    input: &PieceInput,
    prepared: Vec<Prepared>,
) -> Result<PieceView, AppError> {
    let id = match catalog::create_piece(app, who, input).await {
        Ok(view) => view.piece.id,
        Err(e) => {
            discard(app, prepared).await;
            return Err(e);
        }
    };
    let mut rest = prepared.into_iter();
    while let Some(p) = rest.next() {
        if let Err(e) = attach(app, who, id, p).await {
            discard(app, rest.collect()).await;
            return Err(e);
        }
    }
    owned_piece(app, who, id).await
}

/// A seller removes a photo; a listed piece keeps at least one.
pub async fn remove_photo(
    app: &App,
    who: &Principal,
    piece_id: i64,
    photo_id: i64,
) -> Result<(), AppError> {
    let view = owned_piece(app, who, piece_id).await?;
    if !view.photos.iter().any(|p| p.id == photo_id) {
        return Err(AppError::NotFound);
    }
    if store::remove(&app.db, piece_id, view.piece.seller_id, photo_id).await? {
        Ok(())
    } else {
        Err(AppError::Conflict("last_photo_of_listed_piece"))
    }
}

/// C1: a seller puts their piece's photos in a new order, naming every photo once; the first
/// is the cover. A photo added or removed meanwhile (another tab, the API) refuses it.
pub async fn reorder(
    app: &App,
    who: &Principal,
    piece_id: i64,
    order: &[i64],
) -> Result<(), AppError> {
    let view = owned_piece(app, who, piece_id).await?;
    match store::reorder(&app.db, piece_id, view.piece.seller_id, order).await? {
        store::Reordered::Done => Ok(()),
        store::Reordered::NotEditable => Err(AppError::Conflict("not_editable")),
        store::Reordered::Changed => Err(AppError::Conflict("photos_changed")),
    }
}

/// Where a photo goes: first (the cover), or one place earlier or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Cover,
    Earlier,
    Later,
}

/// C1: moves one photo, the order of the others kept. Moving the first earlier or the last
/// later changes nothing.
pub async fn move_photo(
    app: &App,
    who: &Principal,
    piece_id: i64,
    photo_id: i64,
    how: Move,
) -> Result<(), AppError> {
    let view = owned_piece(app, who, piece_id).await?;
    let mut order: Vec<i64> = view.photos.iter().map(|p| p.id).collect();
    let at = order
        .iter()
        .position(|&id| id == photo_id)
        .ok_or(AppError::NotFound)?;
    match how {
        Move::Cover => order[..=at].rotate_right(1),
        Move::Earlier if at > 0 => order.swap(at, at - 1),
        Move::Later if at + 1 < order.len() => order.swap(at, at + 1),
        Move::Earlier | Move::Later => {}
    }
    reorder(app, who, piece_id, &order).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 30, 30, 128]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn c1_photos_are_reencoded_as_jpeg_in_three_sizes() {
        let p = process(&png(2000, 1000)).unwrap();
        assert_eq!((p.width, p.height), (2000, 1000));
        let sizes: Vec<(u32, u32)> = p
            .variants
            .iter()
            .map(|(_, b)| {
                assert_eq!(image::guess_format(b).unwrap(), ImageFormat::Jpeg);
                let i = image::load_from_memory(b).unwrap();
                (i.width(), i.height())
            })
            .collect();
        assert_eq!(sizes, vec![(1600, 800), (800, 400), (320, 160)]);
    }

    #[test]
    fn broken_or_foreign_files_are_field_errors() {
        let code = |r: Result<Processed, AppError>| match r {
            Err(AppError::Invalid(e)) => e.0[0].code,
            _ => "accepted",
        };
        assert_eq!(code(process(b"GIF89a not really")), "unsupported_format");
        let mut truncated = png(400, 400);
        truncated.truncate(60);
        assert_eq!(code(process(&truncated)), "unreadable_image");
        assert_eq!(code(process(&png(50, 50))), "too_small");
        assert_eq!(code(process(b"")), "unsupported_format");
    }
}
