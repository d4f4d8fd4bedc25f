//! The API's accounts, tokens, shops and back office (A1–A4), on SQLite and PostgreSQL.

mod support;

use axum::http::{Method, StatusCode, header};
use pepite_app::Clock;
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::json;
use support::api::Api;
use support::people::PASSWORD;

both_backends!(
    async fn a2_sign_up_then_token_then_me(db) {
        let api = Api::new(db).await;
        let r = api
            .post(
                "/api/v1/accounts",
                None,
                json!({"email": " Lea@Example.FR ", "password": PASSWORD, "display_name": "Léa",
                       "language": "fr", "country": "fr", "birth_date": "1990-04-02"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let account = r.json();
        assert_eq!(account["email"], "lea@example.fr");
        assert_eq!(account["country"], "FR");
        assert_eq!(account["birth_date"], "1990-04-02");
        assert_eq!(account["roles"], json!([]));
        assert!(account["created_at"].as_str().unwrap().ends_with('Z'));

        let wrong = api
            .post("/api/v1/auth/tokens", None, json!({"email": "lea@example.fr", "password": "not the password"}))
            .await;
        wrong.problem(401, "unauthenticated");

        let created = api
            .post("/api/v1/auth/tokens", None, json!({"email": "LEA@example.fr", "password": PASSWORD, "label": "till"}))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let first = created.json();
        let token = first["token"].as_str().unwrap().to_owned();
        assert_eq!(first["id"].as_str().unwrap().len(), 16);
        assert!(first["expires_at"].as_str().unwrap() > first["created_at"].as_str().unwrap());

        let me = api.get("/api/v1/accounts/me", Some(&token)).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json()["id"], account["id"]);
        assert_eq!(me.json()["seller_id"], json!(null));

        let anonymous = api.get("/api/v1/accounts/me", None).await;
        anonymous.problem(401, "unauthenticated");
        assert_eq!(anonymous.headers[header::WWW_AUTHENTICATE], "Bearer");

        let patched = api
            .call(Method::PATCH, "/api/v1/accounts/me", Some(&token),
                Some(json!({"display_name": "Léa M.", "language": "en", "country": "BE"})))
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{}", patched.text());
        assert_eq!(patched.json()["display_name"], "Léa M.");
        assert_eq!(patched.json()["language"], "en");

        // A second token; the first is revoked by its id and stops working at once.
        let second = api.token("lea@example.fr").await;
        let list = api.get("/api/v1/auth/tokens", Some(&second)).await.json();
        assert_eq!(list.as_array().unwrap().len(), 2);
        assert!(list.as_array().unwrap().iter().all(|t| t.get("token").is_none()));
        let id = first["id"].as_str().unwrap();
        let revoked = api.call(Method::DELETE, &format!("/api/v1/auth/tokens/{id}"), Some(&second), None).await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT);
        api.get("/api/v1/accounts/me", Some(&token)).await.problem(401, "unauthenticated");

        // Signing out ends the token that made the request.
        let out = api.call(Method::DELETE, "/api/v1/auth/session", Some(&second), None).await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        api.get("/api/v1/accounts/me", Some(&second)).await.problem(401, "unauthenticated");
    }
);

both_backends!(
    async fn a2_password_change_ends_every_token(db) {
        let api = Api::new(db).await;
        let token = api.account("lea@x.fr").await;
        let wrong = api
            .post("/api/v1/accounts/me/password", Some(&token),
                json!({"current_password": "nope nope nope", "new_password": "another long password"}))
            .await;
        wrong.field_error("current_password", "wrong_password");
        let short = api
            .post("/api/v1/accounts/me/password", Some(&token),
                json!({"current_password": PASSWORD, "new_password": "short"}))
            .await;
        short.field_error("new_password", "too_short");
        let ok = api
            .post("/api/v1/accounts/me/password", Some(&token),
                json!({"current_password": PASSWORD, "new_password": "another long password"}))
            .await;
        assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.text());
        api.get("/api/v1/accounts/me", Some(&token)).await.problem(401, "unauthenticated");
        let again = api
            .post("/api/v1/auth/tokens", None, json!({"email": "lea@x.fr", "password": "another long password"}))
            .await;
        assert_eq!(again.status, StatusCode::CREATED);
    }
);

