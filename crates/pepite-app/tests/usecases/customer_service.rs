//! Customer service (S1, S2, A3, A4) on SQLite and PostgreSQL, with the manual clock: a
//! question asked on a Saturday, or on the eve of a French public holiday, says when staff
//! are back and is due after four opening hours; staff answer in public or in notes the person
//! never reads; assignment and state are compare-and-set; someone else's conversation is not
//! found; empty, oversized and control-character messages and floods are refused.

use pepite_app::accounts::Principal;
use pepite_app::support::{self, OpenInput};
use pepite_app::{App, AppError, carts, checkout};
use pepite_domain::account::Role;
use pepite_store::Db;
use pepite_store::support::InboxFilter;
use pepite_testkit::both_backends;

use crate::support::*;

/// The instant of a Paris wall-clock time.
fn paris(s: &str) -> i64 {
    let dt: jiff::civil::DateTime = s.parse().unwrap();
    dt.to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap())
        .unwrap()
        .timestamp()
        .as_microsecond()
}

struct World {
    app: App,
    camille: Principal,
    lea: Principal,
    agent: Principal,
    other_agent: Principal,
    robe: i64,
}

async fn world(db: Db, at: &str) -> World {
    let app = app(db);
    pepite_store::clock::set(&app.db, paris(at)).await.unwrap();
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_000)).await;
    World {
        camille: person(&app, "camille@x.fr").await,
        agent: staff(&app, "service@x.fr", Role::CustomerService).await,
        other_agent: staff(&app, "service2@x.fr", Role::CustomerService).await,
        lea,
        robe,
        app,
    }
}

fn question(piece: Option<i64>) -> OpenInput {
    OpenInput {
        subject: "La taille".into(),
        body: "Bonjour, taille-t-elle petit ?".into(),
        piece_id: piece,
        ..OpenInput::default()
    }
}

both_backends! {
    async fn s2_a_question_on_saturday_says_staff_are_back_monday_morning(db) {
        let w = world(db, "2026-12-05T15:00").await;
        let t = support::open(&w.app, &w.camille, 1, &question(Some(w.robe))).await.unwrap();
        assert_eq!(t.back_at, Some(paris("2026-12-07T09:30")));
        // Four opening hours: 9:30–12:30 on Monday, then one hour after lunch.
        assert_eq!(t.conversation.due_at, Some(paris("2026-12-07T14:30")));
        assert_eq!((t.conversation.state.as_str(), t.conversation.piece_id), ("open", Some(w.robe)));
        // On Monday at ten, staff are there: no "back at".
        pepite_store::clock::set(&w.app.db, paris("2026-12-07T10:00")).await.unwrap();
        assert_eq!(support::thread(&w.app, &w.camille, t.conversation.id).await.unwrap().back_at, None);
    }
}

both_backends! {
    async fn s2_on_the_eve_of_christmas_staff_are_back_after_the_holiday_and_the_weekend(db) {
        let w = world(db, "2026-12-24T19:00").await;
        let t = support::open(&w.app, &w.camille, 1, &question(None)).await.unwrap();
        assert_eq!(t.back_at, Some(paris("2026-12-28T09:30")));
        assert_eq!(t.conversation.due_at, Some(paris("2026-12-28T14:30")));
    }
}

