//! E-mails (E1): each notice rendered in the recipient's language as plain text and HTML,
//! from the texts of `emails.ftl`; the gift card travels with its printable PDF.

use askama::Template;
use pepite_app::mail::Attachment;
use pepite_app::notify::{Compose, Message, Notice, NoticeLine};
use pepite_domain::Money;
use pepite_domain::account::Language;

mod cancellation;
mod offers;
mod payouts;
mod refunds;
mod returns;
mod seller_question;
mod shipping;
mod support;
mod tradein;
mod workshop;

use crate::documents::{gift_card_doc, gift_card_pdf};
use crate::i18n::{self, t, t_args};

/// Renders notices with links to the site at `public_url` (no trailing slash).
pub struct Composer {
    public_url: String,
}

impl Composer {
    pub fn new(public_url: &str) -> Self {
        Composer {
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }
}

/// What every message is made of, before it becomes text and HTML.
pub(crate) struct Draft {
    pub(crate) subject: String,
    pub(crate) greeting: String,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) lines: Vec<(String, String)>,
    /// A button: (label, absolute URL).
    pub(crate) action: Option<(String, String)>,
    pub(crate) closing: Vec<String>,
    pub(crate) attachments: Vec<Attachment>,
}

#[derive(Template)]
#[template(path = "emails/message.html")]
struct Html<'a> {
    lang: &'a str,
    draft: &'a Draft,
    lines_heading: String,
    signature: String,
    footer: String,
}

impl Compose for Composer {
    fn compose(&self, lang: Language, notice: &Notice) -> Result<Message, String> {
        let draft = self.draft(lang, notice);
        let html = Html {
            lang: lang.as_str(),
            draft: &draft,
            lines_heading: t(lang, "email-lines-heading"),
            signature: t(lang, "email-signature"),
            footer: t(lang, "email-footer"),
        }
        .render()
        .map_err(|e| e.to_string())?;
        let text = plain_text(lang, &draft);
        Ok(Message {
            subject: draft.subject,
            text,
            html,
            attachments: draft.attachments,
        })
    }
}

