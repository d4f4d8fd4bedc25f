//! Addresses (O6): checked at checkout and in the address book; orders freeze a copy.

use pepite_domain::FieldErrors;
use pepite_domain::country;
use pepite_store::commerce::addresses as store;
pub use pepite_store::commerce::addresses::{Address, SavedAddress};

use crate::accounts::Principal;
use crate::{App, AppError};

/// Trims and checks an address; errors are reported on `{prefix}.{field}`.
pub fn validate(prefix: &str, a: &Address, errors: &mut FieldErrors) -> Address {
    let mut field = |name: &str, value: &str, required: bool, max: usize| -> String {
        let v = value.trim().to_owned();
        if required && v.is_empty() {
            errors.add(format!("{prefix}.{name}"), "required");
        } else if v.chars().count() > max {
            errors.add_limit(format!("{prefix}.{name}"), "too_long", max as i64);
        }
        v
    };
    let full_name = field("full_name", &a.full_name, true, 100);
    let line1 = field("line1", &a.line1, true, 200);
    let line2 = field("line2", &a.line2, false, 200);
    let postal_code = field("postal_code", &a.postal_code, true, 20);
    let city = field("city", &a.city, true, 100);
    let phone = field("phone", &a.phone, false, 30);
    let country = match country::parse(&format!("{prefix}.country"), &a.country) {
        Ok(c) => c.to_owned(),
        Err(e) => {
            errors.0.push(e);
            String::new()
        }
    };
    Address {
        full_name,
        line1,
        line2,
        postal_code,
        city,
        country,
        phone,
    }
}

pub async fn list(app: &App, who: &Principal) -> Result<Vec<SavedAddress>, AppError> {
    Ok(store::of_user(&app.db, who.user_id).await?)
}

pub async fn get(app: &App, who: &Principal, id: i64) -> Result<Address, AppError> {
    store::get(&app.db, who.user_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn add(app: &App, who: &Principal, a: &Address) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let a = validate("address", a, &mut errors);
    errors.into_result(())?;
    let now = app.now_us().await?;
    Ok(store::insert(&app.db, who.user_id, &a, now).await?)
}

pub async fn delete(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    if store::delete(&app.db, who.user_id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
