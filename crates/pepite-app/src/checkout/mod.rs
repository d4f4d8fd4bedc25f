//! Checkout (O1–O12): the summary of every line of the total, then the order, its holds and
//! its payment. A unique piece is sold once: holds and the sale are compare-and-set writes.

mod place;
mod pricing;
pub(crate) mod settle;

pub use place::place;
pub use pricing::{AppliedCode, Summary, summary};

use crate::payments::Method;
use pepite_domain::commerce::ShippingMode;
use serde::{Deserialize, Serialize};

pub use crate::addresses::Address;

/// What the buyer submits to pay.
#[derive(Debug, Clone, Serialize)]
pub struct CheckoutInput {
    /// P3: the shop the buyer pays in (the request's host): its pieces of the cart, its
    /// policy, kept by the order.
    pub shop_id: i64,
    pub mode: ShippingMode,
    pub billing: Address,
    pub delivery: Address,
    /// Keep the delivery address in the address book.
    pub save_address: bool,
    /// O12: "needed before", a date `YYYY-MM-DD`.
    pub needed_before: Option<String>,
    /// O10: gift-card or voucher codes, used in the order given.
    pub gift_cards: Vec<String>,
    pub method: Method,
    /// The payment token (sandbox: a test card number; Stripe: a PaymentMethod id).
    pub token: String,
    /// The total the buyer saw; if the server's total differs, nothing is charged.
    pub expected_total_cents: Option<i64>,
    /// Where the provider sends the buyer back after an authentication step; `{order}` is
    /// replaced by the order's id.
    pub return_url: String,
}

/// How a payment attempt ended, as the buyer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PaymentOutcome {
    Paid,
    /// The buyer must authenticate with their bank or PayPal first.
    ActionRequired {
        redirect_url: String,
    },
    /// The provider will tell us later (webhook); the pieces stay held meanwhile.
    Processing,
    /// Refused; nothing was charged and the pieces are free again.
    Declined {
        code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutOutcome {
    pub order_id: i64,
    /// O11: the order and invoice number, once paid.
    pub number: Option<String>,
    pub payment: PaymentOutcome,
}

/// Which shipping mode a form or API value names.
pub fn parse_mode(raw: &str) -> Result<ShippingMode, crate::AppError> {
    ShippingMode::parse(raw).ok_or(crate::AppError::field("mode", "unknown_value"))
}
