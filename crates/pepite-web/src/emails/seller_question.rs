//! The seller's e-mail of a question from customer service (S3, A3): which piece, the
//! question as masked, and the link to answer it in the seller space. The buyer is never
//! named.

use pepite_app::notify::Notice;
use pepite_domain::account::Language;

use super::{Composer, Draft};
use crate::i18n::{t, t_args};

/// Fills `d` for a question to a seller.
pub(super) fn draft(c: &Composer, lang: Language, notice: &Notice, d: &mut Draft) {
    if let Notice::SellerQuestion {
        title, question, ..
    } = notice
    {
        let title = ("title", title.clone());
        d.subject = t_args(
            lang,
            "email-seller-question-subject",
            std::slice::from_ref(&title),
        );
        d.paragraphs = vec![
            t_args(lang, "email-seller-question-body", &[title]),
            question.clone(),
        ];
        d.closing = vec![t(lang, "email-seller-question-why")];
        d.action = Some((
            t(lang, "email-seller-question-action"),
            c.url("/sell/questions"),
        ));
    }
}
