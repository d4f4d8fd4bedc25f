//! E-mail into customer service (S1): the inbound listener hands each mail here, where it is
//! stored raw before the listener says 250, then claimed and threaded: by the `+token` of
//! the recipient, else by In-Reply-To/References (a conversation's own ids, or mails already
//! in it), else into a new conversation with no account (A4: a From address proves nothing,
//! so it never opens an account's conversations). Auto-replies and bounces are recorded and
//! ignored, never answered, so two robots cannot talk for ever; floods are limited per sender.
//! Whatever was left pending by a crash is threaded by the `support.inbound` tick.
//! Photos and PDFs attached to a mail are kept like the chat's (S1); anything else, or over
//! the limits, is named in the message as left out.

use mail_parser::{Message, MessageParser, MimeHeaders};
use pepite_domain::account::Language;
use pepite_domain::shop::language_in;
use pepite_store::support::inbound::{self as store, InboundRow, NewInbound};
use pepite_store::support::{self as conversations, ConversationRow, NewConversation};
use sha2::{Digest, Sha256};

pub use super::address::SupportAddress;
use super::attachments::{self, Prepared, Upload};
use super::{MESSAGE_MAX, SUBJECT_MAX, answer_due, due_after_person, kept};
use crate::accounts::random_secret;
use crate::throttle::{self, Limit};
use crate::{App, AppError};

/// The largest mail the listener takes (SMTP SIZE); larger ones get 552.
pub const MAIL_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Mails one sender address may have threaded in an hour: a busy correspondent, not a flood.
pub const MAILS_PER_SENDER: Limit = Limit {
    attempts: 20,
    window_us: 3_600_000_000,
};
/// A claimed mail is its thread's for this long; after a crash the tick takes it again.
const CLAIM_US: i64 = 60_000_000;
/// Attachments left out named in the message, at most (see `attachments_note`).
const ATTACHMENTS_LISTED: usize = 10;
const NAME_MAX: usize = 100;

/// The Message-ID that names a conversation in the References of its answers.
pub fn conversation_message_id(token: &str, host: &str) -> String {
    format!("<conversation-{token}@{host}>")
}

/// The Message-ID of one answer (`id`: its notification): it names the conversation too, so
/// a reply carrying only In-Reply-To threads.
pub fn answer_message_id(token: &str, id: i64, host: &str) -> String {
    format!("<conversation-{token}.{id}@{host}>")
}

/// The reply token a Message-ID of ours names.
fn token_in(message_id: &str) -> Option<&str> {
    let inner = message_id.trim().trim_start_matches('<');
    let rest = inner.strip_prefix("conversation-")?;
    let token = rest.split(['.', '@']).next()?;
    (!token.is_empty()).then_some(token)
}

/// The SMTP envelope: who the sending server says the mail is from (empty for `<>`), and to.
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
}

/// What became of a mail handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Stored under this id.
    Stored(i64),
    /// Its Message-ID was stored already: a retry, taken without a second message.
    Duplicate,
}

/// Stores a mail as received, before the listener answers 250. Its Message-ID is the key
/// that makes a relay's retry harmless; a mail without one is keyed by its content.
pub async fn receive(
    app: &App,
    support: &SupportAddress,
    envelope: &Envelope,
    raw: &[u8],
) -> Result<Received, AppError> {
    let parsed = MessageParser::default().parse_headers(raw);
    let message_id = match parsed.as_ref().and_then(Message::message_id) {
        Some(id) => format!("<{}>", id.trim_matches(['<', '>'])),
        None => {
            let digest = Sha256::digest(raw);
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("<{hex}@no-message-id>")
        }
    };
    let shops = app.shops().await?;
    let token = envelope
        .rcpt_to
        .iter()
        .find_map(|r| support.token(&shops, r));
    let rcpt_to: Vec<&str> = envelope.rcpt_to.iter().map(String::as_str).collect();
    let now = app.now_us().await?;
    let stored = store::insert(
        &app.db,
        &NewInbound {
            message_id: &message_id,
            mail_from: &envelope.mail_from,
            rcpt_to: &envelope.rcpt_to.join("\n"),
            reply_token: token.as_deref(),
            raw,
            shop_id: support.shop_for(&shops, &rcpt_to),
        },
        now,
    )
    .await?;
    Ok(stored.map_or(Received::Duplicate, Received::Stored))
}

/// What threading did with a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Threaded(i64),
    Ignored(&'static str),
    /// Another process holds it, or has settled it.
    Elsewhere,
}

