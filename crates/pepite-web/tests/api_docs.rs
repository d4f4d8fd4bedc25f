//! The OpenAPI document lists every route, and its readable page works without the network.

mod support;

use axum::http::StatusCode;
use support::api::Api;

/// Every operation of the API, as `METHOD path`.
const OPERATIONS: &[&str] = &[
    "delete /api/v1/addresses/{id}",
    "delete /api/v1/admin/users/{id}/roles/{role}",
    "delete /api/v1/auth/session",
    "delete /api/v1/auth/tokens/{id}",
    "delete /api/v1/cart/lines/{piece_id}",
    "delete /api/v1/carts/{cart_token}/lines/{piece_id}",
    "delete /api/v1/partner/programmes/{id}/channels/{channel}",
    "delete /api/v1/pieces/{id}",
    "delete /api/v1/pieces/{id}/alert",
    "delete /api/v1/pieces/{id}/photos/{photo_id}",
    "delete /api/v1/trade-in/voucher-requests/{id}",
    "get /api/v1/accounts/me",
    "get /api/v1/addresses",
    "get /api/v1/admin/clock",
    "get /api/v1/admin/pieces",
    "get /api/v1/admin/staff",
    "get /api/v1/admin/users",
    "get /api/v1/admin/users/{id}",
    "get /api/v1/alerts",
    "get /api/v1/auth/tokens",
    "get /api/v1/carriers",
    "get /api/v1/cart",
    "get /api/v1/carts/{cart_token}",
    "get /api/v1/channel/vouchers/{code}",
    "get /api/v1/discount-codes",
    "get /api/v1/discount-codes/{id}",
    "get /api/v1/finance/accounts",
    "get /api/v1/finance/accounts/{key}/entries",
    "get /api/v1/finance/journal.csv",
    "get /api/v1/finance/payables",
    "get /api/v1/finance/payables.csv",
    "get /api/v1/finance/payouts",
    "get /api/v1/finance/payouts/{id}",
    "get /api/v1/finance/payouts/{id}/file",
    "get /api/v1/gift-cards",
    "get /api/v1/gift-cards/balance",
    "get /api/v1/me/export",
    "get /api/v1/me/notifications",
    "get /api/v1/offers",
    "get /api/v1/offers/{id}",
    "get /api/v1/orders",
    "get /api/v1/orders/{id}",
    "get /api/v1/orders/{id}/invoice",
    "get /api/v1/orders/{id}/parcels/{parcel}/label",
    "get /api/v1/orders/{id}/returns",
    "get /api/v1/orders/{id}/returns/quote",
    "get /api/v1/orders/{id}/workshop",
    "get /api/v1/partner/programmes/{id}",
    "get /api/v1/partner/programmes/{id}/channels",
    "get /api/v1/pieces",
    "get /api/v1/pieces/{id}",
    "get /api/v1/policy",
    "get /api/v1/returns/{id}/parcels/{parcel}/label",
    "get /api/v1/returns/{id}/slip",
    "get /api/v1/seller/offers",
    "get /api/v1/seller/orders",
    "get /api/v1/seller/payout-account",
    "get /api/v1/seller/statement",
    "get /api/v1/seller/support/questions",
    "get /api/v1/sellers",
    "get /api/v1/sellers/me",
    "get /api/v1/sellers/me/imports/template",
    "get /api/v1/sellers/me/pieces",
    "get /api/v1/sellers/{id}",
    "get /api/v1/shops",
    "get /api/v1/shops/{id}",
    "get /api/v1/shops/{id}/policy",
    "get /api/v1/staff/jobs",
    "get /api/v1/staff/notifications",
    "get /api/v1/staff/orders",
    "get /api/v1/staff/parcel-reports",
    "get /api/v1/staff/support/conversations",
    "get /api/v1/staff/support/conversations/{id}",
    "get /api/v1/staff/support/conversations/{id}/files/{file_id}",
    "get /api/v1/staff/support/conversations/{id}/seller-questions",
    "get /api/v1/staff/trade-in/boxes",
    "get /api/v1/staff/trade-in/boxes/{id}",
    "get /api/v1/staff/workshop",
    "get /api/v1/staff/workshop/late",
    "get /api/v1/staff/workshop/orders/{id}",
    "get /api/v1/staff/workshop/scan",
    "get /api/v1/support/conversations",
    "get /api/v1/support/conversations/{id}",
    "get /api/v1/support/conversations/{id}/files/{file_id}",
    "get /api/v1/trade-in/boxes",
    "get /api/v1/trade-in/boxes/{id}",
    "get /api/v1/trade-in/credit",
    "get /api/v1/trade-in/programmes",
    "get /api/v1/trade-in/programmes/{id}/styles",
    "patch /api/v1/accounts/me",
    "patch /api/v1/pieces/{id}",
    "patch /api/v1/sellers/me",
    "post /api/v1/accounts",
    "post /api/v1/accounts/me/password",
    "post /api/v1/addresses",
    "post /api/v1/admin/clock",
    "post /api/v1/admin/trade-in/programmes",
    "post /api/v1/admin/users/{id}/disable",
    "post /api/v1/admin/users/{id}/enable",
    "post /api/v1/auth/password-reset",
    "post /api/v1/auth/password-reset/confirm",
    "post /api/v1/auth/tokens",
    "post /api/v1/auth/verify-email",
    "post /api/v1/carriers/{carrier}/events",
    "post /api/v1/cart/lines",
    "post /api/v1/cart/merge",
    "post /api/v1/carts",
    "post /api/v1/carts/{cart_token}/lines",
    "post /api/v1/channel/redemptions",
    "post /api/v1/channel/redemptions/{id}/reversal",
    "post /api/v1/checkout",
    "post /api/v1/checkout/quote",
    "post /api/v1/discount-codes",
    "post /api/v1/finance/payouts",
    "post /api/v1/finance/payouts/{id}/paid",
    "post /api/v1/gift-cards",
    "post /api/v1/me/close",
    "post /api/v1/offers",
    "post /api/v1/offers/{id}/buy",
    "post /api/v1/offers/{id}/decline",
    "post /api/v1/orders/{id}/cancel",
    "post /api/v1/orders/{id}/parcels/{parcel}/report",
    "post /api/v1/orders/{id}/payment/resume",
    "post /api/v1/orders/{id}/pieces/{piece}/choice",
    "post /api/v1/orders/{id}/returns",
    "post /api/v1/partner/programmes/{id}/channels",
    "post /api/v1/partner/programmes/{id}/styles",
    "post /api/v1/payments/webhook",
    "post /api/v1/pieces",
    "post /api/v1/pieces/{id}/list",
    "post /api/v1/pieces/{id}/photos",
    "post /api/v1/pieces/{id}/photos/{photo_id}/cover",
    "post /api/v1/pieces/{id}/withdraw",
    "post /api/v1/returns/{id}/pieces/{piece}/receipt",
    "post /api/v1/returns/{id}/withdrawal",
    "post /api/v1/seller/offers/{id}/accept",
    "post /api/v1/seller/offers/{id}/counter",
    "post /api/v1/seller/offers/{id}/refuse",
    "post /api/v1/seller/orders/{id}/parcels/{parcel}/shipment",
    "post /api/v1/seller/orders/{id}/pieces/{piece}/sent",
    "post /api/v1/seller/support/questions/{id}/answer",
    "post /api/v1/sellers",
    "post /api/v1/sellers/me/imports",
    "post /api/v1/shops",
    "post /api/v1/staff/jobs/{id}/retry",
    "post /api/v1/staff/notifications/{id}/retry",
    "post /api/v1/staff/orders/{id}/parcels/{parcel}/delivery",
    "post /api/v1/staff/orders/{id}/parcels/{parcel}/report/decision",
    "post /api/v1/staff/pieces/{id}/relist",
    "post /api/v1/staff/returns/{id}/decision",
    "post /api/v1/staff/support/conversations/{id}/messages",
    "post /api/v1/staff/support/conversations/{id}/seller-questions",
    "post /api/v1/staff/support/seller-questions/{id}/pass-on",
    "post /api/v1/staff/trade-in/boxes/{id}/arrival",
    "post /api/v1/staff/trade-in/items/{id}/listing",
    "post /api/v1/staff/trade-in/items/{id}/photos",
    "post /api/v1/staff/trade-in/items/{id}/piece",
    "post /api/v1/staff/trade-in/items/{id}/refurbishment",
    "post /api/v1/staff/trade-in/items/{id}/verdict",
    "post /api/v1/staff/workshop/orders/{id}/pack",
    "post /api/v1/staff/workshop/orders/{id}/pieces/{piece}/arrival",
    "post /api/v1/staff/workshop/orders/{id}/pieces/{piece}/cancellation",
    "post /api/v1/staff/workshop/orders/{id}/pieces/{piece}/check",
    "post /api/v1/staff/workshop/orders/{id}/pieces/{piece}/reminder",
    "post /api/v1/staff/workshop/orders/{id}/ship",
    "post /api/v1/support/conversations",
    "post /api/v1/support/conversations/{id}/messages",
    "post /api/v1/trade-in/boxes/{id}/accept",
    "post /api/v1/trade-in/programmes/{id}/quotes",
    "post /api/v1/trade-in/vouchers",
    "put /api/v1/admin/carriers/{code}",
    "put /api/v1/admin/users/{id}/roles/{role}",
    "put /api/v1/cart/discount-code",
    "put /api/v1/carts/{cart_token}/discount-code",
    "put /api/v1/discount-codes/{id}",
    "put /api/v1/partner/programmes/{id}",
    "put /api/v1/pieces/{id}/alert",
    "put /api/v1/pieces/{id}/photos/order",
    "put /api/v1/policy",
    "put /api/v1/seller/payout-account",
    "put /api/v1/shops/{id}",
    "put /api/v1/shops/{id}/policy",
    "put /api/v1/staff/support/conversations/{id}/assignment",
    "put /api/v1/staff/support/conversations/{id}/state",
];

