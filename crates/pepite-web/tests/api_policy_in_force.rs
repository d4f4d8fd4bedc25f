//! P3: what an admin saves is the policy in force, without a restart and on every instance:
//! the sold-piece window (C4), the password length, the sign-in throttle and the photo limits.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use pepite_domain::account::Role;
use pepite_testkit::both_backends;
use serde_json::{Value, json};
use support::api::Api;
use support::commerce::{CARD_OK, NOW, checkout_body, shop};
use support::people::PASSWORD;

/// Saves the policy with `changes` applied, as an admin does through the API.
async fn edit_policy(api: &Api, admin: &str, changes: Value) {
    let read = api
        .get("/api/v1/policy", Some(admin))
        .await
        .expect(200)
        .json();
    let mut policy = read["policy"].clone();
    for (k, v) in changes.as_object().expect("object") {
        policy[k] = v.clone();
    }
    let body = json!({"expected_version": read["version"], "policy": policy});
    api.put("/api/v1/policy", Some(admin), body)
        .await
        .expect(200);
}

async fn sign_up(api: &Api, email: &str, password: &str) -> StatusCode {
    let body = json!({"email": email, "password": password, "display_name": "Inès",
                      "language": "fr", "country": "FR"});
    api.post("/api/v1/accounts", None, body).await.status
}

both_backends!(
    async fn p3_c4_an_edited_sold_piece_window_applies_without_restart(db) {
        let (api, _, _, dress) = shop(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        api.checkout(&buyer, "k", checkout_body(CARD_OK)).await.expect(201);
        let three_days = NOW.replace("02T", "05T");
        api.set_clock(&three_days).await;
        let found = |r: Value| r["items"].as_array().unwrap().iter().any(|p| p["id"] == dress);
        assert!(found(api.get("/api/v1/pieces?q=robe", None).await.expect(200).json()));
        api.get(&format!("/api/v1/pieces/{dress}"), None).await.expect(200);

        // Two days instead of fourteen: sold three days ago, it is no longer shown.
        edit_policy(&api, &admin, json!({"sold_visible_days": 2})).await;
        assert!(!found(api.get("/api/v1/pieces?q=robe", None).await.expect(200).json()));
        api.get(&format!("/api/v1/pieces/{dress}"), None).await.expect(404);
    }
);

both_backends!(
    async fn p3_an_edited_password_length_applies_without_restart(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let fourteen = "quatorze lettr";
        assert_eq!(sign_up(&api, "a@x.fr", fourteen).await, StatusCode::CREATED);
        edit_policy(&api, &admin, json!({"password_min_chars": 16})).await;
        assert_eq!(sign_up(&api, "b@x.fr", fourteen).await, StatusCode::UNPROCESSABLE_ENTITY);
        let signed_in = json!({"email": "a@x.fr", "password": fourteen, "label": "tests"});
        let token = api.post("/api/v1/auth/tokens", None, signed_in).await.expect(201).json();
        let token = token["token"].as_str().expect("token").to_owned();
        let change = json!({"current_password": fourteen, "new_password": "quinze lettres!"});
        let refused = api.post("/api/v1/accounts/me/password", Some(&token), change).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text());
        assert_eq!(sign_up(&api, "c@x.fr", "seize lettres ok").await, StatusCode::CREATED);
    }
);

both_backends!(
    async fn p3_an_edited_sign_in_throttle_applies_without_restart(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        api.account("lea@x.fr").await;
        edit_policy(&api, &admin, json!({"signin_attempts_per_account": 2})).await;
        let wrong = json!({"email": "lea@x.fr", "password": "wrong wrong wrong"});
        for _ in 0..2 {
            api.post("/api/v1/auth/tokens", None, wrong.clone()).await.problem(401, "unauthenticated");
        }
        let right = json!({"email": "lea@x.fr", "password": PASSWORD});
        api.post("/api/v1/auth/tokens", None, right).await.problem(429, "throttled");
    }
);

