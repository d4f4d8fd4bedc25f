//! T1: setting a programme up: an admin opens it for a brand partner, who then edits its
//! rules and price grid (saved by compare-and-set) and imports the brand's reference
//! catalogue by CSV: good lines are written (again: updated), each refused line reported.

use pepite_domain::fields::{self, FieldError};
use pepite_domain::piece::Category;
use pepite_domain::search::fold;
use pepite_domain::tradein::{ProgrammeRules, Season};
use pepite_domain::{FieldErrors, Money};
use pepite_store::tradein::import_progress as progress;
use pepite_store::tradein::programmes::{self as store, StyleInput, StyleRow};

use super::{Programme, run_by};
use crate::accounts::Principal;
use crate::import::{LineErrors, ValueNames, open_csv};
use crate::{App, AppError};

/// A reference catalogue file's columns; `reference_price` in euros, `photo_url` optional.
pub const STYLE_COLUMNS: &[&str] = &[
    "style_id",
    "name",
    "brand",
    "category",
    "season",
    "reference_price",
    "photo_url",
];
/// A brand's whole catalogue fits: 200,000 lines of about 150 bytes.
pub const STYLE_MAX_BYTES: usize = 32 * 1024 * 1024;
/// Lines written per transaction, so a long import never holds the database for long.
const CHUNK: usize = 500;

/// T1: an admin opens a programme for a brand, run by the brand partner `partner_id`, with
/// the rule book's defaults; its id.
pub async fn create(
    app: &App,
    who: &Principal,
    code: &str,
    name: &str,
    partner_id: Option<i64>,
    brands: &[String],
) -> Result<i64, AppError> {
    if !who.roles.contains(&pepite_domain::account::Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::new();
    let code = code.trim().to_ascii_lowercase();
    if code.is_empty()
        || code.len() > 40
        || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        e.add("code", "invalid_code");
    }
    let name = e.take(fields::text("name", name, 80));
    let rules = ProgrammeRules {
        brands: brands
            .iter()
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty())
            .collect(),
        ..ProgrammeRules::default()
    };
    if let Err(more) = rules.check() {
        e.0.extend(more.0);
    }
    let name = e.into_result(name)?.unwrap_or_default();
    let body = serde_json::to_string(&rules).map_err(|x| AppError::Internal(x.to_string()))?;
    let now = app.now_us().await?;
    store::insert(&app.db, &code, &name, partner_id, &body, now)
        .await?
        .ok_or_else(|| AppError::field("code", "taken"))
}

/// T1: the programmes `who` runs: every one for an admin, their own for a brand partner,
/// none for anyone else.
pub async fn run_by_me(app: &App, who: &Principal) -> Result<Vec<Programme>, AppError> {
    use pepite_domain::account::Role;
    let rows = if who.roles.contains(&Role::Admin) {
        store::all(&app.db).await?
    } else if who.roles.contains(&Role::BrandPartner) {
        store::of_partner(&app.db, who.user_id).await?
    } else {
        Vec::new()
    };
    rows.into_iter().map(super::read).collect()
}

/// T1: the partner saves the programme's name and rules, if nobody saved since `version`.
pub async fn save_rules(
    app: &App,
    who: &Principal,
    id: i64,
    name: &str,
    rules: &ProgrammeRules,
    version: i64,
) -> Result<(), AppError> {
    run_by(app, who, id).await?;
    let mut e = FieldErrors::new();
    let name = e.take(fields::text("name", name, 80));
    if let Err(more) = rules.check() {
        e.0.extend(more.0);
    }
    let name = e.into_result(name)?.unwrap_or_default();
    let body = serde_json::to_string(rules).map_err(|x| AppError::Internal(x.to_string()))?;
    let now = app.now_us().await?;
    if store::save_rules(&app.db, id, &name, &body, version, now).await? {
        Ok(())
    } else {
        Err(AppError::Conflict("programme_changed"))
    }
}