#[tokio::test]
async fn openapi_lists_every_route() {
    let db = pepite_testkit::sqlite().await;
    let api = Api::new(db.db.clone()).await;
    let r = api.get("/api/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(doc["info"]["title"], "Pépite API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["Problem"].is_object());

    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            documented.push(format!("{method} {path}"));
            let responses = operation["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} documents its success"
            );
            assert!(
                !operation["tags"].as_array().unwrap().is_empty(),
                "{method} {path} has a tag"
            );
        }
    }
    documented.sort();
    let mut expected: Vec<String> = OPERATIONS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(documented, expected);

    // Every documented path is routed: none of them answers the router's own 404.
    for op in OPERATIONS {
        let (method, path) = op.split_once(' ').unwrap();
        let concrete = path
            .replace("{id}", "1")
            .replace("{photo_id}", "1")
            .replace("{role}", "admin")
            .replace("{cart_token}", "no-such-cart")
            .replace("{piece_id}", "1")
            .replace("{key}", "psp:clearing")
            .replace("{parcel}", "1")
            .replace("{piece}", "1")
            .replace("{code}", "colissimo")
            .replace("{carrier}", "colissimo");
        let reply = api
            .call(
                method.to_uppercase().parse().unwrap(),
                &concrete,
                None,
                None,
            )
            .await;
        assert!(reply.status.as_u16() < 500, "{op}: {}", reply.status);
        assert_ne!(
            reply.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{op} is documented but not routed"
        );
        if reply.status == StatusCode::NOT_FOUND {
            assert!(
                reply.json()["detail"].is_null(),
                "{op} is documented but not routed"
            );
        }
    }
}

