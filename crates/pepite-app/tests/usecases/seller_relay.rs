//! Asking a seller (S3, A3, A4) on SQLite and PostgreSQL: customer service asks the seller of
//! a piece, masked of the buyer's identity, and the seller is told by e-mail; the seller
//! answers once, masked; staff pass it on and the buyer reads it masked. Another seller
//! neither reads nor answers the question.

use pepite_app::accounts::{self, Principal};
use pepite_app::support::{self, OpenInput, relay};
use pepite_app::{App, AppError};
use pepite_domain::account::{Role, SignUpInput};
use pepite_domain::support::mask::Kind;
use pepite_store::Db;
use pepite_testkit::both_backends;

use crate::support::*;

struct World {
    app: App,
    camille: Principal,
    lea: Principal,
    agent: Principal,
    robe: i64,
    conversation: i64,
}

/// A buyer with a name of her own, asking about Léa's dress.
async fn world(db: Db) -> World {
    let app = app(db);
    let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
    let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_000)).await;
    let input = SignUpInput {
        display_name: "Camille Martin".into(),
        ..sign_up_input("camille@x.fr")
    };
    accounts::sign_up(&app, &input, "camille@x.fr")
        .await
        .unwrap();
    let camille = sign_in(&app, "camille@x.fr").await;
    let asked = OpenInput {
        body: "Bonjour, taille-t-elle petit ?".into(),
        piece_id: Some(robe),
        ..OpenInput::default()
    };
    let conversation = support::open(&app, &camille, 1, &asked)
        .await
        .unwrap()
        .conversation
        .id;
    World {
        agent: staff(&app, "service@x.fr", Role::CustomerService).await,
        camille,
        lea,
        robe,
        conversation,
        app,
    }
}

/// The question most tests ask: it names the buyer and her address, which must not cross.
const QUESTION: &str = "Camille Martin (camille@x.fr) demande : taille-t-elle petit ?";

both_backends! {
    async fn s3_seller_answer_with_a_phone_number_reaches_the_buyer_masked(db) {
        let w = world(db).await;
        let q = relay::ask(&w.app, &w.agent, w.conversation, None, QUESTION).await.unwrap();
        assert_eq!(q.row.piece_id, w.robe, "the conversation's piece");
        let answered = relay::answer(&w.app, &w.lea, q.row.id, "Taille 38 normale. Appelez-moi au 06 12 34 56 78 !").await.unwrap();
        assert_eq!(answered.state, "answered");
        // The conversation is staff's again; the seller's words are theirs only.
        let staff_view = support::for_staff(&w.app, &w.agent, w.conversation).await.unwrap();
        assert_eq!(staff_view.conversation.state, "open");
        let seller_words = staff_view.messages.iter().find(|m| m.author == "seller").unwrap();
        assert_eq!(seller_words.body, "Taille 38 normale. Appelez-moi au […] !");
        assert!(support::thread(&w.app, &w.camille, w.conversation).await.unwrap().messages.iter().all(|m| m.author != "seller"));
        // Staff see what was masked, and the answer as written.
        let seen = relay::of_conversation(&w.app, &w.agent, w.conversation).await.unwrap();
        let found: Vec<(Kind, &str)> = seen[0].answer_findings.iter().map(|f| (f.kind, f.text.as_str())).collect();
        assert_eq!(found, [(Kind::Phone, "06 12 34 56 78")]);
        assert_eq!(seen[0].row.answer_raw.as_deref(), Some("Taille 38 normale. Appelez-moi au 06 12 34 56 78 !"));
        // Passed on as it is: the buyer reads it masked, never the number.
        let passed = relay::pass_on(&w.app, &w.agent, q.row.id, None).await.unwrap();
        assert_eq!(passed.conversation.state, "waiting_person");
        let buyer = support::thread(&w.app, &w.camille, w.conversation).await.unwrap();
        let last = buyer.messages.last().unwrap();
        assert_eq!((last.author.as_str(), last.body.as_str()), ("staff", "Taille 38 normale. Appelez-moi au […] !"));
        assert!(buyer.messages.iter().all(|m| !m.body.contains("06 12")));
        let after = relay::of_conversation(&w.app, &w.agent, w.conversation).await.unwrap();
        assert_eq!(after[0].row.state, "passed");
    }
}

