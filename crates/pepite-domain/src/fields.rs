//! Field-level validation errors with stable codes, translated by the layer that shows them.

use serde::Serialize;

/// One refused field: which field, a stable machine code, and optional numeric bounds
/// so the message can say "at most 120 characters" in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

/// Every problem found in one submission, collected so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.push(FieldError {
            field: field.into(),
            code,
            limit: None,
        });
    }

    pub fn add_limit(&mut self, field: impl Into<String>, code: &'static str, limit: i64) {
        self.0.push(FieldError {
            field: field.into(),
            code,
            limit: Some(limit),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error of a field, if any (forms show one message per field).
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when nothing was refused, otherwise the collected errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Records the error of a parse (if any) and returns the parsed value.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.code))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::error::Error for FieldErrors {}

impl FieldError {
    pub fn new(field: &str, code: &'static str) -> Self {
        Self {
            field: field.to_owned(),
            code,
            limit: None,
        }
    }

    pub fn with_limit(field: &str, code: &'static str, limit: i64) -> Self {
        Self {
            field: field.to_owned(),
            code,
            limit: Some(limit),
        }
    }
}

/// Trims a free-text field and checks it is present and not longer than `max` characters.
pub fn text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if value.chars().count() > max {
        return Err(FieldError::with_limit(field, "too_long", max as i64));
    }
    if has_control(value, true) {
        return Err(FieldError::new(field, "invalid"));
    }
    Ok(value.to_owned())
}

/// Whether a text holds a character no field may store: a C0 or C1 control or DEL (NUL
/// included, which PostgreSQL refuses outright and SQLite would keep). Only a multi-line
/// text may carry tabs and line breaks.
pub fn has_control(raw: &str, multi_line: bool) -> bool {
    raw.chars()
        .any(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\n' | '\r')))
}

/// Like [`text`] but an empty value is allowed and becomes an empty string.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        text(field, raw, max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("t", "  robe  ", 10).unwrap(), "robe");
        assert_eq!(text("t", "   ", 10).unwrap_err().code, "required");
        assert_eq!(text("t", "ééééééééééé", 10).unwrap_err().code, "too_long");
        assert_eq!(text("t", "a\u{0}b", 10).unwrap_err().code, "invalid");
        assert_eq!(optional_text("t", "  ", 10).unwrap(), "");
    }

    #[test]
    fn control_characters_are_found_and_line_breaks_only_pass_in_multi_line_texts() {
        for bad in ["a\u{0}b", "\u{7}", "x\u{1b}[31m", "\u{7f}", "\u{85}"] {
            assert!(has_control(bad, true), "{bad:?}");
            assert!(has_control(bad, false), "{bad:?}");
        }
        for lines in ["two\nlines", "tab\there", "crlf\r\n"] {
            assert!(!has_control(lines, true), "{lines:?}");
            assert!(has_control(lines, false), "{lines:?}");
        }
        assert!(!has_control("Écharpe – 100 % laine ✓", false));
    }
}
