//! Discount codes (O8) as staff manage them: create, edit, switch off, list with their uses.

use pepite_domain::account::Role;
use pepite_domain::commerce::{self, DiscountRule};
use pepite_store::commerce::discounts as store;
pub use pepite_store::commerce::discounts::DiscountRow;

use crate::accounts::Principal;
use crate::{App, AppError};

fn require_staff(who: &Principal) -> Result<(), AppError> {
    if who.has(Role::CustomerService) || who.has(Role::Finance) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn list(
    app: &App,
    who: &Principal,
) -> Result<Vec<(DiscountRow, DiscountRule)>, AppError> {
    require_staff(who)?;
    let mut out = Vec::new();
    for row in store::all(&app.db).await? {
        let rule = crate::carts::parse_rule(&row.rule)?;
        out.push((row, rule));
    }
    Ok(out)
}

pub async fn get(
    app: &App,
    who: &Principal,
    id: i64,
) -> Result<(DiscountRow, DiscountRule), AppError> {
    require_staff(who)?;
    let row = store::by_id(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let rule = crate::carts::parse_rule(&row.rule)?;
    Ok((row, rule))
}

/// Creates a code after checking every condition; a code already taken is a field error.
pub async fn create(app: &App, who: &Principal, rule: DiscountRule) -> Result<i64, AppError> {
    require_staff(who)?;
    let rule = normalised(rule)?;
    let json = serde_json::to_string(&rule).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = app.now_us().await?;
    store::insert(&app.db, &rule.code, &json, rule.max_uses, now)
        .await
        .map_err(|e| {
            if e.is_conflict_on("code") {
                AppError::field("code", "already_taken")
            } else {
                e.into()
            }
        })
}

/// Rewrites a code's conditions (its text stays) and whether it is active.
pub async fn update(
    app: &App,
    who: &Principal,
    id: i64,
    rule: DiscountRule,
    active: bool,
) -> Result<(), AppError> {
    require_staff(who)?;
    let (row, _) = get(app, who, id).await?;
    let rule = normalised(DiscountRule {
        code: row.code.clone(),
        ..rule
    })?;
    if rule.max_uses.is_some_and(|m| m < row.uses) {
        return Err(AppError::field("max_uses", "below_uses"));
    }
    let json = serde_json::to_string(&rule).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = app.now_us().await?;
    if !store::update(&app.db, id, &json, rule.max_uses, active, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

fn normalised(rule: DiscountRule) -> Result<DiscountRule, AppError> {
    let code = commerce::normalise_code(&rule.code).ok_or(AppError::field("code", "invalid"))?;
    let rule = DiscountRule { code, ..rule };
    commerce::validate_rule(&rule)?;
    Ok(rule)
}
