//! The policy form (P3): each figure typed in the unit people think in (a rate in %, a cap in
//! €, a threshold in £, pounds for one euro), the three tables as tables of inputs
//! (`policy_tables`), the legal identity printed on invoices as four lines of text. Read back
//! onto the policy in force, so the fields the form does not show (sign-in limits, photo
//! sizes) stay.

use std::collections::HashMap;

use pepite_domain::commerce::{LegalIdentity, normalise_bic, normalise_iban};
use pepite_domain::policy::Policy;
use pepite_domain::{FieldError, FieldErrors};
use serde::Deserialize;

use super::numbers::{amount_or_zero, format_amount, format_scaled, parse_scaled, whole};
use super::policy_legal_texts::LegalTextsForm;
use super::policy_tables::PolicyTables;
use crate::pages::PageCtx;

/// Field names are the policy's own, so that its validation errors land beside them; the
/// two bounds of the collection time share the error of `grouped_collect_days`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct PolicyForm {
    pub version: String,
    pub qc_fee_bps: String,
    pub qc_fee_cap_cents: String,
    pub commission_bps: String,
    pub hold_minutes: String,
    pub gift_card_min_cents: String,
    pub gift_card_max_cents: String,
    pub gift_card_validity_days: String,
    pub uk_vat_threshold_pence: String,
    pub uk_vat_bps: String,
    pub gbp_per_eur_ppm: String,
    pub return_window_days: String,
    pub sold_visible_days: String,
    #[serde(default)]
    pub qc_choice_days: String,
    #[serde(default)]
    pub workshop_late_days: String,
    pub grouped_collect_min: String,
    pub grouped_collect_max: String,
    pub workshop_country: String,
    #[serde(rename = "legal_identity.name")]
    pub legal_name: String,
    #[serde(rename = "legal_identity.address")]
    pub legal_address: String,
    #[serde(rename = "legal_identity.registration")]
    pub legal_registration: String,
    #[serde(rename = "legal_identity.vat_id")]
    pub legal_vat_id: String,
    #[serde(rename = "legal_identity.payout_iban", default)]
    pub legal_payout_iban: String,
    #[serde(rename = "legal_identity.payout_bic", default)]
    pub legal_payout_bic: String,
    #[serde(flatten)]
    pub legal_texts: LegalTextsForm,
    /// The tables' cells (`shipping_rates.0.zone`…): every field not named above.
    #[serde(flatten)]
    pub cells: HashMap<String, String>,
    /// The tables shown: the policy's, or the cells as they were sent.
    #[serde(skip)]
    pub tables: Option<PolicyTables>,
}

impl PolicyForm {
    pub fn from_policy(ctx: &PageCtx, p: &Policy, version: i64) -> Self {
        let lang = ctx.lang;
        let percent = |bps: i64| format_scaled(bps, 2, lang);
        PolicyForm {
            version: version.to_string(),
            qc_fee_bps: percent(p.qc_fee_bps),
            qc_fee_cap_cents: format_amount(p.qc_fee_cap_cents, lang),
            commission_bps: percent(p.commission_bps),
            hold_minutes: p.hold_minutes.to_string(),
            gift_card_min_cents: format_amount(p.gift_card_min_cents, lang),
            gift_card_max_cents: format_amount(p.gift_card_max_cents, lang),
            gift_card_validity_days: p.gift_card_validity_days.to_string(),
            uk_vat_threshold_pence: format_amount(p.uk_vat_threshold_pence, lang),
            uk_vat_bps: percent(p.uk_vat_bps),
            gbp_per_eur_ppm: format_scaled(p.gbp_per_eur_ppm, 6, lang),
            return_window_days: p.return_window_days.to_string(),
            sold_visible_days: p.sold_visible_days.to_string(),
            qc_choice_days: p.qc_choice_days.to_string(),
            workshop_late_days: p.workshop_late_days.to_string(),
            grouped_collect_min: p.grouped_collect_days.0.to_string(),
            grouped_collect_max: p.grouped_collect_days.1.to_string(),
            workshop_country: p.workshop_country.clone(),
            legal_name: p.legal_identity.name.clone(),
            legal_address: p.legal_identity.address.clone(),
            legal_registration: p.legal_identity.registration.clone(),
            legal_vat_id: p.legal_identity.vat_id.clone(),
            legal_payout_iban: p.legal_identity.payout_iban.clone(),
            legal_payout_bic: p.legal_identity.payout_bic.clone(),
            legal_texts: LegalTextsForm::from_texts(&p.legal_texts),
            cells: HashMap::new(),
            tables: Some(PolicyTables::from_policy(p, lang)),
        }
    }

