//! K1/O7/E2 across processes: two `pepite serve` instances, workers included, on one
//! PostgreSQL database and one SMTP server; many buyers paying for the same piece through
//! both at once. The database decides: one paid order, everyone else told the piece is gone,
//! the ledger balanced, and every message sent exactly once, in its reader's language.

mod support;

use serde_json::json;
use support::{Server, run, temp_dir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn k1_e2_two_server_processes_on_one_postgres_sell_a_piece_once_and_mail_once() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let Some(smtp) = pepite_testkit::smtp::SmtpServer::start().await else {
        return;
    };
    let smtp_url = smtp.url();
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("two-instances");
    let (ok, out) = run(&data, &["demo", "--pieces", "12", "--database-url", &url]);
    assert!(ok, "demo data: {out}");
    let listed = pepite_store::catalog::all(&test_db.db, Some("listed"), None, 1)
        .await
        .unwrap();
    let piece = listed[0].id;

    let args = [
        "--database-url",
        url.as_str(),
        "--trust-proxy",
        "--smtp-url",
        smtp_url.as_str(),
    ];
    let servers = [
        Server::start(&data, &args).await,
        Server::start(&data, &args).await,
    ];
    let client = reqwest::Client::new();
    let buyers = 40;
    let mut tokens = Vec::new();
    for i in 0..buyers {
        let server = &servers[i % 2];
        let forwarded = format!("10.0.{}.{}", i / 250, i % 250);
        let language = if i % 2 == 0 { "fr" } else { "en" };
        let token = server
            .new_account_token(&format!("racer{i}@x.fr"), language, &forwarded)
            .await;
        let r = client
            .post(server.url("/api/v1/cart/lines"))
            .bearer_auth(&token)
            .json(&json!({"piece_id": piece}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "cart: {}", r.text().await.unwrap());
        tokens.push(token);
    }
    let address = json!({"full_name": "Racer", "line1": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR"});
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let url = servers[i % 2].url("/api/v1/checkout");
        let (client, address) = (client.clone(), address.clone());
        tasks.push(tokio::spawn(async move {
            let r = client.post(url).bearer_auth(&token).header("Idempotency-Key", format!("race-{i}"))
                .json(&json!({"mode": "direct", "billing": address, "delivery": address, "method": "card", "token": "4242424242424242"}))
                .send().await.unwrap();
            let status = r.status().as_u16();
            let body: serde_json::Value = r.json().await.unwrap_or_default();
            (status, body)
        }));
    }
    let (mut paid, mut gone) = (0, 0);
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            201 | 200 if body["status"] == "paid" => paid += 1,
            409 if body["code"] == "pieces_gone" => gone += 1,
            _ => panic!("unexpected answer {status}: {body}"),
        }
    }
    assert_eq!((paid, gone), (1, buyers - 1));
    let orders: i64 = paid_orders_with(&test_db.db, piece).await;
    assert_eq!(orders, 1, "one paid order holds the piece");
    let (total, unbalanced) = pepite_store::commerce::ledger::audit(&test_db.db)
        .await
        .unwrap();
    assert_eq!((total, unbalanced), (0, 0));
    each_message_arrives_once(&test_db.db, &smtp).await;
}

/// E2: every queued notification reaches the SMTP server once, whichever instance sent it;
/// welcomes are in each racer's language.
async fn each_message_arrives_once(db: &pepite_store::Db, smtp: &pepite_testkit::smtp::SmtpServer) {
    let queued = pepite_store::notifications::list(db, None, None, None, 1000)
        .await
        .unwrap();
    assert!(queued.iter().any(|n| n.kind == "order_confirmed"));
    assert!(queued.iter().any(|n| n.kind == "new_order"));
    let received = support::all_mail_once(db, smtp).await;
    let subject_of = |to: &str| {
        let m = received
            .iter()
            .find(|m| m.to.iter().any(|t| t == to))
            .unwrap();
        m.subject.clone()
    };
    assert_eq!(subject_of("racer0@x.fr"), "Bienvenue sur Pépite");
    assert_eq!(subject_of("racer1@x.fr"), "Welcome to Pépite");
}

/// Paid orders containing `piece`.
async fn paid_orders_with(db: &pepite_store::Db, piece: i64) -> i64 {
    let filter = pepite_store::commerce::orders::OrderFilter {
        piece_id: Some(piece),
        state: Some("paid".into()),
        ..Default::default()
    };
    pepite_store::commerce::orders::list(db, &filter, None, 10)
        .await
        .unwrap()
        .len() as i64
}
