//! CSV import of many pieces at once (C1). Every line is checked first; if any line is
//! refused nothing is written and the report lists each refused line with its fields.

use pepite_domain::piece::PieceInput;
use pepite_domain::{FieldError, FieldErrors, Money};

use crate::accounts::Principal;
use crate::catalog::values;
use crate::sellers::my_shop;
use crate::{App, AppError};

/// Most lines one file may carry.
pub const MAX_LINES: usize = 1000;
/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// The columns, in the order the template gives them. `price` is in euros ("12.50" or
/// "12,50"); `measurements` is optional, e.g. `chest=48;length=105.5` in centimetres.
pub const COLUMNS: &[&str] = &[
    "title",
    "brand",
    "category",
    "size_system",
    "size_label",
    "grade",
    "colour",
    "materials",
    "description",
    "price",
    "weight_g",
    "measurements",
];

/// The problems of one line (line 1 is the header; data starts at line 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineErrors {
    pub line: usize,
    pub errors: FieldErrors,
    /// The cell each error is about, as the file wrote it (same order as `errors`), so a
    /// refusal can name the value: "« Vestee » is not a category".
    pub cells: Vec<String>,
}

/// The columns whose values come from a closed list. The web layer reads them in either
/// language ("Vestes", "Jackets", "jackets") through a [`ValueNames`].
pub const VOCABULARY_COLUMNS: &[&str] = &["category", "size_system", "grade", "colour"];

/// Turns a cell of a [`VOCABULARY_COLUMNS`] column, written as a key or as its name in
/// French or English, into its key; `None` leaves the cell as written (and refused).
pub type ValueNames<'a> = &'a (dyn Fn(&str, &str) -> Option<&'static str> + Sync);

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Every line became a draft; their ids in file order.
    Imported(Vec<i64>),
    /// Nothing was written; here is why.
    Rejected(Vec<LineErrors>),
}

/// A template file a seller can fill in.
pub fn template() -> String {
    format!(
        "{}\n{}\n",
        COLUMNS.join(","),
        "Veste en tweed,Chanel,jackets,FR,38,excellent,beige,laine,\"Veste courte, boutons dorés\",450.00,600,chest=46;length=55"
    )
}

fn parse_measurements(raw: &str) -> Result<Vec<(String, i64)>, FieldError> {
    let mut out = Vec::new();
    for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (kind, cm) = part
            .split_once('=')
            .ok_or_else(|| FieldError::new("measurements", "invalid"))?;
        let cm: f64 = cm
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| FieldError::new("measurements", "invalid"))?;
        if !cm.is_finite() {
            return Err(FieldError::new("measurements", "invalid"));
        }
        // Millimetres, rounded: measurements are never money, a float is fine here.
        out.push((kind.trim().to_owned(), (cm * 10.0).round() as i64));
    }
    Ok(out)
}

/// The raw cell of a column in one record ("" when the column or the cell is absent).
fn cell(record: &csv::StringRecord, index: &[Option<usize>], name: &str) -> String {
    COLUMNS
        .iter()
        .position(|c| *c == name)
        .and_then(|i| index[i])
        .and_then(|i| record.get(i))
        .unwrap_or("")
        .to_owned()
}

/// The column an error's field comes from (`weight` is the `weight_g` column, a measurement
/// kind the `measurements` column).
fn column_of(field: &str) -> &str {
    match field {
        "weight" => "weight_g",
        f if f.starts_with("measurement") => "measurements",
        f => f,
    }
}

fn parse_line(
    record: &csv::StringRecord,
    index: &[Option<usize>],
    names: ValueNames<'_>,
) -> Result<PieceInput, FieldErrors> {
    let get = |name: &str| cell(record, index, name);
    let named = |name: &str| {
        let raw = get(name);
        names(name, raw.trim()).map_or(raw, str::to_owned)
    };
    let mut errors = FieldErrors::new();
    let price = match get("price").trim() {
        "" => None,
        raw => errors
            .take(Money::parse_amount(
                "price",
                raw,
                pepite_domain::money::MAX_PRICE,
            ))
            .map(Money::cents),
    };
    let weight = match get("weight_g").trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(w) => Some(w),
            Err(_) => {
                errors.add("weight", "invalid_number");
                None
            }
        },
    };
    let measurements = errors
        .take(parse_measurements(&get("measurements")))
        .unwrap_or_default();
    let input = PieceInput {
        title: get("title"),
        brand: get("brand"),
        category: named("category"),
        size_system: named("size_system"),
        size_label: get("size_label"),
        grade: named("grade"),
        colour: named("colour"),
        materials: get("materials"),
        description: get("description"),
        price_cents: price,
        weight_g: weight,
        measurements,
        open_to_offers: None,
    };
    match input.validate() {
        Ok(_) if errors.is_empty() => Ok(input),
        Ok(_) => Err(errors),
        Err(mut more) => {
            // Keep the first message per field: a price that did not parse is not also "required".
            for e in more.0.drain(..) {
                if errors.for_field(&e.field).is_none() {
                    errors.0.push(e);
                }
            }
            Err(errors)
        }
    }
}

