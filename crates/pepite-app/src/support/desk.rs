//! The back office's shared inbox (S1, S2, A4): the inbox's lines with names, and one
//! conversation with what an agent needs beside it (the person's orders and returns, the
//! agents it may be given to, the saved answers, who else is looking at it). Opening a
//! conversation records that the agent is looking, so a second agent is warned.

use pepite_domain::account::Role;
use pepite_store::commerce::orders::{self as orders_store, OrderFilter, OrderRow};
use pepite_store::commerce::returns::{self as returns_store, ReturnRow};
use pepite_store::support::InboxFilter;
use pepite_store::support::desk as store;
pub use pepite_store::support::desk::{Agent, InboxLine};
use pepite_store::support::saved::{self as saved_store, SavedAnswerRow};

use super::{STATES, Thread, for_staff};
use crate::accounts::Principal;
use crate::{App, AppError};

/// How long an agent counts as looking at a conversation after opening it.
pub const LOOKING_US: i64 = 2 * 60 * 1_000_000;
/// How many of the person's orders and returns are shown beside a conversation.
const HISTORY: i64 = 20;

/// The inbox's lines for customer service, the overdue first.
pub async fn lines(
    app: &App,
    who: &Principal,
    filter: &InboxFilter,
) -> Result<Vec<InboxLine>, AppError> {
    who.require(Role::CustomerService)?;
    if let Some(state) = &filter.state
        && !STATES.contains(&state.as_str())
    {
        return Err(AppError::field("state", "unknown_value"));
    }
    Ok(store::lines(&app.db, filter, 200).await?)
}

/// A conversation as the back office shows it.
#[derive(Debug, Clone)]
pub struct Desk {
    pub thread: Thread,
    /// Those who wrote in it, for their names.
    pub authors: Vec<Agent>,
    /// Whom it may be given to.
    pub agents: Vec<Agent>,
    /// The person's latest orders and returns; for a visitor or a mail, those of the account
    /// using the same address, if one does (`by_address`).
    pub orders: Vec<OrderRow>,
    pub returns: Vec<ReturnRow>,
    /// A4: the orders are an account's found by the conversation's address alone, which
    /// proves nothing: staff check who they talk to before saying anything about them.
    pub by_address: bool,
    pub saved: Vec<SavedAnswerRow>,
    /// The other agents who opened it in the last two minutes.
    pub looking: Vec<String>,
    pub now: i64,
}

/// A conversation for customer service, recording that `who` is looking at it.
pub async fn open(app: &App, who: &Principal, id: i64) -> Result<Desk, AppError> {
    let thread = for_staff(app, who, id).await?;
    let now = app.now_us().await?;
    store::viewed(&app.db, id, who.user_id, now).await?;
    let c = &thread.conversation;
    let by_address = match c.user_id {
        Some(_) => None,
        None => pepite_store::accounts::by_email(&app.db, &c.email)
            .await?
            .map(|u| u.id),
    };
    let (orders, returns) = match c.user_id.or(by_address) {
        Some(user) => {
            let mine = OrderFilter {
                buyer_id: Some(user),
                ..OrderFilter::default()
            };
            (
                orders_store::list(&app.db, &mine, None, HISTORY).await?,
                returns_store::of_buyer(&app.db, user, HISTORY).await?,
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(Desk {
        authors: store::authors(&app.db, id).await?,
        agents: store::agents(&app.db).await?,
        saved: saved_store::all(&app.db).await?,
        looking: store::viewers(&app.db, id, who.user_id, now - LOOKING_US).await?,
        orders,
        returns,
        by_address: by_address.is_some(),
        thread,
        now,
    })
}
