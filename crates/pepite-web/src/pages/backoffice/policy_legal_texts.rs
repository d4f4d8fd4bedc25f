//! The legal pages' texts in the policy form (P3): six textareas, kept apart from the rest of
//! the form so each part can change on its own.

use pepite_domain::legal_texts::{Bilingual, LegalTexts};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct LegalTextsForm {
    #[serde(rename = "legal_texts.terms.fr")]
    pub terms_fr: String,
    #[serde(rename = "legal_texts.terms.en")]
    pub terms_en: String,
    #[serde(rename = "legal_texts.privacy.fr")]
    pub privacy_fr: String,
    #[serde(rename = "legal_texts.privacy.en")]
    pub privacy_en: String,
    #[serde(rename = "legal_texts.notice.fr")]
    pub notice_fr: String,
    #[serde(rename = "legal_texts.notice.en")]
    pub notice_en: String,
}

impl LegalTextsForm {
    pub fn from_texts(t: &LegalTexts) -> Self {
        LegalTextsForm {
            terms_fr: t.terms.fr.clone(),
            terms_en: t.terms.en.clone(),
            privacy_fr: t.privacy.fr.clone(),
            privacy_en: t.privacy.en.clone(),
            notice_fr: t.notice.fr.clone(),
            notice_en: t.notice.en.clone(),
        }
    }

    /// Each textarea: its field name, its text and the key of its label.
    pub fn fields(&self) -> [(&'static str, &str, &'static str); 6] {
        [
            ("legal_texts.terms.fr", &self.terms_fr, "bo-policy-terms-fr"),
            ("legal_texts.terms.en", &self.terms_en, "bo-policy-terms-en"),
            (
                "legal_texts.privacy.fr",
                &self.privacy_fr,
                "bo-policy-privacy-fr",
            ),
            (
                "legal_texts.privacy.en",
                &self.privacy_en,
                "bo-policy-privacy-en",
            ),
            (
                "legal_texts.notice.fr",
                &self.notice_fr,
                "bo-policy-notice-fr",
            ),
            (
                "legal_texts.notice.en",
                &self.notice_en,
                "bo-policy-notice-en",
            ),
        ]
    }

    /// The texts typed; a form without any of them (an older page, a script) keeps `stored`.
    /// An emptied one is left empty, for `Policy::validate` to refuse beside its field.
    pub fn apply(&self, stored: &LegalTexts) -> LegalTexts {
        let all = [
            &self.terms_fr,
            &self.terms_en,
            &self.privacy_fr,
            &self.privacy_en,
            &self.notice_fr,
            &self.notice_en,
        ];
        if all.iter().all(|t| t.trim().is_empty()) {
            return stored.clone();
        }
        let both = |fr: &str, en: &str| Bilingual {
            fr: fr.trim().to_owned(),
            en: en.trim().to_owned(),
        };
        LegalTexts {
            terms: both(&self.terms_fr, &self.terms_en),
            privacy: both(&self.privacy_fr, &self.privacy_en),
            notice: both(&self.notice_fr, &self.notice_en),
        }
    }
}
