//! Proves the browser harness: headless Chromium opens a page served on 127.0.0.1, fills a
//! form, submits it and reads the answer.

use std::time::Duration;

use fantoccini::Locator;
use pepite_testkit::browser::browser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const FORM: &str = r#"<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Pépite — essai</title></head>
<body>
  <h1>Essai</h1>
  <form method="post" action="/hello">
    <label>Prénom <input name="name" id="name"></label>
    <button type="submit" id="go">Envoyer</button>
  </form>
</body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_fills_and_submits_a_form() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let server = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                break;
            };
            tokio::spawn(serve(stream));
        }
    });

    let Some(b) = browser().await else { return };
    b.goto(&format!("http://127.0.0.1:{port}/"))
        .await
        .expect("open the form");
    assert_eq!(b.title().await.expect("title"), "Pépite — essai");
    b.find(Locator::Id("name"))
        .await
        .expect("name field")
        .send_keys("Zoé Martin")
        .await
        .expect("type");
    b.find(Locator::Id("go"))
        .await
        .expect("submit button")
        .click()
        .await
        .expect("click");
    let answer = b
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("answer"))
        .await
        .expect("answer page")
        .text()
        .await
        .expect("answer text");
    assert_eq!(answer, "Bonjour, Zoé Martin !");
    assert!(
        b.current_url()
            .await
            .expect("url")
            .path()
            .ends_with("/hello")
    );

    let shot = std::env::temp_dir().join("pepite-browser-smoke.png");
    let shot = b.screenshot(&shot).await.expect("screenshot");
    let png = std::fs::read(&shot).expect("read screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let _ = std::fs::remove_file(shot);

    b.close().await;
    server.abort();
}

/// A one-request HTTP/1.1 server: `GET /` is the form, `POST /hello` greets the name.
async fn serve(mut stream: TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body = &buf[head_end..head_end + length];
    let request_line = head.lines().next().unwrap_or_default();
    let (status, page) = if request_line.starts_with("GET / ") {
        ("200 OK", FORM.to_owned())
    } else if request_line.starts_with("POST /hello ") {
        let name = form_value(body, "name").unwrap_or_default();
        let page = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Bonjour</title></head>\
             <body><p id=\"answer\">Bonjour, {} !</p></body></html>",
            escape(&name)
        );
        ("200 OK", page)
    } else {
        (
            "404 Not Found",
            "<!doctype html><p>not found</p>".to_owned(),
        )
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// One field of an `application/x-www-form-urlencoded` body.
fn form_value(body: &[u8], key: &str) -> Option<String> {
    String::from_utf8_lossy(body).split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_browser_leaves_no_process_behind() {
    let Some(b) = browser().await else { return };
    b.goto("about:blank").await.expect("blank page");
    let scratch = b
        .driver_log()
        .parent()
        .expect("scratch folder")
        .to_path_buf();
    let needle = scratch.to_string_lossy().into_owned();
    assert!(
        !pids_mentioning(&needle).is_empty(),
        "Chromium runs on the scratch profile"
    );
    drop(b);
    let mut left = pids_mentioning(&needle);
    for _ in 0..50 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = pids_mentioning(&needle);
    }
    assert!(left.is_empty(), "processes left running: {left:?}");
    assert!(!scratch.exists(), "scratch folder removed");
}

/// Live (non-zombie) processes whose command line contains `needle`.
fn pids_mentioning(needle: &str) -> Vec<u32> {
    let me = std::process::id();
    std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| pid != me)
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            String::from_utf8_lossy(&cmdline).contains(needle)
        })
        .collect()
}
