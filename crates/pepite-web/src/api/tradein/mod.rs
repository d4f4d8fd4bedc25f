//! The trade-in programme in the API (T1–T8): the person's quotes, boxes, credit and vouchers;
//! the warehouse's arrivals, verdicts and refurbishment; the brand partner's programme, catalogue and sales
//! channels; and the channels' own voucher API (check, redeem, reverse) for boutique tills.

mod channel;
mod credit;
mod partner;
mod person;
mod refurb;
mod staff;
mod views;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(person::routes())
        .merge(credit::routes())
        .merge(staff::routes())
        .merge(refurb::routes())
        .merge(partner::routes())
        .merge(channel::routes())
}
