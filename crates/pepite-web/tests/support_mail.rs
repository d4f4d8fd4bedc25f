//! Customer service by e-mail (S1, E1, A4) on SQLite and PostgreSQL, over real SMTP both ways:
//! lettre sends to the inbound listener as a relay would, and answers reach aiosmtpd. A mail
//! opens a conversation, staff answer in the person's language with the threading headers,
//! replies thread by reply address or by In-Reply-To alone; auto-replies and bounces are
//! ignored; an oversized mail gets 552; a From address never reaches an account's data; a
//! mail left pending by a crash is threaded by the tick; a retried Message-ID is one message.

mod support;

use std::sync::Arc;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use pepite_app::accounts::Principal;
use pepite_app::notify::deliver::Sender;
use pepite_app::support::inbound::{self, SupportAddress};
use pepite_app::{App, Clock, support as service};
use pepite_domain::account::Role;
use pepite_mail::inbound::{Inbound, InboundConfig};
use pepite_store::support::inbound as stored;
use pepite_testkit::both_backends;
use pepite_testkit::smtp::SmtpServer;
use pepite_web::WebConfig;
use support::Harness;
use support::people::{browser_session, principal, register, sign_up_input};

const SUPPORT: &str = "support@pepite.test";
/// Monday 7 December 2026, 10:00 in Paris: customer service is open.
const MONDAY_10AM: i64 = 1_796_634_000_000_000;

struct Desk {
    h: Harness,
    inbound: Inbound,
}

async fn desk(db: pepite_store::Db, max_bytes: Option<usize>) -> Desk {
    let h = Harness::new(db, Clock::Manual, WebConfig::default());
    pepite_store::clock::set(&h.app.db, MONDAY_10AM)
        .await
        .unwrap();
    let mut config = InboundConfig::new(support_address());
    if let Some(max) = max_bytes {
        config.max_bytes = max;
    }
    let inbound = Inbound::start("127.0.0.1:0".parse().unwrap(), h.app.clone(), config)
        .await
        .expect("inbound listener");
    Desk { h, inbound }
}

fn support_address() -> SupportAddress {
    SUPPORT.parse().unwrap()
}

/// A mail as a mail program writes it, with CRLF line ends.
fn mail(from: &str, message_id: &str, headers: &[&str], body: &str) -> Vec<u8> {
    let mut m = format!(
        "From: {from}\r\nTo: {SUPPORT}\r\nSubject: Colis perdu\r\nMessage-ID: {message_id}\r\n"
    );
    for h in headers {
        m.push_str(h);
        m.push_str("\r\n");
    }
    m.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\n");
    m.push_str(&body.replace('\n', "\r\n"));
    m.push_str("\r\n");
    m.into_bytes()
}

impl Desk {
    /// Sends `raw` over SMTP with this envelope (`None`: the null sender `<>` of bounces);
    /// the reply code, "250" when taken.
    async fn send(&self, mail_from: Option<&str>, to: &str, raw: &[u8]) -> String {
        let client = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
            .port(self.inbound.address.port())
            .timeout(Some(Duration::from_secs(10)))
            .build();
        let envelope = Envelope::new(
            mail_from.map(|f| f.parse().unwrap()),
            vec![to.parse().unwrap()],
        )
        .unwrap();
        match client.send_raw(&envelope, raw).await {
            Ok(r) => r.code().to_string(),
            Err(e) => e.status().map_or_else(|| format!("{e}"), |c| c.to_string()),
        }
    }

    async fn staff(&self) -> Principal {
        let app = &self.h.app;
        let input = sign_up_input("agent@pepite.test", "Agent", "fr");
        register(app, &input, &[Role::CustomerService]).await;
        principal(
            app,
            &browser_session(app, "agent@pepite.test", "t", "d").await,
        )
        .await
    }

    async fn latest(&self) -> stored::InboundRow {
        stored::recent(&self.h.app.db, 1).await.unwrap().remove(0)
    }

    async fn conversations(&self, agent: &Principal) -> Vec<i64> {
        let filter = Default::default();
        let all = service::inbox(&self.h.app, agent, &filter).await.unwrap();
        all.iter().map(|c| c.id).collect()
    }
}

/// What the person reads in a conversation: (author, body).
async fn messages(app: &App, agent: &Principal, id: i64) -> Vec<(String, String)> {
    let thread = service::for_staff(app, agent, id).await.unwrap();
    thread
        .messages
        .into_iter()
        .map(|m| (m.author, m.body))
        .collect()
}

