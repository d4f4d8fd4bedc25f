# Textes français de Pépite. Chaque clé existe aussi dans en/main.ftl (un test le vérifie).

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-at-time = { $date } à { $time }

error-invalid = Cette valeur n’est pas valable.
error-required = Ce champ est obligatoire.
error-too-long = { $limit } caractères au plus.
error-too-short = { $limit } caractères au moins.
error-too-large = Valeur trop grande (au plus { $limit }).
error-too-many = { $limit } valeurs au plus.
error-must-be-positive = Indiquez un nombre supérieur à zéro.
error-invalid-amount = Indiquez un montant, par exemple 12,50.
error-invalid-number = Indiquez un nombre entier.
error-invalid-email = Cette adresse e-mail n’est pas valable.
error-invalid-date = Indiquez une date au format AAAA-MM-JJ.
error-out-of-range = Cette valeur est hors des limites permises.
error-unknown-value = Choisissez une valeur de la liste.
error-duplicate = Cette mesure est déjà indiquée.
error-taken = Déjà utilisé : choisissez-en un autre.
error-shop-closed-to-sellers = Cette boutique vend seulement les pièces de sa marque : ouvrez votre boutique sur la place de marché.
error-voucher-other-shop = Ce bon de reprise se dépense seulement dans la boutique de sa marque.
error-wrong-password = Le mot de passe actuel est incorrect.
error-below-minimum = Le maximum doit être supérieur au minimum.
error-photo-required = Ajoutez au moins une photo avant de mettre en vente.
error-file-too-large = Fichier trop lourd ({ $limit } Mo au plus).
error-invalid-row = La ligne { $limit } a une case vide ou qui ne se lit pas : rien n’a été enregistré.
error-too-many-photos = { $limit } photos au plus par pièce.
error-upload-too-large = Ces fichiers pèsent trop ensemble ({ $limit } Mo au plus par envoi) : envoyez-en moins à la fois.
error-unsupported-format = Formats acceptés : JPEG, PNG ou WebP.
error-unreadable-image = Cette image est illisible ou abîmée.
error-unsupported-attachment = Acceptés : photos (JPEG, PNG ou WebP) et documents PDF.
error-unreadable-pdf = Ce PDF est illisible ou incomplet.
error-active-pdf = Ce PDF contient des scripts ou des fichiers intégrés ; envoyez un PDF simple ou une photo.
error-too-small = Image trop petite (200 × 200 pixels au moins).
error-not-utf8 = Le fichier doit être encodé en UTF-8.
error-unreadable-csv = Ce fichier CSV est illisible.
error-unreadable-line = Cette ligne est illisible.
error-missing-column = Colonne manquante dans l’en-tête.
error-too-many-lines = { $limit } lignes au plus par fichier.
error-no-lines = Le fichier ne contient aucune pièce.
error-link-expired = Ce lien a déjà servi ou n’est plus valable.
error-passwords-differ = Les deux mots de passe ne sont pas identiques.
error-control-character = Les caractères de contrôle (comme NUL ou échappement) ne peuvent pas être enregistrés : retirez-les.
error-field-refused = « { $field } » : { $message }

## Closed vocabularies, shared by every page (public, seller space, back office).

grade-new-with-tags = Neuve avec étiquette
grade-new-with-tags-help = Jamais portée : les étiquettes d’origine sont toujours attachées.
grade-excellent = Excellent état
grade-excellent-help = On la dirait neuve : ni trace d’usure ni défaut visible, même de près.
grade-very-good = Très bon état
grade-very-good-help = Portée avec soin : seulement de petits signes d’usage, comme des plis, une matière un peu assouplie ou quelques bouloches légères.
grade-good = Bon état
grade-good-help = L’usure se voit, et c’est dit : chaque défaut est décrit dans l’annonce et visible sur les photos.