both_backends!(
    async fn p3_edited_photo_limits_apply_without_restart(db) {
        let api = Api::new(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let (seller, _) = api.seller("s@x.fr", "Chez S").await;
        let piece = api.draft(&seller, json!({})).await["id"].as_i64().unwrap();
        api.add_photo(&seller, piece).await.expect(201);
        edit_policy(&api, &admin, json!({"photos_per_piece": 1})).await;
        api.add_photo(&seller, piece).await.problem(409, "too_many_photos");

        // A photo larger than the new size limit is refused, the limit named in megabytes.
        edit_policy(&api, &admin, json!({"photos_per_piece": 12, "photo_max_bytes": 100})).await;
        let big = api.add_photo(&seller, piece).await;
        assert_eq!(big.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", big.text());
    }
);

/// Two instances on one PostgreSQL database, each with its own pool and policy cache: an edit
/// saved through one is in force on the other within the cache's second, without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p3_an_edit_saved_on_one_instance_applies_on_another() {
    let Some(t) = pepite_testkit::postgres().await else {
        return;
    };
    let one = Api::new(t.db.clone()).await;
    let two = Api::new(t.another_instance().await.expect("a second handle")).await;
    let admin = one.staff("admin@x.fr", &[Role::Admin]).await;
    let fourteen = "quatorze lettr";
    assert_eq!(sign_up(&two, "a@x.fr", fourteen).await, StatusCode::CREATED);
    edit_policy(&one, &admin, json!({"password_min_chars": 16})).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut n = 0;
    loop {
        n += 1;
        let status = sign_up(&two, &format!("b{n}@x.fr"), fourteen).await;
        if status == StatusCode::UNPROCESSABLE_ENTITY {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the other instance kept the old length: {status}"
        );
        // Sign-ups per address are limited (20 an hour): a few tries are enough.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

both_backends!(
    async fn p3_o11_the_invoice_prints_the_legal_identity_of_the_policy(db) {
        let (api, _, _, dress) = shop(db).await;
        let admin = api.staff("admin@x.fr", &[Role::Admin]).await;
        let identity = json!({"name": "Brocante Lumiere SARL", "address": "4 quai Sud, 13002 Marseille",
                              "registration": "RCS Marseille 801 234 567", "vat_id": "FR 55 801234567"});
        edit_policy(&api, &admin, json!({"legal_identity": identity})).await;
        let buyer = api.account("b@x.fr").await;
        api.add_to_cart(&buyer, dress).await;
        let order = api.checkout(&buyer, "k", checkout_body(CARD_OK)).await.expect(201).json();
        let id = order["order_id"].as_i64().expect("order id");
        let pdf = api.get(&format!("/api/v1/orders/{id}/invoice"), Some(&buyer)).await.expect(200);
        // The text as a reader extracts it: the file shows glyphs of an embedded font.
        let Some(text) = pepite_testkit::pdf::text(&pdf.bytes) else { return };
        for line in ["Brocante Lumiere SARL", "4 quai Sud, 13002 Marseille", "RCS Marseille 801 234 567", "FR 55 801234567"] {
            assert!(text.contains(line), "{line} missing from the invoice: {text}");
        }
        assert!(!text.contains("912 345 678"), "no identity written in the code");
        // O11: an invoice once issued keeps its issuer; a later edit reprints no past invoice.
        let moved = json!({"name": "Brocante Lumiere SAS", "address": "9 rue Neuve, 69001 Lyon",
                           "registration": "RCS Lyon 801 234 567", "vat_id": "FR 55 801234567"});
        edit_policy(&api, &admin, json!({"legal_identity": moved})).await;
        let again = api.get(&format!("/api/v1/orders/{id}/invoice"), Some(&buyer)).await.expect(200);
        let again = pepite_testkit::pdf::text(&again.bytes).expect("poppler answered above");
        assert!(again.contains("4 quai Sud, 13002 Marseille"), "the issuer at payment");
        assert!(!again.contains("9 rue Neuve"), "the later identity is not printed");
    }
);
