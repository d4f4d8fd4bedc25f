//! The outbox as tests reach it: the link a queued message carries (read from the database,
//! as only its recipient's mailbox would see it), and messages and jobs sent or made dead the
//! way the workers of `pepite serve` do it.

use std::sync::Arc;

use pepite_app::App;
use pepite_app::notify::deliver::Sender;
use pepite_app::notify::{self, Compose, Message, Notice};
use pepite_domain::account::Language;
use pepite_mail::Mailbox;
use pepite_store::jobs::{self, NewJob};
use pepite_store::notifications::{self, NotificationRow};
use pepite_web::emails::Composer;

/// Every message of the outbox, newest first.
pub async fn all(app: &App) -> Vec<NotificationRow> {
    notifications::list(&app.db, None, None, None, 50)
        .await
        .expect("list notifications")
}

/// The newest message of `kind` to `email`.
pub async fn newest(app: &App, email: &str, kind: &str) -> NotificationRow {
    all(app)
        .await
        .into_iter()
        .find(|r| r.to_address == email && r.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} message to {email}"))
}

/// The secret of the link in the newest `welcome` or `password_reset` message to `email`.
pub async fn link_token(app: &App, email: &str, kind: &str) -> String {
    let row = newest(app, email, kind).await;
    let path = match Notice::from_json(&row.params).expect("stored notice") {
        Notice::Welcome { verify_path, .. } => verify_path,
        Notice::PasswordReset { reset_path, .. } => reset_path,
        other => panic!("{other:?} carries no link"),
    };
    let (_, token) = path.split_once("token=").expect("a link with a token");
    assert!(!token.is_empty(), "the link was redacted: {path}");
    token.to_owned()
}

/// A composer whose templates are gone: the sender refuses every message for good.
struct Broken;

impl Compose for Broken {
    fn compose(&self, _: Language, _: &Notice) -> Result<Message, String> {
        Err("template missing".into())
    }
}

fn sender(app: &App, composer: Arc<dyn Compose>) -> Sender {
    Sender::new(
        app.clone(),
        Arc::new(Mailbox),
        composer,
        "tests",
        "pepite.test",
    )
}

/// One sending pass that cannot render anything: every pending message becomes dead.
pub async fn kill_pending(app: &App) {
    sender(app, Arc::new(Broken))
        .send_due()
        .await
        .expect("sending pass");
}

/// One sending pass through the embedded mailbox, as `pepite serve` does without SMTP.
pub async fn deliver(app: &App) {
    let composer = Arc::new(Composer::new("http://127.0.0.1:8080"));
    sender(app, composer)
        .send_due()
        .await
        .expect("sending pass");
}

/// A job of a kind no handler knows, with one attempt: dead after one run. Returns its id.
pub async fn dead_job(app: &App) -> i64 {
    let now = app.now_us().await.expect("clock");
    let job = NewJob {
        kind: "tests.no_such_handler",
        payload: "{}",
        dedupe: None,
        run_at: now,
        max_attempts: 1,
    };
    jobs::enqueue(&app.db, &job, now).await.expect("enqueue");
    pepite_app::jobs::run_due(app, "tests")
        .await
        .expect("run jobs");
    let dead = jobs::list(&app.db, "dead", None, 10)
        .await
        .expect("list jobs");
    assert_eq!(dead.len(), 1, "the job died: {dead:?}");
    dead[0].id
}

/// The state a job is in now.
pub async fn job_state(app: &App, id: i64) -> String {
    for state in ["queued", "running", "done", "dead"] {
        let rows = jobs::list(&app.db, state, None, 50)
            .await
            .expect("list jobs");
        if rows.iter().any(|j| j.id == id) {
            return state.to_owned();
        }
    }
    panic!("no job {id}")
}

/// The state a message is in now.
pub async fn state_of(app: &App, id: i64) -> String {
    notifications::by_id(&app.db, id)
        .await
        .expect("read notification")
        .expect("notification exists")
        .state
}

/// Queues a gift card's message with `code` to `address`, as a paid purchase does.
pub async fn queue_gift_card(app: &App, address: &str, code: &str) {
    let now = app.now_us().await.expect("clock");
    let notice = Notice::GiftCardReceived {
        gift_card_id: 1,
        from_name: "Léa".into(),
        recipient_name: "Bob".into(),
        message: "Joyeux anniversaire".into(),
        amount_cents: 5_000,
        code: code.into(),
        expires_at: now + 365 * 86_400_000_000,
    };
    let mut tx = app.db.begin().await.expect("begin");
    let to = notify::Recipient::Address {
        address,
        language: "fr",
    };
    notify::queue(&mut tx, to, "gift_card:1", &notice, now)
        .await
        .expect("queue");
    tx.commit().await.expect("commit");
}
