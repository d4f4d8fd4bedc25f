//! The chat in real headless Chromium against a running `pepite serve --demo` (issue 13, S1):
//! a buyer pays an order, opens the chat from it and asks; customer service, in a second
//! browser, finds the question in the shared inbox and answers; the buyer's page, never
//! reloaded, shows the answer as it is sent, with the PDF the agent attached; the buyer's
//! reply, with a photo, is sent without leaving the page. Every other page carries the chat
//! panel.

mod support;

use std::time::Duration;

use pepite_testkit::browser::{Browser, browser};
use support::steps::{click, demo_purchase, element, fill, sign_in, wait_for_url};
use support::{Server, temp_dir};

const QUESTION: &str = "Bonjour, pouvez-vous glisser un mot pour un cadeau ?";
const ANSWER: &str = "Bien sûr, la vendeuse ajoutera un mot.";

/// Runs `script`, which returns `[texts, value]`: the texts, and the value.
async fn texts_and(b: &Browser, script: &str) -> (Vec<String>, serde_json::Value) {
    let got = b.execute(script, vec![]).await.unwrap();
    let texts = got[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_owned())
        .collect();
    (texts, got[1].clone())
}

/// The names of the files shown in the buyer's thread, and how many of them are photos.
async fn files(b: &Browser) -> (Vec<String>, usize) {
    let (names, photos) = texts_and(
        b,
        "return [[...document.querySelectorAll('ol.chat ul.chat-files a span')].map(s => s.textContent),
                 document.querySelectorAll('ol.chat ul.chat-files img').length];",
    )
    .await;
    (names, photos.as_u64().unwrap_or(0) as usize)
}

/// Waits until `done` holds of the buyer's files.
async fn files_until(
    b: &Browser,
    done: impl Fn(&(Vec<String>, usize)) -> bool,
) -> (Vec<String>, usize) {
    let mut seen = files(b).await;
    for _ in 0..100 {
        if done(&seen) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        seen = files(b).await;
    }
    seen
}

/// The texts of the buyer's thread and whether the page is still the one first drawn.
async fn thread(b: &Browser) -> (Vec<String>, bool) {
    let (texts, stayed) = texts_and(
        b,
        "return [[...document.querySelectorAll('ol.chat li .body')].map(p => p.textContent),
                 window.pepiteStayed === true];",
    )
    .await;
    (texts, stayed.as_bool().unwrap_or(false))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s1_a_buyer_asks_from_an_order_and_sees_the_inbox_answer_live() {
    let Some(b) = browser().await else { return };
    let dir = temp_dir("browser-support");
    let server = Server::start(&dir, &["--demo"]).await;
    let order_url = demo_purchase(&b, &server, "direct").await;

    // Every page offers the chat in a panel over the page.
    click(&b, "a.chat-launcher").await;
    element(&b, "dialog#chat-panel[open] iframe").await;
    b.goto(&order_url).await.unwrap();
    // A photo to send later: the ordered piece's, as the buyer's device would hold one.
    let src = b
        .execute(
            "return document.querySelector('img[src*=\"/media/\"]').src;",
            vec![],
        )
        .await
        .unwrap();
    let bytes = reqwest::get(src.as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let photo = dir.join("photo.jpg");
    std::fs::write(&photo, &bytes).unwrap();

    // The buyer opens the chat from the order: it names the order.
    click(&b, "a[href^='/support?order=']").await;
    element(&b, ".support-topic").await;
    fill(&b, "#body", QUESTION).await;
    click(&b, "form[action^='/support'] button[type=submit]").await;
    let chat_url = wait_for_url(&b, |u| u.contains("/support/conversations/")).await;
    let id: i64 = chat_url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        element(&b, ".support-topic a")
            .await
            .text()
            .await
            .unwrap()
            .contains("commande"),
        "the conversation names the order"
    );
    b.execute("window.pepiteStayed = true;", vec![])
        .await
        .unwrap();

    // Customer service answers from the shared inbox, in its own browser.
    let Some(s) = browser().await else { return };
    sign_in(
        &s,
        &server.url("/sign-in?next=/back-office/support"),
        "service@pepite.demo",
        "pepite-demo-2026",
    )
    .await;
    wait_for_url(&s, |u| u.ends_with("/back-office/support")).await;
    click(&s, &format!("a[href='/back-office/support/{id}']")).await;
    wait_for_url(&s, |u| u.ends_with(&format!("/back-office/support/{id}"))).await;
    assert!(s.source().await.unwrap().contains(QUESTION));
    fill(&s, "#f-message", ANSWER).await;
    // The agent attaches a PDF to the answer (a file chosen in the form).
    let label = dir.join("etiquette.pdf");
    std::fs::write(&label, b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n").unwrap();
    element(&s, "#f-files")
        .await
        .send_keys(label.to_str().unwrap())
        .await
        .unwrap();
    click(
        &s,
        &format!("form[action='/back-office/support/{id}/messages'] > p > button[type=submit]"),
    )
    .await;

    // The buyer's page shows it without a reload.
    let mut seen = (vec![], false);
    for _ in 0..100 {
        seen = thread(&b).await;
        if seen.0.iter().any(|t| t == ANSWER) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        seen.0.iter().any(|t| t == ANSWER),
        "the answer did not arrive: {seen:?}"
    );
    assert!(seen.1, "the page was reloaded");
    assert_eq!(seen.0.first().map(String::as_str), Some(QUESTION));
    let got = files_until(&b, |f| !f.0.is_empty()).await;
    assert_eq!(
        got.0,
        ["etiquette.pdf"],
        "the answer's file arrived with it"
    );

    // The buyer replies from the same page with a photo: it is sent without leaving it.
    fill(&b, "form.chat-reply textarea", "Merci beaucoup !").await;
    element(&b, "form.chat-reply input[type=file]")
        .await
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    click(&b, "form.chat-reply button[type=submit]").await;
    for _ in 0..100 {
        seen = thread(&b).await;
        if seen.0.iter().any(|t| t == "Merci beaucoup !") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.0.iter().any(|t| t == "Merci beaucoup !"), "{seen:?}");
    assert!(seen.1, "the page was reloaded");
    let got = files_until(&b, |f| f.1 == 1).await;
    assert_eq!(
        got,
        (vec!["etiquette.pdf".to_owned(), "photo.jpg".to_owned()], 1)
    );
    b.screenshot(dir.join("chat.png")).await.unwrap();
    s.close().await;
    b.close().await;
}
