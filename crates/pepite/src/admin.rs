//! `pepite admin …`: tasks for whoever runs the platform.

use anyhow::bail;
use pepite_app::AppError;
use pepite_domain::account::{Role, SignUpInput};

use crate::cli::{CreateStaffArgs, Global};
use crate::setup;

/// Creates a staff account, or grants roles to the account that has this e-mail.
pub async fn create_staff(g: &Global, args: &CreateStaffArgs) -> anyhow::Result<()> {
    let mut roles = Vec::new();
    for r in &args.roles {
        match Role::parse(r) {
            Some(role) => roles.push(role),
            None => bail!(
                "unknown role {r:?}; roles are admin, customer_service, workshop, finance, brand_partner"
            ),
        }
    }
    let db = setup::open_database(g).await?;
    let app = setup::build_app(g, db).await?;
    let input = SignUpInput {
        email: args.email.clone(),
        password: args.password.clone(),
        display_name: args.name.clone(),
        language: args.language.clone(),
        country: args.country.clone(),
        birth_date: String::new(),
    };
    match pepite_app::accounts::create_staff(&app, &input, &roles).await {
        Ok(id) => {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            println!(
                "Account {id} ({}) has the roles: {}",
                args.email,
                names.join(", ")
            );
            Ok(())
        }
        Err(AppError::Invalid(errors)) => bail!("refused: {errors}"),
        Err(e) => Err(e.into()),
    }
}
