//! Notifications (E1, E2): every event a person must know of becomes an outbox row in the
//! event's own transaction, rendered in the recipient's language when it is sent (see
//! `deliver`), retried while the mail server is away, and queued once per event and person.

pub mod deliver;

use pepite_domain::account::{Language, Role};
use pepite_store::Tx;
pub use pepite_store::notifications::Recipient;
use pepite_store::notifications::{self as store, NewNotification, NotificationRow};
use serde::{Deserialize, Serialize};

use crate::accounts::Principal;
use crate::{App, AppError};

/// A line of an order as the e-mails list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLine {
    pub title: String,
    pub price_cents: i64,
}

/// What happened, with what its message needs. Paths are relative to the site's public
/// address, which the composer knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A1: the account is open; the link confirms the address.
    Welcome { name: String, verify_path: String },
    /// The link sets a new password (valid one hour, once).
    PasswordReset { name: String, reset_path: String },
    /// O13: the buyer's order is paid.
    OrderConfirmed {
        order_id: i64,
        number: String,
        total_cents: i64,
        grouped: bool,
        lines: Vec<NoticeLine>,
    },
    /// O13: a seller has pieces to ship, to the buyer or to the workshop.
    NewOrder {
        order_id: i64,
        number: String,
        to_workshop: bool,
        lines: Vec<NoticeLine>,
    },
    /// F1/F3: a parcel left with its carrier; the link opens the carrier's tracking page.
    ParcelShipped {
        order_id: i64,
        number: String,
        carrier: String,
        tracking: String,
        tracking_link: String,
        lines: Vec<NoticeLine>,
    },
    /// F4: a parcel arrived; the return window (R1) starts from `delivered_at`.
    ParcelDelivered {
        order_id: i64,
        number: String,
        delivered_at: i64,
        lines: Vec<NoticeLine>,
    },
    /// F5: the buyer cancelled, or the platform did (`by_platform`); what comes back to the
    /// card and to gift cards.
    OrderCancelled {
        order_id: i64,
        number: String,
        card_cents: i64,
        gift_cards_cents: i64,
        lines: Vec<NoticeLine>,
        /// Absent from notices queued before staff could cancel: the buyer did then.
        #[serde(default)]
        by_platform: bool,
    },
    /// F5: a seller's pieces of a cancelled order are not to be sent; they are on sale again.
    SaleCancelled {
        order_id: i64,
        number: String,
        lines: Vec<NoticeLine>,
        #[serde(default)]
        by_platform: bool,
    },
    /// F6: a grouped piece failed its check; the buyer chooses drop or keep by `choose_by`,
    /// no answer drops it.
    PieceCheckFailed {
        order_id: i64,
        number: String,
        piece_id: i64,
        title: String,
        price_cents: i64,
        note: String,
        choose_by: i64,
    },
    /// F6 or late piece: a piece left the buyer's order (`reason`: `qc_drop`, `late`); its
    /// share is refunded.
    OrderLineWithdrawn {
        order_id: i64,
        number: String,
        title: String,
        price_cents: i64,
        reason: String,
    },
    /// F6 or late piece: the seller's piece left the order; it comes back to them, off sale.
    SaleLineWithdrawn {
        order_id: i64,
        number: String,
        piece_id: i64,
        title: String,
        reason: String,
    },
    /// Late piece: the workshop is still waiting for the seller's piece.
    WorkshopReminder {
        order_id: i64,
        number: String,
        piece_id: i64,
        title: String,
    },
    /// F7: staff decided on a parcel reported lost or refused: sent again, or refunded.
    ParcelReportDecided {
        order_id: i64,
        number: String,
        parcel: i64,
        resend: bool,
        lines: Vec<NoticeLine>,
    },
    /// R2/E1: a return was accepted (at once, or after staff decided a claim, R4); its
    /// labels are on the order page. `charge_cents` is deducted from the refund when the
    /// buyer pays.
    ReturnAccepted {
        order_id: i64,
        return_id: i64,
        number: String,
        buyer_pays: bool,
        charge_cents: i64,
        labels: usize,
        upheld: Option<bool>,
        lines: Vec<NoticeLine>,
    },
    /// R2/E1: pieces are on their way back to a seller, who records their receipt.
    ReturnComing {
        order_id: i64,
        return_id: i64,
        number: String,
        lines: Vec<NoticeLine>,
    },
    /// R6/P1: a returned piece failed its check: not refunded, the receiver's note says why.
    ReturnRefused {
        order_id: i64,
        return_id: i64,
        number: String,
        note: String,
        lines: Vec<NoticeLine>,
    },
    /// R5: money came back to the buyer for some pieces, with its credit note.
    RefundMade {
        order_id: i64,
        refund_id: i64,
        number: String,
        credit_note: String,
        card_cents: i64,
        gift_cards_cents: i64,
        /// R2: return shipping kept from the refund.
        deducted_cents: i64,
        lines: Vec<NoticeLine>,
    },
    /// P1: a payout run paying the shop was executed by the bank (seller).
    PayoutSent {
        payout_id: i64,
        amount_cents: i64,
        pieces: i64,
        iban_masked: String,
        paid_at: i64,
    },
    /// N4: a shop received an offer (seller).
    OfferReceived {
        offer_id: i64,
        piece_id: i64,
        title: String,
        amount_cents: i64,
        list_cents: i64,
        answer_by: i64,
    },
    /// N5/N6: the seller accepted; the buyer may buy at the offer until `agreed_until`.
    OfferAccepted {
        offer_id: i64,
        piece_id: i64,
        title: String,
        agreed_cents: i64,
        agreed_until: i64,
    },
    /// N5/N6: the seller countered; the buyer may buy at the counter until `agreed_until`.
    OfferCountered {
        offer_id: i64,
        piece_id: i64,
        title: String,
        amount_cents: i64,
        agreed_cents: i64,
        agreed_until: i64,
    },
    /// N5: the seller refused.
    OfferRefused {
        offer_id: i64,
        piece_id: i64,
        title: String,
        amount_cents: i64,
    },
    /// N5: the buyer declined the counter-offer; the list price is back (seller).
    CounterDeclined {
        offer_id: i64,
        piece_id: i64,
        title: String,
        amount_cents: i64,
        counter_cents: i64,
    },
    /// N4: no answer in time (queued in bulk by the store).
    OfferExpired {
        offer_id: i64,
        piece_id: i64,
        title: String,
        amount_cents: i64,
    },
    /// N7: the piece was sold to someone else.
    OfferEnded {
        offer_id: i64,
        piece_id: i64,
        title: String,
    },
    /// E1: the agreed price ends soon (queued in bulk by the store).
    AgreedPriceEnding {
        offer_id: i64,
        piece_id: i64,
        title: String,
        agreed_cents: i64,
        agreed_until: i64,
    },
    /// L1: a sold piece one asked about is for sale again (queued by the store).
    AlertFired {
        piece_id: i64,
        title: String,
        price_cents: i64,
    },
    /// G1: a gift card for its recipient, with its code and a printable PDF.
    GiftCardReceived {
        gift_card_id: i64,
        from_name: String,
        recipient_name: String,
        message: String,
        amount_cents: i64,
        code: String,
        expires_at: i64,
    },
    /// T4: the quote is accepted; the transfer form and the box's label are attached.
    TradeInAccepted {
        box_id: i64,
        programme: String,
        total_cents: i64,
        lines: Vec<NoticeLine>,
        /// What the transfer form prints, so the composer attaches it without the database
        /// (absent from notices queued before it existed and from redacted copies).
        #[serde(default)]
        form: Option<crate::tradein::boxes::TransferForm>,
    },
    /// T6: the box reached the warehouse; an answer comes by `due_on` (YYYY-MM-DD).
    TradeInBoxReceived {
        box_id: i64,
        programme: String,
        due_on: String,
    },
    /// T5/T6: a piece accepted (at `grade`, maybe lower than declared): its credit is available.
    TradeInPieceAccepted {
        box_id: i64,
        programme: String,
        name: String,
        declared_grade: String,
        grade: String,
        amount_cents: i64,
        balance_cents: i64,
    },
    /// T5: a piece refused, and why; it comes back to its person free.
    TradeInPieceRefused {
        box_id: i64,
        programme: String,
        name: String,
        reason: String,
    },
    /// T7: a voucher issued from store credit, with its code.
    VoucherIssued {
        voucher_id: i64,
        programme: String,
        amount_cents: i64,
        code: String,
        expires_at: i64,
    },
    /// T7: a voucher with money left ends within a month.
    VoucherEnding {
        voucher_id: i64,
        programme: String,
        balance_cents: i64,
        code: String,
        expires_at: i64,
    },
    /// S1/E1: customer service answered in public. `reply_token` makes the reply address and
    /// the thread's references; `account`: the person can read the conversation signed in.
    /// The e-mail carries the files of message `message_id` (0 in notices queued before
    /// answers had files).
    SupportAnswer {
        conversation_id: i64,
        #[serde(default)]
        message_id: i64,
        subject: String,
        answer: String,
        reply_token: String,
        account: bool,
    },
    /// S3: customer service asks a seller about one of their pieces; the question is masked
    /// of the buyer's identity, and the answer is given in the seller space.
    SellerQuestion {
        question_id: i64,
        piece_id: i64,
        title: String,
        question: String,
    },
}

