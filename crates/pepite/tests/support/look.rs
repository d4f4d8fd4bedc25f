//! What a page looks like to people, checked in the browser: it fits the screen without
//! sideways scrolling, and axe-core finds no serious or critical accessibility violation.

use std::sync::OnceLock;

use pepite_testkit::browser::Browser;
use serde_json::Value;

/// Where axe-core's script is read from unless `PEPITE_AXE_JS` says otherwise; `.ci/run`
/// installs it there from the npm registry.
pub const DEFAULT_AXE_JS: &str = "/var/tmp/pepite-axe/node_modules/axe-core/axe.min.js";

pub async fn js(b: &Browser, script: &str) -> Value {
    b.execute(script, vec![]).await.unwrap()
}

/// The page's width against the screen's, and the elements sticking out (for the failure).
pub async fn assert_fits(b: &Browser, page: &str) {
    let got = js(
        b,
        "const w = window.innerWidth;
         const out = Array.from(document.querySelectorAll('body *'))
           .filter(e => e.getBoundingClientRect().right > w + 0.5)
           .slice(0, 8)
           .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
         return [document.documentElement.scrollWidth, w, out];",
    )
    .await;
    let (scroll, inner) = (got[0].as_f64().unwrap(), got[1].as_f64().unwrap());
    assert!(
        scroll <= inner,
        "{page} scrolls sideways: {scroll} px wide for {inner} px; sticking out: {}",
        got[2]
    );
}

/// axe-core's script, or None after a loud skip (a failure in CI) when it is not installed.
fn axe_source() -> Option<&'static str> {
    static SOURCE: OnceLock<Option<String>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = std::env::var("PEPITE_AXE_JS").unwrap_or_else(|_| DEFAULT_AXE_JS.into());
            match std::fs::read_to_string(&path) {
                Ok(source) => Some(source),
                Err(e) => {
                    let why = format!(
                        "axe-core not found at {path} ({e}): npm install axe-core in \
                         /var/tmp/pepite-axe, or set PEPITE_AXE_JS"
                    );
                    pepite_testkit::skip_or_fail("accessibility check", &why);
                    None
                }
            }
        })
        .as_deref()
}

/// Runs axe-core (WCAG 2.1 A and AA rules) on the page shown and fails on any serious or
/// critical violation, naming the rule and the elements. Returns how many rules passed.
pub async fn assert_accessible(b: &Browser, page: &str) -> u64 {
    let Some(source) = axe_source() else { return 0 };
    // Injected as the body of the WebDriver script, not through eval: the page's CSP forbids it.
    let loaded = js(b, &format!("{source}\n;return typeof window.axe;")).await;
    assert_eq!(loaded, "object", "{page}: axe-core did not load");
    let found = b
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done([r.passes.length, r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                   + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', '))]))
               .catch(e => done([0, ['axe failed: ' + e]]));",
            vec![],
        )
        .await
        .unwrap();
    let violations = found[1].as_array().expect("a list");
    assert!(
        violations.is_empty(),
        "{page}: {} serious accessibility violations:\n{}",
        violations.len(),
        violations
            .iter()
            .map(|v| v.as_str().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    );
    found[0].as_u64().unwrap_or(0)
}
