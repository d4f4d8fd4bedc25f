//! Signing up, in and out, the account page, the language switch, and what bad or hostile
//! requests get (A1, A2, A4).

mod support;

use axum::http::Method;
use pepite_web::WebConfig;
use support::FORM;
use support::pages::Site;
use support::people::PASSWORD;

const GOOD_SIGN_UP: &str = "email=Lea%40Example.fr&password=une+phrase+assez+longue&display_name=L%C3%A9a&language=en&country=BE&birth_date=1990-04-02";

pepite_testkit::both_backends!(
    async fn sign_up_errors_are_shown_in_the_persons_language(db) {
        let site = Site::new(db).await;
        let bad = "email=nope&password=tiny-secret&display_name=+&language=fr&country=XX&birth_date=2990-01-01";

        let fr = site.post("/sign-up", "", bad).await.expect(422);
        for expected in [
            "Cette adresse e-mail n’est pas valable.",
            "12 caractères au moins.",
            "Ce champ est obligatoire.",
            "Choisissez une valeur de la liste.",
            "Cette valeur est hors des limites permises.",
            "Quelques points sont à corriger",
        ] {
            assert!(fr.body.contains(expected), "{expected:?} missing");
        }
        // Item 9 of issue 11: each line of the summary names its field by its label.
        let summary = fr.body.split("class=\"error-summary\"").nth(1).unwrap().split("</div>").next().unwrap();
        for named in ["Adresse e-mail\u{a0}: </span>Cette adresse e-mail n’est pas valable.", "Mot de passe\u{a0}: </span>12 caractères au moins."] {
            assert!(summary.contains(named), "{named:?} missing from {summary}");
        }
        assert!(fr.body.contains("value=\"nope\""), "values are kept");
        assert!(fr.body.contains("value=\"2990-01-01\""));
        assert!(!fr.body.contains("tiny-secret"), "the password is never sent back");
        assert!(fr.body.contains("aria-invalid=\"true\" aria-describedby=\"email-error\""));

        let by_cookie = site
            .send(Method::POST, "/sign-up", &[("content-type", FORM), ("cookie", "pepite_lang=en")], bad)
            .await
            .expect(422);
        let by_browser = site
            .send(Method::POST, "/sign-up", &[("content-type", FORM), ("accept-language", "en-US,en;q=0.9")], bad)
            .await
            .expect(422);
        for r in [&by_cookie, &by_browser] {
            assert!(r.body.contains("<html lang=\"en\">"));
            assert!(r.body.contains("This e-mail address is not valid."));
            assert!(r.body.contains("At least 12 characters."));
            assert!(!r.body.contains("Ce champ est obligatoire."));
        }

        // The form itself: labelled fields, countries named in the page's language.
        let form = site.get("/sign-up").await.expect(200);
        assert!(form.body.contains("<label for=\"birth_date\">"));
        assert!(form.body.contains("type=\"date\""));
        assert!(form.body.contains("<option value=\"DE\">Allemagne</option>"));
        assert!(form.body.contains("<option value=\"FR\" selected>France</option>"));
        let en = site.get_as("/sign-up", "pepite_lang=en").await.expect(200);
        assert!(en.body.contains("<option value=\"DE\">Germany</option>"));

        // Success: signed in, language cookie from the choice, on to the account page.
        let ok = site.post("/sign-up", "", GOOD_SIGN_UP).await.expect(303);
        assert_eq!(ok.location(), "/account");
        let session = ok.cookie("pepite_session").expect("session cookie");
        assert_eq!(ok.cookie("pepite_lang").as_deref(), Some("pepite_lang=en"));
        let account = site
            .get_as("/account", &format!("{session}; pepite_lang=en"))
            .await
            .expect(200);
        assert!(account.body.contains("Signed in as lea@example.fr"));
        assert!(account.body.contains("value=\"Léa\""));

        let taken = site.post("/sign-up", "", GOOD_SIGN_UP).await.expect(422);
        assert!(taken.body.contains("Déjà utilisé"));
    }
);

