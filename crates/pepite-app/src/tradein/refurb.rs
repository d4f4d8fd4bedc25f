//! T8: accepted pieces go through the platform's refurbishment, one recorded step at a time
//! and in order (cleaned, pressed, relabelled, authenticated), then are described and
//! photographed as a piece of the brand's resale shop (the programme's brand partner's shop,
//! opened for it at the first piece) and listed there, where search, offers, checkout,
//! shipping and returns apply as to any piece.

use pepite_domain::account::{Language, Role};
use pepite_domain::piece::{PieceInput, SellerInput};
use pepite_store::tradein::boxes as store;
pub use pepite_store::tradein::boxes::ItemRow;

use super::{inspects, programme};
use crate::accounts::Principal;
use crate::catalog::{self, PieceView};
use crate::{App, AppError, photos, sellers};

/// The refurbishment steps, in order; a step's bit is `1 << index`.
pub const STEPS: [&str; 4] = ["cleaned", "pressed", "relabelled", "authenticated"];
/// Every step done.
pub const ALL_DONE: i64 = (1 << STEPS.len()) - 1;

/// Which steps an item's bits say are done, in order.
pub fn done_steps(bits: i64) -> Vec<&'static str> {
    STEPS
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, s)| *s)
        .collect()
}

async fn accepted_item(app: &App, who: &Principal, item_id: i64) -> Result<ItemRow, AppError> {
    if !inspects(who) {
        return Err(AppError::Forbidden);
    }
    store::item(&app.db, item_id)
        .await?
        .filter(|i| i.outcome.as_deref() == Some("accepted"))
        .ok_or(AppError::NotFound)
}

/// An accepted piece at the refurbishment station, with its draft in the resale shop once
/// described: the draft's state and how many photos it has.
#[derive(Debug, Clone)]
pub struct AtStation {
    pub item: ItemRow,
    pub draft: Option<(String, usize)>,
}

/// T8: an accepted piece as the station shows it (workshop staff; a refused or unknown
/// piece is `NotFound`).
pub async fn at_station(app: &App, who: &Principal, item_id: i64) -> Result<AtStation, AppError> {
    let item = accepted_item(app, who, item_id).await?;
    let draft = match item.piece_id {
        None => None,
        Some(piece) => {
            let row = pepite_store::catalog::by_id(&app.db, piece)
                .await?
                .ok_or(AppError::NotFound)?;
            let photos = pepite_store::catalog::of_piece(&app.db, piece).await?.len();
            Some((row.state, photos))
        }
    };
    Ok(AtStation { item, draft })
}

/// T8: records `step` on an accepted piece. Steps come in order, each once: a step out of
/// order is `step_out_of_order`, one already recorded `step_already_done`.
pub async fn step(
    app: &App,
    who: &Principal,
    item_id: i64,
    step: &str,
) -> Result<ItemRow, AppError> {
    accepted_item(app, who, item_id).await?;
    let index = STEPS
        .iter()
        .position(|s| *s == step)
        .ok_or_else(|| AppError::field("step", "unknown_value"))?;
    let (bit, before) = (1i64 << index, (1i64 << index) - 1);
    if !store::refurb_step(&app.db, item_id, before, bit).await? {
        let now = store::item(&app.db, item_id)
            .await?
            .ok_or(AppError::NotFound)?;
        return Err(AppError::Conflict(if now.refurb_steps & bit != 0 {
            "step_already_done"
        } else {
            "step_out_of_order"
        }));
    }
    store::item(&app.db, item_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The programme's brand partner acting as the resale shop's owner (the platform lists for
/// the programme); the shop is opened at the first piece.
async fn resale_shop(app: &App, programme_id: i64) -> Result<Principal, AppError> {
    let p = programme(app, programme_id).await?;
    let partner_id = p.row.partner_id.ok_or(AppError::Conflict("no_partner"))?;
    let user = pepite_store::accounts::by_id(&app.db, partner_id)
        .await?
        .ok_or(AppError::Conflict("no_partner"))?;
    let mut owner = Principal {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
        language: Language::Fr,
        roles: vec![Role::BrandPartner],
        seller_id: None,
    };
    let shop = match pepite_store::sellers::by_user(&app.db, owner.user_id).await? {
        Some(shop) => shop,
        None => {
            let input = SellerInput {
                shop_name: format!("{} · seconde main", p.row.name)
                    .chars()
                    .take(60)
                    .collect(),
                country: "FR".into(),
                kind: "professional".into(),
                open_to_offers: true,
                bio: String::new(),
            };
            // P3: it sells in the programme's resale shop, if one was opened (else it is
            // placed there when the shop opens).
            let shop_id = pepite_store::shops::of_programme(&app.db, programme_id)
                .await?
                .map_or(pepite_domain::shop::FIRST_SHOP, |s| s.id);
            sellers::open_shop(app, &owner, shop_id, &input).await?
        }
    };
    owner.seller_id = Some(shop.id);
    Ok(owner)
}

/// T8: once refurbished, the piece is described as a draft of the resale shop (its brand,
/// grade and category are the inspection's, whatever `input` says); the draft's id.
pub async fn describe(
    app: &App,
    who: &Principal,
    item_id: i64,
    input: &PieceInput,
) -> Result<i64, AppError> {
    let item = accepted_item(app, who, item_id).await?;
    if item.refurb_steps != ALL_DONE {
        return Err(AppError::Conflict("not_refurbished"));
    }
    if let Some(piece) = item.piece_id {
        return Ok(piece);
    }
    let b = store::by_id(&app.db, item.box_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shop = resale_shop(app, b.programme_id).await?;
    let mut input = input.clone();
    input.brand = item.brand.clone();
    input.category = item.category.clone();
    input.grade = item.final_grade.clone().unwrap_or_default();
    let piece = catalog::create_piece(app, &shop, &input).await?.piece.id;
    if !store::set_piece(&app.db, item_id, piece).await? {
        // Described twice at once: the other draft stands, this one goes.
        catalog::delete_draft(app, &shop, piece).await?;
    }
    let item = store::item(&app.db, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    item.piece_id.ok_or(AppError::NotFound)
}

/// The resale shop's draft of a described item, with who may act on it.
async fn draft_of(app: &App, who: &Principal, item_id: i64) -> Result<(Principal, i64), AppError> {
    let item = accepted_item(app, who, item_id).await?;
    let piece = item.piece_id.ok_or(AppError::Conflict("not_described"))?;
    let b = store::by_id(&app.db, item.box_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((resale_shop(app, b.programme_id).await?, piece))
}

/// T8: a photo of the refurbished piece, checked like every piece photo.
pub async fn add_photo(
    app: &App,
    who: &Principal,
    item_id: i64,
    bytes: Vec<u8>,
) -> Result<i64, AppError> {
    let (shop, piece) = draft_of(app, who, item_id).await?;
    Ok(photos::add_photo(app, &shop, piece, bytes).await?.id)
}

/// T8: lists the described and photographed piece in the resale shop.
pub async fn publish(app: &App, who: &Principal, item_id: i64) -> Result<PieceView, AppError> {
    let (shop, piece) = draft_of(app, who, item_id).await?;
    catalog::list_piece(app, &shop, piece).await
}
