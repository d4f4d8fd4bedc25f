//! The vocabulary of generated catalogues: French vintage brands by price tier, titles,
//! materials and sentences. Written for Pépite; any resemblance to a real listing is chance.

/// Brands with their price range in euros (list price of a piece in excellent condition).
pub const BRANDS: &[(&str, u32, u32)] = &[
    ("Chanel", 450, 3200),
    ("Hermès", 400, 2800),
    ("Dior", 350, 2400),
    ("Yves Saint Laurent", 250, 1600),
    ("Céline", 220, 1400),
    ("Givenchy", 200, 1300),
    ("Louis Vuitton", 300, 1900),
    ("Lanvin", 180, 1100),
    ("Balmain", 200, 1200),
    ("Chloé", 120, 800),
    ("Isabel Marant", 90, 520),
    ("Kenzo", 60, 380),
    ("Jean Paul Gaultier", 110, 900),
    ("Sonia Rykiel", 80, 450),
    ("Courrèges", 90, 600),
    ("Paco Rabanne", 100, 700),
    ("Jacquemus", 90, 550),
    ("A.P.C.", 50, 280),
    ("Agnès b.", 35, 190),
    ("Sézane", 40, 220),
    ("Rouje", 40, 200),
    ("Maje", 45, 260),
    ("Sandro", 45, 260),
    ("Claudie Pierlot", 40, 230),
    ("Zadig & Voltaire", 50, 300),
    ("Vanessa Bruno", 45, 260),
    ("Comptoir des Cotonniers", 30, 170),
    ("Ba&sh", 40, 230),
    ("Cacharel", 25, 160),
    ("Kookaï", 15, 80),
    ("Naf Naf", 12, 70),
    ("Petit Bateau", 12, 60),
    ("Saint James", 30, 130),
    ("Armor Lux", 20, 110),
    ("Aigle", 30, 180),
    ("Lacoste", 20, 140),
    ("Repetto", 45, 240),
    ("Longchamp", 40, 320),
];

/// Category key, title stems, typical weight in grams, measurements offered.
pub const CATEGORIES: &[(&str, &[&str], u32, &[&str])] = &[
    (
        "dresses",
        &[
            "Robe portefeuille",
            "Robe chemise",
            "Robe midi",
            "Robe longue",
            "Petite robe noire",
            "Robe trapèze",
            "Robe à smocks",
        ],
        400,
        &["chest", "waist", "length"],
    ),
    (
        "coats",
        &[
            "Manteau croisé",
            "Caban",
            "Trench",
            "Manteau droit",
            "Duffle-coat",
        ],
        1400,
        &["chest", "shoulders", "sleeve", "length"],
    ),
    (
        "jackets",
        &[
            "Veste courte",
            "Veste en tweed",
            "Blouson",
            "Veste saharienne",
            "Perfecto",
        ],
        800,
        &["chest", "shoulders", "sleeve", "length"],
    ),
    (
        "blazers",
        &["Blazer cintré", "Blazer croisé", "Veste tailleur"],
        700,
        &["chest", "shoulders", "sleeve", "length"],
    ),
    (
        "knitwear",
        &[
            "Pull marin",
            "Cardigan",
            "Pull col roulé",
            "Gilet torsadé",
            "Pull jacquard",
        ],
        500,
        &["chest", "length", "sleeve"],
    ),
    (
        "shirts",
        &[
            "Chemise à rayures",
            "Blouse lavallière",
            "Chemise oversize",
            "Blouse brodée",
        ],
        250,
        &["chest", "length", "sleeve"],
    ),
    (
        "tops",
        &["Top à bretelles", "Débardeur", "Top drapé", "Bustier"],
        200,
        &["chest", "length"],
    ),
    (
        "t_shirts",
        &[
            "Tee-shirt marinière",
            "Tee-shirt imprimé",
            "Tee-shirt col V",
        ],
        180,
        &["chest", "length"],
    ),
    (
        "trousers",
        &[
            "Pantalon à pinces",
            "Pantalon large",
            "Pantalon cigarette",
            "Pantalon palazzo",
        ],
        500,
        &["waist", "hips", "inseam"],
    ),
    (
        "jeans",
        &[
            "Jean droit",
            "Jean taille haute",
            "Jean flare",
            "Jean boyfriend",
        ],
        650,
        &["waist", "hips", "inseam"],
    ),
    (
        "skirts",
        &[
            "Jupe plissée",
            "Jupe crayon",
            "Jupe portefeuille",
            "Jupe midi",
            "Minijupe",
        ],
        300,
        &["waist", "hips", "length"],
    ),
    (
        "shorts",
        &["Short en jean", "Short taille haute", "Bermuda"],
        250,
        &["waist", "inseam"],
    ),
    (
        "jumpsuits",
        &["Combinaison", "Salopette", "Combi-pantalon"],
        550,
        &["chest", "waist", "length"],
    ),
    (
        "suits",
        &["Tailleur jupe", "Tailleur pantalon", "Costume trois pièces"],
        1200,
        &["chest", "waist", "length"],
    ),
    (
        "shoes",
        &[
            "Escarpins",
            "Ballerines",
            "Mocassins",
            "Sandales",
            "Derbies",
        ],
        700,
        &["insole"],
    ),
    (
        "boots",
        &["Bottines", "Bottes cavalières", "Santiags", "Boots chelsea"],
        1300,
        &["insole"],
    ),
    (
        "bags",
        &[
            "Sac à main",
            "Pochette",
            "Sac seau",
            "Cabas",
            "Sac bandoulière",
        ],
        600,
        &[],
    ),
    (
        "scarves",
        &["Carré de soie", "Écharpe", "Foulard", "Étole"],
        120,
        &["length"],
    ),
    (
        "belts",
        &["Ceinture", "Ceinture tressée", "Ceinture à boucle dorée"],
        200,
        &["length"],
    ),
    (
        "hats",
        &["Béret", "Chapeau de paille", "Capeline"],
        150,
        &[],
    ),
    (
        "jewellery",
        &[
            "Collier",
            "Bracelet manchette",
            "Boucles d'oreilles",
            "Broche",
        ],
        60,
        &[],
    ),
    (
        "sunglasses",
        &["Lunettes de soleil", "Lunettes papillon"],
        80,
        &[],
    ),
];

