//! The catalogue (C1–C5): sellers create, describe, list and withdraw pieces; everyone
//! browses and searches what is visible.

use pepite_domain::account::Role;
use pepite_domain::piece::{
    Category, Colour, Grade, Measurement, MeasurementKind, PieceFields, PieceInput, PieceState,
};
use pepite_domain::search::query_terms;
use pepite_domain::{FieldError, FieldErrors, Money};
use pepite_store::catalog::{
    self as store, Cursor, PhotoRow, PieceRow, PieceValues, SearchPage, SearchQuery, Sort,
};

use crate::accounts::Principal;
use crate::sellers::my_shop;
use crate::{App, AppError};

/// A piece as a page or the API shows it, with what the viewer may do with it.
#[derive(Debug, Clone)]
pub struct PieceView {
    pub piece: PieceRow,
    pub photos: Vec<PhotoRow>,
    pub measurements: Vec<Measurement>,
    pub state: PieceState,
    /// C4/K1: only a listed piece can be bought.
    pub purchasable: bool,
    /// The viewer is the piece's seller.
    pub is_owner: bool,
}

/// The stored form of a validated piece (`seller_default_offers` when the seller said nothing).
pub fn values(f: &PieceFields, seller_default_offers: bool) -> PieceValues {
    PieceValues {
        title: f.title.clone(),
        brand: f.brand.clone(),
        category: f.category.as_str().to_owned(),
        size_system: f.size_system.as_str().to_owned(),
        size_label: f.size_label.clone(),
        size_key: f.size_key(),
        grade: f.grade.as_str().to_owned(),
        colour: f.colour.as_str().to_owned(),
        materials: f.materials.clone(),
        description: f.description.clone(),
        measurements: measurements_json(&f.measurements),
        price_cents: f.price.cents(),
        weight_g: f.weight_g,
        open_to_offers: f.open_to_offers.unwrap_or(seller_default_offers),
    }
}

fn measurements_json(m: &[Measurement]) -> String {
    let pairs: Vec<String> = m
        .iter()
        .map(|m| format!("[\"{}\",{}]", m.kind.as_str(), m.mm))
        .collect();
    format!("[{}]", pairs.join(","))
}

fn parse_measurements(json: &str) -> Vec<Measurement> {
    // Written only by `measurements_json`; anything unreadable is shown as no measurement.
    json.trim_matches(|c| c == '[' || c == ']')
        .split("],[")
        .filter_map(|pair| {
            let (kind, mm) = pair
                .trim_matches(|c| c == '[' || c == ']')
                .split_once(',')?;
            Some(Measurement {
                kind: MeasurementKind::parse(kind.trim_matches('"'))?,
                mm: mm.parse().ok()?,
            })
        })
        .collect()
}

/// C1: a seller creates a draft. The caller must have a shop.
pub async fn create_piece(
    app: &App,
    who: &Principal,
    input: &PieceInput,
) -> Result<PieceView, AppError> {
    let shop = my_shop(app, who).await?;
    let fields = input.validate()?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let id = store::insert(
        &mut tx,
        shop.id,
        &values(&fields, shop.open_to_offers),
        "draft",
        now,
    )
    .await?;
    tx.commit().await?;
    piece_for(app, Some(who), id).await
}

/// A seller rewrites a piece of theirs. `version` (if given) refuses to overwrite a change
/// made meanwhile in another tab.
pub async fn update_piece(
    app: &App,
    who: &Principal,
    id: i64,
    version: Option<i64>,
    input: &PieceInput,
) -> Result<PieceView, AppError> {
    let shop = my_shop(app, who).await.map_err(|_| AppError::NotFound)?;
    let current = owned_piece(app, who, id).await?;
    let fields = input.validate()?;
    let now = app.now_us().await?;
    if !store::update(
        &app.db,
        id,
        shop.id,
        version,
        &values(&fields, current.piece.open_to_offers),
        now,
    )
    .await?
    {
        let fresh = owned_piece(app, who, id).await?;
        return Err(if !fresh.state.is_editable() {
            AppError::Conflict("not_editable")
        } else {
            AppError::Conflict("stale_version")
        });
    }
    piece_for(app, Some(who), id).await
}

/// A piece of the caller's shop, or `NotFound` (A4: someone else's looks absent).
pub async fn owned_piece(app: &App, who: &Principal, id: i64) -> Result<PieceView, AppError> {
    let view = piece_for(app, Some(who), id).await?;
    if view.is_owner {
        Ok(view)
    } else {
        Err(AppError::NotFound)
    }
}

