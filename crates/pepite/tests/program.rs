//! The `pepite` program as an operator uses it: serve on an empty folder, health endpoints,
//! metrics on their own address, one process per SQLite file, graceful shutdown, admin and
//! migrate commands, following a password reset in a demo.

mod support;

use support::{Server, run, temp_dir};

#[tokio::test]
async fn serve_creates_its_data_folder_and_answers_health_checks() {
    let dir = temp_dir("serve").join("not-yet-there");
    let metrics_port = pepite_testkit::browser::free_port();
    let metrics_address = format!("127.0.0.1:{metrics_port}");
    let mut server = Server::start(&dir, &["--metrics-listen", &metrics_address]).await;
    assert!(
        dir.join("pepite.db").exists(),
        "SQLite database created in the data folder"
    );
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client
            .get(server.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Item 6: metrics are not public; they have a listening address of their own.
    let public = client.get(server.url("/metrics")).send().await.unwrap();
    assert_eq!(public.status(), 404);
    let metrics = client
        .get(format!("http://{metrics_address}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    assert!(
        server.terminate(),
        "SIGTERM ends the server cleanly; log:\n{}",
        server.output()
    );
}

#[tokio::test]
async fn a_second_process_on_the_same_sqlite_file_is_refused_clearly() {
    let dir = temp_dir("exclusive");
    let _server = Server::start(&dir, &[]).await;
    let (ok, out) = run(&dir, &["migrate"]);
    assert!(!ok, "a second process must not open the same SQLite file");
    assert!(
        out.contains("another Pépite process is already using"),
        "{out}"
    );
}

#[tokio::test]
async fn admin_creates_staff_and_refuses_bad_input() {
    let dir = temp_dir("admin");
    let (ok, out) = run(
        &dir,
        &[
            "admin",
            "create-staff",
            "--email",
            "boss@x.fr",
            "--password",
            "long enough pass",
            "--name",
            "Boss",
            "--role",
            "admin",
        ],
    );
    assert!(ok, "{out}");
    assert!(out.contains("admin"), "{out}");
    let (ok, out) = run(
        &dir,
        &[
            "admin",
            "create-staff",
            "--email",
            "x@y.fr",
            "--password",
            "short",
            "--name",
            "X",
            "--role",
            "admin",
        ],
    );
    assert!(!ok);
    assert!(out.contains("password: too_short"), "{out}");
    let (ok, out) = run(
        &dir,
        &[
            "admin",
            "create-staff",
            "--email",
            "x@y.fr",
            "--password",
            "long enough pass",
            "--name",
            "X",
            "--role",
            "emperor",
        ],
    );
    assert!(!ok);
    assert!(out.contains("unknown role"), "{out}");
    let (ok, out) = run(&dir, &["migrate"]);
    assert!(ok && out.contains("up to date"), "{out}");
}

#[tokio::test]
async fn unsupported_database_urls_are_refused_with_a_message() {
    let dir = temp_dir("badurl");
    let (ok, out) = run(
        &dir,
        &["migrate", "--database-url", "mysql://root@localhost/x"],
    );
    assert!(!ok);
    assert!(out.contains("unsupported database URL"), "{out}");
}

/// Issue 9 item 3: staff never see a live reset link, so a demo without a mail server writes
/// each message's links to the server's log, and a reset is followed from there.
#[tokio::test]
async fn item3_a_demo_reset_is_followed_from_the_log_never_from_the_mailbox() {
    let dir = temp_dir("demo-reset");
    let server = Server::start(&dir, &["--demo"]).await;
    let client = reqwest::Client::new();
    let api = |path: &str| server.url(&format!("/api/v1{path}"));
    let asked = client
        .post(api("/auth/password-reset"))
        .json(&serde_json::json!({"email": "camille@pepite.demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 202);
    let marker = "/account/reset?token=";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let token = loop {
        let log = server.output();
        if let Some((_, rest)) = log.split_once(marker) {
            break rest
                .split(|c: char| c.is_whitespace() || c == '"')
                .next()
                .unwrap()
                .to_owned();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no reset link in the log:\n{log}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };

    // Customer service sees the message, without its link, in the API and the back office.
    let staff = sign_in(&client, &server, "service@pepite.demo", "pepite-demo-2026").await;
    let mailbox: serde_json::Value = client
        .get(api("/staff/notifications?state=sent"))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reset = mailbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "password_reset" && m["to"] == "camille@pepite.demo")
        .unwrap_or_else(|| panic!("the reset in the mailbox: {mailbox}"));
    let page = client
        .get(server.url(&format!("/back-office/mailbox/{}", reset["id"])))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("camille@pepite.demo") && !page.contains(&token),
        "{page}"
    );

    let confirmed = client
        .post(api("/auth/password-reset/confirm"))
        .json(&serde_json::json!({"token": token, "password": "a brand new demo password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        confirmed.status(),
        204,
        "{}",
        confirmed.text().await.unwrap()
    );
    sign_in(
        &client,
        &server,
        "camille@pepite.demo",
        "a brand new demo password",
    )
    .await;
}

/// Signs in through the API and returns the bearer token.
async fn sign_in(client: &reqwest::Client, server: &Server, email: &str, password: &str) -> String {
    let r = client
        .post(server.url("/api/v1/auth/tokens"))
        .json(&serde_json::json!({"email": email, "password": password, "label": "test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{email}");
    let body: serde_json::Value = r.json().await.unwrap();
    body["token"].as_str().unwrap().to_owned()
}
