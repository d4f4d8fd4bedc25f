# Textes français des pages de l'acheteur : panier, commande, commandes, factures, cartes
# cadeaux, carnet d'adresses. Chaque clé existe aussi dans en/buy.ftl (un test le vérifie).

nav-cart-count = , { $count ->
    [one] une pièce
   *[other] { $count } pièces
}
nav-cart = Panier
nav-orders = Mes commandes
nav-gift-cards = Cartes cadeaux

## Erreurs des champs des formulaires de l'acheteur

error-discount-unknown = Nous ne connaissons pas ce code. Vérifiez son orthographe.
error-discount-not-yet-valid = Ce code n’est pas encore utilisable.
error-discount-expired = Ce code a expiré.
error-discount-below-minimum = Votre commande n’atteint pas encore le minimum demandé par ce code.
error-discount-used-up = Ce code a été utilisé autant de fois qu’il le permet.
error-discount-already-used = Vous avez déjà utilisé ce code.
error-discount-not-applicable = Ce code ne s’applique pas aux pièces de votre panier.
error-gift-card-unknown = Nous ne connaissons pas ce code de carte cadeau. Vérifiez chaque caractère.
error-gift-card-expired = Cette carte cadeau a expiré : elle ne peut plus payer.
error-gift-card-empty = Il ne reste rien sur cette carte cadeau.
error-gift-card-insufficient = Le solde d’une carte cadeau a changé entre-temps. Mettez le récapitulatif à jour.
error-in-the-past = Choisissez aujourd’hui ou une date à venir.
error-payment-rejected = Le service de paiement a refusé ces informations. Vérifiez-les et réessayez.
error-unknown-destination = Nous ne livrons pas encore ce pays.

## Page d'une pièce

cart-add = Ajouter au panier
cart-add-note = L’ajouter ne la réserve pas : elle revient à la première personne qui paie.

## Panier

cart-title = Mon panier
cart-empty = Votre panier est vide.
cart-browse = Découvrir les pièces
cart-no-reservation = Un panier ne réserve rien : chaque pièce est unique et revient à la première personne qui la paie.
cart-gone = Plus disponible : quelqu’un d’autre l’a achetée.
cart-price-changed = Prix modifié : { $from } → { $to }.
cart-remove = Retirer
cart-remove-label = Retirer « { $title } » du panier
cart-added-here = Ajoutée à votre panier. Rien n’est réservé avant le paiement.
cart-see = Voir mon panier
cart-keep-browsing = Continuer mes recherches
cart-removed = La pièce a été retirée de votre panier.
cart-code = Code de réduction
cart-code-label = Code
cart-code-hint = Un code par commande. Videz le champ pour retirer le code.
cart-code-apply = Appliquer
cart-code-saved = Votre code de réduction est enregistré.
cart-code-refused = Le code { $code } ne s’applique pas pour l’instant.
cart-totals = Récapitulatif
cart-subtotal = Sous-total
cart-shipping-later = La livraison est calculée à l’étape suivante, d’après votre adresse et le mode d’envoi choisi.
cart-checkout = Passer commande

## Lignes d'un total (panier, commande, facture)

total-goods = Pièces
total-code = Code de réduction { $code }
total-discount = Code de réduction
cart-bulk-rate = { $rate } % de remise pour plusieurs pièces achetées ensemble
cart-bulk-next = { $count ->
    [one] Encore une pièce
   *[other] Encore { $count } pièces
} dans cette commande et la remise multi-pièces passe à { $rate } % sur les pièces.
total-bulk = Remise multi-pièces
total-shipping = Livraison
total-qc-fee = Contrôle qualité
total-total = Total
total-gift-card = Carte cadeau { $code }
total-to-pay = Reste à payer par carte ou PayPal
total-paid-card = Payé par carte
total-paid-paypal = Payé avec PayPal
total-unpaid-card = Part carte (non payée)
total-unpaid-paypal = Part PayPal (non payée)

mode-direct = Directe
mode-direct-help = Chaque vendeur vous envoie ses pièces directement : un colis par vendeur.
mode-grouped = Groupée et contrôlée
mode-grouped-help = Chaque pièce passe d’abord par notre atelier, y est contrôlée une à une, puis part dans un seul colis. Un peu plus lent, avec des frais de contrôle qualité.