category-dresses = Robes
category-coats = Manteaux
category-jackets = Vestes
category-blazers = Blazers
category-knitwear = Mailles
category-shirts = Chemises
category-tops = Hauts
category-t-shirts = T-shirts
category-trousers = Pantalons
category-jeans = Jeans
category-skirts = Jupes
category-shorts = Shorts
category-jumpsuits = Combinaisons
category-suits = Costumes et tailleurs
category-shoes = Chaussures
category-boots = Bottes
category-bags = Sacs
category-scarves = Foulards et écharpes
category-belts = Ceintures
category-hats = Chapeaux
category-jewellery = Bijoux
category-sunglasses = Lunettes de soleil
category-underwear = Lingerie
category-swimwear = Maillots de bain
category-accessories = Accessoires

colour-black = Noir
colour-white = Blanc
colour-ecru = Écru
colour-grey = Gris
colour-beige = Beige
colour-camel = Camel
colour-brown = Marron
colour-navy = Bleu marine
colour-blue = Bleu
colour-green = Vert
colour-khaki = Kaki
colour-red = Rouge
colour-burgundy = Bordeaux
colour-pink = Rose
colour-purple = Violet
colour-yellow = Jaune
colour-orange = Orange
colour-gold = Doré
colour-silver = Argenté
colour-multicolour = Multicolore

size-system-fr = Française (FR)
size-system-eu = Européenne (EU)
size-system-it = Italienne (IT)
size-system-uk = Britannique (UK)
size-system-us = Américaine (US)
size-system-int = Internationale (XS, S, M…)
size-system-one = Taille unique
size-one = Taille unique

measurement-chest = Poitrine
measurement-waist = Tour de taille
measurement-hips = Hanches
measurement-length = Longueur
measurement-shoulders = Épaules
measurement-sleeve = Manche
measurement-inseam = Entrejambe
measurement-insole = Semelle intérieure

seller-kind-individual = Particulier
seller-kind-professional = Professionnel

language-fr = Français
language-en = English

## Layout

nav-skip = Aller au contenu
nav-home = { $shop }, accueil
nav-main = Menu principal
nav-sell = Vendre
nav-back-office = Back-office
nav-account = Mon compte
nav-sign-in = Connexion
nav-sign-up = Créer un compte
nav-sign-out = Déconnexion
nav-other-language = English
search-label = Rechercher une pièce
search-placeholder = Robe en soie, trench, mocassins…
search-button = Chercher
footer-text = Pépite réunit des vêtements et accessoires de seconde main, tous uniques et décrits avec soin.
footer-help = Une question sur une pièce ou une commande ? Notre service client y répond et fait le lien avec les vendeurs.

## Error pages

error-400-title = Demande illisible
error-400-text = Ce qui a été envoyé n’a pas pu être lu. Revenez à la page précédente et réessayez.
error-403-title = Accès réservé
error-403-text = Cette page ne vous est pas ouverte avec votre compte actuel.
error-csrf-title = Envoyé depuis un autre site
error-csrf-text = Ce formulaire a été envoyé depuis un autre site, ou sans dire d’où il venait : rien n’a été fait. Ouvrez la page sur Pépite et renvoyez-le depuis celle-ci.
error-404-title = Page introuvable
error-404-text = Cette page n’existe pas ou n’est plus en ligne. La pièce a peut-être trouvé preneur.
error-409-title = Action impossible pour l’instant
error-409-text = L’état de cet élément a changé entre-temps. Rechargez la page pour voir où il en est.
error-gone-text = Quelqu’un d’autre a acheté l’une de ces pièces avant vous. Vous n’avez pas été débité.
error-held-text = Un autre acheteur est en train de payer l’une de ces pièces : elle est réservée le temps de son paiement et peut redevenir disponible s’il n’aboutit pas. Vous n’avez pas été débité.
error-503-title = Service indisponible
error-503-text = Le service de paiement n’a pas répondu. Vous n’avez pas été débité ; réessayez dans un instant.
error-busy-text = Trop de personnes se connectent en ce moment même. Rien n’a été fait ; réessayez dans quelques secondes.
error-422-title = Demande incomplète
error-422-text = Certaines informations ne sont pas valables. Revenez en arrière pour les corriger.
error-429-title = Un peu de patience
error-429-text = Trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.
error-500-title = Un souci de notre côté
error-500-text = Quelque chose s’est mal passé chez nous. Réessayez dans un instant ; si cela persiste, notre service client est là pour vous aider.

