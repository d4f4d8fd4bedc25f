//! R2: the prepaid return labels, bought through the `Carrier` port for each parcel of an
//! accepted return, once (the port gives the same label for the same parcel again).

use pepite_store::commerce::orders as orders_store;
use pepite_store::commerce::returns as store;

use crate::carriers::{self, CarrierRow, Consignment, LabelRequest};
use crate::{App, AppError};

/// The number of a return's `n`-th parcel (from 0). It is unique across the order's
/// parcels and returns, so the carrier's label for it (keyed by order and parcel) is never
/// an outbound parcel's.
pub(super) fn parcel_number(return_id: i64, n: usize) -> i64 {
    return_id.saturating_mul(100).saturating_add(n as i64 + 1)
}

/// Buys the labels an accepted return still lacks (none for a claim awaiting staff). A
/// carrier that does not answer is `Unavailable`; what was bought stays bought.
pub async fn ensure_labels(app: &App, return_id: i64) -> Result<(), AppError> {
    let ret = store::by_id(&app.db, return_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if ret.state == "claimed" {
        return Ok(());
    }
    let parcels = store::parcels(&app.db, return_id).await?;
    if parcels.iter().all(|p| p.tracking.is_some()) {
        return Ok(());
    }
    let order = orders_store::by_id(&app.db, ret.order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = carriers::list(app).await?;
    let carrier =
        carrier_from(&all, &order.country).ok_or(AppError::Conflict("no_return_carrier"))?;
    let lines = store::lines(&app.db, return_id).await?;
    let workshop = app.policy_now().await?.workshop_country.clone();
    for p in parcels.iter().filter(|p| p.tracking.is_none()) {
        let to_country = match (p.seller_id, lines.iter().find(|l| l.parcel == p.parcel)) {
            (Some(_), Some(line)) => pepite_store::catalog::by_id(&app.db, line.piece_id)
                .await?
                .map(|piece| piece.country)
                .unwrap_or_else(|| workshop.clone()),
            _ => workshop.clone(),
        };
        let req = LabelRequest {
            carrier: carrier.code.clone(),
            consignment: Consignment::Parcel {
                order_id: ret.order_id,
                parcel: p.parcel,
            },
            weight_g: p.weight_g,
            to_country,
        };
        let label = app.carrier.buy_label(&req).await.map_err(|e| {
            tracing::warn!(return_id, error = %e, "return label refused");
            AppError::Unavailable("carrier")
        })?;
        store::set_label(
            &app.db,
            return_id,
            p.parcel,
            &label.carrier,
            &label.tracking,
        )
        .await?;
    }
    Ok(())
}

/// The carrier a return leaves `country` with: Colissimo from France, otherwise the first
/// active carrier serving the country, else the first one serving many (DHL, UPS).
pub(crate) fn carrier_from<'a>(all: &'a [CarrierRow], country: &str) -> Option<&'a CarrierRow> {
    let serves = |c: &&CarrierRow| c.active && c.countries.split(',').any(|x| x == country);
    all.iter()
        .filter(serves)
        .find(|c| c.code == "colissimo")
        .or_else(|| all.iter().find(serves))
        .or_else(|| {
            all.iter()
                .filter(|c| c.active)
                .max_by_key(|c| c.countries.split(',').count())
        })
}
