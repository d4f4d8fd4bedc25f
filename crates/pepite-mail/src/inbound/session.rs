//! One SMTP conversation (RFC 5321, the part a relay's next hop needs): HELO/EHLO (with
//! SIZE), MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT. Each read and write has
//! the idle timeout; a line longer than SMTP allows ends the session.

use std::io;

use pepite_app::App;
use pepite_app::support::inbound::{self, Envelope};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::InboundConfig;

/// RFC 5321 allows 512 octets per command line; a little more is tolerated.
const COMMAND_MAX: u64 = 1024;
/// Text lines are read in pieces of this size at most (a line may be longer; it is kept).
const DATA_CHUNK: u64 = 64 * 1024;
/// Recipients per mail (RFC 5321 asks servers to take at least 100).
const RECIPIENTS_MAX: usize = 100;

struct Conn<'a> {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    config: &'a InboundConfig,
}

impl Conn<'_> {
    async fn reply(&mut self, line: &str) -> io::Result<()> {
        let bytes = format!("{line}\r\n");
        timed(self.config, self.writer.write_all(bytes.as_bytes())).await
    }

    /// One command line without its line break; `None` when the client hung up.
    async fn command(&mut self) -> io::Result<Option<String>> {
        let mut line = Vec::new();
        let mut limited = (&mut self.reader).take(COMMAND_MAX);
        if timed(self.config, limited.read_until(b'\n', &mut line)).await? == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            self.reply("500 5.5.2 Line too long").await?;
            return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
        }
        Ok(Some(
            String::from_utf8_lossy(&line)
                .trim_end_matches(['\r', '\n'])
                .to_owned(),
        ))
    }

    /// The mail text up to the lone dot, unstuffed; `None` (read to its end) when it is
    /// over the size limit.
    async fn data(&mut self) -> io::Result<Option<Vec<u8>>> {
        let (mut data, mut too_big, mut line_start) = (Vec::new(), false, true);
        let mut line = Vec::new();
        loop {
            line.clear();
            let mut limited = (&mut self.reader).take(DATA_CHUNK);
            if timed(self.config, limited.read_until(b'\n', &mut line)).await? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "closed in DATA",
                ));
            }
            let complete = line.ends_with(b"\n");
            if line_start && complete && (line == b".\r\n" || line == b".\n") {
                return Ok((!too_big).then_some(data));
            }
            let text = match line.strip_prefix(b".") {
                Some(rest) if line_start => rest,
                _ => &line[..],
            };
            if data.len() + text.len() > self.config.max_bytes {
                too_big = true;
                data = Vec::new();
            } else if !too_big {
                data.extend_from_slice(text);
            }
            line_start = complete;
        }
    }
}

async fn timed<T>(config: &InboundConfig, f: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    tokio::time::timeout(config.idle, f)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "idle"))?
}

/// The address in `<…>` after `FROM:` or `TO:`, and the parameters after it.
fn path(argument: &str) -> Option<(String, &str)> {
    let argument = argument.trim_start();
    if let Some(rest) = argument.strip_prefix('<') {
        let (address, params) = rest.split_once('>')?;
        Some((address.trim().to_owned(), params))
    } else {
        let mut parts = argument.splitn(2, ' ');
        let address = parts.next().filter(|a| !a.is_empty())?;
        Some((address.to_owned(), parts.next().unwrap_or("")))
    }
}

/// The value of `SIZE=` among MAIL parameters.
fn declared_size(params: &str) -> Option<usize> {
    params.split_whitespace().find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.eq_ignore_ascii_case("SIZE")
            .then(|| value.parse().ok())
            .flatten()
    })
}

/// Strips a verb (case-insensitive) and returns what follows it.
fn after<'l>(line: &'l str, verb: &str) -> Option<&'l str> {
    let head = line.get(..verb.len())?;
    head.eq_ignore_ascii_case(verb).then(|| &line[verb.len()..])
}

