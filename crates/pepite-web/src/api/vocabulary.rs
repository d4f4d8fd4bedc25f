//! Enumerations and shapes of the OpenAPI document taken from the domain's own lists and
//! values, so that what a schema offers is exactly what the validation accepts (issue 9,
//! item 8) and the two cannot drift apart.

use pepite_domain::account::Language;
use pepite_domain::commerce::{OrderProgress, Region, ReturnReason, Zone};
use pepite_domain::country::COUNTRIES;
use pepite_domain::piece::{Category, Colour, Grade};
use pepite_domain::policy::Policy;
use serde_json::{Value, json};
use utoipa::openapi::Schema;

/// A string schema that takes one of `values`.
fn one_of(values: Vec<&str>, description: &str) -> Schema {
    from_json(json!({"type": "string", "enum": values, "description": description}))
}

/// A repeated query filter: up to `MAX_FILTER_VALUES` values, each one of `values` (blank
/// values are ignored).
fn filter_of(values: impl Iterator<Item = &'static str>) -> Schema {
    let mut values: Vec<&str> = values.collect();
    values.push("");
    from_json(json!({"type": "array", "maxItems": 20, "items": {"type": "string", "enum": values}}))
}

/// Search filters on the closed vocabularies of C1.
pub fn category_filter() -> Schema {
    filter_of(Category::keys())
}

pub fn grade_filter() -> Schema {
    filter_of(Grade::keys())
}

pub fn colour_filter() -> Schema {
    filter_of(Colour::keys())
}

/// `newest`, `price_asc` or `price_desc` (blank: `newest`).
pub fn sort() -> Schema {
    one_of(
        vec!["newest", "price_asc", "price_desc", ""],
        "`newest` (default), `price_asc` or `price_desc`",
    )
}

/// `fr` or `en`.
pub fn language() -> Schema {
    one_of(
        vec![Language::Fr.as_str(), Language::En.as_str()],
        "The language of pages and e-mail",
    )
}

/// Item 12: an order's state as everyone reads it, derived from its parcels.
pub fn order_progress() -> Schema {
    one_of(
        OrderProgress::ALL.iter().map(|p| p.as_str()).collect(),
        "The order's state: `awaiting_payment`, `failed`, `paid`, `partly_shipped`, `shipped`, `delivered`, `cancelled`, `return_asked`, `returned` or `refunded`",
    )
}

/// R1/R4: why pieces go back.
pub fn return_reason() -> Schema {
    one_of(
        ReturnReason::ALL.iter().map(|r| r.as_str()).collect(),
        "`change_of_mind`, or `defective` (defective or not as described: photos required, staff decide)",
    )
}

/// An ISO 3166-1 alpha-2 code among the countries Pépite serves.
pub fn country() -> Schema {
    one_of(
        COUNTRIES.iter().map(|(code, _, _)| *code).collect(),
        "ISO 3166-1 alpha-2 country code",
    )
}

/// The policy's shape, read from the default policy: every field is required (but `offers`,
/// which older stored policies lack and is defaulted), with the type of its default value.
/// The bounds of each value are checked when it is saved.
pub fn policy() -> Schema {
    let default = serde_json::to_value(Policy::default()).expect("the policy is JSON");
    let mut schema = shape(&default);
    if let Some(Value::Array(required)) = schema.get_mut("required") {
        required.retain(|field| field != "offers");
    }
    // The values of its enumerations are not all in the default policy's rows.
    let row = |table: &str| format!("/properties/{table}/items/properties");
    if let Some(fields) = schema.pointer_mut(&row("shipping_rates")) {
        fields["zone"] = json!({"type": "string", "enum": Zone::ALL});
    }
    if let Some(fields) = schema.pointer_mut(&row("delivery_days")) {
        fields["region"] = json!({"type": "string", "enum": Region::ALL});
    }
    from_json(schema)
}

fn shape(value: &Value) -> Value {
    match value {
        Value::Object(fields) => json!({
            "type": "object",
            "required": fields.keys().collect::<Vec<_>>(),
            "properties": fields.iter().map(|(k, v)| (k.clone(), shape(v))).collect::<serde_json::Map<_, _>>(),
        }),
        // The policy's only list of plain numbers is a (min, max) pair: a tuple, of fixed
        // length; its other lists are tables of objects.
        Value::Array(items) => match items.first() {
            Some(first) if !first.is_object() => json!({
                "type": "array", "items": shape(first),
                "minItems": items.len(), "maxItems": items.len(),
            }),
            Some(_) => json!({"type": "array", "items": row_shape(items)}),
            None => json!({"type": "array"}),
        },
        Value::Number(n) if n.is_f64() => json!({"type": "number"}),
        Value::Number(_) => json!({"type": "integer"}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Null => json!({}),
    }
}

/// The shape of a table's rows: each field typed from its first non-null value, and nullable
/// when some row leaves it null (a delivery estimate for a region has no country).
fn row_shape(rows: &[Value]) -> Value {
    let mut example = serde_json::Map::new();
    for fields in rows.iter().filter_map(Value::as_object) {
        for (key, value) in fields {
            let known = example.entry(key.clone()).or_insert(Value::Null);
            if known.is_null() {
                *known = value.clone();
            }
        }
    }
    let mut schema = shape(&Value::Object(example.clone()));
    for key in example.keys() {
        let nullable = rows
            .iter()
            .any(|row| row.get(key).is_none_or(Value::is_null));
        let field = &mut schema["properties"][key];
        if let (true, Some(kind)) = (nullable, field.get("type").cloned()) {
            field["type"] = json!([kind, "null"]);
        }
    }
    schema
}

fn from_json(schema: Value) -> Schema {
    serde_json::from_value(schema).expect("a valid schema")
}
