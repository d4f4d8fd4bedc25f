//! Staff routes check the caller's role before reading the rest of the request (A1, A4): a
//! buyer posting garbage to an admin route is told 403, never what was wrong with its body,
//! query or ids. The use cases still check the role themselves.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use pepite_app::AppError;
use pepite_app::accounts::Principal;
use pepite_domain::account::Role;

use crate::AppState;
use crate::api::auth::ApiUser;
use crate::auth::language_of;
use crate::problem::Problem;

/// Which staff may use a route: any one of `ROLES` (admins hold every staff role).
pub trait Desk: Send + Sync {
    const ROLES: &'static [Role];
}

/// Admins only: roles, accounts, the clock, the policy, jobs.
pub struct Admin;
/// Customer service: the accounts list, every piece, the mailbox.
pub struct CustomerService;
/// Finance: the ledger.
pub struct Finance;
/// Customer service or finance: discount codes.
pub struct Promotions;
/// Every desk that handles orders: customer service, finance, the workshop.
pub struct Orders;
/// Who may put a piece back on sale: the workshop or customer service.
pub struct Relisting;
/// Who may record a parcel's delivery (F4): the workshop or customer service.
pub struct Delivery;
/// The workshop's station (F2) and the trade-in inspection (T5).
pub struct Workshop;
/// A brand partner's console (T1, T7), or an admin.
pub struct Partner;

impl Desk for Admin {
    const ROLES: &'static [Role] = &[Role::Admin];
}
impl Desk for CustomerService {
    const ROLES: &'static [Role] = &[Role::CustomerService];
}
impl Desk for Finance {
    const ROLES: &'static [Role] = &[Role::Finance];
}
impl Desk for Promotions {
    const ROLES: &'static [Role] = &[Role::CustomerService, Role::Finance];
}
impl Desk for Orders {
    const ROLES: &'static [Role] = &[Role::CustomerService, Role::Finance, Role::Workshop];
}
impl Desk for Delivery {
    const ROLES: &'static [Role] = &[Role::Workshop, Role::CustomerService];
}
impl Desk for Workshop {
    const ROLES: &'static [Role] = &[Role::Workshop];
}
impl Desk for Partner {
    const ROLES: &'static [Role] = &[Role::BrandPartner, Role::Admin];
}
impl Desk for Relisting {
    const ROLES: &'static [Role] = &[Role::Workshop, Role::CustomerService];
}

/// A signed-in caller holding one of `D`'s roles; anyone else gets a 401 or 403 problem
/// before any other part of the request is read. Put it before the body, query and path.
pub struct ApiStaff<D>(pub Principal, pub PhantomData<D>);

impl<D: Desk> FromRequestParts<AppState> for ApiStaff<D> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ApiUser(who) = ApiUser::from_request_parts(parts, state).await?;
        if D::ROLES.iter().any(|role| who.has(*role)) {
            Ok(ApiStaff(who, PhantomData))
        } else {
            Err(Problem::from_app(AppError::Forbidden, language_of(parts)).into_response())
        }
    }
}
