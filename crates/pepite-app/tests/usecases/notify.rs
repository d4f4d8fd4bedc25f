//! Notifications (E1, E2) on SQLite and PostgreSQL, sent to a real SMTP server process on
//! loopback: queued in the event's transaction, once per event and person, kept while the
//! mail server is away and sent once when it is back, secrets dropped once sent.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use pepite_app::notify::deliver::Sender;
use pepite_app::notify::{self, Compose, Message, Notice, Recipient};
use pepite_app::{App, account_tokens, carts, checkout};
use pepite_domain::account::Language;
use pepite_store::notifications::{self as store, NotificationRow};
use pepite_testkit::both_backends;
use pepite_testkit::smtp::SmtpServer;

/// Renders a notice as its kind, language and JSON: these tests are about delivery; the
/// real texts are tested in the web layer, which owns them.
struct Plain;

impl Compose for Plain {
    fn compose(&self, lang: Language, notice: &Notice) -> Result<Message, String> {
        let json = serde_json::to_string(notice).map_err(|e| e.to_string())?;
        Ok(Message {
            subject: format!("{} ({})", notice.kind(), lang.as_str()),
            text: json.clone(),
            html: format!("<pre>{json}</pre>"),
            attachments: vec![],
        })
    }
}

fn sender(app: &App, smtp: &SmtpServer, worker: &str) -> Sender {
    let mailer =
        pepite_mail::from_config(Some(&smtp.url()), "Pépite <no-reply@pepite.test>").unwrap();
    Sender::new(app.clone(), mailer, Arc::new(Plain), worker, "pepite.test")
}

async fn all(app: &App) -> Vec<NotificationRow> {
    store::list(&app.db, None, None, None, 1000).await.unwrap()
}

/// Sends until nothing is due now.
async fn drain(s: &Sender) {
    while s.send_due().await.unwrap() > 0 {}
}

both_backends!(
    async fn e1_a_paid_order_queues_the_buyers_confirmation_and_each_sellers_new_order(db) {
        let app = app(db);
        let s = seller(&app, "s@x.fr", "Chez S").await;
        let piece = listed(&app, &s, &piece_input("Veste", "Chanel", "jackets", 80_000)).await;
        let b = &buyers(&app, 1).await[0];
        carts::add(&app, &carts::CartOwner::User(b.user_id), piece).await.unwrap();
        let out = checkout::place(&app, b, "k", &checkout_input("4242424242424242", &[])).await.unwrap();
        let number = out.number.unwrap();
        let rows = all(&app).await;
        let confirmed: Vec<_> = rows.iter().filter(|r| r.kind == "order_confirmed").collect();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(confirmed[0].to_address, b.email);
        match Notice::from_json(&confirmed[0].params).unwrap() {
            Notice::OrderConfirmed { number: n, lines, .. } => {
                assert_eq!(n, number);
                assert_eq!(lines[0].title, "Veste");
            }
            other => panic!("unexpected {other:?}"),
        }
        let new_order: Vec<_> = rows.iter().filter(|r| r.kind == "new_order").collect();
        assert_eq!(new_order.len(), 1);
        assert_eq!(new_order[0].to_address, "s@x.fr", "the seller's own address");
        let welcomed: Vec<_> = rows.iter().filter(|r| r.kind == "welcome").map(|r| r.to_address.as_str()).collect();
        assert!(welcomed.contains(&"s@x.fr"), "A1: a sign-up is welcomed");
    }
);

both_backends!(
    async fn e2_the_same_event_for_the_same_person_is_queued_once(db) {
        let app = app(db);
        let who = person(&app, "p@x.fr").await;
        let notice = Notice::PasswordReset { name: "Léa".into(), reset_path: "/x".into() };
        let now = app.now_us().await.unwrap();
        let mut tx = app.db.begin().await.unwrap();
        let first = notify::queue(&mut tx, Recipient::User(who.user_id), "evt:1", &notice, now).await.unwrap();
        let again = notify::queue(&mut tx, Recipient::User(who.user_id), "evt:1", &notice, now).await.unwrap();
        tx.commit().await.unwrap();
        assert!(first && !again);
        assert_eq!(all(&app).await.iter().filter(|r| r.kind == "password_reset").count(), 1);
    }
);

