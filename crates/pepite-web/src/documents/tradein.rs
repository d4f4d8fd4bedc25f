//! A trade-in box's documents (T4): the transfer form the person signs and slips into the box
//! (programme, person, box, each piece as quoted, the total, a signature box), and the box's
//! prepaid label from the person to the workshop, drawn like every parcel label. The pages,
//! the API and the acceptance e-mail all print them from the same `TransferForm`.

use pepite_app::accounts::Principal;
use pepite_app::tradein::boxes::{self, GRAMS_PER_PIECE, TransferForm};
use pepite_app::{App, AppError};
use pepite_domain::Money;
use pepite_domain::account::Language;
use pepite_domain::commerce::LegalIdentity;

use super::LabelDoc;
use super::fonts::Font;
use super::label_pdf;
use super::writer::{CONTENT_WIDTH, MARGIN, Page, TOP, assemble, fit_size, wrap};
use crate::i18n::{self, t, t_args};

/// A `YYYY-MM-DD` date in the reader's language (as stored when it is not one).
fn civil(lang: Language, raw: &str) -> String {
    raw.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map_or_else(
            || raw.to_owned(),
            |z| i18n::date(lang, z.timestamp().as_microsecond()),
        )
}

/// The person's address on lines, as the label and the form print it.
fn person_lines(f: &TransferForm, lang: Language) -> Vec<String> {
    vec![
        f.full_name.clone(),
        f.address.clone(),
        format!("{} {}", f.postal_code, f.city).trim().to_owned(),
        pepite_domain::country::name(&f.country, lang.as_str()).to_owned(),
    ]
}

/// The grade's name in the reader's language.
fn grade(lang: Language, key: &str) -> String {
    t(lang, &format!("grade-{}", key.replace('_', "-")))
}

const ROW: f32 = 15.0;
/// Where a page's table stops, leaving room for the closing texts on the last one.
const TABLE_FLOOR: f32 = MARGIN + 40.0;
/// The closing texts and the signature box.
const CLOSING_HEIGHT: f32 = 190.0;

