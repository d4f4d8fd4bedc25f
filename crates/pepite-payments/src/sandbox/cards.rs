//! The sandbox's test cards and PayPal tokens, and what each one does.

use pepite_app::payments::Method;

/// What the sandbox does with a payment token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Succeed,
    Decline(&'static str),
    /// 3-D Secure or PayPal approval: the buyer decides on the sandbox's page.
    Authenticate,
    /// The provider is down: nothing is charged.
    Down,
    /// The payment succeeds but the answer never arrives.
    Timeout,
}

/// The outcome the sandbox gives `token` paid with `method`.
pub(crate) fn outcome(method: Method, token: &str) -> Outcome {
    match method {
        Method::Card => card_outcome(token),
        Method::Paypal => match token {
            "paypal" => Outcome::Succeed,
            "paypal-decline" => Outcome::Decline("paypal_declined"),
            "paypal-auth" => Outcome::Authenticate,
            _ => Outcome::Decline("invalid_paypal_token"),
        },
    }
}

fn card_outcome(number: &str) -> Outcome {
    let digits: String = number.chars().filter(|c| *c != ' ').collect();
    if !passes_luhn(&digits) {
        return Outcome::Decline("invalid_number");
    }
    match digits.as_str() {
        "4242424242424242" | "5555555555554444" | "378282246310005" => Outcome::Succeed,
        "4000000000000002" => Outcome::Decline("card_declined"),
        "4000000000009995" => Outcome::Decline("insufficient_funds"),
        "4000000000000069" => Outcome::Decline("expired_card"),
        "4000002500003155" => Outcome::Authenticate,
        "4000000000000119" => Outcome::Down,
        "4000000000000259" => Outcome::Timeout,
        _ => Outcome::Decline("card_not_supported"),
    }
}

/// The Luhn checksum every real card number satisfies; a typo almost always breaks it.
fn passes_luhn(digits: &str) -> bool {
    if digits.len() < 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (false, _) => d,
                (true, twice) if twice > 9 => twice - 9,
                (true, twice) => twice,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_real_numbers_and_rejects_typos() {
        assert!(passes_luhn("4242424242424242"));
        assert!(passes_luhn("378282246310005"));
        assert!(!passes_luhn("4242424242424241"));
        assert!(!passes_luhn("42424242x4242424"));
        assert!(!passes_luhn(""));
    }
}
