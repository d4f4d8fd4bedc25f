//! N4/E2 across processes: two `pepite serve` instances on one PostgreSQL database and a
//! shared manual clock. When the clock passes the offers' answer deadline, both instances'
//! workers see the same due work; every buyer is told once that their offer expired.

mod support;

use std::sync::Arc;

use pepite_app::accounts::Principal;
use pepite_app::{App, Clock, LocalFiles, offers};
use pepite_domain::account::Language;
use pepite_domain::policy::Policy;
use support::{Server, run, temp_dir};

const BUYERS: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn n4_e2_two_server_processes_send_each_timer_notice_once() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let Some(smtp) = pepite_testkit::smtp::SmtpServer::start().await else {
        return;
    };
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("two-instances-timers");
    let (ok, out) = run(&data, &["demo", "--pieces", "12", "--database-url", &url]);
    assert!(ok, "demo data: {out}");
    // The buyers' offers are made through the use cases on the same database and clock.
    let app = App::new(
        test_db.db.clone(),
        Clock::Manual,
        Arc::new(LocalFiles::new(data.join("files"))),
        Policy::marketplace(),
        Arc::new(pepite_payments::Sandbox::new(test_db.db.clone())),
    );
    let listed = pepite_store::catalog::all(&app.db, Some("listed"), None, 1)
        .await
        .unwrap();
    let piece = &listed[0];
    for i in 0..BUYERS {
        let buyer = buyer(&app, i).await;
        let amount = piece.price_cents * 80 / 100;
        offers::make(&app, &buyer, piece.id, amount).await.unwrap();
    }
    let smtp_url = smtp.url();
    let args = [
        "--database-url",
        url.as_str(),
        "--clock",
        "manual",
        "--smtp-url",
        smtp_url.as_str(),
    ];
    let _servers = [
        Server::start(&data, &args).await,
        Server::start(&data, &args).await,
    ];
    pepite_store::clock::advance(&app.db, 24 * 3_600_000_000)
        .await
        .unwrap();
    // Both instances poll; wait until the expiries are queued, then count what arrives.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while expired(&app).await < BUYERS {
        assert!(
            std::time::Instant::now() < deadline,
            "the offers never expired"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let received = support::all_mail_once(&app.db, &smtp).await;
    let told = received
        .iter()
        .filter(|m| m.subject.contains("a expiré"))
        .count();
    assert_eq!(
        told, BUYERS,
        "each buyer told once that their offer expired"
    );
}

async fn expired(app: &App) -> usize {
    pepite_store::notifications::list(&app.db, None, None, None, 10_000)
        .await
        .unwrap()
        .iter()
        .filter(|n| n.kind == "offer_expired")
        .count()
}

/// A buyer written straight to the store (no password needed: nobody signs in).
async fn buyer(app: &App, i: usize) -> Principal {
    let email = format!("offerer{i}@x.fr");
    let mut tx = app.db.begin().await.unwrap();
    let user = pepite_store::accounts::NewUser {
        email: &email,
        password_hash: "unused",
        display_name: "Offerer",
        language: "fr",
        country: "FR",
        birth_date: None,
        now: app.now_us().await.unwrap(),
    };
    let id = pepite_store::accounts::insert(&mut tx, &user)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    Principal {
        user_id: id,
        email,
        display_name: "Offerer".into(),
        language: Language::Fr,
        roles: vec![],
        seller_id: None,
    }
}
