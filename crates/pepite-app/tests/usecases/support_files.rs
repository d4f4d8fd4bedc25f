//! Files in customer service's conversations (S1, A3, A4, E1) on SQLite and PostgreSQL:
//! photos re-encoded and PDFs checked like piece photos, stored with their message or not at
//! all, read only by whom the message is for, and sent with the answer's e-mail to a real
//! SMTP server.

use std::sync::Arc;

use crate::support::*;
use pepite_app::notify::deliver::Sender;
use pepite_app::notify::{Compose, Message, Notice};
use pepite_app::support::attachments::Upload;
use pepite_app::support::{self, Asker, OpenInput};
use pepite_app::{App, AppError};
use pepite_domain::account::{Language, Role};
use pepite_domain::policy::Policy;
use pepite_testkit::both_backends;
use pepite_testkit::smtp::SmtpServer;

/// A small, plain PDF.
fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

fn upload(name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        name: name.into(),
        bytes,
    }
}

fn codes(e: AppError) -> Vec<(String, &'static str)> {
    match e {
        AppError::Invalid(errors) => errors.0.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// The files the file store holds for conversations.
async fn stored(app: &App) -> Vec<String> {
    app.files.list("support").await.unwrap()
}

both_backends!(
    async fn s1_a4_a_photo_and_a_pdf_sent_with_a_question_reach_staff_and_no_one_else(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let other = person(&app, "other@x.fr").await;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let asked = OpenInput {
            body: "La couture a lâché, voici la photo et le bon de livraison.".into(),
            files: vec![upload("IMG_0042.PNG", png()), upload("bon de livraison.pdf", pdf())],
            ..OpenInput::default()
        };
        let t = support::open(&app, &camille, 1, &asked).await.unwrap();
        let id = t.conversation.id;
        let first = t.messages[0].id;
        let files = t.files_of(&first);
        assert_eq!(files.len(), 2);
        // The photo was decoded and re-encoded as a JPEG (EXIF and all metadata gone).
        assert_eq!((files[0].file_name.as_str(), files[0].content_type.as_str()), ("IMG_0042.jpg", "image/jpeg"));
        assert_eq!((files[1].file_name.as_str(), files[1].content_type.as_str()), ("bon de livraison.pdf", "application/pdf"));
        let (photo, pdf_id) = (files[0].id, files[1].id);
        let (_, bytes) = support::attachments::download_as(&app, Asker::Person(&camille), id, photo).await.unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), image::ImageFormat::Jpeg);
        let (_, bytes) = support::attachments::download_as(&app, Asker::Person(&camille), id, pdf_id).await.unwrap();
        assert_eq!(bytes, pdf());
        // A4: someone else, even knowing both numbers, finds nothing.
        let theirs = support::attachments::download_as(&app, Asker::Person(&other), id, photo).await;
        assert!(matches!(theirs, Err(AppError::NotFound)), "{theirs:?}");
        // Staff read it; a file of another conversation is not under this one.
        support::attachments::download_for_staff(&app, &agent, id, photo).await.unwrap();
        let elsewhere = support::attachments::download_for_staff(&app, &agent, id + 1, photo).await;
        assert!(matches!(elsewhere, Err(AppError::NotFound)), "{elsewhere:?}");
        // A person is not staff.
        let denied = support::attachments::download_for_staff(&app, &camille, id, photo).await;
        assert!(matches!(denied, Err(AppError::Forbidden)), "{denied:?}");
    }
);

both_backends!(
    async fn a3_a4_a_file_in_an_internal_note_stays_with_staff_and_out_of_the_persons_download(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let asked = OpenInput { body: "Bonjour".into(), ..OpenInput::default() };
        let id = support::open(&app, &camille, 1, &asked).await.unwrap().conversation.id;
        let t = support::answer_with(&app, &agent, id, "", &[upload("facture vendeur.pdf", pdf())], true, None)
            .await
            .unwrap();
        let note = t.messages.last().unwrap();
        assert_eq!((note.author.as_str(), note.body.as_str()), ("note", ""));
        let file = t.files_of(&note.id)[0].id;
        let mine = support::thread(&app, &camille, id).await.unwrap();
        assert!(mine.attachments.is_empty());
        let read = support::attachments::download_as(&app, Asker::Person(&camille), id, file).await;
        assert!(matches!(read, Err(AppError::NotFound)), "{read:?}");
        support::attachments::download_for_staff(&app, &agent, id, file).await.unwrap();
        // The person's privacy download names the files they can read, not the note's.
        support::answer_with(&app, &agent, id, "Votre bon.", &[upload("bon.pdf", pdf())], false, None)
            .await
            .unwrap();
        let export = pepite_app::privacy::export(&app, &camille).await.unwrap();
        let names: Vec<&str> = export.data.support_files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(names, ["bon.pdf"]);
    }
);

