//! Bar charts drawn on the server as inline SVG (no script: the CSP forbids inline script and
//! the page must work without any), colours from classes in `tools.css` (no style
//! attribute: `style-src 'self'`). Each chart carries its numbers for a `<table>` too, so a
//! screen reader, or anyone, reads the same figures as text.

use pepite_store::dashboard::Day;

/// The drawing's size in SVG units; the CSS scales it to the page's width.
const WIDTH: i64 = 600;
const HEIGHT: i64 = 160;
/// Room under the bars for the first and last day's labels, and above for the top value.
const BOTTOM: i64 = 20;
const TOP: i64 = 14;

/// One bar: its place, its colour class (`bar-0`, `bar-1`) and its tooltip text.
#[derive(Debug, Clone)]
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub class: &'static str,
    pub tip: String,
}

/// A series of the chart: its legend and its value for each day.
pub struct Line {
    pub label: String,
    pub values: Vec<i64>,
    /// How a value reads in the table and tooltips (a count, an amount).
    pub show: fn(&super::PageCtx, i64) -> String,
}

/// A chart ready for `backoffice/chart.html`.
pub struct Chart {
    /// Unique on the page: the SVG's `<title>`/`<desc>` and the table are named after it.
    pub id: &'static str,
    pub title: String,
    /// What the chart shows in one sentence, with its totals (the SVG's `<desc>`).
    pub desc: String,
    pub legend: Vec<(&'static str, String)>,
    pub bars: Vec<Bar>,
    /// The table: one header per series after the day, one row per day.
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
    /// The largest value, written at the top of the scale, and the first and last day.
    pub top: String,
    pub first_day: String,
    pub last_day: String,
}

/// `0 0 WIDTH HEIGHT`.
pub const VIEW_BOX: &str = "0 0 600 160";
pub const LABEL_Y: i64 = HEIGHT - 4;
pub const RIGHT: i64 = WIDTH;
pub const BASE: i64 = HEIGHT - BOTTOM;

/// The values of a series, day by day.
pub fn counts(days: &[Day]) -> Vec<i64> {
    days.iter().map(|d| d.count).collect()
}

pub fn amounts(days: &[Day]) -> Vec<i64> {
    days.iter().map(|d| d.amount_cents).collect()
}

/// Lays out `lines` side by side for each day of `day_labels`, scaled to the largest value.
pub fn chart(
    ctx: &super::PageCtx,
    id: &'static str,
    title: String,
    day_labels: &[String],
    lines: Vec<Line>,
) -> Chart {
    const CLASSES: [&str; 2] = ["bar-0", "bar-1"];
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let days = day_labels.len().max(1) as i64;
    let slot = WIDTH / days;
    let bar_width = ((slot - 2) / lines.len().max(1) as i64).max(1);
    let room = HEIGHT - BOTTOM - TOP;
    let mut bars = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for (day, value) in line.values.iter().enumerate() {
            let height = value * room / max;
            bars.push(Bar {
                x: day as i64 * slot + 1 + n as i64 * bar_width,
                y: TOP + room - height,
                width: bar_width,
                height,
                class: CLASSES[n % CLASSES.len()],
                tip: format!(
                    "{} · {}: {}",
                    day_labels[day],
                    line.label,
                    (line.show)(ctx, *value)
                ),
            });
        }
    }
    let totals: Vec<String> = lines
        .iter()
        .map(|l| format!("{} {}", l.label, (l.show)(ctx, l.values.iter().sum())))
        .collect();
    let rows = day_labels
        .iter()
        .enumerate()
        .map(|(day, label)| {
            let cells = lines
                .iter()
                .map(|l| (l.show)(ctx, l.values.get(day).copied().unwrap_or(0)))
                .collect();
            (label.clone(), cells)
        })
        .collect();
    let top = lines
        .first()
        .map(|l| (l.show)(ctx, max))
        .unwrap_or_default();
    Chart {
        id,
        desc: ctx.t2(
            "bo-chart-desc",
            "days",
            day_labels.len(),
            "totals",
            totals.join(", "),
        ),
        title,
        legend: lines
            .iter()
            .enumerate()
            .map(|(n, l)| (CLASSES[n % CLASSES.len()], l.label.clone()))
            .collect(),
        bars,
        columns: lines.iter().map(|l| l.label.clone()).collect(),
        rows,
        top,
        first_day: day_labels.first().cloned().unwrap_or_default(),
        last_day: day_labels.last().cloned().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_stand_on_the_base_line() {
        let ctx = crate::pages::PageCtx::anonymous(
            pepite_domain::account::Language::En,
            "/back-office".into(),
        );
        let days = vec!["1 Dec".to_owned(), "2 Dec".to_owned(), "3 Dec".to_owned()];
        let show: fn(&crate::pages::PageCtx, i64) -> String = |_, v| v.to_string();
        let c = chart(
            &ctx,
            "t",
            "Test".into(),
            &days,
            vec![Line {
                label: "sold".into(),
                values: vec![0, 4, 2],
                show,
            }],
        );
        let base = HEIGHT - BOTTOM;
        assert_eq!(c.bars.len(), 3);
        assert!(c.bars.iter().all(|b| b.y + b.height == base));
        assert_eq!(
            c.bars[1].height,
            HEIGHT - BOTTOM - TOP,
            "the largest fills the height"
        );
        assert_eq!(c.bars[2].height * 2, c.bars[1].height);
        assert_eq!(c.bars[0].height, 0);
        assert_eq!(c.rows[1], ("2 Dec".to_owned(), vec!["4".to_owned()]));
        assert!(c.desc.contains("sold 6"), "{}", c.desc);
    }
}
