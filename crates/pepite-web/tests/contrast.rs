//! Issue 11, item 9 (WCAG 2.1, 1.4.11 non-text contrast): the keyboard focus ring and the
//! borders of form fields keep a contrast of at least 3:1 against the page's backgrounds, white
//! and the paper colour. The colours are read from the style sheet itself, so a change to them
//! is checked here.

const CSS: &str = include_str!("../static/pepite.css");

/// The value of `--name` in `:root`, a `#rrggbb` colour.
fn var(name: &str) -> [u8; 3] {
    let at = CSS
        .find(&format!("--{name}:"))
        .unwrap_or_else(|| panic!("--{name} in pepite.css"));
    let hex = CSS[at..]
        .split('#')
        .nth(1)
        .and_then(|rest| rest.get(..6))
        .unwrap_or_else(|| panic!("--{name} is a #rrggbb colour"));
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex");
    [byte(0), byte(2), byte(4)]
}

/// Relative luminance (WCAG 2.1).
fn luminance(c: [u8; 3]) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn contrast_is_computed_as_wcag_defines_it() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
}

#[test]
fn the_focus_ring_and_field_borders_keep_three_to_one() {
    let white = [255, 255, 255];
    let paper = var("paper");
    for name in ["focus", "field"] {
        let colour = var(name);
        for (background, on) in [(white, "white"), (paper, "paper")] {
            let ratio = contrast(colour, background);
            assert!(ratio >= 3.0, "--{name} on {on}: {ratio:.2}:1, below 3:1");
        }
    }
    // Every focus outline uses the variable, not a colour of its own.
    for sheet in [CSS, include_str!("../static/tools.css")] {
        for rule in sheet
            .lines()
            .filter(|l| l.contains("focus") && l.contains("outline: 3px"))
        {
            assert!(rule.contains("var(--focus)"), "{rule}");
        }
    }
}
