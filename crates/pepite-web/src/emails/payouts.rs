//! The seller's e-mail of a payout (P1, E1): the amount sent, to which account (masked), and
//! a link to the statement.

use pepite_app::notify::Notice;
use pepite_domain::Money;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{self, t, t_args};

/// Fills `d` for a payout notice.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    if let Notice::PayoutSent {
        amount_cents,
        pieces,
        iban_masked,
        paid_at,
        ..
    } = notice
    {
        let amount = i18n::money(lang, Money(*amount_cents));
        d.subject = t_args(lang, "email-payout-subject", &[("amount", amount.clone())]);
        d.paragraphs = vec![t_args(
            lang,
            "email-payout-body",
            &[
                ("amount", amount),
                ("pieces", pieces.to_string()),
                ("account", iban_masked.clone()),
                ("date", i18n::date(lang, *paid_at)),
            ],
        )];
        d.closing = vec![t(lang, "email-payout-delay")];
        d.action = Some((t(lang, "email-payout-action"), c.url("/sell/payouts")));
    }
}
