//! T1–T3: the programmes, one programme's rules, its reference catalogue search and the
//! instant quote with each piece's amount and grid line, or why it is not taken.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::tradein::boxes::{self, PieceInput, QuoteAnswer, QuoteInput};
use pepite_app::tradein::{self, Programme, catalogue};
use pepite_domain::FieldErrors;
use pepite_domain::tradein::{Defect, GridLine, Season, accepted_grades};
use pepite_store::tradein::programmes::{self as programmes_store, StyleRow};
use serde::Deserialize;

use super::{refusal_text, season_name};
use crate::AppState;
use crate::pages::auth::countries;
use crate::pages::buy::signed_in;
use crate::pages::ctx::urlencode;
use crate::pages::forms::{Form, Query};
use crate::pages::{FormErrors, OrPage, PageCtx, PageError, render};

/// How many catalogue results a search shows.
const RESULTS: i64 = 30;

#[derive(Template)]
#[template(path = "tradein/list.html")]
struct ListPage<'a> {
    ctx: &'a PageCtx,
    programmes: Vec<Programme>,
    /// The person's boxes and saved offers, newest first.
    mine: Vec<pepite_app::tradein::boxes::BoxRow>,
}

/// T1: every programme, with how it works, and the person's boxes.
pub async fn list(State(s): State<AppState>, ctx: PageCtx) -> Result<Response, PageError> {
    let who = signed_in(&ctx, "/trade-in")?;
    let programmes = tradein::all(&s.app).await.or_page(&ctx)?;
    let mine = boxes::list_mine(&s.app, &who).await.or_page(&ctx)?;
    Ok(render(&ListPage {
        ctx: &ctx,
        programmes,
        mine,
    }))
}

/// The programme's page query: a catalogue search and the pieces chosen so far.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgrammeQuery {
    q: String,
    pick: Vec<String>,
}

/// What the quote form sends: the person, then for each chosen piece (in order) its style
/// and grade, and the defects ticked as `style:defect`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QuoteForm {
    birth_date: String,
    full_name: String,
    address: String,
    postal_code: String,
    city: String,
    country: String,
    style: Vec<String>,
    grade: Vec<String>,
    defect: Vec<String>,
}

/// A chosen piece on the form, with what the person said of it.
struct Chosen {
    style: StyleRow,
    grade: String,
    defects: Vec<String>,
    remove_href: String,
}

impl Chosen {
    fn ticked(&self, defect: &&str) -> bool {
        self.defects.iter().any(|d| d == defect)
    }
}

/// A search result, with the link that adds it.
struct Found {
    style: StyleRow,
    add_href: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "tradein/programme.html")]
struct ProgrammePage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    q: String,
    searched: bool,
    found: Vec<Found>,
    chosen: Vec<Chosen>,
    form: QuoteForm,
    errors: FormErrors,
    countries: Vec<(&'static str, &'static str)>,
    grades: Vec<&'static str>,
    defects: Vec<&'static str>,
    on_sale: String,
}

impl ProgrammePage<'_> {
    fn excluded(&self) -> String {
        let names: Vec<String> = self
            .p
            .rules
            .excluded_categories
            .iter()
            .map(|c| self.ctx.label("category", c.as_str()))
            .collect();
        names.join(", ")
    }

    fn taken_countries(&self) -> String {
        let names: Vec<&str> = self
            .p
            .rules
            .countries
            .iter()
            .map(|c| match self.ctx.country(c) {
                "" => c.as_str(),
                name => name,
            })
            .collect();
        names.join(", ")
    }

    fn season(&self, key: &str) -> String {
        season_name(self.ctx, key)
    }
}

/// The page's address with the pieces `picks` chosen (and the search `q`).
fn href(code: &str, q: &str, picks: &[i64]) -> String {
    let mut out = format!("/trade-in/{}?q={}", urlencode(code), urlencode(q));
    for id in picks {
        out.push_str(&format!("&pick={id}"));
    }
    out
}

/// The programme named by `code` in the address (unknown: not found).
async fn by_code(s: &AppState, ctx: &PageCtx, code: &str) -> Result<Programme, PageError> {
    let row = programmes_store::by_code(&s.app.db, code)
        .await
        .map_err(AppError::from)
        .or_page(ctx)?
        .ok_or(AppError::NotFound)
        .or_page(ctx)?;
    tradein::programme(&s.app, row.id).await.or_page(ctx)
}

/// Draws the programme page with the chosen pieces `picks` and what the form said.
async fn page(
    s: &AppState,
    ctx: &PageCtx,
    p: Programme,
    q: String,
    picks: Vec<i64>,
    form: QuoteForm,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let searched = !q.trim().is_empty();
    let found = if searched {
        catalogue::search(&s.app, &p, &q, RESULTS)
            .await
            .or_page(ctx)?
    } else {
        Vec::new()
    };
    let styles = programmes_store::styles_by_ids(&s.app.db, p.row.id, &picks)
        .await
        .map_err(AppError::from)
        .or_page(ctx)?;
    let code = p.row.code.clone();
    let chosen = picks
        .iter()
        .filter_map(|id| styles.iter().find(|x| x.id == *id))
        .map(|style| {
            let others: Vec<i64> = picks.iter().copied().filter(|x| *x != style.id).collect();
            let said = said(&form, style.id);
            Chosen {
                grade: said.grade,
                defects: said.defects,
                remove_href: href(&code, &q, &others),
                style: style.clone(),
            }
        })
        .collect();
    let found = found
        .into_iter()
        .map(|style| {
            let mut with = picks.clone();
            let chosen = with.contains(&style.id);
            if !chosen {
                with.push(style.id);
            }
            Found {
                add_href: href(&code, &q, &with),
                chosen,
                style,
            }
        })
        .collect();
    let now = s.app.now_us().await.or_page(ctx)?;
    let on_sale = Season::on_sale(tradein::paris_date(now)).key();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ProgrammePage {
        ctx,
        p,
        q,
        searched,
        found,
        chosen,
        form,
        errors: FormErrors::new(ctx.lang, errors),
        countries: countries(ctx.lang),
        grades: accepted_grades().iter().map(|g| g.as_str()).collect(),
        defects: Defect::ALL.iter().map(|d| d.as_str()).collect(),
        on_sale: season_name(ctx, &on_sale),
    };
    Ok((status, render(&page)).into_response())
}