method-card = Carte (Visa, Mastercard, American Express)
method-paypal = PayPal
method-gift-card = Cartes cadeaux

customs-duties = Ce colis quitte l’Union européenne : des droits et taxes d’importation peuvent vous être demandés à l’arrivée ; ils sont à votre charge.
customs-uk-vat = Marchandises d’une valeur de { $goods }, au-dessus du seuil de { $threshold } : une TVA d’importation britannique d’environ { $vat } (sur { $base }, livraison comprise) sera demandée à la livraison.
customs-uk-no-vat = Marchandises d’une valeur de { $goods }, pas au-dessus de { $threshold } : pas de TVA d’importation britannique à la frontière.
customs-uk-vat-invoice = Royaume-Uni : les marchandises valent { $goods }, au-dessus du seuil de la TVA d’importation ; celle-ci est due à l’arrivée, calculée sur les marchandises, la livraison et la manutention.

## Commande

checkout-title = Commande
checkout-pieces = Vos pièces
checkout-code = Code de réduction { $code } appliqué.
checkout-code-change = Le changer dans le panier
checkout-gone-intro = Ces pièces ne sont plus disponibles : quelqu’un d’autre les a achetées avant vous. Elles ne font pas partie de cette commande et rien ne vous est facturé pour elles.
checkout-back-to-cart = Retour au panier
checkout-delivery = Adresse de livraison
checkout-saved-addresses = Livrer à
checkout-new-address = Une nouvelle adresse, ci-dessous
checkout-save-address = Enregistrer cette adresse pour la prochaine fois
checkout-delivery-frozen = L’adresse de livraison ne peut plus être modifiée une fois la commande passée.
checkout-billing = Adresse de facturation
checkout-billing-same = Identique à l’adresse de livraison
checkout-billing-other = Une autre adresse de facturation
checkout-update = Mettre à jour le récapitulatif
checkout-update-hint = Après avoir changé l’adresse, le pays ou les cartes cadeaux, mettez à jour pour voir les nouveaux montants.
checkout-shipping = Comment souhaitez-vous recevoir vos pièces ?
checkout-parcel-from = Colis envoyé par { $shop }
checkout-parcel-workshop = Un seul colis depuis notre atelier
checkout-parcel-one = 1 pièce
checkout-parcel-pieces = { $count } pièces
checkout-estimate-days = Livraison en { $min } à { $max } jours ouvrés,
checkout-estimate-dates = entre le { $from } et le { $to }.
checkout-gift-cards = Cartes cadeaux
checkout-gift-cards-label = Codes de cartes cadeaux
checkout-gift-cards-hint = Un code par ligne, ou séparés par des virgules. Plusieurs cartes peuvent se combiner ; ce qui n’est pas utilisé reste dessus.
checkout-needed-before = Besoin avant une date ?
checkout-needed-before-label = À recevoir avant le
checkout-needed-before-hint = Notre équipe voit cette date et fait de son mieux pour la tenir.
checkout-payment = Paiement
checkout-method = Payer par
checkout-card-number = Numéro de carte
checkout-card-hint = À laisser vide si les cartes cadeaux paient tout. Avec PayPal, vous validez le paiement sur la page de PayPal.
checkout-pay = Payer
checkout-pay-hint = Le montant est prélevé au clic : le total est celui affiché plus haut pour le mode de livraison choisi.
sandbox-cards-intro = Mode test : aucun argent réel ne circule. Utilisez l’une de ces cartes :
sandbox-card-success = le paiement réussit
sandbox-card-declined = la carte est refusée
sandbox-card-authentication = votre banque vous demande de confirmer
checkout-gone-not-charged = Quelqu’un d’autre a acheté l’une de ces pièces juste avant vous. Rien ne vous a été prélevé.
checkout-held-not-charged = L’une de ces pièces est en train d’être payée par un autre acheteur et reste réservée pendant ce paiement. Elle peut redevenir disponible s’il n’aboutit pas. Rien ne vous a été prélevé.
checkout-unavailable = Le service de paiement n’a pas répondu. Rien ne vous a été prélevé ; réessayez dans un instant.
checkout-conflict-total-changed = Le total a changé entre-temps. Rien n’a été prélevé : vérifiez les nouveaux montants et payez à nouveau.
checkout-conflict-own-piece = L’une de ces pièces vient de votre propre boutique : retirez-la du panier pour continuer.
checkout-conflict-too-heavy = Ce colis est trop lourd pour nos transporteurs. Passez votre commande en deux fois.
checkout-conflict-idempotency-key-reused = Ce formulaire a déjà été envoyé. Vérifiez vos commandes avant de payer à nouveau.
checkout-conflict-request-in-progress = Votre paiement est encore en cours. Consultez vos commandes dans un instant.
checkout-conflict-pieces-gone = Quelqu’un d’autre a acheté l’une de ces pièces juste avant vous. Rien ne vous a été prélevé.
checkout-conflict-other = Impossible pour le moment. Rien n’a été prélevé ; réessayez.

