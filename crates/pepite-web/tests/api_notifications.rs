//! The account e-mails' links and the notifications through the API (A1, A4, E1, E2): a
//! password reset from request to second use, e-mail verification, one's own history, and the
//! staff's mailbox and jobs with their retries.

mod support;

use pepite_domain::account::Role;
use serde_json::{Value, json};
use support::api::Api;
use support::outbox;
use support::people::{self, PASSWORD};

const NEW_PASSWORD: &str = "une toute nouvelle phrase";

async fn sign_in(api: &Api, email: &str, password: &str) -> u16 {
    api.post(
        "/api/v1/auth/tokens",
        None,
        json!({"email": email, "password": password, "label": "tests"}),
    )
    .await
    .status
    .as_u16()
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

pepite_testkit::both_backends!(
    async fn a1_password_reset_link_works_once_and_ends_every_session(db) {
        let api = Api::new(db).await;
        let old_token = api.account("lea@example.fr").await;
        let queued = outbox::all(&api.app).await.len();

        // Any well-formed address gets the same 202; only an account gets a message.
        for email in ["nobody@example.fr", "Lea@Example.fr"] {
            api.post("/api/v1/auth/password-reset", None, json!({"email": email})).await.expect(202);
        }
        assert_eq!(outbox::all(&api.app).await.len(), queued + 1, "nothing for the stranger");
        api.post("/api/v1/auth/password-reset", None, json!({"email": "not an address"}))
            .await
            .field_error("email", "invalid_email");

        // A second request replaces the first link.
        let first = outbox::link_token(&api.app, "lea@example.fr", "password_reset").await;
        api.post("/api/v1/auth/password-reset", None, json!({"email": "lea@example.fr"})).await.expect(202);
        let link = outbox::link_token(&api.app, "lea@example.fr", "password_reset").await;
        assert_ne!(first, link);
        let confirm = |token: &str, password: &str| json!({"token": token, "password": password});
        api.post("/api/v1/auth/password-reset/confirm", None, confirm(&first, NEW_PASSWORD))
            .await
            .field_error("token", "link_expired");

        // A refused password leaves the link usable.
        api.post("/api/v1/auth/password-reset/confirm", None, confirm(&link, "short"))
            .await
            .field_error("password", "too_short");
        api.post("/api/v1/auth/password-reset/confirm", None, confirm(&link, NEW_PASSWORD)).await.expect(204);

        api.get("/api/v1/accounts/me", Some(&old_token)).await.problem(401, "unauthenticated");
        assert_eq!(sign_in(&api, "lea@example.fr", PASSWORD).await, 401, "the old password is refused");
        assert_eq!(sign_in(&api, "lea@example.fr", NEW_PASSWORD).await, 201, "the new one works");
        api.post("/api/v1/auth/password-reset/confirm", None, confirm(&link, "yet another long phrase"))
            .await
            .field_error("token", "link_expired");
        assert_eq!(sign_in(&api, "lea@example.fr", NEW_PASSWORD).await, 201, "the second use changed nothing");
    }
);

pepite_testkit::both_backends!(
    async fn a1_welcome_link_confirms_the_address_once(db) {
        let api = Api::new(db).await;
        api.account("lea@example.fr").await;
        let token = outbox::link_token(&api.app, "lea@example.fr", "welcome").await;

        api.post("/api/v1/auth/verify-email", None, json!({"token": "made-up"}))
            .await
            .field_error("token", "link_expired");
        api.post("/api/v1/auth/verify-email", None, json!({"token": token})).await.expect(204);
        let again = api.post("/api/v1/auth/verify-email", None, json!({"token": token})).await;
        let p = again.field_error("token", "link_expired");
        assert_eq!(p["errors"][0]["message"], "Ce lien a déjà servi ou n’est plus valable.");
        // A verification link is no reset link.
        api.post("/api/v1/auth/password-reset/confirm", None, json!({"token": token, "password": NEW_PASSWORD}))
            .await
            .field_error("token", "link_expired");
    }
);

pepite_testkit::both_backends!(
    async fn a4_my_notifications_are_mine_only_and_never_carry_a_link(db) {
        let api = Api::new(db).await;
        let lea = api.account("lea@example.fr").await;
        people::register(&api.app, &people::sign_up_input("sam@example.com", "Sam", "en"), &[]).await;
        let sam = api.token("sam@example.com").await;
        api.post("/api/v1/auth/password-reset", None, json!({"email": "sam@example.com"})).await.expect(202);
        let secret = outbox::link_token(&api.app, "sam@example.com", "password_reset").await;

        let mine = api.get("/api/v1/me/notifications", Some(&lea)).await.expect(200).json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
        assert_eq!(mine["items"][0]["kind"], "welcome");
        assert_eq!(mine["items"][0]["subject"], "Bienvenue sur Pépite");
        assert_eq!(mine["items"][0]["state"], "pending");
        assert!(mine["items"][0]["sent_at"].is_null());
        assert!(mine["next_before"].is_null());

        // In the recipient's language, newest first, and without the link's secret.
        let theirs = api.get("/api/v1/me/notifications", Some(&sam)).await.expect(200);
        assert!(!theirs.text().contains(&secret));
        let theirs = theirs.json();
        let subjects: Vec<&str> = theirs["items"].as_array().unwrap().iter().map(|i| i["subject"].as_str().unwrap()).collect();
        assert_eq!(subjects, ["Choose a new password", "Welcome to Pépite"]);
        let newest = ids(&theirs)[0];
        let older = api.get(&format!("/api/v1/me/notifications?before={newest}"), Some(&sam)).await.expect(200).json();
        assert_eq!(older["items"][0]["kind"], "welcome");
        assert_eq!(older["items"].as_array().unwrap().len(), 1);
        assert!(ids(&theirs).iter().all(|id| !ids(&mine).contains(id)));

        api.get("/api/v1/me/notifications", None).await.problem(401, "unauthenticated");
        api.get("/api/v1/me/notifications?before=soon", Some(&lea)).await.problem(400, "malformed_query");
    }
);

pepite_testkit::both_backends!(
    async fn e2_staff_send_a_dead_message_again_and_admins_a_dead_job(db) {
        let api = Api::new(db).await;
        let buyer = api.account("lea@example.fr").await;
        let support = api.staff("sav@pepite.fr", &[Role::CustomerService]).await;
        let admin = api.staff("admin@pepite.fr", &[Role::Admin]).await;
        outbox::kill_pending(&api.app).await;
        let lea = outbox::newest(&api.app, "lea@example.fr", "welcome").await;
        assert_eq!(lea.state, "dead");
        let retry = format!("/api/v1/staff/notifications/{}/retry", lea.id);

        // A buyer reaches neither the mailbox nor the jobs, and changes nothing.
        api.get("/api/v1/staff/notifications", Some(&buyer)).await.problem(403, "forbidden");
        api.post(&retry, Some(&buyer), json!({})).await.problem(403, "forbidden");
        api.get("/api/v1/staff/jobs", Some(&buyer)).await.problem(403, "forbidden");
        assert_eq!(outbox::state_of(&api.app, lea.id).await, "dead");

        let dead = api.get("/api/v1/staff/notifications?state=dead", Some(&support)).await.expect(200).json();
        let item = dead["items"].as_array().unwrap().iter().find(|i| i["id"] == lea.id).expect("Léa's message").clone();
        assert_eq!(item["to"], "lea@example.fr");
        assert_eq!(item["subject"], "Bienvenue sur Pépite");
        assert!(item["last_error"].as_str().unwrap().contains("template missing"), "{item}");
        assert_eq!(ids(&dead).len(), 3, "every dead message: {dead}");
        let sent = api.get("/api/v1/staff/notifications?state=sent", Some(&support)).await.expect(200).json();
        assert!(ids(&sent).is_empty());
        api.get("/api/v1/staff/notifications?state=lost", Some(&support)).await.field_error("state", "unknown_value");

        api.post(&retry, Some(&support), json!({})).await.expect(204);
        assert_eq!(outbox::state_of(&api.app, lea.id).await, "pending");
        api.post(&retry, Some(&support), json!({})).await.problem(409, "not_dead");
        api.post("/api/v1/staff/notifications/999999/retry", Some(&support), json!({})).await.problem(404, "not_found");
        outbox::deliver(&api.app).await;
        let sent = api.get("/api/v1/staff/notifications?state=sent", Some(&admin)).await.expect(200).json();
        assert_eq!(ids(&sent), [lea.id]);
        assert_eq!(sent["items"][0]["via"], "mailbox");

        // Jobs are the admins'.
        let job = outbox::dead_job(&api.app).await;
        api.get("/api/v1/staff/jobs", Some(&support)).await.problem(403, "forbidden");
        api.post(&format!("/api/v1/staff/jobs/{job}/retry"), Some(&support), json!({})).await.problem(403, "forbidden");
        let jobs = api.get("/api/v1/staff/jobs", Some(&admin)).await.expect(200).json();
        assert_eq!(ids(&jobs), [job]);
        assert_eq!(jobs["items"][0]["state"], "dead");
        assert!(jobs["items"][0]["last_error"].as_str().unwrap().contains("no handler"), "{jobs}");
        api.post(&format!("/api/v1/staff/jobs/{job}/retry"), Some(&admin), json!({})).await.expect(204);
        assert_eq!(outbox::job_state(&api.app, job).await, "queued");
        api.post(&format!("/api/v1/staff/jobs/{job}/retry"), Some(&admin), json!({})).await.problem(409, "not_dead");
        let queued = api.get("/api/v1/staff/jobs?state=queued", Some(&admin)).await.expect(200).json();
        assert_eq!(ids(&queued), [job]);
        api.get("/api/v1/staff/jobs?state=later", Some(&admin)).await.field_error("state", "unknown_value");
    }
);