/// What the form said of style `id`: the grade beside it and the defects ticked for it.
fn said(form: &QuoteForm, id: i64) -> PieceInput {
    let at = form.style.iter().position(|x| x.trim() == id.to_string());
    let prefix = format!("{id}:");
    PieceInput {
        style_id: id,
        grade: at
            .and_then(|i| form.grade.get(i).cloned())
            .unwrap_or_default(),
        defects: form
            .defect
            .iter()
            .filter_map(|d| d.strip_prefix(&prefix).map(str::to_owned))
            .collect(),
    }
}

/// The ids in the address or the form, each once, unreadable ones left out.
fn ids(raw: &[String]) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for id in raw.iter().filter_map(|x| x.trim().parse().ok()) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// T1/T2: the programme's rules, the catalogue search and the quote form.
pub async fn programme(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(code): Path<String>,
    Query(q): Query<ProgrammeQuery>,
) -> Result<Response, PageError> {
    let who = signed_in(&ctx, &ctx.here)?;
    let p = by_code(&s, &ctx, &code).await?;
    // The account's own facts fill the form in; the person may change them.
    let me = pepite_app::accounts::me(&s.app, &who).await.or_page(&ctx)?;
    let form = QuoteForm {
        birth_date: me.birth_date.unwrap_or_default(),
        full_name: who.display_name.clone(),
        country: me.country,
        ..QuoteForm::default()
    };
    page(&s, &ctx, p, q.q, ids(&q.pick), form, FieldErrors::new()).await
}

/// One line of an answer: the piece, and its amount and grid line or its refusals.
struct AnswerRow {
    name: String,
    style_ref: String,
    grade: String,
    amount: Option<i64>,
    line: String,
    refusals: Vec<String>,
}

#[derive(Template)]
#[template(path = "tradein/answer.html")]
struct AnswerPage<'a> {
    ctx: &'a PageCtx,
    p: Programme,
    person_refusals: Vec<String>,
    rows: Vec<AnswerRow>,
    total_cents: i64,
    box_id: Option<i64>,
    back_href: String,
}

/// T3: the grid line a piece was priced on, in words.
fn line_text(ctx: &PageCtx, l: &GridLine) -> String {
    let category = match l.category {
        Some(c) => ctx.label("category", c.as_str()),
        None => ctx.t("tradein-line-all-categories"),
    };
    let age = match l.max_age_years {
        Some(years) => ctx.t1("tradein-line-age-max", "years", years),
        None => ctx.t("tradein-line-age-any"),
    };
    let grade = ctx.label("grade", l.grade.as_str());
    crate::i18n::t_args(
        ctx.lang,
        "tradein-line",
        &[
            ("category", category),
            ("age", age),
            ("grade", grade),
            ("rate", ctx.percent(&l.rate_bps)),
        ],
    )
}

fn answer_page(ctx: &PageCtx, p: Programme, a: QuoteAnswer, back_href: String) -> AnswerPage<'_> {
    let rows = a
        .pieces
        .iter()
        .map(|x| AnswerRow {
            name: x.name.clone(),
            style_ref: x.style_ref.clone(),
            grade: ctx.label("grade", &x.grade),
            amount: x.quoted.as_ref().map(|q| q.amount_cents),
            line: x
                .quoted
                .as_ref()
                .map(|q| line_text(ctx, &q.line))
                .unwrap_or_default(),
            refusals: x.refusals.iter().map(|r| refusal_text(ctx, r)).collect(),
        })
        .collect();
    AnswerPage {
        ctx,
        p,
        person_refusals: a
            .person_refusals
            .iter()
            .map(|r| refusal_text(ctx, r))
            .collect(),
        rows,
        total_cents: a.total_cents,
        box_id: a.box_id,
        back_href,
    }
}

/// T1–T3: the instant quote; bad fields come back on the form, in the person's language.
pub async fn submit(
    State(s): State<AppState>,
    ctx: PageCtx,
    Path(code): Path<String>,
    Form(form): Form<QuoteForm>,
) -> Result<Response, PageError> {
    let back = format!("/trade-in/{}", urlencode(&code));
    let who = signed_in(&ctx, &back)?;
    let p = by_code(&s, &ctx, &code).await?;
    let picks = ids(&form.style);
    let pieces = picks.iter().map(|id| said(&form, *id)).collect();
    let input = QuoteInput {
        birth_date: form.birth_date.clone(),
        full_name: form.full_name.clone(),
        address: form.address.clone(),
        postal_code: form.postal_code.clone(),
        city: form.city.clone(),
        country: form.country.clone(),
        pieces,
    };
    match boxes::quote(&s.app, &who, p.row.id, &input).await {
        Ok(answer) => {
            let back_href = href(&p.row.code, "", &picks);
            Ok(render(&answer_page(&ctx, p, answer, back_href)))
        }
        Err(AppError::Invalid(errors)) => {
            page(&s, &ctx, p, String::new(), picks, form, errors).await
        }
        Err(e) => Err(e).or_page(&ctx),
    }
}
