//! Finance's exports (P1, P2) as CSV, the same file from the back office and the API: the
//! ledger's entries of a date range, and what each shop is owed, shops named.

use std::collections::HashMap;

use pepite_app::finance::{EntryRow, seller_of};
use pepite_app::payouts::Payables;

use super::csv::{Csv, euros, text};
use pepite_domain::time::from_micros;

/// One line per entry: debits positive, credits negative, so each journal's lines sum to 0.
pub fn journal_csv(rows: &[EntryRow], shops: &HashMap<i64, String>) -> Csv {
    let mut csv = Csv::new(&[
        "entry_id",
        "journal_id",
        "written_at",
        "journal",
        "order_id",
        "account",
        "shop",
        "amount_eur",
    ]);
    for e in rows {
        let shop = seller_of(&e.account)
            .and_then(|id| shops.get(&id))
            .map(|name| text(name))
            .unwrap_or_default();
        csv.row([
            e.id.to_string(),
            e.journal_id.to_string(),
            from_micros(e.created_at).to_string(),
            e.kind.clone(),
            e.order_id.map(|o| o.to_string()).unwrap_or_default(),
            e.account.clone(),
            shop,
            euros(e.amount_cents),
        ]);
    }
    csv
}

/// One line per shop owed something: by status, and whether it gave a payout account.
pub fn payables_csv(p: &Payables) -> Csv {
    let mut csv = Csv::new(&[
        "seller_id",
        "shop",
        "pending_eur",
        "payable_eur",
        "in_payout_eur",
        "paid_eur",
        "payout_account",
    ]);
    for s in &p.shops {
        csv.row([
            s.seller_id.to_string(),
            text(&s.shop_name),
            euros(s.pending_cents),
            euros(s.payable_cents),
            euros(s.in_payout_cents),
            euros(s.paid_cents),
            if s.has_account { "yes" } else { "no" }.to_owned(),
        ]);
    }
    csv
}
