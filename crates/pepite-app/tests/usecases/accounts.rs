//! Account use cases (A1, A2, A4): sign-up, throttled sign-in, sessions, roles.

use crate::support::*;
use pepite_app::AppError;
use pepite_app::accounts::{self, SessionKind};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;

both_backends!(
    async fn a1_sign_up_refuses_a_taken_email_on_the_field(db) {
        let app = app(db);
        accounts::sign_up(&app, &sign_up_input("lea@x.fr"), "192.0.2.1").await.unwrap();
        match accounts::sign_up(&app, &sign_up_input(" LEA@x.fr "), "192.0.2.1").await {
            Err(AppError::Invalid(f)) => assert_eq!((f.0[0].field.as_str(), f.0[0].code), ("email", "taken")),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
);

both_backends!(
    async fn a2_session_secret_authenticates_until_sign_out(db) {
        let app = app(db);
        accounts::sign_up(&app, &sign_up_input("lea@x.fr"), "192.0.2.1").await.unwrap();
        let (secret, who) =
            accounts::sign_in(&app, "Lea@X.fr", "a long enough password", "1.2.3.4", SessionKind::Api, "cli")
                .await
                .unwrap();
        let found = accounts::authenticate(&app, &secret.0).await.unwrap().unwrap();
        assert_eq!(found.user_id, who.user_id);
        assert!(accounts::authenticate(&app, "forged").await.unwrap().is_none());
        accounts::sign_out(&app, &secret.0).await.unwrap();
        assert!(accounts::authenticate(&app, &secret.0).await.unwrap().is_none());
    }
);

both_backends!(
    async fn sign_in_attempts_are_limited_per_account(db) {
        let app = app(db);
        accounts::sign_up(&app, &sign_up_input("lea@x.fr"), "192.0.2.1").await.unwrap();
        for _ in 0..app.policy_now().await.unwrap().signin_attempts_per_account {
            let r = accounts::sign_in(&app, "lea@x.fr", "wrong password!", "1.2.3.4", SessionKind::Browser, "").await;
            assert!(matches!(r, Err(AppError::Unauthenticated)));
        }
        // Even the right password is refused now, until the window ends.
        let r = accounts::sign_in(&app, "lea@x.fr", "a long enough password", "5.6.7.8", SessionKind::Browser, "").await;
        assert!(matches!(r, Err(AppError::Throttled { retry_after_s }) if retry_after_s > 0));
        pepite_store::clock::advance(&app.db, app.policy_now().await.unwrap().signin_window_minutes * 60_000_000).await.unwrap();
        let r = accounts::sign_in(&app, "lea@x.fr", "a long enough password", "5.6.7.8", SessionKind::Browser, "").await;
        assert!(r.is_ok(), "a new window lets the person in");
    }
);

both_backends!(
    async fn a1_admin_manages_roles_and_the_last_admin_stays(db) {
        let app = app(db);
        let admin_id = accounts::create_staff(&app, &sign_up_input("boss@x.fr"), &[Role::Admin]).await.unwrap();
        let (_, admin) =
            accounts::sign_in(&app, "boss@x.fr", "a long enough password", "1.1.1.1", SessionKind::Browser, "")
                .await
                .unwrap();
        assert_eq!(admin.user_id, admin_id);
        let clerk = person(&app, "clerk@x.fr").await;
        assert!(matches!(accounts::staff(&app, &clerk).await, Err(AppError::Forbidden)));
        accounts::grant_role(&app, &admin, clerk.user_id, Role::Finance).await.unwrap();
        let (_, roles) = accounts::user_detail(&app, &admin, clerk.user_id).await.unwrap();
        assert_eq!(roles, vec![Role::Finance]);
        let refused = accounts::revoke_role(&app, &admin, admin.user_id, Role::Admin).await;
        assert!(matches!(refused, Err(AppError::Conflict("last_admin"))));
        accounts::set_disabled(&app, &admin, clerk.user_id, true).await.unwrap();
        let r = accounts::sign_in(&app, "clerk@x.fr", "a long enough password", "2.2.2.2", SessionKind::Browser, "").await;
        assert!(matches!(r, Err(AppError::Unauthenticated)), "a disabled account cannot sign in");
    }
);

both_backends!(
    async fn item4_sign_ups_are_limited_per_network_address(db) {
        let app = app(db);
        let limit = pepite_app::throttle::SIGN_UPS_PER_ADDRESS.attempts;
        for i in 0..limit {
            accounts::sign_up(&app, &sign_up_input(&format!("p{i}@x.fr")), "198.51.100.7").await.unwrap();
        }
        let refused = accounts::sign_up(&app, &sign_up_input("one-more@x.fr"), "198.51.100.7").await;
        assert!(matches!(refused, Err(AppError::Throttled { retry_after_s }) if retry_after_s > 0), "{refused:?}");
        assert!(pepite_store::accounts::by_email(&app.db, "one-more@x.fr").await.unwrap().is_none(), "nothing written");
        accounts::sign_up(&app, &sign_up_input("elsewhere@x.fr"), "198.51.100.8").await.unwrap();
    }
);

both_backends!(
    async fn item4_the_current_password_check_counts_as_a_sign_in_attempt(db) {
        let app = app(db);
        let who = person(&app, "lea@x.fr").await;
        for _ in 0..app.policy_now().await.unwrap().signin_attempts_per_account {
            let wrong = accounts::change_password(&app, &who, "not my password", "a brand new password").await;
            assert!(matches!(wrong, Err(AppError::Invalid(_))), "{wrong:?}");
        }
        // A stolen session cannot guess on: neither here nor at sign-in, even with the right one.
        let right = accounts::change_password(&app, &who, "a long enough password", "a brand new password").await;
        assert!(matches!(right, Err(AppError::Throttled { .. })), "{right:?}");
        let signin = accounts::sign_in(&app, "lea@x.fr", "a long enough password", "5.6.7.8", SessionKind::Browser, "").await;
        assert!(matches!(signin, Err(AppError::Throttled { .. })));
        pepite_store::clock::advance(&app.db, app.policy_now().await.unwrap().signin_window_minutes * 60_000_000).await.unwrap();
        accounts::change_password(&app, &who, "a long enough password", "a brand new password").await.unwrap();
    }
);

both_backends!(
    async fn item4_password_hashing_is_bounded_and_says_busy_beyond_its_waiting_line(db) {
        // Two hashes at once and two more waiting: eight at once all get through in turn.
        let app = app(db).with_hashing(pepite_app::passwords::Hashing::new(2, 6));
        let burst = |app: &pepite_app::App| {
            let tasks: Vec<_> = (0..8)
                .map(|i| {
                    let app = app.clone();
                    tokio::spawn(async move { pepite_app::passwords::hash(&app, format!("password number {i}")).await })
                })
                .collect();
            async move {
                let mut out = Vec::new();
                for t in tasks {
                    out.push(t.await.unwrap());
                }
                out
            }
        };
        assert!(burst(&app).await.iter().all(|r| r.is_ok()), "within the line, everyone waits their turn");
        // One at a time and nobody waiting: the rest of a burst is turned away at once.
        let app = app.with_hashing(pepite_app::passwords::Hashing::new(1, 0));
        let outcomes = burst(&app).await;
        let busy = outcomes.iter().filter(|r| matches!(r, Err(AppError::Busy { retry_after_s: 1 }))).count();
        let done = outcomes.iter().filter(|r| r.is_ok()).count();
        assert_eq!(busy + done, 8, "{outcomes:?}");
        assert!(busy >= 1 && done >= 1, "{outcomes:?}");
    }
);
