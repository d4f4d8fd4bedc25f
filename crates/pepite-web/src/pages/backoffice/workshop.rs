//! The workshop station (F2) in the back office, made for a bench with a barcode scanner: one
//! text field (autofocused, plain HTML, no script) takes a scanned order number, piece number
//! or seller's tracking number and Enter. A piece scanned before it arrived is recorded as
//! arrived at once; anything else opens its order's bench, where each piece is checked (pass,
//! or fail with a note and photos), then the order's parcel is packed under a label from the
//! carrier, printed, and shipped. Every button posts and comes back here (post, redirect, get).

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use pepite_app::AppError;
use pepite_app::carriers::{self, CarrierRow};
use pepite_app::workshop::{self, Bench, Check, WorkshopLine};
use pepite_domain::account::Role;
use pepite_domain::time::DAY_US;
use serde::Deserialize;

use super::{conflict_message, fail, path_id, with_role};
use crate::AppState;
use crate::pages::ctx::urlencode;
use crate::pages::forms::{Form, Query, see_other};
use crate::pages::{PageCtx, PageError, render};

/// What the last action said, carried by the redirect: a done message or a refusal's code.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Said {
    done: String,
    error: String,
    code: String,
    piece: String,
}

impl Said {
    pub(super) fn message(&self, ctx: &PageCtx) -> Option<(bool, String)> {
        self.message_of(ctx, "bo-workshop-done")
    }

    /// The refusal's code carried by the redirect, if any.
    pub(super) fn error_code(&self) -> Option<&str> {
        (!self.error.is_empty()).then_some(self.error.as_str())
    }

    /// The code a scan sent back (kept in the field).
    pub(super) fn code_typed(&self) -> &str {
        &self.code
    }

    /// The sentence of a refusal, or of a done action under `prefix` (`bo-order-done`…).
    pub(super) fn message_of(&self, ctx: &PageCtx, prefix: &str) -> Option<(bool, String)> {
        if !self.error.is_empty() {
            return Some((false, conflict_message(ctx, &self.error)));
        }
        let key = format!("{prefix}-{}", self.done.replace('_', "-"));
        (!self.done.is_empty() && crate::i18n::has(ctx.lang, &key)).then(|| (true, ctx.t(&key)))
    }
}

#[derive(Template)]
#[template(path = "backoffice/workshop.html")]
struct StationPage<'a> {
    ctx: &'a PageCtx,
    benches: Vec<Bench>,
    message: Option<(bool, String)>,
    code: String,
    now: i64,
}

impl StationPage<'_> {
    /// Whole days since payment: the oldest orders wait longest.
    fn age_days(&self, paid_at: &i64) -> i64 {
        (self.now - paid_at).div_euclid(DAY_US)
    }

    fn count(&self, b: &Bench, what: &str) -> usize {
        b.lines
            .iter()
            .filter(|l| match what {
                "arrived" => l.arrived_at.is_some(),
                _ => l.check_state.is_some(),
            })
            .count()
    }
}

