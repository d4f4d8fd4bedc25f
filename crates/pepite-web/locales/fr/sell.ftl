# Espace vendeur (/sell). Chaque clé existe aussi dans en/sell.ftl (un test le vérifie).

sell-space = Espace vendeur
sell-crumbs = Vous êtes ici
sell-choose = Choisir…
sell-save = Enregistrer
sell-form-has-errors = Certains champs sont à revoir : voyez les messages à côté d’eux.

## Confirmations après une action
sell-done-created = Brouillon créé. Vérifiez ses photos et leur ordre, puis mettez-le en vente.
sell-done-saved = Modifications enregistrées.
sell-done-listed = La pièce est en vente.
sell-done-withdrawn = La pièce est retirée de la vente.
sell-done-deleted = Le brouillon a été supprimé.
sell-done-photo-added = Photos ajoutées.
sell-done-photo-removed = Photo supprimée.
sell-done-cover = Photo de couverture changée.
sell-done-shop-opened = Votre boutique est ouverte. Ajoutez votre première pièce !
sell-done-shop-saved = Profil de la boutique enregistré.
sell-imported = Pièces importées comme brouillons : { $count }.

## Refus qui concernent la pièce plutôt qu’un champ
sell-conflict-stale-version = Cette pièce a été modifiée ailleurs (autre onglet ou appareil) depuis l’ouverture de cette page. Vos modifications n’ont pas été enregistrées : rouvrez la pièce pour voir sa version actuelle.
sell-conflict-not-editable = Une pièce vendue ne peut plus être modifiée.
sell-conflict-not-listable = Cette pièce ne peut pas être mise en vente dans son état actuel.
sell-conflict-not-withdrawable = Seule une pièce en vente peut être retirée.
sell-conflict-not-a-draft = Seul un brouillon jamais mis en vente peut être supprimé.
sell-conflict-too-many-photos = Cette pièce a déjà le nombre maximal de photos.
sell-conflict-last-photo-of-listed-piece = Une pièce en vente garde au moins une photo. Ajoutez-en une autre avant de supprimer celle-ci, ou retirez d’abord la pièce de la vente.
sell-conflict-other = Cette action n’est pas possible pour le moment.

## Erreurs de champ propres à ces formulaires
error-invalid-centimetres = Indiquez une longueur en centimètres, par exemple 48 ou 48,5.
error-unreadable-upload = Le fichier n’a pas pu être reçu. Veuillez réessayer.

## États des pièces
sell-state-draft = Brouillon
sell-state-listed = En vente
sell-state-sold = Vendue
sell-state-withdrawn = Retirée

## Tableau de bord
sell-new-piece = Nouvelle pièce
sell-import-csv = Importer un fichier CSV
sell-shop-edit = Modifier ma boutique
sell-public-shop = Voir ma boutique comme les acheteurs
sell-tabs = Pièces par état
sell-tab-all = Toutes
sell-tab-draft = Brouillons
sell-tab-listed = En vente
sell-tab-sold = Vendues
sell-tab-withdrawn = Retirées
sell-no-pieces = Aucune pièce ici pour l’instant.
sell-pieces-caption = Vos pièces, les plus récentes d’abord
sell-col-photo = Photo
sell-col-title = Pièce
sell-col-price = Prix
sell-col-state = État
sell-no-photo = Sans photo
sell-next-page = Page suivante

## Formulaire de boutique
sell-shop-open-title = Ouvrir votre boutique
sell-shop-open-intro = Quelques mots sur vous et vous pouvez commencer à vendre. Les acheteurs voient le nom de votre boutique, votre pays et votre présentation, jamais vos coordonnées.
sell-shop-edit-title = Modifier ma boutique
sell-field-shop-name = Nom de la boutique
sell-hint-shop-name = Affiché sur chacune de vos pièces. Il ne doit pas être déjà pris par une autre boutique.
sell-field-country = Pays d’expédition des pièces
sell-field-kind = Vous vendez en tant que
sell-field-shop-offers = Accepter les offres de prix par défaut
sell-hint-shop-offers = Les acheteurs peuvent proposer un prix plus bas ; vous acceptez, refusez ou faites une contre-offre. Chaque pièce peut en décider autrement.
sell-field-bio = Présentation
sell-hint-bio = Facultatif. Votre style, la provenance de vos pièces… (1000 caractères au plus)
sell-shop-open-button = Ouvrir ma boutique

