//! The pages of the account e-mails' links and one's notification history (A1, A4, E1): a
//! forgotten password reset from the sign-in page to the link's second use, the welcome link,
//! and a history that shows only one's own messages, never with a working link.

mod support;

use pepite_domain::account::Role;
use support::outbox;
use support::pages::Site;
use support::people::{self, PASSWORD};

const NEW: &str = "une+toute+nouvelle+phrase";

fn sign_in_body(password: &str) -> String {
    format!(
        "email=lea%40example.fr&password={}",
        password.replace(' ', "+")
    )
}

pepite_testkit::both_backends!(
    async fn a1_forgotten_password_is_reset_once_through_the_pages(db) {
        let site = Site::new(db).await;
        let (_, old_session) = site.account("lea@example.fr", "Léa").await;
        let sign_in = site.get("/sign-in").await.expect(200);
        assert!(sign_in.has(r#"href="/password/forgot""#) && sign_in.has("Mot de passe oublié ?"));
        assert!(site.get("/password/forgot").await.expect(200).has(r#"name="email""#));

        let bad = site.post("/password/forgot", "", "email=nope").await.expect(422);
        assert!(bad.has("Cette adresse e-mail n’est pas valable.") && bad.has(r#"value="nope""#));
        // A stranger and an account get the very same answer.
        let stranger = site.post("/password/forgot", "", "email=nobody%40example.fr").await.expect(303);
        let known = site.post("/password/forgot", "", "email=lea%40example.fr").await.expect(303);
        assert_eq!(stranger.location(), known.location());
        let sent = site.get(known.location()).await.expect(200);
        assert!(sent.has("Si un compte Pépite utilise cette adresse"), "{}", sent.body);

        let token = outbox::link_token(&site.app, "lea@example.fr", "password_reset").await;
        let link = format!("/account/reset?token={token}");
        let form = site.get(&link).await.expect(200);
        assert!(form.has(&format!(r#"name="token" value="{token}""#)));
        let mismatch = site
            .post("/account/reset", "", &format!("token={token}&password={NEW}&password_confirm=une+autre+phrase+encore"))
            .await
            .expect(422);
        assert!(mismatch.has("Les deux mots de passe ne sont pas identiques."));
        assert!(mismatch.has(r#"aria-invalid="true" aria-describedby="password_confirm-error""#));
        let short = site.post("/account/reset", "", &format!("token={token}&password=court&password_confirm=court")).await.expect(422);
        assert!(short.has("12 caractères au moins."));

        let done = site.post("/account/reset", "", &format!("token={token}&password={NEW}&password_confirm={NEW}")).await.expect(303);
        let signed_out = site.get(done.location()).await.expect(200);
        assert!(signed_out.has("Votre nouveau mot de passe est enregistré."), "{}", signed_out.body);
        site.get_as("/account", &old_session).await.expect(303);
        site.post("/sign-in", "", &sign_in_body(PASSWORD)).await.expect(422);
        site.post("/sign-in", "", &sign_in_body("une toute nouvelle phrase")).await.expect(303);

        // The link is spent: explained, with a way to ask again; posting it changes nothing.
        let spent = site.get(&link).await.expect(410);
        assert!(spent.has("Ce lien ne fonctionne plus") && spent.has(r#"href="/password/forgot""#));
        site.post("/account/reset", "", &format!("token={token}&password=encore+une+autre+phrase&password_confirm=encore+une+autre+phrase"))
            .await
            .expect(410);
        site.post("/sign-in", "", &sign_in_body("une toute nouvelle phrase")).await.expect(303);
        let english = site.get_as("/account/reset?token=made-up", "pepite_lang=en").await.expect(410);
        assert!(english.has("This link no longer works") && english.has("Send me a new link"));
    }
);

pepite_testkit::both_backends!(
    async fn a1_welcome_link_confirms_the_address_signed_in_or_not(db) {
        let site = Site::new(db).await;
        site.account("lea@example.fr", "Léa").await;
        let (_, bob) = site.account("bob@example.fr", "Bob").await;
        let lea_link = format!("/account/verify?token={}", outbox::link_token(&site.app, "lea@example.fr", "welcome").await);
        let bob_link = format!("/account/verify?token={}", outbox::link_token(&site.app, "bob@example.fr", "welcome").await);

        let anonymous = site.get(&lea_link).await.expect(200);
        assert!(anonymous.has("Adresse confirmée") && anonymous.has(r#"href="/""#));
        let signed_in = site.get_as(&bob_link, &bob).await.expect(200);
        assert!(signed_in.has("Adresse confirmée") && signed_in.has(r#"href="/account""#));

        let again = site.get(&lea_link).await.expect(410);
        assert!(again.has("Ce lien ne fonctionne plus") && again.has("votre adresse est confirmée"));
        site.get("/account/verify").await.expect(410);
    }
);

pepite_testkit::both_backends!(
    async fn a4_notification_history_shows_only_ones_own(db) {
        let site = Site::new(db).await;
        let (_, lea) = site.account("lea@example.fr", "Léa").await;
        let (_, bob) = site.account("bob@example.fr", "Bob").await;
        site.post("/password/forgot", "", "email=bob%40example.fr").await.expect(303);
        let bob_secret = outbox::link_token(&site.app, "bob@example.fr", "password_reset").await;
        let lea_secret = outbox::link_token(&site.app, "lea@example.fr", "welcome").await;
        let lea_welcome = outbox::newest(&site.app, "lea@example.fr", "welcome").await.id;
        let bob_reset = outbox::newest(&site.app, "bob@example.fr", "password_reset").await.id;

        assert!(site.get_as("/account", &lea).await.expect(200).has(r#"href="/account/notifications""#));
        let list = site.get_as("/account/notifications", &lea).await.expect(200);
        assert!(list.has("Bienvenue sur Pépite") && list.has("En cours d’envoi"), "{}", list.body);
        assert!(list.has(&format!(r#"href="/account/notifications/{lea_welcome}""#)));
        assert!(!list.has("Choisir un nouveau mot de passe") && !list.has(&format!("/account/notifications/{bob_reset}")));
        let theirs = site.get_as("/account/notifications", &bob).await.expect(200);
        assert!(theirs.has("Choisir un nouveau mot de passe"));

        // One message: its text, without the link's secret, even while it waits to be sent.
        let own = site.get_as(&format!("/account/notifications/{lea_welcome}"), &lea).await.expect(200);
        assert!(own.has("Bonjour Léa,") && !own.has(&lea_secret), "{}", own.body);
        let reset = site.get_as(&format!("/account/notifications/{bob_reset}"), &bob).await.expect(200);
        assert!(reset.has("Bonjour Bob,") && !reset.has(&bob_secret));
        site.get_as(&format!("/account/notifications/{bob_reset}"), &lea).await.expect(404);
        site.get_as("/account/notifications/first", &lea).await.expect(404);
        // Staff read other people's messages in the back office, not in their own history.
        people::register(&site.app, &people::sign_up_input("sav@pepite.fr", "Sav", "fr"), &[Role::CustomerService]).await;
        let (_, support) = site.session("sav@pepite.fr").await;
        site.get_as(&format!("/account/notifications/{bob_reset}"), &support).await.expect(404);

        let anonymous = site.get("/account/notifications").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Faccount%2Fnotifications");
        outbox::deliver(&site.app).await;
        let delivered = site.get_as("/account/notifications", &format!("{lea}; pepite_lang=en")).await.expect(200);
        assert!(delivered.has("My notifications") && delivered.has(">Sent<"), "{}", delivered.body);
        assert!(delivered.has("Bienvenue sur Pépite"), "written in Léa's language, whatever the page's");
    }
);