impl Notice {
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::Welcome { .. } => "welcome",
            Notice::PasswordReset { .. } => "password_reset",
            Notice::OrderConfirmed { .. } => "order_confirmed",
            Notice::NewOrder { .. } => "new_order",
            Notice::ParcelShipped { .. } => "parcel_shipped",
            Notice::ParcelDelivered { .. } => "parcel_delivered",
            Notice::OrderCancelled { .. } => "order_cancelled",
            Notice::SaleCancelled { .. } => "sale_cancelled",
            Notice::ReturnAccepted { .. } => "return_accepted",
            Notice::ReturnComing { .. } => "return_coming",
            Notice::ReturnRefused { .. } => "return_refused",
            Notice::RefundMade { .. } => "refund_made",
            Notice::GiftCardReceived { .. } => "gift_card_received",
            Notice::PayoutSent { .. } => "payout_sent",
            Notice::PieceCheckFailed { .. } => "piece_check_failed",
            Notice::OrderLineWithdrawn { .. } => "order_line_withdrawn",
            Notice::SaleLineWithdrawn { .. } => "sale_line_withdrawn",
            Notice::WorkshopReminder { .. } => "workshop_reminder",
            Notice::ParcelReportDecided { .. } => "parcel_report_decided",
            Notice::OfferReceived { .. } => "offer_received",
            Notice::OfferAccepted { .. } => "offer_accepted",
            Notice::OfferCountered { .. } => "offer_countered",
            Notice::OfferRefused { .. } => "offer_refused",
            Notice::CounterDeclined { .. } => "counter_declined",
            Notice::OfferExpired { .. } => "offer_expired",
            Notice::OfferEnded { .. } => "offer_ended",
            Notice::AgreedPriceEnding { .. } => "agreed_price_ending",
            Notice::AlertFired { .. } => "alert_fired",
            Notice::TradeInAccepted { .. } => "tradein_accepted",
            Notice::TradeInBoxReceived { .. } => "tradein_box_received",
            Notice::TradeInPieceAccepted { .. } => "tradein_piece_accepted",
            Notice::TradeInPieceRefused { .. } => "tradein_piece_refused",
            Notice::VoucherIssued { .. } => "voucher_issued",
            Notice::VoucherEnding { .. } => "voucher_ending",
            Notice::SupportAnswer { .. } => "support_answer",
            Notice::SellerQuestion { .. } => "seller_question",
        }
    }

    /// The same notice without its secrets, kept once the message has left: the outbox
    /// and the person's history must not hold a working link or gift-card code.
    pub fn redacted(&self) -> Notice {
        let mut copy = self.clone();
        match &mut copy {
            Notice::Welcome { verify_path, .. } => verify_path.clear(),
            Notice::PasswordReset { reset_path, .. } => reset_path.clear(),
            Notice::GiftCardReceived { code, .. }
            | Notice::VoucherIssued { code, .. }
            | Notice::VoucherEnding { code, .. } => {
                *code = pepite_domain::commerce::masked_gift_card_code(code);
            }
            // The person's address and birth date travelled with the e-mail; the history
            // keeps the offer, not the form.
            Notice::TradeInAccepted { form, .. } => *form = None,
            // The reply address lets whoever holds it write into the conversation.
            Notice::SupportAnswer { reply_token, .. } => reply_token.clear(),
            _ => {}
        }
        copy
    }

    /// The support message whose files go with the e-mail (S1, E1).
    pub fn support_files(&self) -> Option<i64> {
        match self {
            Notice::SupportAnswer { message_id, .. } if *message_id > 0 => Some(*message_id),
            _ => None,
        }
    }

    /// The conversation a message belongs to, by its reply token: its e-mail then carries
    /// a reply address and references that thread the person's answer (S1).
    pub fn support_thread(&self) -> Option<&str> {
        match self {
            Notice::SupportAnswer { reply_token, .. } if !reply_token.is_empty() => {
                Some(reply_token)
            }
            _ => None,
        }
    }

    pub fn from_json(json: &str) -> Result<Notice, AppError> {
        serde_json::from_str(json)
            .map_err(|e| AppError::Internal(format!("stored notification unreadable: {e}")))
    }
}

