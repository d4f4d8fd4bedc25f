//! Where an order stands (item 12 of issue 10), derived from its payment state and its
//! parcels, never stored: buyer, seller, staff and the API all read this one function, so
//! they cannot disagree. Returns, refunds and closing will add their states
//! here, each derived from the rows that record them.

use serde::Serialize;

/// An order's state as people read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderProgress {
    AwaitingPayment,
    Failed,
    /// Paid, nothing handed to a carrier yet.
    Paid,
    /// F1/F2: some parcels are on their way, others not yet sent.
    PartlyShipped,
    /// F3: every parcel is with a carrier (some may already have arrived).
    Shipped,
    /// F4: every parcel has arrived.
    Delivered,
    /// F5: the buyer cancelled before dispatch; everything was refunded.
    Cancelled,
    /// R1: a return of some of its pieces is under way.
    ReturnAsked,
    /// R5: returned pieces were received and passed their check; their refund is being made.
    Returned,
    /// R5: pieces of it were refunded, nothing else is under way.
    Refunded,
}

impl OrderProgress {
    pub const ALL: [OrderProgress; 10] = [
        OrderProgress::AwaitingPayment,
        OrderProgress::Failed,
        OrderProgress::Paid,
        OrderProgress::PartlyShipped,
        OrderProgress::Shipped,
        OrderProgress::Delivered,
        OrderProgress::Cancelled,
        OrderProgress::ReturnAsked,
        OrderProgress::Returned,
        OrderProgress::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderProgress::AwaitingPayment => "awaiting_payment",
            OrderProgress::Failed => "failed",
            OrderProgress::Paid => "paid",
            OrderProgress::PartlyShipped => "partly_shipped",
            OrderProgress::Shipped => "shipped",
            OrderProgress::Delivered => "delivered",
            OrderProgress::Cancelled => "cancelled",
            OrderProgress::ReturnAsked => "return_asked",
            OrderProgress::Returned => "returned",
            OrderProgress::Refunded => "refunded",
        }
    }

    /// R1/R5: what the order's returns make of the state its parcels give: a return under way
    /// first, then pieces received and awaiting their refund, then pieces refunded.
    pub fn with_returns(self, r: ReturnCounts) -> OrderProgress {
        match self {
            OrderProgress::Cancelled | OrderProgress::AwaitingPayment | OrderProgress::Failed => {
                self
            }
            _ if r.asked > 0 => OrderProgress::ReturnAsked,
            _ if r.returned > 0 => OrderProgress::Returned,
            _ if r.refunded > 0 => OrderProgress::Refunded,
            _ => self,
        }
    }
}

/// An order's pieces by where their return stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReturnCounts {
    /// Asked back and not received yet (a defect claim awaiting staff included).
    pub asked: i64,
    /// Received and passed, refund not recorded yet.
    pub returned: i64,
    /// Refunded.
    pub refunded: i64,
}

/// The state of an order whose payment is `payment_state` (`awaiting_payment`, `paid`,
/// `failed`), `cancelled` or not (F5), with `parcels` parcels, of which `shipped` were handed
/// to a carrier and `delivered` arrived (a delivered parcel counts as shipped too).
pub fn order_progress(
    payment_state: &str,
    cancelled: bool,
    parcels: i64,
    shipped: i64,
    delivered: i64,
) -> OrderProgress {
    match payment_state {
        "awaiting_payment" => OrderProgress::AwaitingPayment,
        "paid" if cancelled => OrderProgress::Cancelled,
        "paid" if parcels > 0 && delivered >= parcels => OrderProgress::Delivered,
        "paid" if parcels > 0 && shipped >= parcels => OrderProgress::Shipped,
        "paid" if shipped > 0 => OrderProgress::PartlyShipped,
        "paid" => OrderProgress::Paid,
        _ => OrderProgress::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_states_follow_the_parcels() {
        use OrderProgress::*;
        assert_eq!(
            order_progress("awaiting_payment", false, 2, 0, 0),
            AwaitingPayment
        );
        assert_eq!(order_progress("failed", false, 2, 0, 0), Failed);
        assert_eq!(order_progress("paid", false, 2, 0, 0), Paid);
        assert_eq!(order_progress("paid", false, 2, 1, 0), PartlyShipped);
        // One parcel arrived, the other not sent yet: still partly shipped.
        assert_eq!(order_progress("paid", false, 2, 1, 1), PartlyShipped);
        assert_eq!(order_progress("paid", false, 2, 2, 1), Shipped);
        assert_eq!(order_progress("paid", false, 2, 2, 2), Delivered);
        assert_eq!(order_progress("paid", false, 1, 1, 1), Delivered);
        assert_eq!(order_progress("paid", true, 2, 0, 0), Cancelled);
        let names: Vec<&str> = OrderProgress::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names.len(), 10);
    }

    #[test]
    fn r1_r5_returns_follow_delivery() {
        use OrderProgress::*;
        let counts = |asked, returned, refunded| ReturnCounts {
            asked,
            returned,
            refunded,
        };
        assert_eq!(Delivered.with_returns(counts(0, 0, 0)), Delivered);
        assert_eq!(Delivered.with_returns(counts(1, 1, 1)), ReturnAsked);
        assert_eq!(Delivered.with_returns(counts(0, 1, 1)), Returned);
        assert_eq!(Delivered.with_returns(counts(0, 0, 2)), Refunded);
        assert_eq!(Cancelled.with_returns(counts(0, 0, 2)), Cancelled);
    }
}
