//! Reads a JSON value into a request type without serde's leniency: a derived struct also
//! accepts a JSON array (its fields by position), so `["a", "b"]` could pass for an object.
//! Here an object is expected wherever the type has named fields, at every depth. It also
//! notes the members the type ignored (properties it does not know), so the text gate judges
//! only what the server will read.

use std::cell::RefCell;
use std::collections::HashSet;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Unexpected, Visitor};
use serde_json::Value;

/// The parts of a JSON value a type skipped, by address within that value.
#[derive(Default)]
pub struct Ignored(RefCell<HashSet<usize>>);

impl Ignored {
    /// Whether `part` (a value inside the one read) was skipped by the type.
    pub fn contains(&self, part: &Value) -> bool {
        self.0.borrow().contains(&(part as *const Value as usize))
    }
}

/// `value` as a `T`, where every struct of `T` must be given as a JSON object, and the parts
/// of `value` that `T` ignored.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<(T, Ignored), serde_json::Error> {
    let ignored = Ignored::default();
    let read = T::deserialize(Strict(value, &ignored))?;
    Ok((read, ignored))
}

/// A borrowed JSON value whose structs must be objects; everything else reads as serde_json
/// reads it.
#[derive(Clone, Copy)]
struct Strict<'a, 'i>(&'a Value, &'i Ignored);

impl<'de> IntoDeserializer<'de, serde_json::Error> for Strict<'de, '_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'de> Deserializer<'de> for Strict<'de, '_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            // Children stay strict: lists of objects and nested objects are checked too.
            Value::Array(items) => SeqDeserializer::new(items.iter().map(|v| Strict(v, self.1)))
                .deserialize_any(visitor),
            Value::Object(members) => {
                MapDeserializer::new(members.iter().map(|(k, v)| (k.as_str(), Strict(v, self.1))))
                    .deserialize_any(visitor)
            }
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(_) => self.deserialize_any(visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    /// A member the type does not know: noted, not read.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.1
            .0
            .borrow_mut()
            .insert(self.0 as *const Value as usize);
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        seq tuple tuple_struct map
    }

    // Scalars read exactly as serde_json reads them (numbers keep their checks).
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_bool(v)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_i8(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_i16(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_i32(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_i64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_u8(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_u16(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_u32(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_u64(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_f32(v)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_f64(v)
    }
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_char(v)
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_str(v)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_string(v)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_bytes(v)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_byte_buf(v)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit(v)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, v)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_identifier(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Line {
        kind: String,
        mm: i64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        title: Option<String>,
        #[serde(default)]
        lines: Vec<Line>,
    }

    #[test]
    fn objects_are_read_as_before() {
        let (b, _): (Body, _) =
            from_value(&json!({"title": "Robe", "lines": [{"kind": "length", "mm": 3}]})).unwrap();
        assert_eq!(b.title.as_deref(), Some("Robe"));
        assert_eq!(
            b.lines,
            [Line {
                kind: "length".into(),
                mm: 3
            }]
        );
        let (empty, _): (Body, _) = from_value(&json!({})).unwrap();
        assert_eq!(empty.title, None);
    }

    #[test]
    fn arrays_and_scalars_are_not_objects_at_any_depth() {
        for bad in [
            json!([]),
            json!(["Robe", []]),
            json!("Robe"),
            json!(null),
            json!({"lines": [["length", 3]]}),
            json!({"lines": {"kind": "length", "mm": 3}}),
            json!({"title": 12}),
        ] {
            assert!(from_value::<Body>(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn members_the_type_does_not_know_are_noted_as_ignored() {
        let body = json!({"title": "Robe", "extra": {"deep": "x"}, "lines": [{"kind": "k", "mm": 1, "note": "n"}]});
        let (_, ignored) = from_value::<Body>(&body).unwrap();
        assert!(ignored.contains(&body["extra"]));
        assert!(ignored.contains(&body["lines"][0]["note"]));
        assert!(!ignored.contains(&body["title"]));
        assert!(!ignored.contains(&body["lines"][0]["kind"]));
    }
}