both_backends! {
    async fn s1_e1_a_mail_is_answered_by_mail_in_its_language_and_replies_thread_into_it(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let d = desk(db, None).await;
        let agent = d.staff().await;
        let first = mail("Zoé <Zoe@example.org>", "<m1@example.org>",
            &["Content-Language: en"], "Hello, where is my parcel?");
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &first).await, "250");
        let row = d.latest().await;
        assert_eq!(row.state, "threaded", "{:?}", row.reason);
        let id = row.conversation_id.unwrap();
        let c = pepite_store::support::by_id(&d.h.app.db, id).await.unwrap().unwrap();
        assert_eq!((c.user_id, c.email.as_str(), c.language.as_str()), (None, "zoe@example.org", "en"));
        assert_eq!(c.subject, "Colis perdu");
        // A note sends nothing; the answer is one e-mail.
        service::answer(&d.h.app, &agent, id, "Checking with the carrier.", true, None).await.unwrap();
        service::answer(&d.h.app, &agent, id, "It left today, tracking 6A123.", false, None).await.unwrap();
        let mailer = Arc::new(pepite_mail::Smtp::from_url(&smtp.url(), "Pépite <no-reply@pepite.test>").unwrap());
        let composer = Arc::new(pepite_web::emails::Composer::new("http://shop.test"));
        Sender::new(d.h.app.clone(), mailer, composer, "w", "pepite.test")
            .with_support_address(support_address())
            .send_due().await.unwrap();
        // The agent's welcome and the answer: one e-mail to the person.
        let got = smtp.wait_for(2, Duration::from_secs(10)).await;
        let to_zoe: Vec<_> = got.iter().filter(|m| m.to == ["zoe@example.org"]).collect();
        assert_eq!(to_zoe.len(), 1, "{got:?}");
        let answer = to_zoe[0];
        assert_eq!(answer.to, ["zoe@example.org"]);
        assert_eq!(answer.subject, "Customer service answered: Colis perdu");
        assert!(answer.text.contains("It left today, tracking 6A123."), "{}", answer.text);
        assert!(answer.text.contains("just reply to this e-mail"), "{}", answer.text);
        assert!(!answer.text.contains("/support/conversations/"), "no account, no page: {}", answer.text);
        let reply_to = format!("support+{}@pepite.test", c.reply_token);
        assert_eq!(answer.reply_to, reply_to);
        let conversation_id = format!("<conversation-{}@pepite.test>", c.reply_token);
        assert_eq!(answer.references, conversation_id);
        assert_eq!(answer.in_reply_to, conversation_id);
        // A reply to the reply address threads, the quoted answer cut off.
        let reply = mail("zoe@example.org", "<m2@example.org>", &[],
            "Thanks!\n\nOn Mon, 7 Dec 2026, Pépite wrote:\n> It left today.");
        assert_eq!(d.send(Some("zoe@example.org"), &reply_to, &reply).await, "250");
        // So does one to the plain address that only says what it answers.
        let in_reply = format!("In-Reply-To: {}", answer.message_id);
        let again = mail("zoe@example.org", "<m3@example.org>", &[&in_reply], "One more thing.");
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &again).await, "250");
        let all = messages(&d.h.app, &agent, id).await;
        let bodies: Vec<(&str, &str)> = all.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(bodies, [
            ("person", "Hello, where is my parcel?"),
            ("note", "Checking with the carrier."),
            ("staff", "It left today, tracking 6A123."),
            ("person", "Thanks!"),
            ("person", "One more thing."),
        ]);
        assert_eq!(d.conversations(&agent).await, [id]);
        let c = pepite_store::support::by_id(&d.h.app.db, id).await.unwrap().unwrap();
        assert_eq!(c.state, "open", "the person wrote: staff owe an answer");
    }
}

