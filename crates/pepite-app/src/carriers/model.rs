//! What goes through the `Carrier` port: label requests and labels, delivery events.

use serde::Deserialize;

/// What a label is for: the key that makes buying it twice give the same label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consignment {
    /// One parcel of an order (or of its return).
    Parcel { order_id: i64, parcel: i64 },
    /// T4: a trade-in box, sent by its person to the warehouse.
    TradeInBox(i64),
    /// T5: a refused trade-in piece, sent back to its person.
    TradeInReturn(i64),
}

/// A label for one consignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRequest {
    /// The carrier's code in the `carriers` table.
    pub carrier: String,
    pub consignment: Consignment,
    pub weight_g: i64,
    /// ISO code of the destination.
    pub to_country: String,
}

/// A bought label: the tracking number the parcel will travel under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub carrier: String,
    pub tracking: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    #[error("carrier service unavailable: {0}")]
    Unavailable(String),
    #[error("label refused: {0}")]
    Rejected(String),
}

/// What a carrier tells about a parcel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryEventKind {
    /// F4: handed to the addressee.
    Delivered,
    /// Anything else (in transit, at a pickup point…): acknowledged, nothing recorded.
    #[serde(other)]
    Other,
}

/// One delivery event, verified.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeliveryEvent {
    /// The carrier's event id: a repeated delivery of it changes nothing.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: DeliveryEventKind,
    /// The parcel's tracking number, as the carrier prints it.
    pub tracking: String,
    /// When it happened, unix seconds.
    pub occurred_at: i64,
}