pepite_testkit::both_backends!(
    async fn sign_in_sets_cookie_and_sign_out_clears_it(db) {
        let site = Site::new(db).await;
        site.account("lea@example.fr", "Léa").await;
        let wrong = format!("email=lea%40example.fr&password=not+{}", "the+password");
        let unknown = "email=nobody%40example.fr&password=whatever+it+may+be";
        let a = site.post("/sign-in", "", &wrong).await.expect(422);
        let b = site.post("/sign-in", "", unknown).await.expect(422);
        for r in [&a, &b] {
            assert!(r.body.contains("Adresse e-mail ou mot de passe incorrect."));
            assert!(r.cookie("pepite_session").is_none());
        }
        assert!(a.body.contains("value=\"lea@example.fr\""));

        let password = PASSWORD.replace(' ', "+");
        let ok = site
            .post("/sign-in", "", &format!("email=lea%40example.fr&password={password}&next=%2Fsearch%3Fq%3Drobe"))
            .await
            .expect(303);
        assert_eq!(ok.location(), "/search?q=robe");
        let set = ok.set_cookies().join("\n");
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
        assert_eq!(ok.cookie("pepite_lang").as_deref(), Some("pepite_lang=fr"));
        let session = ok.cookie("pepite_session").expect("session cookie");

        let elsewhere = site
            .post("/sign-in", "", &format!("email=lea%40example.fr&password={password}&next=%2F%2Fevil.example"))
            .await
            .expect(303);
        assert_eq!(elsewhere.location(), "/");

        let home = site.get_as("/", &session).await.expect(200);
        assert!(home.body.contains("action=\"/sign-out\""));
        let out = site.post("/sign-out", &session, "").await.expect(303);
        assert_eq!(out.location(), "/");
        let expired = out.set_cookies().join("\n");
        assert!(expired.contains("pepite_session=;") && expired.contains("Max-Age=0"), "{expired}");
        let after = site.get_as("/account", &session).await.expect(303);
        assert_eq!(after.location(), "/sign-in?next=%2Faccount");

        // Past five wrong passwords in a row for one account, sign-in waits.
        for _ in 0..5 {
            site.post("/sign-in", "", &wrong).await.expect(422);
        }
        let throttled = site.post("/sign-in", "", &wrong).await.expect(429);
        assert!(throttled.body.contains("Trop de tentatives de connexion."));
    }
);

pepite_testkit::both_backends!(
    async fn sign_in_page_keeps_next_and_shows_demo_accounts(db) {
        let config = WebConfig {
            demo_accounts: vec![("buyer@demo.example".into(), "demo password 1".into())],
            ..WebConfig::default()
        };
        let site = Site::with_config(db, config).await;
        let page = site.get("/sign-in?next=%2Faccount").await.expect(200);
        assert!(page.body.contains("name=\"next\" value=\"/account\""));
        assert!(page.body.contains("Comptes de démonstration"));
        assert!(page.body.contains("<code>buyer@demo.example</code>"));
        let hostile = site.get("/sign-in?next=https%3A%2F%2Fevil.example").await.expect(200);
        assert!(hostile.body.contains("name=\"next\" value=\"/\""));
    }
);

