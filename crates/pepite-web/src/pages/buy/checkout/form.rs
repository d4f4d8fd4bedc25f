//! What the checkout form holds (O6, O10, O12, O7): read from a submission or made up for a
//! first visit, and turned into the use case's input when the buyer pays.

use pepite_app::AppError;
use pepite_app::accounts::{self, Principal};
use pepite_app::addresses::{self, Address, SavedAddress};
use pepite_app::checkout::{self, CheckoutInput};
use pepite_app::payments::Method;
use pepite_domain::FieldErrors;
use pepite_domain::commerce::ShippingMode;

use crate::AppState;
use crate::pages::PageCtx;
use crate::pages::buy::fields::{Fields, blank};

/// The checkout form's values.
#[derive(Debug, Clone)]
pub struct FormState {
    /// A saved address's id, or "new" for the typed one.
    pub address_id: String,
    /// The delivery address: the saved one picked, else the typed one.
    pub delivery: Address,
    /// The typed delivery address, shown again as typed.
    pub typed: Address,
    pub billing: Address,
    pub billing_same: bool,
    pub save_address: bool,
    pub mode: ShippingMode,
    pub gift_cards: String,
    pub needed_before: String,
    pub method: Method,
}

pub const NEW_ADDRESS: &str = "new";

impl FormState {
    /// A first visit: the latest saved address (else a blank one in the person's country),
    /// billed to the same address, shipped direct, paid by card.
    pub async fn first_visit(
        s: &AppState,
        who: &Principal,
        saved: &[SavedAddress],
    ) -> Result<FormState, AppError> {
        let user = accounts::me(&s.app, who).await?;
        let typed = Address {
            full_name: who.display_name.clone(),
            country: user.country,
            ..blank()
        };
        let (address_id, delivery) = match saved.first() {
            Some(a) => (a.id.to_string(), a.address.clone()),
            None => (NEW_ADDRESS.to_owned(), typed.clone()),
        };
        Ok(FormState {
            address_id,
            delivery,
            typed,
            billing: blank(),
            billing_same: true,
            save_address: false,
            mode: ShippingMode::Direct,
            gift_cards: String::new(),
            needed_before: String::new(),
            method: Method::Card,
        })
    }

    /// A submission. Errors are only those of the choices themselves (mode, saved address,
    /// payment method); the addresses are checked by the use case when paying.
    pub async fn read(
        s: &AppState,
        who: &Principal,
        f: &Fields,
    ) -> Result<(FormState, FieldErrors), AppError> {
        let mut errors = FieldErrors::new();
        let typed = f.address("delivery");
        let address_id = match f.get("address_id").trim() {
            "" => NEW_ADDRESS.to_owned(),
            other => other.to_owned(),
        };
        let delivery = match address_id.parse::<i64>() {
            Ok(id) => match addresses::get(&s.app, who, id).await {
                Ok(a) => a,
                Err(AppError::NotFound) => {
                    errors.add("address_id", "unknown_value");
                    typed.clone()
                }
                Err(e) => return Err(e),
            },
            Err(_) => typed.clone(),
        };
        let billing_same = f.checked("billing_same");
        let mode = checkout::parse_mode(f.get("mode")).unwrap_or_else(|_| {
            errors.add("mode", "unknown_value");
            ShippingMode::Direct
        });
        let method = Method::parse(f.get("method")).unwrap_or_else(|| {
            errors.add("method", "unknown_value");
            Method::Card
        });
        let state = FormState {
            billing: if billing_same {
                delivery.clone()
            } else {
                f.address("billing")
            },
            save_address: address_id == NEW_ADDRESS && f.checked("save_address"),
            address_id,
            delivery,
            typed,
            billing_same,
            mode,
            gift_cards: f.get("gift_cards").to_owned(),
            needed_before: f.get("needed_before").trim().to_owned(),
            method,
        };
        Ok((state, errors))
    }

    /// O10: the codes typed, one per line or separated by commas (a code's own spaces and
    /// dashes stay: they do not matter to it).
    pub fn gift_card_codes(&self) -> Vec<String> {
        self.gift_cards
            .split([',', ';', '\n'])
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect()
    }

    /// The use case's input. The total the buyer saw is the one shown for the mode chosen.
    pub fn input(&self, s: &AppState, ctx: &PageCtx, f: &Fields) -> CheckoutInput {
        let expected = f
            .get(&format!("expected_total_cents_{}", self.mode.as_str()))
            .trim()
            .parse()
            .ok();
        CheckoutInput {
            shop_id: ctx.shop_id(),
            mode: self.mode,
            billing: self.billing.clone(),
            delivery: self.delivery.clone(),
            save_address: self.save_address,
            needed_before: Some(self.needed_before.clone()).filter(|d| !d.is_empty()),
            gift_cards: self.gift_card_codes(),
            method: self.method,
            token: match self.method {
                Method::Card => f.get("card_number").to_owned(),
                // PayPal approves on its own page: the token only says which flow to start.
                Method::Paypal => "paypal".to_owned(),
            },
            expected_total_cents: expected,
            return_url: format!(
                "{}/orders/{{order}}/payment-return",
                s.config.public_url.trim_end_matches('/')
            ),
        }
    }
}