/// Receives a mail and threads it at once; once stored, a failure to thread leaves it
/// pending for the tick, and the sender is still told it was taken.
pub async fn deliver(
    app: &App,
    support: &SupportAddress,
    envelope: &Envelope,
    raw: &[u8],
) -> Result<Received, AppError> {
    let received = receive(app, support, envelope, raw).await?;
    if let Received::Stored(id) = received
        && let Err(e) = thread(app, id).await
    {
        tracing::warn!(id, error = %e, "threading a received mail failed; the tick will retry");
    }
    Ok(received)
}

/// The tick: threads every pending mail nobody holds (left by a crash or a failure).
pub async fn thread_pending(app: &App) -> Result<usize, AppError> {
    let mut done = 0;
    loop {
        let now = app.now_us().await?;
        let ids = store::unclaimed(&app.db, now, 100).await?;
        if ids.is_empty() {
            return Ok(done);
        }
        for id in ids {
            if thread(app, id).await? != Outcome::Elsewhere {
                done += 1;
            }
        }
    }
}

/// Claims a pending mail and threads or ignores it; the claim, then the final update in
/// the message's own transaction, make sure two processes never thread it twice.
pub async fn thread(app: &App, id: i64) -> Result<Outcome, AppError> {
    let now = app.now_us().await?;
    if !store::claim(&app.db, id, now, now + CLAIM_US).await? {
        return Ok(Outcome::Elsewhere);
    }
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let Some(mail) = MessageParser::default().parse(&row.raw) else {
        return ignore(app, id, "unreadable", now).await;
    };
    // A mail staff released from the set-aside list is threaded as it is (see `set_aside`).
    let released = row.reason.as_deref() == Some("released");
    if let Some(reason) = automatic(&mail, &row.mail_from).filter(|_| !released) {
        return ignore(app, id, reason, now).await;
    }
    let Some(from) = sender(&mail) else {
        return ignore(app, id, "no_sender", now).await;
    };
    let bucket = format!("support-mail:{from}");
    if !released
        && let Err(AppError::Throttled { .. }) =
            throttle::count(app, &bucket, MAILS_PER_SENDER, now).await
    {
        return ignore(app, id, "rate_limited", now).await;
    }
    let existing = conversation_for(app, &row, &mail, &from).await?;
    let language = match &existing {
        Some(c) => Language::parse(&c.language).unwrap_or_default(),
        None => language_of(app, row.shop_id, &mail).await?,
    };
    let (files, left_out) = files_of(app, &mail).await?;
    let Some(body) = Body::of(&mail, language, &left_out, !files.is_empty()) else {
        return ignore(app, id, "empty", now).await;
    };
    // Whatever the policy says is read before the transaction: a transaction must never wait
    // for a second connection of the pool, which the other mails' transactions may all hold.
    let due = match &existing {
        Some(c) => due_after_person(app, c, now).await?,
        None => answer_due(&*app.policy_of(row.shop_id).await?, now),
    };
    let written = async {
        let mut tx = app.db.begin().await?;
        let (conversation, message) = match existing {
            Some(c) => {
                let message =
                    conversations::add_message(&mut tx, c.id, "person", None, &body.text, now)
                        .await?;
                conversations::moved(&mut tx, c.id, "open", due, now).await?;
                (c.id, message)
            }
            None => {
                let subject: String = mail
                    .subject()
                    .unwrap_or_default()
                    .trim()
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(SUBJECT_MAX)
                    .collect();
                let new = NewConversation {
                    shop_id: row.shop_id,
                    user_id: None,
                    email: &from,
                    language: language.as_str(),
                    subject: &subject,
                    order_id: None,
                    piece_id: None,
                    reply_token: &random_secret(),
                    due_at: due,
                };
                conversations::open(&mut tx, &new, &body.text, now).await?
            }
        };
        attachments::record(&mut tx, conversation, message, &files, now).await?;
        let settled = store::settle(
            &mut tx,
            id,
            "threaded",
            body.reason,
            Some(conversation),
            now,
        )
        .await?;
        if !settled {
            // Another process threaded it: this copy's files are named by nothing.
            return Err(AppError::Conflict("threaded_elsewhere"));
        }
        tx.commit().await?;
        Ok(conversation)
    }
    .await;
    let conversation = match kept(app, files, written).await {
        Err(AppError::Conflict("threaded_elsewhere")) => return Ok(Outcome::Elsewhere),
        other => other?,
    };
    app.ring();
    app.support_live.ring(conversation);
    Ok(Outcome::Threaded(conversation))
}

