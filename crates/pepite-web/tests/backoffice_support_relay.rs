//! Asking a seller from the back office's conversation page (S3, A3) on SQLite and
//! PostgreSQL: the agent asks about the conversation's piece, the seller answers with a phone
//! number and their name, the page shows the agent what was masked, and the answer passed on
//! reaches the buyer masked.

mod support;

use axum::http::header;
use pepite_app::support::{self as cs, OpenInput, relay};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use support::orders::{fixed_clock, listed};
use support::sell::{Site, open_shop};

both_backends! {
    async fn s3_the_agent_asks_the_seller_from_the_page_and_passes_the_answer_on_masked(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let robe = listed(&site, &lea, "Robe portefeuille", "Sézane", 8_500).await;
        let camille = site.person("camille@example.fr", &[]).await;
        let anne = site.person("anne@pepite.fr", &[Role::CustomerService]).await;
        let buyer = site.principal(&camille).await;
        let input = OpenInput { subject: "Doublure".into(), body: "Est-elle doublée ?".into(), piece_id: Some(robe), ..OpenInput::default() };
        let id = cs::open(&site.app, &buyer, 1, &input).await.unwrap().conversation.id;
        let page = format!("/back-office/support/{id}");
        assert!(site.get(&anne.cookie, &page).await.expect(200).has("seller-questions"));
        let asked = site.post(&anne.cookie, &format!("{page}/seller-questions"),
            &[("question", "La robe est-elle doublée ?\nMerci")]).await.expect(303);
        assert!(asked.header(header::LOCATION).contains("done=seller_asked"), "{:?}", asked.headers);
        // The seller answers in the seller space, with a phone number.
        let seller = site.principal(&lea).await;
        let q = relay::mine(&site.app, &seller).await.unwrap().remove(0);
        relay::answer(&site.app, &seller, q.id, "Oui, doublée. Appelez-moi au 06 12 34 56 78.").await.unwrap();
        let shown = site.get(&anne.cookie, &page).await.expect(200);
        assert!(shown.has("06 12 34 56 78"), "the agent sees what was masked: {}", shown.body);
        assert!(shown.has("/pass-on"));
        site.post(&anne.cookie, &format!("{page}/seller-questions/{}/pass-on", q.id), &[("answer", "")])
            .await.expect(303);
        let read = cs::thread(&site.app, &buyer, id).await.unwrap();
        let last = &read.messages.last().unwrap();
        assert_eq!(last.author, "staff");
        assert!(last.body.contains("doublée"), "{}", last.body);
        assert!(!last.body.contains("06 12"), "the number reached the buyer: {}", last.body);
        // Passing on twice is refused in a sentence, not a 500.
        let again = site.post(&anne.cookie, &format!("{page}/seller-questions/{}/pass-on", q.id), &[("answer", "")])
            .await.expect(303);
        assert!(again.header(header::LOCATION).contains("error="), "{:?}", again.headers);
        // A buyer cannot use the staff's forms.
        assert!(site.post(&camille.cookie, &format!("{page}/seller-questions"), &[("question", "x")]).await.status.as_u16() >= 400);
    }
}
