//! P3: several shops on one engine. A request's host names its shop (the first shop answers
//! any other host); a shop's catalogue is its sellers' pieces, its cart lines those pieces,
//! and its policy its own. Every instance reads the shops from the database, cached for a
//! second like policies, so a shop opened on one instance is served by all within a second.

use std::sync::Arc;
use std::time::{Duration, Instant};

use pepite_domain::account::{Language, Role};
use pepite_domain::policy::Policy;
use pepite_domain::shop::{FIRST_SHOP, ShopInput, ShopKind, host_name};
use pepite_store::Db;
use pepite_store::catalog::ShopScope;
use pepite_store::shops::{self as store, ShopRow, ShopValues};
use tokio::sync::Mutex;

use crate::accounts::Principal;
use crate::{App, AppError};

const FRESH_FOR: Duration = Duration::from_secs(1);

/// A shop as requests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shop {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ShopKind,
    pub host: Option<String>,
    pub languages: Vec<Language>,
    pub programme_id: Option<i64>,
    pub version: i64,
}

impl Shop {
    fn from_row(row: ShopRow) -> Shop {
        Shop {
            id: row.id,
            slug: row.slug,
            name: row.name,
            kind: ShopKind::parse(&row.kind).unwrap_or(ShopKind::Marketplace),
            host: row.host,
            languages: parse_languages(&row.languages),
            programme_id: row.programme_id,
            version: row.version,
        }
    }

    pub fn is_first(&self) -> bool {
        self.id == FIRST_SHOP
    }
}

fn parse_languages(raw: &str) -> Vec<Language> {
    let langs: Vec<Language> = raw.split(',').filter_map(Language::parse).collect();
    if langs.is_empty() {
        vec![Language::Fr, Language::En]
    } else {
        langs
    }
}

fn join_languages(langs: &[Language]) -> String {
    langs
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Every shop and which sellers list outside the first one, as read at one instant.
#[derive(Debug)]
pub struct Shops {
    shops: Vec<Arc<Shop>>,
    /// (shop, seller) for every seller of a shop other than the first.
    elsewhere: Vec<(i64, i64)>,
}

impl Shops {
    /// The shop a request's `Host` names; the first shop for any other host (or none).
    pub fn for_host(&self, host: Option<&str>) -> Arc<Shop> {
        let host = host.and_then(host_name);
        host.and_then(|h| {
            self.shops
                .iter()
                .find(|s| s.host.as_deref() == Some(h.as_str()))
        })
        .or_else(|| self.shops.iter().find(|s| s.is_first()))
        .cloned()
        .unwrap_or_else(|| Arc::new(first_shop_fallback()))
    }

    pub fn by_id(&self, id: i64) -> Option<Arc<Shop>> {
        self.shops.iter().find(|s| s.id == id).cloned()
    }

    /// P3: whose pieces the shop's catalogue shows: its own sellers, or, for the first shop,
    /// everyone's but the other shops' sellers.
    pub fn scope(&self, shop_id: i64) -> ShopScope {
        if shop_id == FIRST_SHOP {
            if self.elsewhere.is_empty() {
                ShopScope::Every
            } else {
                ShopScope::Without(self.elsewhere.iter().map(|(_, s)| *s).collect())
            }
        } else {
            ShopScope::Only(
                self.elsewhere
                    .iter()
                    .filter(|(shop, _)| *shop == shop_id)
                    .map(|(_, s)| *s)
                    .collect(),
            )
        }
    }

    pub fn all(&self) -> &[Arc<Shop>] {
        &self.shops
    }
}

/// The first shop as the migration creates it, should its row ever be unreadable.
fn first_shop_fallback() -> Shop {
    Shop {
        id: FIRST_SHOP,
        slug: "pepite".into(),
        name: "Pépite".into(),
        kind: ShopKind::Marketplace,
        host: None,
        languages: vec![Language::Fr, Language::En],
        programme_id: None,
        version: 1,
    }
}

/// The last shops read and when; one per process, never the source of truth.
#[derive(Default)]
pub struct ShopCache {
    last: Mutex<Option<(Instant, Arc<Shops>)>>,
}

impl ShopCache {
    pub async fn get(&self, db: &Db) -> Result<Arc<Shops>, AppError> {
        let mut last = self.last.lock().await;
        if let Some((at, shops)) = last.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return Ok(shops.clone());
        }
        let shops = Arc::new(Shops {
            shops: store::all(db)
                .await?
                .into_iter()
                .map(|r| Arc::new(Shop::from_row(r)))
                .collect(),
            elsewhere: store::sellers_outside_first(db).await?,
        });
        *last = Some((Instant::now(), shops.clone()));
        Ok(shops)
    }

    /// Forgets the cached copy (this instance changed a shop or placed a seller).
    pub(crate) async fn forget(&self) {
        *self.last.lock().await = None;
    }
}

/// The shop a request's host names.
pub async fn for_host(app: &App, host: Option<&str>) -> Result<Arc<Shop>, AppError> {
    Ok(app.shops().await?.for_host(host))
}

