//! Gift cards (G1, G2) and how stored-value instruments pay part of an order (O10).

use crate::fields::FieldErrors;
use crate::policy::Policy;
use crate::time::DAY_US;

/// Letters and digits a person cannot misread: no 0/O, no 1/I/L. 31 symbols.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_CHARS: usize = 16;

/// O10: takes from each instrument in the order given, up to its available balance, until
/// `total_cents` is covered. Returns (instrument id, amount) for instruments used (amount > 0)
/// and the remainder to charge to the card. Negative balances or totals count as zero.
pub fn allocate_instruments(total_cents: i64, available: &[(i64, i64)]) -> (Vec<(i64, i64)>, i64) {
    let mut remaining = total_cents.max(0);
    let mut used = Vec::new();
    for &(id, balance) in available {
        let take = balance.max(0).min(remaining);
        if take > 0 {
            used.push((id, take));
            remaining -= take;
        }
    }
    (used, remaining)
}

/// G1: a gift card is bought for an amount within the policy's limits.
pub fn check_gift_card_amount(policy: &Policy, amount_cents: i64) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if !(policy.gift_card_min_cents..=policy.gift_card_max_cents).contains(&amount_cents) {
        e.add("amount", "out_of_range");
    }
    e.into_result(())
}

/// G1: expiry instant = purchase + gift_card_validity_days (whole days of 24 h).
pub fn gift_card_expiry(policy: &Policy, purchased_at_us: i64) -> i64 {
    purchased_at_us.saturating_add(policy.gift_card_validity_days.saturating_mul(DAY_US))
}

fn format_code(symbols: &[u8]) -> String {
    let mut out = String::with_capacity(CODE_CHARS + 3);
    for (i, s) in symbols.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(*s));
    }
    out
}

/// A gift-card code from 16 random bytes given by the caller (the domain reads no
/// randomness): "XXXX-XXXX-XXXX-XXXX". The bytes are read as one 128-bit number written in
/// base 31, which keeps about 79 bits of the randomness with no measurable bias (a byte taken
/// modulo 31 would favour eight symbols).
pub fn gift_card_code(random: &[u8; 16]) -> String {
    let mut n = u128::from_be_bytes(*random);
    let base = ALPHABET.len() as u128;
    let mut symbols = [0u8; CODE_CHARS];
    for s in &mut symbols {
        *s = ALPHABET[(n % base) as usize];
        n /= base;
    }
    format_code(&symbols)
}

/// The canonical form of a code as typed: case, spaces and dashes do not matter. None when
/// it cannot be a code (wrong length or a symbol the alphabet lacks).
pub fn normalise_gift_card_code(raw: &str) -> Option<String> {
    let symbols: Vec<u8> = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .map(|c| u8::try_from(c).ok().filter(|b| ALPHABET.contains(b)))
        .collect::<Option<_>>()?;
    (symbols.len() == CODE_CHARS).then(|| format_code(&symbols))
}

/// A code as shown to anyone but the card's buyer and recipient (invoices, order views, staff,
/// a sent message kept in the outbox): only its last four symbols, enough to tell cards apart
/// and far too little to spend what is left on one.
pub fn masked_gift_card_code(code: &str) -> String {
    let symbols: Vec<char> = code.chars().filter(|c| *c != '-').collect();
    let tail: String = symbols[symbols.len().saturating_sub(4)..].iter().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_a_masked_code_shows_its_last_four_symbols_only() {
        assert_eq!(masked_gift_card_code("ABCD-EFGH-JKLM-NPQR"), "…NPQR");
        assert_eq!(masked_gift_card_code("AB"), "…AB");
        assert_eq!(masked_gift_card_code(""), "…");
    }

    #[test]
    fn o10_instruments_pay_in_order_and_the_rest_goes_to_the_card() {
        assert_eq!(
            allocate_instruments(10_000, &[(1, 3_000), (2, 0), (3, 5_000)]),
            (vec![(1, 3_000), (3, 5_000)], 2_000)
        );
        assert_eq!(
            allocate_instruments(4_000, &[(1, 3_000), (2, 5_000), (3, 9_000)]),
            (vec![(1, 3_000), (2, 1_000)], 0),
            "unused balance stays on the card"
        );
        assert_eq!(allocate_instruments(0, &[(1, 3_000)]), (vec![], 0));
    }

    #[test]
    fn g1_gift_cards_cost_from_25_to_500_euros() {
        let p = Policy::marketplace();
        assert!(check_gift_card_amount(&p, 2_500).is_ok());
        assert!(check_gift_card_amount(&p, 50_000).is_ok());
        let e = check_gift_card_amount(&p, 2_499).unwrap_err();
        assert_eq!(e.for_field("amount").unwrap().code, "out_of_range");
        assert!(check_gift_card_amount(&p, 50_001).is_err());
    }

    #[test]
    fn g1_gift_cards_are_valid_one_year() {
        let p = Policy::marketplace();
        assert_eq!(gift_card_expiry(&p, 1_000), 1_000 + 365 * DAY_US);
    }

    #[test]
    fn g1_codes_use_an_unambiguous_alphabet_in_four_groups() {
        let code = gift_card_code(&[0xA5; 16]);
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_ne!(code, gift_card_code(&[0x5A; 16]));
        assert_eq!(gift_card_code(&[0; 16]), "2222-2222-2222-2222");
    }

    #[test]
    fn g2_codes_are_read_whatever_the_case_spaces_and_dashes() {
        let code = gift_card_code(&[7; 16]);
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(normalise_gift_card_code(&typed), Some(code.clone()));
        assert_eq!(normalise_gift_card_code(&code.replace('-', "")), Some(code));
        assert_eq!(normalise_gift_card_code("ABCD-EFGH-JKMN-PQR"), None);
        assert_eq!(normalise_gift_card_code("ABCD-EFGH-JKMN-PQR0"), None);
        assert_eq!(normalise_gift_card_code("ÀBCD-EFGH-JKMN-PQRS"), None);
    }
}
