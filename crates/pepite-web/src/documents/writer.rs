//! The small PDF toolkit every document shares: A4 pages drawn in DejaVu Sans, text
//! wrapping, and the assembly of the file, with the fonts' glyphs embedded, by pdf-writer.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, TextStr};

use super::embed::Subset;
use super::fonts::{Font, char_width, text_width};

pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
pub(super) const MARGIN: f32 = 15.0 * 72.0 / 25.4;
pub(super) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Top edge of the writable area.
pub(super) const TOP: f32 = PAGE_HEIGHT - MARGIN;

/// Names of the two fonts in every page's resources.
fn resource(font: Font) -> Name<'static> {
    match font {
        Font::Regular => Name(b"F1"),
        Font::Bold => Name(b"F2"),
    }
}

/// The content stream of one page, in PDF points with the origin at the bottom left.
#[derive(Default)]
pub(super) struct Page {
    parts: Vec<Part>,
}

/// A page's content: drawing operators as written, and the strings the text operators show,
/// which become glyph numbers only once the file's subsets are known.
enum Part {
    Ops(Vec<u8>),
    Shown(Font, String),
}

impl Page {
    /// One line of text with its baseline at `y`.
    pub(super) fn text(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str) {
        let mut head = Content::new();
        head.begin_text()
            .set_font(resource(font), size)
            .next_line(x, y);
        self.parts.push(Part::Ops(head.finish().to_vec()));
        self.parts.push(Part::Shown(font, text.to_owned()));
        self.parts.push(Part::Ops(b" Tj\nET\n".to_vec()));
    }

    /// One line of text ending at `right`: amounts line up on their last digit.
    pub(super) fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, text: &str) {
        self.text(right - text_width(text, font, size), y, font, size, text);
    }

    /// One line of text centred on `center`.
    pub(super) fn text_center(&mut self, center: f32, y: f32, font: Font, size: f32, text: &str) {
        let x = center - text_width(text, font, size) / 2.0;
        self.text(x, y, font, size, text);
    }

    /// Lines stacked downwards from the baseline `y`, `leading` apart.
    pub(super) fn lines(
        &mut self,
        x: f32,
        y: f32,
        font: Font,
        size: f32,
        leading: f32,
        lines: &[String],
    ) {
        for (n, line) in lines.iter().enumerate() {
            self.text(x, y - n as f32 * leading, font, size, line);
        }
    }

    /// A filled rectangle in a shade of grey (0 black, 1 white).
    pub(super) fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, gray: f32) {
        self.graphics(|c| {
            c.set_fill_gray(gray)
                .rect(x, y, width, height)
                .fill_nonzero();
        });
    }

    /// A barcode: `widths` in modules, a bar first then alternately space and bar, each bar
    /// a black rectangle from `x`, `height` tall, at `module` points a module.
    pub(super) fn bars(&mut self, x: f32, y: f32, height: f32, module: f32, widths: &[u8]) {
        self.graphics(|c| {
            c.set_fill_gray(0.0);
            let mut at = x;
            for (i, &w) in widths.iter().enumerate() {
                let width = f32::from(w) * module;
                if i % 2 == 0 {
                    c.rect(at, y, width, height);
                }
                at += width;
            }
            c.fill_nonzero();
        });
    }

    /// The outline of a rectangle.
    pub(super) fn stroke_rect(&mut self, x: f32, y: f32, width: f32, height: f32, gray: f32) {
        self.graphics(|c| {
            c.set_stroke_gray(gray)
                .set_line_width(0.75)
                .rect(x, y, width, height)
                .stroke();
        });
    }

    /// A thin horizontal rule from `x1` to `x2`.
    pub(super) fn rule(&mut self, x1: f32, x2: f32, y: f32, gray: f32) {
        self.graphics(|c| {
            c.set_stroke_gray(gray)
                .set_line_width(0.5)
                .move_to(x1, y)
                .line_to(x2, y)
                .stroke();
        });
    }

    /// Drawing between a save and a restore, so colours never leak into the text after it.
    fn graphics(&mut self, draw: impl FnOnce(&mut Content)) {
        let mut content = Content::new();
        content.save_state();
        draw(&mut content);
        content.restore_state();
        let mut ops = content.finish().to_vec();
        ops.push(b'\n');
        self.parts.push(Part::Ops(ops));
    }

    /// The content stream, its text as glyph numbers of the file's subsets.
    fn stream(&self, subsets: &[Subset]) -> Vec<u8> {
        let mut out = Vec::new();
        for part in &self.parts {
            match part {
                Part::Ops(ops) => out.extend_from_slice(ops),
                Part::Shown(font, text) => subsets[*font as usize].encode(text, &mut out),
            }
        }
        out
    }
}

