//! C6's price as pages show it: the current price, and while an agreed price runs (N6) the
//! list price struck through and when the agreed one ends.

use pepite_store::catalog::PieceRow;

/// What a piece costs now, and why.
pub struct PriceTag {
    /// What everyone sees and pays now.
    pub cents: i64,
    /// While an agreed price runs: the list price and the instant the agreement ends.
    pub agreed: Option<(i64, i64)>,
}

impl PriceTag {
    /// Called from templates, which pass every argument by reference.
    pub fn of(p: &PieceRow, now: &i64) -> PriceTag {
        let agreed = p
            .agreed_cents
            .zip(p.agreed_until)
            .filter(|&(_, until)| until > *now)
            .map(|(_, until)| (p.price_cents, until));
        PriceTag {
            cents: p.current_price(*now),
            agreed,
        }
    }
}
