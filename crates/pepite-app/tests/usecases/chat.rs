//! The site's chat (S1, A4) on SQLite and PostgreSQL: a visitor writes with an e-mail
//! address and reads the conversation again only with their browser's key, never by that
//! address; a new message wakes the chats open on its conversation, and on PostgreSQL a
//! message committed by one instance wakes a chat open on another.

use std::time::Duration;

use pepite_app::AppError;
use pepite_app::support::{self, Asker, OpenInput};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;

use crate::support::*;

fn question() -> OpenInput {
    OpenInput {
        subject: "Livraison".into(),
        body: "Bonjour, livrez-vous en Belgique ?".into(),
        ..OpenInput::default()
    }
}

both_backends! {
    async fn a4_a_visitor_reads_their_conversation_with_their_key_and_never_by_address(db) {
        let app = app(db);
        // The visitor gives the address of an existing account: that grants nothing.
        let camille = person(&app, "camille@x.fr").await;
        let key = support::visitor_key();
        let t = support::open_as(&app, Asker::Visitor(&key), "camille@x.fr", "fr", 1, &question())
            .await
            .unwrap();
        let id = t.conversation.id;
        assert_eq!(t.conversation.user_id, None);
        assert_eq!(t.conversation.email, "camille@x.fr");
        assert_eq!(support::thread_as(&app, Asker::Visitor(&key), id).await.unwrap().messages.len(), 1);
        let stranger = support::visitor_key();
        assert!(matches!(
            support::thread_as(&app, Asker::Visitor(&stranger), id).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(support::thread(&app, &camille, id).await, Err(AppError::NotFound)));
        assert!(support::mine(&app, &camille).await.unwrap().is_empty());
        assert_eq!(support::mine_as(&app, Asker::Visitor(&key)).await.unwrap().len(), 1);
        // The visitor writes again with the same key.
        support::write_as(&app, Asker::Visitor(&key), id, "Et en Suisse ?").await.unwrap();
        assert!(matches!(
            support::write_as(&app, Asker::Visitor(&stranger), id, "Moi aussi").await,
            Err(AppError::NotFound)
        ));
    }
}

both_backends! {
    async fn s1_a_visitor_must_give_an_address_to_be_answered_at(db) {
        let app = app(db);
        let key = support::visitor_key();
        for bad in ["", "camille", "camille@x"] {
            match support::open_as(&app, Asker::Visitor(&key), bad, "fr", 1, &question()).await {
                Err(AppError::Invalid(e)) => assert!(e.for_field("email").is_some(), "{bad}: {e:?}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(support::mine_as(&app, Asker::Visitor(&key)).await.unwrap().is_empty());
    }
}

both_backends! {
    async fn s1_a_new_message_wakes_the_chats_open_on_its_conversation_only(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let mine = support::open(&app, &camille, 1, &question()).await.unwrap();
        let other = support::open(&app, &camille, 1, &question()).await.unwrap();
        let (id, other_id) = (mine.conversation.id, other.conversation.id);
        let last = mine.messages.last().unwrap().id;
        let mut chat = app.support_live.subscribe(id);
        let mut elsewhere = app.support_live.subscribe(other_id);
        support::answer(&app, &agent, id, "Note : vérifier le transporteur", true, None).await.unwrap();
        support::answer(&app, &agent, id, "Oui, nous livrons en Belgique.", false, None).await.unwrap();
        assert!(chat.has_changed().unwrap());
        assert!(!elsewhere.has_changed().unwrap());
        chat.mark_unchanged();
        elsewhere.mark_unchanged();
        // What the woken chat reads: the public answer, never the note (A3).
        let new = support::since(&app, Asker::Person(&camille), id, last).await.unwrap();
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].message.author, "staff");
        assert_eq!(new[0].message.body, "Oui, nous livrons en Belgique.");
        assert_eq!(app.support_live.watched(), 2);
    }
}

/// S1, two instances on PostgreSQL: a message committed by one wakes, at once, a chat open on
/// the other (LISTEN/NOTIFY); SQLite runs one process, so there is nothing to cross.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s1_a_message_written_on_one_instance_reaches_a_chat_open_on_another() {
    let Some(t) = pepite_testkit::postgres().await else {
        return;
    };
    let one = app(t.db.clone());
    let two = app(t.another_instance().await.unwrap());
    support::live::listen(&two).await.unwrap();
    let camille = person(&one, "camille@x.fr").await;
    let agent = staff(&one, "service@x.fr", Role::CustomerService).await;
    let id = support::open(&one, &camille, 1, &question())
        .await
        .unwrap()
        .conversation
        .id;
    let mut chat = two.support_live.subscribe(id);
    support::answer(&one, &agent, id, "Oui.", false, None)
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(5), chat.changed())
        .await
        .expect("the other instance heard the message within 5 s")
        .unwrap();
    let on_two = support::since(&two, Asker::Person(&camille), id, 0)
        .await
        .unwrap();
    assert_eq!(on_two.last().unwrap().message.body, "Oui.");
}

both_backends! {
    async fn a4_the_persons_download_holds_their_conversations_but_not_the_notes(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let max = person(&app, "max@x.fr").await;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let id = support::open(&app, &camille, 1, &question()).await.unwrap().conversation.id;
        support::answer(&app, &agent, id, "Note : cliente fidèle", true, None).await.unwrap();
        support::answer(&app, &agent, id, "Oui, en Belgique aussi.", false, None).await.unwrap();
        let mine = pepite_app::privacy::export(&app, &camille).await.unwrap();
        let bodies: Vec<&str> = mine.data.support_messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["Bonjour, livrez-vous en Belgique ?", "Oui, en Belgique aussi."]);
        assert_eq!(mine.data.support_messages[0].conversation_id, id);
        let theirs = pepite_app::privacy::export(&app, &max).await.unwrap();
        assert!(theirs.data.support_messages.is_empty());
    }
}