both_backends! {
    async fn s1_a3_staff_answer_in_public_and_in_notes_the_person_never_reads(db) {
        let w = world(db, "2026-12-07T10:00").await;
        let id = support::open(&w.app, &w.camille, 1, &question(Some(w.robe))).await.unwrap().conversation.id;
        support::answer(&w.app, &w.agent, id, "Je demande à la vendeuse.", true, None).await.unwrap();
        let t = support::answer(&w.app, &w.agent, id, "Elle taille normalement.", false, None).await.unwrap();
        assert_eq!(t.messages.len(), 3, "staff read the note");
        assert_eq!(t.conversation.state, "waiting_person");
        assert_eq!(t.conversation.due_at, None, "nothing owed while waiting on the person");
        let seen = support::thread(&w.app, &w.camille, id).await.unwrap();
        let authors: Vec<&str> = seen.messages.iter().map(|m| m.author.as_str()).collect();
        assert_eq!(authors, ["person", "staff"], "A3: the note stays with staff");
        // The person writes again: the conversation is staff's to answer, due anew.
        let again = support::write(&w.app, &w.camille, id, "Merci !").await.unwrap();
        assert_eq!(again.conversation.state, "open");
        assert_eq!(again.conversation.due_at, Some(paris("2026-12-07T15:00")));
        // Only customer service reads the inbox and answers.
        assert!(matches!(support::inbox(&w.app, &w.lea, &InboxFilter::default()).await, Err(AppError::Forbidden)));
        assert!(matches!(support::answer(&w.app, &w.camille, id, "x", false, None).await, Err(AppError::Forbidden)));
    }
}

both_backends! {
    async fn a4_someone_elses_conversation_order_or_hidden_piece_is_not_found(db) {
        let w = world(db, "2026-12-07T10:00").await;
        let id = support::open(&w.app, &w.camille, 1, &question(None)).await.unwrap().conversation.id;
        let max = person(&w.app, "max@x.fr").await;
        assert!(matches!(support::thread(&w.app, &max, id).await, Err(AppError::NotFound)));
        assert!(matches!(support::write(&w.app, &max, id, "Bonjour").await, Err(AppError::NotFound)));
        assert!(support::mine(&w.app, &max).await.unwrap().is_empty());
        // Max's order is not Camille's to name.
        carts::add(&w.app, &carts::CartOwner::User(max.user_id), w.robe).await.unwrap();
        let order = checkout::place(&w.app, &max, "k", &checkout_input("4242424242424242", &[])).await.unwrap().order_id;
        let naming = |order_id| OpenInput { order_id: Some(order_id), ..question(None) };
        assert!(matches!(support::open(&w.app, &w.camille, 1, &naming(order)).await, Err(AppError::NotFound)));
        let t = support::open(&w.app, &max, 1, &naming(order)).await.unwrap();
        assert_eq!(t.conversation.order_id, Some(order));
        // A draft piece looks missing.
        let draft = pepite_app::catalog::create_piece(&w.app, &w.lea, &piece_input("Jupe", "Sandro", "skirts", 4_000)).await.unwrap().piece.id;
        assert!(matches!(support::open(&w.app, &w.camille, 1, &question(Some(draft))).await, Err(AppError::NotFound)));
    }
}

both_backends! {
    async fn s1_assignment_and_state_change_once_from_the_version_read(db) {
        let w = world(db, "2026-12-07T10:00").await;
        let first = support::open(&w.app, &w.camille, 1, &question(None)).await.unwrap().conversation;
        let second = support::open(&w.app, &w.camille, 1, &question(Some(w.robe))).await.unwrap().conversation;
        // Two agents take the same conversation from the same version: one wins.
        let (a, b) = tokio::join!(
            support::assign(&w.app, &w.agent, first.id, Some(w.agent.user_id), first.version),
            support::assign(&w.app, &w.other_agent, first.id, Some(w.other_agent.user_id), first.version),
        );
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
        let loser = if a.is_ok() { b } else { a };
        assert!(matches!(loser, Err(AppError::Conflict("conversation_changed"))));
        // Only agents are given conversations.
        assert!(matches!(
            support::assign(&w.app, &w.agent, second.id, Some(w.lea.user_id), second.version).await,
            Err(AppError::Invalid(_))
        ));
        // The inbox's filters: unassigned, assigned to someone, by piece, by state.
        let unassigned = InboxFilter { assignee: Some(None), ..InboxFilter::default() };
        let ids = |list: Vec<pepite_store::support::ConversationRow>| list.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(support::inbox(&w.app, &w.agent, &unassigned).await.unwrap()), [second.id]);
        let owner = pepite_store::support::by_id(&w.app.db, first.id).await.unwrap().unwrap().assignee_id.unwrap();
        let theirs = InboxFilter { assignee: Some(Some(owner)), ..InboxFilter::default() };
        assert_eq!(ids(support::inbox(&w.app, &w.agent, &theirs).await.unwrap()), [first.id]);
        let by_piece = InboxFilter { piece_id: Some(w.robe), ..InboxFilter::default() };
        assert_eq!(ids(support::inbox(&w.app, &w.agent, &by_piece).await.unwrap()), [second.id]);
        let closed = support::set_state(&w.app, &w.agent, second.id, "closed", second.version).await.unwrap();
        assert_eq!((closed.conversation.state.as_str(), closed.conversation.due_at), ("closed", None));
        assert!(matches!(
            support::set_state(&w.app, &w.agent, second.id, "open", second.version).await,
            Err(AppError::Conflict("conversation_changed"))
        ));
        let open = InboxFilter { state: Some("open".into()), ..InboxFilter::default() };
        assert_eq!(ids(support::inbox(&w.app, &w.agent, &open).await.unwrap()), [first.id]);
        let bad = InboxFilter { state: Some("lost".into()), ..InboxFilter::default() };
        assert!(matches!(support::inbox(&w.app, &w.agent, &bad).await, Err(AppError::Invalid(_))));
    }
}

