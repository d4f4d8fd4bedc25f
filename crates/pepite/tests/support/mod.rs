//! Runs the real `pepite` program as a separate process on a free port, for tests that need a
//! running server (process lifecycle, browser journeys).

#![allow(dead_code)]

pub mod look;
pub mod steps;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `pepite serve` process, killed when dropped.
pub struct Server {
    pub port: u16,
    pub child: Child,
    pub data_dir: PathBuf,
    pub log: PathBuf,
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "pepite-{name}-{}-{}",
        std::process::id(),
        pepite_testkit::browser::free_port()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// E2: every notification queued in `db` reaches `smtp` exactly once (each instance's workers
/// may send any of them); returns what arrived.
pub async fn all_mail_once(
    db: &pepite_store::Db,
    smtp: &pepite_testkit::smtp::SmtpServer,
) -> Vec<pepite_testkit::smtp::Received> {
    let queued = pepite_store::notifications::list(db, None, None, None, 10_000)
        .await
        .unwrap();
    let received = smtp.wait_for(queued.len(), Duration::from_secs(60)).await;
    // Give a would-be duplicate time to arrive before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.messages().len(), queued.len(), "no message twice");
    let ids: std::collections::BTreeSet<_> = received.iter().map(|m| &m.message_id).collect();
    assert_eq!(ids.len(), queued.len(), "one message per notification");
    received
}

/// Runs `pepite` with arguments and returns its exit status and combined output.
pub fn run(data_dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pepite"))
        .args(args)
        .env("PEPITE_DATA_DIR", data_dir)
        .env_remove("PEPITE_DATABASE_URL")
        .output()
        .expect("run pepite");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

impl Server {
    /// Starts `pepite serve` with `extra` arguments and waits until `/readyz` answers.
    pub async fn start(data_dir: &Path, extra: &[&str]) -> Server {
        let port = pepite_testkit::browser::free_port();
        let log = std::env::temp_dir().join(format!("pepite-serve-{port}.log"));
        let file = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_pepite"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
            .env("PEPITE_DATA_DIR", data_dir)
            .env_remove("PEPITE_DATABASE_URL")
            .stdout(Stdio::from(file.try_clone().unwrap()))
            .stderr(Stdio::from(file))
            .spawn()
            .expect("start pepite serve");
        let server = Server {
            port,
            child,
            data_dir: data_dir.to_owned(),
            log,
        };
        server.wait_ready().await;
        server
    }

    /// Opens an account through the API and returns a bearer token for it. `forwarded` is the
    /// client address the request claims, one per account so the per-address sign-up
    /// throttle (A2) never trips in a test that opens many.
    pub async fn new_account_token(&self, email: &str, language: &str, forwarded: &str) -> String {
        let client = reqwest::Client::new();
        let password = "a long enough password";
        let r = client
            .post(self.url("/api/v1/accounts"))
            .header("X-Forwarded-For", forwarded)
            .json(&serde_json::json!({"email": email, "password": password,
                "display_name": "Buyer", "language": language, "country": "FR"}))
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success(),
            "sign-up: {}",
            r.text().await.unwrap()
        );
        let r = client
            .post(self.url("/api/v1/auth/tokens"))
            .header("X-Forwarded-For", forwarded)
            .json(&serde_json::json!({"email": email, "password": password, "label": "test"}))
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = r.json().await.unwrap();
        body["token"].as_str().expect("token").to_owned()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        let client = reqwest::Client::new();
        while Instant::now() < deadline {
            if let Ok(r) = client.get(self.url("/readyz")).send().await
                && r.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "pepite serve did not become ready; log:\n{}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    /// Sends SIGTERM and waits for the process to exit; returns whether it exited cleanly.
    pub fn terminate(&mut self) -> bool {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
