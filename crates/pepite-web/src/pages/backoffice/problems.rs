//! Field errors of the back-office forms in the person's language. Codes only these forms
//! produce (a percentage, a JSON table, a code already taken…) have their words in
//! `backoffice.ftl` as `bo-error-<code>`; every other code reads as on every other form.

use pepite_domain::{FieldError, FieldErrors};

use crate::i18n::field_message;
use crate::pages::PageCtx;

/// The refused fields of one submission, each with its sentence.
#[derive(Debug, Default)]
pub(in crate::pages) struct Problems {
    messages: Vec<(String, String)>,
}

impl Problems {
    pub fn new(ctx: &PageCtx, errors: &FieldErrors) -> Self {
        Problems {
            messages: errors
                .0
                .iter()
                .map(|e| (e.field.clone(), sentence(ctx, e)))
                .collect(),
        }
    }

    /// The message of a field, if it was refused (the first one: one message per field).
    pub fn msg(&self, field: &str) -> Option<String> {
        self.messages
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }

    pub fn any(&self) -> bool {
        !self.messages.is_empty()
    }
}

/// Back-office words carry no argument, so that `has` finds them (a message with `{ $limit }`
/// looked up without it reads as missing).
fn sentence(ctx: &PageCtx, e: &FieldError) -> String {
    let key = format!("bo-error-{}", e.code.replace('_', "-"));
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        field_message(ctx.lang, e)
    }
}