both_backends!(
    async fn e2_while_the_mail_server_is_down_nothing_is_lost_and_nothing_is_sent_twice(db) {
        let Some(mut smtp) = SmtpServer::start().await else { return };
        let app = app(db);
        for i in 0..10 {
            person(&app, &format!("p{i}@x.fr")).await;
        }
        let s = sender(&app, &smtp, "w1");
        smtp.stop().await;
        assert_eq!(s.send_due().await.unwrap(), 10, "all ten were tried");
        let rows = all(&app).await;
        assert!(rows.iter().all(|r| r.state == "pending" && r.attempts == 1 && r.last_error.is_some()));
        smtp.restart().await;
        assert_eq!(s.send_due().await.unwrap(), 0, "nothing is retried before its backoff");
        pepite_store::clock::advance(&app.db, 31_000_000).await.unwrap();
        drain(&s).await;
        let received = smtp.wait_for(10, Duration::from_secs(20)).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(smtp.messages().len(), 10, "each message once");
        let ids: BTreeSet<_> = received.iter().map(|m| m.message_id.clone()).collect();
        assert_eq!(ids.len(), 10);
        assert!(received.iter().all(|m| m.subject == "welcome (fr)"), "in the person's language");
        assert!(all(&app).await.iter().all(|r| r.state == "sent" && r.via.as_deref() == Some("smtp")));
        drain(&s).await;
        assert_eq!(smtp.messages().len(), 10, "a sent message is never sent again");
    }
);

both_backends!(
    async fn e2_two_instances_sending_at_once_send_each_message_once(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = app(db);
        for i in 0..40 {
            let input = sign_up_input(&format!("p{i}@x.fr"));
            pepite_app::accounts::sign_up(&app, &input, &input.email).await.unwrap();
        }
        let (a, b) = (sender(&app, &smtp, "instance-a"), sender(&app, &smtp, "instance-b"));
        tokio::join!(drain(&a), drain(&b));
        smtp.wait_for(40, Duration::from_secs(30)).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let received = smtp.messages();
        let to: BTreeSet<_> = received.iter().flat_map(|m| m.to.clone()).collect();
        assert_eq!((received.len(), to.len()), (40, 40));
    }
);

both_backends!(
    async fn e2_a_reset_link_leaves_the_outbox_once_sent(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = app(db);
        person(&app, "p@x.fr").await;
        account_tokens::request_reset(&app, "p@x.fr").await.unwrap();
        let queued = all(&app).await.into_iter().find(|r| r.kind == "password_reset").unwrap();
        let Notice::PasswordReset { reset_path, .. } = Notice::from_json(&queued.params).unwrap() else {
            panic!("not a reset")
        };
        let token = reset_path.split("token=").nth(1).unwrap().to_owned();
        drain(&sender(&app, &smtp, "w")).await;
        let mail = smtp.wait_for(2, Duration::from_secs(20)).await;
        assert!(mail.iter().any(|m| m.text.contains(&token)), "the person gets the link");
        let kept = store::by_id(&app.db, queued.id).await.unwrap().unwrap();
        assert!(!kept.params.contains(&token), "the outbox no longer holds a working link");
        account_tokens::reset_password(&app, &token, "another long password").await.unwrap();
        let again = account_tokens::reset_password(&app, &token, "a third long password").await;
        assert!(again.is_err(), "a link works once");
    }
);

both_backends!(
    async fn a_password_reset_is_sent_at_most_three_times_an_hour(db) {
        let app = app(db);
        person(&app, "p@x.fr").await;
        for _ in 0..5 {
            account_tokens::request_reset(&app, "p@x.fr").await.unwrap();
        }
        account_tokens::request_reset(&app, "nobody@x.fr").await.unwrap();
        let resets = all(&app).await.into_iter().filter(|r| r.kind == "password_reset").count();
        assert_eq!(resets, 3, "the same answer every time, but no flood");
    }
);

both_backends!(
    async fn a4_the_embedded_mailbox_keeps_no_live_secret_once_delivered(db) {
        let app = app(db);
        person(&app, "p@x.fr").await;
        account_tokens::request_reset(&app, "p@x.fr").await.unwrap();
        let mailbox = Sender::new(app.clone(), Arc::new(pepite_mail::Mailbox), Arc::new(Plain), "w", "pepite.test");
        drain(&mailbox).await;
        let rows = all(&app).await;
        assert!(rows.iter().all(|r| r.state == "sent" && r.via.as_deref() == Some("mailbox")));
        for row in &rows {
            let (Notice::PasswordReset { reset_path: link, .. } | Notice::Welcome { verify_path: link, .. }) =
                Notice::from_json(&row.params).unwrap()
            else {
                panic!("unexpected {}", row.kind)
            };
            assert!(link.is_empty(), "staff read these rows: no working link is kept ({})", row.kind);
        }
    }
);
