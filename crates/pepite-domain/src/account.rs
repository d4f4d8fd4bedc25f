//! People and access (A1, A2, A4): sign-up rules, languages and roles.

use serde::{Deserialize, Serialize};

use crate::country;
use crate::fields::{self, FieldError, FieldErrors};

/// The two languages of pages and e-mail; French is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// A1: staff duties and the brand-partner role. Buyer is everyone; seller is whoever has a shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CustomerService,
    Workshop,
    Finance,
    Admin,
    BrandPartner,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::CustomerService,
        Role::Workshop,
        Role::Finance,
        Role::Admin,
        Role::BrandPartner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::CustomerService => "customer_service",
            Role::Workshop => "workshop",
            Role::Finance => "finance",
            Role::Admin => "admin",
            Role::BrandPartner => "brand_partner",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Role::ALL.iter().copied().find(|r| r.as_str() == raw.trim())
    }

    /// Whether this role makes its holder staff (the back office opens to staff only).
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::BrandPartner)
    }
}

pub const EMAIL_MAX: usize = 254;
pub const DISPLAY_NAME_MAX: usize = 60;
/// Beyond this a password is only a way to make argon2 work for nothing.
pub const PASSWORD_MAX: usize = 256;

/// Normalises and checks an e-mail address. Only the shape is checked here; the address is
/// proven when mail reaches it.
pub fn email(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if value.chars().count() > EMAIL_MAX {
        return Err(FieldError::with_limit(field, "too_long", EMAIL_MAX as i64));
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Err(FieldError::new(field, "invalid_email"));
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if local.is_empty()
        || local.contains(char::is_whitespace)
        || local.contains('@')
        || !domain_ok
        || value.chars().any(hidden)
    {
        return Err(FieldError::new(field, "invalid_email"));
    }
    Ok(value)
}

/// Characters that are not shown but change what is shown or matched: controls (C0, DEL,
/// C1) and invisible format characters, bidi overrides and isolates among them. In an
/// address they only serve to make one account look like another.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// A2/ASVS: at least `min` characters (counted as characters, not bytes), at most 256.
pub fn password(field: &str, raw: &str, min: usize) -> Result<String, FieldError> {
    let n = raw.chars().count();
    if n < min {
        return Err(FieldError::with_limit(field, "too_short", min as i64));
    }
    if n > PASSWORD_MAX {
        return Err(FieldError::with_limit(
            field,
            "too_long",
            PASSWORD_MAX as i64,
        ));
    }
    Ok(raw.to_owned())
}

/// Parses an optional date of birth (YYYY-MM-DD), refusing dates in the future of `today`
/// and before 1900.
pub fn birth_date(
    field: &str,
    raw: &str,
    today: jiff::civil::Date,
) -> Result<Option<jiff::civil::Date>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date: jiff::civil::Date = raw
        .parse()
        .map_err(|_| FieldError::new(field, "invalid_date"))?;
    if date > today || date.year() < 1900 {
        return Err(FieldError::new(field, "out_of_range"));
    }
    Ok(Some(date))
}

/// What a person types to open an account.
#[derive(Debug, Clone, Default)]
pub struct SignUpInput {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub language: String,
    pub country: String,
    pub birth_date: String,
}

/// A validated sign-up; the password is still clear text and must be hashed before storing.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub language: Language,
    pub country: &'static str,
    pub birth_date: Option<jiff::civil::Date>,
}

impl SignUpInput {
    pub fn validate(
        &self,
        min_password: usize,
        today: jiff::civil::Date,
    ) -> Result<SignUp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.take(email("email", &self.email));
        let password = errors.take(password("password", &self.password, min_password));
        let display_name = errors.take(fields::text(
            "display_name",
            &self.display_name,
            DISPLAY_NAME_MAX,
        ));
        let language = errors.take(
            Language::parse(&self.language)
                .ok_or_else(|| FieldError::new("language", "unknown_value")),
        );
        let country = errors.take(country::parse("country", &self.country));
        let birth_date = errors.take(birth_date("birth_date", &self.birth_date, today));
        match (email, password, display_name, language, country, birth_date) {
            (
                Some(email),
                Some(password),
                Some(display_name),
                Some(language),
                Some(country),
                Some(birth_date),
            ) => Ok(SignUp {
                email,
                password,
                display_name,
                language,
                country,
                birth_date,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 21)
    }

    fn input() -> SignUpInput {
        SignUpInput {
            email: " Lea@Example.FR ".into(),
            password: "correct horse battery".into(),
            display_name: "Léa".into(),
            language: "fr".into(),
            country: "fr".into(),
            birth_date: "1990-04-02".into(),
        }
    }

    #[test]
    fn a1_sign_up_normalises_email_and_country() {
        let s = input().validate(12, today()).unwrap();
        assert_eq!(s.email, "lea@example.fr");
        assert_eq!(s.country, "FR");
        assert_eq!(s.birth_date, Some(jiff::civil::date(1990, 4, 2)));
    }

    #[test]
    fn a1_password_needs_twelve_characters() {
        let short = SignUpInput {
            password: "elevenchars".into(),
            ..input()
        };
        let e = short.validate(12, today()).unwrap_err();
        assert_eq!(e.for_field("password").unwrap().code, "too_short");
        let twelve_accented = SignUpInput {
            password: "éééééééééééé".into(),
            ..input()
        };
        assert!(twelve_accented.validate(12, today()).is_ok());
    }

    #[test]
    fn a1_bad_fields_are_all_reported() {
        let bad = SignUpInput {
            email: "not-an-address".into(),
            language: "de".into(),
            country: "XX".into(),
            birth_date: "2030-01-01".into(),
            display_name: "   ".into(),
            ..input()
        };
        let e = bad.validate(12, today()).unwrap_err();
        for (field, code) in [
            ("email", "invalid_email"),
            ("language", "unknown_value"),
            ("country", "unknown_value"),
            ("birth_date", "out_of_range"),
            ("display_name", "required"),
        ] {
            assert_eq!(e.for_field(field).map(|f| f.code), Some(code), "{field}");
        }
    }

    #[test]
    fn emails_need_a_domain_with_a_dot() {
        assert!(email("e", "a@b").is_err());
        assert!(email("e", "a b@c.fr").is_err());
        assert!(email("e", "@c.fr").is_err());
        assert!(email("e", "a@c.fr").is_ok());
    }

    #[test]
    fn item4_control_and_invisible_characters_are_refused_in_email_addresses() {
        for raw in [
            "a\u{0}b@c.fr",
            "\u{0}a@c.fr",
            "a\u{7}@c.fr",
            "a\u{9b}b@c.fr",
            "a\u{202e}rf.c@b",
            "\u{2066}a@c.fr\u{2069}",
            "a\u{200d}b@c.fr",
            "a\u{200f}b@c.fr",
            "a\u{feff}@c.fr",
            "a\u{e0041}@c.fr",
        ] {
            let refused = email("email", raw).map_err(|e| e.code);
            assert_eq!(refused, Err("invalid_email"), "{raw:?}");
        }
        assert_eq!(
            email("e", " Élodie@Exämple.fr ").unwrap(),
            "élodie@exämple.fr"
        );
    }
}
