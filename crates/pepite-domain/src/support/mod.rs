//! Customer service (S1–S3, A3): its opening hours, and the masking of what crosses between a
//! buyer and a seller.

pub mod hours;
pub mod mask;
