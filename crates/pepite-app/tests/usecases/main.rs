//! The use-case suite: every test runs on a fresh SQLite and a fresh PostgreSQL database.

mod accounts;
mod cancellation;
mod catalog;
mod chat;
mod checkout;
mod customer_service;
mod idempotency;
mod jobs;
mod lifecycle;
mod notify;
mod offers;
mod offers_decline;
mod payouts;
mod privacy;
mod refunds;
mod returns;
mod seller_relay;
mod shipping;
mod shops;
mod support;
mod support_files;
mod tradein;
mod tradein_ledger;
mod unknown_outcome;
mod workshop;
