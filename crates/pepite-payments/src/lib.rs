//! Payments (rule O7): the two adapters of the app's `PaymentProvider` port, the built-in
//! deterministic `Sandbox` (the default: no network, no account) and a thin `Stripe` client.
//! No card data ever reaches Pépite: Stripe receives a PaymentMethod id made by its own page.

mod sandbox;
mod stripe;

use std::sync::Arc;

use pepite_app::payments::PaymentProvider;
pub use sandbox::Sandbox;
pub use stripe::{STRIPE_VERSION, Stripe, StripeConfig, TOLERANCE_S, sign_webhook};

/// The provider named by configuration: "sandbox" (the default, keeping its books in `db`),
/// or "stripe" with its keys.
pub fn from_config(
    kind: &str,
    stripe: Option<StripeConfig>,
    db: pepite_store::Db,
) -> Result<Arc<dyn PaymentProvider>, String> {
    match kind {
        "sandbox" => Ok(Arc::new(Sandbox::new(db))),
        "stripe" => {
            let config = stripe
                .filter(|c| !c.secret_key.trim().is_empty() && !c.webhook_secret.trim().is_empty())
                .ok_or_else(|| {
                    "the stripe payment provider needs both a secret key (sk_…) and a webhook \
                     signing secret (whsec_…)"
                        .to_owned()
                })?;
            Ok(Arc::new(Stripe::new(config).map_err(|e| e.to_string())?))
        }
        other => Err(format!(
            "unknown payment provider {other:?}: expected \"sandbox\" or \"stripe\""
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret_key: &str, webhook_secret: &str) -> StripeConfig {
        StripeConfig {
            secret_key: secret_key.into(),
            webhook_secret: webhook_secret.into(),
            ..StripeConfig::default()
        }
    }

    #[tokio::test]
    async fn config_picks_the_named_provider() {
        let t = pepite_testkit::sqlite().await;
        let from_config = |kind, stripe| from_config(kind, stripe, t.db.clone());
        assert_eq!(from_config("sandbox", None).unwrap().name(), "sandbox");
        let stripe = from_config("stripe", Some(keys("sk_test_1", "whsec_1"))).unwrap();
        assert_eq!(stripe.name(), "stripe");
        assert!(stripe.sandbox().is_none());
    }

    #[tokio::test]
    async fn stripe_without_its_keys_is_refused_with_a_clear_message() {
        let t = pepite_testkit::sqlite().await;
        let from_config = |kind, stripe| from_config(kind, stripe, t.db.clone());
        for config in [
            None,
            Some(keys("", "whsec_1")),
            Some(keys("sk_test_1", " ")),
        ] {
            let err = from_config("stripe", config).err().unwrap();
            assert!(
                err.contains("secret key") && err.contains("webhook"),
                "{err}"
            );
        }
        assert!(
            from_config("paypal", None)
                .err()
                .unwrap()
                .contains("unknown")
        );
    }

    #[test]
    fn debug_output_never_shows_the_secrets() {
        let stripe = Stripe::new(keys("sk_live_secret", "whsec_secret")).unwrap();
        let shown = format!("{stripe:?}");
        assert!(!shown.contains("sk_live_secret") && !shown.contains("whsec_secret"));
        assert!(shown.contains("api.stripe.com"));
    }
}