/// A rendered message, before the envelope (address, message id) is added.
#[derive(Debug, Clone)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<crate::mail::Attachment>,
}

/// Renders a notice in a language. The web layer implements it (it owns the texts and the
/// PDF layouts); the sender only needs the result.
pub trait Compose: Send + Sync {
    fn compose(&self, language: Language, notice: &Notice) -> Result<Message, String>;
}

/// Queues `notice` for `to` in the transaction of its event. `dedupe` names the event (for
/// example `order:12:confirmed`); the same event and recipient is queued once.
pub async fn queue(
    tx: &mut Tx,
    to: Recipient<'_>,
    dedupe: &str,
    notice: &Notice,
    now: i64,
) -> Result<bool, AppError> {
    let params = serde_json::to_string(notice).map_err(|e| AppError::Internal(e.to_string()))?;
    let who = match to {
        Recipient::User(id) => format!("user:{id}"),
        Recipient::Seller(id) => format!("seller:{id}"),
        Recipient::Address { address, .. } => format!("address:{address}"),
    };
    Ok(store::queue(
        tx,
        &NewNotification {
            kind: notice.kind(),
            dedupe: &format!("{dedupe}:{who}"),
            to,
            params: &params,
        },
        now,
    )
    .await?)
}

/// The caller's own notifications, newest first (E1: every person sees their history).
pub async fn history(
    app: &App,
    who: &Principal,
    before: Option<i64>,
) -> Result<Vec<NotificationRow>, AppError> {
    Ok(store::list(&app.db, Some(who.user_id), None, before, 50).await?)
}

