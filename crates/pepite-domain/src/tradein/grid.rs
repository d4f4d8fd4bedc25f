//! T3: the programme's price grid. A line gives, for a grade, an optional category and an
//! optional maximum season age, the share of the style's reference price paid back. The most
//! specific matching line wins: a category's own line over the general one, then the
//! youngest age bound. The quote names the line it came from.

use serde::{Deserialize, Serialize};

use crate::commerce::apply_bps;
use crate::piece::{Category, Grade};

/// One line of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridLine {
    /// None: every category without a line of its own.
    #[serde(default)]
    pub category: Option<Category>,
    /// The oldest season age (years) this line takes; None: any age.
    #[serde(default)]
    pub max_age_years: Option<i16>,
    pub grade: Grade,
    /// Share of the reference price, in basis points (4000 = 40 %).
    pub rate_bps: i64,
}

/// A piece's amount and the line that priced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quoted {
    pub amount_cents: i64,
    pub line: GridLine,
}

/// The rule book gives no figures; these are the programme's starting grid, which the brand
/// edits: by age (up to 2 years, up to 5, older) and grade.
pub fn default_grid() -> Vec<GridLine> {
    let mut grid = Vec::new();
    for (age, rates) in [
        (Some(2), [4_500, 3_500, 2_500]),
        (Some(5), [3_500, 2_500, 1_800]),
        (None, [2_500, 1_800, 1_200]),
    ] {
        for (grade, rate_bps) in [Grade::NewWithTags, Grade::Excellent, Grade::VeryGood]
            .into_iter()
            .zip(rates)
        {
            grid.push(GridLine {
                category: None,
                max_age_years: age,
                grade,
                rate_bps,
            });
        }
    }
    grid
}

/// The line that prices a piece of `category`, `age` years old, at `grade`, if any.
pub fn line_for(
    grid: &[GridLine],
    category: Category,
    age: i16,
    grade: Grade,
) -> Option<&GridLine> {
    grid.iter()
        .filter(|l| l.grade == grade)
        .filter(|l| l.category.is_none_or(|c| c == category))
        .filter(|l| l.max_age_years.is_none_or(|m| age <= m))
        .min_by_key(|l| (l.category.is_none(), l.max_age_years.unwrap_or(i16::MAX)))
}

/// The amount for a reference price on a line: its share, rounded to the cent.
pub fn price(
    grid: &[GridLine],
    reference_cents: i64,
    category: Category,
    age: i16,
    grade: Grade,
) -> Option<Quoted> {
    line_for(grid, category, age, grade).map(|line| Quoted {
        amount_cents: apply_bps(reference_cents, line.rate_bps),
        line: line.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t3_the_most_specific_line_prices_the_piece() {
        let mut grid = default_grid();
        grid.push(GridLine {
            category: Some(Category::Coats),
            max_age_years: Some(3),
            grade: Grade::Excellent,
            rate_bps: 5_000,
        });
        let coat = price(&grid, 30_000, Category::Coats, 1, Grade::Excellent).unwrap();
        assert_eq!(coat.amount_cents, 15_000);
        assert_eq!(coat.line.category, Some(Category::Coats));
        // Older than the coat line: the general grid by age.
        let old_coat = price(&grid, 30_000, Category::Coats, 4, Grade::Excellent).unwrap();
        assert_eq!(
            (old_coat.amount_cents, old_coat.line.max_age_years),
            (7_500, Some(5))
        );
        let dress = price(&grid, 12_345, Category::Dresses, 9, Grade::VeryGood).unwrap();
        assert_eq!(
            dress.amount_cents, 1_481,
            "12 % of 123.45, rounded to the cent"
        );
        assert_eq!(
            price(&grid, 10_000, Category::Dresses, 1, Grade::Good),
            None
        );
    }
}
