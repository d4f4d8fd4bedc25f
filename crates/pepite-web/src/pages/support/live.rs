//! The live feed of a conversation (S1): server-sent events carrying each new public message
//! as JSON (`pepite.js` appends it to the thread). The feed first catches up from the id the
//! page last drew (or the browser's `Last-Event-ID` after a reconnection), then waits on the
//! app's hub, which messages from any instance ring; a slow poll covers a missed ring. It
//! ends when the process shuts down, so a graceful stop is not held open by chats.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use futures_util::stream::{self, Stream, StreamExt};
use pepite_app::App;
use pepite_app::accounts::Principal;
use pepite_app::support::{self, Asker, Said};
use pepite_domain::account::Language;
use serde::Deserialize;
use tokio::sync::watch;

use super::known;
use crate::pages::buy::parse_id;
use crate::pages::ctx::PageCtx;
use crate::pages::forms::Query;
use crate::pages::{OrPage, PageError};
use crate::{AppState, i18n};

/// How long a feed waits for a ring before looking anyway.
const FALLBACK_POLL: Duration = Duration::from_secs(30);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(in crate::pages) struct EventsQuery {
    /// The last message id the page drew.
    after: String,
}

/// The asker, owned by the feed for as long as it is open.
enum Owner {
    Person(Principal),
    Visitor(String),
}

impl Owner {
    fn asker(&self) -> Asker<'_> {
        match self {
            Owner::Person(who) => Asker::Person(who),
            Owner::Visitor(key) => Asker::Visitor(key),
        }
    }
}

struct Feed {
    app: App,
    owner: Owner,
    id: i64,
    after: i64,
    lang: Language,
    rung: watch::Receiver<u64>,
    closing: watch::Receiver<bool>,
}

pub(in crate::pages) async fn events(
    State(s): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(q): Query<EventsQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let id = parse_id(&ctx, &id)?;
    let owner = match known(&ctx, &jar)? {
        Asker::Person(who) => Owner::Person(who.clone()),
        Asker::Visitor(key) => Owner::Visitor(key.to_owned()),
    };
    // A4: a stranger's feed is "not found" before anything is streamed.
    support::theirs(&s.app, owner.asker(), id)
        .await
        .or_page(&ctx)?;
    let resumed = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let feed = Feed {
        rung: s.app.support_live.subscribe(id),
        closing: s.app.support_live.closing(),
        app: s.app.clone(),
        owner,
        id,
        after: resumed.or(q.after.parse().ok()).unwrap_or(0),
        lang: ctx.lang,
    };
    Ok(Sse::new(feed_stream(feed))
        .keep_alive(KeepAlive::default())
        .into_response())
}

fn feed_stream(feed: Feed) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(feed, |mut f| async move {
        loop {
            if *f.closing.borrow() {
                return None;
            }
            match support::since(&f.app, f.owner.asker(), f.id, f.after).await {
                Ok(messages) if !messages.is_empty() => {
                    f.after = messages.last().map_or(f.after, |m| m.message.id);
                    let events: Vec<Event> = messages.iter().map(|m| event(f.lang, m)).collect();
                    return Some((events, f));
                }
                Ok(_) => {}
                // Gone or unreadable: the feed ends; the browser reconnects and is told why.
                Err(_) => return None,
            }
            tokio::select! {
                changed = f.rung.changed() => if changed.is_err() { return None },
                _ = f.closing.changed() => return None,
                () = tokio::time::sleep(FALLBACK_POLL) => {}
            }
        }
    })
    .flat_map(|events| stream::iter(events.into_iter().map(Ok)))
}

/// One message as the page draws it: who wrote, when (Paris time, the page's language),
/// and its files.
fn event(lang: Language, said: &Said) -> Event {
    let m = &said.message;
    let files: Vec<_> = said
        .files
        .iter()
        .map(|a| {
            serde_json::json!({
                "name": a.file_name,
                "url": super::files::path(m.conversation_id, a.id),
                "photo": a.content_type.starts_with("image/"),
            })
        })
        .collect();
    let data = serde_json::json!({
        "id": m.id,
        "author": m.author,
        "who": i18n::t(lang, &format!("support-from-{}", m.author)),
        "at": i18n::date_time(lang, m.created_at),
        "body": m.body,
        "files": files,
    });
    Event::default()
        .id(m.id.to_string())
        .event("message")
        .data(data.to_string())
}
