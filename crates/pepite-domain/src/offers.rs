//! Price offers (N1–N7) and the current price (C6): who may offer what, what a counter-offer
//! must respect, and the state of an offer at an instant. Deadlines are stored and read
//! against "now", so an offer past its 24 h is expired whether or not a job has run.

use serde::{Deserialize, Serialize};

use crate::time::DAY_US;

/// The offer rules of a shop's policy (P3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRules {
    /// N3: the lowest offer, in basis points of the list price (7,000 = 70 %).
    pub min_bps: i64,
    /// N4: how long the seller has to answer.
    pub answer_hours: i64,
    /// N6: how long an agreed price lasts.
    pub agreed_hours: i64,
    /// E1: how long before an agreed price ends the buyer is reminded.
    pub ending_notice_hours: i64,
}

impl Default for OfferRules {
    fn default() -> Self {
        OfferRules {
            min_bps: 7_000,
            answer_hours: 24,
            agreed_hours: 24,
            ending_notice_hours: 2,
        }
    }
}

const HOUR_US: i64 = DAY_US / 24;

impl OfferRules {
    /// N3: the lowest acceptable amount, rounded up to the cent ("at least 70 %").
    pub fn min_cents(&self, list_cents: i64) -> i64 {
        (list_cents * self.min_bps + 9_999) / 10_000
    }

    pub fn answer_by(&self, made_at: i64) -> i64 {
        made_at + self.answer_hours * HOUR_US
    }

    pub fn agreed_until(&self, decided_at: i64) -> i64 {
        decided_at + self.agreed_hours * HOUR_US
    }

    /// How long before an agreement ends its "ends soon" reminder is due.
    pub fn ending_notice_us(&self) -> i64 {
        self.ending_notice_hours * HOUR_US
    }

    /// When the "ends soon" reminder is due for an agreement ending at `until`.
    pub fn ending_notice_at(&self, until: i64) -> i64 {
        until - self.ending_notice_us()
    }

    /// N3: an offer of `amount` on a piece listed at `list_cents` whose current price is
    /// `current_cents`.
    pub fn check_offer(
        &self,
        list_cents: i64,
        current_cents: i64,
        amount: i64,
    ) -> Result<(), Refusal> {
        if amount < self.min_cents(list_cents) {
            return Err(Refusal::BelowMinimum {
                min_cents: self.min_cents(list_cents),
            });
        }
        if amount >= current_cents {
            return Err(Refusal::NotBelowCurrentPrice);
        }
        Ok(())
    }

    /// N5: the lowest counter-offer to an offer of `offer_cents`: N3's minimum, and at least
    /// a cent above the buyer's offer (which is itself at least N3's minimum).
    pub fn counter_min_cents(&self, list_cents: i64, offer_cents: i64) -> i64 {
        self.min_cents(list_cents).max(offer_cents + 1)
    }

    /// N5: a counter-offer obeys N3 and is above the buyer's offer.
    pub fn check_counter(
        &self,
        list_cents: i64,
        current_cents: i64,
        offer_cents: i64,
        counter: i64,
    ) -> Result<(), Refusal> {
        if counter <= offer_cents {
            return Err(Refusal::CounterNotAboveOffer);
        }
        self.check_offer(list_cents, current_cents, counter)
    }

    pub fn validate(&self, e: &mut crate::FieldErrors) {
        if !(1..=10_000).contains(&self.min_bps) {
            e.add("offers.min_bps", "out_of_range");
        }
        if !(1..=720).contains(&self.answer_hours) {
            e.add("offers.answer_hours", "out_of_range");
        }
        if !(1..=720).contains(&self.agreed_hours) {
            e.add("offers.agreed_hours", "out_of_range");
        }
        if !(0..self.agreed_hours).contains(&self.ending_notice_hours) {
            e.add("offers.ending_notice_hours", "out_of_range");
        }
    }
}

/// C6: the price everyone sees and pays: a live agreed amount, else the list price.
pub fn current_price(list_cents: i64, agreed: Option<(i64, i64)>, now: i64) -> i64 {
    match agreed {
        Some((cents, until)) if until > now => cents,
        _ => list_cents,
    }
}

/// Why an offer or an answer is refused; `code()` is the stable code of the API and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// N1: the piece is not listed.
    NotListed,
    /// N1: its seller does not take offers on it.
    NotOpenToOffers,
    /// N1: a seller cannot offer on their own piece.
    OwnPiece,
    /// N2: one offer per buyer per piece, ever.
    AlreadyOffered,
    /// N3.
    BelowMinimum { min_cents: i64 },
    /// N3: an offer must be below the current price.
    NotBelowCurrentPrice,
    /// N5.
    CounterNotAboveOffer,
    /// N4: the offer is no longer awaiting an answer (answered, expired, ended).
    NotAwaitingAnswer,
    /// N6/C6: another agreed price is already running on this piece.
    AgreementRunning,
    /// N5: the buyer declines a counter-offer that is no longer running (already declined,
    /// lapsed, bought or ended), or an offer the seller never countered.
    NoCounterRunning,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotListed => "offer_piece_not_listed",
            Refusal::NotOpenToOffers => "offer_not_open",
            Refusal::OwnPiece => "offer_own_piece",
            Refusal::AlreadyOffered => "offer_already_made",
            Refusal::BelowMinimum { .. } => "offer_below_minimum",
            Refusal::NotBelowCurrentPrice => "offer_not_below_price",
            Refusal::CounterNotAboveOffer => "counter_not_above_offer",
            Refusal::NotAwaitingAnswer => "offer_not_awaiting_answer",
            Refusal::AgreementRunning => "offer_agreement_running",
            Refusal::NoCounterRunning => "offer_no_counter_running",
        }
    }
}