both_backends! {
    async fn s1_auto_replies_and_bounces_are_recorded_and_never_threaded(db) {
        let d = desk(db, None).await;
        let agent = d.staff().await;
        let auto = mail("zoe@example.org", "<auto@example.org>",
            &["Auto-Submitted: auto-replied"], "I am on holiday.");
        let vacation = mail("zoe@example.org", "<vac@example.org>",
            &["X-Autoreply: yes"], "Away until Monday.");
        let bulk = mail("news@example.org", "<bulk@example.org>",
            &["Precedence: bulk"], "Our newsletter.");
        let bounce = b"From: Mail Delivery System <MAILER-DAEMON@example.org>\r\n\
To: support@pepite.test\r\nSubject: Undelivered Mail\r\nMessage-ID: <b1@example.org>\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n\
--B\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n--B--\r\n".to_vec();
        for (from, raw) in [(Some("zoe@example.org"), &auto), (Some("zoe@example.org"), &vacation),
            (Some("news@example.org"), &bulk), (None, &bounce)] {
            assert_eq!(d.send(from, SUPPORT, raw).await, "250");
        }
        let rows = stored::recent(&d.h.app.db, 10).await.unwrap();
        let settled: Vec<(&str, Option<&str>)> =
            rows.iter().map(|r| (r.state.as_str(), r.reason.as_deref())).collect();
        assert_eq!(settled, [
            ("ignored", Some("bounce")),
            ("ignored", Some("bulk")),
            ("ignored", Some("auto_reply")),
            ("ignored", Some("auto_reply")),
        ]);
        assert!(d.conversations(&agent).await.is_empty());
        let queued = pepite_store::notifications::list(&d.h.app.db, None, None, None, 10).await.unwrap();
        let kinds: Vec<&str> = queued.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(kinds, ["welcome"], "only the agent's own welcome: nothing is answered");
    }
}

both_backends! {
    async fn s1_mail_over_the_size_limit_gets_552_and_other_mailboxes_550(db) {
        let d = desk(db, Some(64 * 1024)).await;
        let big = mail("zoe@example.org", "<big@example.org>", &[], &"x".repeat(100 * 1024));
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &big).await, "552");
        let small = mail("zoe@example.org", "<small@example.org>", &[], "Hello");
        assert_eq!(d.send(Some("zoe@example.org"), "sales@pepite.test", &small).await, "550");
        assert!(stored::recent(&d.h.app.db, 10).await.unwrap().is_empty());
        // The listener still serves after refusing.
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &small).await, "250");
    }
}

both_backends! {
    async fn a4_a_mail_from_an_accounts_address_does_not_reach_that_account(db) {
        let d = desk(db, None).await;
        let app = &d.h.app;
        register(app, &sign_up_input("claire@x.fr", "Claire", "fr"), &[]).await;
        let claire = principal(app, &browser_session(app, "claire@x.fr", "t", "d").await).await;
        let forged = mail("Claire <claire@x.fr>", "<f1@elsewhere.test>", &[], "Send my order to another address.");
        assert_eq!(d.send(Some("claire@x.fr"), SUPPORT, &forged).await, "250");
        let row = d.latest().await;
        assert_eq!(row.state, "threaded");
        let c = pepite_store::support::by_id(&app.db, row.conversation_id.unwrap()).await.unwrap().unwrap();
        assert_eq!(c.user_id, None);
        assert!(service::mine(app, &claire).await.unwrap().is_empty());
        let err = service::thread(app, &claire, c.id).await.unwrap_err();
        assert!(matches!(err, pepite_app::AppError::NotFound), "{err:?}");
    }
}

both_backends! {
    async fn s1_a_mail_left_pending_by_a_crash_is_threaded_by_the_tick_of_a_new_app(db) {
        let d = desk(db.clone(), None).await;
        let raw = mail("zoe@example.org", "<crash@example.org>", &[], "Are you there?");
        let envelope = inbound::Envelope { mail_from: "zoe@example.org".into(), rcpt_to: vec![SUPPORT.into()] };
        // Stored, then the process died before threading it.
        let received = inbound::receive(&d.h.app, &support_address(), &envelope, &raw).await.unwrap();
        let inbound::Received::Stored(id) = received else { panic!("{received:?}") };
        drop(d);
        let again = Harness::new(db, Clock::Manual, WebConfig::default());
        pepite_app::jobs::schedule_ticks(&again.app).await.unwrap();
        while pepite_app::jobs::run_due(&again.app, "restarted").await.unwrap() > 0 {}
        let row = stored::by_id(&again.app.db, id).await.unwrap().unwrap();
        assert_eq!(row.state, "threaded");
        let c = row.conversation_id.unwrap();
        let stored = pepite_store::support::messages(&again.app.db, c, true).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].body, "Are you there?");
        // Threading it again finds it settled.
        assert_eq!(inbound::thread(&again.app, id).await.unwrap(), inbound::Outcome::Elsewhere);
    }
}

both_backends! {
    async fn s1_the_same_message_id_delivered_twice_makes_one_message(db) {
        let d = desk(db, None).await;
        let agent = d.staff().await;
        let raw = mail("zoe@example.org", "<twice@example.org>", &[], "Hello once.");
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &raw).await, "250");
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &raw).await, "250", "a retry is taken");
        assert_eq!(stored::recent(&d.h.app.db, 10).await.unwrap().len(), 1);
        let ids = d.conversations(&agent).await;
        assert_eq!(ids.len(), 1);
        assert_eq!(messages(&d.h.app, &agent, ids[0]).await.len(), 1);
    }
}

