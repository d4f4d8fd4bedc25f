//! P3: shops as data, for admins: list them, open one (a brand's resale shop names its
//! trade-in programme), change its name, host or languages by compare-and-set on `version`.
//! Each shop's policy is under `/shops/{id}/policy` (`commerce/policies.rs`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pepite_app::shops::{self, Shop};
use pepite_domain::FieldErrors;
use pepite_domain::account::Language;
use pepite_domain::shop::{ShopInput, ShopKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::json::{ApiJson, ApiPath, problem};
use crate::api::staff::{self, ApiStaff};
use crate::auth::Lang;
use crate::problem::Problem;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, open))
        .routes(routes!(read, change))
}

/// A shop served by this program.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShopView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// `marketplace` or `brand_resale`.
    pub kind: &'static str,
    /// The host it answers on; none for the first shop, which answers every other host.
    pub host: Option<String>,
    /// `fr`, `en`: the first is the default.
    pub languages: Vec<&'static str>,
    /// A brand's resale shop: the trade-in programme whose pieces it sells.
    pub programme_id: Option<i64>,
    /// Pass as `expected_version` to change it.
    pub version: i64,
}

impl From<&Shop> for ShopView {
    fn from(s: &Shop) -> Self {
        ShopView {
            id: s.id,
            slug: s.slug.clone(),
            name: s.name.clone(),
            kind: s.kind.as_str(),
            host: s.host.clone(),
            languages: s.languages.iter().map(|l| l.as_str()).collect(),
            programme_id: s.programme_id,
            version: s.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ShopBody {
    #[schema(example = "maison-lune")]
    pub slug: String,
    #[schema(example = "Maison Lune · seconde main")]
    pub name: String,
    /// `marketplace` or `brand_resale`; kept when changing a shop.
    #[schema(example = "brand_resale")]
    pub kind: String,
    #[serde(default)]
    #[schema(example = "seconde-main.maison-lune.fr")]
    pub host: Option<String>,
    #[schema(example = json!(["fr", "en"]))]
    pub languages: Vec<String>,
    #[serde(default)]
    pub programme_id: Option<i64>,
}

impl ShopBody {
    /// The use case's input, every field's problem at once: the body's values first, then
    /// what the shop's own rules say of the rest.
    fn input(self) -> Result<ShopInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = ShopKind::parse(&self.kind).unwrap_or_else(|| {
            e.add("kind", "unknown_value");
            ShopKind::Marketplace
        });
        let languages: Vec<Language> = self
            .languages
            .iter()
            .filter_map(|l| {
                let lang = Language::parse(l);
                if lang.is_none() {
                    e.add("languages", "unknown_value");
                }
                lang
            })
            .collect();
        let unknown_kind = e.for_field("kind").is_some();
        let input = ShopInput {
            slug: self.slug,
            name: self.name,
            kind,
            host: self.host,
            languages,
            programme_id: self.programme_id,
        };
        match input.clone().validate() {
            Ok(_) => e.into_result(input),
            Err(rules) => {
                // Whether a programme belongs depends on a kind that was not understood.
                let rules = rules
                    .0
                    .into_iter()
                    .filter(|r| !(unknown_kind && r.field == "programme_id"))
                    .filter(|r| e.for_field(&r.field).is_none())
                    .collect::<Vec<_>>();
                e.0.extend(rules);
                Err(e)
            }
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ShopChange {
    /// The `version` read; another change since is a 409 `shop_changed`.
    pub expected_version: i64,
    #[serde(flatten)]
    pub shop: ShopBody,
}

/// Every shop (admins).
#[utoipa::path(get, path = "/shops", tag = "policy", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ShopView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
async fn list(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
) -> Result<Json<Vec<ShopView>>, Problem> {
    let all = shops::list(&s.app, &who).await.map_err(problem(lang))?;
    Ok(Json(all.iter().map(|s| ShopView::from(&**s)).collect()))
}

/// Open a shop (admins) with its kind's starting policy; every instance serves its host
/// within a second. A brand's resale shop names its trade-in programme, whose pieces it sells.
#[utoipa::path(post, path = "/shops", tag = "policy", security(("bearer" = [])),
    request_body = ShopBody,
    responses(
        (status = 201, body = ShopView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`slug` `invalid` or `taken`, `host` `invalid` or `taken`, `languages` `required`, `programme_id` `required`, `unknown_value` or `taken`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn open(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiJson(body): ApiJson<ShopBody>,
) -> Result<impl IntoResponse, Problem> {
    let run = async { shops::open(&s.app, &who, body.input()?).await };
    let shop = run.await.map_err(problem(lang))?;
    Ok((StatusCode::CREATED, Json(ShopView::from(&shop))))
}

/// One shop (admins).
#[utoipa::path(get, path = "/shops/{id}", tag = "policy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    responses(
        (status = 200, body = ShopView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
async fn read(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ShopView>, Problem> {
    let shop = shops::get(&s.app, &who, id).await.map_err(problem(lang))?;
    Ok(Json(ShopView::from(&shop)))
}

/// Change a shop's name, address, host or languages (admins); its kind and programme stay.
#[utoipa::path(put, path = "/shops/{id}", tag = "policy", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The shop")),
    request_body = ShopChange,
    responses(
        (status = 200, body = ShopView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`shop_changed`: read it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "as when opening; `kind` `not_allowed` when the kind or programme differs; `host` `not_allowed` for the first shop", body = Problem, content_type = "application/problem+json"),
    ))]
async fn change(
    State(s): State<AppState>,
    Lang(lang): Lang,
    ApiStaff(who, _): ApiStaff<staff::Admin>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ShopChange>,
) -> Result<Json<ShopView>, Problem> {
    let run = async {
        let input = body.shop.input()?;
        shops::change(&s.app, &who, id, input, body.expected_version).await
    };
    let shop = run.await.map_err(problem(lang))?;
    Ok(Json(ShopView::from(&shop)))
}
