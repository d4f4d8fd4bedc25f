//! Commerce: carriers, carts, addresses, orders with their holds, payments, instruments (gift cards,
//! vouchers), discount codes, the ledger, seller payables, refunds, idempotency keys, webhook receipts and policies.

pub mod addresses;
pub mod carriers;
pub mod carts;
pub mod discounts;
pub mod idempotency;
pub mod instruments;
pub mod ledger;
pub mod order_notes;
pub mod orders;
pub mod parcel_reports;
pub mod payables;
pub mod payments;
pub mod payouts;
pub mod policies;
pub mod refunds;
pub mod returns;
pub mod webhooks;
pub mod workshop;
