//! The person's trade-in pages (T1–T7): the programmes, one programme's rules with its
//! reference catalogue search and the instant quote, the box with its documents, and the
//! store credit with its vouchers. Choosing pieces works without JavaScript: a search result
//! is added with a plain link that carries the pieces already chosen, and the quote form
//! repeats, for each chosen piece, its style, its grade and its checklist.

mod boxes;
mod credit;
mod quote;

use axum::Router;
use axum::routing::{get, post};
use pepite_domain::tradein::{Refusal, Season};

use super::PageCtx;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/trade-in", get(quote::list))
        .route("/trade-in/credit", get(credit::show))
        .route("/trade-in/credit/vouchers", post(credit::request))
        .route(
            "/trade-in/credit/requests/{id}/withdraw",
            post(credit::withdraw),
        )
        .route("/trade-in/boxes/{id}", get(boxes::show))
        .route("/trade-in/boxes/{id}/accept", post(boxes::accept))
        .route(
            "/trade-in/boxes/{id}/transfer-form.pdf",
            get(boxes::transfer_form),
        )
        .route("/trade-in/boxes/{id}/label.pdf", get(boxes::label))
        .route("/trade-in/{code}", get(quote::programme))
        .route("/trade-in/{code}/quote", post(quote::submit))
}

/// A season key ("AW2024") as the person reads it ("automne-hiver 2024").
fn season_name(ctx: &PageCtx, key: &str) -> String {
    match Season::parse(key) {
        Some(s) => {
            let half = match s.half {
                pepite_domain::tradein::Half::SpringSummer => "tradein-season-ss",
                pepite_domain::tradein::Half::AutumnWinter => "tradein-season-aw",
            };
            ctx.t1(half, "year", s.year)
        }
        None => key.to_owned(),
    }
}

/// T1/T2: why a person or a piece is not taken, in words.
fn refusal_text(ctx: &PageCtx, r: &Refusal) -> String {
    match r {
        Refusal::TooYoung { min_age, age } => {
            ctx.t2("tradein-refusal-too-young", "min", min_age, "age", age)
        }
        Refusal::Country { country } => ctx.t1(
            "tradein-refusal-country",
            "country",
            match ctx.country(country) {
                "" => country.as_str(),
                name => name,
            },
        ),
        Refusal::Brand { brand } => ctx.t1("tradein-refusal-brand", "brand", brand),
        Refusal::Category { category } => ctx.t1(
            "tradein-refusal-category",
            "category",
            ctx.label("category", category.as_str()),
        ),
        Refusal::SeasonTooOld {
            season,
            earliest_year,
        } => ctx.t2(
            "tradein-refusal-season-old",
            "season",
            season_name(ctx, season),
            "year",
            earliest_year,
        ),
        Refusal::SeasonCurrent { season } => ctx.t1(
            "tradein-refusal-season-current",
            "season",
            season_name(ctx, season),
        ),
        Refusal::Grade { grade } => ctx.t1(
            "tradein-refusal-grade",
            "grade",
            ctx.label("grade", grade.as_str()),
        ),
        Refusal::Condition { defects } => {
            let names: Vec<String> = defects
                .iter()
                .map(|d| ctx.label("tradein-defect", d.as_str()))
                .collect();
            ctx.t1("tradein-refusal-condition", "defects", names.join(", "))
        }
    }
}

/// A conflict code's sentence (`tradein-conflict-already-accepted`), or the general one.
fn conflict_text(ctx: &PageCtx, code: &str) -> String {
    let key = format!("tradein-conflict-{}", code.replace('_', "-"));
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("tradein-conflict-other")
    }
}
