//! Turning an `Email` into a MIME message: UTF-8 throughout, text and HTML as
//! multipart/alternative, inside multipart/mixed when there are attachments.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};

use pepite_app::mail::{Email, MailError};

/// The sender, checked once at start-up rather than on every message.
pub(crate) fn sender(from: &str) -> Result<Mailbox, MailError> {
    from.parse()
        .map_err(|e| MailError::Rejected(format!("invalid sender {from:?}: {e}")))
}

pub(super) fn build(from: &Mailbox, email: &Email) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| MailError::Rejected(format!("invalid recipient {:?}: {e}", email.to)))?;
    let mut builder = Message::builder()
        .message_id(Some(message_id(&email.message_id)?))
        .from(from.clone())
        .to(to)
        .subject(email.subject.as_str());
    if let Some(reply_to) = &email.reply_to {
        let mailbox: Mailbox = reply_to
            .parse()
            .map_err(|e| MailError::Rejected(format!("invalid reply address {reply_to:?}: {e}")))?;
        builder = builder.reply_to(mailbox);
    }
    if let Some(last) = email.references.last() {
        let all = email
            .references
            .iter()
            .map(|id| message_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        builder = builder
            .in_reply_to(message_id(last)?)
            .references(all.join(" "));
    }
    let alternative = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
    let built = if email.attachments.is_empty() {
        builder.multipart(alternative)
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for a in &email.attachments {
            let content_type = ContentType::parse(&a.content_type).map_err(|e| {
                MailError::Rejected(format!(
                    "attachment {:?}: invalid content type {:?}: {e}",
                    a.filename, a.content_type
                ))
            })?;
            mixed = mixed.singlepart(
                Attachment::new(a.filename.clone()).body(a.bytes.clone(), content_type),
            );
        }
        builder.multipart(mixed)
    };
    built.map_err(|e| MailError::Rejected(format!("cannot build the message: {e}")))
}

/// The Message-ID as given, once checked: lettre writes it verbatim, so a space or a line
/// break would corrupt the header block.
fn message_id(id: &str) -> Result<String, MailError> {
    let inner = id.strip_prefix('<').and_then(|s| s.strip_suffix('>'));
    let valid = inner.is_some_and(|s| {
        s.split_once('@')
            .is_some_and(|(left, right)| !left.is_empty() && !right.is_empty())
            && s.chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>'))
    });
    if valid {
        Ok(id.to_owned())
    } else {
        Err(MailError::Rejected(format!(
            "invalid Message-ID {id:?}: expected \"<left@right>\" in printable ASCII"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pepite_app::mail::Attachment as File;

    fn email() -> Email {
        Email {
            message_id: "<notification-42@pepite.local>".into(),
            to: "Claire Dupré <claire@example.fr>".into(),
            subject: "Votre commande est confirmée — n° 2026-000001".into(),
            text: "Merci ! Votre commande est confirmée.".into(),
            html: "<p>Merci ! Votre commande est <b>confirmée</b>.</p>".into(),
            attachments: Vec::new(),
            reply_to: None,
            references: Vec::new(),
        }
    }

    fn from() -> Mailbox {
        sender("Pépite <no-reply@pepite.localhost>").unwrap()
    }

    fn formatted(email: &Email) -> String {
        String::from_utf8(build(&from(), email).unwrap().formatted()).unwrap()
    }

    fn headers(message: &str) -> &str {
        message.split("\r\n\r\n").next().unwrap()
    }

    #[test]
    fn text_and_html_are_alternatives_with_our_message_id_and_ascii_headers() {
        let message = formatted(&email());
        let headers = headers(&message);
        assert!(
            headers.contains("Message-ID: <notification-42@pepite.local>\r\n"),
            "{headers}"
        );
        assert!(headers.contains("multipart/alternative"), "{headers}");
        assert!(!message.contains("multipart/mixed"), "{message}");
        // Accents travel encoded (RFC 2047 in headers, quoted-printable or base64 in bodies),
        // so any server takes the message, with or without 8BITMIME.
        assert!(message.is_ascii(), "{message}");
    }

    #[test]
    fn attachments_make_the_message_mixed() {
        let mut e = email();
        e.attachments.push(File {
            filename: "facture-2026-000001.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: b"%PDF-1.7\n".to_vec(),
        });
        let message = formatted(&e);
        assert!(headers(&message).contains("multipart/mixed"), "{message}");
        assert!(message.contains("multipart/alternative"), "{message}");
        assert!(message.contains("application/pdf"), "{message}");
        assert!(message.contains("facture-2026-000001.pdf"), "{message}");
    }

    #[test]
    fn s1_an_answer_names_its_reply_address_and_the_conversation() {
        let mut e = email();
        e.reply_to = Some("support+Ab-_9@pepite.local".into());
        e.references = vec!["<conversation-Ab-_9@pepite.local>".into()];
        let message = formatted(&e);
        let headers = headers(&message);
        for line in [
            "Reply-To: support+Ab-_9@pepite.local\r\n",
            "In-Reply-To: <conversation-Ab-_9@pepite.local>\r\n",
            "References: <conversation-Ab-_9@pepite.local>\r\n",
        ] {
            assert!(headers.contains(line), "{line} in {headers}");
        }
    }

    #[test]
    fn a_line_break_in_the_subject_cannot_add_a_header() {
        let mut e = email();
        e.subject = "Bonjour\r\nBcc: everyone@example.com".into();
        let message = formatted(&e);
        assert!(!message.lines().any(|l| l.starts_with("Bcc:")), "{message}");
    }

    #[test]
    fn what_cannot_be_sent_is_rejected() {
        type Spoil = fn(&mut Email);
        let cases: [(&str, Spoil); 5] = [
            ("recipient", |e| e.to = "not an address".into()),
            ("recipient", |e| e.to = String::new()),
            ("Message-ID", |e| e.message_id = "notification-42".into()),
            ("Message-ID", |e| e.message_id = "<a b@c>".into()),
            ("content type", |e| {
                e.attachments.push(File {
                    filename: "x".into(),
                    content_type: "pdf".into(),
                    bytes: Vec::new(),
                })
            }),
        ];
        for (what, change) in cases {
            let mut e = email();
            change(&mut e);
            match build(&from(), &e) {
                Err(MailError::Rejected(m)) => assert!(m.contains(what), "{what}: {m}"),
                other => panic!("{what}: expected Rejected, got {other:?}"),
            }
        }
        assert!(matches!(sender("nobody"), Err(MailError::Rejected(_))));
    }
}