## Formulaire de pièce
sell-new-title = Nouvelle pièce
sell-new-intro = La pièce est enregistrée comme brouillon : personne ne la voit avant sa mise en vente.
sell-create-draft = Enregistrer le brouillon
sell-piece-about = La pièce
sell-piece-price-weight = Prix et expédition
sell-piece-measurements = Mesures (facultatif)
sell-field-title = Titre
sell-field-brand = Marque
sell-hint-brand = Laissez vide si la pièce n’a pas de marque.
sell-field-category = Catégorie
sell-field-size-system = Système de taille
sell-field-size-label = Taille
sell-hint-size-label = Comme sur l’étiquette : 38, M, 40… Laissez vide pour une taille unique.
sell-field-grade = État
sell-field-colour = Couleur principale
sell-field-materials = Matières
sell-hint-optional = Facultatif.
sell-field-description = Description
sell-hint-description = Décrivez la pièce honnêtement, défauts compris.
sell-field-price = Prix en euros
sell-hint-price = Par exemple 85 ou 85,50.
sell-field-weight = Poids en grammes
sell-hint-weight = Emballage compris ; il fixe les frais de port.
sell-field-open-to-offers = Accepter les offres de prix pour cette pièce
sell-hint-open-to-offers = Les acheteurs peuvent alors proposer un prix plus bas, que vous acceptez, refusez ou contrez.
sell-hint-measurements = En centimètres, mesuré à plat, par exemple 48 ou 48,5. Laissez vide ce que vous n’avez pas mesuré.
sell-field-measurements = Mesures
sell-field-line = Ligne
sell-field-file = Fichier
sell-field-problem = { $field } : { $message }

## Page d’une pièce
sell-public-page = Voir la page publique
sell-actions = Et ensuite
sell-action-list = Mettre en vente
sell-action-withdraw = Retirer de la vente
sell-action-delete = Supprimer ce brouillon
sell-hint-photo-before-listing = Ajoutez au moins une photo pour pouvoir mettre la pièce en vente.
sell-details = Description
sell-not-editable = Cette pièce est vendue : sa description ne peut plus changer.
sell-photos = Photos
sell-photos-none = Pas encore de photo.
sell-photo-alt = Photo { $n }
sell-photo-cover = Couverture
sell-photo-make-cover = En faire la couverture
sell-photo-remove = Supprimer
sell-photo-add = Ajouter des photos
sell-hint-photo = JPEG, PNG ou WebP, 10 Mo au plus chacune, 200 × 200 pixels au moins. Vous pouvez en choisir plusieurs à la fois. La première photo sert de couverture.
sell-photo-upload = Envoyer les photos

