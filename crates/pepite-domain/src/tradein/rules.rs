//! T1, T2, T5–T7: what a programme takes back and from whom, the condition checklist, the
//! grades an inspector may settle on, the date a box must be handled by, and a voucher's end.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, tz::TimeZone};
use serde::{Deserialize, Serialize};

use super::grid::{self, GridLine, Quoted};
use super::season::Season;
use crate::commerce::add_business_days;
use crate::country;
use crate::fields::FieldErrors;
use crate::piece::{Category, Grade};

/// T1: a brand partner's programme, stored as data and edited in the partner console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeRules {
    /// The brands taken back, as the reference catalogue spells them.
    pub brands: Vec<String>,
    pub excluded_categories: Vec<Category>,
    /// Nothing from a season before this year.
    pub earliest_year: i16,
    /// ISO codes of the countries of residence taken.
    pub countries: Vec<String>,
    pub min_age: i16,
    /// T6: business days (Europe/Paris, French public holidays) to handle a box from arrival.
    pub handling_business_days: i64,
    /// T7: a voucher's validity from its issue, in months.
    pub voucher_validity_months: i8,
    pub grid: Vec<GridLine>,
}

impl Default for ProgrammeRules {
    fn default() -> Self {
        ProgrammeRules {
            brands: Vec::new(),
            excluded_categories: vec![
                Category::Underwear,
                Category::Swimwear,
                Category::Accessories,
            ],
            earliest_year: 2016,
            countries: ["FR", "DE", "IT", "ES", "BE", "NL"]
                .map(String::from)
                .to_vec(),
            min_age: 18,
            handling_business_days: 15,
            voucher_validity_months: 12,
            grid: grid::default_grid(),
        }
    }
}

impl ProgrammeRules {
    /// Field errors for values no programme can run on (unknown country, a rate over 100 %…).
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        if self.brands.iter().all(|b| b.trim().is_empty()) {
            e.add("brands", "required");
        }
        if self.countries.is_empty() {
            e.add("countries", "required");
        }
        for c in &self.countries {
            if country::parse("countries", c).is_err() {
                e.add("countries", "unknown_value");
            }
        }
        if !(1990..=2100).contains(&self.earliest_year) {
            e.add("earliest_year", "out_of_range");
        }
        if !(16..=99).contains(&self.min_age) {
            e.add("min_age", "out_of_range");
        }
        if !(1..=60).contains(&self.handling_business_days) {
            e.add("handling_business_days", "out_of_range");
        }
        if !(1..=60).contains(&self.voucher_validity_months) {
            e.add("voucher_validity_months", "out_of_range");
        }
        if self.grid.is_empty() {
            e.add("grid", "required");
        }
        for (i, l) in self.grid.iter().enumerate() {
            if !(0..=10_000).contains(&l.rate_bps) || l.max_age_years.is_some_and(|a| a < 0) {
                e.add(format!("grid.{i}"), "out_of_range");
            }
            if !accepted_grades().contains(&l.grade) {
                e.add(format!("grid.{i}"), "unknown_value");
            }
        }
        e.into_result(())
    }
}

/// T2: the grades a person may declare and an inspector may settle on, best first.
pub fn accepted_grades() -> [Grade; 3] {
    [Grade::NewWithTags, Grade::Excellent, Grade::VeryGood]
}

/// T5: an inspector may accept a piece at the grade declared or a lower one, never higher.
pub fn may_accept_at(declared: Grade, inspected: Grade) -> bool {
    let rank = |g| accepted_grades().iter().position(|x| *x == g);
    matches!((rank(declared), rank(inspected)), (Some(d), Some(i)) if i >= d)
}

macro_rules! defects {
    ($($variant:ident = $key:literal),+ $(,)?) => {
        /// T2: the condition checklist. Any one of these and the piece is not taken.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Defect { $($variant),+ }

        impl Defect {
            pub const ALL: &'static [Defect] = &[$(Defect::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $(Defect::$variant => $key),+ } }
            pub fn parse(raw: &str) -> Option<Defect> {
                match raw.trim() { $($key => Some(Defect::$variant),)+ _ => None }
            }
        }
    };
}

defects!(
    Stained = "stained",
    Torn = "torn",
    Holed = "holed",
    Smelly = "smelly",
    Altered = "altered",
    Repaired = "repaired",
    MissingButton = "missing_button",
    MissingLabels = "missing_labels",
);

