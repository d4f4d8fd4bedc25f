//! Demo data: the demo shop of `serve --demo` (staff, sellers, a buyer, a few hundred pieces)
//! and bulk catalogues for `pepite demo --pieces N`.

mod data;
mod generate;
mod photos;
pub mod tradein;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use pepite_app::{App, AppError};
use pepite_domain::account::{Role, SignUpInput};
use pepite_domain::piece::SellerInput;
use pepite_store::catalog::{analyze, insert_pieces, next_piece_id, resync_ids};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use crate::cli::{DemoArgs, Global};
use crate::setup;

/// The password of every demo account (demo data only, printed at start-up).
pub const DEMO_PASSWORD: &str = "pepite-demo-2026";

/// A demo shop's name, country and kind.
type DemoShop = Option<(&'static str, &'static str, &'static str)>;

/// Staff and customers of the demo shop: e-mail, display name, roles, shop.
const DEMO_PEOPLE: &[(&str, &str, &[Role], DemoShop)] = &[
    ("admin@pepite.demo", "Adèle (admin)", &[Role::Admin], None),
    (
        "service@pepite.demo",
        "Samir (service client)",
        &[Role::CustomerService],
        None,
    ),
    (
        "atelier@pepite.demo",
        "Wanda (atelier)",
        &[Role::Workshop],
        None,
    ),
    (
        "finance@pepite.demo",
        "Fabien (finance)",
        &[Role::Finance],
        None,
    ),
    (
        "lea@pepite.demo",
        "Léa",
        &[],
        Some(("Le grenier de Léa", "FR", "individual")),
    ),
    (
        "maison@pepite.demo",
        "Maison Rétro",
        &[],
        Some(("Maison Rétro Paris", "FR", "professional")),
    ),
    (
        "kiez@pepite.demo",
        "Jonas",
        &[],
        Some(("Kiez Vintage Berlin", "DE", "individual")),
    ),
    ("camille@pepite.demo", "Camille (acheteuse)", &[], None),
];

/// Pieces the demo shop starts with.
const DEMO_SHOP_PIECES: usize = 240;

/// Creates the demo shop if its admin does not exist yet, and returns the demo accounts.
pub async fn ensure_demo_shop(app: &App) -> anyhow::Result<Vec<(String, String)>> {
    let accounts: Vec<(String, String)> = DEMO_PEOPLE
        .iter()
        .map(|(e, ..)| *e)
        .chain([tradein::DEMO_PARTNER])
        .map(|e| (e.to_owned(), DEMO_PASSWORD.to_owned()))
        .collect();
    if pepite_store::accounts::by_email(&app.db, DEMO_PEOPLE[0].0)
        .await?
        .is_some()
    {
        demo_tradein(app).await?;
        return Ok(accounts);
    }
    println!("Creating the demo shop…");
    let mut sellers = Vec::new();
    for (email, name, roles, shop) in DEMO_PEOPLE {
        let input = SignUpInput {
            email: (*email).to_owned(),
            password: DEMO_PASSWORD.to_owned(),
            display_name: (*name).to_owned(),
            language: "fr".into(),
            country: shop.map(|s| s.1).unwrap_or("FR").to_owned(),
            birth_date: String::new(),
        };
        let user_id = pepite_app::accounts::create_staff(app, &input, roles)
            .await
            .map_err(describe)?;
        if let Some((shop_name, country, kind)) = shop {
            let seller = open_shop(app, user_id, shop_name, country, kind).await?;
            sellers.push((seller, (*country).to_owned()));
        }
    }
    generate_pieces(app, &sellers, DEMO_SHOP_PIECES, 42, None).await?;
    demo_discount_code(app).await?;
    demo_tradein(app).await?;
    Ok(accounts)
}

/// The demo's trade-in programme, opened by the demo's admin.
async fn demo_tradein(app: &App) -> anyhow::Result<()> {
    let admin = pepite_store::accounts::by_email(&app.db, DEMO_PEOPLE[0].0)
        .await?
        .context("the demo admin")?;
    let admin = pepite_app::accounts::Principal {
        user_id: admin.id,
        email: admin.email,
        display_name: admin.display_name,
        language: pepite_domain::account::Language::Fr,
        roles: vec![Role::Admin],
        seller_id: None,
    };
    tradein::ensure_demo_tradein(app, &admin).await
}

/// The demo's discount code (O8): 10 % off from 50 €, once per customer.
pub const DEMO_DISCOUNT_CODE: &str = "BIENVENUE10";

async fn demo_discount_code(app: &App) -> anyhow::Result<()> {
    use pepite_domain::commerce::{DiscountRule, DiscountScope, DiscountValue, validate_rule};
    let rule = DiscountRule {
        code: DEMO_DISCOUNT_CODE.into(),
        value: DiscountValue::Percent(1_000),
        min_order_cents: 5_000,
        starts_at_us: None,
        ends_at_us: None,
        max_uses: None,
        per_customer: Some(1),
        scope: DiscountScope::Everything,
    };
    validate_rule(&rule).map_err(|e| anyhow::anyhow!("demo discount code refused: {e}"))?;
    let json = serde_json::to_string(&rule)?;
    let now = app.now_us().await?;
    pepite_store::commerce::discounts::insert(&app.db, &rule.code, &json, None, now).await?;
    Ok(())
}

async fn open_shop(
    app: &App,
    user_id: i64,
    name: &str,
    country: &str,
    kind: &str,
) -> anyhow::Result<i64> {
    let f = SellerInput {
        shop_name: name.into(),
        country: country.into(),
        kind: kind.into(),
        open_to_offers: true,
        bio: String::new(),
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("demo shop refused: {e}"))?;
    let key = pepite_domain::piece::shop_key(&f.shop_name);
    let now = app.now_us().await?;
    let values = pepite_store::sellers::SellerValues {
        shop_name: &f.shop_name,
        shop_key: &key,
        country: f.country,
        kind: f.kind.as_str(),
        open_to_offers: true,
        bio: "Des pièces choisies une à une, décrites avec soin.",
    };
    Ok(pepite_store::sellers::insert(&app.db, user_id, 1, &values, now).await?)
}

fn describe(e: AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// `pepite demo --pieces N`: the demo shop, then N pieces spread over generated sellers.
pub async fn run(g: &Global, args: &DemoArgs) -> anyhow::Result<()> {
    let db = setup::open_database(g).await?;
    let app = setup::build_app(g, db).await?;
    ensure_demo_shop(&app).await?;
    let sellers = generated_sellers(&app, (args.pieces as usize / 400).max(3), args.seed).await?;
    let started = std::time::Instant::now();
    generate_pieces(&app, &sellers, args.pieces as usize, args.seed, None).await?;
    println!(
        "Generated {} pieces in {:.1} s.",
        args.pieces,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Sellers for bulk catalogues; their accounts share one password hash (hashing thousands
/// of passwords would take longer than the catalogue itself).
async fn generated_sellers(
    app: &App,
    count: usize,
    seed: u64,
) -> anyhow::Result<Vec<(i64, String)>> {
    let hash = pepite_app::passwords::hash(app, DEMO_PASSWORD.to_owned())
        .await
        .map_err(describe)?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5e11);
    let now = app.now_us().await?;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let first = data::FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Léa");
        let pattern = data::SHOP_PATTERNS
            .choose(&mut rng)
            .copied()
            .unwrap_or("Chez {}");
        let country = data::SHOP_COUNTRIES
            .choose(&mut rng)
            .copied()
            .unwrap_or("FR");
        let email = format!("vendeur{seed}-{i}@pepite.demo");
        if let Some(existing) = pepite_store::accounts::by_email(&app.db, &email).await? {
            if let Some(s) = pepite_store::sellers::by_user(&app.db, existing.id).await? {
                out.push((s.id, s.country));
            }
            continue;
        }
        let mut tx = app.db.begin().await?;
        let user_id = pepite_store::accounts::insert(
            &mut tx,
            &pepite_store::accounts::NewUser {
                email: &email,
                password_hash: &hash,
                display_name: first,
                language: "fr",
                country,
                birth_date: None,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        let name = format!("{} {}", pattern.replace("{}", first), i + 1);
        let kind = if i % 5 == 0 {
            "professional"
        } else {
            "individual"
        };
        out.push((
            open_shop(app, user_id, &name, country, kind).await?,
            country.to_owned(),
        ));
    }
    Ok(out)
}

/// Generates `count` listed pieces (plus one sold piece in fifty, C4) across `sellers`.
/// Lists `count` generated pieces (and a few sold) among `sellers`, all of `brand` if given
/// (a brand's resale shop).
async fn generate_pieces(
    app: &App,
    sellers: &[(i64, String)],
    count: usize,
    seed: u64,
    brand: Option<&str>,
) -> anyhow::Result<()> {
    photos::ensure(app, &generate::all_photo_pairs())
        .await
        .map_err(describe)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let now = app.now_us().await?;
    let mut next_id = next_piece_id(&app.db).await?;
    let total = count + count / 50;
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pieces ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    let mut batch = Vec::with_capacity(5_000);
    for i in 0..total {
        let seller = sellers.choose(&mut rng).context("at least one seller")?;
        let mut piece = generate::bulk_piece(&mut rng, next_id, seller, now, i >= count);
        if let Some(brand) = brand {
            piece.values.brand = brand.to_owned();
        }
        batch.push(piece);
        next_id += 1;
        if batch.len() == 5_000 || i + 1 == total {
            insert_pieces(&app.db, &batch).await?;
            bar.inc(batch.len() as u64);
            batch.clear();
        }
    }
    bar.finish();
    resync_ids(&app.db).await?;
    analyze(&app.db).await?;
    Ok(())
}