/// An import's progress row, when its page asked for one.
struct Tracker {
    token: Option<String>,
    total: i64,
}

impl Tracker {
    async fn start(
        app: &App,
        programme_id: i64,
        token: Option<&str>,
        bytes: &[u8],
    ) -> Result<Tracker, AppError> {
        // The lines after the header; a line break inside a quoted cell counts one line more,
        // which only makes the bar jump to its end at the last step.
        let total = bytes
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        let total = total.saturating_sub(1) as i64;
        let valid = |t: &&str| {
            (16..=64).contains(&t.len())
                && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        let mut tracker = Tracker { token: None, total };
        if let Some(token) = token.filter(valid) {
            let now = app.now_us().await?;
            if progress::start(&app.db, token, programme_id, total, now).await? {
                tracker.token = Some(token.to_owned());
            }
        }
        Ok(tracker)
    }

    async fn advance(&self, app: &App, done: usize) -> Result<(), AppError> {
        if let Some(token) = &self.token {
            let now = app.now_us().await?;
            let done = (done as i64).min(self.total);
            progress::advance(&app.db, token, done, now).await?;
        }
        Ok(())
    }

    async fn finish(&self, app: &App) -> Result<(), AppError> {
        self.advance(app, self.total as usize).await
    }
}

/// T1: how far an upload to a programme the caller runs has gone: (lines done, lines in the
/// file); `NotFound` for a token this programme never saw.
pub async fn import_progress(
    app: &App,
    who: &Principal,
    id: i64,
    token: &str,
) -> Result<(i64, i64), AppError> {
    let programme = run_by(app, who, id).await?;
    progress::of(&app.db, token, programme.row.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// What an import of the reference catalogue did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleImport {
    pub added: usize,
    pub updated: usize,
    pub refused: Vec<LineErrors>,
}

/// T1: imports the brand's reference catalogue. `names` reads a category written in French
/// or English. A style id seen again replaces its line.
pub async fn import_styles(
    app: &App,
    who: &Principal,
    id: i64,
    bytes: &[u8],
    names: ValueNames<'_>,
) -> Result<StyleImport, AppError> {
    import_tracked(app, who, id, bytes, names, None).await
}

/// [`import_styles`], counting the lines done under `progress` (a token the partner's page
/// chose for this upload, `[A-Za-z0-9-]`, 16 to 64 characters) after every transaction, so
/// [`import_progress`] can tell how far it has gone. A malformed or reused token counts
/// nothing; the import itself is the same.
pub async fn import_tracked(
    app: &App,
    who: &Principal,
    id: i64,
    bytes: &[u8],
    names: ValueNames<'_>,
    progress: Option<&str>,
) -> Result<StyleImport, AppError> {
    let programme = run_by(app, who, id).await?;
    let (mut reader, index) = open_csv(bytes, STYLE_MAX_BYTES, STYLE_COLUMNS)?;
    let mut missing = FieldErrors::new();
    for (c, i) in STYLE_COLUMNS.iter().zip(&index) {
        if i.is_none() && *c != "photo_url" {
            missing.add(format!("column_{c}"), "missing_column");
        }
    }
    missing.into_result(())?;
    let tracker = Tracker::start(app, programme.row.id, progress, bytes).await?;
    let mut report = StyleImport::default();
    let mut chunk: Vec<StyleInput> = Vec::with_capacity(CHUNK);
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let Ok(r) = record else {
            report.refused.push(LineErrors {
                line,
                errors: FieldErrors(vec![FieldError::new("line", "unreadable_line")]),
                cells: vec![String::new()],
            });
            continue;
        };
        if r.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| {
            let i = STYLE_COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| index[i]);
            i.and_then(|i| r.get(i)).unwrap_or("").trim().to_owned()
        };
        match style_line(&cell, names) {
            Ok(s) => chunk.push(s),
            Err(errors) => {
                let cells = errors.0.iter().map(|e| cell(&e.field)).collect();
                report.refused.push(LineErrors {
                    line,
                    errors,
                    cells,
                });
            }
        }
        if chunk.len() == CHUNK {
            write_chunk(app, programme.row.id, &mut chunk, &mut report).await?;
            tracker.advance(app, n + 1).await?;
        }
    }
    write_chunk(app, programme.row.id, &mut chunk, &mut report).await?;
    tracker.finish(app).await?;
    if report.added + report.updated == 0 && report.refused.is_empty() {
        return Err(AppError::field("file", "no_lines"));
    }
    Ok(report)
}