/// Materials a category is made of: title phrase and composition.
pub fn materials_of(category: &str) -> &'static [(&'static str, &'static str)] {
    match category {
        "shoes" | "boots" | "belts" | "bags" => LEATHER_GOODS,
        "jewellery" => JEWELLERY,
        "sunglasses" => EYEWEAR,
        "jeans" | "shorts" => DENIM,
        "knitwear" => KNITS,
        "hats" => HATS,
        _ => MATERIALS,
    }
}

const LEATHER_GOODS: &[(&str, &str)] = &[
    ("en cuir", "cuir de veau"),
    ("en cuir verni", "cuir verni"),
    ("en daim", "cuir velours"),
    ("en toile", "toile de coton et cuir"),
];

const JEWELLERY: &[(&str, &str)] = &[
    ("en argent", "argent 925"),
    ("en métal doré", "laiton doré à l'or fin"),
    ("en résine", "résine et métal"),
];

const EYEWEAR: &[(&str, &str)] = &[
    ("en acétate", "acétate de cellulose"),
    ("en métal", "métal et verres teintés"),
];

const DENIM: &[(&str, &str)] = &[
    ("en denim", "100 % coton"),
    ("en denim stretch", "coton et élasthanne"),
];

const KNITS: &[(&str, &str)] = &[
    ("en laine", "100 % laine"),
    ("en cachemire", "100 % cachemire"),
    ("en mohair", "mohair et soie"),
    ("en coton", "100 % coton"),
];

const HATS: &[(&str, &str)] = &[
    ("en feutre", "feutre de laine"),
    ("en paille", "paille naturelle"),
];

const MATERIALS: &[(&str, &str)] = &[
    ("en soie", "100 % soie"),
    ("en laine", "100 % laine"),
    ("en cachemire", "100 % cachemire"),
    ("en coton", "100 % coton"),
    ("en lin", "100 % lin"),
    ("en velours", "coton et viscose"),
    ("en cuir", "cuir d'agneau"),
    ("en tweed", "laine et mohair"),
    ("en crêpe", "polyester et viscose"),
    ("en denim", "coton denim"),
    ("en jacquard", "laine et coton"),
];

pub const COLOUR_WORDS: &[(&str, &str)] = &[
    ("black", "noir"),
    ("white", "blanc"),
    ("ecru", "écru"),
    ("grey", "gris"),
    ("beige", "beige"),
    ("camel", "camel"),
    ("brown", "marron"),
    ("navy", "bleu marine"),
    ("blue", "bleu"),
    ("green", "vert"),
    ("khaki", "kaki"),
    ("red", "rouge"),
    ("burgundy", "bordeaux"),
    ("pink", "rose"),
    ("purple", "violet"),
    ("yellow", "jaune"),
    ("orange", "orange"),
    ("gold", "doré"),
    ("silver", "argenté"),
    ("multicolour", "multicolore"),
];

pub const CONDITION_SENTENCES: &[(&str, &[&str])] = &[
    (
        "new_with_tags",
        &[
            "Jamais portée, étiquettes d'origine encore attachées.",
            "Neuve avec son étiquette, achetée puis jamais sortie.",
        ],
    ),
    (
        "excellent",
        &[
            "Portée une ou deux fois, aucun défaut visible.",
            "État impeccable, comme sortie de boutique.",
        ],
    ),
    (
        "very_good",
        &[
            "Quelques légères traces de port, tissu un peu assoupli.",
            "Très bel état, un peu de boulochage discret sous les bras.",
        ],
    ),
    (
        "good",
        &[
            "Usure visible mais honnête, chaque défaut est photographié.",
            "Une petite tache sur la doublure et les coudes un peu lustrés, voir photos.",
        ],
    ),
];

pub const DETAIL_SENTENCES: &[&str] = &[
    "Coupe d'époque, fabriquée en France.",
    "Boutons d'origine, doublure intacte.",
    "Taille normalement, se porte aussi un peu ample.",
    "Pièce des années 80, très bien conservée.",
    "Pièce des années 90, finitions soignées.",
    "Couleur profonde qui ne passe pas au lavage.",
    "Nettoyée à sec avant la mise en vente.",
    "Une pièce rare dans cet état.",
    "Parfaite pour une silhouette intemporelle.",
    "Fermeture éclair fonctionnelle, coutures solides.",
];

pub const FIRST_NAMES: &[&str] = &[
    "Léa",
    "Camille",
    "Manon",
    "Chloé",
    "Inès",
    "Jeanne",
    "Louise",
    "Alice",
    "Margaux",
    "Juliette",
    "Hugo",
    "Lucas",
    "Jules",
    "Arthur",
    "Nina",
    "Zoé",
    "Anaïs",
    "Clémence",
    "Elsa",
    "Rose",
];

pub const SHOP_PATTERNS: &[&str] = &[
    "Le vestiaire de {}",
    "La malle de {}",
    "Chez {}",
    "Le grenier de {}",
    "Les trouvailles de {}",
    "L'armoire de {}",
];

pub const SHOP_COUNTRIES: &[&str] = &["FR", "FR", "FR", "FR", "BE", "DE", "IT", "ES", "NL"];
