//! Accounts, sessions and shops made through the real use cases.

use pepite_app::App;
use pepite_app::accounts::{self, Principal, SessionKind};
use pepite_app::sellers;
use pepite_domain::account::{Role, SignUpInput};
use pepite_domain::piece::SellerInput;

pub const PASSWORD: &str = "a long enough password";

/// What a person types to sign up, with the test password.
pub fn sign_up_input(email: &str, display_name: &str, language: &str) -> SignUpInput {
    SignUpInput {
        email: email.into(),
        password: PASSWORD.into(),
        display_name: display_name.into(),
        language: language.into(),
        country: "FR".into(),
        birth_date: String::new(),
    }
}

/// Opens an account: a plain sign-up without roles (from the person's own network address),
/// otherwise a staff account made the way `pepite admin create-staff` does. Returns its id.
pub async fn register(app: &App, input: &SignUpInput, roles: &[Role]) -> i64 {
    if roles.is_empty() {
        accounts::sign_up(app, input, &input.email).await
    } else {
        accounts::create_staff(app, input, roles).await
    }
    .expect("account")
}

/// Signs in with a browser session and returns its secret.
pub async fn browser_session(app: &App, email: &str, label: &str, device: &str) -> String {
    let (secret, _) = accounts::sign_in(app, email, PASSWORD, label, SessionKind::Browser, device)
        .await
        .expect("sign in");
    secret.0
}

/// Who a session's secret belongs to now.
pub async fn principal(app: &App, secret: &str) -> Principal {
    accounts::authenticate(app, secret)
        .await
        .expect("authenticate")
        .expect("live session")
}

/// Opens a shop for `who` through the use case.
pub async fn open_shop(app: &App, who: &Principal, shop: &SellerInput) {
    sellers::open_shop(app, who, 1, shop)
        .await
        .expect("open shop");
}

/// The `Cookie` header value for a session's secret.
pub fn session_cookie(secret: &str) -> String {
    format!("pepite_session={secret}")
}