/// A CSV reader at its first data line, and where each wanted column is.
pub(crate) type OpenCsv<'a> = (csv::Reader<&'a [u8]>, Vec<Option<usize>>);

/// Opens a CSV file of at most `max_bytes` (UTF-8, an optional byte-order mark, comma or
/// semicolon separated, header line first) and finds each of `columns` among its headers, in
/// any case: the reader at the first data line, and each column's position if present.
pub(crate) fn open_csv<'a>(
    bytes: &'a [u8],
    max_bytes: usize,
    columns: &[&str],
) -> Result<OpenCsv<'a>, AppError> {
    if bytes.len() > max_bytes {
        let mut e = FieldErrors::new();
        e.add_limit("file", "file_too_large", (max_bytes / (1024 * 1024)) as i64);
        return Err(e.into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| AppError::field("file", "not_utf8"))?;
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| AppError::field("file", "unreadable_csv"))?
        .clone();
    let index = columns
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(c))
        })
        .collect();
    Ok((reader, index))
}

/// Imports a CSV file (comma or semicolon separated, UTF-8, header line first) as drafts.
/// Closed-list cells are read through `names`, so a seller may write them in French or
/// English.
pub async fn import_csv(
    app: &App,
    who: &Principal,
    bytes: &[u8],
    names: ValueNames<'_>,
) -> Result<ImportOutcome, AppError> {
    let shop = my_shop(app, who).await?;
    let (mut reader, index) = open_csv(bytes, MAX_BYTES, COLUMNS)?;
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(c, i)| i.is_none() && **c != "measurements")
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        let mut e = FieldErrors::new();
        for m in missing {
            e.add(format!("column_{m}"), "missing_column");
        }
        return Err(e.into());
    }
    let mut inputs = Vec::new();
    let mut rejected = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        if n >= MAX_LINES {
            let mut e = FieldErrors::new();
            e.add_limit("file", "too_many_lines", MAX_LINES as i64);
            return Err(e.into());
        }
        match record {
            Err(_) => {
                let mut e = FieldErrors::new();
                e.add("line", "unreadable_line");
                rejected.push(LineErrors {
                    line,
                    errors: e,
                    cells: vec![String::new()],
                });
            }
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => match parse_line(&r, &index, names) {
                Ok(input) => inputs.push(input),
                Err(errors) => {
                    let cells = errors
                        .0
                        .iter()
                        .map(|e| cell(&r, &index, column_of(&e.field)).trim().to_owned())
                        .collect();
                    rejected.push(LineErrors {
                        line,
                        errors,
                        cells,
                    })
                }
            },
        }
    }
    if !rejected.is_empty() {
        return Ok(ImportOutcome::Rejected(rejected));
    }
    if inputs.is_empty() {
        return Err(AppError::field("file", "no_lines"));
    }
    let now = app.now_us().await?;
    let mut tx = app.db.begin().await?;
    let mut ids = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let fields = input.validate()?;
        ids.push(
            pepite_store::catalog::insert(
                &mut tx,
                shop.id,
                &values(&fields, shop.open_to_offers),
                "draft",
                now,
            )
            .await?,
        );
    }
    tx.commit().await?;
    Ok(ImportOutcome::Imported(ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_are_read_in_centimetres() {
        assert_eq!(
            parse_measurements("chest=48; length=105,5").unwrap(),
            vec![("chest".into(), 480), ("length".into(), 1055)]
        );
        assert!(parse_measurements("chest").is_err());
        assert!(parse_measurements("chest=NaN").is_err());
    }
}
