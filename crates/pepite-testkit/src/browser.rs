//! Headless Chromium for browser tests: starts chromedriver on a free loopback port and opens
//! a WebDriver session (fantoccini) with a throwaway profile. A missing browser is a loud skip,
//! or a failure when `CI` is set. Everything started here is killed when the `Browser` drops.
//!
//! ```ignore
//! let Some(b) = pepite_testkit::browser::browser().await else { return };
//! b.goto(&format!("http://127.0.0.1:{port}/")).await?;
//! b.find(Locator::Css("input[name=q]")).await?.send_keys("robe").await?;
//! b.close().await;
//! ```

use std::error::Error;
use std::fs::File;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Where chromedriver is looked for unless `PEPITE_CHROMEDRIVER` says otherwise.
pub const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Where Chromium is looked for unless `PEPITE_CHROMIUM` says otherwise.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// Chromium flags: headless, root-safe, and silent on a machine with no outside network
/// (without the background-networking flags Chromium keeps dialling Google's hosts).
pub const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

const DRIVER_READY_TIMEOUT: Duration = Duration::from_secs(20);
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);

/// A WebDriver session in headless Chromium. Derefs to [`fantoccini::Client`].
pub struct Browser {
    // Field order matters: the client goes before the driver it talks to.
    client: Client,
    driver: Driver,
}

/// A free TCP port on 127.0.0.1 (free when asked; another process may take it afterwards).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind an ephemeral port on 127.0.0.1")
}

/// Starts chromedriver and headless Chromium, or returns `None` after a loud skip when either
/// is missing (a panic when `CI` is set). Panics when they are installed but will not start.
pub async fn browser() -> Option<Browser> {
    let driver = env_path("PEPITE_CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
    let chromium = env_path("PEPITE_CHROMIUM", DEFAULT_CHROMIUM);
    for (what, path) in [("chromedriver", &driver), ("Chromium", &chromium)] {
        if !path.is_file() {
            let why = format!(
                "{what} not found at {} (apt-get install chromium chromium-driver, \
                 or set PEPITE_CHROMEDRIVER / PEPITE_CHROMIUM)",
                path.display()
            );
            crate::skip_or_fail("browser test", &why);
            return None;
        }
    }
    // A port picked by `free_port` can be taken before chromedriver binds it: retry.
    let mut errors = Vec::new();
    for _ in 0..3 {
        match launch(&driver, &chromium).await {
            Ok(b) => return Some(b),
            Err(e) => errors.push(e),
        }
    }
    panic!(
        "headless Chromium would not start:\n{}",
        errors.join("\n---\n")
    );
}

impl Browser {
    /// The WebDriver client (also reachable through `Deref`).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The chromedriver log, useful when a test fails.
    pub fn driver_log(&self) -> &Path {
        &self.driver.log
    }

    /// Saves a PNG of the current viewport at `path` (folders are created) and returns it.
    pub async fn screenshot(
        &self,
        path: impl AsRef<Path>,
    ) -> Result<PathBuf, Box<dyn Error + Send + Sync>> {
        let path = path.as_ref().to_path_buf();
        let png = self.client.screenshot().await?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the WebDriver session (Chromium quits), then stops chromedriver. Dropping without
    /// calling this is fine too: the processes are killed.
    pub async fn close(self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
    }
}

impl Deref for Browser {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| default.into())
}

async fn launch(driver_bin: &Path, chromium: &Path) -> Result<Browser, String> {
    let dir = std::env::temp_dir()
        .join("pepite-browser")
        .join(format!("b{}", crate::unique_suffix()));
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).map_err(|e| format!("create {}: {e}", profile.display()))?;
    let log = dir.join("chromedriver.log");
    let out = File::create(&log).map_err(|e| format!("create {}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let port = free_port();
    let child = Command::new(driver_bin)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("spawn {}: {e}", driver_bin.display()))?;
    let mut driver = Driver { child, dir, log };

    let url = format!("http://127.0.0.1:{port}");
    driver.wait_ready(port).await?;

    let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.to_string_lossy(),
            "args": args,
        },
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!("a JSON object")
    };
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(caps);
    let client = match tokio::time::timeout(SESSION_TIMEOUT, builder.connect(&url)).await {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return Err(format!("new WebDriver session: {e}\n{}", driver.log_tail())),
        Err(_) => {
            return Err(format!(
                "new WebDriver session timed out\n{}",
                driver.log_tail()
            ));
        }
    };
    Ok(Browser { client, driver })
}

/// The chromedriver process and its scratch folder (profile, log).
struct Driver {
    child: Child,
    dir: PathBuf,
    log: PathBuf,
}

impl Driver {
    async fn wait_ready(&mut self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + DRIVER_READY_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "chromedriver exited ({status})\n{}",
                    self.log_tail()
                ));
            }
            if status_ok(port).await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!(
            "chromedriver did not answer on port {port}\n{}",
            self.log_tail()
        ))
    }

    fn log_tail(&self) -> String {
        crate::log_tail("chromedriver", &self.log)
    }
}

/// Whether chromedriver answers `GET /status` with 200.
async fn status_ok(port: u16) -> bool {
    let ask = async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()?;
        let request =
            format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        s.write_all(request.as_bytes()).await.ok()?;
        // Only the status line matters; chromedriver may keep the connection open.
        let mut buf = [0u8; 12];
        s.read_exact(&mut buf).await.ok()?;
        Some(&buf == b"HTTP/1.1 200")
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), ask).await,
        Ok(Some(true))
    )
}

impl Drop for Driver {
    fn drop(&mut self) {
        // chromedriver, then every Chromium process of this profile (they all carry
        // `--user-data-dir`; crashpad handlers leave by themselves once the browser is gone).
        // They stay in the test's process group, so Ctrl-C on `cargo test` stops them too.
        let _ = self.child.kill();
        let _ = self.child.wait();
        for _ in 0..3 {
            let pids = processes_mentioning(&self.dir);
            if pids.is_empty() {
                break;
            }
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(pids.iter().map(u32::to_string))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            std::thread::sleep(Duration::from_millis(50));
        }
        if std::env::var_os("PEPITE_KEEP_BROWSER_DIR").is_none() {
            for _ in 0..5 {
                if std::fs::remove_dir_all(&self.dir).is_ok() || !self.dir.exists() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// Processes whose command line contains `dir` (our Chromium's `--user-data-dir`).
fn processes_mentioning(dir: &Path) -> Vec<u32> {
    let needle = dir.to_string_lossy().into_owned().into_bytes();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let me = std::process::id();
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| c.windows(needle.len()).any(|w| w == needle.as_slice()))
                .unwrap_or(false)
        })
        .collect()
}
