//! T2–T6: the person's quote, accepted once into a box with its transfer form and prepaid
//! label; the box's arrival; each piece's inspection, which credits the person at once.
//! Every step is a compare-and-set, so a double click, a retry or a second inspector at
//! another instance does it once.

use std::collections::HashMap;

use pepite_domain::commerce::{Journal, tradein_credit_journal};
use pepite_domain::piece::{Category, Grade};
use pepite_domain::tradein::{self, Defect, PersonFacts, Quoted, Refusal, Season, StyleFacts};
use pepite_domain::{FieldErrors, country, fields};
use pepite_store::Tx;
use pepite_store::commerce::ledger::{self, Posting};
use pepite_store::tradein::boxes::{self as store, NewBox, NewItem, Verdict};
pub use pepite_store::tradein::boxes::{BoxRow, ItemRow};
use pepite_store::tradein::credit as credit_store;
use pepite_store::tradein::programmes::{self as programmes_store, StyleRow};
use serde::{Deserialize, Serialize};

use super::{Programme, inspects, paris_date, programme};
use crate::accounts::Principal;
use crate::carriers::{self, Consignment, LabelRequest};
use crate::notify::{self, Notice, NoticeLine, Recipient};
use crate::{App, AppError};

/// Most pieces in one box.
pub const BOX_MAX_PIECES: usize = 30;
/// What a box of folded clothes weighs for the label, per piece.
pub const GRAMS_PER_PIECE: i64 = 600;

/// One piece the person picks, with the grade and the checklist they declare.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PieceInput {
    pub style_id: i64,
    pub grade: String,
    /// T2: the defects ticked; empty when every check was confirmed.
    #[serde(default)]
    pub defects: Vec<String>,
}

/// What a quote asks of the person: who they are, where the box leaves from, and the pieces.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteInput {
    pub birth_date: String,
    pub full_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub pieces: Vec<PieceInput>,
}

/// T3: one piece's answer: its amount and grid line, or why it is not taken.
#[derive(Debug, Clone, Serialize)]
pub struct PieceAnswer {
    pub style_id: i64,
    pub style_ref: String,
    pub name: String,
    pub grade: String,
    pub quoted: Option<Quoted>,
    pub refusals: Vec<Refusal>,
}

/// T1–T3: the instant answer. `box_id` names the saved quote when the person is taken and
/// at least one piece is; the refused pieces are only reported.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteAnswer {
    pub person_refusals: Vec<Refusal>,
    pub pieces: Vec<PieceAnswer>,
    pub total_cents: i64,
    pub box_id: Option<i64>,
}

fn style_facts(s: &StyleRow) -> Option<StyleFacts> {
    Some(StyleFacts {
        brand: s.brand.clone(),
        category: Category::parse(&s.category)?,
        season: Season::parse(&s.season)?,
        reference_cents: s.reference_cents,
    })
}

/// The form's own fields: a date, a known country, an address the label can carry.
fn person(input: &QuoteInput) -> Result<(PersonFacts, [String; 4]), FieldErrors> {
    let mut e = FieldErrors::new();
    let birth = input.birth_date.trim().parse::<jiff::civil::Date>().ok();
    if birth.is_none() {
        e.add(
            "birth_date",
            if input.birth_date.trim().is_empty() {
                "required"
            } else {
                "invalid_date"
            },
        );
    }
    let country = e.take(country::parse("country", &input.country));
    let one_line = |field: &str, raw: &str, max: usize| {
        if fields::has_control(raw, false) {
            Err(fields::FieldError::new(field, "control_character"))
        } else {
            fields::text(field, raw, max)
        }
    };
    let name = e.take(one_line("full_name", &input.full_name, 100));
    let address = e.take(one_line("address", &input.address, 200));
    let postal = e.take(one_line("postal_code", &input.postal_code, 12));
    let city = e.take(one_line("city", &input.city, 80));
    if input.pieces.is_empty() {
        e.add("pieces", "required");
    } else if input.pieces.len() > BOX_MAX_PIECES {
        e.add_limit("pieces", "too_many", BOX_MAX_PIECES as i64);
    }
    match (birth, country, name, address, postal, city) {
        (Some(birth_date), Some(country), Some(n), Some(a), Some(p), Some(c)) if e.is_empty() => {
            Ok((
                PersonFacts {
                    birth_date,
                    country: country.to_owned(),
                },
                [n, a, p, c],
            ))
        }
        _ => Err(e),
    }
}

