//! The back office (A1, A4): staff only, each role seeing what it needs; admins manage roles
//! and accounts and move the manual clock.

mod support;

use pepite_app::{Clock, accounts};
use pepite_domain::account::{Language, Role};
use pepite_domain::time::DAY_US;
use pepite_web::i18n;
use support::sell::{Site, new_piece, open_shop};

pepite_testkit::both_backends!(
    async fn a1_back_office_is_for_staff_only(db) {
        let site = Site::new(db).await;
        let lea = site.person("lea@example.fr", &[]).await;
        open_shop(&site, &lea, "Chez Léa").await;
        new_piece(&site, &lea, "Veste en tweed brouillon").await;
        let buyer = site.person("bob@example.fr", &[]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let workshop = site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        let not_found = i18n::t(Language::Fr, "error-404-title");

        // Nobody signed in: sign in first, then come back.
        let anonymous = site.get("", "/back-office/users").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Fback-office%2Fusers");

        // A buyer or a seller: the back office does not exist for them.
        for cookie in [&buyer.cookie, &lea.cookie] {
            for path in ["/back-office", "/back-office/pieces", "/back-office/users", "/back-office/staff", "/back-office/clock"] {
                let page = site.get(cookie, path).await.expect(404);
                assert!(page.has(&not_found), "{path}: {}", page.body);
            }
        }
        let refused = site
            .post(&buyer.cookie, &format!("/back-office/users/{}/roles", buyer.user_id), &[("role", "admin"), ("action", "grant")])
            .await
            .expect(404);
        assert!(refused.has(&not_found));
        assert!(accounts::authenticate(&site.app, &buyer.secret).await.unwrap().unwrap().roles.is_empty());

        // Customer service sees every piece, drafts included, and every account…
        let overview = site.get(&support.cookie, "/back-office").await.expect(200);
        assert!(overview.has(r#"href="/back-office/pieces""#) && !overview.has(r#"href="/back-office/clock""#));
        let pieces = site.get(&support.cookie, "/back-office/pieces").await.expect(200);
        assert!(pieces.has("Veste en tweed brouillon") && pieces.has("Chez Léa") && pieces.has("Brouillon"));
        let drafts = site.get(&support.cookie, "/back-office/pieces?state=listed").await.expect(200);
        assert!(!drafts.has("Veste en tweed brouillon"));
        let users = site.get(&support.cookie, "/back-office/users?q=bob").await.expect(200);
        assert!(users.has("bob@example.fr") && !users.has("lea@example.fr"));
        let bob = site.get(&support.cookie, &format!("/back-office/users/{}", buyer.user_id)).await.expect(200);
        assert!(bob.has("bob@example.fr") && !bob.has("/roles\""), "no role form for customer service");
        // …but neither the staff list, the clock, nor role changes.
        site.get(&support.cookie, "/back-office/staff").await.expect(404);
        site.get(&support.cookie, "/back-office/clock").await.expect(404);
        site.post(&support.cookie, &format!("/back-office/users/{}/roles", buyer.user_id), &[("role", "admin"), ("action", "grant")])
            .await
            .expect(404);
        site.post(&support.cookie, &format!("/back-office/users/{}/disable", buyer.user_id), &[]).await.expect(404);
        let bob_now = accounts::authenticate(&site.app, &buyer.secret).await.unwrap().unwrap();
        assert!(bob_now.roles.is_empty());

        // Workshop staff reach the back office but not the pieces or accounts.
        site.get(&workshop.cookie, "/back-office").await.expect(200);
        site.get(&workshop.cookie, "/back-office/users").await.expect(404);
    }
);

pepite_testkit::both_backends!(
    async fn a1_admin_grants_role_on_user_page(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let bob = site.person("bob@example.fr", &[]).await;
        let page = format!("/back-office/users/{}", bob.user_id);

        let detail = site.get(&admin.cookie, &page).await.expect(200);
        assert!(detail.has("Attribuer") && detail.has("Service client"));
        let granted = site
            .post(&admin.cookie, &format!("{page}/roles"), &[("role", "customer_service"), ("action", "grant")])
            .await
            .expect(303);
        assert_eq!(granted.location(), format!("{page}?done=granted"));
        let who = accounts::authenticate(&site.app, &bob.secret).await.unwrap().unwrap();
        assert_eq!(who.roles, vec![Role::CustomerService]);
        let shown = site.get(&admin.cookie, granted.location()).await.expect(200);
        assert!(shown.has("Rôle attribué.") && shown.has("Retirer"));
        let staff = site.get(&admin.cookie, "/back-office/staff").await.expect(200);
        assert!(staff.has("bob@example.fr") && staff.has("admin@pepite.fr"));

        // The last admin cannot be removed: a clear message, and nothing changes.
        let own = format!("/back-office/users/{}/roles", admin.user_id);
        let last = site.post(&admin.in_english(), &own, &[("role", "admin"), ("action", "revoke")]).await.expect(409);
        assert!(last.has("This is the last administrator"), "{}", last.body);
        let me = accounts::authenticate(&site.app, &admin.secret).await.unwrap().unwrap();
        assert!(me.roles.contains(&Role::Admin));
        let myself = site.post(&admin.cookie, &format!("/back-office/users/{}/disable", admin.user_id), &[]).await.expect(409);
        assert!(myself.has("Vous ne pouvez pas désactiver votre propre compte."));

        let revoked = site
            .post(&admin.cookie, &format!("{page}/roles"), &[("role", "customer_service"), ("action", "revoke")])
            .await
            .expect(303);
        assert_eq!(revoked.location(), format!("{page}?done=revoked"));
        site.post(&admin.cookie, &format!("{page}/roles"), &[("role", "emperor"), ("action", "grant")]).await.expect(400);
        site.post(&admin.cookie, &format!("{page}/disable"), &[]).await.expect(303);
        assert!(accounts::authenticate(&site.app, &bob.secret).await.unwrap().is_none(), "signed out");
        let disabled = site.get(&admin.cookie, &format!("{page}?done=disabled")).await.expect(200);
        assert!(disabled.has("Compte désactivé.") && disabled.has("Réactiver ce compte"));
    }
);

pepite_testkit::both_backends!(
    async fn clock_page_advances_manual_clock(db) {
        let site = Site::new(db.clone()).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;

        let page = site.get(&admin.cookie, "/back-office/clock").await.expect(200);
        assert!(page.has("Manuelle") && page.has(r#"type="datetime-local""#));
        let before = site.app.now_us().await.unwrap();
        let moved = site
            .post(&admin.cookie, "/back-office/clock/advance", &[("amount", "3"), ("unit", "days")])
            .await
            .expect(303);
        assert_eq!(moved.location(), "/back-office/clock?done=advanced");
        assert_eq!(site.app.now_us().await.unwrap() - before, 3 * DAY_US);

        // Typed in Paris time, shown back in Paris time. (Sessions last 30 days of clock
        // time, so the test stays within them.)
        let paris = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
        let later = jiff::Timestamp::from_microsecond(before + 5 * DAY_US).unwrap().to_zoned(paris.clone());
        let typed = later.strftime("%Y-%m-%dT%H:%M").to_string();
        site.post(&admin.cookie, "/back-office/clock/set", &[("at", typed.as_str())]).await.expect(303);
        let civil: jiff::civil::DateTime = typed.parse().unwrap();
        let expected = civil.to_zoned(paris).unwrap().timestamp().as_microsecond();
        let as_utc = civil.to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_microsecond();
        assert_ne!(expected, as_utc, "read as Paris time, not UTC");
        assert_eq!(site.app.now_us().await.unwrap(), expected);
        let page = site.get(&admin.cookie, "/back-office/clock?done=set").await.expect(200);
        let shown = format!("{}, {}", i18n::date(Language::Fr, expected), later.strftime("%H:%M"));
        assert!(page.has(&shown) && page.has("L’horloge a été réglée."), "{shown}: {}", page.body);

        let bad = site.post(&admin.cookie, "/back-office/clock/advance", &[("amount", "-2"), ("unit", "days")]).await.expect(422);
        assert!(bad.has("Indiquez un nombre entier de 1 à 1000"));
        site.post(&admin.cookie, "/back-office/clock/set", &[("at", "demain")]).await.expect(422);
        assert_eq!(site.app.now_us().await.unwrap(), expected);

        // The system clock cannot be moved, and the page says so.
        let real = Site::with_clock(db, Clock::System).await;
        let page = real.get(&admin.cookie, "/back-office/clock").await.expect(200);
        assert!(page.has("Système") && !page.has(r#"type="datetime-local""#));
        let refused = real
            .post(&admin.cookie, "/back-office/clock/advance", &[("amount", "1"), ("unit", "hours")])
            .await
            .expect(409);
        assert!(refused.has("horloge du système"));
    }
);
