//! P1: a seller's payout account: an IBAN checked by its ISO 13616 checksum (mod 97) and its
//! country's length, an optional BIC (ISO 9362), the holder's name as a SEPA transfer carries
//! it. Pure text rules; the store keeps what passes.

use crate::fields::FieldErrors;

/// SEPA names hold at most 70 characters (the pain.001 `Nm` of the EPC guidelines).
pub const HOLDER_MAX_CHARS: usize = 70;

/// Countries whose IBANs a SEPA credit transfer reaches, with their IBANs' length (the SWIFT
/// IBAN registry). An IBAN of any other country is refused: no SEPA transfer reaches it.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

/// An IBAN as stored: capitals and digits, no spaces. `None` when it is not one: unknown
/// country, wrong length for it, a character outside A–Z 0–9, or a checksum that fails.
pub fn normalise_iban(raw: &str) -> Option<String> {
    let iban: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !iban.bytes().all(|b| b.is_ascii_alphanumeric()) || iban.len() < 5 {
        return None;
    }
    let (country, check) = (&iban[..2], &iban[2..4]);
    let length = LENGTHS.iter().find(|(c, _)| *c == country)?.1;
    if iban.len() != length || !check.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (mod97(&iban) == 1).then_some(iban)
}

/// ISO 13616: the first four characters moved to the end, letters read as 10–35, the whole
/// number taken modulo 97 digit by digit (it is far longer than any integer type).
fn mod97(iban: &str) -> u32 {
    let rotated = iban[4..].bytes().chain(iban[..4].bytes());
    rotated.fold(0u32, |acc, b| {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        }
    })
}

/// A BIC as stored (capitals, no spaces): 4 letters of bank, 2 of country, 2 of place, and
/// an optional 3-character branch. `None` when it is not one.
pub fn normalise_bic(raw: &str) -> Option<String> {
    let bic: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let b = bic.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    ok.then_some(bic)
}

/// The IBAN as shown once stored: hidden but its last four characters, which are enough
/// for its holder to recognise it and useless to anyone else.
pub fn masked_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().collect();
    let last4: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("•••• {last4}")
}

/// What a seller submits for their payout account.
#[derive(Debug, Clone, Default)]
pub struct PayoutAccountInput {
    pub iban: String,
    pub holder: String,
    /// Optional: SEPA transfers within the area need no BIC.
    pub bic: String,
}

/// A payout account that passed [`validate_payout_account`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutAccount {
    pub iban: String,
    pub holder: String,
    pub bic: Option<String>,
}

/// P1: every problem at once under its field: `iban` `required` or `iban_invalid`, `holder`
/// `required` or `too_long`, `bic` `bic_invalid`.
pub fn validate_payout_account(input: &PayoutAccountInput) -> Result<PayoutAccount, FieldErrors> {
    let mut e = FieldErrors::new();
    let iban = if input.iban.trim().is_empty() {
        e.add("iban", "required");
        None
    } else {
        let iban = normalise_iban(&input.iban);
        if iban.is_none() {
            e.add("iban", "iban_invalid");
        }
        iban
    };
    let holder = input
        .holder
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if holder.is_empty() {
        e.add("holder", "required");
    } else if holder.chars().count() > HOLDER_MAX_CHARS {
        e.add_limit("holder", "too_long", HOLDER_MAX_CHARS as i64);
    } else if holder.chars().any(char::is_control) {
        e.add("holder", "invalid");
    }
    let bic = if input.bic.trim().is_empty() {
        None
    } else {
        let bic = normalise_bic(&input.bic);
        if bic.is_none() {
            e.add("bic", "bic_invalid");
        }
        bic
    };
    match iban {
        Some(iban) if e.is_empty() => Ok(PayoutAccount { iban, holder, bic }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p1_iban_checksum_and_country_length_are_checked() {
        // Published examples of valid IBANs.
        assert_eq!(
            normalise_iban("fr76 3000 6000 0112 3456 7890 189").as_deref(),
            Some("FR7630006000011234567890189")
        );
        assert!(normalise_iban("DE89 3704 0044 0532 0130 00").is_some());
        assert!(normalise_iban("GB82 WEST 1234 5698 7654 32").is_some());
        assert!(normalise_iban("BE68 5390 0754 7034").is_some());
        // One digit changed: the checksum fails.
        assert_eq!(normalise_iban("FR7630006000011234567890188"), None);
        // Two digits swapped: mod 97 catches it too.
        assert_eq!(normalise_iban("FR7630006000011234567809189"), None);
        // A valid German IBAN with one digit dropped is the wrong length.
        assert_eq!(normalise_iban("DE8937040044053201300"), None);
        // Unknown country, stray characters, nothing.
        assert_eq!(normalise_iban("XX89370400440532013000"), None);
        assert_eq!(normalise_iban("FR76 3000 6000 0112 3456 7890 18!"), None);
        assert_eq!(normalise_iban("FR"), None);
    }

    #[test]
    fn p1_bic_has_8_or_11_characters_of_the_right_kinds() {
        assert_eq!(normalise_bic("bnpa frpp").as_deref(), Some("BNPAFRPP"));
        assert!(normalise_bic("BNPAFRPPXXX").is_some());
        assert_eq!(normalise_bic("BNPAFRP"), None);
        assert_eq!(normalise_bic("BNP1FRPP"), None);
    }

    #[test]
    fn p1_iban_is_shown_masked_but_the_last_four() {
        assert_eq!(masked_iban("FR7630006000011234567890189"), "•••• 0189");
        assert_eq!(masked_iban("DE89370400440532013000"), "•••• 3000");
    }

    #[test]
    fn p1_payout_account_errors_are_reported_per_field() {
        let bad = PayoutAccountInput {
            iban: "FR7630006000011234567890188".into(),
            holder: " ".into(),
            bic: "nope".into(),
        };
        let e = validate_payout_account(&bad).unwrap_err();
        assert_eq!(e.for_field("iban").map(|f| f.code), Some("iban_invalid"));
        assert_eq!(e.for_field("holder").map(|f| f.code), Some("required"));
        assert_eq!(e.for_field("bic").map(|f| f.code), Some("bic_invalid"));
        let good = PayoutAccountInput {
            iban: "FR76 3000 6000 0112 3456 7890 189".into(),
            holder: "  Léa   Martin ".into(),
            bic: String::new(),
        };
        let ok = validate_payout_account(&good).unwrap();
        assert_eq!(ok.holder, "Léa Martin");
        assert_eq!(ok.bic, None);
    }
}