async fn ignore(app: &App, id: i64, reason: &'static str, now: i64) -> Result<Outcome, AppError> {
    tracing::info!(id, reason, "received mail ignored");
    let mut tx = app.db.begin().await?;
    if !store::settle(&mut tx, id, "ignored", Some(reason), None, now).await? {
        return Ok(Outcome::Elsewhere);
    }
    tx.commit().await?;
    Ok(Outcome::Ignored(reason))
}

/// Why a mail was written by a machine (an auto-reply, a bounce, a mailing), if it was:
/// answering one could start a loop, and threading one fills the inbox with noise.
fn automatic(mail: &Message, mail_from: &str) -> Option<&'static str> {
    let header = |name: &str| mail.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let bounce_sender = mail_from.is_empty()
        || mail_from
            .split('@')
            .next()
            .is_some_and(|l| l.eq_ignore_ascii_case("mailer-daemon"))
        || sender(mail).is_some_and(|f| f.starts_with("mailer-daemon@"));
    let report = mail.content_type().is_some_and(|t| {
        t.ctype().eq_ignore_ascii_case("multipart")
            && t.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    if bounce_sender || report {
        return Some("bounce");
    }
    let auto_submitted = header("Auto-Submitted").is_some_and(|v| v != "no");
    let autoreply = header("X-Autoreply").is_some() || header("X-Autorespond").is_some();
    if auto_submitted || autoreply {
        return Some("auto_reply");
    }
    if header("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list")) {
        return Some("bulk");
    }
    None
}

/// The From address, lower-cased.
pub(super) fn sender(mail: &Message) -> Option<String> {
    let address = mail.from()?.first()?.address()?.trim().to_ascii_lowercase();
    address.contains('@').then_some(address)
}

