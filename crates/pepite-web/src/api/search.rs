//! Catalogue search (C4, C5): free text folded for accents and word forms, filters, facet
//! counts, three sorts and cursor pagination. No account needed (A2).

use axum::Json;
use axum::extract::State;
use pepite_app::catalog::{self, SearchParams};
use pepite_domain::Money;
use pepite_store::catalog::{FacetCount, PRICE_BANDS, PieceRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiQuery, Price, problem, timestamp};
use crate::api::photos::PhotoUrls;
use crate::api::pieces::SellerRef;
use crate::api::vocabulary;
use crate::auth::Lang;
use crate::pages::price::PriceTag;
use crate::problem::Problem;
use crate::shop::CurrentShop;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

/// Filters take several values by repeating the key: `brand=Sézane&brand=Chanel`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in title, brand and description; accents, case and plurals do not matter.
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[serde(default)]
    #[param(max_items = 20)]
    pub brand: Vec<String>,
    #[serde(default)]
    #[param(schema_with = vocabulary::category_filter)]
    pub category: Vec<String>,
    /// Size keys as in the `size` facet, e.g. `FR 38`.
    #[serde(default)]
    #[param(max_items = 20)]
    pub size: Vec<String>,
    #[serde(default)]
    #[param(schema_with = vocabulary::grade_filter)]
    pub grade: Vec<String>,
    #[serde(default)]
    #[param(schema_with = vocabulary::colour_filter)]
    pub colour: Vec<String>,
    /// Lowest price in cents.
    pub price_min: Option<i64>,
    /// Highest price in cents.
    pub price_max: Option<i64>,
    /// A shop id.
    pub seller: Option<i64>,
    /// Only pieces whose seller takes offers.
    pub open_to_offers: Option<bool>,
    /// Leave out pieces sold recently (shown, marked sold, for 14 days).
    pub available_only: Option<bool>,
    #[param(schema_with = vocabulary::sort)]
    pub sort: Option<String>,
    /// The previous page's `next_cursor`, with the same sort.
    pub cursor: Option<String>,
    /// 1 to 100, default 24.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// Also count pieces per filter value and the total.
    pub facets: Option<bool>,
}

impl From<SearchQuery> for SearchParams {
    fn from(q: SearchQuery) -> Self {
        SearchParams {
            shop_id: None,
            q: q.q.unwrap_or_default(),
            brands: q.brand,
            categories: q.category,
            sizes: q.size,
            grades: q.grade,
            colours: q.colour,
            price_min: q.price_min.map(Money),
            price_max: q.price_max.map(Money),
            seller_id: q.seller,
            open_to_offers: q.open_to_offers.unwrap_or(false),
            available_only: q.available_only.unwrap_or(false),
            sort: q.sort,
            cursor: q.cursor,
            limit: q.limit,
            facets: q.facets.unwrap_or(false),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<PieceSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// How many pieces match (only with `facets=true`).
    pub total: Option<i64>,
    /// Only with `facets=true`.
    pub facets: Option<Facets>,
}

/// For each filter, how many matching pieces each value would give. Each facet ignores its
/// own filter, so every other choice stays visible.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Facets {
    pub brand: Vec<FacetValue>,
    pub category: Vec<FacetValue>,
    pub size: Vec<FacetValue>,
    pub grade: Vec<FacetValue>,
    pub colour: Vec<FacetValue>,
    pub price: Vec<PriceBand>,
    /// Values are shop ids: the 30 shops with the most matching pieces (ties by lower id),
    /// plus the shop chosen with `seller_id` when it has matches.
    pub seller: Vec<FacetValue>,
    /// Values `true` / `false`.
    pub open_to_offers: Vec<FacetValue>,
    /// Values `true` (listed) / `false` (recently sold).
    pub available: Vec<FacetValue>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PriceBand {
    /// The band's index, as a string.
    pub value: String,
    pub count: i64,
    pub min_cents: i64,
    /// Absent for the last, open-ended band.
    pub max_cents: Option<i64>,
}

impl Facets {
    fn from_counts(counts: Vec<FacetCount>) -> Self {
        let mut f = Facets::default();
        for c in counts {
            let value = FacetValue {
                value: c.value,
                count: c.count,
            };
            match c.facet {
                "brand" => f.brand.push(value),
                "category" => f.category.push(value),
                "size" => f.size.push(value),
                "grade" => f.grade.push(value),
                "colour" => f.colour.push(value),
                "seller" => f.seller.push(value),
                "open_to_offers" => f.open_to_offers.push(value),
                "available" => f.available.push(value),
                "price" => {
                    if let Some((min, max)) = value
                        .value
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| PRICE_BANDS.get(i))
                    {
                        f.price.push(PriceBand {
                            value: value.value,
                            count: value.count,
                            min_cents: *min,
                            max_cents: *max,
                        });
                    }
                }
                _ => {}
            }
        }
        f
    }
}

/// A piece in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PieceSummary {
    pub id: i64,
    pub state: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    /// The size key, e.g. `FR 38`.
    pub size: String,
    pub grade: String,
    pub colour: String,
    /// C6: the current price, what everyone pays now.
    pub price: Price,
    /// The seller's price; differs from `price` while an agreed price runs (N6).
    pub list_price: Price,
    /// N6: when the agreed price ends, while one runs.
    pub agreed_until: Option<String>,
    pub seller: SellerRef,
    /// The first photo, if any.
    pub cover: Option<PhotoUrls>,
    pub purchasable: bool,
    pub listed_at: Option<String>,
    pub sold_at: Option<String>,
}

impl PieceSummary {
    /// The piece with its price at `now` (C6).
    pub fn at(p: PieceRow, now: i64) -> Self {
        let tag = PriceTag::of(&p, &now);
        PieceSummary {
            id: p.id,
            purchasable: p.state == "listed",
            state: p.state,
            title: p.title,
            brand: p.brand,
            category: p.category,
            size: p.size_key,
            grade: p.grade,
            colour: p.colour,
            price: Price::cents(tag.cents),
            list_price: Price::cents(p.price_cents),
            agreed_until: tag.agreed.map(|(_, until)| timestamp(until)),
            seller: SellerRef {
                id: p.seller_id,
                shop_name: p.shop_name,
            },
            cover: p.cover_key.as_deref().map(PhotoUrls::of),
            listed_at: p.listed_at.map(timestamp),
            sold_at: p.sold_at.map(timestamp),
        }
    }
}

/// Search the catalogue.
#[utoipa::path(get, path = "/pieces", tag = "pieces",
    params(SearchQuery),
    responses(
        (status = 200, body = SearchPage),
        (status = 400, description = "`malformed_query`: a number or boolean that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown category, grade, colour or sort; bad cursor or limit", body = Problem, content_type = "application/problem+json"),
    ))]
async fn search(
    State(s): State<AppState>,
    Lang(lang): Lang,
    CurrentShop(shop): CurrentShop,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchPage>, Problem> {
    let with_facets = q.facets.unwrap_or(false);
    let params = SearchParams {
        shop_id: Some(shop.id),
        ..q.into()
    };
    let page = catalog::search(&s.app, &params)
        .await
        .map_err(problem(lang))?;
    let now = s.app.now_us().await.map_err(problem(lang))?;
    Ok(Json(SearchPage {
        items: page
            .pieces
            .into_iter()
            .map(|p| PieceSummary::at(p, now))
            .collect(),
        next_cursor: page.next.map(|c| c.encode()),
        total: page.total,
        facets: with_facets.then(|| Facets::from_counts(page.facets)),
    }))
}