both_backends! {
    async fn s1_html_only_mail_becomes_text_without_scripts_or_images_and_attachments_are_named(db) {
        let d = desk(db, None).await;
        let agent = d.staff().await;
        let raw = b"From: zoe@example.org\r\nTo: support@pepite.test\r\nSubject: Photo\r\n\
Message-ID: <html@example.org>\r\nContent-Type: multipart/mixed; boundary=\"M\"\r\n\r\n\
--M\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><head><style>p{color:red}</style></head><body><p>Voici la <b>photo</b>.</p>\
<script>alert(1)</script><img src=\"https://track.example/p.gif\"></body></html>\r\n\
--M\r\nContent-Type: application/x-msdownload\r\nContent-Disposition: attachment; filename=\"virus.exe\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nTVqQAA==\r\n--M--\r\n".to_vec();
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &raw).await, "250");
        let ids = d.conversations(&agent).await;
        let all = messages(&d.h.app, &agent, ids[0]).await;
        let body = &all[0].1;
        assert!(body.contains("Voici la photo."), "{body}");
        for gone in ["alert", "color", "track.example", "<"] {
            assert!(!body.contains(gone), "{gone} in {body}");
        }
        assert!(body.contains("virus.exe"), "the left-out attachment is named: {body}");
    }
}

both_backends! {
    async fn s1_a_flood_from_one_sender_is_cut_off(db) {
        let d = desk(db, None).await;
        for n in 0..=inbound::MAILS_PER_SENDER.attempts {
            let raw = mail("flood@example.org", &format!("<flood{n}@example.org>"), &[], "Again");
            assert_eq!(d.send(Some("flood@example.org"), SUPPORT, &raw).await, "250");
        }
        let row = d.latest().await;
        assert_eq!((row.state.as_str(), row.reason.as_deref()), ("ignored", Some("rate_limited")));
    }
}

both_backends! {
    async fn s1_a_mails_photo_and_pdf_are_kept_and_the_rest_named_as_left_out(db) {
        use base64::Engine;
        let d = desk(db, None).await;
        let agent = d.staff().await;
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
        let scripted = b"%PDF-1.4\n1 0 obj << /OpenAction << /JS (x) >> >> endobj\n%%EOF\n";
        let part = |kind: &str, name: &str, bytes: &[u8]| format!(
            "--M\r\nContent-Type: {kind}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{}\r\n", b64(bytes));
        let raw = format!("From: zoe@example.org\r\nTo: support@pepite.test\r\nSubject: Défaut\r\n\
Message-ID: <files@example.org>\r\nContent-Type: multipart/mixed; boundary=\"M\"\r\n\r\n\
--M\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nLe sac est arrivé abîmé, voici la photo et la facture.\r\n{}{}{}{}--M--\r\n",
            part("image/png", "sac.png", &support::png(300, 300)),
            part("application/pdf", "facture.pdf", pdf),
            part("application/pdf", "formulaire.pdf", scripted),
            part("application/zip", "photos.zip", b"PK\x03\x04"),
        );
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, raw.as_bytes()).await, "250");
        let id = d.conversations(&agent).await[0];
        let thread = service::for_staff(&d.h.app, &agent, id).await.unwrap();
        let kept: Vec<(&str, &str)> = thread.attachments.iter()
            .map(|a| (a.file_name.as_str(), a.content_type.as_str())).collect();
        assert_eq!(kept, [("sac.jpg", "image/jpeg"), ("facture.pdf", "application/pdf")]);
        let body = &thread.messages[0].body;
        assert!(body.contains("formulaire.pdf, photos.zip"), "the files left out are named: {body}");
        assert!(!body.contains("sac.png") && !body.contains("facture.pdf"), "{body}");
        let (_, bytes) = service::attachments::download_for_staff(&d.h.app, &agent, id, thread.attachments[1].id)
            .await.unwrap();
        assert_eq!(bytes, pdf);
    }
}

/// A back-office request with a session cookie: a GET, or a form POST when `form` is given.
async fn page(d: &Desk, cookie: &str, path: &str, form: Option<&str>) -> support::Reply {
    use axum::http::{Method, Request, header};
    let request = Request::builder()
        .method(if form.is_some() {
            Method::POST
        } else {
            Method::GET
        })
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(form.unwrap_or_default().to_owned()))
        .unwrap();
    d.h.oneshot(request).await
}