/// Breaks `text` into lines no wider than `width`. A newline starts a new line (kept blank
/// when empty); only plain spaces are break points, so no-break spaces hold "120,00 €"
/// together; a word longer than a line (a pasted link) is cut where it overflows.
pub(super) fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, font, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut line_width = 0.0;
            for c in word.chars() {
                let w = char_width(c, font) * size / 1000.0;
                if !line.is_empty() && line_width + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Keeps at most `max` lines; when some are dropped, the last one kept ends with "…" so the
/// reader sees the text goes on.
pub(super) fn cap_lines(
    mut lines: Vec<String>,
    max: usize,
    font: Font,
    size: f32,
    width: f32,
) -> Vec<String> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        let ellipsis = char_width('…', font) * size / 1000.0;
        while !last.is_empty() && text_width(last, font, size) + ellipsis > width {
            last.pop();
        }
        last.truncate(last.trim_end().len());
        last.push('…');
    }
    lines
}

/// The largest size up to `size` at which `text` fits in `width`: codes and amounts stay on
/// one line whatever their length.
pub(super) fn fit_size(text: &str, font: Font, size: f32, width: f32) -> f32 {
    let natural = text_width(text, font, size);
    if natural <= width {
        size
    } else {
        size * width / natural
    }
}

/// Assembles A4 pages into a PDF file. Each face's glyphs the pages show are embedded
/// (`embed.rs`); content streams stay uncompressed, so the drawing can be read back in tests.
pub(super) fn assemble(title: &str, pages: &[Page]) -> Vec<u8> {
    let mut subsets = Font::ALL.map(Subset::new);
    for page in pages {
        for part in &page.parts {
            if let Part::Shown(font, text) = part {
                subsets[*font as usize].add(text);
            }
        }
    }
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let fonts = [Ref::new(4), Ref::new(5)];
    // Each page takes two ids: the page, then its content stream.
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(6 + 2 * i as i32))
        .collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    let mut next = Ref::new(6 + 2 * pages.len() as i32);
    for (subset, &id) in subsets.iter().zip(&fonts) {
        if subset.is_used() {
            next = subset.write(&mut pdf, id, next);
        }
    }
    for (page, &id) in pages.iter().zip(&page_ids) {
        {
            let mut writer = pdf.page(id);
            writer
                .parent(tree)
                .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .contents(id.next());
            let mut resources = writer.resources();
            let mut names = resources.fonts();
            for (subset, &font) in subsets.iter().zip(&fonts) {
                if subset.is_used() {
                    names.pair(resource(subset.font), font);
                }
            }
        }
        pdf.stream(id.next(), &page.stream(&subsets));
    }
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Pépite"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_overlong_words() {
        let lines = wrap("un deux trois quatre", Font::Regular, 10.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "un deux trois quatre");
        let long = "x".repeat(200);
        let cut = wrap(&long, Font::Regular, 10.0, 100.0);
        assert!(cut.len() > 1);
        assert!(
            cut.iter()
                .all(|l| text_width(l, Font::Regular, 10.0) <= 100.0)
        );
        assert_eq!(wrap("a\n\nb", Font::Regular, 10.0, 100.0), ["a", "", "b"]);
    }

    #[test]
    fn cap_lines_marks_the_cut_with_an_ellipsis() {
        let lines = vec!["one".to_owned(), "two".to_owned(), "three".to_owned()];
        let capped = cap_lines(lines, 2, Font::Regular, 10.0, 100.0);
        assert_eq!(capped, ["one", "two…"]);
    }

    #[test]
    fn text_is_shown_as_the_subsets_glyph_numbers() {
        let mut page = Page::default();
        page.text(0.0, 0.0, Font::Bold, 10.0, "Łódź (ok)");
        let mut subsets = Font::ALL.map(Subset::new);
        subsets[Font::Bold as usize].add("Łódź (ok)");
        let stream = String::from_utf8(page.stream(&subsets)).expect("ASCII operators");
        // 0 is .notdef; each new glyph takes the next number in the order it was first seen.
        assert!(stream.contains("/F2 10 Tf"), "{stream}");
        assert!(
            stream.contains("<000100020003000400050006000700080009> Tj"),
            "{stream}"
        );
        assert!(!subsets[Font::Regular as usize].is_used());
    }
}