/// Why a person or a piece is not taken; each names the rule's value it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    /// T1: younger than the minimum age on the day of the quote.
    TooYoung { min_age: i16, age: i16 },
    /// T1: the country of residence is not one the programme takes.
    Country { country: String },
    /// T1: not a brand of the programme.
    Brand { brand: String },
    /// T1: an excluded category.
    Category { category: Category },
    /// T1: a season before the earliest year.
    SeasonTooOld { season: String, earliest_year: i16 },
    /// T1: the season on sale now (or one not yet out).
    SeasonCurrent { season: String },
    /// T2: a grade below those taken.
    Grade { grade: Grade },
    /// T2: the checklist found a defect.
    Condition { defects: Vec<Defect> },
}

/// What the person declares about themself for a quote.
#[derive(Debug, Clone)]
pub struct PersonFacts {
    pub birth_date: Date,
    pub country: String,
}

/// A reference style, as the brand's catalogue has it.
#[derive(Debug, Clone)]
pub struct StyleFacts {
    pub brand: String,
    pub category: Category,
    pub season: Season,
    pub reference_cents: i64,
}

/// Whole years from `birth` to `today` (the birthday counts on its day; 29 February on 1 March
/// in other years).
pub fn age_on(birth: Date, today: Date) -> i16 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0)
}

/// T1: the person's age and country, checked on `today`.
pub fn check_person(rules: &ProgrammeRules, p: &PersonFacts, today: Date) -> Vec<Refusal> {
    let mut out = Vec::new();
    let age = age_on(p.birth_date, today);
    if age < rules.min_age || p.birth_date > today {
        out.push(Refusal::TooYoung {
            min_age: rules.min_age,
            age,
        });
    }
    if !rules
        .countries
        .iter()
        .any(|c| c.eq_ignore_ascii_case(p.country.trim()))
    {
        out.push(Refusal::Country {
            country: p.country.trim().to_ascii_uppercase(),
        });
    }
    out
}

/// T1–T3: one piece's amount, or every reason it is not taken.
pub fn quote_piece(
    rules: &ProgrammeRules,
    style: &StyleFacts,
    grade: Grade,
    defects: &[Defect],
    today: Date,
) -> Result<Quoted, Vec<Refusal>> {
    let mut out = Vec::new();
    let brand_taken = rules
        .brands
        .iter()
        .any(|b| b.trim().eq_ignore_ascii_case(style.brand.trim()));
    if !brand_taken {
        out.push(Refusal::Brand {
            brand: style.brand.clone(),
        });
    }
    if rules.excluded_categories.contains(&style.category) {
        out.push(Refusal::Category {
            category: style.category,
        });
    }
    if style.season.year < rules.earliest_year {
        out.push(Refusal::SeasonTooOld {
            season: style.season.key(),
            earliest_year: rules.earliest_year,
        });
    } else if style.season >= Season::on_sale(today) {
        out.push(Refusal::SeasonCurrent {
            season: style.season.key(),
        });
    }
    if !accepted_grades().contains(&grade) {
        out.push(Refusal::Grade { grade });
    }
    if !defects.is_empty() {
        let mut d = defects.to_vec();
        d.sort_by_key(|x| Defect::ALL.iter().position(|y| y == x));
        d.dedup();
        out.push(Refusal::Condition { defects: d });
    }
    if !out.is_empty() {
        return Err(out);
    }
    let age = style.season.age_years(today);
    grid::price(
        &rules.grid,
        style.reference_cents,
        style.category,
        age,
        grade,
    )
    .ok_or(vec![Refusal::Grade { grade }])
}

/// T6: the last business day to handle a box that arrived on `arrived`.
pub fn handling_due(rules: &ProgrammeRules, arrived: Date) -> Date {
    add_business_days(arrived, rules.handling_business_days)
}

