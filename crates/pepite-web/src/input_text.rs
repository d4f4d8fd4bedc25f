//! The one gate every text of a request passes before any handler reads it: JSON bodies,
//! form bodies and query strings. A control character (NUL, escape, C1…) is refused as a
//! field error here, so no field can forget it: PostgreSQL would refuse a NUL with a 500 and
//! SQLite would store it.

use std::borrow::Cow;

use pepite_domain::FieldErrors;
use pepite_domain::fields::has_control;
use serde_json::Value;

/// The fields whose text may run over several lines, so tabs and line breaks pass: the
/// `<textarea>`s of the pages and their API twins. Any other field is one line.
const MULTI_LINE: &[&str] = &[
    "description",
    "bio",
    "message",
    // Customer service: a chat message and its API twin, a question to a seller, the
    // seller's answer.
    "body",
    "question",
    "answer",
    "gift_cards",
    // A trade-in programme's brands, one per line (the partner console).
    "brands",
    // The legal pages' texts: the policy form's textareas, and their keys in the policy JSON.
    "legal_texts.terms.fr",
    "legal_texts.terms.en",
    "legal_texts.privacy.fr",
    "legal_texts.privacy.en",
    "legal_texts.notice.fr",
    "legal_texts.notice.en",
    "fr",
    "en",
];

const CODE: &str = "control_character";

/// The fields of a JSON body that carry a control character, each named by the key that
/// holds it (the innermost one for nested objects and lists).
/// Members for which `skip` answers true (properties the request type ignores) are not judged:
/// the server never reads them.
pub fn json_errors(body: &Value, skip: &dyn Fn(&Value) -> bool) -> FieldErrors {
    let mut errors = FieldErrors::new();
    walk(body, "body", skip, &mut errors);
    errors
}

fn walk(value: &Value, field: &str, skip: &dyn Fn(&Value) -> bool, errors: &mut FieldErrors) {
    match value {
        Value::String(text) => check(field, text, errors),
        Value::Array(items) => items.iter().for_each(|v| walk(v, field, skip, errors)),
        Value::Object(members) => {
            for (key, v) in members {
                if skip(v) {
                    continue;
                }
                if has_control(key, false) {
                    errors.add(printable(key), CODE);
                } else {
                    walk(v, key, skip, errors);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The fields of a form body or query string (`a=1&b=2`, percent-decoded) that carry a
/// control character.
pub fn form_errors(encoded: &[u8]) -> FieldErrors {
    let pairs: Vec<_> = form_urlencoded::parse(encoded).collect();
    pair_errors(pairs.iter().map(|(n, t)| (n.as_ref(), t.as_ref())))
}

/// The fields of name/value pairs (a multipart form's text parts) that carry a control
/// character.
pub fn pair_errors<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (name, text) in pairs {
        if has_control(name, false) {
            errors.add(printable(name), CODE);
        } else {
            check(name, text, &mut errors);
        }
    }
    errors
}

fn check(field: &str, text: &str, errors: &mut FieldErrors) {
    let repeated = errors.for_field(field).is_some();
    if !repeated && has_control(text, MULTI_LINE.contains(&field)) {
        errors.add(field, CODE);
    }
}

/// A name as it can be reported back: its control characters dropped.
fn printable(name: &str) -> String {
    let kept: Cow<str> = name.chars().filter(|c| !c.is_control()).collect();
    kept.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(e: &FieldErrors) -> Vec<&str> {
        e.0.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn control_characters_are_named_by_their_field_at_any_depth() {
        let body = json!({
            "display_name": "Léa\u{0}",
            "description": "two\nlines\tand a tab",
            "billing": {"line1": "1 rue\u{1b}"},
            "measurements": [{"kind": "length"}, {"kind": "sleeve\u{7}"}],
            "codes": ["ok", "bad\u{0}", "bad\u{0}"],
            "title\u{0}": "x",
        });
        let e = json_errors(&body, &|_| false);
        let mut named = fields(&e);
        named.sort();
        assert_eq!(named, ["codes", "display_name", "kind", "line1", "title"]);
        assert!(e.0.iter().all(|f| f.code == CODE));
        assert!(
            json_errors(&json!("top\u{0}"), &|_| false)
                .for_field("body")
                .is_some()
        );
    }

    #[test]
    fn single_line_fields_refuse_line_breaks_that_multi_line_ones_keep() {
        assert!(form_errors(b"description=a%0D%0Ab&message=c%09d").is_empty());
        let e = form_errors(b"shop_name=a%0Ab&q=robe%00&ok=fine&n%00ame=x");
        assert_eq!(fields(&e), ["shop_name", "q", "name"]);
    }
}
