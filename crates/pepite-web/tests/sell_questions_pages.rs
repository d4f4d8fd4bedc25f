//! Customer service's questions in the seller space (S3, A3, A4) on SQLite and PostgreSQL:
//! the seller reads the question masked of the buyer's identity and answers it through the
//! page, without JavaScript; an empty answer is a message in the seller's language; a second
//! answer is refused; another seller neither sees nor answers it.

mod support;

use pepite_app::support::{self as cs, OpenInput, relay};
use pepite_domain::account::Role;
use support::pages::Site;
use support::people;

pepite_testkit::both_backends!(
    async fn s3_the_seller_answers_through_the_page_and_never_reads_the_buyers_address(db) {
        let site = Site::new(db).await;
        let (lea, lea_cookie) = site.seller("lea@x.fr", "Chez Léa").await;
        let robe = site.listed(&lea, |p| p.title = "Robe à fleurs".into()).await;
        let (camille, _) = site.account("camille@x.fr", "Camille Durand").await;
        people::register(&site.app, &people::sign_up_input("service@x.fr", "Agent", "fr"), &[Role::CustomerService]).await;
        let (agent, _) = site.session("service@x.fr").await;
        let asked = OpenInput { body: "Taille-t-elle petit ?".into(), ..OpenInput::default() };
        let conversation = cs::open(&site.app, &camille, 1, &asked).await.unwrap().conversation.id;
        let q = relay::ask(&site.app, &agent, conversation, Some(robe), "Pour Camille (camille@x.fr) : taille-t-elle petit ?").await.unwrap();

        // The seller space links to the questions; the question is there, masked.
        assert!(site.get_as("/sell", &lea_cookie).await.expect(200).has(r#"href="/sell/questions""#));
        let page = site.get_as("/sell/questions", &lea_cookie).await.expect(200);
        assert!(page.has("Robe à fleurs") && page.has("Pour […] ([…]) : taille-t-elle petit ?"), "{}", page.body);
        assert!(!page.has("amille"));
        let action = format!("/sell/questions/{}/answer", q.row.id);
        assert!(page.has(&format!(r#"action="{action}""#)));

        // An empty answer comes back beside its field, in French then in English.
        let refused = site.post(&action, &lea_cookie, "answer=+").await.expect(422);
        assert!(refused.has("Ce champ est obligatoire.") && refused.has(r#"id="answer""#), "{}", refused.body);
        let english = format!("{lea_cookie}; pepite_lang=en");
        let refused = site.post(&action, &english, "answer=").await.expect(422);
        assert!(refused.has("This field is required."), "{}", refused.body);

        // Another seller sees nothing and cannot answer: not found.
        let (_, max_cookie) = site.seller("max@x.fr", "Chez Max").await;
        assert!(!site.get_as("/sell/questions", &max_cookie).await.expect(200).has("Robe à fleurs"));
        site.post(&action, &max_cookie, "answer=Oui").await.expect(404);

        // The answer, then the page shows it; a second answer is refused.
        let done = site.post(&action, &lea_cookie, "answer=Elle+taille+normalement.").await.expect(303);
        assert_eq!(done.location(), "/sell/questions?done=answered");
        let page = site.get_as(done.location(), &lea_cookie).await.expect(200);
        assert!(page.has("Réponse envoyée au service client") && page.has("Elle taille normalement."));
        assert!(!page.has(&format!(r#"action="{action}""#)), "no form once answered");
        let again = site.post(&action, &lea_cookie, "answer=Encore").await.expect(409);
        assert!(again.has("déjà reçu une réponse"), "{}", again.body);
        let seen = relay::of_conversation(&site.app, &agent, conversation).await.unwrap();
        assert_eq!(seen[0].row.answer.as_deref(), Some("Elle taille normalement."));
    }
);