## Home

home-title = Mode de seconde main, pièces uniques
home-heading = Des pièces uniques, décrites sans détour
home-intro = Sur Pépite, chaque vêtement et chaque accessoire existe en un seul exemplaire. Particuliers et professionnels les mettent en vente ; nous veillons à ce que chaque annonce dise vrai.
home-intro-resale = Chaque pièce de cette boutique a été portée, reprise par la marque grâce à son programme de reprise, contrôlée, puis nettoyée, repassée et réétiquetée dans notre atelier avant de revenir en vente.
home-grades = Chaque pièce porte une note d’état, de « neuve avec étiquette » à « bon état », expliquée sur sa fiche : vous savez ce que vous recevrez avant de commander.
home-latest = Nouveautés
home-see-all = Voir toutes les pièces
home-empty = Aucune pièce en vente pour le moment. Revenez bientôt : les vendeurs en ajoutent chaque jour.
home-categories = Parcourir par catégorie

## Piece cards

card-sold = Vendue
card-no-photo = Photo à venir

## Search

search-title = Rechercher une pièce
search-title-q = « { $q } »
search-filters = Affiner la recherche
search-results = Résultats
search-total = Pièces trouvées : { $count }
filter-q = Mots-clés
filter-brand = Marque
filter-category = Catégorie
filter-size = Taille
filter-grade = État
filter-colour = Couleur
filter-price = Prix en euros
filter-price-min = De
filter-price-max = À
filter-options = Options
filter-offers = Ouvertes aux offres
filter-available = Seulement les pièces disponibles
filter-sort = Trier par
filter-apply = Appliquer les filtres
filter-reset = Tout effacer
sort-newest = Les plus récentes
sort-price-asc = Prix croissant
sort-price-desc = Prix décroissant
search-filter-button = Filtres
search-filter-close = Voir les résultats
chips-label = Filtres actifs
chip-remove = Retirer le filtre { $filter }
chip-price-min = À partir de { $amount } €
chip-price-max = Jusqu’à { $amount } €
search-next = Page suivante
search-first = Revenir à la première page
search-empty = Aucune pièce ne correspond à cette recherche. Retirez un filtre ou essayez un autre mot.
search-invalid = Certains filtres ne sont pas valables ; corrigez-les pour voir les résultats.
form-errors-summary = Quelques points sont à corriger :

## Piece page

