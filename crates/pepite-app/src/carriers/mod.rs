//! Carriers (F1, F3, F4): the table of carriers staff edit (tracking page, countries served,
//! tracking-number format) and the `Carrier` port with its built-in sandbox adapter.

mod model;
mod port;
mod sandbox;

pub use model::{Consignment, DeliveryEvent, DeliveryEventKind, Label, LabelError, LabelRequest};
use pepite_domain::account::Role;
use pepite_domain::commerce::{parse_code, validate_carrier};
use pepite_store::commerce::carriers as store;
pub use pepite_store::commerce::carriers::CarrierRow;
pub use port::Carrier;
pub use sandbox::{SandboxCarrier, sandbox_tracking};

use crate::accounts::Principal;
use crate::{App, AppError};

/// A carrier as staff type it (free text, checked by the domain).
#[derive(Debug, Clone, Default)]
pub struct CarrierForm {
    pub name: String,
    pub tracking_url: String,
    pub countries: String,
    pub tracking_format: String,
    pub active: bool,
}

impl CarrierForm {
    pub fn of(row: &CarrierRow) -> Self {
        CarrierForm {
            name: row.name.clone(),
            tracking_url: row.tracking_url.clone(),
            countries: row.countries.clone(),
            tracking_format: row.tracking_format.clone().unwrap_or_default(),
            active: row.active,
        }
    }
}

/// Every carrier, by name (public: sellers choose from it, buyers read its pages).
pub async fn list(app: &App) -> Result<Vec<CarrierRow>, AppError> {
    Ok(store::list(&app.db).await?)
}

/// One carrier; an unknown code is not found.
pub async fn get(app: &App, code: &str) -> Result<CarrierRow, AppError> {
    store::by_code(&app.db, code)
        .await?
        .ok_or(AppError::NotFound)
}

/// Admins add a carrier or change one (P3: carriers are data). A carrier in use is never
/// deleted, only switched off: parcels keep their tracking links.
pub async fn save(
    app: &App,
    who: &Principal,
    code: &str,
    form: &CarrierForm,
) -> Result<CarrierRow, AppError> {
    who.require(Role::Admin)?;
    let code = parse_code("code", code)?;
    let input = validate_carrier(
        &form.name,
        &form.tracking_url,
        &form.countries,
        &form.tracking_format,
    )?;
    let row = CarrierRow {
        code,
        name: input.name,
        tracking_url: input.tracking_url,
        countries: input.countries.join(","),
        tracking_format: input.tracking_format,
        active: form.active,
        updated_at: app.now_us().await?,
    };
    store::save(&app.db, &row).await?;
    Ok(row)
}