both_backends! {
    async fn s3_a3_the_seller_never_reads_the_buyers_name_or_address_and_is_told_by_email(db) {
        let w = world(db).await;
        let q = relay::ask(&w.app, &w.agent, w.conversation, Some(w.robe), QUESTION).await.unwrap();
        let conversation = support::for_staff(&w.app, &w.agent, w.conversation).await.unwrap().conversation;
        assert_eq!(conversation.state, "waiting_seller");
        let kinds: Vec<Kind> = q.question_findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Kind::Name, Kind::Email]);
        let mine = relay::mine(&w.app, &w.lea).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].question, "[…] ([…]) demande : taille-t-elle petit ?");
        assert_eq!(mine[0].piece_title, "Robe");
        // The seller's e-mail, queued with the question, carries the masked text only.
        let outbox = pepite_store::notifications::list(&w.app.db, Some(w.lea.user_id), None, None, 10).await.unwrap();
        let told = outbox.iter().find(|n| n.kind == "seller_question").expect("the seller is told");
        assert_eq!(told.to_address, "lea@x.fr");
        assert!(told.params.contains("taille-t-elle") && !told.params.contains("camille") && !told.params.contains("Martin"), "{}", told.params);
    }
}

both_backends! {
    async fn a4_another_seller_can_neither_read_nor_answer_the_question(db) {
        let w = world(db).await;
        let q = relay::ask(&w.app, &w.agent, w.conversation, None, QUESTION).await.unwrap();
        let max = seller(&w.app, "max@x.fr", "Chez Max").await;
        assert!(relay::mine(&w.app, &max).await.unwrap().is_empty());
        assert!(matches!(relay::answer(&w.app, &max, q.row.id, "Oui").await, Err(AppError::NotFound)));
        // The buyer has no shop: not found either, like a question that does not exist.
        assert!(matches!(relay::answer(&w.app, &w.camille, q.row.id, "Oui").await, Err(AppError::NotFound)));
        assert!(matches!(relay::answer(&w.app, &w.lea, q.row.id + 100, "Oui").await, Err(AppError::NotFound)));
        // Only customer service asks, reads the questions and passes answers on.
        assert!(matches!(relay::ask(&w.app, &w.lea, w.conversation, None, "?").await, Err(AppError::Forbidden)));
        assert!(matches!(relay::of_conversation(&w.app, &w.camille, w.conversation).await, Err(AppError::Forbidden)));
        assert!(matches!(relay::pass_on(&w.app, &w.lea, q.row.id, None).await, Err(AppError::Forbidden)));
        assert_eq!(relay::mine(&w.app, &w.lea).await.unwrap()[0].state, "asked");
    }
}

both_backends! {
    async fn s3_a_question_is_answered_once_and_passed_on_once(db) {
        let w = world(db).await;
        let q = relay::ask(&w.app, &w.agent, w.conversation, None, QUESTION).await.unwrap();
        assert!(matches!(relay::pass_on(&w.app, &w.agent, q.row.id, None).await, Err(AppError::Conflict("question_not_answered"))));
        let (a, b) = tokio::join!(
            relay::answer(&w.app, &w.lea, q.row.id, "Elle taille normalement."),
            relay::answer(&w.app, &w.lea, q.row.id, "Elle taille grand."),
        );
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
        let loser = if a.is_ok() { b } else { a };
        assert!(matches!(loser, Err(AppError::Conflict("question_answered"))));
        let staff_view = support::for_staff(&w.app, &w.agent, w.conversation).await.unwrap();
        assert_eq!(staff_view.messages.iter().filter(|m| m.author == "seller").count(), 1);
        // Staff edit it; what they paste is masked too.
        let edited = "Elle taille normalement, d'après Chez Léa : voir www.chez-lea.fr";
        relay::pass_on(&w.app, &w.agent, q.row.id, Some(edited)).await.unwrap();
        let buyer = support::thread(&w.app, &w.camille, w.conversation).await.unwrap();
        assert_eq!(buyer.messages.last().unwrap().body, "Elle taille normalement, d'après […] : voir […]");
        assert!(matches!(relay::pass_on(&w.app, &w.agent, q.row.id, None).await, Err(AppError::Conflict("question_not_answered"))));
    }
}

