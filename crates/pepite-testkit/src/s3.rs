//! A real S3 server for file-store tests: moto's `moto_server` (PyPI `moto[server]`) on a free
//! loopback port, started once per test process; each test takes a fresh bucket. Where
//! `moto_server` comes from `PEPITE_TEST_MOTO_SERVER` (`.ci/run` sets it), else the venv
//! `/var/tmp/pepite-moto`, else `PATH`. A missing server is a loud skip, or a failure when `CI`
//! is set. The server goes away with the test process: a shell waits on a pipe from it, and
//! kills the server when the pipe closes.
//!
//! ```ignore
//! let Some(s3) = pepite_testkit::s3::S3Server::get() else { return };
//! let bucket = s3.new_bucket().await; // then s3://{bucket} at s3.endpoint()
//! ```

use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::browser::free_port;

const VENV_SERVER: &str = "/var/tmp/pepite-moto/bin/moto_server";
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// Credentials moto accepts (it checks none); set so the client signs without looking further.
pub const ACCESS_KEY_ID: &str = "pepite-test";
pub const SECRET_ACCESS_KEY: &str = "pepite-test-secret";
pub const REGION: &str = "us-east-1";

/// The running moto server of this test process.
pub struct S3Server {
    port: u16,
    log: std::path::PathBuf,
    /// Held, never waited on: its stdin is the pipe whose closing stops the server.
    _watch: Child,
}

static SERVER: OnceLock<Result<S3Server, String>> = OnceLock::new();

impl S3Server {
    /// The process's server, started on first use; `None` after a loud skip when moto is not
    /// installed (a panic when `CI` is set). Panics when it is installed but will not start.
    pub fn get() -> Option<&'static S3Server> {
        match SERVER.get_or_init(start) {
            Ok(server) => Some(server),
            Err(why) => {
                crate::skip_or_fail("S3 test", why);
                None
            }
        }
    }

    /// `http://127.0.0.1:PORT`, for `--files-endpoint`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Creates an empty bucket with a new name and returns the name.
    pub async fn new_bucket(&self) -> String {
        let name = format!("pepite-{}", crate::unique_suffix().replace('_', "-"));
        let status = self
            .request(&format!("PUT /{name} HTTP/1.1"))
            .await
            .unwrap_or_else(|e| panic!("create bucket {name}: {e}\n{}", self.log_tail()));
        assert!(
            status.starts_with("HTTP/1.1 200"),
            "create bucket {name}: {status}"
        );
        name
    }

    /// Sends one bodiless request and returns the status line.
    async fn request(&self, line: &str) -> std::io::Result<String> {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await?;
        let head = format!(
            "{line}\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        s.write_all(head.as_bytes()).await?;
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).await?;
        let answer = String::from_utf8_lossy(&answer);
        Ok(answer.lines().next().unwrap_or_default().to_owned())
    }

    fn log_tail(&self) -> String {
        crate::log_tail("moto", &self.log)
    }
}

/// Where `moto_server` is, or why it cannot run.
fn program() -> Result<String, String> {
    let program = std::env::var("PEPITE_TEST_MOTO_SERVER").unwrap_or_else(|_| {
        if std::path::Path::new(VENV_SERVER).exists() {
            VENV_SERVER.to_owned()
        } else {
            "moto_server".to_owned()
        }
    });
    let runs = Command::new(&program)
        .arg("--help")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        Ok(program)
    } else {
        Err(format!(
            "{program} cannot run (python3 -m venv {} && {}/bin/pip install 'moto[server]>=5,<6', \
             or set PEPITE_TEST_MOTO_SERVER)",
            VENV_SERVER.trim_end_matches("/bin/moto_server"),
            VENV_SERVER.trim_end_matches("/bin/moto_server"),
        ))
    }
}

fn start() -> Result<S3Server, String> {
    let program = program()?;
    let dir = std::env::temp_dir().join("pepite-s3");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut errors = Vec::new();
    // A port picked by `free_port` can be taken before moto binds it: retry.
    for _ in 0..3 {
        let port = free_port();
        let log = dir.join(format!("moto-{}-{port}.log", std::process::id()));
        let watch = Command::new("sh")
            .args([
                "-c",
                r#""$0" -H 127.0.0.1 -p "$1" >"$2" 2>&1 & server=$!; cat >/dev/null; kill $server"#,
            ])
            .arg(&program)
            .arg(port.to_string())
            .arg(&log)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("spawn sh: {e}"))?;
        let mut server = S3Server {
            port,
            log,
            _watch: watch,
        };
        if wait_ready(port) {
            return Ok(server);
        }
        errors.push(server.log_tail());
        // Closing the pipe makes the shell stop the server.
        drop(server._watch.stdin.take());
    }
    panic!("moto_server would not start:\n{}", errors.join("\n---\n"));
}

/// Whether the server answers HTTP within the timeout.
fn wait_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let deadline = Instant::now() + READY_TIMEOUT;
    while Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let asked = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut first = [0u8; 8];
            if asked.is_ok() && s.read_exact(&mut first).is_ok() && &first == b"HTTP/1.1" {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}
