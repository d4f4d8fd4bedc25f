//! The SMTP adapter against a real SMTP server (aiosmtpd on loopback): what arrives is what was
//! sent, accents and attachments included, and an outage is an `Unavailable` error that
//! resending after the restart recovers from.

use std::time::{Duration, Instant};

use pepite_app::mail::{Attachment, Email, MailError, Mailer};
use pepite_mail::{Smtp, from_config};
use pepite_testkit::smtp::SmtpServer;

const FROM: &str = "Pépite <no-reply@pepite.localhost>";
const WAIT: Duration = Duration::from_secs(10);

fn email(n: u32) -> Email {
    Email {
        message_id: format!("<notification-{n}@pepite.local>"),
        to: "Claire Dupré <claire@example.fr>".into(),
        subject: format!("Votre commande est confirmée — n° 2026-{n:06}"),
        text: "Bonjour Claire,\n\nVotre commande est confirmée. Merci d'avoir choisi Pépite !\n"
            .into(),
        html: "<p>Bonjour Claire,</p><p>Votre commande est <strong>confirmée</strong>. \
               Merci d’avoir choisi Pépite !</p>"
            .into(),
        attachments: Vec::new(),
        reply_to: None,
        references: Vec::new(),
    }
}

/// A small but real PDF, with bytes above 0x7f (the binary comment line) that a text-mode
/// transfer would damage.
fn invoice_pdf() -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    pdf.extend_from_slice(
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
          2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n\
          trailer << /Root 1 0 R >>\n%%EOF\n",
    );
    pdf.extend((0u8..=255).cycle().take(600));
    pdf
}

#[tokio::test]
async fn a_french_email_with_an_invoice_arrives_intact() {
    let Some(server) = SmtpServer::start().await else {
        return;
    };
    let smtp = Smtp::from_url(&server.url(), FROM).unwrap();
    let mut sent = email(1);
    sent.attachments.push(Attachment {
        filename: "Facture n° 2026-000001 — Pépite.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: invoice_pdf(),
    });
    smtp.send(&sent).await.unwrap();

    let received = server.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.subject, "Votre commande est confirmée — n° 2026-000001");
    assert_eq!(got.message_id, "<notification-1@pepite.local>");
    assert_eq!(got.to, ["claire@example.fr"]);
    // Line ends travel as CRLF on the wire.
    assert_eq!(got.text.replace("\r\n", "\n"), sent.text);
    assert_eq!(got.html, sent.html);
    assert_eq!(
        got.attachments,
        [(
            "Facture n° 2026-000001 — Pépite.pdf".to_owned(),
            invoice_pdf()
        )]
    );
}

#[tokio::test]
async fn an_outage_is_unavailable_and_sending_again_after_it_works() {
    let Some(mut server) = SmtpServer::start().await else {
        return;
    };
    let smtp = Smtp::from_url(&server.url(), FROM).unwrap();
    smtp.send(&email(1)).await.unwrap();
    server.wait_for(1, WAIT).await;

    server.stop().await;
    let started = Instant::now();
    // The pooled connection from the first send is dead now; the retry must not hang on it.
    match smtp.send(&email(2)).await {
        Err(MailError::Unavailable(_)) => {}
        other => panic!("expected Unavailable during the outage, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );

    server.restart().await;
    smtp.send(&email(2)).await.unwrap();
    smtp.send(&email(3)).await.unwrap();
    let ids: Vec<String> = server
        .wait_for(3, WAIT)
        .await
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    assert_eq!(
        ids,
        [
            "<notification-1@pepite.local>",
            "<notification-2@pepite.local>",
            "<notification-3@pepite.local>"
        ]
    );
}

#[tokio::test]
async fn garbage_urls_are_rejected_and_no_url_means_the_embedded_mailbox() {
    for url in [
        "",
        "mail.example.com",
        "http://mail.example.com",
        "smtp://",
        "smtp://mail.example.com:587?tls=sometimes",
        "smtp://mail.example.com:99999",
    ] {
        match Smtp::from_url(url, FROM) {
            Err(MailError::Rejected(m)) => assert!(m.contains("invalid SMTP URL"), "{m}"),
            other => panic!("{url:?}: expected Rejected, got {other:?}"),
        }
    }
    let mailer = from_config(None, FROM).unwrap();
    assert_eq!(mailer.name(), "mailbox");
    mailer.send(&email(1)).await.unwrap();
}