both_backends!(
    async fn s1_a_refused_file_refuses_the_whole_message_and_keeps_no_file(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let asked = OpenInput { body: "Bonjour".into(), ..OpenInput::default() };
        let id = support::open(&app, &camille, 1, &asked).await.unwrap().conversation.id;
        let script = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF".to_vec();
        let cases: Vec<(Vec<Upload>, (&str, &str))> = vec![
            // The good photo is stored first, then the bad PDF refuses the lot.
            (vec![upload("ok.png", png()), upload("x.pdf", script)], ("files", "active_pdf")),
            (vec![upload("notes.txt", b"hello".to_vec())], ("files", "unsupported_attachment")),
            (vec![upload("cut.pdf", b"%PDF-1.4\n1 0 obj".to_vec())], ("files", "unreadable_pdf")),
            ((0..6).map(|i| upload(&format!("{i}.pdf"), pdf())).collect(), ("files", "too_many")),
        ];
        for (files, (field, code)) in cases {
            let e = support::write_with(&app, Asker::Person(&camille), id, "Et ceci", &files).await.unwrap_err();
            assert_eq!(codes(e), vec![(field.to_owned(), code)]);
        }
        let big = vec![0xFF; Policy::marketplace().photo_max_bytes + 1];
        let e = support::write_with(&app, Asker::Person(&camille), id, "", &[upload("big.jpg", big)]).await.unwrap_err();
        assert_eq!(codes(e), vec![("files".to_owned(), "file_too_large")]);
        // Nothing was written and no file was left behind.
        let t = support::thread(&app, &camille, id).await.unwrap();
        assert_eq!(t.messages.len(), 1);
        assert!(stored(&app).await.is_empty(), "{:?}", stored(&app).await);
        // A message of files only is a message; no text and no file is not.
        let e = support::write_with(&app, Asker::Person(&camille), id, "  ", &[]).await.unwrap_err();
        assert_eq!(codes(e), vec![("body".to_owned(), "required")]);
        let t = support::write_with(&app, Asker::Person(&camille), id, "", &[upload("a.pdf", pdf())]).await.unwrap();
        assert_eq!(t.messages.len(), 2);
        assert_eq!(stored(&app).await.len(), 1);
    }
);

/// The notice as its JSON: this test is about what travels with the e-mail.
struct Plain;

impl Compose for Plain {
    fn compose(&self, _: Language, notice: &Notice) -> Result<Message, String> {
        let json = serde_json::to_string(notice).map_err(|e| e.to_string())?;
        Ok(Message {
            subject: notice.kind().into(),
            text: json.clone(),
            html: json,
            attachments: vec![],
        })
    }
}

both_backends!(
    async fn e1_the_answers_email_carries_its_files(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let agent = staff(&app, "service@x.fr", Role::CustomerService).await;
        let asked = OpenInput { body: "Où est mon colis ?".into(), ..OpenInput::default() };
        let id = support::open(&app, &camille, 1, &asked).await.unwrap().conversation.id;
        let files = [upload("suivi.pdf", pdf()), upload("étiquette.png", png())];
        support::answer_with(&app, &agent, id, "Voici le suivi et l'étiquette.", &files, false, None)
            .await
            .unwrap();
        let mailer = pepite_mail::from_config(Some(&smtp.url()), "Pépite <no-reply@pepite.test>").unwrap();
        let sender = Sender::new(app.clone(), mailer, Arc::new(Plain), "w", "pepite.test");
        while sender.send_due().await.unwrap() > 0 {}
        let got = smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
        let answer = got.iter().find(|m| m.subject == "support_answer").expect("the answer's e-mail");
        let names: Vec<&str> = answer.attachments.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["suivi.pdf", "étiquette.jpg"]);
        assert_eq!(answer.attachments[0].1, pdf());
        assert_eq!(image::guess_format(&answer.attachments[1].1).unwrap(), image::ImageFormat::Jpeg);
    }
);

/// A plain PDF of about `mb` megabytes.
fn pdf_of(mb: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(mb * 1024 * 1024 - 16, b' ');
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

both_backends!(
    async fn s1_files_past_a_persons_daily_allowance_are_refused_until_the_next_day(db) {
        let app = app(db);
        let camille = person(&app, "camille@x.fr").await;
        let max = person(&app, "max@x.fr").await;
        let asked = OpenInput { body: "Bonjour".into(), ..OpenInput::default() };
        let id = support::open(&app, &camille, 1, &asked).await.unwrap().conversation.id;
        let me = Asker::Person(&camille);
        // 5 × 9 MB: within the 50 MB a day; the sixth file would pass it.
        for i in 0..5 {
            support::write_with(&app, me, id, "", &[upload(&format!("{i}.pdf"), pdf_of(9))]).await.unwrap();
        }
        let over = support::write_with(&app, me, id, "", &[upload("5.pdf", pdf_of(9))]).await;
        assert!(matches!(over, Err(AppError::Throttled { .. })), "{over:?}");
        assert_eq!(support::thread(&app, &camille, id).await.unwrap().attachments.len(), 5);
        // Words still go through, and another person has their own allowance.
        support::write_with(&app, me, id, "Je vous envoie le reste demain.", &[]).await.unwrap();
        let theirs = OpenInput { body: "Photo".into(), files: vec![upload("a.pdf", pdf_of(9))], ..OpenInput::default() };
        support::open(&app, &max, 1, &theirs).await.unwrap();
        // The next day, the allowance is whole again.
        pepite_store::clock::advance(&app.db, 24 * 3_600_000_000).await.unwrap();
        support::write_with(&app, me, id, "", &[upload("5.pdf", pdf_of(9))]).await.unwrap();
    }
);
