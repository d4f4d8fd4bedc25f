//! Inbound e-mail throughput: `connections` SMTP clients send `mails` mails between them,
//! in pairs from one sender: a question that opens a conversation, then a reply naming it by
//! In-Reply-To, so both ways of threading are measured. The listener parses and threads each
//! mail before answering 250, so mails per second here are mails stored, parsed and threaded.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub async fn run(smtp: &str, to: &str, mails: usize, connections: usize) -> anyhow::Result<()> {
    let (host, port) = smtp
        .rsplit_once(':')
        .ok_or_else(|| anyhow::anyhow!("--smtp must be host:port"))?;
    let client = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port.parse()?)
        .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(connections as u32))
        .timeout(Some(Duration::from_secs(30)))
        .build();
    let run = format!("{:x}", std::process::id());
    let pairs = mails.div_ceil(2);
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (client, next, failed) = (client.clone(), next.clone(), failed.clone());
        let (to, run) = (to.to_owned(), run.clone());
        workers.spawn(async move {
            loop {
                let pair = next.fetch_add(1, Ordering::Relaxed);
                if pair >= pairs {
                    return;
                }
                let from = format!("bench-{run}-{pair}@example.org");
                let envelope =
                    Envelope::new(Some(from.parse().unwrap()), vec![to.parse().unwrap()]).unwrap();
                let first = format!("<q-{run}-{pair}@example.org>");
                let question = mail(&from, &to, &first, None, "Bonjour, où en est ma commande ?");
                let reply = mail(
                    &from,
                    &to,
                    &format!("<r-{run}-{pair}@example.org>"),
                    Some(&first),
                    "Merci !",
                );
                for raw in [question, reply] {
                    if client.send_raw(&envelope, raw.as_bytes()).await.is_err() {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        });
    }
    while workers.join_next().await.is_some() {}
    let seconds = start.elapsed().as_secs_f64();
    let sent = pairs * 2;
    let failed = failed.load(Ordering::Relaxed);
    println!(
        "{}",
        serde_json::json!({
            "bench": "support_mail",
            "mails": sent,
            "failed": failed,
            "connections": connections,
            "seconds": (seconds * 100.0).round() / 100.0,
            "mails_per_second": ((sent - failed) as f64 / seconds).round(),
        })
    );
    Ok(())
}

fn mail(from: &str, to: &str, id: &str, answers: Option<&str>, body: &str) -> String {
    let thread = answers.map_or(String::new(), |a| {
        format!("In-Reply-To: {a}\r\nReferences: {a}\r\n")
    });
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Ma commande\r\nMessage-ID: {id}\r\n{thread}\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}