/// The conversation a mail continues: the one its recipient's token names, else one its
/// In-Reply-To/References name (our own ids, or a mail from the same sender already in it).
async fn conversation_for(
    app: &App,
    row: &InboundRow,
    mail: &Message<'_>,
    from: &str,
) -> Result<Option<ConversationRow>, AppError> {
    if let Some(token) = &row.reply_token
        && let Some(c) = store::by_token(&app.db, token).await?
    {
        return Ok(Some(c));
    }
    let mut ids: Vec<String> = Vec::new();
    for value in [mail.in_reply_to(), mail.references()] {
        if let Some(list) = value.as_text_list() {
            ids.extend(list.iter().map(|s| s.to_string()));
        } else if let Some(one) = value.as_text() {
            ids.push(one.to_owned());
        }
    }
    // The most recent reference first: In-Reply-To, then References from the end.
    for id in ids.iter().rev() {
        if let Some(token) = token_in(id) {
            if let Some(c) = store::by_token(&app.db, token).await? {
                return Ok(Some(c));
            }
            continue;
        }
        let id = format!("<{}>", id.trim_matches(['<', '>', ' ']));
        if let Some(cid) = store::conversation_of(&app.db, &id).await?
            && let Some(c) = conversations::by_id(&app.db, cid).await?
            // A Message-ID can be seen by others (a copied recipient): it threads only the
            // person's own mail.
            && c.email.eq_ignore_ascii_case(from)
        {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// A new conversation speaks the mail's language when the shop speaks it, else the shop's.
async fn language_of(app: &App, shop: i64, mail: &Message<'_>) -> Result<Language, AppError> {
    let shops = app.shops().await?;
    let languages = shops
        .by_id(shop)
        .map(|s| s.languages.clone())
        .unwrap_or_default();
    let declared = mail
        .content_language()
        .as_text_list()
        .and_then(|l| l.first().map(|s| s.to_string()))
        .or_else(|| mail.content_language().as_text().map(str::to_owned))
        .or_else(|| {
            mail.text_bodies()
                .next()
                .and_then(|p| p.content_language().as_text().map(str::to_owned))
        });
    let wanted = declared.and_then(|l| Language::parse(l.get(..2).unwrap_or(&l)));
    Ok(language_in(&languages, wanted))
}

/// The text a mail puts into a conversation, and a note of what was changed.
struct Body {
    text: String,
    reason: Option<&'static str>,
}

impl Body {
    /// Text: the text/plain part, else the HTML one as text (mail-parser drops scripts,
    /// styles and images, tracking pixels included); earlier replies quoted below are cut.
    /// Too long, it is shortened with a note; attachments `left_out` are named. `None` when
    /// nothing is left, not even a kept file (`with_files`).
    fn of(
        mail: &Message,
        language: Language,
        left_out: &[String],
        with_files: bool,
    ) -> Option<Body> {
        let raw = mail.body_text(0).unwrap_or_default();
        let mut text = without_quotes(&raw);
        let mut reason = None;
        let note = attachments_note(left_out, language);
        if text.is_empty() && note.is_empty() && !with_files {
            return None;
        }
        let room = MESSAGE_MAX.saturating_sub(note.chars().count() + 4);
        if text.chars().count() > room {
            let shortened = shortened_note(language);
            text = text
                .chars()
                .take(room.saturating_sub(shortened.chars().count() + 2))
                .collect();
            text = format!("{}\n\n{shortened}", text.trim_end());
            reason = Some("shortened");
        }
        if !note.is_empty() {
            text = format!("{text}\n\n{note}").trim().to_owned();
        }
        Some(Body { text, reason })
    }
}

/// The mail without the earlier messages quoted below it: cut at the first attribution line
/// ("On … wrote:", "Le … a écrit :") or "Original Message" marker, lines quoted with `>`
/// dropped, control characters other than line breaks and tabs removed.
fn without_quotes(raw: &str) -> String {
    let mut kept = Vec::new();
    for line in raw.lines() {
        let t = line.trim();
        let attribution = (t.starts_with("On ") && t.ends_with("wrote:"))
            || (t.starts_with("Le ") && (t.ends_with("a écrit :") || t.ends_with("a écrit:")))
            || t.starts_with("-----Original Message")
            || t.starts_with("-----Message d'origine");
        if attribution {
            break;
        }
        if t.starts_with('>') {
            continue;
        }
        kept.push(
            line.chars()
                .filter(|c| *c == '\t' || !c.is_control())
                .collect::<String>(),
        );
    }
    kept.join("\n").trim().to_owned()
}

/// S1: a mail's photos and PDFs, checked and stored like the chat's, up to a message's
/// worth, and the names of the attachments left out. A file store that fails leaves the
/// mail pending for the tick, with nothing stored.
async fn files_of(app: &App, mail: &Message<'_>) -> Result<(Vec<Prepared>, Vec<String>), AppError> {
    let mut kept_files = Vec::new();
    let mut left_out = Vec::new();
    for part in mail.attachments() {
        let name: String = part
            .attachment_name()
            .unwrap_or("?")
            .chars()
            .filter(|c| !c.is_control())
            .take(NAME_MAX)
            .collect();
        if kept_files.len() == attachments::PER_MESSAGE {
            left_out.push(name);
            continue;
        }
        let upload = Upload {
            name: name.clone(),
            bytes: part.contents().to_vec(),
        };
        match attachments::prepare_one(app, upload).await {
            Ok(p) => kept_files.push(p),
            Err(AppError::Invalid(_)) => left_out.push(name),
            Err(e) => {
                attachments::discard(app, kept_files).await;
                return Err(e);
            }
        }
    }
    Ok((kept_files, left_out))
}

// The two notes below are written into the stored message itself, which staff and the
// person read as plain text wherever it is shown, so they are in the conversation's
// language here rather than looked up by the web layer.

fn shortened_note(language: Language) -> &'static str {
    match language {
        Language::Fr => "[Message raccourci : il dépassait la longueur permise.]",
        Language::En => "[Message shortened: it was longer than allowed.]",
    }
}

/// S1: a mail's attachments that were not kept (not a photo or a PDF, over the limits, one
/// too many): the message says which, so staff can ask for them again.
fn attachments_note(names: &[String], language: Language) -> String {
    if names.is_empty() {
        return String::new();
    }
    let mut listed = names
        .iter()
        .take(ATTACHMENTS_LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > ATTACHMENTS_LISTED {
        listed.push_str(", …");
    }
    match language {
        Language::Fr => format!("[Pièces jointes non conservées : {listed}]"),
        Language::En => format!("[Attachments left out: {listed}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s1_our_message_ids_name_the_conversation() {
        let id = answer_message_id("Ab-_9", 42, "pepite.test");
        assert_eq!(token_in(&id), Some("Ab-_9"));
        assert_eq!(
            token_in(&conversation_message_id("Ab-_9", "h")),
            Some("Ab-_9")
        );
        assert_eq!(token_in("<CAF123@mail.gmail.com>"), None);
    }

    #[test]
    fn s1_quoted_earlier_replies_are_cut() {
        let text = "Merci, c'est parfait.\n\nLe 3 déc. 2026, Pépite a écrit :\n> Bonjour\n";
        assert_eq!(without_quotes(text), "Merci, c'est parfait.");
        assert_eq!(
            without_quotes("Yes\n> quoted\nthanks\nOn Mon, Bob wrote:\nold"),
            "Yes\nthanks"
        );
    }
}
