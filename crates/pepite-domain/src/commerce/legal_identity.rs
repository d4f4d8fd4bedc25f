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
}

impl LegalIdentity {
    /// The marketplace's identity (demo values until the operator saves its own).
    pub fn marketplace() -> Self {
        LegalIdentity {
            name: "Pépite SAS".into(),
            address: "18 rue du Faubourg-Poissonnière, 75010 Paris, France".into(),
            registration: "RCS Paris 912 345 678 · SIRET 912 345 678 00017".into(),
            vat_id: "FR 27 912345678".into(),
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
        };
        let mut e = FieldErrors::new();
        bad.validate(&mut e);
        assert!(e.for_field("legal_identity.name").is_some());
        assert!(e.for_field("legal_identity.address").is_some());
        assert!(e.for_field("legal_identity.vat_id").is_none());
    }
}
