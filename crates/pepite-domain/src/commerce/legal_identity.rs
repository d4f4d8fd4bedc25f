//! O11/P3: the platform's legal identity, printed on every invoice. Part of the policy, so a
//! shop running this engine prints its own without a new build.

use serde::{Deserialize, Serialize};

use crate::fields::FieldErrors;

/// Longest line an invoice's identity block holds.
const MAX_CHARS: usize = 120;

/// Who issues the invoices: company name, postal address, registration and VAT numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalIdentity {
    pub name: String,
    pub address: String,
    /// Company registration (for instance "RCS Paris 912 345 678 · SIRET …"); may be empty.
    pub registration: String,
    /// Intra-community VAT number; may be empty.
    pub vat_id: String,
    /// P1: the account sellers' payouts are sent from (the debtor of the SEPA file).
    /// Defaulted when absent, so a policy saved before payouts existed still loads.
    #[serde(default = "demo_payout_iban")]
    pub payout_iban: String,
    /// Its bank's BIC; may be empty (SEPA needs none within the area).
    #[serde(default)]
    pub payout_bic: String,
    /// Where buyers write to customer service (shown on every piece page). Defaulted when
    /// absent, so a policy saved before it existed still loads.
    #[serde(default = "demo_support_email")]
    pub support_email: String,
}

fn demo_support_email() -> String {
    "service@pepite.fr".into()
}

/// The demo account (a published example IBAN, valid checksum) until the operator saves its own.
fn demo_payout_iban() -> String {
    "FR7630006000011234567890189".into()
}

impl LegalIdentity {
    /// The marketplace's identity (demo values until the operator saves its own).
    pub fn marketplace() -> Self {
        LegalIdentity {
            name: "Pépite SAS".into(),
            address: "18 rue du Faubourg-Poissonnière, 75010 Paris, France".into(),
            registration: "RCS Paris 912 345 678 · SIRET 912 345 678 00017".into(),
            vat_id: "FR 27 912345678".into(),
            payout_iban: demo_payout_iban(),
            payout_bic: String::new(),
            support_email: demo_support_email(),
        }
    }

    /// A name and an address are required; no line may be longer than an invoice holds.
    pub fn validate(&self, e: &mut FieldErrors) {
        for (field, value, required) in [
            ("legal_identity.name", &self.name, true),
            ("legal_identity.address", &self.address, true),
            ("legal_identity.registration", &self.registration, false),
            ("legal_identity.vat_id", &self.vat_id, false),
        ] {
            if required && value.trim().is_empty() {
                e.add(field, "required");
            } else if value.chars().count() > MAX_CHARS {
                e.add_limit(field, "too_long", MAX_CHARS as i64);
            }
        }
        let email = self.support_email.trim();
        if email.len() > MAX_CHARS || email.split('@').filter(|p| !p.is_empty()).count() != 2 {
            e.add("legal_identity.support_email", "invalid_email");
        }
        // P1: payouts leave from this account: it must be one a bank takes, as stored.
        if super::normalise_iban(&self.payout_iban).as_deref() != Some(self.payout_iban.as_str()) {
            e.add("legal_identity.payout_iban", "iban_invalid");
        }
        if !self.payout_bic.is_empty()
            && super::normalise_bic(&self.payout_bic).as_deref() != Some(self.payout_bic.as_str())
        {
            e.add("legal_identity.payout_bic", "bic_invalid");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p3_an_identity_needs_a_name_and_an_address_of_sensible_length() {
        let mut e = FieldErrors::new();
        LegalIdentity::marketplace().validate(&mut e);
        assert!(e.is_empty());
        let bad = LegalIdentity {
            name: " ".into(),
            address: "x".repeat(MAX_CHARS + 1),
            registration: String::new(),
            vat_id: String::new(),
            payout_iban: "FR7630006000011234567890188".into(),
            payout_bic: String::new(),
            support_email: demo_support_email(),
        };
        let mut e = FieldErrors::new();
        bad.validate(&mut e);
        assert!(e.for_field("legal_identity.name").is_some());
        assert!(e.for_field("legal_identity.address").is_some());
        assert!(e.for_field("legal_identity.vat_id").is_none());
        assert_eq!(
            e.for_field("legal_identity.payout_iban").map(|f| f.code),
            Some("iban_invalid")
        );
    }
}