/// Back office mailbox: every message, optionally in one state (customer service, admins).
pub async fn mailbox(
    app: &App,
    who: &Principal,
    state: Option<&str>,
    before: Option<i64>,
) -> Result<Vec<NotificationRow>, AppError> {
    who.require(Role::CustomerService)?;
    Ok(store::list(&app.db, None, state, before, 50).await?)
}

/// One message, for its recipient or for staff (A4: anyone else's is not found).
pub async fn one(app: &App, who: &Principal, id: i64) -> Result<NotificationRow, AppError> {
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    if row.user_id == Some(who.user_id) || who.has(Role::CustomerService) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// Staff send a dead message again (after fixing the address, or once the server is back).
pub async fn retry(app: &App, who: &Principal, id: i64) -> Result<(), AppError> {
    who.require(Role::CustomerService)?;
    let now = app.now_us().await?;
    if !store::retry(&app.db, id, now).await? {
        // The update decided; this read only says why it refused: a missing id is a 404.
        return Err(if store::by_id(&app.db, id).await?.is_some() {
            AppError::Conflict("not_dead")
        } else {
            AppError::NotFound
        });
    }
    app.ring();
    Ok(())
}

/// How many messages are in each state.
pub async fn counts(app: &App, who: &Principal) -> Result<Vec<(String, i64)>, AppError> {
    who.require(Role::CustomerService)?;
    Ok(store::counts(&app.db).await?)
}