/// T7: a voucher issued at `issued_us` ends this many calendar months later, to the
/// microsecond (in Paris time, so a month is a calendar month there).
pub fn voucher_expiry(rules: &ProgrammeRules, issued_us: i64) -> i64 {
    let zone = TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC);
    let issued = crate::time::from_micros(issued_us).to_zoned(zone);
    issued
        .checked_add(i64::from(rules.voucher_validity_months).months())
        .map(|z| z.timestamp().as_microsecond())
        .unwrap_or(Timestamp::MAX.as_microsecond())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn rules() -> ProgrammeRules {
        ProgrammeRules {
            brands: vec!["Maison Lune".into()],
            ..ProgrammeRules::default()
        }
    }

    fn style(category: Category, season: &str) -> StyleFacts {
        StyleFacts {
            brand: "maison lune".into(),
            category,
            season: Season::parse(season).unwrap(),
            reference_cents: 20_000,
        }
    }

    const TODAY: Date = date(2026, 12, 4);

    #[test]
    fn t1_a_person_is_taken_from_eighteen_in_the_programmes_countries() {
        let r = rules();
        let person = |y, m, d, c: &str| PersonFacts {
            birth_date: date(y, m, d),
            country: c.into(),
        };
        assert!(check_person(&r, &person(2008, 12, 4, "fr"), TODAY).is_empty());
        assert_eq!(
            check_person(&r, &person(2008, 12, 5, "FR"), TODAY),
            vec![Refusal::TooYoung {
                min_age: 18,
                age: 17
            }]
        );
        assert_eq!(
            check_person(&r, &person(1990, 1, 1, "PT"), TODAY),
            vec![Refusal::Country {
                country: "PT".into()
            }]
        );
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    }

    #[test]
    fn t1_excluded_categories_and_seasons_are_refused_with_their_reason() {
        let r = rules();
        let q = |s: &StyleFacts| quote_piece(&r, s, Grade::Excellent, &[], TODAY);
        assert_eq!(
            q(&style(Category::Underwear, "SS22")),
            Err(vec![Refusal::Category {
                category: Category::Underwear
            }])
        );
        assert_eq!(
            q(&style(Category::Coats, "AW15")),
            Err(vec![Refusal::SeasonTooOld {
                season: "AW2015".into(),
                earliest_year: 2016
            }])
        );
        assert_eq!(
            q(&style(Category::Coats, "AW26")),
            Err(vec![Refusal::SeasonCurrent {
                season: "AW2026".into()
            }])
        );
        assert!(q(&style(Category::Coats, "SS16")).is_ok());
        assert!(
            q(&style(Category::Coats, "SS26")).is_ok(),
            "last season is taken"
        );
        let mut other = style(Category::Coats, "SS24");
        other.brand = "Autre".into();
        assert_eq!(
            q(&other),
            Err(vec![Refusal::Brand {
                brand: "Autre".into()
            }])
        );
    }

    #[test]
    fn t2_any_defect_refuses_the_piece_and_grade_good_is_not_taken() {
        let r = rules();
        let s = style(Category::Dresses, "SS24");
        let refused = quote_piece(
            &r,
            &s,
            Grade::Excellent,
            &[Defect::Smelly, Defect::Stained, Defect::Smelly],
            TODAY,
        );
        assert_eq!(
            refused,
            Err(vec![Refusal::Condition {
                defects: vec![Defect::Stained, Defect::Smelly]
            }])
        );
        assert_eq!(
            quote_piece(&r, &s, Grade::Good, &[], TODAY),
            Err(vec![Refusal::Grade { grade: Grade::Good }])
        );
        let ok = quote_piece(&r, &s, Grade::NewWithTags, &[], TODAY).unwrap();
        assert_eq!(
            ok.amount_cents, 9_000,
            "45 % of 200 € for a piece two years old"
        );
    }

    #[test]
    fn t5_an_inspector_may_lower_a_grade_never_raise_it() {
        assert!(may_accept_at(Grade::Excellent, Grade::Excellent));
        assert!(may_accept_at(Grade::Excellent, Grade::VeryGood));
        assert!(!may_accept_at(Grade::VeryGood, Grade::Excellent));
        assert!(!may_accept_at(Grade::Excellent, Grade::Good));
    }

    #[test]
    fn t6_fifteen_business_days_step_over_a_french_public_holiday() {
        // Arrived Thursday 30 April 2026: 1 May and 8 May (Fridays), Ascension (Thursday
        // 14 May) and Whit Monday (25 May) do not count, so the fifteenth day is 27 May.
        let due = handling_due(&rules(), date(2026, 4, 30));
        assert_eq!(due, date(2026, 5, 27));
        let plain = handling_due(&rules(), date(2026, 11, 30));
        assert_eq!(plain, date(2026, 12, 21));
    }

    #[test]
    fn t7_a_voucher_is_valid_twelve_calendar_months() {
        let issued = jiff::civil::datetime(2026, 3, 15, 10, 30, 0, 0)
            .to_zoned(TimeZone::get("Europe/Paris").unwrap())
            .unwrap();
        let end = voucher_expiry(&rules(), issued.timestamp().as_microsecond());
        let expected = jiff::civil::datetime(2027, 3, 15, 10, 30, 0, 0)
            .to_zoned(TimeZone::get("Europe/Paris").unwrap())
            .unwrap();
        assert_eq!(end, expected.timestamp().as_microsecond());
    }

    #[test]
    fn t1_rules_refuse_values_no_programme_runs_on() {
        let mut r = rules();
        assert!(r.check().is_ok());
        r.countries.push("ZZ".into());
        r.grid[0].rate_bps = 12_000;
        r.brands.clear();
        let codes: Vec<_> = r
            .check()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert!(codes.contains(&("countries".into(), "unknown_value")));
        assert!(codes.contains(&("grid.0".into(), "out_of_range")));
        assert!(codes.contains(&("brands".into(), "required")));
    }
}
