//! PDF files checked by the tools a reader's machine has: the text poppler's `pdftotext`
//! extracts, the fonts `pdffonts` lists, and `qpdf --check`'s verdict on the file's
//! structure (Debian's poppler-utils and qpdf). A missing tool is a loud skip, or a failure
//! when `CI` is set.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A font as `pdffonts` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontRow {
    /// "ABCDEF+DejaVuSans": a subset's name starts with a six-capital tag.
    pub name: String,
    /// Whether the font program is in the file ("emb").
    pub embedded: bool,
    /// Whether it is a subset ("sub").
    pub subset: bool,
    /// Whether it maps its glyphs to Unicode ("uni").
    pub unicode: bool,
}

/// The text a reader copies out of `pdf`, page after page (`pdftotext`), or `None` after a
/// loud skip when poppler-utils is missing.
pub fn text(pdf: &[u8]) -> Option<String> {
    let out = run(
        "pdftotext",
        "poppler-utils",
        &["-enc", "UTF-8"],
        pdf,
        &["-"],
    )?;
    Some(String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

/// The fonts `pdf` uses (`pdffonts`), or `None` after a loud skip.
pub fn fonts(pdf: &[u8]) -> Option<Vec<FontRow>> {
    let out = run("pdffonts", "poppler-utils", &[], pdf, &[])?;
    let listing = String::from_utf8_lossy(&out.stdout);
    // Two heading lines, then: name, type (one or more words), encoding, emb, sub, uni, and
    // the object number and generation; read the fixed columns from the end.
    let rows = listing
        .lines()
        .skip(2)
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let n = words.len();
            assert!(n >= 8, "a pdffonts row: {line}");
            FontRow {
                name: words[0].to_owned(),
                embedded: words[n - 5] == "yes",
                subset: words[n - 4] == "yes",
                unicode: words[n - 3] == "yes",
            }
        })
        .collect();
    Some(rows)
}

/// Panics unless `qpdf --check` finds the file sound, without errors or warnings; `false`
/// after a loud skip when qpdf is missing.
pub fn assert_sound(pdf: &[u8]) -> bool {
    let Some(out) = run("qpdf", "qpdf", &["--check"], pdf, &[]) else {
        return false;
    };
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // qpdf exits 0 when sound, 3 with warnings, 2 with errors.
    assert!(
        out.status.success() && !report.to_lowercase().contains("warning"),
        "qpdf --check:\n{report}"
    );
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
    true
}

/// Runs `tool ARGS FILE TAIL` on `pdf` written to a file of its own; `None` after a loud
/// skip when the tool is not installed. Panics when the tool fails otherwise.
fn run(tool: &str, package: &str, args: &[&str], pdf: &[u8], tail: &[&str]) -> Option<Output> {
    let file = Scratch::new(pdf);
    let out = Command::new(tool)
        .args(args)
        .arg(&file.0)
        .args(tail)
        .output();
    match out {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::skip_or_fail(
                "PDF tool test",
                &format!("{tool} is not installed (Debian package {package})"),
            );
            None
        }
        Err(e) => panic!("{tool} would not run: {e}"),
        Ok(out) => {
            // qpdf answers 3 for warnings: its caller reads the report.
            assert!(
                out.status.success() || tool == "qpdf",
                "{tool} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out)
        }
    }
}

/// A PDF written to the temporary folder for a tool to read, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(pdf: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("pepite-{}.pdf", crate::unique_suffix()));
        std::fs::write(&path, pdf).expect("write a scratch PDF");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