/// C3: a draft or withdrawn piece goes on sale; it needs at least one photo.
pub async fn list_piece(app: &App, who: &Principal, id: i64) -> Result<PieceView, AppError> {
    let view = owned_piece(app, who, id).await?;
    let now = app.now_us().await?;
    if !store::list_for_sale(&app.db, id, view.piece.seller_id, now).await? {
        return Err(
            if view.photos.is_empty() && view.state != PieceState::Listed {
                AppError::field("photos", "photo_required")
            } else {
                AppError::Conflict("not_listable")
            },
        );
    }
    piece_for(app, Some(who), id).await
}

/// C3: a seller withdraws a listed piece (one in a paid order is no longer listed).
pub async fn withdraw_piece(app: &App, who: &Principal, id: i64) -> Result<PieceView, AppError> {
    let view = owned_piece(app, who, id).await?;
    let now = app.now_us().await?;
    if !store::withdraw(&app.db, id, view.piece.seller_id, now).await? {
        return Err(AppError::Conflict("not_withdrawable"));
    }
    piece_for(app, Some(who), id).await
}

/// A seller deletes a draft that was never listed.
pub async fn delete_draft(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    let view = owned_piece(app, who, id).await?;
    if !store::delete_draft(&app.db, id, view.piece.seller_id).await? {
        return Err(AppError::Conflict("not_a_draft"));
    }
    Ok(())
}

/// One piece as `viewer` may see it (C4, A4). Listed pieces and pieces sold within the
/// visibility window are public; drafts, withdrawn pieces and older sales are shown only to
/// their seller and to staff (and older sales to the people they concern). Everything else is `NotFound`, whether it exists or not.
pub async fn piece_for(
    app: &App,
    viewer: Option<&Principal>,
    id: i64,
) -> Result<PieceView, AppError> {
    let (piece, state) = visible(app, viewer, id).await?;
    let is_owner = viewer.and_then(|v| v.seller_id) == Some(piece.seller_id);
    let photos = store::of_piece(&app.db, id).await?;
    let measurements = parse_measurements(&piece.measurements);
    Ok(PieceView {
        purchasable: state == PieceState::Listed,
        piece,
        photos,
        measurements,
        state,
        is_owner,
    })
}

/// A piece `viewer` may see (A4, C4), with its state: what [`piece_for`] shows, and what
/// offers, alerts and carts start from, so a draft or an expired sale is `NotFound` on
/// every route, exactly like a missing id.
pub async fn visible(
    app: &App,
    viewer: Option<&Principal>,
    id: i64,
) -> Result<(PieceRow, PieceState), AppError> {
    let piece = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let state = PieceState::parse(&piece.state)
        .ok_or_else(|| AppError::Internal("unknown piece state".into()))?;
    let is_owner = viewer.and_then(|v| v.seller_id) == Some(piece.seller_id);
    let is_staff = viewer.is_some_and(|v| v.has(Role::CustomerService));
    let public = match state {
        PieceState::Listed => true,
        PieceState::Sold => {
            let now = app.now_us().await?;
            // P3: the C4 window of the shop the piece is sold in.
            let policy = crate::shops::policy_of_seller(app, piece.seller_id).await?;
            piece.sold_at.unwrap_or(0) > policy.sold_visible_since(now)
        }
        PieceState::Draft | PieceState::Withdrawn => false,
    };
    // C4: after its window a sold piece stays reachable for whoever bought it, set an alert
    // on it or made an offer on it.
    let concerned = match viewer {
        Some(v) if state == PieceState::Sold && !public => {
            store::concerns(&app.db, id, v.user_id).await?
        }
        _ => false,
    };
    if !(public || is_owner || is_staff || concerned) {
        return Err(AppError::NotFound);
    }
    Ok((piece, state))
}

