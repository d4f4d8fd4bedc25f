//! The site's chat (S1, S2, A4): `/support` lists the asker's conversations and starts one,
//! naming an order or a piece when opened from it; `/support/conversations/{id}` is the
//! thread with a reply form. Signed-in people write as themselves; a visitor gives an e-mail
//! address and their browser keeps a key (cookie `pepite_support`) that alone reads the
//! conversation again. Plain forms and pages work without JavaScript; the forms take photos
//! and PDFs (`sent.rs` reads them, `files.rs` serves them back to their people only);
//! `live.rs` adds the live feed, and `?frame=1` draws the same pages without the site's
//! header for the chat panel every page opens.

pub(in crate::pages) mod files;
mod live;
pub(in crate::pages) mod sent;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use pepite_app::AppError;
use pepite_app::support::{self, Asker, OpenInput, Thread};
use pepite_domain::FieldErrors;
use pepite_store::support::ConversationRow;
use serde::Deserialize;

use crate::AppState;
use crate::headers::CONTENT_SECURITY_POLICY_FRAMED;
use crate::pages::buy::parse_id;
use crate::pages::ctx::{FormErrors, PageCtx, render};
use crate::pages::forms::{Query, see_other};
use crate::pages::{OrPage, PageError};
use sent::Sent;

/// The cookie holding a visitor's chat key.
const VISITOR_COOKIE: &str = "pepite_support";

pub(super) fn router() -> Router<AppState> {
    // A message may carry several photos or PDFs: the chat's forms take more than a page's.
    let with_files = DefaultBodyLimit::max(sent::LIMIT);
    Router::new()
        .route("/support", get(index).post(start).layer(with_files))
        .route(
            "/support/conversations/{id}",
            get(conversation).post(reply).layer(with_files),
        )
        .route("/support/conversations/{id}/events", get(live::events))
        .route(
            "/support/conversations/{id}/files/{file}",
            get(files::download),
        )
}

/// Who is writing: the signed-in person, or the visitor's browser if it has a key.
fn asker<'a>(ctx: &'a PageCtx, jar: &'a CookieJar) -> Option<Asker<'a>> {
    match &ctx.user {
        Some(who) => Some(Asker::Person(who)),
        None => jar.get(VISITOR_COOKIE).map(|c| Asker::Visitor(c.value())),
    }
}

/// A visitor's key cookie: HttpOnly, SameSite=Lax, Secure under HTTPS, kept a year.
fn visitor_cookie(s: &AppState, key: String) -> Cookie<'static> {
    let mut c = Cookie::new(VISITOR_COOKIE, key);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(s.config.secure_cookies());
    c.set_max_age(time::Duration::days(365));
    c
}

/// Where to go next, staying inside the panel when there.
fn within(ctx: &PageCtx, path: &str) -> String {
    if ctx.framed() {
        format!("{path}?frame=1")
    } else {
        path.to_owned()
    }
}

/// A page that the chat panel of the same site may frame, and no other site.
fn frameable(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_FRAMED),
    );
    response
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StartQuery {
    order: String,
    piece: String,
}

/// What the start form holds: as sent, or empty.
#[derive(Debug, Default)]
pub(super) struct StartForm {
    email: String,
    subject: String,
    body: String,
    order_id: String,
    piece_id: String,
}

impl StartForm {
    fn of(sent: &Sent) -> StartForm {
        StartForm {
            email: sent.text("email"),
            subject: sent.text("subject"),
            body: sent.text("body"),
            order_id: sent.text("order_id"),
            piece_id: sent.text("piece_id"),
        }
    }
}

/// What a new conversation names, shown above the form.
struct Topic {
    order_id: Option<i64>,
    /// The order's number as its page shows it (its id before it is paid).
    order_number: Option<String>,
    piece_id: Option<i64>,
    /// The piece's title, when it names one the asker can see.
    piece_title: Option<String>,
}

#[derive(Template)]
#[template(path = "support/index.html")]
struct IndexPage<'a> {
    ctx: &'a PageCtx,
    conversations: Vec<ConversationRow>,
    topic: Topic,
    form: StartForm,
    errors: FormErrors,
    /// S2: when staff are back, if they are away now.
    back_at: Option<i64>,
}

impl IndexPage<'_> {
    fn state_label(&self, state: &str) -> String {
        self.ctx.t(&format!("support-state-{state}"))
    }
}

async fn topic(s: &AppState, ctx: &PageCtx, order: &str, piece: &str) -> Topic {
    let piece_id = piece.trim().parse().ok();
    let piece_title = piece_title(s, ctx, piece_id).await;
    let order_id = order.trim().parse().ok();
    let order_number = match order_id {
        Some(id) => order_number(s, ctx, id).await,
        None => None,
    };
    Topic {
        order_id: order_number.as_ref().and(order_id),
        order_number,
        piece_id: piece_title.as_ref().and(piece_id),
        piece_title,
    }
}

/// The title of piece `id` if the reader can see it (A4, C4: a withdrawn piece is not named).
async fn piece_title(s: &AppState, ctx: &PageCtx, id: Option<i64>) -> Option<String> {
    let (piece, _) = pepite_app::catalog::visible(&s.app, ctx.user.as_ref(), id?)
        .await
        .ok()?;
    Some(piece.title)
}