/// T1–T3: prices the pieces at once and saves the quote if anything is taken.
pub async fn quote(
    app: &App,
    who: &Principal,
    programme_id: i64,
    input: &QuoteInput,
) -> Result<QuoteAnswer, AppError> {
    let p = programme(app, programme_id).await?;
    let (facts, [full_name, address, postal_code, city]) = person(input)?;
    let now = app.now_us().await?;
    let today = paris_date(now);
    let person_refusals = tradein::check_person(&p.rules, &facts, today);
    let ids: Vec<i64> = input.pieces.iter().map(|x| x.style_id).collect();
    let styles: HashMap<i64, StyleRow> = programmes_store::styles_by_ids(&app.db, p.row.id, &ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut e = FieldErrors::new();
    let mut pieces = Vec::with_capacity(input.pieces.len());
    for (i, piece) in input.pieces.iter().enumerate() {
        let Some(style) = styles.get(&piece.style_id) else {
            e.add(format!("pieces.{i}.style_id"), "unknown_value");
            continue;
        };
        let grade = Grade::parse(&piece.grade);
        let defects: Option<Vec<Defect>> = piece.defects.iter().map(|d| Defect::parse(d)).collect();
        let (Some(grade), Some(defects), Some(facts)) = (grade, defects, style_facts(style)) else {
            e.add(format!("pieces.{i}"), "unknown_value");
            continue;
        };
        let (quoted, refusals) =
            match tradein::quote_piece(&p.rules, &facts, grade, &defects, today) {
                Ok(q) => (Some(q), Vec::new()),
                Err(r) => (None, r),
            };
        pieces.push(PieceAnswer {
            style_id: style.id,
            style_ref: style.style_ref.clone(),
            name: style.name.clone(),
            grade: grade.as_str().to_owned(),
            quoted,
            refusals,
        });
    }
    e.into_result(())?;
    let total_cents = pieces
        .iter()
        .filter_map(|x| x.quoted.as_ref())
        .map(|q| q.amount_cents)
        .sum();
    let mut answer = QuoteAnswer {
        person_refusals,
        pieces,
        total_cents,
        box_id: None,
    };
    if !answer.person_refusals.is_empty() || total_cents == 0 {
        return Ok(answer);
    }
    let items: Vec<NewItem> = answer
        .pieces
        .iter()
        .filter_map(|x| {
            let q = x.quoted.as_ref()?;
            Some(NewItem {
                style_id: x.style_id,
                declared_grade: x.grade.clone(),
                quoted_cents: q.amount_cents,
                grid_line: serde_json::to_string(&q.line).ok()?,
            })
        })
        .collect();
    let mut tx = app.db.begin().await?;
    let id = store::insert_quote(
        &mut tx,
        &NewBox {
            programme_id: p.row.id,
            user_id: who.user_id,
            birth_date: facts.birth_date.to_string(),
            full_name,
            address,
            postal_code,
            city,
            country: facts.country,
            quoted_cents: total_cents,
            quoted_at: now,
        },
        &items,
    )
    .await?;
    tx.commit().await?;
    answer.box_id = Some(id);
    Ok(answer)
}

/// T4: what the transfer form states: the programme, the person, the box and each piece
/// as quoted. Built from the stored box, so the page, the API and the e-mail print the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferForm {
    pub box_id: i64,
    pub programme: String,
    pub full_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    /// YYYY-MM-DD.
    pub birth_date: String,
    pub accepted_at: i64,
    pub pieces: Vec<TransferPiece>,
    pub total_cents: i64,
}

/// One piece on the transfer form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferPiece {
    pub style_ref: String,
    pub name: String,
    pub grade: String,
    pub quoted_cents: i64,
}

