//! The search page (C5): free text, filters with disjunctive facet counts, price range,
//! sort and keyset pagination. Sold pieces still in their 14 days show marked sold (C4).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pepite_app::AppError;
use pepite_app::catalog::{self, SearchParams};
use pepite_domain::money::MAX_PRICE;
use pepite_domain::piece::Grade;
use pepite_domain::{FieldErrors, Money};
use pepite_store::catalog::{FacetCount, PieceRow};
use serde::Deserialize;

use super::ctx::{FormErrors, PageCtx, render, urlencode};
use super::error::{OrPage, PageError};
use super::forms::{Query, checkbox};
use crate::AppState;

/// Most values listed under a free-valued facet (brand, size); ticked ones always show.
const FACET_VALUES_SHOWN: usize = 30;

/// The search form as the browser sends it; every field may be absent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    pub q: String,
    pub brand: Vec<String>,
    pub category: Vec<String>,
    pub size: Vec<String>,
    pub grade: Vec<String>,
    pub colour: Vec<String>,
    pub price_min: String,
    pub price_max: String,
    #[serde(deserialize_with = "checkbox")]
    pub offers: bool,
    #[serde(deserialize_with = "checkbox")]
    pub available: bool,
    pub sort: String,
    pub cursor: String,
}

impl SearchForm {
    /// The ticked values of the facet named `name`.
    fn values_mut(&mut self, name: &str) -> &mut Vec<String> {
        match name {
            "brand" => &mut self.brand,
            "category" => &mut self.category,
            "size" => &mut self.size,
            "grade" => &mut self.grade,
            _ => &mut self.colour,
        }
    }

    /// The filters as a query string (no cursor), to build the next-page link.
    fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("q", &self.q)];
        for (name, values) in [
            ("brand", &self.brand),
            ("category", &self.category),
            ("size", &self.size),
            ("grade", &self.grade),
            ("colour", &self.colour),
        ] {
            pairs.extend(values.iter().map(|v| (name, v.as_str())));
        }
        pairs.push(("price_min", &self.price_min));
        pairs.push(("price_max", &self.price_max));
        if self.offers {
            pairs.push(("offers", "on"));
        }
        if self.available {
            pairs.push(("available", "on"));
        }
        pairs.push(("sort", &self.sort));
        pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// An active filter shown above the results as a chip: what it is, and the same search
/// without it.
pub struct Chip {
    pub label: String,
    pub remove_href: String,
}

/// One tickable value of a facet.
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: Option<i64>,
    pub checked: bool,
}

/// A facet as the sidebar shows it: a fieldset of checkboxes named `name`.
pub struct FacetGroup {
    pub name: &'static str,
    pub legend_key: &'static str,
    pub options: Vec<FacetOption>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    ctx: &'a PageCtx,
    form: &'a SearchForm,
    errors: FormErrors,
    groups: Vec<FacetGroup>,
    chips: Vec<Chip>,
    pieces: Vec<PieceRow>,
    /// The instant prices are shown at (C6).
    now: i64,
    total: Option<i64>,
    offers_count: Option<i64>,
    available_count: Option<i64>,
    next_href: Option<String>,
    first_href: Option<String>,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(search))
}

fn price(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Money> {
    if raw.trim().is_empty() {
        return None;
    }
    errors.take(Money::parse_amount(field, raw, MAX_PRICE))
}

async fn search(
    State(s): State<AppState>,
    ctx: PageCtx,
    Query(form): Query<SearchForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::new();
    let params = SearchParams {
        shop_id: Some(ctx.shop_id()),
        q: form.q.clone(),
        brands: form.brand.clone(),
        categories: form.category.clone(),
        sizes: form.size.clone(),
        grades: form.grade.clone(),
        colours: form.colour.clone(),
        price_min: price(&mut errors, "price_min", &form.price_min),
        price_max: price(&mut errors, "price_max", &form.price_max),
        open_to_offers: form.offers,
        available_only: form.available,
        sort: Some(form.sort.clone()),
        cursor: Some(form.cursor.clone()),
        facets: true,
        ..SearchParams::default()
    };
    let found = if errors.is_empty() {
        match catalog::search(&s.app, &params).await {
            Ok(page) => Some(page),
            Err(AppError::Invalid(e)) => {
                errors = e;
                None
            }
            Err(e) => return Err(e).or_page(&ctx),
        }
    } else {
        None
    };
    let facets = found.as_ref().map(|p| p.facets.as_slice()).unwrap_or(&[]);
    let count_of = |facet: &str| {
        found.as_ref()?;
        Some(
            facets
                .iter()
                .find(|f| f.facet == facet && f.value == "true")
                .map_or(0, |f| f.count),
        )
    };
    let query = form.query_string();
    let first_href = (!form.cursor.is_empty()).then(|| format!("/search?{query}"));
    let groups = groups(&ctx, &form, facets, found.is_some());
    let page = SearchPage {
        ctx: &ctx,
        form: &form,
        errors: FormErrors::new(ctx.lang, errors),
        chips: chips(&ctx, &form, &groups),
        groups,
        offers_count: count_of("open_to_offers"),
        available_count: count_of("available"),
        total: found.as_ref().and_then(|p| p.total),
        next_href: found
            .as_ref()
            .and_then(|p| p.next)
            .map(|c| format!("/search?{query}&cursor={}", c.encode())),
        first_href,
        pieces: found.map(|p| p.pieces).unwrap_or_default(),
        now: s.app.now_us().await.or_page(&ctx)?,
    };
    let status = if page.errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)).into_response())
}