/// 200, or 422 when a form is drawn again with what was refused.
fn status_of(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The number of the signed-in person's order `id`, as their pages show it (A4: none for
/// anyone else's).
async fn order_number(s: &AppState, ctx: &PageCtx, id: i64) -> Option<String> {
    let who = ctx.user.as_ref()?;
    let order = pepite_store::commerce::orders::by_id(&s.app.db, id)
        .await
        .ok()
        .flatten()
        .filter(|o| o.buyer_id == who.user_id)?;
    Some(order.number.unwrap_or_else(|| id.to_string()))
}

async fn index_page(
    s: &AppState,
    ctx: &PageCtx,
    jar: &CookieJar,
    topic: Topic,
    form: StartForm,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let conversations = match asker(ctx, jar) {
        Some(a) => support::mine_as(&s.app, a).await.or_page(ctx)?,
        None => vec![],
    };
    let back_at = support::away_until(&s.app, ctx.shop_id())
        .await
        .or_page(ctx)?;
    let status = status_of(&errors);
    let page = IndexPage {
        ctx,
        conversations,
        topic,
        form,
        errors: FormErrors::new(ctx.lang, errors),
        back_at,
    };
    Ok(frameable((status, render(&page)).into_response()))
}

async fn index(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Query(q): Query<StartQuery>,
) -> Result<Response, PageError> {
    let topic = topic(&s, &ctx, &q.order, &q.piece).await;
    index_page(
        &s,
        &ctx,
        &jar,
        topic,
        StartForm::default(),
        FieldErrors::new(),
    )
    .await
}

/// S1: starts a conversation, with photos or PDFs if chosen; a visitor without a key gets
/// one with the answer.
async fn start(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    req: Request,
) -> Result<Response, PageError> {
    let sent = Sent::read(req, &s).await;
    let f = StartForm::of(&sent);
    let topic = topic(&s, &ctx, &f.order_id, &f.piece_id).await;
    if !sent.refused.is_empty() {
        return index_page(&s, &ctx, &jar, topic, f, sent.refused).await;
    }
    let input = OpenInput {
        subject: f.subject.clone(),
        body: f.body.clone(),
        order_id: topic.order_id,
        piece_id: topic.piece_id,
        files: sent.files,
    };
    // Someone the page does not know yet is a visitor whose browser gets a key now.
    let new_key = asker(&ctx, &jar).is_none().then(support::visitor_key);
    let asked = match &new_key {
        Some(key) => Asker::Visitor(key),
        None => known(&ctx, &jar)?,
    };
    let language = ctx.lang.as_str();
    match support::open_as(&s.app, asked, &f.email, language, ctx.shop_id(), &input).await {
        Ok(t) => {
            let to = see_other(&within(&ctx, &conversation_path(t.conversation.id)));
            Ok(match new_key {
                Some(key) => (jar.add(visitor_cookie(&s, key)), to).into_response(),
                None => to,
            })
        }
        Err(AppError::Invalid(errors)) => index_page(&s, &ctx, &jar, topic, f, errors).await,
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}

fn conversation_path(id: i64) -> String {
    format!("/support/conversations/{id}")
}

#[derive(Template)]
#[template(path = "support/conversation.html")]
struct ConversationPage<'a> {
    ctx: &'a PageCtx,
    thread: Thread,
    /// The piece the conversation names, if the asker can still see it.
    piece_title: Option<String>,
    /// The number of the order it names.
    order_number: Option<String>,
    body: String,
    errors: FormErrors,
}

impl ConversationPage<'_> {
    fn who(&self, author: &str) -> String {
        self.ctx.t(&format!("support-from-{author}"))
    }

    fn last_id(&self) -> i64 {
        self.thread.messages.last().map_or(0, |m| m.id)
    }

    fn action(&self) -> String {
        within(self.ctx, &conversation_path(self.thread.conversation.id))
    }

    /// Where one of the thread's files is downloaded.
    fn file_path(&self, file: &i64) -> String {
        files::path(self.thread.conversation.id, *file)
    }
}

async fn conversation_page(
    s: &AppState,
    ctx: &PageCtx,
    thread: Thread,
    body: String,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let piece_title = piece_title(s, ctx, thread.conversation.piece_id).await;
    let order_number = match thread.conversation.order_id {
        Some(id) => order_number(s, ctx, id).await,
        None => None,
    };
    let status = status_of(&errors);
    let page = ConversationPage {
        ctx,
        thread,
        piece_title,
        order_number,
        body,
        errors: FormErrors::new(ctx.lang, errors),
    };
    Ok(frameable((status, render(&page)).into_response()))
}

/// The asker, or the "not found" every stranger gets (A4).
fn known<'a>(ctx: &'a PageCtx, jar: &'a CookieJar) -> Result<Asker<'a>, PageError> {
    asker(ctx, jar).ok_or_else(|| PageError::new(ctx, AppError::NotFound))
}

async fn conversation(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let thread = support::thread_as(&s.app, known(&ctx, &jar)?, id)
        .await
        .or_page(&ctx)?;
    conversation_page(&s, &ctx, thread, String::new(), FieldErrors::new()).await
}

/// S1: the asker writes again, with photos or PDFs if chosen.
async fn reply(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let asker = known(&ctx, &jar)?;
    let sent = Sent::read(req, &s).await;
    let body = sent.text("body");
    let written = if sent.refused.is_empty() {
        support::write_with(&s.app, asker, id, &body, &sent.files).await
    } else {
        Err(AppError::Invalid(sent.refused))
    };
    match written {
        Ok(_) => Ok(see_other(&within(&ctx, &conversation_path(id)))),
        Err(AppError::Invalid(errors)) => {
            let thread = support::thread_as(&s.app, asker, id).await.or_page(&ctx)?;
            conversation_page(&s, &ctx, thread, body, errors).await
        }
        Err(e) => Err(PageError::new(&ctx, e)),
    }
}