/// The transfer form of box `b` (accepted at `accepted_at`, or its stored acceptance).
pub fn transfer_form(
    p: &Programme,
    b: &BoxRow,
    items: &[ItemRow],
    accepted_at: i64,
) -> TransferForm {
    TransferForm {
        box_id: b.id,
        programme: p.row.name.clone(),
        full_name: b.full_name.clone(),
        address: b.address.clone(),
        postal_code: b.postal_code.clone(),
        city: b.city.clone(),
        country: b.country.clone(),
        birth_date: b.birth_date.clone(),
        accepted_at: b.accepted_at.unwrap_or(accepted_at),
        pieces: items
            .iter()
            .map(|i| TransferPiece {
                style_ref: i.style_ref.clone(),
                name: i.name.clone(),
                grade: i.declared_grade.clone(),
                quoted_cents: i.quoted_cents,
            })
            .collect(),
        total_cents: items.iter().map(|i| i.quoted_cents).sum(),
    }
}

/// The person's own box (A4: another's looks missing).
pub async fn mine(
    app: &App,
    who: &Principal,
    box_id: i64,
) -> Result<(BoxRow, Vec<ItemRow>), AppError> {
    let b = store::by_id(&app.db, box_id)
        .await?
        .filter(|b| b.user_id == who.user_id)
        .ok_or(AppError::NotFound)?;
    let items = store::items(&app.db, box_id).await?;
    Ok((b, items))
}

/// The person's boxes and quotes, newest first.
pub async fn list_mine(app: &App, who: &Principal) -> Result<Vec<BoxRow>, AppError> {
    Ok(store::of_user(&app.db, who.user_id).await?)
}

/// Rows already read, each with its pieces (the box is not read again).
pub async fn with_items(
    app: &App,
    rows: Vec<BoxRow>,
) -> Result<Vec<(BoxRow, Vec<ItemRow>)>, AppError> {
    let mut out = Vec::with_capacity(rows.len());
    for b in rows {
        let items = store::items(&app.db, b.id).await?;
        out.push((b, items));
    }
    Ok(out)
}

