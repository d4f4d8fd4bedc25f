//! Errors raised outside any handler still reach people in their form: an unknown address is a
//! page in their language, an oversized upload a readable page or a problem document.

mod support;

use axum::http::Method;
use pepite_testkit::both_backends;
use support::pages::Site;

both_backends!(
    async fn unknown_addresses_are_a_page_in_the_persons_language(db) {
        let site = Site::new(db).await;
        let fr = site.send(Method::GET, "/nowhere/at-all", &[], "").await.expect(404);
        assert!(fr.body.contains("Page introuvable"), "{}", fr.body);
        let en = site.send(Method::GET, "/nowhere", &[("accept-language", "en-GB,en;q=0.8")], "").await.expect(404);
        assert!(en.body.contains("<html lang=\"en\""), "{}", en.body);
        let api = site.send(Method::GET, "/api/v1/nowhere", &[], "").await.expect(404);
        assert!(api.header(axum::http::header::CONTENT_TYPE).starts_with("application/problem+json"));
    }
);

both_backends!(
    async fn oversized_uploads_get_a_readable_answer(db) {
        let site = Site::new(db).await;
        // A photo form carries several photos at once: its bound is the larger one.
        let form = "x".repeat(pepite_web::PHOTOS_FORM_LIMIT + 1);
        let form_length = form.len().to_string();
        let page = site
            .send(Method::POST, "/sell/pieces/1/photos", &[("content-type", "multipart/form-data; boundary=b"), ("content-length", &form_length)], &form)
            .await
            .expect(413);
        assert!(page.body.contains("Envoi trop volumineux"), "{}", page.body);
        // One photo through the API, by someone allowed to send it: its own 11 MB bound.
        let (who, cookie) = site.seller("s@x.fr", "Chez S").await;
        let id = site.draft(&who, |_| {}).await;
        let big = "x".repeat(12 * 1024 * 1024);
        let length = big.len().to_string();
        let headers = [("content-type", "image/png"), ("content-length", &length), ("cookie", &cookie)];
        let api = site
            .send(Method::POST, &format!("/api/v1/pieces/{id}/photos"), &headers, &big)
            .await
            .expect(413);
        assert!(api.body.contains("\"code\":\"body_too_large\""), "{}", api.body);
    }
);
