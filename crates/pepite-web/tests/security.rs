//! Issue 9, items 4 and 6, seen from outside: whose address a request counts against behind
//! reverse proxies, the headers that protect every answer, and metrics that are not public.

mod support;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use pepite_app::Clock;
use pepite_testkit::both_backends;
use pepite_web::WebConfig;
use pepite_web::headers::CONTENT_SECURITY_POLICY;
use serde_json::json;
use support::{Harness, Reply, people};

/// A request as it arrives over a connection from `peer`.
async fn from(h: &Harness, peer: &str, mut request: Request<Body>) -> Reply {
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    h.oneshot(request).await
}

fn sign_in(forwarded: &str, email: &str) -> Request<Body> {
    Request::post("/api/v1/auth/tokens")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", forwarded)
        .body(Body::from(
            json!({"email": email, "password": "not the password"}).to_string(),
        ))
        .unwrap()
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    let mut r = Request::get(path);
    if !cookie.is_empty() {
        r = r.header(header::COOKIE, cookie);
    }
    r.body(Body::empty()).unwrap()
}

async fn signed_in(h: &Harness) -> String {
    let input = people::sign_up_input("lea@example.fr", "Léa", "fr");
    people::register(&h.app, &input, &[]).await;
    people::session_cookie(&people::browser_session(&h.app, "lea@example.fr", "web", "").await)
}

both_backends!(
    async fn item4_a_forged_first_forwarded_hop_does_not_escape_the_per_address_limit(db) {
        let config = WebConfig { trusted_proxies: Some(Default::default()), ..WebConfig::default() };
        let h = Harness::new(db, Clock::Manual, config);
        let limit = h.app.policy_now().await.unwrap().signin_attempts_per_address;
        // Behind our proxy (loopback), one client rotates the hop it may write itself.
        for i in 0..limit {
            let forged = format!("198.51.100.{}, 203.0.113.7", i % 250);
            from(&h, "127.0.0.1:40000", sign_in(&forged, &format!("n{i}@x.fr"))).await.problem(401, "unauthenticated");
        }
        let stopped = from(&h, "127.0.0.1:40000", sign_in("192.0.2.99, 203.0.113.7", "last@x.fr")).await;
        stopped.problem(429, "throttled");
        assert!(!stopped.header(header::RETRY_AFTER).is_empty());
        // Straight from the internet, the header is not believed: the connection is the client.
        from(&h, "203.0.113.7:5555", sign_in("10.9.9.9", "direct@x.fr")).await.problem(429, "throttled");
        // Someone else behind the same proxy is not held back.
        from(&h, "127.0.0.1:40000", sign_in("203.0.113.8", "other@x.fr")).await.problem(401, "unauthenticated");
    }
);

both_backends!(
    async fn item4_an_e_mail_address_with_a_bidi_override_is_refused_on_its_field(db) {
        let h = Harness::new(db, Clock::Manual, WebConfig::default());
        let body = json!({"email": "moc.elpmaxe\u{202e}@lea", "password": people::PASSWORD, "display_name": "Léa",
                          "language": "fr", "country": "FR"});
        let request = Request::post("/api/v1/accounts")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        h.oneshot(request).await.field_error("email", "invalid_email");
    }
);

both_backends!(
    async fn item6_every_page_and_the_api_docs_carry_a_content_security_policy(db) {
        let h = Harness::new(db, Clock::Manual, WebConfig::default());
        let cookie = signed_in(&h).await;
        for (path, cookie) in [("/", ""), ("/sign-in", ""), ("/search", ""), ("/account", cookie.as_str()), ("/nowhere", ""), ("/api/docs/", "")] {
            let page = h.oneshot(get(path, cookie)).await;
            assert!(page.content_type().starts_with("text/html"), "{path}: {}", page.status);
            assert_eq!(page.header(header::CONTENT_SECURITY_POLICY), CONTENT_SECURITY_POLICY, "{path}");
            // What the policy forbids is not used: no inline script, no inline style.
            let inline_scripts = page.body.split("<script").skip(1).filter(|tag| !tag.split('>').next().unwrap_or("").contains("src=")).count();
            assert_eq!(inline_scripts, 0, "{path}");
            assert!(!page.has(" style=\"") && !page.has("<style"), "{path}");
            assert!(page.header(header::STRICT_TRANSPORT_SECURITY).is_empty(), "no HSTS over plain HTTP");
        }
        assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self';") && !CONTENT_SECURITY_POLICY.contains("unsafe"));
        let init = h.oneshot(get("/api/docs/swagger-initializer.js", "")).await.expect(200);
        assert_eq!(init.header(header::CONTENT_SECURITY_POLICY), CONTENT_SECURITY_POLICY);
    }
);

both_backends!(
    async fn item6_hsts_when_the_public_address_is_https(db) {
        let config = WebConfig { public_url: "https://shop.example".into(), ..WebConfig::default() };
        let h = Harness::new(db, Clock::Manual, config);
        for path in ["/", "/api/openapi.json", "/healthz"] {
            let r = h.oneshot(get(path, "")).await.expect(200);
            assert_eq!(r.header(header::STRICT_TRANSPORT_SECURITY), "max-age=31536000", "{path}");
        }
    }
);

both_backends!(
    async fn item6_signed_in_pages_and_json_answers_are_not_stored(db) {
        let h = Harness::new(db, Clock::Manual, WebConfig::default());
        let cookie = signed_in(&h).await;
        let cache = |r: &Reply| r.header(header::CACHE_CONTROL).to_owned();
        assert_eq!(cache(&h.oneshot(get("/", "")).await.expect(200)), "", "a public page may be cached");
        assert_eq!(cache(&h.oneshot(get("/", &cookie)).await.expect(200)), "no-store", "it names the person");
        assert_eq!(cache(&h.oneshot(get("/account", &cookie)).await.expect(200)), "no-store");
        assert_eq!(cache(&h.oneshot(get("/api/openapi.json", "")).await.expect(200)), "no-store");
        assert_eq!(cache(&h.oneshot(get("/api/v1/nothing", "")).await.expect(404)), "no-store");
        let me = Request::get("/api/v1/accounts/me").header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
        assert_eq!(cache(&h.oneshot(me).await.expect(200)), "no-store");
        // Assets keep their own caching, whoever asks.
        let css = h.oneshot(get("/static/pepite.css", &cookie)).await.expect(200);
        assert!(cache(&css).starts_with("public"), "{}", cache(&css));
    }
);

both_backends!(
    async fn item6_metrics_are_not_public(db) {
        let h = Harness::new(db.clone(), Clock::Manual, WebConfig::default());
        h.oneshot(get("/metrics", "")).await.expect(404);
        let config = WebConfig { metrics_token: Some("s3cret-metrics-token".into()), ..WebConfig::default() };
        let h = Harness::new(db, Clock::Manual, config);
        let with = |auth: &str| Request::get("/metrics").header(header::AUTHORIZATION, auth).body(Body::empty()).unwrap();
        let refused = h.oneshot(get("/metrics", "")).await.expect(401);
        assert_eq!(refused.header(header::WWW_AUTHENTICATE), "Bearer");
        h.oneshot(with("Bearer s3cret-metrics-tokem")).await.expect(401);
        h.oneshot(with("Bearer s3cret")).await.expect(401);
        let metrics = h.oneshot(with("Bearer s3cret-metrics-token")).await.expect(200);
        assert!(metrics.has("http_requests_total"), "{}", metrics.body);
    }
);
