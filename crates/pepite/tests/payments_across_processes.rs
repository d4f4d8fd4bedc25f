//! O7/K1/P2 (issue 9 item 1) through the real program: the sandbox provider keeps its books
//! in the database, so checkout works after a restart on the same data (SQLite and
//! PostgreSQL), two instances on one PostgreSQL database share payments (checkout, 3-D Secure
//! begun on one and finished on the other, gift cards, races), and a process killed during
//! checkouts leaves a balanced ledger, no piece paid twice and no piece held for ever.

mod support;

use std::time::Duration;

use pepite_store::Db;
use pepite_store::commerce::{ledger, orders};
use serde_json::{Value, json};
use support::{Server, run, temp_dir};

const CARD_OK: &str = "4242424242424242";
const CARD_3DS: &str = "4000002500003155";

/// A buyer's API token, signed up through `server` from an address of their own.
async fn buyer(server: &Server, n: usize) -> String {
    let forwarded = format!("10.9.{}.{}", n / 250, n % 250);
    server
        .new_account_token(&format!("payer{n}@x.fr"), "fr", &forwarded)
        .await
}

/// Puts `piece` in the cart and pays it with `card` through the server at `base`:
/// (status, body), or the transport error (the server may be killed meanwhile).
async fn try_buy(
    base: &str,
    token: &str,
    piece: i64,
    key: &str,
    card: &str,
) -> Result<(u16, Value), reqwest::Error> {
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{base}/api/v1/cart/lines"))
        .bearer_auth(token)
        .json(&json!({"piece_id": piece}))
        .send()
        .await?;
    if !r.status().is_success() {
        return Ok((r.status().as_u16(), r.json().await.unwrap_or_default()));
    }
    checkout(base, token, key, card).await
}