both_backends! {
    async fn s1_empty_oversized_and_control_character_messages_and_floods_are_refused(db) {
        let w = world(db, "2026-12-07T10:00").await;
        let field = |r: Result<support::Thread, AppError>| match r {
            Err(AppError::Invalid(e)) => e.0[0].code,
            other => panic!("{other:?}"),
        };
        let with = |body: &str| OpenInput { body: body.into(), ..question(None) };
        assert_eq!(field(support::open(&w.app, &w.camille, 1, &with("  ")).await), "required");
        assert_eq!(field(support::open(&w.app, &w.camille, 1, &with(&"x".repeat(5_001))).await), "too_long");
        assert_eq!(field(support::open(&w.app, &w.camille, 1, &with("a\u{0}b")).await), "invalid");
        assert!(support::mine(&w.app, &w.camille).await.unwrap().is_empty(), "nothing half-written");
        let id = support::open(&w.app, &w.camille, 1, &question(None)).await.unwrap().conversation.id;
        for _ in 1..support::MESSAGES_PER_PERSON.attempts {
            support::write(&w.app, &w.camille, id, "Encore moi").await.unwrap();
        }
        assert!(matches!(
            support::write(&w.app, &w.camille, id, "Encore moi").await,
            Err(AppError::Throttled { .. })
        ));
    }
}

both_backends! {
    async fn s1_two_agents_answering_from_the_same_message_send_one_answer(db) {
        let w = world(db, "2026-12-07T10:00").await;
        let t = support::open(&w.app, &w.camille, 1, &question(None)).await.unwrap();
        let (id, seen) = (t.conversation.id, t.messages.last().map(|m| m.id));
        let (a, b) = tokio::join!(
            support::answer(&w.app, &w.agent, id, "Elle taille normalement.", false, seen),
            support::answer(&w.app, &w.other_agent, id, "Prenez la taille au-dessus.", false, seen),
        );
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "the database decides");
        let loser = if a.is_ok() { b } else { a };
        assert!(matches!(loser, Err(AppError::Conflict("conversation_moved"))), "{loser:?}");
        assert_eq!(support::thread(&w.app, &w.camille, id).await.unwrap().messages.len(), 2);
        // A note is not an answer: it lands whatever was read.
        support::answer(&w.app, &w.agent, id, "Vu avec Léa", true, seen).await.unwrap();
        // The person writing again moves the conversation on too.
        let last = support::for_staff(&w.app, &w.agent, id).await.unwrap().messages.last().map(|m| m.id);
        support::write(&w.app, &w.camille, id, "Et la longueur ?").await.unwrap();
        assert!(matches!(
            support::answer(&w.app, &w.agent, id, "Genou.", false, last).await,
            Err(AppError::Conflict("conversation_moved"))
        ));
    }
}