impl Composer {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    fn draft(&self, lang: Language, notice: &Notice) -> Draft {
        let hello = |name: &str| t_args(lang, "email-greeting", &[("name", name.to_owned())]);
        let money = |cents: i64| i18n::money(lang, Money(cents));
        let mut d = Draft {
            subject: String::new(),
            greeting: t(lang, "email-greeting-anonymous"),
            paragraphs: Vec::new(),
            lines: Vec::new(),
            action: None,
            closing: Vec::new(),
            attachments: Vec::new(),
        };
        let lines = |ls: &[NoticeLine]| -> Vec<(String, String)> {
            ls.iter()
                .map(|l| (l.title.clone(), money(l.price_cents)))
                .collect()
        };
        match notice {
            Notice::Welcome { name, verify_path } => {
                d.subject = t(lang, "email-welcome-subject");
                d.greeting = hello(name);
                d.paragraphs = vec![t(lang, "email-welcome-body")];
                d.action = Some((t(lang, "email-welcome-action"), self.url(verify_path)));
                d.closing = vec![t(lang, "email-welcome-later")];
            }
            Notice::PasswordReset { name, reset_path } => {
                d.subject = t(lang, "email-reset-subject");
                d.greeting = hello(name);
                d.paragraphs = vec![t(lang, "email-reset-body")];
                d.action = Some((t(lang, "email-reset-action"), self.url(reset_path)));
                d.closing = vec![t(lang, "email-reset-ignore")];
            }
            Notice::OrderConfirmed {
                order_id,
                number,
                total_cents,
                grouped,
                lines: ls,
            } => {
                let number = number.clone();
                d.subject = t_args(lang, "email-order-confirmed-subject", &[("number", number)]);
                d.paragraphs = vec![
                    t_args(
                        lang,
                        "email-order-confirmed-body",
                        &[("total", money(*total_cents))],
                    ),
                    t(
                        lang,
                        if *grouped {
                            "email-order-confirmed-grouped"
                        } else {
                            "email-order-confirmed-direct"
                        },
                    ),
                ];
                d.lines = lines(ls);
                d.action = Some((
                    t(lang, "email-order-action"),
                    self.url(&format!("/orders/{order_id}")),
                ));
            }
            Notice::NewOrder {
                order_id,
                number,
                to_workshop,
                lines: ls,
            } => {
                let number = number.clone();
                d.subject = t_args(lang, "email-new-order-subject", &[("number", number)]);
                d.paragraphs = vec![t(
                    lang,
                    if *to_workshop {
                        "email-new-order-workshop"
                    } else {
                        "email-new-order-buyer"
                    },
                )];
                d.lines = lines(ls);
                d.action = Some((
                    t(lang, "email-new-order-action"),
                    self.url(&format!("/sell/orders/{order_id}")),
                ));
            }
            Notice::ParcelShipped { lines: ls, .. } | Notice::ParcelDelivered { lines: ls, .. } => {
                d.lines = lines(ls);
                shipping::draft(self, lang, notice, &mut d);
            }
            Notice::OrderCancelled { lines: ls, .. } | Notice::SaleCancelled { lines: ls, .. } => {
                d.lines = lines(ls);
                cancellation::draft(self, lang, notice, &mut d);
            }
            Notice::ParcelReportDecided { lines: ls, .. } => {
                d.lines = lines(ls);
                workshop::draft(self, lang, notice, &mut d);
            }
            Notice::PieceCheckFailed { .. }
            | Notice::OrderLineWithdrawn { .. }
            | Notice::SaleLineWithdrawn { .. }
            | Notice::WorkshopReminder { .. } => workshop::draft(self, lang, notice, &mut d),
            Notice::ReturnAccepted { lines: ls, .. }
            | Notice::ReturnComing { lines: ls, .. }
            | Notice::ReturnRefused { lines: ls, .. } => {
                d.lines = lines(ls);
                returns::draft(self, lang, notice, &mut d);
            }
            Notice::RefundMade { lines: ls, .. } => {
                d.lines = lines(ls);
                refunds::draft(self, lang, notice, &mut d);
            }
            Notice::PayoutSent { .. } => payouts::draft(self, lang, notice, &mut d),
            Notice::OfferReceived { .. }
            | Notice::OfferAccepted { .. }
            | Notice::OfferCountered { .. }
            | Notice::OfferRefused { .. }
            | Notice::CounterDeclined { .. }
            | Notice::OfferExpired { .. }
            | Notice::OfferEnded { .. }
            | Notice::AgreedPriceEnding { .. }
            | Notice::AlertFired { .. } => offers::draft(self, lang, notice, &mut d),
            Notice::TradeInAccepted { .. }
            | Notice::TradeInBoxReceived { .. }
            | Notice::TradeInPieceAccepted { .. }
            | Notice::TradeInPieceRefused { .. }
            | Notice::VoucherIssued { .. }
            | Notice::VoucherEnding { .. } => tradein::draft(self, lang, notice, &mut d),
            Notice::SupportAnswer { .. } => support::draft(self, lang, notice, &mut d),
            Notice::SellerQuestion { .. } => seller_question::draft(self, lang, notice, &mut d),
            Notice::GiftCardReceived {
                gift_card_id,
                from_name,
                recipient_name,
                message,
                amount_cents,
                code,
                expires_at,
            } => {
                let from = from_name.clone();
                d.subject = t_args(lang, "email-gift-card-subject", &[("from", from)]);
                d.greeting = hello(recipient_name);
                d.paragraphs = vec![
                    t_args(
                        lang,
                        "email-gift-card-body",
                        &[
                            ("amount", money(*amount_cents)),
                            ("date", i18n::date(lang, *expires_at)),
                        ],
                    ),
                    t_args(lang, "email-gift-card-code", &[("code", code.clone())]),
                ];
                if !message.is_empty() {
                    d.paragraphs.push(t_args(
                        lang,
                        "email-gift-card-message",
                        &[("message", message.clone())],
                    ));
                }
                d.paragraphs.push(t(lang, "email-gift-card-pdf"));
                d.action = Some((t(lang, "email-gift-card-action"), self.url("/")));
                let doc = gift_card_doc(
                    lang,
                    *amount_cents,
                    code,
                    recipient_name,
                    from_name,
                    message,
                    *expires_at,
                );
                d.attachments.push(Attachment {
                    filename: format!("{}-{gift_card_id}.pdf", t(lang, "gift-card-file")),
                    content_type: "application/pdf".into(),
                    bytes: gift_card_pdf(&doc),
                });
            }
        }
        d
    }
}

/// The plain-text body: the same parts as the HTML, one after the other.
fn plain_text(lang: Language, d: &Draft) -> String {
    let mut out = format!("{}\n\n", d.greeting);
    for p in &d.paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if !d.lines.is_empty() {
        out.push_str(&t(lang, "email-lines-heading"));
        out.push('\n');
        for (title, price) in &d.lines {
            out.push_str(&format!("- {title} : {price}\n"));
        }
        out.push('\n');
    }
    if let Some((label, url)) = &d.action {
        out.push_str(&format!("{label} : {url}\n\n"));
    }
    for p in &d.closing {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str(&t(lang, "email-signature"));
    out.push_str("\n\n-- \n");
    out.push_str(&t(lang, "email-footer"));
    out.push('\n');
    out
}
