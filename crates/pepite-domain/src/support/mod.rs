//! Customer service (S1–S3, A3): its opening hours.

pub mod hours;
