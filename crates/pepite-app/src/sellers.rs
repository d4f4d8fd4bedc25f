//! Sellers' shops (C1, A3): any account may open one; a shop shows no contact detail.

use pepite_domain::account::Language;
use pepite_domain::piece::{SellerFields, SellerInput, shop_key};
use pepite_store::StoreError;
use pepite_store::sellers::{self as store, SellerRow, SellerValues};

use crate::accounts::Principal;
use crate::{App, AppError};

/// The stored form of a validated shop profile.
fn values<'a>(f: &'a SellerFields, key: &'a str) -> SellerValues<'a> {
    SellerValues {
        shop_name: &f.shop_name,
        shop_key: key,
        country: f.country,
        kind: f.kind.as_str(),
        open_to_offers: f.open_to_offers,
        bio: &f.bio,
    }
}

/// Opens the caller's seller shop in shop `shop_id` (P3: the shop whose host they signed up
/// on). One seller shop per account; shop names are unique once folded. A brand's resale shop
/// takes no sellers but its programme's partner (`shop_closed_to_sellers`).
pub async fn open_shop(
    app: &App,
    who: &Principal,
    shop_id: i64,
    input: &SellerInput,
) -> Result<SellerRow, AppError> {
    let f = input.validate()?;
    let shop = app
        .shops()
        .await?
        .by_id(shop_id)
        .ok_or(AppError::NotFound)?;
    if let Some(programme) = shop.programme_id {
        let partner = pepite_store::tradein::programmes::by_id(&app.db, programme)
            .await?
            .and_then(|p| p.partner_id);
        if partner != Some(who.user_id) {
            return Err(AppError::field("shop_name", "shop_closed_to_sellers"));
        }
    }
    let now = app.now_us().await?;
    let key = shop_key(&f.shop_name);
    let values = values(&f, &key);
    let id = store::insert(&app.db, who.user_id, shop_id, &values, now)
        .await
        .map_err(conflicts)?;
    if shop_id != pepite_domain::shop::FIRST_SHOP {
        app.shop_cache.forget().await;
    }
    store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)
}

/// Changes the caller's shop profile.
pub async fn update_shop(
    app: &App,
    who: &Principal,
    input: &SellerInput,
) -> Result<SellerRow, AppError> {
    let seller = my_shop(app, who).await?;
    let f = input.validate()?;
    let key = shop_key(&f.shop_name);
    let values = values(&f, &key);
    store::update(&app.db, seller.id, &values)
        .await
        .map_err(conflicts)?;
    store::by_id(&app.db, seller.id)
        .await?
        .ok_or(AppError::NotFound)
}

fn conflicts(e: StoreError) -> AppError {
    if e.is_conflict_on("shop_key") {
        AppError::field("shop_name", "taken")
    } else if e.is_conflict_on("user_id") {
        AppError::Conflict("already_a_seller")
    } else {
        e.into()
    }
}

/// The caller's shop, or `Forbidden` when they have none yet.
pub async fn my_shop(app: &App, who: &Principal) -> Result<SellerRow, AppError> {
    store::by_user(&app.db, who.user_id)
        .await?
        .ok_or(AppError::Forbidden)
}

/// A shop as the public sees it.
pub async fn shop(app: &App, id: i64) -> Result<SellerRow, AppError> {
    store::open_by_id(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Shops in order of opening.
pub async fn shops(app: &App, after: Option<i64>, limit: i64) -> Result<Vec<SellerRow>, AppError> {
    Ok(store::list(&app.db, after, limit.clamp(1, 100)).await?)
}

/// What a piece page tells buyers about its shop: pieces sold here, the instant the shop
/// opened, and the language its pieces are written in. A missing shop is `NotFound`.
pub async fn track_record(app: &App, seller_id: i64) -> Result<TrackRecord, AppError> {
    let (sold, since, language) = store::track_record(&app.db, seller_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(TrackRecord {
        sold,
        since,
        language: Language::parse(&language).unwrap_or(Language::Fr),
    })
}

pub struct TrackRecord {
    pub sold: i64,
    pub since: i64,
    pub language: Language,
}