declined-card-declined = Votre carte a été refusée. Aucun montant n’a été prélevé : essayez une autre carte ou PayPal.
declined-insufficient-funds = Votre carte a été refusée pour provision insuffisante. Aucun montant n’a été prélevé.
declined-expired-card = Votre carte a expiré. Aucun montant n’a été prélevé : utilisez une autre carte.
declined-authentication-failed = Le paiement n’a pas été confirmé auprès de votre banque. Aucun montant n’a été prélevé.
declined-pieces-gone-refunded = Quelqu’un d’autre a payé l’une de ces pièces juste avant vous : votre paiement vous a été intégralement remboursé.
declined-invalid-number = Ce numéro de carte n’est pas valable. Vérifiez-le et réessayez.
declined-card-not-supported = Cette carte n’est pas acceptée. Essayez une autre carte ou PayPal.
declined-paypal-declined = PayPal a refusé le paiement. Aucun montant n’a été prélevé.
declined-payment-canceled = Le paiement a été annulé. Aucun montant n’a été prélevé.
declined-payment-unavailable = Le service de paiement n’a pas répondu. Aucun montant n’a été prélevé.
declined-payment-timeout = Le paiement n’a pas abouti à temps. Aucun montant n’a été prélevé et les pièces sont de nouveau libres.
declined-pieces-gone = Quelqu’un d’autre a acheté l’une de ces pièces avant vous. Aucun montant n’a été prélevé.
declined-other = Le paiement n’a pas abouti. Aucun montant n’a été prélevé.

## Page d'authentification du bac à sable

sandbox-eyebrow = Paiement de test
sandbox-title = Confirmer le paiement
sandbox-intro = En vrai, votre banque ou PayPal vous demanderait de confirmer ici. En mode test, c’est vous qui décidez.
sandbox-reference = Référence { $reference }
sandbox-approve = Accepter
sandbox-refuse = Refuser

## Commandes

orders-title = Mes commandes
orders-empty = Vous n’avez encore rien commandé.
orders-number = Commande
orders-date = Date
orders-state = État
orders-total = Total
orders-attempt = Tentative n° { $id }
orders-older = Commandes plus anciennes
order-number = Commande N° { $number }
order-title = Commande
order-attempt = Tentative de paiement n° { $id }
order-attempt-title = Tentative de paiement
order-state-awaiting-payment = En attente de paiement
order-state-paid = Payée
order-state-failed = Paiement non abouti
order-state-declined = Paiement refusé
order-state-abandoned = Paiement abandonné
order-no-invoice = Aucune commande n’a donc été passée, et il n’y a pas de facture.
order-thanks = Merci, la commande N° { $number } est confirmée.
order-thanks-next = Une confirmation vous arrive par e-mail. Chaque vendeur sait quelles pièces envoyer.
order-invoice = Télécharger la facture (PDF)
order-failed-cart = Les pièces sont toujours dans votre panier.
order-awaiting = Nous attendons la confirmation du paiement. Cette page indique où il en est.
order-parcels = Colis · { $mode }
order-parcel-from = Colis { $n }, envoyé par { $shop }
order-parcel-workshop = Colis { $n }, depuis notre atelier après contrôle
order-via-workshop = Envoyée par le vendeur à notre atelier, contrôlée, puis emballée avec le reste de votre commande.
order-needed-before = À recevoir avant le { $date } : notre équipe le sait.
order-addresses = Adresses
order-delivered-to = Livrée à
order-billed-to = Facturée à
order-payment = Paiement
order-all = Toutes mes commandes

## Facture (PDF)

