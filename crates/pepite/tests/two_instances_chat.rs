//! S1 across processes: two `pepite serve` instances on one PostgreSQL database. A chat open
//! on one instance receives, at once, a message written through the other (LISTEN/NOTIFY), and
//! an instance with a chat still open stops cleanly when asked to.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{Server, temp_dir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s1_a_message_written_on_one_instance_reaches_the_chat_open_on_the_other() {
    let Some(test_db) = pepite_testkit::postgres().await else {
        return;
    };
    let url = test_db.postgres_url().unwrap();
    let data = temp_dir("two-instances-chat");
    let args = ["--database-url", url.as_str(), "--no-workers"];
    let (one, mut two) = (
        Server::start(&data, &args).await,
        Server::start(&data, &args).await,
    );
    let token = one
        .new_account_token("camille@x.fr", "fr", "10.0.0.1")
        .await;
    let client = reqwest::Client::new();
    let opened: serde_json::Value = client
        .post(one.url("/api/v1/support/conversations"))
        .bearer_auth(&token)
        .json(&json!({"body": "Bonjour, une question"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = opened["conversation"]["id"].as_i64().expect("conversation");
    let last = opened["messages"][0]["id"].as_i64().unwrap();
    // The chat is open on the second instance.
    let mut feed = client
        .get(two.url(&format!("/support/conversations/{id}/events?after={last}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    let sent = Instant::now();
    let r = client
        .post(one.url(&format!("/api/v1/support/conversations/{id}/messages")))
        .bearer_auth(&token)
        .json(&json!({"body": "Écrit sur la première instance"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let mut seen = String::new();
    while !seen.contains("Écrit sur la première instance") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), feed.chunk())
            .await
            .expect("the message crossed within 5 s")
            .unwrap()
            .expect("the feed stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    // Well under the feed's 30-second fallback poll: it was the notification.
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    // A chat still open does not hold the second instance when it is told to stop.
    assert!(two.terminate(), "{}", two.output());
}