both_backends!(
    async fn a2_sign_in_is_throttled_with_retry_after(db) {
        let api = Api::new(db).await;
        api.account("lea@x.fr").await;
        for _ in 0..api.app.policy_now().await.unwrap().signin_attempts_per_account {
            api.post("/api/v1/auth/tokens", None, json!({"email": "lea@x.fr", "password": "wrong wrong wrong"}))
                .await
                .problem(401, "unauthenticated");
        }
        let r = api.post("/api/v1/auth/tokens", None, json!({"email": "lea@x.fr", "password": PASSWORD})).await;
        r.problem(429, "throttled");
        let wait: i64 = r.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!(wait > 0);
    }
);

both_backends!(
    async fn a4_someone_elses_token_cannot_be_revoked(db) {
        let api = Api::new(db).await;
        let a = api.account("a@x.fr").await;
        let b = api.account("b@x.fr").await;
        let a_id = api.get("/api/v1/auth/tokens", Some(&a)).await.json()[0]["id"].as_str().unwrap().to_owned();
        let attempt = api.call(Method::DELETE, &format!("/api/v1/auth/tokens/{a_id}"), Some(&b), None).await;
        let unknown = api.call(Method::DELETE, "/api/v1/auth/tokens/0123456789abcdef", Some(&b), None).await;
        assert_eq!(attempt.problem(404, "not_found"), unknown.problem(404, "not_found"));
        assert_eq!(api.get("/api/v1/accounts/me", Some(&a)).await.status, StatusCode::OK);
    }
);

both_backends!(
    async fn a3_public_seller_shows_no_contact_details(db) {
        let api = Api::new(db).await;
        let (token, shop) = api.seller("secret.person@x.fr", "Chez Léa").await;
        let mine = api.get("/api/v1/sellers/me", Some(&token)).await.json();
        assert_eq!(mine["open_to_offers"], true);
        assert_eq!(mine["shop_name"], "Chez Léa");

        let public = api.get(&format!("/api/v1/sellers/{shop}"), None).await;
        assert_eq!(public.status, StatusCode::OK);
        let mut keys: Vec<String> = public.json().as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["bio", "country", "created_at", "id", "kind", "shop_name"]);
        assert!(!public.text().contains("secret.person"));

        let id = api.listed(&token, json!({})).await;
        let piece = api.get(&format!("/api/v1/pieces/{id}"), None).await;
        assert_eq!(piece.json()["seller"], json!({"id": shop, "shop_name": "Chez Léa"}));
        assert!(!piece.text().contains("secret.person"));
        let list = api.get("/api/v1/sellers?limit=10", None).await;
        assert_eq!(list.json()["items"][0]["id"], shop);
        assert!(!list.text().contains("secret.person"));

        // Shop names are unique once folded; one shop per account.
        let other = api.account("other@x.fr").await;
        api.post("/api/v1/sellers", Some(&other), json!({"shop_name": "chez lea", "country": "FR", "kind": "individual"}))
            .await
            .field_error("shop_name", "taken");
        api.post("/api/v1/sellers", Some(&token), json!({"shop_name": "Autre", "country": "FR", "kind": "individual"}))
            .await
            .problem(409, "already_a_seller");
        api.get("/api/v1/sellers/me", Some(&other)).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn a1_admin_grants_roles_and_cannot_remove_last_admin(db) {
        let api = Api::new(db).await;
        let admin = api.staff("boss@x.fr", &[Role::Admin]).await;
        let admin_id = api.get("/api/v1/accounts/me", Some(&admin)).await.json()["id"].as_i64().unwrap();
        let lea = api.account("lea@x.fr").await;
        let lea_id = api.get("/api/v1/accounts/me", Some(&lea)).await.json()["id"].as_i64().unwrap();

        // A buyer has no back office.
        api.get("/api/v1/admin/users", Some(&lea)).await.problem(403, "forbidden");
        api.get("/api/v1/admin/users", None).await.problem(401, "unauthenticated");

        let granted = api
            .call(Method::PUT, &format!("/api/v1/admin/users/{lea_id}/roles/customer_service"), Some(&admin), None)
            .await;
        assert_eq!(granted.status, StatusCode::OK, "{}", granted.text());
        assert_eq!(granted.json()["roles"], json!(["customer_service"]));
        // Customer service reads accounts but grants nothing.
        let users = api.get("/api/v1/admin/users?q=lea", Some(&lea)).await;
        assert_eq!(users.status, StatusCode::OK);
        assert_eq!(users.json()["items"][0]["email"], "lea@x.fr");
        api.call(Method::PUT, &format!("/api/v1/admin/users/{lea_id}/roles/admin"), Some(&lea), None)
            .await
            .problem(403, "forbidden");
        api.call(Method::PUT, &format!("/api/v1/admin/users/{lea_id}/roles/emperor"), Some(&admin), None)
            .await
            .field_error("role", "unknown_value");

        api.call(Method::DELETE, &format!("/api/v1/admin/users/{admin_id}/roles/admin"), Some(&admin), None)
            .await
            .problem(409, "last_admin");
        api.call(Method::PUT, &format!("/api/v1/admin/users/{lea_id}/roles/admin"), Some(&admin), None).await;
        let staff = api.get("/api/v1/admin/staff", Some(&admin)).await.json();
        assert_eq!(staff.as_array().unwrap().len(), 2);
        let demoted = api
            .call(Method::DELETE, &format!("/api/v1/admin/users/{admin_id}/roles/admin"), Some(&lea), None)
            .await;
        assert_eq!(demoted.status, StatusCode::OK, "{}", demoted.text());
        assert_eq!(demoted.json()["roles"], json!([]));

        // Disabling an account ends its tokens at once.
        let bob = api.account("bob@x.fr").await;
        let bob_id = api.get("/api/v1/accounts/me", Some(&bob)).await.json()["id"].as_i64().unwrap();
        let disabled = api.post(&format!("/api/v1/admin/users/{bob_id}/disable"), Some(&lea), json!({})).await;
        assert_eq!(disabled.json()["disabled"], true);
        api.get("/api/v1/accounts/me", Some(&bob)).await.problem(401, "unauthenticated");
        api.post(&format!("/api/v1/admin/users/{bob_id}/enable"), Some(&lea), json!({})).await;
        assert_eq!(api.get(&format!("/api/v1/admin/users/{bob_id}"), Some(&lea)).await.json()["disabled"], false);
        api.get("/api/v1/admin/users/999999", Some(&lea)).await.problem(404, "not_found");
    }
);