## Import CSV
sell-import-title = Importer des pièces depuis un fichier CSV
sell-import-intro = Ajoutez de nombreuses pièces d’un coup : une ligne par pièce, après une ligne d’en-tête qui nomme les colonnes. Séparez les colonnes par des virgules ou des points-virgules et enregistrez le fichier en UTF-8. Chaque ligne est vérifiée d’abord : si une seule est refusée, rien n’est importé. Les pièces importées sont des brouillons ; ajoutez leurs photos avant de les mettre en vente.
sell-import-template = Télécharger le modèle
sell-import-file = Fichier CSV
sell-hint-import-file = 2 Mo et 1000 lignes au plus.
sell-import-button = Importer
sell-import-columns = Colonnes
sell-import-columns-caption = Les colonnes du fichier et leur contenu
sell-import-col-column = Colonne
sell-import-col-meaning = Ce qu’elle contient
sell-import-codes = Codes acceptés :
sell-import-nothing-imported = Rien n’a été importé
sell-import-fix-lines = Corrigez ces lignes et renvoyez le fichier.
sell-import-report = Lignes refusées
sell-import-col-line = Ligne
sell-import-col-field = Champ
sell-import-col-problem = Problème
sell-import-col-value = Valeur lue
sell-import-about-title = Titre de la pièce, 120 caractères au plus.
sell-import-about-brand = Marque, 60 caractères au plus ; vide si la pièce n’en a pas.
sell-import-about-category = La catégorie : son code, ou son nom en français ou en anglais (Vestes, Jackets).
sell-import-about-size-system = Le système de taille : son code, ou son nom (Taille unique, One size).
sell-import-about-size-label = Taille comme sur l’étiquette (38, M…) ; vide pour une taille unique.
sell-import-about-grade = L’état : son code, ou son nom (Très bon état, Very good).
sell-import-about-colour = La couleur principale : son code, ou son nom (Bleu marine, Navy).
sell-import-about-materials = Matières, facultatif.
sell-import-about-description = Description honnête, défauts compris.
sell-import-about-price = Prix en euros : 85, 85,50 ou 85.50.
sell-import-about-weight-g = Poids en grammes, nombre entier.
sell-import-about-measurements = Facultatif, en centimètres : chest=48;length=105.5

## Commandes à envoyer (O13)
sell-orders-title = Commandes à envoyer
sell-orders-intro = Les commandes payées qui contiennent vos pièces, les plus récentes d’abord, avec l’adresse où les envoyer.
sell-no-orders = Aucune de vos pièces n’a encore été vendue.
sell-order-number = Commande { $number }
sell-order-paid-on = Payée le { $date }
sell-order-lines = Vos pièces de la commande { $number }
sell-needed-before = L’acheteur souhaite être livré avant le { $date } : envoyez dès que possible.
sell-ship-to-buyer = À envoyer à l’acheteur
sell-ship-to-buyer-about = Livraison directe : toutes vos pièces de cette commande partent dans un seul colis, à cette adresse.
sell-ship-to-workshop = À envoyer à l’atelier Pépite
sell-ship-to-workshop-about = Livraison groupée : l’atelier vérifie chaque pièce, puis emballe toute la commande pour l’acheteur.
sell-col-commission = Commission
sell-col-earning = Vous recevez
sell-total-earning = Total de vos gains
sell-parcel-weight = Poids de votre colis : { $weight }.
sell-order-questions = Une question sur cette commande ? Écrivez à notre service client, qui fera le lien avec l’acheteur.

sell-shipment-title = Expédition
sell-shipment-about = Une fois le colis remis au transporteur, indiquez-le ici : l’acheteur reçoit le numéro de suivi et le lien vers la page du transporteur.
sell-shipment-carrier = Transporteur
sell-shipment-choose = Choisissez un transporteur
sell-shipment-tracking = Numéro de suivi
sell-shipment-submit = Colis expédié
sell-order-cancelled = Cette commande a été annulée avant l’envoi : n’envoyez rien, vos pièces sont de nouveau en vente.

