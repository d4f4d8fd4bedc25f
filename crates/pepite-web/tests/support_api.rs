//! Customer service through the API (S1, S2, A3, A4) on SQLite and PostgreSQL: a person asks
//! about a piece, customer service answers and leaves a note the person never reads, a second
//! agent's assignment from an old version is refused, someone else's conversation is not
//! found, and an empty message is a field error.

mod support;

use axum::http::Method;
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::api::Api;

both_backends! {
    async fn s1_a3_a_question_answered_through_the_api_without_the_internal_note(db) {
        let api = Api::new(db).await;
        // Monday 7 December 2026, 10:00 in Paris: open.
        pepite_store::clock::set(&api.app.db, 1_796_634_000_000_000).await.unwrap();
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        let robe = api.listed(&lea, json!({"title": "Robe fleurie"})).await;
        let camille = api.account("camille@x.fr").await;
        let agent = api.staff("service@x.fr", &[Role::CustomerService]).await;
        let opened = api.post("/api/v1/support/conversations", Some(&camille),
            json!({"subject": "Taille", "body": "Taille-t-elle petit ?", "piece_id": robe})).await.expect(201).json();
        let id = opened["conversation"]["id"].as_i64().unwrap();
        assert_eq!(opened["conversation"]["state"], "open");
        assert!(opened["back_at"].is_null(), "open on a Monday morning: {opened}");
        api.post("/api/v1/support/conversations", Some(&camille), json!({"body": "  "}))
            .await.field_error("body", "required");
        // The inbox lists it; the agent leaves a note, then answers.
        let inbox = api.get("/api/v1/staff/support/conversations?state=open&assignee=none", Some(&agent)).await.expect(200).json();
        assert_eq!(inbox[0]["id"], id);
        assert_eq!(inbox[0]["email"], "camille@x.fr");
        api.get("/api/v1/staff/support/conversations", Some(&camille)).await.problem(403, "forbidden");
        let path = format!("/api/v1/staff/support/conversations/{id}");
        api.post(&format!("{path}/messages"), Some(&agent), json!({"body": "Demander à Léa", "internal": true})).await.expect(201);
        let read = api.get(&path, Some(&agent)).await.expect(200).json()["messages"][0]["id"].clone();
        api.post(&format!("{path}/messages"), Some(&agent), json!({"body": "Elle taille normalement.", "seen_message_id": read})).await.expect(201);
        // A second answer from the same message read is not sent.
        api.post(&format!("{path}/messages"), Some(&agent), json!({"body": "Elle taille grand.", "seen_message_id": read}))
            .await.problem(409, "conversation_moved");
        let seen = api.get(&format!("/api/v1/support/conversations/{id}"), Some(&camille)).await.expect(200).json();
        let authors: Vec<&str> = seen["messages"].as_array().unwrap().iter().map(|m| m["author"].as_str().unwrap()).collect();
        assert_eq!(authors, ["person", "staff"], "{seen}");
        assert_eq!(seen["conversation"]["state"], "waiting_person");
        // Assignment by version: a second try from the same version is refused.
        let version = api.get(&path, Some(&agent)).await.expect(200).json()["conversation"]["version"].clone();
        let agent_id = pepite_store::accounts::by_email(&api.app.db, "service@x.fr").await.unwrap().unwrap().id;
        let body = json!({"expected_version": version, "assignee_id": agent_id});
        api.call(Method::PUT, &format!("{path}/assignment"), Some(&agent), Some(body.clone())).await.expect(200);
        api.call(Method::PUT, &format!("{path}/assignment"), Some(&agent), Some(body)).await.problem(409, "conversation_changed");
        // Someone else's conversation looks missing.
        let max = api.account("max@x.fr").await;
        api.get(&format!("/api/v1/support/conversations/{id}"), Some(&max)).await.problem(404, "not_found");
        api.post(&format!("/api/v1/support/conversations/{id}/messages"), Some(&max), json!({"body": "Bonjour"})).await.problem(404, "not_found");
    }
}

both_backends! {
    async fn s1_a4_files_go_as_base64_and_come_back_from_their_own_address(db) {
        use base64::Engine;
        let api = Api::new(db).await;
        let camille = api.account("camille@x.fr").await;
        let agent = api.staff("service@x.fr", &[Role::CustomerService]).await;
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let png = support::png(300, 300);
        let opened = api.post("/api/v1/support/conversations", Some(&camille), json!({
            "body": "Voici la photo du défaut.",
            "files": [{"name": "defaut.png", "content_base64": b64(&png)}],
        })).await.expect(201).json();
        let id = opened["conversation"]["id"].as_i64().unwrap();
        let file = &opened["messages"][0]["files"][0];
        assert_eq!(file["name"], "defaut.jpg");
        assert_eq!(file["content_type"], "image/jpeg");
        let url = file["url"].as_str().unwrap().to_owned();
        assert_eq!(url, format!("/api/v1/support/conversations/{id}/files/{}", file["id"]));
        let got = api.get(&url, Some(&camille)).await.expect(200);
        assert_eq!(image::guess_format(&got.bytes).unwrap(), image::ImageFormat::Jpeg);
        // A4: someone else's look is "not found"; staff have their own address.
        let max = api.account("max@x.fr").await;
        api.get(&url, Some(&max)).await.problem(404, "not_found");
        let staff_url = format!("/api/v1/staff/support/conversations/{id}/files/{}", file["id"]);
        api.get(&staff_url, Some(&agent)).await.expect(200);
        api.get(&staff_url, Some(&camille)).await.problem(403, "forbidden");
        // Bad files are field errors; nothing is written.
        let write = format!("/api/v1/support/conversations/{id}/messages");
        api.post(&write, Some(&camille), json!({"files": [{"name": "a.pdf", "content_base64": "%%%"}]}))
            .await.field_error("files", "unreadable_upload");
        api.post(&write, Some(&camille), json!({"files": [{"name": "a.txt", "content_base64": b64(b"hello")}]}))
            .await.field_error("files", "unsupported_attachment");
        let pdf = b"%PDF-1.4\n<< /JS (x) >>\n%%EOF";
        api.post(&write, Some(&camille), json!({"files": [{"name": "a.pdf", "content_base64": b64(pdf)}]}))
            .await.field_error("files", "active_pdf");
        let seen = api.get(&format!("/api/v1/support/conversations/{id}"), Some(&camille)).await.expect(200).json();
        assert_eq!(seen["messages"].as_array().unwrap().len(), 1);
        // The agent answers with a PDF; the person downloads it from the answer.
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF";
        let answered = api.post(&format!("/api/v1/staff/support/conversations/{id}/messages"), Some(&agent),
            json!({"body": "Votre étiquette.", "files": [{"name": "étiquette.pdf", "content_base64": b64(pdf)}]}))
            .await.expect(201).json();
        assert!(answered["messages"][1]["files"][0]["url"].as_str().unwrap().starts_with("/api/v1/staff/"));
        let seen = api.get(&format!("/api/v1/support/conversations/{id}"), Some(&camille)).await.expect(200).json();
        let url = seen["messages"][1]["files"][0]["url"].as_str().unwrap().to_owned();
        let got = api.get(&url, Some(&camille)).await.expect(200);
        assert_eq!(&got.bytes[..], pdf);
        assert!(got.header(axum::http::header::CONTENT_DISPOSITION).contains("filename*=UTF-8''%C3%A9tiquette.pdf"));
    }
}