#[tokio::test]
async fn api_docs_served_offline() {
    let db = pepite_testkit::sqlite().await;
    let api = Api::new(db.db.clone()).await;
    let page = api.get("/api/docs/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type().starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("swagger-ui"), "{html}");
    for tag in html
        .split("<script")
        .skip(1)
        .chain(html.split("<link").skip(1))
    {
        let head = tag.split('>').next().unwrap_or("");
        assert!(
            !head.contains("http://") && !head.contains("https://"),
            "external asset: {head}"
        );
    }
    // The assets the page names are served by the binary itself.
    for asset in [
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-initializer.js",
    ] {
        let r = api.get(&format!("/api/docs/{asset}"), None).await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
        assert!(!r.bytes.is_empty(), "{asset}");
    }
    let init = api
        .get("/api/docs/swagger-initializer.js", None)
        .await
        .text();
    assert!(init.contains("/api/openapi.json"), "{init}");
}

/// A response as the document gives it, following a `$ref` to the reusable responses.
fn resolved<'a>(
    doc: &'a serde_json::Value,
    response: &'a serde_json::Value,
) -> &'a serde_json::Value {
    match response["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &doc["components"]["responses"][name]
        }
        None => response,
    }
}

/// Issue 9, item 8: every operation lists the problem answers its extractors can give (401
/// when it needs a token, 404 for an id in the path, 400 for a query string or a body, 413
/// for a body), and every error answer is described as a problem document.
#[tokio::test]
async fn item8_every_operation_documents_its_problem_answers() {
    let db = pepite_testkit::sqlite().await;
    let api = Api::new(db.db.clone()).await;
    let doc = api.get("/api/openapi.json", None).await.json();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let has = |status: &str| responses.contains_key(status);
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let located = |place: &str| params.iter().any(|p| p["in"] == place);
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            let body = op.get("requestBody").is_some();
            assert!(!secured || has("401"), "{method} {path}: 401");
            assert!(!located("path") || has("404"), "{method} {path}: 404");
            assert!(
                !(located("query") || body) || has("400"),
                "{method} {path}: 400"
            );
            assert!(!body || has("413"), "{method} {path}: 413");
            for (status, response) in responses {
                if status.as_str() < "400" {
                    continue;
                }
                let content = &resolved(&doc, response)["content"]["application/problem+json"];
                assert_eq!(
                    content["schema"]["$ref"], "#/components/schemas/Problem",
                    "{method} {path} {status} is a problem document"
                );
            }
        }
    }
}