both_backends!(
    async fn admin_clock_moves_only_when_manual(db) {
        let api = Api::new(db.clone()).await;
        let admin = api.staff("boss@x.fr", &[Role::Admin]).await;
        let before = api.get("/api/v1/admin/clock", Some(&admin)).await.json();
        assert_eq!(before["mode"], "manual");
        // Within the token's 90 days, or the admin would be signed out by the move itself.
        let now: jiff::Timestamp = before["now"].as_str().unwrap().parse().unwrap();
        let at = |seconds: i64| jiff::Timestamp::from_second(now.as_second() + seconds).unwrap().to_string();
        let set = api.post("/api/v1/admin/clock", Some(&admin), json!({"set": at(3_600)})).await;
        assert_eq!(set.json()["now"], at(3_600), "{}", set.text());
        let advanced = api.post("/api/v1/admin/clock", Some(&admin), json!({"advance": "14d"})).await;
        assert_eq!(advanced.json()["now"], at(3_600 + 14 * 86_400));
        let seconds = api.post("/api/v1/admin/clock", Some(&admin), json!({"advance_seconds": 90})).await;
        assert_eq!(seconds.json()["now"], at(3_690 + 14 * 86_400));
        api.post("/api/v1/admin/clock", Some(&admin), json!({"advance": "soon"}))
            .await
            .field_error("advance", "invalid");
        api.post("/api/v1/admin/clock", Some(&admin), json!({"set": at(0), "advance": "1d"}))
            .await
            .problem(422, "invalid_input");
        let buyer = api.account("lea@x.fr").await;
        api.post("/api/v1/admin/clock", Some(&buyer), json!({"advance": "1d"})).await.problem(403, "forbidden");

        let system = Api::with_clock(db, Clock::System).await;
        let admin = system.token("boss@x.fr").await;
        assert_eq!(system.get("/api/v1/admin/clock", Some(&admin)).await.json()["mode"], "system");
        system
            .post("/api/v1/admin/clock", Some(&admin), json!({"advance": "1d"}))
            .await
            .problem(409, "clock_not_manual");
    }
);