/// F2: the station: the scan field and the grouped orders still to ship, oldest first.
pub(super) async fn station(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let benches = workshop::queue(&state.app, &who)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let now = state.app.now_us().await.map_err(|e| fail(&ctx, e))?;
    Ok(render(&StationPage {
        message: said.message(&ctx),
        code: said.code.clone(),
        ctx: &ctx,
        benches,
        now,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ScanQuery {
    pub(super) code: String,
}

/// F2: a scan. A piece not yet received is recorded as arrived (the bench's commonest scan);
/// an order or a received piece opens the bench; an unknown code comes back to the station
/// with the code kept in the field.
pub(super) async fn scan(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ScanQuery>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let found = match workshop::scan(&state.app, &who, &q.code).await {
        Ok(found) => found,
        Err(AppError::Invalid(_)) => {
            let back = format!(
                "/back-office/workshop?error=scan_unknown&code={}",
                urlencode(q.code.trim())
            );
            return Ok(see_other(&back));
        }
        Err(e) => return Err(fail(&ctx, e)),
    };
    let bench = format!("/back-office/workshop/orders/{}", found.order_id);
    let Some(piece) = found.piece_id else {
        return Ok(see_other(&bench));
    };
    Ok(
        match workshop::arrive(&state.app, &who, found.order_id, piece).await {
            Ok(_) => see_other(&format!("{bench}?done=arrived&piece={piece}")),
            // Already received (or out of the order): the bench shows where it stands.
            Err(AppError::Conflict(_)) => see_other(&format!("{bench}?piece={piece}")),
            Err(e) => return Err(fail(&ctx, e)),
        },
    )
}

#[derive(Template)]
#[template(path = "backoffice/bench.html")]
struct BenchPage<'a> {
    ctx: &'a PageCtx,
    b: Bench,
    message: Option<(bool, String)>,
    /// The piece the last scan named, highlighted.
    piece: Option<i64>,
    /// Carriers serving the destination, for the label.
    carriers: Vec<CarrierRow>,
}

impl BenchPage<'_> {
    /// Where a piece stands, as a label key's suffix.
    fn stage(&self, l: &WorkshopLine) -> &'static str {
        if let Some(reason) = l.withdrawn_reason.as_deref() {
            return if reason == "late" {
                "cancelled"
            } else {
                "dropped"
            };
        }
        match (l.arrived_at, l.check_state.as_deref(), l.choice.as_deref()) {
            (None, _, _) if l.sent_at.is_some() => "sent",
            (None, _, _) => "expected",
            (Some(_), None, _) => "arrived",
            (_, Some("passed"), _) => "passed",
            (_, _, Some("keep")) => "kept",
            _ => "awaiting_choice",
        }
    }

    fn scanned(&self, piece: &i64) -> bool {
        self.piece == Some(*piece)
    }

    fn shipped(&self) -> bool {
        self.b
            .parcel
            .as_ref()
            .is_some_and(|p| p.shipped_at.is_some())
    }
}

/// F2: one order at the bench.
pub(super) async fn bench(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(said): Query<Said>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    let b = workshop::bench(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?;
    let order = pepite_app::orders::detail(&state.app, &who, id)
        .await
        .map_err(|e| fail(&ctx, e))?
        .0
        .order;
    let carriers = carriers::list(&state.app)
        .await
        .map_err(|e| fail(&ctx, e))?
        .into_iter()
        .filter(|c| c.active && c.countries.split(',').any(|c| c == order.country))
        .collect();
    Ok(render(&BenchPage {
        message: said.message(&ctx),
        piece: said.piece.parse().ok(),
        ctx: &ctx,
        b,
        carriers,
    }))
}

/// Back to the bench, with what happened.
fn outcome<T>(
    ctx: &PageCtx,
    id: i64,
    done: &str,
    r: Result<T, AppError>,
) -> Result<Response, PageError> {
    match r {
        Ok(_) => Ok(see_other(&format!(
            "/back-office/workshop/orders/{id}?done={done}"
        ))),
        Err(AppError::Conflict(code)) => Ok(see_other(&format!(
            "/back-office/workshop/orders/{id}?error={code}"
        ))),
        Err(AppError::Invalid(e)) => {
            let code = e.0.first().map_or("invalid", |f| f.code);
            Ok(see_other(&format!(
                "/back-office/workshop/orders/{id}?error={code}"
            )))
        }
        Err(e) => Err(fail(ctx, e)),
    }
}

/// F2: the arrival button (for a piece whose label cannot be scanned).
pub(super) async fn arrive(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let (id, piece) = (path_id(&ctx, &id)?, path_id(&ctx, &piece)?);
    outcome(
        &ctx,
        id,
        "arrived",
        workshop::arrive(&state.app, &who, id, piece).await,
    )
}

/// F2: a check's outcome from its multipart form: `outcome` (`pass` or `fail`), `note`, and
/// any number of `photos`.
pub(super) async fn check(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, piece)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let (id, piece) = (path_id(&ctx, &id)?, path_id(&ctx, &piece)?);
    let Some(input) = read_check(multipart).await else {
        return Ok(see_other(&format!(
            "/back-office/workshop/orders/{id}?error=unreadable_upload"
        )));
    };
    let done = if input.passed { "passed" } else { "failed" };
    outcome(
        &ctx,
        id,
        done,
        workshop::check(&state.app, &who, id, piece, input).await,
    )
}

/// The check form's fields; None when the body cannot be read (too large, cut short).
async fn read_check(multipart: Result<Multipart, MultipartRejection>) -> Option<Check> {
    let mut multipart = multipart.ok()?;
    let mut check = Check::default();
    while let Some(field) = multipart.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.ok()?;
        match name.as_str() {
            "outcome" => check.passed = bytes.as_ref() == b"pass",
            "note" => check.note = String::from_utf8_lossy(&bytes).into_owned(),
            // A form sent without choosing a file still carries the field, empty.
            "photos" if !bytes.is_empty() => check.photos.push(bytes.to_vec()),
            _ => {}
        }
    }
    Some(check)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PackForm {
    carrier: String,
}

/// F2: pack under a label bought from the chosen carrier.
pub(super) async fn pack(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<PackForm>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    outcome(
        &ctx,
        id,
        "packed",
        workshop::pack(&state.app, &who, id, &form.carrier).await,
    )
}

/// F2/F3: the parcel is handed to the carrier; the buyer is told.
pub(super) async fn ship(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let who = with_role(&ctx, Role::Workshop)?;
    let id = path_id(&ctx, &id)?;
    outcome(
        &ctx,
        id,
        "shipped",
        workshop::ship(&state.app, &who, id).await,
    )
}

/// F2: the parcel's label, to print.
pub(super) async fn label(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((id, parcel)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = super::staff(&ctx)?;
    let (id, parcel) = (path_id(&ctx, &id)?, path_id(&ctx, &parcel)?);
    crate::pages::labels::label(&state.app, &who, ctx.lang, id, parcel)
        .await
        .map_err(|e| fail(&ctx, e))
}