pepite_testkit::both_backends!(
    async fn account_profile_password_and_tokens(db) {
        let site = Site::new(db).await;
        let (_, cookie) = site.account("lea@example.fr", "Léa").await;

        let bad = site.post("/account/profile", &cookie, "display_name=&language=de&country=FR").await.expect(422);
        assert!(bad.body.contains("Ce champ est obligatoire."));
        let saved = site.post("/account/profile", &cookie, "display_name=L%C3%A9a+M.&language=en&country=DE").await.expect(303);
        assert_eq!(saved.location(), "/account?done=profile");
        assert_eq!(saved.cookie("pepite_lang").as_deref(), Some("pepite_lang=en"));
        let page = site.get_as("/account?done=profile", &format!("{cookie}; pepite_lang=en")).await.expect(200);
        assert!(page.body.contains("Your profile is saved."));
        assert!(page.body.contains("<option value=\"DE\" selected>Germany</option>"));

        let wrong = site.post("/account/password", &cookie, "current_password=nope&new_password=another+long+password").await.expect(422);
        assert!(wrong.body.contains("Le mot de passe actuel est incorrect."));
        let password = PASSWORD.replace(' ', "+");
        let changed = site
            .post("/account/password", &cookie, &format!("current_password={password}&new_password=another+long+password"))
            .await
            .expect(303);
        let fresh = changed.cookie("pepite_session").expect("a new session");
        assert_eq!(site.get_as("/account", &cookie).await.status.as_u16(), 303, "old session ended");
        let page = site.get_as("/account?done=password", &fresh).await.expect(200);
        assert!(page.body.contains("Mot de passe changé."));

        let created = site.post("/account/tokens", &fresh, "label=Mon+script").await.expect(200);
        assert!(created.body.contains("Copiez-le dès maintenant"));
        let secret = created.body.split("<code class=\"secret\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
        assert!(secret.len() > 30);
        let again = site.get_as("/account", &fresh).await.expect(200);
        assert!(again.body.contains("Mon script"));
        assert!(!again.body.contains(&secret), "a token is shown once");
        let id = again.body.split("action=\"/account/tokens/").nth(1).unwrap().split('/').next().unwrap().to_owned();
        assert_eq!(id.len(), 16);
        let revoked = site.post(&format!("/account/tokens/{id}/revoke"), &fresh, "").await.expect(303);
        assert_eq!(revoked.location(), "/account?done=revoked");
        let page = site.get_as("/account?done=revoked", &fresh).await.expect(200);
        assert!(page.body.contains("Le jeton est révoqué.") && page.body.contains("Aucun jeton actif."));
        site.post(&format!("/account/tokens/{id}/revoke"), &fresh, "").await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn language_switch_sets_cookie_and_returns(db) {
        let site = Site::new(db).await;
        let r = site.get("/language/en?next=%2Fsearch%3Fq%3Drobe").await.expect(303);
        assert_eq!(r.location(), "/search?q=robe");
        assert_eq!(r.cookie("pepite_lang").as_deref(), Some("pepite_lang=en"));
        let back = site.get("/language/fr?next=%2F%2Fevil.example").await.expect(303);
        assert_eq!(back.location(), "/");
        assert_eq!(back.cookie("pepite_lang").as_deref(), Some("pepite_lang=fr"));
        site.get("/language/de?next=%2F").await.expect(404);

        let english = site.get_as("/search?q=robe", "pepite_lang=en").await.expect(200);
        assert!(english.body.contains("<html lang=\"en\">"));
        assert!(english.body.contains("Refine your search"));
        assert!(english.body.contains("href=\"/language/fr?next=%2Fsearch%3Fq%3Drobe\""));
        let french = site.get("/search?q=robe").await.expect(200);
        assert!(french.body.contains("Affiner la recherche"));
        assert!(french.body.contains("href=\"/language/en?next=%2Fsearch%3Fq%3Drobe\""));
    }
);

pepite_testkit::both_backends!(
    async fn bad_form_input_never_500(db) {
        let site = Site::new(db).await;
        let (_, cookie) = site.account("lea@example.fr", "Léa").await;
        let long = "x".repeat(5_000);
        let many_brands = "brand=a&".repeat(30);
        let posts: Vec<(&str, String)> = vec![
            ("/sign-up", "%%%&&&==".into()),
            ("/sign-up", format!("email={long}&password={long}&display_name={long}&language={long}&country={long}&birth_date={long}")),
            ("/sign-up", "email=a%40b.fr&email=c%40d.fr".into()),
            ("/sign-up", "birth_date=31%2F02%2F2000&language=&country=".into()),
            ("/sign-in", "%ZZ".into()),
            ("/sign-in", format!("email={long}&password=&next={long}")),
            ("/sign-out", "garbage".into()),
            ("/account/profile", "display_name=%00&language=%FF&country=".into()),
            ("/account/password", "current_password=&new_password=".into()),
            ("/account/tokens", format!("label={long}")),
            ("/account/tokens/zzz/revoke", String::new()),
            ("/account/tokens/..%2F..%2Fetc/revoke", String::new()),
        ];
        for (path, body) in &posts {
            for who in ["", cookie.as_str()] {
                let r = site.post(path, who, body).await;
                assert!(r.status.is_client_error() || r.status.is_redirection() || r.status.is_success(),
                    "POST {path} {body:.60} gave {}", r.status);
                if r.status.as_u16() == 400 {
                    assert!(r.body.contains("Demande illisible"), "400 is a page: {}", r.body);
                }
            }
        }
        // A body that is not a form at all.
        let json = site
            .send(Method::POST, "/sign-in", &[("content-type", "application/json")], "{\"email\":1}")
            .await;
        assert_eq!(json.status.as_u16(), 400);
        assert!(json.body.contains("<h1>Demande illisible</h1>"));

        let gets = [
            "/search?price_min=abc&price_max=-3".to_owned(),
            "/search?price_min=99999999999999999999".to_owned(),
            "/search?sort=weird".to_owned(),
            "/search?cursor=garbage".to_owned(),
            "/search?category=spaceship&grade=mint&colour=plaid".to_owned(),
            format!("/search?{many_brands}"),
            format!("/search?q={long}"),
            "/search?offers=maybe&available=%FF".to_owned(),
            "/search?q=a&q=b".to_owned(),
            "/search?%ZZ=1".to_owned(),
            "/pieces/-1".to_owned(),
            "/pieces/99999999999999999999999".to_owned(),
            "/shops/abc".to_owned(),
            "/shops/1?cursor=zzz".to_owned(),
            "/sign-in?next=%FF%FE".to_owned(),
            "/language/en?next=%0d%0aSet-Cookie:x".to_owned(),
            "/media/%00".to_owned(),
        ];
        for path in &gets {
            let r = site.get(path).await;
            assert!(r.status.as_u16() < 500, "GET {path:.80} gave {}", r.status);
        }
        let r = site.get("/search?category=spaceship").await.expect(422);
        assert!(r.body.contains("Choisissez une valeur de la liste."));
        assert!(r.body.contains("spaceship"));
    }
);

pepite_testkit::both_backends!(
    async fn cross_site_post_is_refused(db) {
        let site = Site::new(db).await;
        site.account("lea@example.fr", "Léa").await;
        let password = PASSWORD.replace(' ', "+");
        let body = format!("email=lea%40example.fr&password={password}");
        let hostile = site
            .send(
                Method::POST,
                "/sign-in",
                &[
                    ("content-type", FORM),
                    ("origin", "https://evil.example"),
                    ("sec-fetch-site", "cross-site"),
                ],
                &body,
            )
            .await;
        assert_eq!(hostile.status.as_u16(), 403);
        assert!(hostile.cookie("pepite_session").is_none());
        // Item 5: a page that says why, not an empty answer.
        assert!(hostile.content_type().starts_with("text/html"), "{}", hostile.content_type());
        assert!(hostile.has("Envoyé depuis un autre site"), "{}", hostile.body);
        let same = site
            .send(Method::POST, "/sign-in", &[("content-type", FORM), ("sec-fetch-site", "same-origin")], &body)
            .await
            .expect(303);
        assert!(same.cookie("pepite_session").is_some());
    }
);

pepite_testkit::both_backends!(
    async fn item5_a_control_character_in_a_form_is_named_in_the_persons_language(db) {
        let site = Site::new(db).await;
        let bad = GOOD_SIGN_UP.replace("display_name=L%C3%A9a", "display_name=L%00a");
        let fr = site.post("/sign-up", "", &bad).await.expect(422);
        assert!(fr.has("« display_name » : Les caractères de contrôle"), "{}", fr.body);
        let en = site.post("/sign-up", "pepite_lang=en", &bad).await.expect(422);
        assert!(en.has("“display_name”: Control characters"), "{}", en.body);
        // Nothing was written: the same address can still sign up.
        site.post("/sign-up", "", GOOD_SIGN_UP).await.expect(303);

        let search = site.get("/search?q=robe%00").await.expect(422);
        assert!(search.has("« q »"), "{}", search.body);
    }
);
