//! Account use cases (A1, A2, A4): sign-up, throttled sign-in, sessions, roles.

use crate::support::*;
use pepite_app::AppError;
use pepite_app::accounts::{self, SessionKind};
use pepite_domain::account::Role;
use pepite_testkit::both_backends;

both_backends!(
    async fn a1_sign_up_refuses_a_taken_email_on_the_field(db) {
        let app = app(db);
        accounts::sign_up(&app, &sign_up_input("lea@x.fr")).await.unwrap();
        match accounts::sign_up(&app, &sign_up_input(" LEA@x.fr ")).await {
            Err(AppError::Invalid(f)) => assert_eq!((f.0[0].field.as_str(), f.0[0].code), ("email", "taken")),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
);

both_backends!(
    async fn a2_session_secret_authenticates_until_sign_out(db) {
        let app = app(db);
        accounts::sign_up(&app, &sign_up_input("lea@x.fr")).await.unwrap();
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
        accounts::sign_up(&app, &sign_up_input("lea@x.fr")).await.unwrap();
        for _ in 0..app.policy.signin_attempts_per_account {
            let r = accounts::sign_in(&app, "lea@x.fr", "wrong password!", "1.2.3.4", SessionKind::Browser, "").await;
            assert!(matches!(r, Err(AppError::Unauthenticated)));
        }
        // Even the right password is refused now, until the window ends.
        let r = accounts::sign_in(&app, "lea@x.fr", "a long enough password", "5.6.7.8", SessionKind::Browser, "").await;
        assert!(matches!(r, Err(AppError::Throttled { retry_after_s }) if retry_after_s > 0));
        pepite_store::clock::advance(&app.db, app.policy.signin_window_minutes * 60_000_000).await.unwrap();
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
