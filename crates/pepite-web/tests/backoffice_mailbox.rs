//! The back office's mailbox and jobs (A1, E2): customer service and admins read every
//! message and send a dead one again; admins run a dead job again; nobody else sees either.

mod support;

use pepite_domain::account::Role;
use support::outbox;
use support::sell::Site;

pepite_testkit::both_backends!(
    async fn a1_mailbox_and_jobs_are_for_their_staff_only(db) {
        let site = Site::new(db).await;
        let buyer = site.person("bob@example.fr", &[]).await;
        let workshop = site.person("atelier@pepite.fr", &[Role::Workshop]).await;
        let finance = site.person("compta@pepite.fr", &[Role::Finance]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        outbox::kill_pending(&site.app).await;
        let message = outbox::newest(&site.app, "bob@example.fr", "welcome").await.id;
        let job = outbox::dead_job(&site.app).await;

        let anonymous = site.get("", "/back-office/mailbox").await.expect(303);
        assert_eq!(anonymous.location(), "/sign-in?next=%2Fback-office%2Fmailbox");
        for who in [&buyer, &workshop, &finance] {
            for path in ["/back-office/mailbox".to_owned(), format!("/back-office/mailbox/{message}"), "/back-office/jobs".to_owned()] {
                site.get(&who.cookie, &path).await.expect(404);
            }
            site.post(&who.cookie, &format!("/back-office/mailbox/{message}/retry"), &[]).await.expect(404);
            site.post(&who.cookie, &format!("/back-office/jobs/{job}/retry"), &[]).await.expect(404);
        }
        site.get(&support.cookie, "/back-office/jobs").await.expect(404);
        site.post(&support.cookie, &format!("/back-office/jobs/{job}/retry"), &[]).await.expect(404);
        assert_eq!(outbox::state_of(&site.app, message).await, "dead");
        assert_eq!(outbox::job_state(&site.app, job).await, "dead");

        // Each sees the sections of their roles in the back office's menu.
        let mailbox = site.get(&support.cookie, "/back-office/mailbox").await.expect(200);
        assert!(mailbox.has(r#"href="/back-office/mailbox" aria-current="page""#));
        assert!(!mailbox.has(r#"href="/back-office/jobs""#));
        let jobs = site.get(&admin.cookie, "/back-office/jobs").await.expect(200);
        assert!(jobs.has(r#"href="/back-office/mailbox""#) && jobs.has(r#"href="/back-office/jobs" aria-current="page""#));
        let overview = site.get(&admin.cookie, "/back-office").await.expect(200);
        assert!(overview.has(r#"href="/back-office/mailbox""#) && overview.has(r#"href="/back-office/jobs""#));
    }
);

pepite_testkit::both_backends!(
    async fn e2_a_dead_message_is_read_and_sent_again_from_the_mailbox(db) {
        let site = Site::new(db).await;
        site.person("lea@example.fr", &[]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let secret = outbox::link_token(&site.app, "lea@example.fr", "welcome").await;
        outbox::kill_pending(&site.app).await;
        let id = outbox::newest(&site.app, "lea@example.fr", "welcome").await.id;

        let list = site.get(&support.cookie, "/back-office/mailbox").await.expect(200);
        for text in ["Bienvenue sur Pépite", "lea@example.fr", "Non remis", "template missing", "Bienvenue</td>"] {
            assert!(list.has(text), "{text}: {}", list.body);
        }
        let dead = site.get(&support.cookie, "/back-office/mailbox?state=dead").await.expect(200);
        assert!(dead.has("lea@example.fr") && dead.has(r#"<option value="dead" selected>"#));
        let sent = site.get(&support.cookie, "/back-office/mailbox?state=sent").await.expect(200);
        assert!(!sent.has("lea@example.fr") && sent.has("Aucun message dans cet état."));

        let page = format!("/back-office/mailbox/{id}");
        let detail = site.get(&support.cookie, &page).await.expect(200);
        assert!(detail.has(&format!(r#"action="/back-office/mailbox/{id}/retry""#)));
        assert!(detail.has(r#"sandbox="""#) && detail.has(r#"srcdoc="&#60;!doctype html&#62;"#), "the HTML body, escaped into a sandboxed frame");
        assert!(detail.has("Bonjour lea,") && !detail.has(&secret), "no working link, even for staff");

        let retried = site.post(&support.cookie, &format!("{page}/retry"), &[]).await.expect(303);
        assert_eq!(retried.location(), format!("{page}?done=retried"));
        assert_eq!(outbox::state_of(&site.app, id).await, "pending");
        assert!(site.get(&support.cookie, retried.location()).await.expect(200).has("Message relancé"));
        let twice = site.post(&support.cookie, &format!("{page}/retry"), &[]).await.expect(409);
        assert!(twice.has("Ce n’est plus un échec"));
        site.post(&support.cookie, "/back-office/mailbox/999999/retry", &[]).await.expect(404);

        // Without a mail server, the mailbox is where messages end up, and it says so.
        outbox::deliver(&site.app).await;
        assert_eq!(outbox::state_of(&site.app, id).await, "sent");
        let delivered = site.get(&support.in_english(), &page).await.expect(200);
        assert!(delivered.has("No mail server is configured") && delivered.has("built-in mailbox"), "{}", delivered.body);
        assert!(!delivered.has("/retry"), "only a dead message can be sent again");
        let listed = site.get(&support.cookie, "/back-office/mailbox?state=sent").await.expect(200);
        assert!(listed.has("Aucun serveur de messagerie n’est configuré"));
    }
);

pepite_testkit::both_backends!(
    async fn e2_a_dead_job_is_listed_and_run_again_by_an_admin(db) {
        let site = Site::new(db).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        let job = outbox::dead_job(&site.app).await;

        let page = site.get(&admin.cookie, "/back-office/jobs").await.expect(200);
        for text in ["tests.no_such_handler", "no handler", "1 sur 1", "En échec"] {
            assert!(page.has(text), "{text}: {}", page.body);
        }
        assert!(page.has(&format!(r#"action="/back-office/jobs/{job}/retry""#)));
        let retried = site.post(&admin.cookie, &format!("/back-office/jobs/{job}/retry"), &[]).await.expect(303);
        assert_eq!(retried.location(), "/back-office/jobs?done=retried");
        assert_eq!(outbox::job_state(&site.app, job).await, "queued");
        let after = site.get(&admin.cookie, retried.location()).await.expect(200);
        assert!(after.has("Tâche relancée") && !after.has("tests.no_such_handler"), "no longer dead");
        let twice = site.post(&admin.cookie, &format!("/back-office/jobs/{job}/retry"), &[]).await.expect(409);
        assert!(twice.has("Ce n’est plus un échec"));
        let queued = site.get(&admin.in_english(), "/back-office/jobs?state=queued").await.expect(200);
        assert!(queued.has("tests.no_such_handler") && queued.has("Jobs: Waiting") && !queued.has("/retry\""));
    }
);

pepite_testkit::both_backends!(
    async fn a4_no_staff_role_reads_a_live_secret_in_the_embedded_mailbox(db) {
        let site = Site::new(db).await;
        site.person("lea@example.fr", &[]).await;
        let support = site.person("sav@pepite.fr", &[Role::CustomerService]).await;
        let admin = site.person("admin@pepite.fr", &[Role::Admin]).await;
        pepite_app::account_tokens::request_reset(&site.app, "lea@example.fr").await.unwrap();
        let reset = outbox::link_token(&site.app, "lea@example.fr", "password_reset").await;
        let verify = outbox::link_token(&site.app, "lea@example.fr", "welcome").await;
        let code = "ABCD-EFGH-JKMN-PQRS";
        outbox::queue_gift_card(&site.app, "bob@example.fr", code).await;
        // Without a mail server, the mailbox is the delivery: the messages are "sent" there.
        outbox::deliver(&site.app).await;
        let secrets = [reset.as_str(), verify.as_str(), code, "ABCD", "EFGH"];

        for who in [&support, &admin] {
            let list = site.get(&who.cookie, "/back-office/mailbox").await.expect(200);
            for kind in ["password_reset", "welcome", "gift_card_received"] {
                let to = if kind == "gift_card_received" { "bob@example.fr" } else { "lea@example.fr" };
                let row = outbox::newest(&site.app, to, kind).await;
                assert_eq!((row.state.as_str(), row.via.as_deref()), ("sent", Some("mailbox")));
                let page = site.get(&who.cookie, &format!("/back-office/mailbox/{}", row.id)).await.expect(200);
                for secret in secrets {
                    assert!(!page.has(secret) && !list.has(secret), "{kind} shows {secret} to staff");
                }
                if kind == "gift_card_received" {
                    assert!(page.has("…PQRS"), "the last four symbols tell cards apart: {}", page.body);
                }
                assert!(page.has("Les liens à usage unique et les codes de cartes cadeaux sont masqués ici."));
                // The e-mail's HTML is styled inline; scripts stay forbidden in its frame.
                let policy = page.header(axum::http::header::CONTENT_SECURITY_POLICY);
                assert!(policy.contains("style-src 'self' 'unsafe-inline';") && policy.contains("script-src 'self';"), "{policy}");
            }
        }
    }
);
