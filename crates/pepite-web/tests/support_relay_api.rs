//! Asking a seller through the API (S3, A3, A4) on SQLite and PostgreSQL: customer service
//! asks the seller of the conversation's piece, the seller reads the question masked and
//! answers with a phone number, staff read what was masked and pass it on, and the buyer
//! reads the number masked. Another seller's question is not found, a second answer is
//! refused, and bad input is a problem document.

mod support;

use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::api::Api;

both_backends! {
    async fn s3_seller_answer_with_a_phone_number_reaches_the_buyer_masked(db) {
        let api = Api::new(db).await;
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        let robe = api.listed(&lea, json!({"title": "Robe fleurie"})).await;
        let camille = api.account("camille@x.fr").await;
        let agent = api.staff("service@x.fr", &[Role::CustomerService]).await;
        let opened = api.post("/api/v1/support/conversations", Some(&camille),
            json!({"body": "Taille-t-elle petit ?", "piece_id": robe})).await.expect(201).json();
        let id = opened["conversation"]["id"].as_i64().unwrap();
        let questions = format!("/api/v1/staff/support/conversations/{id}/seller-questions");
        // Staff ask; the buyer's address in the question is masked before the seller reads it.
        let asked = api.post(&questions, Some(&agent),
            json!({"question": "camille@x.fr demande si elle taille petit."})).await.expect(201).json();
        assert_eq!(asked["question"], "[…] demande si elle taille petit.");
        assert_eq!(asked["question_findings"], json!([{"kind": "email", "text": "camille@x.fr"}]));
        assert_eq!(asked["piece_id"], robe);
        let qid = asked["id"].as_i64().unwrap();
        let state = api.get(&format!("/api/v1/staff/support/conversations/{id}"), Some(&agent)).await.expect(200).json();
        assert_eq!(state["conversation"]["state"], "waiting_seller");
        // The seller reads the masked question, without what was masked, and answers.
        let mine = api.get("/api/v1/seller/support/questions", Some(&lea)).await.expect(200).json();
        assert_eq!(mine[0]["question"], "[…] demande si elle taille petit.");
        assert!(!mine.to_string().contains("camille"), "{mine}");
        assert_eq!(mine[0]["piece_title"], "Robe fleurie");
        let answer = format!("/api/v1/seller/support/questions/{qid}/answer");
        let answered = api.post(&answer, Some(&lea), json!({"answer": "Normale. Au besoin : +33 6 12 34 56 78"})).await.expect(200).json();
        assert_eq!((answered["state"].as_str(), answered["answer"].as_str()), (Some("answered"), Some("Normale. Au besoin : +33 6 12 34 56 78")));
        api.post(&answer, Some(&lea), json!({"answer": "Encore"})).await.problem(409, "question_answered");
        // Staff see the answer masked, with what was found, then pass it on as it is.
        let seen = api.get(&questions, Some(&agent)).await.expect(200).json();
        assert_eq!(seen[0]["answer"], "Normale. Au besoin : […]");
        assert_eq!(seen[0]["answer_findings"], json!([{"kind": "phone", "text": "+33 6 12 34 56 78"}]));
        let pass = format!("/api/v1/staff/support/seller-questions/{qid}/pass-on");
        api.post(&pass, Some(&agent), json!({})).await.expect(201);
        api.post(&pass, Some(&agent), json!({})).await.problem(409, "question_not_answered");
        let buyer = api.get(&format!("/api/v1/support/conversations/{id}"), Some(&camille)).await.expect(200).json();
        let bodies: Vec<&str> = buyer["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, ["Taille-t-elle petit ?", "Normale. Au besoin : […]"]);
        assert!(!buyer.to_string().contains("12 34"), "{buyer}");
    }
}

both_backends! {
    async fn a4_another_seller_cannot_read_or_answer_the_question_and_bad_input_is_a_problem(db) {
        let api = Api::new(db).await;
        let (lea, _) = api.seller("lea@x.fr", "Chez Léa").await;
        let robe = api.listed(&lea, json!({})).await;
        let (max, _) = api.seller("max@x.fr", "Chez Max").await;
        let camille = api.account("camille@x.fr").await;
        let agent = api.staff("service@x.fr", &[Role::CustomerService]).await;
        let opened = api.post("/api/v1/support/conversations", Some(&camille),
            json!({"body": "Bonjour"})).await.expect(201).json();
        let id = opened["conversation"]["id"].as_i64().unwrap();
        let questions = format!("/api/v1/staff/support/conversations/{id}/seller-questions");
        api.post(&questions, Some(&agent), json!({"question": "Taille ?"})).await.field_error("piece_id", "required");
        api.post(&questions, Some(&agent), json!({"question": " ", "piece_id": robe})).await.field_error("question", "required");
        api.post(&questions, Some(&camille), json!({"question": "Taille ?", "piece_id": robe})).await.problem(403, "forbidden");
        let qid = api.post(&questions, Some(&agent), json!({"question": "Taille ?", "piece_id": robe})).await.expect(201).json()["id"].as_i64().unwrap();
        // Max has a shop, not this piece: the question is not his and looks missing.
        assert_eq!(api.get("/api/v1/seller/support/questions", Some(&max)).await.expect(200).json(), json!([]));
        let answer = format!("/api/v1/seller/support/questions/{qid}/answer");
        api.post(&answer, Some(&max), json!({"answer": "Oui"})).await.problem(404, "not_found");
        api.post(&answer, Some(&camille), json!({"answer": "Oui"})).await.problem(404, "not_found");
        api.get("/api/v1/seller/support/questions", Some(&camille)).await.problem(403, "forbidden");
        api.post(&answer, Some(&lea), json!({"answer": ""})).await.field_error("answer", "required");
        api.post(&answer, Some(&lea), json!({"answer": "Oui"})).await.expect(200);
        let pass = format!("/api/v1/staff/support/seller-questions/{qid}/pass-on");
        api.post(&pass, Some(&agent), json!({"body": "  "})).await.field_error("body", "required");
        api.post("/api/v1/staff/support/seller-questions/999999/pass-on", Some(&agent), json!({})).await.problem(404, "not_found");
    }
}
