//! The trade-in programme's tables (T1–T8): programmes and their reference catalogues, boxes
//! and their pieces through inspection and refurbishment, store credit and voucher requests,
//! and the sales channels that redeem vouchers.

pub mod boxes;
pub mod channels;
pub mod credit;
pub mod dashboard;
pub mod import_progress;
pub mod programmes;