/// Issue 9, item 8: what the server requires is `required`, closed vocabularies are enums and
/// bounds are declared, taken from the same lists the validation uses.
#[tokio::test]
async fn item8_the_document_declares_required_fields_enumerations_and_bounds() {
    let db = pepite_testkit::sqlite().await;
    let api = Api::new(db.db.clone()).await;
    let doc = api.get("/api/openapi.json", None).await.json();
    let schemas = &doc["components"]["schemas"];

    let sign_up = &schemas["SignUpRequest"];
    for field in ["email", "password", "display_name", "language", "country"] {
        assert!(
            sign_up["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == field),
            "sign-up requires {field}"
        );
    }
    assert_eq!(sign_up["properties"]["email"]["format"], "email");
    assert_eq!(sign_up["properties"]["password"]["minLength"], 12);
    assert_eq!(
        sign_up["properties"]["language"]["enum"],
        serde_json::json!(["fr", "en"])
    );
    let countries = sign_up["properties"]["country"]["enum"].as_array().unwrap();
    assert!(countries.iter().any(|c| c == "FR") && !countries.iter().any(|c| c == "XX"));

    let search = doc["paths"]["/api/v1/pieces"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let param = |name: &str| search.iter().find(|p| p["name"] == name).unwrap()["schema"].clone();
    assert_eq!(param("limit")["minimum"], 1);
    assert_eq!(param("limit")["maximum"], 100);
    assert!(
        param("grade")["items"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "very_good")
    );
    assert!(
        param("sort")["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "price_asc")
    );

    // The policy's shape comes from the policy itself: every field is required.
    let policy = &schemas["PolicyUpdate"]["properties"]["policy"];
    assert!(
        policy["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "qc_fee_bps")
    );
    assert_eq!(policy["properties"]["qc_fee_bps"]["type"], "integer");
    let zone = &policy["properties"]["shipping_rates"]["items"]["properties"]["zone"];
    assert!(
        zone["enum"]
            .as_array()
            .unwrap()
            .iter()
            .any(|z| z == "rest_of_europe")
    );
    let pair = &policy["properties"]["grouped_collect_days"];
    assert_eq!(
        (pair["minItems"].clone(), pair["maxItems"].clone()),
        (2.into(), 2.into())
    );
}