both_backends! {
    async fn s1_staff_see_the_mails_set_aside_and_thread_a_persons_one_anyway(db) {
        let d = desk(db, None).await;
        let app = &d.h.app;
        let agent = d.staff().await;
        let cookie = support::people::session_cookie(&browser_session(app, "agent@pepite.test", "u", "e").await);
        // A real question, sent with an out-of-office header left on by the person's mail program.
        let raw = mail("zoe@example.org", "<ooo@example.org>", &["Auto-Submitted: auto-replied"],
            "Mon colis 2026-000042 n'est jamais arrivé.");
        assert_eq!(d.send(Some("zoe@example.org"), SUPPORT, &raw).await, "250");
        assert!(d.conversations(&agent).await.is_empty());
        let list = page(&d, &cookie, "/back-office/support/set-aside", None).await.expect(200);
        for shown in ["Réponse automatique", "zoe@example.org", "Colis perdu"] {
            assert!(list.has(shown), "{shown}: {}", list.body);
        }
        let id = d.latest().await.id;
        let release = format!("/back-office/support/set-aside/{id}/thread");
        // A form from a list that said another reason changes nothing.
        let stale = page(&d, &cookie, &release, Some("reason=bulk")).await.expect(303);
        assert!(stale.location().contains("error=mail_not_set_aside"), "{}", stale.location());
        assert!(d.conversations(&agent).await.is_empty());
        let done = page(&d, &cookie, &release, Some("reason=auto_reply")).await.expect(303);
        let conversation: i64 = done.location().trim_start_matches("/back-office/support/")
            .split('?').next().unwrap().parse().unwrap();
        assert_eq!(messages(app, &agent, conversation).await,
            [("person".to_owned(), "Mon colis 2026-000042 n'est jamais arrivé.".to_owned())]);
        // Threaded, it leaves the list; a second try is refused; a buyer finds no such page.
        let list = page(&d, &cookie, "/back-office/support/set-aside", None).await.expect(200);
        assert!(!list.has("zoe@example.org"));
        let again = page(&d, &cookie, &release, Some("reason=auto_reply")).await.expect(303);
        assert!(again.location().contains("error=mail_not_set_aside"));
        register(app, &sign_up_input("buyer@x.fr", "Zoé", "fr"), &[]).await;
        let buyer = support::people::session_cookie(&browser_session(app, "buyer@x.fr", "u", "e").await);
        page(&d, &buyer, "/back-office/support/set-aside", None).await.expect(404);
        page(&d, &buyer, &release, Some("reason=auto_reply")).await.expect(404);
    }
}

both_backends! {
    async fn p3_s1_a_mail_to_a_shops_own_host_opens_its_conversation_in_that_shop(db) {
        use pepite_domain::account::Language;
        use pepite_domain::shop::{ShopInput, ShopKind};
        let d = desk(db, None).await;
        let app = &d.h.app;
        let agent = d.staff().await;
        register(app, &sign_up_input("admin@pepite.test", "Admin", "fr"), &[Role::Admin]).await;
        let admin = principal(app, &browser_session(app, "admin@pepite.test", "a", "b").await).await;
        let shop = pepite_app::shops::open(app, &admin, ShopInput {
            slug: "lune".into(), name: "Maison Lune".into(), kind: ShopKind::Marketplace,
            host: Some("lune.example".into()), languages: vec![Language::En], programme_id: None,
        }).await.unwrap();
        let raw = mail("zoe@example.org", "<lune@example.org>", &[], "Hello, is the coat still there?");
        assert_eq!(d.send(Some("zoe@example.org"), "support@lune.example", &raw).await, "250");
        let id = d.conversations(&agent).await[0];
        let c = service::for_staff(app, &agent, id).await.unwrap().conversation;
        assert_eq!((c.shop_id, c.language.as_str()), (shop.id, "en"));
        // The main address still opens in the first shop; a host that is no shop's is refused.
        let raw = mail("max@example.org", "<main@example.org>", &[], "Bonjour");
        assert_eq!(d.send(Some("max@example.org"), SUPPORT, &raw).await, "250");
        assert_eq!(d.latest().await.shop_id, 1);
        let raw = mail("max@example.org", "<nowhere@example.org>", &[], "Bonjour");
        assert_eq!(d.send(Some("max@example.org"), "support@elsewhere.example", &raw).await, "550");
    }
}
