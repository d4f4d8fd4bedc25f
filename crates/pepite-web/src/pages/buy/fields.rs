//! Forms read as name/value pairs, so that the address fields of several forms can share
//! their names with the errors the use cases report (`delivery.city`, `address.line1`), and
//! the address fields as the templates draw them.

use pepite_app::addresses::Address;

use super::super::forms::is_checked;

/// A form body as its pairs, in order.
#[derive(Debug, Clone, Default)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The value of `name` (the first one sent), or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && is_checked(Some(v)))
    }

    /// The address whose fields are named `{prefix}.full_name`, `{prefix}.city`…
    pub fn address(&self, prefix: &str) -> Address {
        let f = |name: &str| self.get(&format!("{prefix}.{name}")).to_owned();
        Address {
            full_name: f("full_name"),
            line1: f("line1"),
            line2: f("line2"),
            postal_code: f("postal_code"),
            city: f("city"),
            country: f("country"),
            phone: f("phone"),
        }
    }
}

/// An address with nothing typed yet.
pub fn blank() -> Address {
    Address {
        full_name: String::new(),
        line1: String::new(),
        line2: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: String::new(),
        phone: String::new(),
    }
}

/// One text field of an address form, as the template draws it.
pub struct AddressField {
    /// Name and id: `{prefix}.{field}`, the name errors are reported on.
    pub name: String,
    pub label_key: &'static str,
    pub value: String,
    /// The browser's autofill token, with its section (`shipping address-line1`).
    pub autocomplete: String,
    pub required: bool,
    pub maxlength: usize,
}

/// An address form: its text fields, then the country (a list).
pub struct AddressForm {
    pub fields: Vec<AddressField>,
    pub country_name: String,
    pub country: String,
    pub country_autocomplete: String,
    /// Whether the browser may insist on the required fields. Not at checkout: there a saved
    /// address or "same as delivery" leaves them empty on purpose, and the server checks.
    pub enforce: bool,
}

impl AddressForm {
    pub fn new(prefix: &'static str, a: &Address) -> Self {
        let section = match prefix {
            "delivery" => "shipping ",
            "billing" => "billing ",
            _ => "",
        };
        // (field, label, value, autofill token, required, longest accepted)
        let rows = [
            (
                "full_name",
                "address-full-name",
                &a.full_name,
                "name",
                true,
                100,
            ),
            (
                "line1",
                "address-line1",
                &a.line1,
                "address-line1",
                true,
                200,
            ),
            (
                "line2",
                "address-line2",
                &a.line2,
                "address-line2",
                false,
                200,
            ),
            (
                "postal_code",
                "address-postal-code",
                &a.postal_code,
                "postal-code",
                true,
                20,
            ),
            ("city", "address-city", &a.city, "address-level2", true, 100),
            ("phone", "address-phone", &a.phone, "tel", false, 30),
        ];
        AddressForm {
            fields: rows
                .into_iter()
                .map(
                    |(field, label_key, value, token, required, maxlength)| AddressField {
                        name: format!("{prefix}.{field}"),
                        label_key,
                        value: value.clone(),
                        autocomplete: format!("{section}{token}"),
                        required,
                        maxlength,
                    },
                )
                .collect(),
            country_name: format!("{prefix}.country"),
            country: a.country.clone(),
            country_autocomplete: format!("{section}country"),
            enforce: prefix == "address",
        }
    }
}
