//! People's own data through the real router (issue 11, item 8): the download from the account
//! page and the API holds the caller's data only (A4); closing asks for the password, then
//! signs the person out for good; the legal pages come from the policy, escaped.

mod support;

use pepite_app::accounts::{self, SessionKind};
use pepite_app::policies;
use pepite_domain::account::Role;
use serde_json::json;
use support::api::Api;
use support::pages::Site;
use support::people::{self, PASSWORD};

pepite_testkit::both_backends!(
    async fn a4_the_account_page_downloads_my_data_and_closes_my_account(db) {
        let site = Site::new(db).await;
        let (_, lea) = site.account("lea@x.fr", "Léa Martin").await;
        site.account("zoe@x.fr", "Zoé Other").await;

        let page = site.get_as("/account", &lea).await.expect(200);
        assert!(page.has("href=\"/account/export\""), "the download button");
        assert!(page.has("href=\"/account/close\""));

        let file = site.get_as("/account/export", &lea).await.expect(200);
        assert!(file.header(axum::http::header::CONTENT_DISPOSITION).starts_with("attachment"));
        let doc = file.json();
        assert_eq!(doc["format"], "pepite-export-1");
        assert_eq!(doc["data"]["account"]["email"], "lea@x.fr");
        assert!(!file.has("zoe@x.fr") && !file.has("Zoé"), "A4: {}", file.body);
        assert!(doc["notifications"].as_array().is_some_and(|n| !n.is_empty()), "the welcome message");
        // Anonymous: sign in first.
        let anon = site.get("/account/export").await;
        assert_ne!(anon.status.as_u16(), 200);

        let confirm = site.get_as("/account/close", &lea).await.expect(200);
        assert!(confirm.has("name=\"password\"") && confirm.has("Fermer définitivement mon compte"));
        let wrong = site.post("/account/close", &lea, "password=not+mine+at+all").await.expect(422);
        assert!(wrong.has("Le mot de passe actuel est faux.") || wrong.has("aria-invalid"), "{}", wrong.body);
        let body = format!("password={}", PASSWORD.replace(' ', "+"));
        let closed = site.post("/account/close", &lea, &body).await.expect(200);
        assert!(closed.has("Votre compte est fermé"));
        assert!(closed.header(axum::http::header::SET_COOKIE).contains("pepite_session="));
        // The old cookie is worthless, and so is the old password.
        let after = site.get_as("/account", &lea).await;
        assert_ne!(after.status.as_u16(), 200);
        let signin = accounts::sign_in(&site.app, "lea@x.fr", PASSWORD, "10.1.1.1", SessionKind::Browser, "").await;
        assert!(signin.is_err());
    }
);

pepite_testkit::both_backends!(
    async fn a4_the_api_export_is_mine_and_closing_ends_my_token(db) {
        let api = Api::new(db).await;
        let lea = api.account("lea@x.fr").await;
        let zoe = api.account("zoe@x.fr").await;
        api.get("/api/v1/me/export", None).await.expect(401);
        let mine = api.get("/api/v1/me/export", Some(&lea)).await.expect(200);
        assert_eq!(mine.json()["data"]["account"]["email"], "lea@x.fr");
        assert!(!mine.has("zoe@x.fr"));
        assert!(!mine.has("token_hash"), "no session secret");

        let wrong = api.post("/api/v1/me/close", Some(&lea), json!({"password": "nope"})).await.expect(422);
        assert_eq!(wrong.json()["errors"][0]["field"], "password");
        api.post("/api/v1/me/close", Some(&lea), json!({"password": PASSWORD})).await.expect(204);
        api.get("/api/v1/me/export", Some(&lea)).await.expect(401);
        // Zoé is untouched; the e-mail is free again.
        api.get("/api/v1/me/export", Some(&zoe)).await.expect(200);
        let again = people::sign_up_input("lea@x.fr", "Léa", "fr");
        people::register(&api.app, &again, &[]).await;
        let staff = api.staff("admin@x.fr", &[Role::Admin]).await;
        let refused = api.post("/api/v1/me/close", Some(&staff), json!({"password": PASSWORD})).await.expect(422);
        assert_eq!(refused.json()["errors"][0]["code"], "staff_account");
    }
);

pepite_testkit::both_backends!(
    async fn p3_legal_pages_come_from_the_policy_escaped_and_are_linked(db) {
        let site = Site::new(db).await;
        for (path, fr, en) in [
            ("/terms", "Conditions générales de vente", "Terms of sale"),
            ("/privacy", "Politique de confidentialité", "Privacy notice"),
            ("/legal", "Mentions légales", "Legal notice"),
        ] {
            let page = site.get(path).await.expect(200);
            assert!(page.has(&format!("<h1>{fr}</h1>")), "{path}");
            let page = site.get_as(path, "pepite_lang=en").await.expect(200);
            assert!(page.has(&format!("<h1>{en}</h1>")), "{path}");
        }
        let home = site.get("/").await.expect(200);
        for href in ["href=\"/terms\"", "href=\"/privacy\"", "href=\"/legal\""] {
            assert!(home.has(href), "footer link {href}");
        }
        let sign_up = site.get("/sign-up").await.expect(200);
        assert!(sign_up.has("href=\"/terms\"") && sign_up.has("href=\"/privacy\""));

        // An admin's text is shown as typed: paragraphs, no markup.
        let input = people::sign_up_input("admin@x.fr", "Admin", "fr");
        people::register(&site.app, &input, &[Role::Admin]).await;
        let secret = people::browser_session(&site.app, "admin@x.fr", "t", "t").await;
        let admin = people::principal(&site.app, &secret).await;
        let (mut policy, version) = policies::current(&site.app, &admin, 1).await.unwrap();
        policy.legal_texts.privacy.fr = "Premier <script>alert(1)</script>\n\nSecond".into();
        policies::save(&site.app, &admin, 1, &policy, version).await.unwrap();
        let page = site.get("/privacy").await.expect(200);
        assert!(page.has("<p>Premier &#60;script&#62;alert(1)&#60;/script&#62;</p>") || page.has("<p>Premier &lt;script&gt;"), "{}", page.body);
        assert!(page.has("<p>Second</p>"));
        assert!(!page.has("<script>alert"));
    }
);