# P1 : virements aux vendeurs
sell-payouts-title = Virements
sell-payouts-intro = Ce que vous gagnez sur une pièce (son prix moins notre commission) devient payable quand le délai de retour de l’acheteur se termine sans retour. Les sommes payables sont virées sur votre compte bancaire (virement SEPA) au virement suivant.
sell-payouts-pending = En attente (délai de retour en cours)
sell-payouts-payable = Payable au prochain virement
sell-payouts-in-payout = Virement en cours
sell-payouts-paid = Versé
sell-payouts-need-account = Des gains sont prêts à vous être versés : indiquez votre compte bancaire ci-dessous pour que nous puissions les virer.
sell-payouts-statement = Relevé
sell-payouts-statement-caption = Vos pièces vendues, commandes les plus récentes d’abord (les pièces remboursées ne rapportent rien et ne sont pas listées)
sell-payouts-none = Rien de vendu pour l’instant.
sell-payouts-col-order = Commande
sell-payouts-col-piece = Pièce
sell-payouts-col-earning = Votre gain
sell-payouts-col-status = État
sell-payouts-payable-from = payable le { $date }
sell-payouts-return-held = retour en cours
sell-payouts-not-delivered = pas encore livrée
sell-payouts-paid-on = virée le { $date }
payout-status-pending = En attente
payout-status-payable = Payable
payout-status-in-payout = Virement en cours
payout-status-paid = Versé
sell-payout-account-title = Votre compte bancaire pour les virements
sell-payout-account-current = Les virements vont sur { $iban } ({ $holder }). Pour en changer, saisissez le nouveau compte ci-dessous.
sell-payout-account-none = Pas encore de compte bancaire.
sell-payout-iban = IBAN
sell-payout-holder = Nom du titulaire du compte
sell-payout-bic = BIC (facultatif)
sell-payout-account-submit = Enregistrer le compte bancaire
sell-payout-account-saved = Votre compte bancaire est enregistré.
sell-hint-photos = { sell-hint-photo }
sell-photos-choose = Photos de la pièce
sell-photos-again = Votre navigateur ne garde pas les fichiers choisis : choisissez à nouveau vos photos.
sell-photo-file-refused = « { $file } » : { $reason }
sell-photos-order-hint = Faites glisser une photo pour la déplacer, ou utilisez les flèches. La première est la couverture.
sell-photo-earlier-named = Avancer la photo { $n }
sell-photo-later-named = Reculer la photo { $n }
sell-photo-remove-named = Supprimer la photo { $n }
sell-done-moved = Ordre des photos enregistré.
sell-conflict-photos-changed = Les photos de cette pièce ont changé depuis l’ouverture de la page (autre onglet ou appareil). Rien n’a été déplacé : voici l’ordre actuel.
sell-danger = Retirer ou supprimer
sell-hint-withdraw = La pièce disparaît du catalogue ; vous pourrez la remettre en vente plus tard.
sell-hint-delete = Le brouillon et ses photos sont effacés définitivement.
sell-terms-title = Ce que vous touchez
sell-terms-commission = Pépite garde une commission de { $rate } % du prix de vente.
sell-terms-example = Vendue { $price }, cette pièce vous rapporte { $earning }.
sell-terms-payout = Votre gain devient payable quand l’acheteur a eu { $days } jours après la livraison pour la retourner et ne l’a pas fait ; il vous est alors viré sur votre compte bancaire au virement suivant.
sell-terms-free = Mettre en vente est gratuit ; l’acheteur paie la livraison.

sell-questions-link = Questions du service client
sell-questions-title = Questions du service client
sell-questions-intro = Le service client vous pose ici les questions des acheteurs sur vos pièces. Votre réponse va au service client, qui la relit avant de la transmettre : les coordonnées et les noms sont masqués dans les deux sens. Vous ne pouvez répondre qu’une fois à chaque question.
sell-questions-open = À répondre
sell-questions-answered = Déjà répondues
sell-questions-none-open = Aucune question en attente de votre réponse.
sell-questions-none-answered = Aucune question répondue pour l’instant.
sell-questions-asked-on = Posée le { $date }
sell-questions-answered-on = répondue le { $date }
sell-questions-answer-label = Votre réponse
sell-questions-answer-submit = Envoyer la réponse
sell-questions-your-answer = Votre réponse :
sell-questions-done-answered = Réponse envoyée au service client, qui la transmettra à l’acheteur.
sell-conflict-question-answered = Cette question a déjà reçu une réponse : elle ne peut pas en recevoir une seconde.
seller-question-state-asked = À répondre
seller-question-state-answered = Réponse reçue par le service client
seller-question-state-passed = Réponse transmise à l’acheteur