async fn write_chunk(
    app: &App,
    programme_id: i64,
    chunk: &mut Vec<StyleInput>,
    report: &mut StyleImport,
) -> Result<(), AppError> {
    if chunk.is_empty() {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    for s in chunk.drain(..) {
        if store::upsert_style(&mut tx, programme_id, &s).await? {
            report.added += 1;
        } else {
            report.updated += 1;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// One catalogue line, or every field it got wrong (fields named after the columns).
fn style_line(
    cell: &dyn Fn(&str) -> String,
    names: ValueNames<'_>,
) -> Result<StyleInput, FieldErrors> {
    let mut e = FieldErrors::new();
    let one_line = |field: &str, max: usize| -> Result<String, FieldError> {
        let raw = cell(field);
        if fields::has_control(&raw, false) {
            return Err(FieldError::new(field, "control_character"));
        }
        fields::text(field, &raw, max)
    };
    let style_ref = e.take(one_line("style_id", 40));
    let name = e.take(one_line("name", 120));
    let brand = e.take(one_line("brand", 60));
    let raw_category = cell("category");
    let category = names("category", &raw_category)
        .and_then(Category::parse)
        .or_else(|| Category::parse(&raw_category));
    if category.is_none() {
        e.add(
            "category",
            if raw_category.is_empty() {
                "required"
            } else {
                "unknown_value"
            },
        );
    }
    let season = Season::parse(&cell("season"));
    if season.is_none() {
        e.add("season", "unknown_value");
    }
    let price = e.take(Money::parse_amount(
        "reference_price",
        &cell("reference_price"),
        pepite_domain::money::MAX_PRICE,
    ));
    let photo_url = cell("photo_url");
    if !photo_url.is_empty()
        && (!photo_url.starts_with("https://")
            || photo_url.len() > 500
            || fields::has_control(&photo_url, false))
    {
        e.add("photo_url", "invalid_url");
    }
    if price.is_some_and(|p| p.cents() <= 0) {
        e.add("reference_price", "out_of_range");
    }
    match (style_ref, name, brand, category, season, price) {
        (Some(style_ref), Some(name), Some(brand), Some(category), Some(season), Some(price))
            if e.0.is_empty() =>
        {
            let search_text = fold(&format!("{name} {style_ref}"));
            Ok(StyleInput {
                style_ref,
                name,
                brand,
                category: category.as_str().to_owned(),
                season: season.key(),
                reference_cents: price.cents(),
                photo_url,
                search_text,
            })
        }
        _ => Err(e),
    }
}

/// T2: the words of a search in the reference catalogue, folded, without characters that
/// would mean something to `LIKE`.
fn words(q: &str) -> Vec<String> {
    fold(q)
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '/'))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// T2: styles of the programme matching every word of `q` (by name or style id), by name.
pub async fn search(
    app: &App,
    programme: &Programme,
    q: &str,
    limit: i64,
) -> Result<Vec<StyleRow>, AppError> {
    let words = words(q);
    Ok(store::search_styles(&app.db, programme.row.id, &words, limit.clamp(1, 100)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2_search_words_are_folded_and_never_like_wildcards() {
        assert_eq!(
            words("Manteau ÉTÉ  ml-20%41_x"),
            vec!["manteau", "ete", "ml-2041x"]
        );
        assert!(words("% _").is_empty());
    }
}
