//! Customer service's answer by e-mail (S1, E1): the answer itself, a link to the
//! conversation for a person with an account, and the invitation to answer by replying (the
//! sender sets the conversation's reply address).

use pepite_app::notify::Notice;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{t, t_args};

/// Fills `d` for a support answer.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    if let Notice::SupportAnswer {
        conversation_id,
        subject,
        answer,
        account,
        ..
    } = notice
    {
        d.subject = if subject.trim().is_empty() {
            t(lang, "email-support-answer-subject-plain")
        } else {
            t_args(
                lang,
                "email-support-answer-subject",
                &[("subject", subject.trim().to_owned())],
            )
        };
        d.paragraphs = vec![t(lang, "email-support-answer-intro")];
        d.paragraphs.extend(
            answer
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
        if *account {
            d.action = Some((
                t(lang, "email-support-answer-action"),
                c.url(&format!("/support/conversations/{conversation_id}")),
            ));
        }
        d.closing = vec![t(lang, "email-support-answer-reply")];
    }
}
