//! Inbound e-mail throughput: `connections` SMTP clients send `mails` mails between them,
//! in pairs from one sender: a question that opens a conversation, then a reply naming it by
//! In-Reply-To, so both ways of threading are measured. The listener parses and threads each
//! mail before answering 250, so mails per second here are mails stored, parsed and threaded.
//! With `photo`, every question carries a phone-sized photo, which the listener decodes,
//! re-encodes and stores before answering.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// A 1,600 × 1,200 JPEG at quality 90 with some grain, as a phone sends one once resized,
/// base64 in lines of 76 characters.
fn photo() -> anyhow::Result<String> {
    use base64::Engine;
    let img = image::RgbImage::from_fn(1600, 1200, |x, y| {
        let grain = ((x * 7919 + y * 104_729) % 61) as u8;
        image::Rgb([
            (x / 7) as u8 ^ grain,
            (y / 5) as u8,
            120u8.wrapping_add(grain),
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&img)?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&jpeg);
    Ok(b64
        .as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n"))
}

pub async fn run(
    smtp: &str,
    to: &str,
    mails: usize,
    connections: usize,
    with_photo: bool,
) -> anyhow::Result<()> {
    let photo = Arc::new(if with_photo { Some(photo()?) } else { None });
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
        let (to, run, photo) = (to.to_owned(), run.clone(), photo.clone());
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
                let text = "Bonjour, où en est ma commande ?";
                let question = mail(&from, &to, &first, None, text, photo.as_deref());
                let reply = mail(
                    &from,
                    &to,
                    &format!("<r-{run}-{pair}@example.org>"),
                    Some(&first),
                    "Merci !",
                    None,
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
            "photo": with_photo,
            "seconds": (seconds * 100.0).round() / 100.0,
            "mails_per_second": ((sent - failed) as f64 / seconds).round(),
        })
    );
    Ok(())
}

fn mail(
    from: &str,
    to: &str,
    id: &str,
    answers: Option<&str>,
    body: &str,
    photo: Option<&str>,
) -> String {
    let thread = answers.map_or(String::new(), |a| {
        format!("In-Reply-To: {a}\r\nReferences: {a}\r\n")
    });
    let head =
        format!("From: {from}\r\nTo: {to}\r\nSubject: Ma commande\r\nMessage-ID: {id}\r\n{thread}");
    match photo {
        None => format!("{head}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"),
        Some(jpeg) => format!(
            "{head}Content-Type: multipart/mixed; boundary=\"P\"\r\n\r\n\
             --P\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n\
             --P\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"photo.jpg\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{jpeg}\r\n--P--\r\n"
        ),
    }
}