piece-photos = Photos de la pièce
piece-photo-alt = { $title }, photo { $n }
piece-photo-open = Voir la photo { $n }
piece-details = Détails
piece-brand = Marque
piece-size = Taille
piece-grade = État
piece-colour = Couleur
piece-materials = Matières
piece-measurements = Mesures, pièce posée à plat
piece-description = Description
piece-price = Prix
piece-weight = Poids
piece-ships-from = Expédiée depuis
piece-seller = Vendue par
piece-offers = Le vendeur accepte les offres de prix sur cette pièce.
piece-available = Disponible : cette pièce unique attend son ou sa propriétaire.
piece-sold = Vendue. Elle n’est plus disponible, mais reste visible quelques jours : un retour est toujours possible.
piece-hidden = Cette pièce n’est pas visible du public. Vous la voyez parce qu’elle vous appartient ou que vous faites partie de l’équipe.
trust-title = Livraison, retours et boutique
trust-to = Livrer en
trust-update = Mettre à jour
trust-direct = Envoi par le vendeur
trust-grouped = Envoi groupé par notre atelier
trust-days = { $min } à { $max } jours ouvrés après l’expédition
trust-not-served = pas encore livré dans ce pays
trust-grouped-fee = Contrôlée par notre atelier avant l’envoi ; le contrôle coûte { $rate } % des pièces, au plus { $cap } par commande.
trust-returns = Retours
trust-return-window = { $days } jours après la livraison pour changer d’avis.
trust-return-free = L’étiquette de retour est gratuite.
trust-return-paid = Depuis ce pays ({ $country }), l’étiquette de retour coûte { $amount }, déduits du remboursement.
trust-shop = La boutique
trust-shop-sold = { $count ->
    [0] aucune vente pour l’instant
    [one] une pièce vendue
   *[other] { $count } pièces vendues
}
trust-shop-since = sur Pépite depuis { $date }
trust-ask = Écrire au service client
trust-ask-subject = Question sur la pièce { $id } : { $title }
piece-written-in-fr = Décrite par le vendeur en français.
piece-written-in-en = Décrite par le vendeur en anglais ; nous la montrons telle qu’elle a été écrite.
piece-questions = Une question sur la taille, l’état ou une photo supplémentaire ? Écrivez à notre service client : nous interrogeons le vendeur et vous répondons.
piece-edit = Modifier dans mon espace vendeur
piece-unique = Pièce unique
piece-no-brand = Sans marque

## Shop

shop-country = Pays
shop-kind = Type de vendeur
shop-since = Membre depuis le { $date }
shop-pieces = Les pièces de la boutique
shop-empty = Aucune pièce visible dans cette boutique pour le moment.
shop-questions = Pour toute question sur une pièce de cette boutique, adressez-vous à notre service client.

## Sign-up, sign-in

field-email = Adresse e-mail
field-password = Mot de passe
field-password-hint = { $min } caractères au moins. Une courte phrase facile à retenir fait très bien l’affaire.
field-display-name = Nom affiché
field-display-name-hint = Le nom sous lequel l’équipe Pépite s’adresse à vous.
field-language = Langue
field-country = Pays
field-birth-date = Date de naissance
field-optional = facultatif
signup-title = Créer un compte
signup-intro = Pour parcourir le catalogue, aucun compte n’est nécessaire. Il vous en faut un pour commander, faire une offre ou ouvrir votre boutique.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signin-title = Connexion
signin-submit = Me connecter
signin-failed = Adresse e-mail ou mot de passe incorrect.
signin-throttled = Trop de tentatives de connexion. Patientez { $minutes } min avant de réessayer.
signin-no-account = Pas encore de compte ?
signin-demo = Comptes de démonstration
signin-demo-intro = Ce site est une démonstration. Vous pouvez vous connecter avec l’un de ces comptes :

## Account

account-title = Mon compte
account-signed-in-as = Connecté avec { $email }
account-profile = Profil
account-save = Enregistrer
account-saved-profile = Votre profil est enregistré.
account-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
account-password-submit = Changer de mot de passe
account-saved-password = Mot de passe changé. Vos autres appareils ont été déconnectés.
account-tokens = Jetons d’API
account-tokens-intro = Un jeton permet à un programme d’agir avec votre compte, avec les mêmes droits que vous. Gardez-le secret et révoquez-le dès qu’il ne sert plus.
account-tokens-empty = Aucun jeton actif.
account-token-label = Nom du jeton
account-token-create = Créer un jeton
account-token-new = Votre nouveau jeton ci-dessous. Copiez-le dès maintenant : il ne sera plus jamais affiché.
account-token-id = Identifiant
account-token-name = Nom
account-token-created = Créé le
account-token-expires = Expire le
account-token-revoke = Révoquer
account-token-revoke-label = Révoquer le jeton { $id }
account-token-revoked = Le jeton est révoqué.
account-seller = Vendre sur Pépite
account-seller-go = Aller à mon espace vendeur
account-seller-open = Ouvrez votre boutique pour mettre vos pièces en vente.
error-408-title = Délai dépassé
error-408-text = La demande a pris trop de temps. Réessayez dans un instant.
error-413-title = Envoi trop volumineux
error-413-text = Ce qui a été envoyé dépasse la taille permise (10 Mo par photo). Choisissez un fichier plus léger.

