//! The site's chat through its pages (S1, S2, A3, A4) on SQLite and PostgreSQL, without
//! JavaScript: a buyer opens it from their order and reads the answer (never the note), a
//! visitor writes with an e-mail address and reads the conversation again with their
//! browser's key only, an empty message is a field error in French, a question on a Saturday
//! says when staff are back, and the live feed streams a new answer.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, header};
use futures_util::StreamExt;
use pepite_app::support as chat;
use pepite_domain::account::Role;
use pepite_domain::commerce::ShippingMode;
use pepite_testkit::both_backends;
use support::orders::{fixed_clock, listed, order};
use support::sell::{Site, open_shop};

/// The conversation a redirect goes to.
fn conversation_of(location: &str) -> i64 {
    location
        .trim_start_matches("/support/conversations/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

both_backends! {
    async fn s1_a3_a_buyer_asks_from_their_order_and_reads_the_answer_but_never_the_note(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        let bob = site.person("bob@example.fr", &[]).await;
        let robe = listed(&site, &lea, "Robe portefeuille", "Sézane", 8_500).await;
        let id = order(&site, &bob, &[robe], ShippingMode::Direct, None).await.order_id;
        let page = site.get(&bob.cookie, &format!("/orders/{id}")).await.expect(200);
        assert!(page.has(&format!("/support?order={id}")));
        // The chat names the order; someone else's order is not named (A4).
        let start = site.get(&bob.cookie, &format!("/support?order={id}")).await.expect(200);
        assert!(start.has("À propos de la commande"), "{}", start.body);
        let max = site.person("max@example.fr", &[]).await;
        let other = site.get(&max.cookie, &format!("/support?order={id}")).await.expect(200);
        assert!(!other.has("À propos de la commande"));
        let sent = site.post(&bob.cookie, "/support", &[
            ("order_id", &id.to_string()), ("subject", "Colis"), ("body", "Où en est mon colis ?"),
        ]).await.expect(303);
        let conversation = conversation_of(sent.header(header::LOCATION));
        let agent = site.person("service@example.fr", &[Role::CustomerService]).await;
        let agent = site.principal(&agent).await;
        chat::answer(&site.app, &agent, conversation, "Vérifier chez Colissimo", true, None).await.unwrap();
        chat::answer(&site.app, &agent, conversation, "Il part demain matin.", false, None).await.unwrap();
        let thread = site.get(&bob.cookie, &format!("/support/conversations/{conversation}")).await.expect(200);
        assert!(thread.has("Où en est mon colis ?"));
        assert!(thread.has("Il part demain matin."));
        assert!(!thread.has("Colissimo"), "the note reached the buyer");
        assert!(thread.has(&format!("/orders/{id}")));
        // The buyer writes again through the plain form.
        site.post(&bob.cookie, &format!("/support/conversations/{conversation}"), &[("body", "Merci !")])
            .await.expect(303);
        let thread = site.get(&bob.cookie, &format!("/support/conversations/{conversation}")).await.expect(200);
        assert!(thread.has("Merci !"));
        // A4: another person's look is "not found", by page and by feed.
        site.get(&max.cookie, &format!("/support/conversations/{conversation}")).await.expect(404);
        site.get(&max.cookie, &format!("/support/conversations/{conversation}/events")).await.expect(404);
        site.post(&max.cookie, &format!("/support/conversations/{conversation}"), &[("body", "Coucou")])
            .await.expect(404);
    }
}

both_backends! {
    async fn a4_a_visitor_writes_with_an_address_and_reads_again_with_their_key_only(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let form = site.get("", "/support").await.expect(200);
        assert!(form.has("name=\"email\""));
        let refused = site.post("", "/support", &[("email", "pas-une-adresse"), ("body", "Bonjour")]).await.expect(422);
        assert!(refused.has("field-error"), "{}", refused.body);
        assert!(refused.has("Bonjour"), "the message was kept");
        let sent = site.post("", "/support", &[("email", "nina@example.fr"), ("body", "Livrez-vous en Suisse ?")])
            .await.expect(303);
        let cookie = sent.headers.get_all(header::SET_COOKIE).iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("pepite_support="))
            .expect("the visitor's key")
            .split(';').next().unwrap().to_owned();
        let conversation = conversation_of(sent.header(header::LOCATION));
        let path = format!("/support/conversations/{conversation}");
        assert!(site.get(&cookie, &path).await.expect(200).has("Livrez-vous en Suisse ?"));
        assert!(site.get(&cookie, "/support").await.expect(200).has(&path));
        site.get("", &path).await.expect(404);
        site.get("pepite_support=someone-else", &path).await.expect(404);
        // The address alone is no key: the account with that address does not see it.
        let nina = site.person("nina@example.fr", &[]).await;
        site.get(&nina.cookie, &path).await.expect(404);
    }
}

both_backends! {
    async fn s1_an_empty_message_is_a_field_error_in_the_persons_language(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let refused = site.post(&bob.cookie, "/support", &[("body", "   ")]).await.expect(422);
        assert!(refused.has("field-error"));
        assert!(refused.has("lang=\"fr\""));
        let sent = site.post(&bob.cookie, "/support", &[("body", "Bonjour")]).await.expect(303);
        let path = sent.header(header::LOCATION).to_owned();
        let refused = site.post(&bob.cookie, &path, &[("body", "")]).await.expect(422);
        assert!(refused.has("field-error"));
    }
}

both_backends! {
    async fn s2_on_a_saturday_the_chat_says_when_staff_are_back(db) {
        let site = Site::new(db).await;
        // Saturday 5 December 2026, 15:00 in Paris: staff are back Monday 7 at 9:30.
        pepite_store::clock::set(&site.app.db, 1_796_479_200_000_000).await.unwrap();
        let page = site.get("", "/support").await.expect(200);
        assert!(page.has("support-away"), "{}", page.body);
        assert!(page.has("2026-12-07T08:30:00Z"), "{}", page.body);
        assert!(page.has("09:30"), "{}", page.body);
        // Monday at 10:00 they are in: no such note.
        pepite_store::clock::set(&site.app.db, 1_796_634_000_000_000).await.unwrap();
        assert!(!site.get("", "/support").await.expect(200).has("support-away"));
    }
}

both_backends! {
    async fn s1_the_live_feed_streams_an_answer_as_it_is_written(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let sent = site.post(&bob.cookie, "/support", &[("body", "Bonjour")]).await.expect(303);
        let conversation = conversation_of(sent.header(header::LOCATION));
        let who = site.principal(&bob).await;
        let last = chat::thread(&site.app, &who, conversation).await.unwrap().messages[0].id;
        let request = Request::get(format!("/support/conversations/{conversation}/events?after={last}"))
            .header(header::COOKIE, &bob.cookie)
            .body(Body::empty())
            .unwrap();
        let response = site.streaming(request).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/event-stream"));
        let mut body = response.into_body().into_data_stream();
        let agent = site.person("service@example.fr", &[Role::CustomerService]).await;
        let agent = site.principal(&agent).await;
        chat::answer(&site.app, &agent, conversation, "Bonjour Bob !", false, None).await.unwrap();
        let mut seen = String::new();
        while !seen.contains("Bonjour Bob") {
            let chunk = tokio::time::timeout(Duration::from_secs(5), body.next())
                .await
                .expect("the answer arrived within 5 s")
                .expect("the feed is open")
                .unwrap();
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
        assert!(seen.contains("event: message"), "{seen}");
        assert!(seen.contains("\"author\":\"staff\""), "{seen}");
    }
}

both_backends! {
    async fn s1_a_message_over_several_lines_passes_by_page_and_by_api(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let text = "Bonjour,\n\nLa robe est-elle doublée ?\tMerci";
        let sent = site.post(&bob.cookie, "/support", &[("body", text)]).await.expect(303);
        let path = sent.header(header::LOCATION).to_owned();
        site.post(&bob.cookie, &path, &[("body", "Et\nla veste ?")]).await.expect(303);
        let who = site.principal(&bob).await;
        let id = conversation_of(&path);
        let thread = chat::thread(&site.app, &who, id).await.unwrap();
        assert_eq!(thread.messages[0].body, text);
        assert_eq!(thread.messages[1].body, "Et\nla veste ?");
        // A NUL is still refused, with its field named.
        let refused = site.post(&bob.cookie, &path, &[("body", "a\u{0}b")]).await.expect(422);
        assert!(refused.has("field-error") || refused.has("error-summary"), "{}", refused.body);
    }
}

/// A small, plain PDF.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The addresses of the files a page links to under `prefix`, in order.
fn file_links(body: &str, prefix: &str) -> Vec<String> {
    let mut links: Vec<String> = body
        .match_indices(prefix)
        .map(|(at, _)| {
            let digits: String = body[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            format!("{prefix}{digits}")
        })
        .collect();
    links.dedup();
    links
}

both_backends! {
    async fn s1_a4_photos_and_pdfs_go_by_the_plain_forms_and_open_only_for_their_people(db) {
        let site = Site::new(db).await;
        fixed_clock(&site).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let png = support::png(400, 300);
        let sent = site.post_with_files(&bob.cookie, "/support",
            &[("subject", "Défaut"), ("body", "La couture a lâché : photo et bon joints.")],
            &[("files", "défaut.png", "image/png", &png), ("files", "bon.pdf", "application/pdf", PDF)],
        ).await.expect(303);
        let conversation = conversation_of(sent.header(header::LOCATION));
        let path = format!("/support/conversations/{conversation}");
        let thread = site.get(&bob.cookie, &path).await.expect(200);
        assert!(thread.has("défaut.jpg") && thread.has("bon.pdf"), "{}", thread.body);
        let links = file_links(&thread.body, &format!("{path}/files/"));
        assert_eq!(links.len(), 2, "{links:?}");
        let photo = site.get(&bob.cookie, &links[0]).await.expect(200);
        assert_eq!(photo.header(header::CONTENT_TYPE), "image/jpeg");
        assert!(photo.header(header::CONTENT_DISPOSITION).starts_with("inline"));
        let pdf = site.get(&bob.cookie, &links[1]).await.expect(200);
        assert_eq!(pdf.header(header::CONTENT_TYPE), "application/pdf");
        assert!(pdf.header(header::CONTENT_DISPOSITION).starts_with("attachment; filename=\"bon.pdf\""));
        assert_eq!(&pdf.bytes[..], PDF);
        // A4: another person, or nobody signed in, finds nothing there.
        let max = site.person("max@example.fr", &[]).await;
        site.get(&max.cookie, &links[0]).await.expect(404);
        site.get("", &links[1]).await.expect(404);
        // Customer service answers with a file from the back office; the buyer opens it.
        let agent = site.person("service@example.fr", &[Role::CustomerService]).await;
        let desk = site.get(&agent.cookie, &format!("/back-office/support/{conversation}")).await.expect(200);
        let staff_links = file_links(&desk.body, &format!("/back-office/support/{conversation}/files/"));
        assert_eq!(staff_links.len(), 2);
        site.get(&agent.cookie, &staff_links[1]).await.expect(200);
        // The back office does not exist for a buyer.
        site.get(&bob.cookie, &staff_links[1]).await.expect(404);
        site.post_with_files(&agent.cookie, &format!("/back-office/support/{conversation}/messages"),
            &[("message", "Voici l'étiquette de retour."), ("kind", "answer")],
            &[("files", "retour.pdf", "application/pdf", PDF)],
        ).await.expect(303);
        let thread = site.get(&bob.cookie, &path).await.expect(200);
        assert!(thread.has("retour.pdf"));
        let links = file_links(&thread.body, &format!("{path}/files/"));
        assert_eq!(site.get(&bob.cookie, &links[2]).await.expect(200).bytes, PDF);
        // A file that is neither a photo nor a PDF: a field error in French, the text kept.
        let refused = site.post_with_files(&bob.cookie, &path,
            &[("body", "Et mes notes")], &[("files", "notes.txt", "text/plain", b"hello")],
        ).await.expect(422);
        assert!(refused.has("Acceptés : photos (JPEG, PNG ou WebP) et documents PDF."), "{}", refused.body);
        assert!(refused.has("Et mes notes"));
        // A message of a file alone goes through.
        site.post_with_files(&bob.cookie, &path, &[("body", "")], &[("files", "b.pdf", "application/pdf", PDF)])
            .await.expect(303);
        assert!(site.get(&bob.cookie, &path).await.expect(200).has("b.pdf"));
    }
}
