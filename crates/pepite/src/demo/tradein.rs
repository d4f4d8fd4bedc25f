//! The demo's trade-in programme (T1): the brand "Maison Lune", run by its brand partner
//! account, with a generated reference catalogue, so the quote, the warehouse and the partner
//! console can be tried at once. Written once: a database that has it keeps it.

use pepite_app::App;
use pepite_app::accounts::Principal;
use pepite_domain::account::{Language, Role, SignUpInput};
use pepite_domain::piece::Category;
use pepite_domain::shop::{ShopInput, ShopKind};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::{DEMO_PASSWORD, describe};

/// The demo programme's code, its partner's e-mail and how many styles it starts with.
pub const DEMO_PROGRAMME: &str = "maison-lune";
pub const DEMO_PARTNER: &str = "marque@pepite.demo";
const DEMO_STYLES: usize = 300;
/// The host of the brand's resale shop: browsers send `*.localhost` to this machine.
pub const DEMO_RESALE_HOST: &str = "maison-lune.localhost";
const DEMO_RESALE_PIECES: usize = 60;

/// The header and `n` generated lines of a reference catalogue, in the import's columns.
pub fn catalogue_csv(n: usize, seed: u64) -> String {
    let mut rng = StdRng::seed_from_u64(seed);
    let kinds: &[(&str, Category, i64)] = &[
        ("Manteau", Category::Coats, 420),
        ("Trench", Category::Coats, 380),
        ("Veste", Category::Jackets, 290),
        ("Blazer", Category::Blazers, 260),
        ("Pull", Category::Knitwear, 160),
        ("Cardigan", Category::Knitwear, 150),
        ("Chemise", Category::Shirts, 110),
        ("Robe", Category::Dresses, 190),
        ("Jupe", Category::Skirts, 120),
        ("Pantalon", Category::Trousers, 140),
        ("Jean", Category::Jeans, 120),
        ("Sac", Category::Bags, 350),
        ("Bottines", Category::Boots, 280),
        ("Maillot", Category::Swimwear, 90),
    ];
    let names = [
        "Lune", "Soleil", "Rivage", "Ardoise", "Brume", "Colline", "Aube", "Orage", "Sable",
        "Givre", "Ambre", "Opale",
    ];
    let colours = [
        "noir", "écru", "marine", "camel", "gris", "bordeaux", "kaki", "bleu",
    ];
    let mut out = String::from("style_id,name,brand,category,season,reference_price,photo_url\n");
    for i in 0..n {
        let (kind, category, base) = kinds.choose(&mut rng).expect("kinds");
        let year = rng.random_range(2015..=2026);
        let half = if rng.random_bool(0.5) { "SS" } else { "AW" };
        let price = base + rng.random_range(-30..=60);
        out.push_str(&format!(
            "ML-{i:06},{kind} {} {},Maison Lune,{},{half}{},{price},\n",
            names.choose(&mut rng).expect("names"),
            colours.choose(&mut rng).expect("colours"),
            category.as_str(),
            year % 100,
        ));
    }
    out
}

/// Opens the demo programme and its partner's account if they are not there yet.
pub async fn ensure_demo_tradein(app: &App, admin: &Principal) -> anyhow::Result<()> {
    if pepite_store::tradein::programmes::by_code(&app.db, DEMO_PROGRAMME)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let input = SignUpInput {
        email: DEMO_PARTNER.into(),
        password: DEMO_PASSWORD.into(),
        display_name: "Maison Lune (marque)".into(),
        language: "fr".into(),
        country: "FR".into(),
        birth_date: String::new(),
    };
    let partner_id = pepite_app::accounts::create_staff(app, &input, &[Role::BrandPartner])
        .await
        .map_err(describe)?;
    let id = pepite_app::tradein::catalogue::create(
        app,
        admin,
        DEMO_PROGRAMME,
        "Maison Lune",
        Some(partner_id),
        &["Maison Lune".into()],
    )
    .await
    .map_err(describe)?;
    let partner = Principal {
        user_id: partner_id,
        email: DEMO_PARTNER.into(),
        display_name: input.display_name.clone(),
        language: Language::Fr,
        roles: vec![Role::BrandPartner],
        seller_id: None,
    };
    let names = |_: &str, _: &str| None;
    pepite_app::tradein::catalogue::import_styles(
        app,
        &partner,
        id,
        catalogue_csv(DEMO_STYLES, 7).as_bytes(),
        &names,
    )
    .await
    .map_err(describe)?;
    resale_shop(app, admin, id, partner_id).await
}

/// P3/T8: the brand's resale shop, on its own host, with refurbished pieces already listed by
/// the programme's seller account.
async fn resale_shop(
    app: &App,
    admin: &Principal,
    programme_id: i64,
    partner_id: i64,
) -> anyhow::Result<()> {
    let seller = super::open_shop(
        app,
        partner_id,
        "Maison Lune · seconde main",
        "FR",
        "professional",
    )
    .await?;
    pepite_app::shops::open(
        app,
        admin,
        ShopInput {
            slug: DEMO_PROGRAMME.into(),
            name: "Maison Lune · seconde main".into(),
            kind: ShopKind::BrandResale,
            host: Some(DEMO_RESALE_HOST.into()),
            languages: vec![Language::Fr, Language::En],
            programme_id: Some(programme_id),
        },
    )
    .await
    .map_err(describe)?;
    super::generate_pieces(
        app,
        &[(seller, "FR".into())],
        DEMO_RESALE_PIECES,
        12,
        Some("Maison Lune"),
    )
    .await
}