shipment-shipped-on = Expédié le { $date }
shipment-tracking = suivi :
shipment-delivered-on = Livré le { $date }
shipment-not-yet = Pas encore expédié.
error-tracking-number = Un numéro de suivi compte de 6 à 40 lettres et chiffres.
error-tracking-format = Ce numéro ne correspond pas au format des numéros de suivi de ce transporteur.
error-iban-invalid = Cet IBAN n’est pas valide : vérifiez chaque caractère (sa clé de contrôle ne correspond pas, ou sa longueur ne va pas avec son pays).
error-bic-invalid = Un BIC compte 8 ou 11 lettres et chiffres, par exemple BNPAFRPP.
error-tracking-url = Donnez une adresse https:// contenant { "{" }tracking{ "}" } une seule fois.
error-invalid-pattern = Cette expression régulière ne peut pas être lue.

## Les données de chacun : le téléchargement et la fermeture du compte.

account-data = Vos données
account-export-intro = Téléchargez en un seul fichier tout ce que Pépite conserve à votre sujet : compte, adresses, commandes, retours, offres, alertes, messages, et votre boutique si vous vendez. Les factures et les avoirs y figurent avec le lien vers chaque PDF.
account-export-go = Télécharger mes données
account-close-intro = Vous ne voulez plus de compte ?
account-close-go = Fermer mon compte
close-title = Fermer mon compte
close-what-goes = La fermeture efface votre nom, votre adresse e-mail, vos adresses enregistrées et votre mot de passe, vous déconnecte partout, met fin à vos jetons d’API, à vos offres en cours et à vos alertes, vide votre panier et retire de la vente les pièces de votre boutique. Elle est définitive.
close-what-stays = Vos commandes, factures et avoirs sont conservés comme la loi l’exige, avec les adresses qui y figurent. Vous pourrez rouvrir un compte plus tard avec la même adresse e-mail ; il partira de zéro.
close-export-first = Vous souhaitez peut-être d’abord une copie de vos données :
close-password = Votre mot de passe, pour confirmer
close-submit = Fermer définitivement mon compte
close-keep = Garder mon compte
closed-title = Votre compte est fermé
closed-text = Vos données personnelles sont effacées et vous êtes déconnecté·e. Merci d’avoir utilisé Pépite.
closed-home = Retour à l’accueil
error-unpaid-orders = Un de vos paiements est encore en cours : attendez qu’il aboutisse ou échoue.
error-undelivered-purchases = Une de vos commandes n’est pas encore livrée : fermez votre compte une fois qu’elle est arrivée.
error-open-returns = Un de vos retours n’est pas terminé : attendez son remboursement, ou annulez-le.
error-unshipped-sales = Votre boutique a vendu des pièces pas encore envoyées : expédiez-les d’abord.
error-unpaid-payouts = L’argent de vos ventes ne vous a pas encore été versé : attendez le virement.
error-staff-account = Un compte de l’équipe est fermé par un administrateur.

## Pages légales : leurs textes sont des données de la politique (back-office) ; seuls les titres sont ici.

legal-nav = Informations légales
legal-terms = Conditions générales de vente
legal-privacy = Politique de confidentialité
legal-notice = Mentions légales
signup-legal-before = En créant un compte, vous acceptez nos
signup-legal-terms = conditions générales de vente
signup-legal-and = et avez pris connaissance de notre
signup-legal-privacy = politique de confidentialité
