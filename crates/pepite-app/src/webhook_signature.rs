//! Signed webhooks (O7, F4): `t=…,v1=…[,v1=…]`, each v1 the hex HMAC-SHA256 of "{t}.{raw body}"
//! under the endpoint's secret, the scheme Stripe uses and Pépite's carrier webhook copies.
//! Several v1 values appear while a secret is being rolled; any one matching is enough.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::payments::WebhookError;

/// How far a signature's timestamp may be from now, either way, before it counts as a replay.
pub const TOLERANCE_S: u64 = 300;

/// The signature header value for `body` signed at `t` (unix seconds).
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    format!("t={t},v1={}", expected_hex(secret, t, body))
}

fn expected_hex(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the signature, then its age; the body is the caller's to read afterwards.
pub fn check(
    secret: &str,
    header: Option<&str>,
    body: &[u8],
    now_unix_s: i64,
) -> Result<(), WebhookError> {
    let header = header
        .filter(|h| !h.trim().is_empty())
        .ok_or(WebhookError::MissingSignature)?;
    let mut t = None;
    let mut candidates = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => candidates.push(v),
            // v0 (Stripe's test-mode legacy) and unknown schemes are ignored.
            _ => {}
        }
    }
    let t = t.ok_or(WebhookError::BadSignature)?;
    let expected = expected_hex(secret, t, body);
    // Constant time, so response timing never reveals how much of a forged signature was right.
    let matched = candidates
        .iter()
        .any(|c| bool::from(expected.as_bytes().ct_eq(c.as_bytes())));
    if !matched {
        return Err(WebhookError::BadSignature);
    }
    if now_unix_s.abs_diff(t) > TOLERANCE_S {
        return Err(WebhookError::Stale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_refused_when_forged_or_stale() {
        let header = sign("s", 1_000, b"{}");
        assert_eq!(check("s", Some(&header), b"{}", 1_300), Ok(()));
        assert_eq!(
            check("s", Some(&header), b"{}", 1_301),
            Err(WebhookError::Stale)
        );
        assert_eq!(
            check("other", Some(&header), b"{}", 1_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check("s", Some(&header), b"{ }", 1_000),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            check("s", None, b"{}", 1_000),
            Err(WebhookError::MissingSignature)
        );
    }
}