/// What an offer is at an instant. Stored states only move forward; deadlines passed but not
/// yet written by a job are read as what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferState {
    /// Awaiting the seller's answer.
    Open,
    /// The seller accepted: the offer is the agreed price.
    Accepted,
    /// The seller countered: the counter is the agreed price, proposed to the buyer.
    Countered,
    /// N5: the buyer said no to the counter-offer; the list price is back at once.
    Declined,
    Refused,
    /// N4: no answer in time.
    Expired,
    /// N6: agreed, not bought in time; the list price is back.
    Lapsed,
    /// The buyer bought at the agreed price.
    Bought,
    /// N7: the piece was sold (to someone, or withdrawn) while the offer was open or agreed.
    Ended,
}

impl OfferState {
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "open" => Self::Open,
            "accepted" => Self::Accepted,
            "countered" => Self::Countered,
            "declined" => Self::Declined,
            "refused" => Self::Refused,
            "expired" => Self::Expired,
            "lapsed" => Self::Lapsed,
            "bought" => Self::Bought,
            "ended" => Self::Ended,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Countered => "countered",
            Self::Declined => "declined",
            Self::Refused => "refused",
            Self::Expired => "expired",
            Self::Lapsed => "lapsed",
            Self::Bought => "bought",
            Self::Ended => "ended",
        }
    }

    /// The state at `now` of an offer stored as `self` with these deadlines.
    pub fn at(self, answer_by: i64, agreed_until: Option<i64>, now: i64) -> OfferState {
        match self {
            Self::Open if answer_by <= now => Self::Expired,
            Self::Accepted | Self::Countered if agreed_until.is_some_and(|u| u <= now) => {
                Self::Lapsed
            }
            other => other,
        }
    }

    /// An agreed price that is running.
    pub fn is_agreed(self) -> bool {
        matches!(self, Self::Accepted | Self::Countered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: i64 = 10_000;

    #[test]
    fn n3_offer_below_seventy_percent_of_list_price_is_refused() {
        let rules = OfferRules::default();
        assert_eq!(
            rules.check_offer(LIST, LIST, 6_999),
            Err(Refusal::BelowMinimum { min_cents: 7_000 })
        );
        assert_eq!(rules.check_offer(LIST, LIST, 7_000), Ok(()));
    }

    #[test]
    fn n3_seventy_percent_is_rounded_up_to_the_cent() {
        assert_eq!(OfferRules::default().min_cents(12_345), 8_642);
    }

    #[test]
    fn n3_an_offer_must_be_below_the_current_price() {
        let rules = OfferRules::default();
        assert_eq!(
            rules.check_offer(LIST, LIST, LIST),
            Err(Refusal::NotBelowCurrentPrice)
        );
        // C6: with an agreed price of 80 € running, 85 € is no longer below the price.
        assert_eq!(
            rules.check_offer(LIST, 8_000, 8_500),
            Err(Refusal::NotBelowCurrentPrice)
        );
    }

    #[test]
    fn n5_a_counter_must_be_above_the_offer_and_obey_n3() {
        let rules = OfferRules::default();
        assert_eq!(
            rules.check_counter(LIST, LIST, 7_500, 7_500),
            Err(Refusal::CounterNotAboveOffer)
        );
        assert_eq!(
            rules.check_counter(LIST, LIST, 7_500, LIST),
            Err(Refusal::NotBelowCurrentPrice)
        );
        assert_eq!(rules.check_counter(LIST, LIST, 7_500, 9_000), Ok(()));
    }

    #[test]
    fn n5_the_lowest_counter_is_above_the_offer_and_never_below_n3() {
        let rules = OfferRules::default();
        // The offer (75 €) is above N3's floor (70 €): one cent more is the lowest counter.
        let lowest = rules.counter_min_cents(LIST, 7_500);
        assert_eq!(lowest, 7_501);
        assert_eq!(rules.check_counter(LIST, LIST, 7_500, lowest), Ok(()));
        assert_eq!(
            rules.check_counter(LIST, LIST, 7_500, lowest - 1),
            Err(Refusal::CounterNotAboveOffer)
        );
        // An offer exactly at the floor: still one cent more.
        assert_eq!(rules.counter_min_cents(LIST, rules.min_cents(LIST)), 7_001);
    }

    #[test]
    fn n4_an_open_offer_past_its_answer_deadline_reads_as_expired() {
        let rules = OfferRules::default();
        let by = rules.answer_by(0);
        assert_eq!(OfferState::Open.at(by, None, by - 1), OfferState::Open);
        assert_eq!(OfferState::Open.at(by, None, by), OfferState::Expired);
    }

    #[test]
    fn n6_c6_an_agreed_price_lasts_24_hours_then_the_list_price_is_back() {
        let rules = OfferRules::default();
        let until = rules.agreed_until(0);
        assert_eq!(until, DAY_US);
        assert_eq!(current_price(LIST, Some((8_000, until)), until - 1), 8_000);
        assert_eq!(current_price(LIST, Some((8_000, until)), until), LIST);
        assert_eq!(
            OfferState::Countered.at(0, Some(until), until),
            OfferState::Lapsed
        );
        assert_eq!(rules.ending_notice_at(until), until - 2 * HOUR_US);
    }

    #[test]
    fn n5_a_declined_counter_stays_declined_after_its_deadline() {
        let until = OfferRules::default().agreed_until(0);
        assert_eq!(
            OfferState::Declined.at(0, Some(until), until + 1),
            OfferState::Declined
        );
        assert!(!OfferState::Declined.is_agreed());
        assert_eq!(OfferState::parse("declined"), Some(OfferState::Declined));
    }
}