both_backends! {
    async fn s3_empty_questions_and_answers_and_a_missing_piece_are_field_errors(db) {
        let w = world(db).await;
        let code = |r: Result<relay::Question, AppError>| match r {
            Err(AppError::Invalid(e)) => (e.0[0].field.clone(), e.0[0].code),
            other => panic!("{other:?}"),
        };
        assert_eq!(code(relay::ask(&w.app, &w.agent, w.conversation, None, "  ").await), ("question".into(), "required"));
        assert_eq!(code(relay::ask(&w.app, &w.agent, w.conversation, Some(999_999), "?").await), ("piece_id".into(), "unknown_value"));
        let bare = support::open(&w.app, &w.camille, 1, &OpenInput { body: "Bonjour".into(), ..OpenInput::default() }).await.unwrap();
        assert_eq!(code(relay::ask(&w.app, &w.agent, bare.conversation.id, None, "?").await), ("piece_id".into(), "required"));
        assert!(matches!(relay::ask(&w.app, &w.agent, 999_999, None, "?").await, Err(AppError::NotFound)));
        // A draft was never shown to a buyer: there is nothing to ask about.
        let draft = pepite_app::catalog::create_piece(&w.app, &w.lea, &piece_input("Jupe", "Sandro", "skirts", 4_000)).await.unwrap().piece.id;
        assert_eq!(code(relay::ask(&w.app, &w.agent, w.conversation, Some(draft), "?").await), ("piece_id".into(), "unknown_value"));
        let q = relay::ask(&w.app, &w.agent, w.conversation, None, QUESTION).await.unwrap();
        assert!(matches!(relay::answer(&w.app, &w.lea, q.row.id, " ").await, Err(AppError::Invalid(_))));
        assert!(matches!(relay::answer(&w.app, &w.lea, q.row.id, &"x".repeat(5_001)).await, Err(AppError::Invalid(_))));
        relay::answer(&w.app, &w.lea, q.row.id, "Oui").await.unwrap();
        assert!(matches!(relay::pass_on(&w.app, &w.agent, q.row.id, Some("")).await, Err(AppError::Invalid(_))));
        assert_eq!(relay::of_conversation(&w.app, &w.agent, w.conversation).await.unwrap()[0].row.state, "answered");
    }
}

both_backends! {
    async fn s3_the_orders_delivery_name_and_street_never_cross(db) {
        let app = app(db);
        let lea = seller(&app, "lea@x.fr", "Chez Léa").await;
        let robe = listed(&app, &lea, &piece_input("Robe", "Sézane", "dresses", 8_000)).await;
        let b = &buyers(&app, 1).await[0];
        pepite_app::carts::add(&app, &pepite_app::carts::CartOwner::User(b.user_id), robe).await.unwrap();
        // A gift: delivered to someone whose name is nowhere on the buyer's account.
        let mut input = checkout_input("4242424242424242", &[]);
        input.delivery.full_name = "Jeanne Moreau".into();
        input.delivery.line1 = "5 avenue Foch".into();
        let order = pepite_app::checkout::place(&app, b, "k", &input).await.unwrap().order_id;
        let asked = OpenInput { body: "Le colis est-il parti ?".into(), order_id: Some(order), piece_id: Some(robe), ..OpenInput::default() };
        let conversation = support::open(&app, b, 1, &asked).await.unwrap().conversation.id;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let q = relay::ask(&app, &agent, conversation, None, "Le colis pour Jeanne Moreau, 5 avenue Foch, est-il parti ?").await.unwrap();
        assert_eq!(q.row.question, "Le colis pour […], […], est-il parti ?");
        let answer = "Oui, parti hier chez Mme Moreau au 5 avenue Foch.";
        relay::answer(&app, &lea, q.row.id, answer).await.unwrap();
        let passed = relay::pass_on(&app, &agent, q.row.id, None).await.unwrap();
        let last = passed.messages.last().unwrap();
        assert_eq!(last.body, "Oui, parti hier chez Mme […] au […].");
    }
}