/// The active filters, each with the link that drops it (and only it): a phone shows what
/// narrows the results without opening the filters.
fn chips(ctx: &PageCtx, form: &SearchForm, groups: &[FacetGroup]) -> Vec<Chip> {
    let mut chips = Vec::new();
    let mut chip = |label: String, change: &dyn Fn(&mut SearchForm)| {
        let mut rest = form.clone();
        change(&mut rest);
        rest.cursor.clear();
        chips.push(Chip {
            label,
            remove_href: format!("/search?{}", rest.query_string()),
        });
    };
    let typed = |v: &str| !v.trim().is_empty();
    if typed(&form.q) {
        chip(ctx.t1("search-title-q", "q", form.q.trim()), &|f| {
            f.q.clear()
        });
    }
    for g in groups {
        for o in g.options.iter().filter(|o| o.checked) {
            chip(o.label.clone(), &|f| {
                f.values_mut(g.name).retain(|v| v != &o.value)
            });
        }
    }
    if typed(&form.price_min) {
        let label = ctx.t1("chip-price-min", "amount", form.price_min.trim());
        chip(label, &|f| f.price_min.clear());
    }
    if typed(&form.price_max) {
        let label = ctx.t1("chip-price-max", "amount", form.price_max.trim());
        chip(label, &|f| f.price_max.clear());
    }
    if form.offers {
        chip(ctx.t("filter-offers"), &|f| f.offers = false);
    }
    if form.available {
        chip(ctx.t("filter-available"), &|f| f.available = false);
    }
    chips
}

/// The five checkbox facets, each value with its count; ticked values stay listed even when
/// nothing carries them any more, so they can be unticked.
fn groups(
    ctx: &PageCtx,
    form: &SearchForm,
    facets: &[FacetCount],
    counted: bool,
) -> Vec<FacetGroup> {
    let specs: [(&'static str, &'static str, &Vec<String>, Option<&str>); 5] = [
        (
            "category",
            "filter-category",
            &form.category,
            Some("category"),
        ),
        ("grade", "filter-grade", &form.grade, Some("grade")),
        ("size", "filter-size", &form.size, None),
        ("colour", "filter-colour", &form.colour, Some("colour")),
        ("brand", "filter-brand", &form.brand, None),
    ];
    specs
        .into_iter()
        .map(|(name, legend_key, ticked, label_prefix)| {
            let label = |v: &str| match (label_prefix, name) {
                (Some(prefix), _) => ctx.label(prefix, v),
                (None, "size") => ctx.size(v),
                _ => v.to_owned(),
            };
            let mut options: Vec<FacetOption> = facets
                .iter()
                .filter(|f| f.facet == name)
                .map(|f| FacetOption {
                    label: label(&f.value),
                    checked: ticked.contains(&f.value),
                    count: Some(f.count),
                    value: f.value.clone(),
                })
                .collect();
            if label_prefix.is_none() {
                let mut shown = 0;
                options.retain(|o| {
                    shown += 1;
                    o.checked || shown <= FACET_VALUES_SHOWN
                });
            }
            for v in ticked.iter().filter(|v| !v.trim().is_empty()) {
                if !options.iter().any(|o| &o.value == v) {
                    options.push(FacetOption {
                        label: label(v),
                        checked: true,
                        count: counted.then_some(0),
                        value: v.clone(),
                    });
                }
            }
            if name == "grade" {
                // Grades read best first (C2), not by count.
                options.sort_by_key(|o| Grade::parse(&o.value).map(|g| g as usize));
            }
            FacetGroup {
                name,
                legend_key,
                options,
            }
        })
        .collect()
}
