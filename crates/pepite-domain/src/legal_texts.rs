//! The legal pages (terms of sale, privacy notice, legal notice) as policy data (P3), in
//! French and English: plain text, paragraphs separated by blank lines, shown escaped.

use serde::{Deserialize, Serialize};

use crate::account::Language;
use crate::fields::FieldErrors;

/// The longest text one page holds.
pub const MAX_CHARS: usize = 20_000;

/// One text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub fr: String,
    pub en: String,
}

impl Bilingual {
    fn new(fr: &str, en: &str) -> Self {
        Bilingual {
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn of(&self, lang: Language) -> &str {
        match lang {
            Language::Fr => &self.fr,
            Language::En => &self.en,
        }
    }
}

/// The three legal pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalTexts {
    pub terms: Bilingual,
    pub privacy: Bilingual,
    pub notice: Bilingual,
}

/// A text's paragraphs: split on blank lines, each trimmed, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

impl LegalTexts {
    /// Every text is required (a shop cannot sell without them) and bounded.
    pub fn validate(&self, e: &mut FieldErrors) {
        for (page, text) in [
            ("terms", &self.terms),
            ("privacy", &self.privacy),
            ("notice", &self.notice),
        ] {
            for (lang, value) in [("fr", &text.fr), ("en", &text.en)] {
                let field = format!("legal_texts.{page}.{lang}");
                if value.trim().is_empty() {
                    e.add(field, "required");
                } else if value.chars().count() > MAX_CHARS {
                    e.add_limit(field, "too_long", MAX_CHARS as i64);
                }
            }
        }
    }

    /// Defaults for the demo marketplace, until an admin saves the operator's own.
    pub fn marketplace() -> Self {
        LegalTexts {
            terms: Bilingual::new(TERMS_FR, TERMS_EN),
            privacy: Bilingual::new(PRIVACY_FR, PRIVACY_EN),
            notice: Bilingual::new(NOTICE_FR, NOTICE_EN),
        }
    }
}

const TERMS_FR: &str = "Pépite met en relation des vendeurs de vêtements de seconde main et des acheteurs. Chaque pièce est unique : elle est vendue au premier qui la paie.

Le prix affiché comprend la TVA lorsqu’elle s’applique. Les frais de livraison et, pour un envoi groupé, les frais de contrôle sont indiqués avant le paiement.

Vous pouvez demander le retour d’une pièce pendant le délai indiqué sur votre commande après sa livraison. Le remboursement suit la réception et la vérification de la pièce.

Pépite encaisse le paiement pour le compte des vendeurs et leur reverse le prix, moins sa commission, une fois le délai de retour passé.";

const TERMS_EN: &str = "Pépite brings together sellers of second-hand clothing and buyers. Every piece is unique: it goes to the first person who pays for it.

Prices include VAT where it applies. Delivery costs and, for a grouped delivery, the checking fee are shown before you pay.

You may ask to return a piece within the period shown on your order after delivery. The refund follows once the piece has been received and checked.

Pépite collects the payment on behalf of the sellers and pays them the price, less its commission, once the return period is over.";

const PRIVACY_FR: &str = "Pépite conserve les données nécessaires à votre compte et à vos achats et ventes : nom, adresse e-mail, adresses de livraison, commandes, offres et messages envoyés.

Elles servent à exécuter vos commandes, à vous informer de leur suivi et à respecter nos obligations comptables. Elles ne sont ni vendues ni louées.

Depuis votre compte, vous pouvez télécharger toutes vos données en un fichier, et fermer votre compte : vos données personnelles sont alors effacées, à l’exception des factures et écritures comptables que la loi nous oblige à garder.

Pour toute question sur vos données, écrivez à notre service client.";

const PRIVACY_EN: &str = "Pépite keeps the data your account and your purchases and sales need: name, e-mail address, delivery addresses, orders, offers and the messages sent to you.

It is used to carry out your orders, to keep you informed of them and to meet our accounting duties. It is neither sold nor rented out.

From your account you can download all your data in one file, and close your account: your personal data is then erased, except the invoices and accounting records the law requires us to keep.

For any question about your data, write to our customer service.";

const NOTICE_FR: &str = "Ce site est édité par Pépite SAS, dont l’adresse, l’immatriculation et le numéro de TVA figurent sur chaque facture.

Il est hébergé par un prestataire situé dans l’Union européenne.

Les photos des pièces appartiennent à leurs vendeurs, qui en autorisent l’usage sur le site.";

const NOTICE_EN: &str = "This site is published by Pépite SAS, whose address, registration and VAT number are printed on every invoice.

It is hosted by a provider located in the European Union.

Photos of the pieces belong to their sellers, who allow their use on the site.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p3_the_default_texts_are_valid_and_an_empty_one_is_refused() {
        let mut e = FieldErrors::new();
        LegalTexts::marketplace().validate(&mut e);
        assert!(e.is_empty(), "{e:?}");
        let mut texts = LegalTexts::marketplace();
        texts.privacy.en = "  ".into();
        let mut e = FieldErrors::new();
        texts.validate(&mut e);
        assert_eq!(e.0.len(), 1);
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("legal_texts.privacy.en", "required")
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\r\n\r\n b \n\n\n\nc"), ["a", "b", "c"]);
    }
}
