//! The SMTP adapter against a scripted peer on loopback, for the replies a real server is hard
//! to make give: 4xx, 5xx, refused credentials, and silence.

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use super::*;

/// Answers one command (the line as sent; "." ends the message) on the n-th connection;
/// `None` is silence from then on.
type Script = fn(usize, &str) -> Option<&'static str>;

/// What a willing server says.
fn willing(command: &str) -> Option<&'static str> {
    let verb = command.split(' ').next().unwrap_or("").to_ascii_uppercase();
    Some(match verb.as_str() {
        "EHLO" => "250-fake.localhost\r\n250 AUTH PLAIN LOGIN",
        "DATA" => "354 go ahead",
        "." => "250 queued",
        "QUIT" => "221 bye",
        "AUTH" => "235 welcome",
        _ => "250 ok",
    })
}

/// Starts a scripted SMTP peer and returns its URL.
async fn peer(script: Script) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        for n in 0.. {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(converse(stream, n, script));
        }
    });
    format!("smtp://127.0.0.1:{port}")
}

async fn converse(stream: TcpStream, n: usize, script: Script) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut in_data = false;
    if write.write_all(b"220 fake ESMTP\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        if in_data && line != "." {
            continue;
        }
        let Some(answer) = script(n, &line) else {
            // Keep the connection open and say nothing, as a hung server would.
            std::future::pending::<()>().await;
            return;
        };
        in_data = answer.starts_with("354");
        let reply = format!("{answer}\r\n");
        if write.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn email() -> Email {
    Email {
        message_id: "<notification-7@pepite.local>".into(),
        to: "claire@example.fr".into(),
        subject: "Bonjour".into(),
        text: "Bonjour".into(),
        html: "<p>Bonjour</p>".into(),
        attachments: Vec::new(),
        reply_to: None,
        references: Vec::new(),
    }
}

async fn send_to(url: &str, script_timeout: Duration) -> (Smtp, Result<(), MailError>) {
    let mut smtp = Smtp::from_url(url, "no-reply@pepite.localhost").unwrap();
    smtp.send_timeout = script_timeout;
    let result = smtp.send(&email()).await;
    (smtp, result)
}

#[tokio::test]
async fn a_permanent_refusal_of_the_recipient_is_rejected() {
    let url = peer(|_, c| match c.starts_with("RCPT") {
        true => Some("550 5.1.1 no such user"),
        false => willing(c),
    })
    .await;
    match send_to(&url, SEND_TIMEOUT).await.1 {
        Err(MailError::Rejected(m)) => assert!(m.contains("550") && m.contains("no such user")),
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn a_temporary_refusal_is_unavailable() {
    let url = peer(|_, c| match c.starts_with("MAIL") {
        true => Some("451 4.3.0 try again later"),
        false => willing(c),
    })
    .await;
    match send_to(&url, SEND_TIMEOUT).await.1 {
        Err(MailError::Unavailable(m)) => assert!(m.contains("451"), "{m}"),
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_credentials_are_unavailable_not_the_messages_fault() {
    let url = peer(|_, c| match c.starts_with("AUTH") {
        true => Some("535 5.7.8 authentication credentials invalid"),
        false => willing(c),
    })
    .await;
    let url = url.replace("smtp://", "smtp://shop:wrong@");
    match send_to(&url, SEND_TIMEOUT).await.1 {
        Err(MailError::Unavailable(m)) => assert!(m.contains("credentials"), "{m}"),
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn a_silent_server_times_out_and_the_next_send_takes_a_fresh_connection() {
    // The first connection never acknowledges the message; later ones do.
    let url = peer(|n, c| match (n, c) {
        (0, ".") => None,
        _ => willing(c),
    })
    .await;
    let started = Instant::now();
    let (smtp, first) = send_to(&url, Duration::from_millis(500)).await;
    assert!(
        matches!(&first, Err(MailError::Unavailable(m)) if m.contains("did not answer")),
        "{first:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Had the half-finished connection gone back to the pool (lettre does that in a task of its
    // own, hence the pause), this would wait on it and time out too.
    tokio::time::sleep(Duration::from_millis(200)).await;
    smtp.send(&email()).await.unwrap();
}

#[tokio::test]
async fn a_refused_connection_is_unavailable_at_once() {
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let (_, result) = send_to(&format!("smtp://127.0.0.1:{port}"), SEND_TIMEOUT).await;
    assert!(
        matches!(result, Err(MailError::Unavailable(_))),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn passwords_stay_out_of_urls_shown() {
    assert_eq!(
        without_password("smtps://shop%40x.fr:s3cret@mail.example.com:465"),
        "smtps://shop%40x.fr:***@mail.example.com:465"
    );
    assert_eq!(
        without_password("smtp://127.0.0.1:2525"),
        "smtp://127.0.0.1:2525"
    );
    let smtp = Smtp::from_url(
        "smtp://shop:s3cret@mail.example.com:587?tls=required",
        "Pépite <no-reply@pepite.localhost>",
    )
    .unwrap();
    let shown = format!("{smtp:?}");
    assert!(
        !shown.contains("s3cret") && shown.contains("mail.example.com"),
        "{shown}"
    );
}