    /// The tables to show: the policy's when the form was filled from it, else what was sent.
    pub fn tables(&self) -> PolicyTables {
        match &self.tables {
            Some(t) => t.clone(),
            None => PolicyTables::from_cells(&self.cells),
        }
    }

    /// The version the person read, to save against (0 when none was ever saved).
    pub fn version(&self) -> i64 {
        self.version.trim().parse().unwrap_or(-1)
    }

    /// `base` with what was typed, or every field that could not be read. Whether the values
    /// make sense together is `Policy::validate`'s to say, in the use case.
    pub fn apply(&self, base: &Policy) -> Result<Policy, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut p = base.clone();
        let mut set = |target: &mut i64, read: Result<i64, FieldError>| {
            if let Some(v) = e.take(read) {
                *target = v;
            }
        };
        set(&mut p.qc_fee_bps, percent("qc_fee_bps", &self.qc_fee_bps));
        set(
            &mut p.qc_fee_cap_cents,
            amount_or_zero("qc_fee_cap_cents", &self.qc_fee_cap_cents),
        );
        set(
            &mut p.commission_bps,
            percent("commission_bps", &self.commission_bps),
        );
        set(
            &mut p.hold_minutes,
            whole("hold_minutes", &self.hold_minutes),
        );
        set(
            &mut p.gift_card_min_cents,
            amount_or_zero("gift_card_min_cents", &self.gift_card_min_cents),
        );
        set(
            &mut p.gift_card_max_cents,
            amount_or_zero("gift_card_max_cents", &self.gift_card_max_cents),
        );
        set(
            &mut p.gift_card_validity_days,
            whole("gift_card_validity_days", &self.gift_card_validity_days),
        );
        set(
            &mut p.uk_vat_threshold_pence,
            amount_or_zero("uk_vat_threshold_pence", &self.uk_vat_threshold_pence),
        );
        set(&mut p.uk_vat_bps, percent("uk_vat_bps", &self.uk_vat_bps));
        set(
            &mut p.gbp_per_eur_ppm,
            parse_scaled(&self.gbp_per_eur_ppm, 6)
                .ok_or(FieldError::new("gbp_per_eur_ppm", "invalid_rate")),
        );
        set(
            &mut p.return_window_days,
            whole("return_window_days", &self.return_window_days),
        );
        set(
            &mut p.sold_visible_days,
            whole("sold_visible_days", &self.sold_visible_days),
        );
        // F6 and late pieces: a form without these delays (an older page, a script) keeps the
        // stored ones.
        for (target, name, typed) in [
            (
                &mut p.qc_choice_days,
                "qc_choice_days",
                &self.qc_choice_days,
            ),
            (
                &mut p.workshop_late_days,
                "workshop_late_days",
                &self.workshop_late_days,
            ),
        ] {
            if !typed.trim().is_empty() {
                set(target, whole(name, typed));
            }
        }
        set(
            &mut p.grouped_collect_days.0,
            whole("grouped_collect_days", &self.grouped_collect_min),
        );
        set(
            &mut p.grouped_collect_days.1,
            whole("grouped_collect_days", &self.grouped_collect_max),
        );
        p.workshop_country = self.workshop_country.trim().to_ascii_uppercase();
        // A form without the payout account (an older page, a script) keeps the stored one.
        let payout_iban = if self.legal_payout_iban.trim().is_empty() {
            p.legal_identity.payout_iban.clone()
        } else {
            normalise_iban(&self.legal_payout_iban)
                .unwrap_or_else(|| self.legal_payout_iban.trim().to_owned())
        };
        p.legal_identity = LegalIdentity {
            name: self.legal_name.trim().to_owned(),
            address: self.legal_address.trim().to_owned(),
            registration: self.legal_registration.trim().to_owned(),
            vat_id: self.legal_vat_id.trim().to_owned(),
            // Read as printed (spaces, small letters); `validate` refuses a wrong checksum.
            payout_iban,
            payout_bic: normalise_bic(&self.legal_payout_bic)
                .unwrap_or_else(|| self.legal_payout_bic.trim().to_owned()),
            // Not on this form yet: the stored address stays.
            support_email: p.legal_identity.support_email.clone(),
        };
        p.legal_texts = self.legal_texts.apply(&p.legal_texts);
        PolicyTables::from_cells(&self.cells).apply(&mut p, &mut e);
        e.into_result(p)
    }
}

/// A rate typed in percent ("12,5"), as basis points.
fn percent(field: &str, raw: &str) -> Result<i64, FieldError> {
    parse_scaled(raw, 2).ok_or(FieldError::new(field, "invalid_percent"))
}
