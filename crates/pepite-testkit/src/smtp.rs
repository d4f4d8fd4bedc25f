//! A real SMTP server for e-mail tests: Debian's aiosmtpd on a free loopback port, keeping what
//! it receives in a Maildir that tests read back, parsed with mail-parser. A missing aiosmtpd
//! is a loud skip, or a failure when `CI` is set. The process is killed, and its folder
//! removed, when the `SmtpServer` drops.
//!
//! ```ignore
//! let Some(server) = pepite_testkit::smtp::SmtpServer::start().await else { return };
//! let mailer = pepite_mail::Smtp::from_url(&server.url(), "no-reply@pepite.localhost")?;
//! mailer.send(&email).await?;
//! assert_eq!(server.wait_for(1, Duration::from_secs(5)).await[0].subject, email.subject);
//! ```

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use mail_parser::{MessageParser, MimeHeaders, PartType};
use tokio::io::AsyncReadExt;

use crate::browser::free_port;

/// Debian's interpreter, where python3-aiosmtpd is installed: the `python3` first on `PATH`
/// may be another one (pyenv's) without it.
const PYTHON: &str = "/usr/bin/python3";
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// An aiosmtpd process and the folder holding its Maildir and log.
pub struct SmtpServer {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

/// One message as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The envelope recipients (RCPT TO): who the server was asked to deliver to.
    pub to: Vec<String>,
    /// Decoded from its RFC 2047 form.
    pub subject: String,
    /// The text/plain body, decoded.
    pub text: String,
    /// The text/html body, decoded.
    pub html: String,
    /// With its angle brackets, as the Message-ID header carries it.
    pub message_id: String,
    /// File name and decoded bytes of each attachment.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The Reply-To, In-Reply-To and References headers as sent (empty when absent).
    pub reply_to: String,
    pub in_reply_to: String,
    pub references: String,
}

impl SmtpServer {
    /// Starts aiosmtpd and waits until it greets, or returns `None` after a loud skip when it is
    /// not installed (a panic when `CI` is set). Panics when it is installed but will not start.
    pub async fn start() -> Option<SmtpServer> {
        if let Err(why) = aiosmtpd_installed() {
            crate::skip_or_fail("SMTP test", &why);
            return None;
        }
        let dir = std::env::temp_dir()
            .join("pepite-smtp")
            .join(format!("s{}", crate::unique_suffix()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        let mut server = SmtpServer {
            port: 0,
            dir,
            child: None,
        };
        // A port picked by `free_port` can be taken before aiosmtpd binds it: retry.
        let mut errors = Vec::new();
        for _ in 0..3 {
            server.port = free_port();
            match server.launch().await {
                Ok(()) => return Some(server),
                Err(e) => errors.push(e),
            }
        }
        panic!("aiosmtpd would not start:\n{}", errors.join("\n---\n"));
    }

    /// "smtp://127.0.0.1:PORT": plain SMTP, no authentication.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Kills the server, as in a mail server outage: connections are cut, new ones refused.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port with the same Maildir, so `messages` still
    /// holds what arrived before the outage.
    pub async fn restart(&mut self) {
        self.stop().await;
        if let Err(e) = self.launch().await {
            panic!("aiosmtpd would not restart on port {}:\n{e}", self.port);
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let mut files = Vec::new();
        // Python's Maildir writes each message under tmp/ and renames it into new/ before the
        // server acknowledges it, so every file seen here is complete.
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir().join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let modified = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(SystemTime::UNIX_EPOCH);
                files.push((modified, entry.path()));
            }
        }
        files.sort();
        files.iter().map(|(_, path)| parse(path)).collect()
    }

    /// Waits until at least `n` messages have arrived and returns them all; panics, saying what
    /// did arrive, when they have not after `timeout`.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            if Instant::now() >= deadline {
                let subjects: Vec<&str> = messages.iter().map(|m| m.subject.as_str()).collect();
                panic!(
                    "expected at least {n} messages on {} within {timeout:?}, got {}: \
                     {subjects:?}\n{}",
                    self.url(),
                    messages.len(),
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn maildir(&self) -> PathBuf {
        self.dir.join("maildir")
    }

    fn log(&self) -> PathBuf {
        self.dir.join("aiosmtpd.log")
    }

    async fn launch(&mut self) -> Result<(), String> {
        let log = self.log();
        let out = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(|e| format!("open {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Mailbox"])
            .arg("-l")
            .arg(format!("127.0.0.1:{}", self.port))
            .arg(self.maildir())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("spawn {PYTHON}: {e}"))?;
        self.child = Some(child);
        let ready = self.wait_ready().await;
        if ready.is_err() {
            self.stop().await;
        }
        ready
    }

    async fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + READY_TIMEOUT;
        while Instant::now() < deadline {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                return Err(format!("aiosmtpd exited ({status})\n{}", self.log_tail()));
            }
            if greets(self.port).await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!(
            "aiosmtpd did not greet on port {}\n{}",
            self.port,
            self.log_tail()
        ))
    }

    fn log_tail(&self) -> String {
        crate::log_tail("aiosmtpd", &self.log())
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn aiosmtpd_installed() -> Result<(), String> {
    let status = Command::new(PYTHON)
        .args(["-c", "import aiosmtpd"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(format!(
            "aiosmtpd is not installed for {PYTHON} (apt-get install python3-aiosmtpd)"
        )),
        Err(e) => Err(format!(
            "{PYTHON} cannot run: {e} (apt-get install python3-aiosmtpd)"
        )),
    }
}

/// Whether an SMTP server on `port` sends its "220" greeting.
async fn greets(port: u16) -> bool {
    let ask = async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()?;
        let mut code = [0u8; 3];
        s.read_exact(&mut code).await.ok()?;
        Some(&code == b"220")
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), ask).await,
        Ok(Some(true))
    )
}

/// Reads one Maildir file. aiosmtpd adds the envelope as `X-RcptTo` ("a, b").
fn parse(path: &Path) -> Received {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let message = MessageParser::default()
        .parse(&raw)
        .unwrap_or_else(|| panic!("{} is not a message", path.display()));
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    // The bodies as sent, not mail-parser's conversions of one into the other.
    let body = |html: bool| {
        message
            .parts
            .iter()
            .find_map(|p| match (&p.body, html) {
                (PartType::Text(t), false) | (PartType::Html(t), true)
                    if p.attachment_name().is_none() =>
                {
                    Some(t.to_string())
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    Received {
        to: header("X-RcptTo")
            .split(',')
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        subject: message.subject().unwrap_or_default().to_owned(),
        text: body(false),
        html: body(true),
        message_id: message
            .message_id()
            .map(|id| format!("<{id}>"))
            .unwrap_or_default(),
        attachments: message
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap_or_default().to_owned(),
                    a.contents().to_vec(),
                )
            })
            .collect(),
        reply_to: header("Reply-To"),
        in_reply_to: header("In-Reply-To"),
        references: header("References"),
    }
}
