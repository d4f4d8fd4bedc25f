//! Each line of a form's error summary names its field with the label the person sees beside
//! it ("Postcode: this field is required"), so the list reads on its own (WCAG 3.3.1) without
//! a second table of field names to keep in step with every form: the label is taken from the
//! rendered page itself. Runs only on pages that show a summary, i.e. refused forms.

/// Where the summary's template puts a field's name: `<span data-label-for="FIELD"></span>`.
const SLOT: &str = "<span class=\"field-name\" data-label-for=\"";

/// Fills every empty name slot of `html` with its field's label and the language's separator.
pub fn name_fields(html: String) -> String {
    if !html.contains(SLOT) {
        return html;
    }
    let separator = if html.contains("<html lang=\"fr\"") {
        "\u{a0}: "
    } else {
        ": "
    };
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(at) = rest.find(SLOT) {
        let after = &rest[at + SLOT.len()..];
        let Some(quote) = after.find('"') else { break };
        let field = &after[..quote];
        let Some(close) = after.find("</span>") else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..at + SLOT.len() + close]);
        if let Some(label) = label_of(&html, field) {
            out.push_str(&label);
            out.push_str(separator);
        }
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// The visible name of `field`: its `<label for>`, or the legend of the fieldset it names.
/// Only the label's own words count, not what it holds in tags (a count, "(optional)").
fn label_of(html: &str, field: &str) -> Option<String> {
    let words = |inner: &str| {
        let text = inner.split('<').next().unwrap_or("").trim().to_owned();
        (!text.is_empty()).then_some(text)
    };
    let opening = format!("<label for=\"{field}\"");
    if let Some(at) = html.find(&opening) {
        let after = &html[at + opening.len()..];
        let inner = &after[after.find('>')? + 1..];
        return words(&inner[..inner.find("</label>")?]);
    }
    let fieldset = html
        .find(&format!("<fieldset class=\"choices\" id=\"{field}\""))
        .or_else(|| html.find(&format!("<fieldset id=\"{field}\"")))?;
    let after = &html[fieldset..];
    let legend = &after[after.find("<legend")?..];
    let inner = &legend[legend.find('>')? + 1..];
    words(&inner[..inner.find("</legend>")?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, summary: &str) -> String {
        format!(
            "<html lang=\"{lang}\"><ul>{summary}</ul><form>\
             <label for=\"postcode\">Code postal <span class=\"muted\">(facultatif)</span></label>\
             <fieldset class=\"choices\" id=\"method\"><legend>Moyen de paiement</legend></fieldset>\
             </form></html>"
        )
    }

    fn slot(field: &str) -> String {
        format!("<li><a href=\"#{field}\">{SLOT}{field}\"></span>Obligatoire.</a></li>")
    }

    #[test]
    fn a_summary_line_names_its_field_by_its_label_or_legend() {
        let html = name_fields(page("fr", &(slot("postcode") + &slot("method"))));
        assert!(
            html.contains("postcode\">Code postal\u{a0}: </span>Obligatoire."),
            "{html}"
        );
        assert!(
            html.contains("method\">Moyen de paiement\u{a0}: </span>Obligatoire."),
            "{html}"
        );
        let en = name_fields(page("en", &slot("postcode")));
        assert!(en.contains(">Code postal: </span>Obligatoire."), "{en}");
    }

    #[test]
    fn a_field_without_a_label_keeps_its_message_alone() {
        let html = name_fields(page("fr", &slot("cursor")));
        assert!(html.contains("cursor\"></span>Obligatoire."), "{html}");
    }
}