/// Every shop, for an admin.
pub async fn list(app: &App, who: &Principal) -> Result<Vec<Arc<Shop>>, AppError> {
    who.require(Role::Admin)?;
    Ok(app.shop_cache.get(&app.db).await?.all().to_vec())
}

/// One shop, for an admin.
pub async fn get(app: &App, who: &Principal, id: i64) -> Result<Shop, AppError> {
    who.require(Role::Admin)?;
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Shop::from_row(row))
}

/// The row's values of a checked input.
fn values<'a>(input: &'a ShopInput, languages: &'a str) -> ShopValues<'a> {
    ShopValues {
        slug: &input.slug,
        name: &input.name,
        kind: input.kind.as_str(),
        host: input.host.as_deref(),
        languages,
        programme_id: input.programme_id,
    }
}

/// P3: an admin opens a shop with its starting policy (a brand's resale shop starts from
/// [`Policy::brand_resale`], another marketplace from the marketplace's). A taken slug, host
/// or programme is a conflict; the programme must exist.
pub async fn open(app: &App, who: &Principal, input: ShopInput) -> Result<Shop, AppError> {
    who.require(Role::Admin)?;
    let input = input.validate()?;
    if let Some(programme) = input.programme_id
        && pepite_store::tradein::programmes::by_id(&app.db, programme)
            .await?
            .is_none()
    {
        return Err(AppError::field("programme_id", "unknown_value"));
    }
    let policy = match input.kind {
        ShopKind::Marketplace => Policy::marketplace(),
        ShopKind::BrandResale => Policy::brand_resale(),
    };
    let body = serde_json::to_string(&policy).map_err(|e| AppError::Internal(e.to_string()))?;
    let languages = join_languages(&input.languages);
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let id = store::insert(
        &mut tx,
        &values(&input, &languages),
        &body,
        Some(who.user_id),
        now,
    )
    .await
    .map_err(taken)?;
    tx.commit().await?;
    if let Some(programme) = input.programme_id {
        place_programme_seller(app, programme).await?;
    }
    app.shop_cache.forget().await;
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Shop::from_row(row))
}

/// Changes a shop's name, host, slug and languages if it is still at `expected_version`.
pub async fn change(
    app: &App,
    who: &Principal,
    id: i64,
    input: ShopInput,
    expected_version: i64,
) -> Result<Shop, AppError> {
    who.require(Role::Admin)?;
    let current = get(app, who, id).await?;
    let input = input.validate()?;
    if input.kind != current.kind || input.programme_id != current.programme_id {
        return Err(AppError::field("kind", "not_allowed"));
    }
    if current.is_first() && input.host.is_some() {
        // The first shop answers every host no other shop claims; a host of its own would
        // change nothing but what an admin believes.
        return Err(AppError::field("host", "not_allowed"));
    }
    let languages = join_languages(&input.languages);
    let now = app.now_us().await?;
    let saved = store::update(
        &app.db,
        id,
        &values(&input, &languages),
        expected_version,
        now,
    )
    .await
    .map_err(taken)?;
    if !saved {
        return Err(AppError::Conflict("shop_changed"));
    }
    app.shop_cache.forget().await;
    get(app, who, id).await
}

/// A unique constraint's refusal, under the field it names.
fn taken(e: pepite_store::StoreError) -> AppError {
    for field in ["slug", "host", "programme_id"] {
        if e.is_conflict_on(field) {
            return AppError::field(field, "taken");
        }
    }
    e.into()
}

/// T8/P3: the programme's seller (if it has listed already) sells in the programme's resale
/// shop; a seller opened later is placed there when it opens (`tradein::refurb`).
pub(crate) async fn place_programme_seller(app: &App, programme_id: i64) -> Result<(), AppError> {
    let Some(shop) = store::of_programme(&app.db, programme_id).await? else {
        return Ok(());
    };
    let Some(programme) = pepite_store::tradein::programmes::by_id(&app.db, programme_id).await?
    else {
        return Ok(());
    };
    if let Some(partner) = programme.partner_id
        && let Some(seller) = pepite_store::sellers::by_user(&app.db, partner).await?
    {
        store::place_seller(&app.db, seller.id, shop.id).await?;
        app.shop_cache.forget().await;
    }
    Ok(())
}

/// P3: the policy of the shop a seller sells in (the first shop's for a seller it cannot find).
pub async fn policy_of_seller(
    app: &App,
    seller_id: i64,
) -> Result<Arc<pepite_domain::policy::Policy>, AppError> {
    let shop = store::of_seller(&app.db, seller_id)
        .await?
        .unwrap_or(FIRST_SHOP);
    app.policy_of(shop).await
}

/// The shop a piece is sold in (through its seller); None for an unknown piece.
pub async fn of_piece(app: &App, piece_id: i64) -> Result<Option<i64>, AppError> {
    Ok(store::of_piece(&app.db, piece_id).await?)
}
