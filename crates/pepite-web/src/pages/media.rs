//! Photo files, served from the file store under keys Pépite made itself. Their names never
//! change (a new photo gets a new key), so browsers may keep them for a year.

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pepite_app::AppError;

use super::ctx::PageCtx;
use super::error::PageError;
use crate::AppState;
use crate::auth::Lang;

const VARIANTS: &[&str] = &["-large.jpg", "-medium.jpg", "-thumb.jpg"];

pub fn router() -> Router<AppState> {
    Router::new().route("/media/{*key}", get(media))
}

/// `ab/abcdef…-medium.jpg` (an upload: a two-hex-digit folder, the hex key starting with it,
/// a variant) or `demo/dress-red-medium.jpg` (a drawn demo photo).
fn is_photo_key(key: &str) -> bool {
    let Some((folder, file)) = key.split_once('/') else {
        return false;
    };
    let Some(stem) = VARIANTS.iter().find_map(|v| file.strip_suffix(v)) else {
        return false;
    };
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let upload = folder.len() == 2
        && hex(folder)
        && stem.len() >= 8
        && hex(stem)
        && stem.starts_with(folder);
    let demo = folder == "demo"
        && !stem.is_empty()
        && stem.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    upload || demo
}

async fn media(
    State(s): State<AppState>,
    Lang(lang): Lang,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    // No session lookup for every image: a missing photo's page shows no one signed in.
    let ctx = PageCtx::anonymous(lang, "/".into());
    let not_found = || PageError::new(&ctx, AppError::NotFound);
    if !is_photo_key(&key) {
        return Err(not_found());
    }
    let bytes = s
        .app
        .files
        .get(&format!("photos/{key}"))
        .await
        .map_err(|e| PageError::new(&ctx, AppError::Internal(format!("reading a photo: {e}"))))?
        .ok_or_else(not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        Body::from(bytes),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_photo_keys_are_served() {
        assert!(is_photo_key("ab/ab12cd34ef56-medium.jpg"));
        assert!(is_photo_key("0f/0f0000000000000000000000-thumb.jpg"));
        assert!(is_photo_key("demo/dress-khaki-large.jpg"));
        for bad in [
            "ab/ab12cd34ef56-huge.jpg",
            "ab/cd12cd34ef56-large.jpg",
            "../etc/passwd",
            "ab/../ab12cd34ef56-large.jpg",
            "ab/AB12CD34EF56-large.jpg",
            "ab12cd34ef56-large.jpg",
            "ab/ab-large.jpg",
            "demo/../x-large.jpg",
            "demo/Dress-large.jpg",
        ] {
            assert!(!is_photo_key(bad), "{bad}");
        }
    }
}