/// Pays for the cart of `token` by card through the instance at `base`.
async fn checkout(
    base: &str,
    token: &str,
    key: &str,
    card: &str,
) -> Result<(u16, Value), reqwest::Error> {
    let client = reqwest::Client::new();
    let address = json!({"full_name": "Payer", "line1": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR"});
    let r = client.post(format!("{base}/api/v1/checkout")).bearer_auth(token).header("Idempotency-Key", key)
        .json(&json!({"mode": "direct", "billing": address, "delivery": address, "method": "card", "token": card}))
        .send().await?;
    let status = r.status().as_u16();
    Ok((status, r.json().await.unwrap_or_default()))
}

async fn buy(server: &Server, token: &str, piece: i64, key: &str, card: &str) -> (u16, Value) {
    try_buy(&server.url(""), token, piece, key, card)
        .await
        .unwrap()
}

fn paid((status, body): &(u16, Value)) -> bool {
    matches!(status, 200 | 201) && body["status"] == "paid"
}

/// Listed pieces of the demo data, read through a handle that is closed again (a SQLite file
/// admits one process).
async fn listed_pieces(url: &str) -> Vec<i64> {
    let db = Db::connect(url).await.unwrap();
    let pieces = pepite_store::catalog::all(&db, Some("listed"), None, 100)
        .await
        .unwrap();
    db.close().await;
    pieces.into_iter().map(|p| p.id).collect()
}

async fn ledger_is_balanced(db: &Db) {
    let (total, unbalanced) = ledger::audit(db).await.unwrap();
    assert_eq!((total, unbalanced), (0, 0), "P2: the ledger balances");
}

async fn paid_orders_with(db: &Db, piece: i64) -> usize {
    let filter = orders::OrderFilter {
        piece_id: Some(piece),
        state: Some("paid".into()),
        ..Default::default()
    };
    orders::list(db, &filter, None, 10).await.unwrap().len()
}

/// Checkout, stop the program, start it again on the same data, checkout again: both paid.
async fn checkout_survives_a_restart(data: &std::path::Path, url: &str, args: &[&str]) {
    let (ok, out) = run(data, &[&["demo", "--pieces", "12"], args].concat());
    assert!(ok, "demo data: {out}");
    let pieces = listed_pieces(url).await;
    let mut server = Server::start(data, &[&["--trust-proxy"], args].concat()).await;
    let first = buyer(&server, 0).await;
    let before = buy(&server, &first, pieces[0], "before", CARD_OK).await;
    assert!(paid(&before), "{before:?}");
    assert!(server.terminate(), "stopped cleanly: {}", server.output());
    drop(server);

    let server = Server::start(data, &[&["--trust-proxy"], args].concat()).await;
    let second = buyer(&server, 1).await;
    let after = buy(&server, &second, pieces[1], "after", CARD_OK).await;
    assert!(
        paid(&after),
        "O7: a restart does not stop payments: {after:?}\n{}",
        server.output()
    );
    let waiting = buy(&server, &first, pieces[2], "3ds", CARD_3DS).await;
    assert_eq!(waiting.1["status"], "action_required", "{waiting:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o7_checkout_after_a_restart_of_the_program_on_sqlite() {
    let data = temp_dir("restart-sqlite");
    let url = format!("sqlite://{}", data.join("pepite.db").display());
    checkout_survives_a_restart(&data, &url, &[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o7_checkout_after_a_restart_of_the_program_on_postgres() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("restart-postgres");
    checkout_survives_a_restart(&data, &url, &["--database-url", &url]).await;
    ledger_is_balanced(&test_db.db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o7_k1_two_instances_share_the_sandbox_checkout_3ds_gift_cards_and_races() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("two-instances-pay");
    let (ok, out) = run(&data, &["demo", "--pieces", "12", "--database-url", &url]);
    assert!(ok, "demo data: {out}");
    let pieces = listed_pieces(&url).await;
    let args = ["--database-url", url.as_str(), "--trust-proxy"];
    let (a, b) = (
        Server::start(&data, &args).await,
        Server::start(&data, &args).await,
    );

    // Each instance takes a payment: their references no longer collide.
    let (x, y) = (buyer(&a, 0).await, buyer(&b, 1).await);
    assert!(paid(&buy(&a, &x, pieces[0], "a", CARD_OK).await));
    let on_b = buy(&b, &y, pieces[1], "b", CARD_OK).await;
    assert!(
        paid(&on_b),
        "the second instance takes payments too: {on_b:?}"
    );

    // 3-D Secure begun on A is answered and finished on B.
    let z = buyer(&a, 2).await;
    let (_, waiting) = buy(&a, &z, pieces[2], "3ds", CARD_3DS).await;
    let redirect = waiting["redirect_url"]
        .as_str()
        .expect("action required")
        .to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let decided = client
        .post(b.url(&redirect))
        .form(&[("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 303, "{}", decided.text().await.unwrap());
    let resume = format!("/api/v1/orders/{}/payment/resume", waiting["order_id"]);
    let resumed: Value = client
        .post(b.url(&resume))
        .bearer_auth(&z)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resumed["status"], "paid", "{resumed}");

    // Gift cards are bought through either instance.
    for (server, token, key) in [(&a, &x, "gift-a"), (&b, &y, "gift-b")] {
        let r = client.post(server.url("/api/v1/gift-cards")).bearer_auth(token).header("Idempotency-Key", key)
            .json(&json!({"amount_cents": 5_000, "recipient_name": "Inès", "message": "Bon anniversaire", "token": CARD_OK}))
            .send().await.unwrap();
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            (status, body["status"].as_str()),
            (201, Some("paid")),
            "{body}"
        );
    }

    // K1: a race for one piece through both instances: one wins, the others are told it is
    // gone (never a 500), and the piece is sold, not stuck.
    // Every racer has the piece in their cart before any of them pays.
    let mut racers = Vec::new();
    for i in 0..8 {
        let server = if i % 2 == 0 { &a } else { &b };
        let token = buyer(server, 10 + i).await;
        let added = client
            .post(server.url("/api/v1/cart/lines"))
            .bearer_auth(&token)
            .json(&json!({"piece_id": pieces[3]}))
            .send()
            .await
            .unwrap();
        assert!(
            added.status().is_success(),
            "{}",
            added.text().await.unwrap()
        );
        racers.push(token);
    }
    let mut tasks = Vec::new();
    for (i, token) in racers.into_iter().enumerate() {
        let server_url = if i % 2 == 0 { a.url("") } else { b.url("") };
        tasks.push(tokio::spawn(async move {
            checkout(&server_url, &token, &format!("race-{i}"), CARD_OK)
                .await
                .unwrap()
        }));
    }
    let (mut won, mut gone) = (0, 0);
    for t in tasks {
        let answer = t.await.unwrap();
        match answer {
            _ if paid(&answer) => won += 1,
            (409, ref body) if body["code"] == "pieces_gone" => gone += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!((won, gone), (1, 7));
    assert_eq!(paid_orders_with(&test_db.db, pieces[3]).await, 1);
    let sold = pepite_store::catalog::by_id(&test_db.db, pieces[3])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sold.state, "sold");
    ledger_is_balanced(&test_db.db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o7_p2_a_process_killed_during_checkouts_leaves_the_books_right_and_no_piece_stuck() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("crash-pay");
    let (ok, out) = run(&data, &["demo", "--pieces", "24", "--database-url", &url]);
    assert!(ok, "demo data: {out}");
    let pieces = listed_pieces(&url).await;
    let args = [
        "--database-url",
        url.as_str(),
        "--trust-proxy",
        "--clock",
        "manual",
    ];
    let mut server = Server::start(&data, &args).await;
    let mut tokens = Vec::new();
    for i in 0..12 {
        tokens.push(buyer(&server, i).await);
    }
    // Half pay at once, half are left waiting for 3-D Secure (their pieces held); the process
    // is killed while they run.
    let base = server.url("");
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let (base, token, piece) = (base.clone(), token.clone(), pieces[i]);
        let card = if i % 2 == 0 { CARD_OK } else { CARD_3DS };
        tasks.push(tokio::spawn(async move {
            let _ = try_buy(&base, &token, piece, &format!("crash-{i}"), card).await;
        }));
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    drop(server);

    let server = Server::start(&data, &args).await;
    ledger_is_balanced(&test_db.db).await;
    for piece in &pieces[..12] {
        assert!(
            paid_orders_with(&test_db.db, *piece).await <= 1,
            "piece {piece} paid twice"
        );
    }
    // Once the holds lapse every piece not sold can be bought again.
    let hold_us = pepite_domain::policy::Policy::marketplace().hold_minutes * 60_000_000;
    pepite_store::clock::advance(&test_db.db, hold_us + 1_000_000)
        .await
        .unwrap();
    let late = buyer(&server, 50).await;
    let mut bought = 0;
    for (i, piece) in pieces[..12].iter().enumerate() {
        let row = pepite_store::catalog::by_id(&test_db.db, *piece)
            .await
            .unwrap()
            .unwrap();
        if row.state == "sold" {
            continue;
        }
        let answer = buy(&server, &late, *piece, &format!("after-{i}"), CARD_OK).await;
        assert!(paid(&answer), "piece {piece} is buyable again: {answer:?}");
        bought += 1;
    }
    assert!(
        bought >= 6,
        "the 3-D Secure holds lapsed: {bought} bought again"
    );
    for piece in &pieces[..12] {
        assert_eq!(
            paid_orders_with(&test_db.db, *piece).await,
            1,
            "piece {piece}"
        );
    }
    ledger_is_balanced(&test_db.db).await;
}