invoice-title = Facture
invoice-number = N° { $number }
invoice-date = Date de facture
invoice-order-date = Date de commande
invoice-payment = Paiement
invoice-mode = Livraison
invoice-needed-before = À recevoir avant le
invoice-billed-to = Facturé à
invoice-delivered-to = Livré à
invoice-col-article = Pièce
invoice-col-seller = Vendeur
invoice-col-amount = Montant
invoice-note-number = Le numéro de commande est le numéro de facture.
invoice-note-sellers = Pièces de seconde main vendues par des vendeurs indépendants sur Pépite.
invoice-vat-id = TVA intracommunautaire { $id }

## Cartes cadeaux

gift-cards-title = Cartes cadeaux
gift-cards-intro = Offrez un peu de Pépite : une carte de { $min } à { $max }, valable un an, avec votre message. Elle paie tout ou partie d’une commande.
gift-cards-buy = Offrir une carte cadeau
gift-cards-amount = Montant en euros
gift-cards-amount-hint = De { $min } à { $max }.
gift-cards-recipient-name = Pour (prénom ou nom)
gift-cards-recipient-email = Son adresse e-mail
gift-cards-recipient-email-hint = La carte lui est envoyée par e-mail avec son code et une version à imprimer.
gift-cards-sender-name = De la part de
gift-cards-message = Message
gift-cards-pay = Payer et envoyer
gift-cards-sign-in = Connectez-vous pour offrir une carte cadeau.
gift-cards-balance = Consulter un solde
gift-cards-balance-check = Consulter
gift-cards-mine = Les cartes que j’ai offertes
gift-cards-mine-line = { $amount } pour { $name }
gift-card-code = Code de la carte cadeau
gift-card-state-awaiting-payment = En attente de paiement
gift-card-state-active = Active
gift-card-state-failed = Non payée
gift-card-title = Carte cadeau
gift-card-bought = Merci ! La carte pour { $name } est prête.
gift-card-balance = Solde
gift-card-expires = Valable jusqu’au
gift-card-for = Pour
gift-card-from = De la part de
gift-card-bought-on = Achetée le
gift-card-print = Version à imprimer (PDF)
gift-card-failed = Le paiement n’a pas abouti : cette carte n’a pas été émise et rien n’a été prélevé.
gift-card-all = Toutes mes cartes cadeaux
gift-card-file = carte-cadeau
gift-card-doc-title = Carte cadeau Pépite
gift-card-doc-to = Pour : { $name }
gift-card-doc-from = De la part de : { $name }
gift-card-doc-expiry = Valable jusqu’au { $date }
gift-card-doc-how-1 = Choisissez vos pièces sur Pépite, puis saisissez ce code au moment de payer, dans le champ « Cartes cadeaux ». Il paie tout ou partie de la commande ; ce qui n’est pas utilisé reste sur la carte.
gift-card-doc-how-2 = Le solde se consulte à tout moment sur la page Cartes cadeaux.
balance-valid-until = Reste sur cette carte, valable jusqu’au { $date }.
balance-expired = Cette carte a expiré le { $date } : elle ne peut plus payer.

## Carnet d'adresses

account-addresses = Carnet d’adresses
account-addresses-intro = Vos adresses de livraison enregistrées, proposées au moment de commander.
addresses-title = Mes adresses
addresses-intro = Les adresses enregistrées sont proposées au moment de commander. Une commande garde sa propre copie : modifier le carnet ne change aucune commande.
addresses-saved = Adresses enregistrées
addresses-empty = Aucune adresse enregistrée pour l’instant.
addresses-delete = Supprimer
addresses-add = Ajouter une adresse
addresses-save = Enregistrer l’adresse
addresses-added = L’adresse est enregistrée.
addresses-deleted = L’adresse est supprimée.
address-full-name = Nom complet
address-line1 = Adresse
address-line2 = Complément d’adresse
address-postal-code = Code postal
address-city = Ville
address-phone = Téléphone
address-country = Pays

order-state-partly-shipped = En partie expédiée
order-state-shipped = Expédiée
order-state-delivered = Livrée
order-state-cancelled = Annulée
order-cancel = Annuler la commande
order-cancel-about = Tant qu’aucun colis n’est parti, vous pouvez annuler : tout vous est remboursé, frais de port compris.
order-cancelled-note = Commande annulée : tout ce que vous avez payé vous est rendu.