/// The caller's pieces, newest first, optionally in one state.
pub async fn my_pieces(
    app: &App,
    who: &Principal,
    state: Option<PieceState>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<PieceRow>, AppError> {
    let shop = my_shop(app, who).await?;
    Ok(store::of_seller(
        &app.db,
        shop.id,
        state.map(|s| s.as_str()),
        before,
        limit.clamp(1, 100),
    )
    .await?)
}

/// How many pieces the caller has in each state.
pub async fn my_counts(app: &App, who: &Principal) -> Result<Vec<(String, i64)>, AppError> {
    let shop = my_shop(app, who).await?;
    Ok(store::counts_of_seller(&app.db, shop.id).await?)
}

/// Back office: every piece, newest first.
pub async fn all_pieces(
    app: &App,
    who: &Principal,
    state: Option<PieceState>,
    before: Option<i64>,
) -> Result<Vec<PieceRow>, AppError> {
    who.require(Role::CustomerService)?;
    Ok(store::all(&app.db, state.map(|s| s.as_str()), before, 50).await?)
}

/// A search as typed by a person or a program, before validation.
#[derive(Debug, Clone, Default)]
pub struct SearchParams {
    /// P3: the shop searched (its sellers' pieces, its C4 window); the first shop when none.
    pub shop_id: Option<i64>,
    pub q: String,
    pub brands: Vec<String>,
    pub categories: Vec<String>,
    pub sizes: Vec<String>,
    pub grades: Vec<String>,
    pub colours: Vec<String>,
    pub price_min: Option<Money>,
    pub price_max: Option<Money>,
    pub seller_id: Option<i64>,
    pub open_to_offers: bool,
    pub available_only: bool,
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub facets: bool,
}

/// Most values accepted in one filter.
const MAX_FILTER_VALUES: usize = 20;

fn checked_values(
    errors: &mut FieldErrors,
    field: &str,
    values: &[String],
    known: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if values.len() > MAX_FILTER_VALUES {
        errors.add_limit(field, "too_many", MAX_FILTER_VALUES as i64);
        return out;
    }
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if v.chars().count() > 100 || !known(v) {
            errors.0.push(FieldError::new(field, "unknown_value"));
        } else if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

/// C5: validates a search and runs it at the clock's now (C4 visibility).
pub async fn search(app: &App, p: &SearchParams) -> Result<SearchPage, AppError> {
    let shop_id = p.shop_id.unwrap_or(pepite_domain::shop::FIRST_SHOP);
    let mut errors = FieldErrors::new();
    let brands = checked_values(&mut errors, "brand", &p.brands, |_| true);
    let categories = checked_values(&mut errors, "category", &p.categories, |v| {
        Category::parse(v).is_some()
    });
    let sizes = checked_values(&mut errors, "size", &p.sizes, |_| true);
    let grades = checked_values(&mut errors, "grade", &p.grades, |v| {
        Grade::parse(v).is_some()
    });
    let colours = checked_values(&mut errors, "colour", &p.colours, |v| {
        Colour::parse(v).is_some()
    });
    if p.q.chars().count() > 200 {
        errors.add_limit("q", "too_long", 200);
    }
    if let (Some(min), Some(max)) = (p.price_min, p.price_max)
        && min > max
    {
        errors.add("price_max", "below_minimum");
    }
    let sort = match p.sort.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Sort::Newest,
        Some(s) => Sort::parse(s).unwrap_or_else(|| {
            errors.add("sort", "unknown_value");
            Sort::Newest
        }),
    };
    let cursor = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => match Cursor::decode(raw).filter(|c| c.sort == sort) {
            Some(c) => Some(c),
            None => {
                errors.add("cursor", "invalid");
                None
            }
        },
    };
    let limit = p.limit.unwrap_or(24);
    if !(1..=100).contains(&limit) {
        errors.add_limit("limit", "out_of_range", 100);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let query = SearchQuery {
        terms: query_terms(&p.q),
        brands,
        categories,
        sizes,
        grades,
        colours,
        price_min: p.price_min.map(Money::cents),
        price_max: p.price_max.map(Money::cents),
        seller_id: p.seller_id,
        scope: app.shops().await?.scope(shop_id),
        open_to_offers: p.open_to_offers,
        available_only: p.available_only,
        sort,
        cursor,
        limit,
        facets: p.facets,
    };
    let now = app.now_us().await?;
    let at = store::Visibility {
        now,
        sold_since: app.policy_of(shop_id).await?.sold_visible_since(now),
    };
    Ok(store::search(&app.db, &query, at).await?)
}

/// Staff (or a test) records a sale outside checkout. Checkout will call the same
/// compare-and-set, so of two buyers exactly one gets the piece (K1).
pub async fn mark_sold(app: &App, id: i64) -> Result<bool, AppError> {
    let now = app.now_us().await?;
    Ok(store::mark_sold(&app.db, id, now).await?)
}

/// C3/L1: staff list a sold piece again (returns will call this too); everyone with an alert
/// on it is told once, and the alerts end.
pub async fn relist(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    if !who.has(Role::Workshop) {
        who.require(Role::CustomerService)?;
    }
    let now = app.now_us().await?;
    if !store::relist(&app.db, id, now).await? {
        // The update decided; this read only says why it refused: a missing id is a 404.
        return Err(if store::by_id(&app.db, id).await?.is_some() {
            AppError::Conflict("piece_not_sold")
        } else {
            AppError::NotFound
        });
    }
    app.ring();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_round_trip_through_their_stored_form() {
        let m = vec![
            Measurement {
                kind: MeasurementKind::Chest,
                mm: 480,
            },
            Measurement {
                kind: MeasurementKind::Length,
                mm: 1_050,
            },
        ];
        assert_eq!(parse_measurements(&measurements_json(&m)), m);
        assert!(parse_measurements("[]").is_empty());
    }
}