pub(super) async fn run(stream: TcpStream, app: &App, config: &InboundConfig) -> io::Result<()> {
    let (read, writer) = stream.into_split();
    let mut c = Conn {
        reader: BufReader::new(read),
        writer,
        config,
    };
    c.reply(&format!(
        "220 {} ESMTP Pépite customer service",
        config.hostname
    ))
    .await?;
    let (mut greeted, mut envelope): (bool, Option<Envelope>) = (false, None);
    loop {
        let line = match c.command().await {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                let _ = c.reply("421 4.4.2 Idle for too long, closing").await;
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        let verb = line
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match verb.as_str() {
            "HELO" => {
                greeted = true;
                envelope = None;
                c.reply(&format!("250 {}", config.hostname)).await?;
            }
            "EHLO" => {
                greeted = true;
                envelope = None;
                let hello = format!(
                    "250-{}\r\n250-SIZE {}\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES",
                    config.hostname, config.max_bytes
                );
                c.reply(&hello).await?;
            }
            "MAIL" => {
                let Some(argument) = after(&line, "MAIL FROM:") else {
                    c.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await?;
                    continue;
                };
                if !greeted || envelope.is_some() {
                    c.reply("503 5.5.1 Say HELO first, one mail at a time")
                        .await?;
                    continue;
                }
                let Some((from, params)) = path(argument) else {
                    c.reply("501 5.1.7 Bad sender address").await?;
                    continue;
                };
                if declared_size(params).is_some_and(|n| n > config.max_bytes) {
                    c.reply("552 5.3.4 Message too big").await?;
                    continue;
                }
                envelope = Some(Envelope {
                    mail_from: from,
                    rcpt_to: Vec::new(),
                });
                c.reply("250 2.1.0 OK").await?;
            }
            "RCPT" => {
                let Some(argument) = after(&line, "RCPT TO:") else {
                    c.reply("501 5.5.4 Syntax: RCPT TO:<address>").await?;
                    continue;
                };
                let Some(e) = envelope.as_mut() else {
                    c.reply("503 5.5.1 MAIL first").await?;
                    continue;
                };
                // P3: the support mailbox at a shop's own host is ours too; without the
                // shops at hand, only the support address itself is.
                let shops = app.shops().await.ok();
                let ours = path(argument).map(|(to, _)| to).filter(|to| match &shops {
                    Some(shops) => config.support.accepts(shops, to),
                    None => config.support.recipient(to).is_some(),
                });
                match ours {
                    None => c.reply("550 5.1.1 No such mailbox here").await?,
                    Some(_) if e.rcpt_to.len() >= RECIPIENTS_MAX => {
                        c.reply("452 4.5.3 Too many recipients").await?
                    }
                    Some(to) => {
                        e.rcpt_to.push(to);
                        c.reply("250 2.1.5 OK").await?;
                    }
                }
            }
            "DATA" => {
                let Some(e) = envelope.take_if(|e| !e.rcpt_to.is_empty()) else {
                    c.reply("503 5.5.1 RCPT first").await?;
                    continue;
                };
                c.reply("354 End data with <CR><LF>.<CR><LF>").await?;
                let Some(raw) = c.data().await? else {
                    c.reply("552 5.3.4 Message too big").await?;
                    continue;
                };
                match inbound::deliver(app, &config.support, &e, &raw).await {
                    Ok(_) => c.reply("250 2.0.0 OK: taken").await?,
                    Err(err) => {
                        tracing::warn!(error = %err, "could not store a received mail");
                        c.reply("451 4.3.0 Cannot take it now, try again later")
                            .await?;
                    }
                }
            }
            "RSET" => {
                envelope = None;
                c.reply("250 2.0.0 OK").await?;
            }
            "NOOP" => c.reply("250 2.0.0 OK").await?,
            "VRFY" => c.reply("252 2.5.0 Send some mail, we will see").await?,
            "QUIT" => {
                c.reply("221 2.0.0 Bye").await?;
                return Ok(());
            }
            _ => c.reply("502 5.5.2 Command not recognised").await?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_sizes_are_read_from_mail_commands() {
        assert_eq!(
            path("<a@b.fr> SIZE=120 BODY=8BITMIME"),
            Some(("a@b.fr".into(), " SIZE=120 BODY=8BITMIME"))
        );
        assert_eq!(path("<>"), Some((String::new(), "")));
        assert_eq!(path(" a@b.fr"), Some(("a@b.fr".into(), "")));
        assert_eq!(declared_size(" SIZE=120 BODY=8BITMIME"), Some(120));
        assert_eq!(declared_size(" BODY=8BITMIME"), None);
        assert_eq!(after("mail from:<x>", "MAIL FROM:"), Some("<x>"));
        assert_eq!(after("RCPT", "RCPT TO:"), None);
    }
}
