//! The `pepite` program as an operator uses it: serve on an empty folder, health endpoints,
//! one process per SQLite file, graceful shutdown, admin and migrate commands.

mod support;

use support::{Server, run, temp_dir};

#[tokio::test]
async fn serve_creates_its_data_folder_and_answers_health_checks() {
    let dir = temp_dir("serve").join("not-yet-there");
    let mut server = Server::start(&dir, &[]).await;
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
    let metrics = client
        .get(server.url("/metrics"))
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