/// T4: the transfer form as a PDF in `lang`.
pub fn transfer_form_pdf(lang: Language, f: &TransferForm) -> Vec<u8> {
    let money = |cents: i64| i18n::money(lang, Money(cents));
    let mut pages = vec![Page::default()];
    let page = pages.last_mut().expect("one page");
    let title = t_args(
        lang,
        "tradein-form-title",
        &[("programme", f.programme.clone())],
    );
    let size = fit_size(&title, Font::Bold, 18.0, CONTENT_WIDTH);
    page.text(MARGIN, TOP - 18.0, Font::Bold, size, &title);
    let mut y = TOP - 40.0;
    for line in [
        t_args(lang, "tradein-form-box", &[("id", f.box_id.to_string())]),
        t_args(
            lang,
            "tradein-form-accepted-on",
            &[("date", i18n::date(lang, f.accepted_at))],
        ),
    ] {
        page.text(MARGIN, y, Font::Regular, 10.0, &line);
        y -= 14.0;
    }
    y -= 8.0;
    page.text(MARGIN, y, Font::Bold, 10.0, &t(lang, "tradein-form-person"));
    y -= 14.0;
    let mut who = person_lines(f, lang);
    who.push(t_args(
        lang,
        "tradein-form-born",
        &[("date", civil(lang, &f.birth_date))],
    ));
    page.lines(MARGIN, y, Font::Regular, 10.0, 13.0, &who);
    y -= 13.0 * who.len() as f32 + 14.0;

    // The table: style id, name, declared grade, quoted amount.
    let cols = [MARGIN, MARGIN + 90.0, MARGIN + 300.0];
    let right = MARGIN + CONTENT_WIDTH;
    let heads = [
        t(lang, "tradein-form-col-style"),
        t(lang, "tradein-form-col-name"),
        t(lang, "tradein-form-col-grade"),
        t(lang, "tradein-form-col-amount"),
    ];
    let head = |page: &mut Page, y: f32| {
        for (x, h) in cols.iter().zip(&heads) {
            page.text(*x, y, Font::Bold, 9.0, h);
        }
        page.text_right(right, y, Font::Bold, 9.0, &heads[3]);
        page.rule(MARGIN, right, y - 5.0, 0.0);
    };
    head(page, y);
    y -= ROW + 2.0;
    for piece in &f.pieces {
        if y < TABLE_FLOOR {
            pages.push(Page::default());
            y = TOP - 10.0;
            head(pages.last_mut().expect("a page"), y);
            y -= ROW + 2.0;
        }
        let page = pages.last_mut().expect("a page");
        let fit = |s: &str, w: f32| {
            wrap(s, Font::Regular, 9.0, w)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        page.text(cols[0], y, Font::Regular, 9.0, &fit(&piece.style_ref, 85.0));
        page.text(cols[1], y, Font::Regular, 9.0, &fit(&piece.name, 205.0));
        page.text(
            cols[2],
            y,
            Font::Regular,
            9.0,
            &fit(&grade(lang, &piece.grade), 120.0),
        );
        page.text_right(right, y, Font::Regular, 9.0, &money(piece.quoted_cents));
        y -= ROW;
    }
    if y - CLOSING_HEIGHT < MARGIN {
        pages.push(Page::default());
        y = TOP - 10.0;
    }
    let page = pages.last_mut().expect("a page");
    page.rule(MARGIN, right, y + ROW - 5.0, 0.0);
    page.text(
        MARGIN,
        y - 2.0,
        Font::Bold,
        10.0,
        &t(lang, "tradein-form-total"),
    );
    page.text_right(right, y - 2.0, Font::Bold, 10.0, &money(f.total_cents));
    y -= 24.0;
    for note in [
        t(lang, "tradein-form-final-note"),
        t(lang, "tradein-form-declaration"),
    ] {
        let lines = wrap(&note, Font::Regular, 9.5, CONTENT_WIDTH);
        page.lines(MARGIN, y, Font::Regular, 9.5, 12.5, &lines);
        y -= 12.5 * lines.len() as f32 + 6.0;
    }
    // The signature box: place and date lines, then room to sign.
    let height = 110.0;
    let bottom = y - height;
    page.stroke_rect(MARGIN, bottom, CONTENT_WIDTH, height, 0.0);
    let x = MARGIN + 10.0;
    let mut line_y = y - 22.0;
    for key in ["tradein-form-place", "tradein-form-date"] {
        let label = t(lang, key);
        page.text(x, line_y, Font::Regular, 10.0, &label);
        page.rule(x + 70.0, MARGIN + CONTENT_WIDTH / 2.0, line_y - 2.0, 0.4);
        line_y -= 22.0;
    }
    page.text(
        x,
        line_y,
        Font::Regular,
        10.0,
        &t(lang, "tradein-form-signature"),
    );
    assemble(&title, &pages)
}

/// T4: the box's prepaid label in `lang`, from the person to the workshop.
pub fn box_label_pdf(
    lang: Language,
    f: &TransferForm,
    carrier: &str,
    tracking: &str,
    workshop: &LegalIdentity,
) -> Vec<u8> {
    let grams = GRAMS_PER_PIECE * f.pieces.len().max(1) as i64;
    let kg = format!("{:.1} kg", grams as f64 / 1000.0);
    let weight = if lang == Language::Fr {
        kg.replace('.', ",")
    } else {
        kg
    };
    let doc = LabelDoc {
        title: t_args(lang, "tradein-label-title", &[("id", f.box_id.to_string())]),
        carrier: carrier.to_owned(),
        tracking: tracking.to_owned(),
        weight_line: t_args(lang, "label-weight", &[("weight", weight)]),
        reference_line: t_args(
            lang,
            "tradein-label-reference",
            &[("id", f.box_id.to_string())],
        ),
        from: (t(lang, "label-from"), person_lines(f, lang)),
        to: (
            t(lang, "label-to"),
            vec![
                t_args(lang, "label-workshop", &[("name", workshop.name.clone())]),
                workshop.address.clone(),
            ],
        ),
    };
    label_pdf(&doc)
}

/// The person's accepted box and its form; NotFound before acceptance (A4: and for anyone
/// else's box).
async fn accepted(
    app: &App,
    who: &Principal,
    box_id: i64,
) -> Result<(boxes::BoxRow, TransferForm), AppError> {
    let (b, items) = boxes::mine(app, who, box_id).await?;
    let Some(at) = b.accepted_at else {
        return Err(AppError::NotFound);
    };
    let p = pepite_app::tradein::programme(app, b.programme_id).await?;
    let form = boxes::transfer_form(&p, &b, &items, at);
    Ok((b, form))
}

/// T4: the transfer form of `who`'s accepted box (file name, PDF).
pub async fn transfer_form_file(
    app: &App,
    who: &Principal,
    box_id: i64,
    lang: Language,
) -> Result<(String, Vec<u8>), AppError> {
    let (_, form) = accepted(app, who, box_id).await?;
    let name = format!("{}-{box_id}.pdf", t(lang, "tradein-form-file"));
    Ok((name, transfer_form_pdf(lang, &form)))
}

/// T4: the prepaid label of `who`'s accepted box (file name, PDF); bought now if the
/// purchase at acceptance did not go through.
pub async fn box_label_file(
    app: &App,
    who: &Principal,
    box_id: i64,
    lang: Language,
) -> Result<(String, Vec<u8>), AppError> {
    let (mut b, form) = accepted(app, who, box_id).await?;
    if b.tracking.is_none() {
        boxes::ensure_label(app, box_id, &b.country, form.pieces.len()).await?;
        b = boxes::mine(app, who, box_id).await?.0;
    }
    let tracking = b.tracking.clone().ok_or(AppError::Unavailable("carrier"))?;
    let code = b.carrier.clone().unwrap_or_default();
    let carrier = pepite_app::carriers::list(app)
        .await?
        .into_iter()
        .find(|c| c.code == code)
        .map_or(code, |c| c.name);
    let workshop = app.policy_now().await?.legal_identity.clone();
    let name = format!("{}-{tracking}.pdf", t(lang, "tradein-label-file"));
    Ok((
        name,
        box_label_pdf(lang, &form, &carrier, &tracking, &workshop),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::test_support::{assert_well_framed, text};
    use pepite_app::tradein::boxes::TransferPiece;

    fn form(pieces: usize) -> TransferForm {
        TransferForm {
            box_id: 42,
            programme: "Maison Lune".into(),
            full_name: "Camille Martin".into(),
            address: "12 rue des Lilas".into(),
            postal_code: "75011".into(),
            city: "Paris".into(),
            country: "FR".into(),
            birth_date: "1990-05-01".into(),
            accepted_at: 1_795_165_200_000_000,
            pieces: (0..pieces)
                .map(|n| TransferPiece {
                    style_ref: format!("ML-{n:03}"),
                    name: format!("Manteau {n}"),
                    grade: "excellent".into(),
                    quoted_cents: 10_500,
                })
                .collect(),
            total_cents: 10_500 * pieces as i64,
        }
    }

    #[test]
    fn t4_the_transfer_form_names_the_person_each_piece_and_the_total() {
        let pdf = transfer_form_pdf(Language::Fr, &form(2));
        assert_well_framed(&pdf);
        let Some(text) = text(&pdf) else { return };
        for shown in [
            "Maison Lune",
            "Camille Martin",
            "1 mai 1990",
            "ML-001",
            "Excellent état",
            "210,00 €",
            "Signature",
        ] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn t4_thirty_pieces_run_onto_a_second_page_with_the_signature_box() {
        let pdf = transfer_form_pdf(Language::En, &form(30));
        let Some(text) = text(&pdf) else { return };
        assert!(
            text.contains("ML-029") && text.contains("3,150.00"),
            "{text}"
        );
        assert!(text.contains("Signature"));
    }
}