/// A box for staff who inspect, or its person.
pub async fn for_staff(
    app: &App,
    who: &Principal,
    box_id: i64,
) -> Result<(BoxRow, Vec<ItemRow>), AppError> {
    if !inspects(who) {
        return Err(AppError::Forbidden);
    }
    let b = store::by_id(&app.db, box_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let items = store::items(&app.db, box_id).await?;
    Ok((b, items))
}

/// T4: the person accepts their quote, once (a second acceptance is refused as
/// `already_accepted`, nothing done twice); they are told with both documents, and the box's
/// prepaid label is bought.
pub async fn accept(app: &App, who: &Principal, box_id: i64) -> Result<BoxRow, AppError> {
    let (b, items) = mine(app, who, box_id).await?;
    let p = programme(app, b.programme_id).await?;
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let accepted = {
        let n = store::accept_in(&mut tx, box_id, who.user_id, now).await?;
        if n {
            let notice = Notice::TradeInAccepted {
                box_id,
                programme: p.row.name.clone(),
                total_cents: b.quoted_cents,
                lines: items
                    .iter()
                    .map(|i| NoticeLine {
                        title: i.name.clone(),
                        price_cents: i.quoted_cents,
                    })
                    .collect(),
                form: Some(transfer_form(&p, &b, &items, now)),
            };
            notify::queue(
                &mut tx,
                Recipient::User(who.user_id),
                &format!("tradein:{box_id}:accepted"),
                &notice,
                now,
            )
            .await?;
        }
        n
    };
    tx.commit().await?;
    if !accepted {
        let now_box = store::by_id(&app.db, box_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if now_box.state == "quoted" {
            return Err(AppError::Conflict("quote_changed"));
        }
        // A retry after the carrier failed to answer: the label is bought now.
        if now_box.tracking.is_none() {
            ensure_label(app, box_id, &b.country, items.len()).await?;
        }
        return Err(AppError::Conflict("already_accepted"));
    }
    app.ring();
    ensure_label(app, box_id, &b.country, items.len()).await?;
    store::by_id(&app.db, box_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// T4: buys the box's label if it has none (the carrier's answer is the same for the same
/// box, so a retry after a timeout never buys two).
pub async fn ensure_label(
    app: &App,
    box_id: i64,
    from_country: &str,
    pieces: usize,
) -> Result<(), AppError> {
    let all = carriers::list(app).await?;
    let carrier = crate::returns::labels::carrier_from(&all, from_country)
        .ok_or(AppError::Conflict("no_carrier"))?;
    let workshop = app.policy_now().await?.workshop_country.clone();
    let req = LabelRequest {
        carrier: carrier.code.clone(),
        consignment: Consignment::TradeInBox(box_id),
        weight_g: GRAMS_PER_PIECE * pieces.max(1) as i64,
        to_country: workshop,
    };
    let label = app.carrier.buy_label(&req).await.map_err(|e| {
        tracing::warn!(box_id, error = %e, "trade-in label refused");
        AppError::Unavailable("carrier")
    })?;
    store::set_label(&app.db, box_id, &label.carrier, &label.tracking).await?;
    Ok(())
}

/// T6: the boxes staff work on, late ones first.
pub async fn queue(app: &App, who: &Principal) -> Result<Vec<BoxRow>, AppError> {
    if !inspects(who) {
        return Err(AppError::Forbidden);
    }
    Ok(store::queue(&app.db, 200).await?)
}

/// Finds a box by its number or its label's tracking number, as a scanner reads them.
pub async fn find(app: &App, who: &Principal, scanned: &str) -> Result<BoxRow, AppError> {
    if !inspects(who) {
        return Err(AppError::Forbidden);
    }
    let s = scanned.trim();
    let by_number = s.trim_start_matches(['B', 'b', '#']).parse::<i64>().ok();
    let found = match by_number {
        Some(id) => store::by_id(&app.db, id).await?,
        None => store::by_tracking(&app.db, s).await?,
    };
    found.ok_or(AppError::NotFound)
}

/// T6: the box reached the warehouse: due by `handling_business_days` Paris business days
/// later; its person is told when to expect an answer.
pub async fn arrive(app: &App, who: &Principal, box_id: i64) -> Result<BoxRow, AppError> {
    let (b, _) = for_staff(app, who, box_id).await?;
    let p = programme(app, b.programme_id).await?;
    let now = app.now_us().await?;
    let due = tradein::handling_due(&p.rules, paris_date(now)).to_string();
    let mut tx = app.db.begin().await?;
    if !store::arrive_in(&mut tx, box_id, now, &due).await? {
        return Err(AppError::Conflict(if b.state == "quoted" {
            "not_accepted"
        } else {
            "already_arrived"
        }));
    }
    let notice = Notice::TradeInBoxReceived {
        box_id,
        programme: p.row.name.clone(),
        due_on: due,
    };
    notify::queue(
        &mut tx,
        Recipient::User(b.user_id),
        &format!("tradein:{box_id}:arrived"),
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    app.ring();
    store::by_id(&app.db, box_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// T5: what the inspector decides for one piece.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictInput {
    /// True: accepted at `grade`; false: refused for `reason`.
    pub accept: bool,
    #[serde(default)]
    pub grade: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// T5: the amount for a piece accepted at `grade`: what was quoted at the declared grade,
/// the grid's amount (never more than quoted) at a lower one.
fn amount_at(
    p: &Programme,
    item: &ItemRow,
    declared: Grade,
    grade: Grade,
    quoted_at: i64,
) -> Option<i64> {
    if grade == declared {
        return Some(item.quoted_cents);
    }
    let category = Category::parse(&item.category)?;
    let age = Season::parse(&item.season)?.age_years(paris_date(quoted_at));
    let q = tradein::grid::price(&p.rules.grid, item.reference_cents, category, age, grade)?;
    Some(q.amount_cents.min(item.quoted_cents))
}

/// T5/T6: records the verdict on one piece, once, and for an accepted piece credits the
/// person's store credit in the same transaction (its journal, its notice). A refused piece
/// gets its free return label. The box is handled when its last piece is.
pub async fn inspect(
    app: &App,
    who: &Principal,
    item_id: i64,
    v: &VerdictInput,
) -> Result<ItemRow, AppError> {
    if !inspects(who) {
        return Err(AppError::Forbidden);
    }
    let item = store::item(&app.db, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let b = store::by_id(&app.db, item.box_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = programme(app, b.programme_id).await?;
    let declared = Grade::parse(&item.declared_grade)
        .ok_or(AppError::Internal("stored grade unreadable".into()))?;
    let now = app.now_us().await?;
    let (grade, amount, reason) = if v.accept {
        let grade = v
            .grade
            .as_deref()
            .map(Grade::parse)
            .unwrap_or(Some(declared));
        let grade = grade
            .filter(|g| tradein::may_accept_at(declared, *g))
            .ok_or_else(|| AppError::field("grade", "grade_above_declared"))?;
        let amount = amount_at(&p, &item, declared, grade, b.quoted_at)
            .filter(|a| *a > 0)
            .ok_or_else(|| AppError::field("grade", "no_grid_line"))?;
        (Some(grade), Some(amount), None)
    } else {
        let reason = v.reason.as_deref().unwrap_or("").trim();
        let reason = fields::text("reason", reason, 300)
            .map_err(|e| AppError::Invalid(FieldErrors(vec![e])))?;
        (None, None, Some(reason))
    };
    let mut tx = app.db.begin().await?;
    let verdict = Verdict {
        outcome: if v.accept { "accepted" } else { "refused" },
        final_grade: grade.map(|g| g.as_str()),
        credited_cents: amount,
        refusal_reason: reason.as_deref(),
        inspector: who.user_id,
        at: now,
    };
    if !store::inspect(&mut tx, item_id, &verdict).await? {
        return Err(AppError::Conflict(if item.outcome.is_some() {
            "already_inspected"
        } else {
            "box_not_arrived"
        }));
    }
    let notice = match (grade, amount) {
        (Some(grade), Some(amount)) => {
            credit_store::add(&mut tx, b.programme_id, b.user_id, amount).await?;
            post(
                &mut tx,
                &tradein_credit_journal(b.programme_id, b.user_id, amount),
                &format!("tradein_credit:{item_id}"),
                now,
            )
            .await?;
            let balance = credit_store::balance_in(&mut tx, b.programme_id, b.user_id).await?;
            Notice::TradeInPieceAccepted {
                box_id: b.id,
                programme: p.row.name.clone(),
                name: item.name.clone(),
                declared_grade: declared.as_str().to_owned(),
                grade: grade.as_str().to_owned(),
                amount_cents: amount,
                balance_cents: balance,
            }
        }
        _ => Notice::TradeInPieceRefused {
            box_id: b.id,
            programme: p.row.name.clone(),
            name: item.name.clone(),
            reason: reason.clone().unwrap_or_default(),
        },
    };
    notify::queue(
        &mut tx,
        Recipient::User(b.user_id),
        &format!("tradein_item:{item_id}:inspected"),
        &notice,
        now,
    )
    .await?;
    store::close_if_done(&mut tx, b.id, now).await?;
    tx.commit().await?;
    app.ring();
    if !v.accept {
        return_label(app, &b, item_id).await?;
    }
    store::item(&app.db, item_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// T5: a refused piece goes back free: its label, bought once.
pub async fn return_label(app: &App, b: &BoxRow, item_id: i64) -> Result<(), AppError> {
    let all = carriers::list(app).await?;
    let workshop = app.policy_now().await?.workshop_country.clone();
    let carrier = crate::returns::labels::carrier_from(&all, &workshop)
        .ok_or(AppError::Conflict("no_carrier"))?;
    let req = LabelRequest {
        carrier: carrier.code.clone(),
        consignment: Consignment::TradeInReturn(item_id),
        weight_g: GRAMS_PER_PIECE,
        to_country: b.country.clone(),
    };
    match app.carrier.buy_label(&req).await {
        Ok(label) => {
            store::set_return_label(&app.db, item_id, &label.carrier, &label.tracking).await?;
        }
        // The verdict stands; staff print the label again from the box's page.
        Err(e) => tracing::warn!(item_id, error = %e, "trade-in return label refused"),
    }
    Ok(())
}

/// Writes a journal under `dedupe` (a retry writes nothing more).
pub(crate) async fn post(
    tx: &mut Tx,
    journal: &Journal,
    dedupe: &str,
    now: i64,
) -> Result<bool, AppError> {
    let entries = journal.keyed_entries();
    Ok(ledger::post(
        tx,
        &Posting {
            kind: journal.kind,
            dedupe,
            order_id: None,
            instrument_id: None,
            entries: &entries,
        },
        now,
    )
    .await?)
}

/// T6: whether a box is late on `today` (arrived, not handled, past its due date).
pub fn is_late(b: &BoxRow, today: jiff::civil::Date) -> bool {
    b.state == "arrived"
        && b.due_on
            .as_deref()
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            .is_some_and(|due| today > due)
}
