//! Search normalisation (C5): the same folding and word-form reduction is applied to what is
//! indexed and to what is asked, in Rust, so SQLite and PostgreSQL find exactly the same pieces.

use unicode_normalization::UnicodeNormalization;

/// Lower-cases and strips accents: "Écharpe" → "echarpe", "Œillet" → "oeillet".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Reduces a folded word to the form shared by its French and English inflections, so that
/// "robes" meets "robe", "vestes" meets "veste", "manteaux" meets "manteau", "dresses" meets
/// "dress" and "scarves" meets "scarf". Deliberately light: plural endings only, never a
/// word's meaning. The result need not be a word: both sides of a match go through it.
pub fn stem(word: &str) -> String {
    if word.chars().count() <= 3 {
        return word.to_owned();
    }
    settle_ending(&strip_plural(word))
}

/// The plural ending of a folded word removed (C5).
fn strip_plural(w: &str) -> String {
    if let Some(base) = w.strip_suffix("eaux") {
        return format!("{base}eau");
    }
    if let Some(base) = w.strip_suffix("sses") {
        return format!("{base}ss");
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_owned();
    }
    if let Some(base) = w.strip_suffix("ies").filter(|_| w.len() > 4) {
        return format!("{base}y");
    }
    if let Some(base) = w.strip_suffix("aux") {
        return format!("{base}al");
    }
    if let Some(base) = w.strip_suffix('s').or_else(|| w.strip_suffix('x')) {
        return base.to_owned();
    }
    w.to_owned()
}

/// A singular's ending brought to the form its plural reaches once its `s` is gone (C5): the
/// English plurals that change the word ("scarves", "knives", "watches", "boxes") and the
/// French words in -ie ("broderies") meet their singular without breaking the French words
/// whose singular already ends in `e` ("manches", "gants", "cuves").
fn settle_ending(w: &str) -> String {
    let keep = |base: &str| base.chars().count() >= 2;
    // scarf → scarv, knife → kniv, leave(s) → leav, manche(s) → manch, broderie → brodery.
    let rules: [(&str, &str); 6] = [
        ("ie", "y"),
        ("che", "ch"),
        ("she", "sh"),
        ("xe", "x"),
        ("fe", "v"),
        ("ve", "v"),
    ];
    for (ending, replacement) in rules {
        if let Some(base) = w.strip_suffix(ending).filter(|b| keep(b)) {
            return format!("{base}{replacement}");
        }
    }
    match w.strip_suffix('f').filter(|b| keep(b)) {
        Some(base) => format!("{base}v"),
        None => w.to_owned(),
    }
}

/// The words of a text, folded and reduced, in order, without duplicates.
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = Vec::new();
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let term = stem(word);
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

/// At most this many words of a query are used; more only slows the search down.
pub const MAX_QUERY_TERMS: usize = 8;

/// The terms of a buyer's query, bounded.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut t = terms(query);
    t.truncate(MAX_QUERY_TERMS);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c5_search_folds_accents_and_case() {
        assert_eq!(terms("Écharpe"), terms("echarpe"));
        assert_eq!(terms("CHÂLE Œuvre"), vec!["chale", "oeuvre"]);
    }

    #[test]
    fn c5_french_and_english_word_forms_meet() {
        assert_eq!(terms("robe"), terms("Robes"));
        assert_eq!(terms("veste"), terms("Vestes"));
        assert_eq!(terms("manteau"), terms("manteaux"));
        assert_eq!(terms("dress"), terms("dresses"));
        assert_eq!(terms("accessory"), terms("accessories"));
        assert_eq!(terms("jean"), terms("jeans"));
    }

    #[test]
    fn c5_english_irregular_plurals_meet_their_singular() {
        for (one, many) in [
            ("scarf", "scarves"),
            ("knife", "knives"),
            ("leaf", "leaves"),
            ("wife", "wives"),
            ("shelf", "shelves"),
            ("half", "halves"),
            ("glove", "gloves"),
            ("sleeve", "sleeves"),
            ("watch", "watches"),
            ("brush", "brushes"),
            ("box", "boxes"),
            ("accessory", "accessories"),
        ] {
            assert_eq!(terms(one), terms(many), "{one} / {many}");
        }
    }

    #[test]
    fn c5_french_forms_keep_meeting_with_the_english_rules() {
        for (one, many) in [
            ("robe", "robes"),
            ("écharpe", "Écharpes"),
            ("manche", "manches"),
            ("broche", "broches"),
            ("poche", "poches"),
            ("taxe", "taxes"),
            ("cuve", "cuves"),
            ("broderie", "broderies"),
            ("chef", "chefs"),
            ("cheval", "chevaux"),
            ("bijou", "bijoux"),
            ("manteau", "manteaux"),
        ] {
            assert_eq!(terms(one), terms(many), "{one} / {many}");
        }
        assert_ne!(terms("robe"), terms("rose"));
    }

    #[test]
    fn c5_short_and_latin_words_stay_whole() {
        assert_eq!(stem("sac"), "sac");
        assert_eq!(stem("bas"), "bas");
        assert_eq!(stem("dress"), "dress");
        assert_eq!(stem("cactus"), "cactus");
    }

    #[test]
    fn terms_hold_each_word_once() {
        assert_eq!(
            terms("Robe rouge Sézane robes et vestes").join(" "),
            "robe rouge sezane et veste"
        );
    }

    #[test]
    fn queries_are_bounded() {
        assert_eq!(query_terms("a b c d e f g h i j k").len(), MAX_QUERY_TERMS);
        assert!(query_terms("  !!! ").is_empty());
    }
}
