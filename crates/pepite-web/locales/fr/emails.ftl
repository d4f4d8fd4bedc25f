# E-mails (E1). Each message: a subject, a greeting, paragraphs, sometimes a list of pieces and
# a button; the plain-text version says the same.
email-greeting = Bonjour { $name },
email-greeting-anonymous = Bonjour,
email-signature = À bientôt sur Pépite
email-footer = Ce message vous est envoyé par Pépite au sujet de votre compte ou de vos achats. Vous retrouvez tous nos messages dans votre compte, rubrique « Mes notifications ».
email-lines-heading = Pièces

email-welcome-subject = Bienvenue sur Pépite
email-welcome-body = Votre compte est ouvert. Il reste une étape : confirmer que cette adresse e-mail est bien la vôtre.
email-welcome-action = Confirmer mon adresse
email-welcome-later = Le lien reste valable 7 jours. Vous pouvez déjà chiner, acheter et vendre en attendant.

email-reset-subject = Choisir un nouveau mot de passe
email-reset-body = Une demande de nouveau mot de passe a été faite pour votre compte. Le lien ci-dessous sert une seule fois et pendant une heure.
email-reset-action = Choisir un nouveau mot de passe
email-reset-ignore = Vous n'avez rien demandé ? Ignorez ce message : votre mot de passe actuel reste valable.

email-order-confirmed-subject = Commande { $number } confirmée
email-order-confirmed-body = Merci ! Nous avons bien reçu votre paiement de { $total }.
email-order-confirmed-direct = Chaque vendeur prépare sa pièce et vous l'envoie directement. Vous serez prévenu à chaque expédition.
email-order-confirmed-grouped = Vos pièces passent d'abord par notre atelier, qui les contrôle puis vous les envoie ensemble, en un seul colis.
email-order-action = Suivre ma commande

email-new-order-subject = Pièce vendue : commande { $number } à expédier
email-new-order-buyer = Bonne nouvelle, vous avez vendu ! Emballez soigneusement ces pièces et expédiez-les à l'acheteur : son adresse figure dans votre espace vendeur.
email-new-order-workshop = Bonne nouvelle, vous avez vendu ! Emballez soigneusement ces pièces et expédiez-les à l'atelier Pépite, qui les contrôlera avant de les envoyer à l'acheteur.
email-new-order-action = Voir la commande

email-gift-card-subject = { $from } vous offre une carte cadeau Pépite
email-gift-card-body = Vous avez reçu une carte cadeau de { $amount }, à utiliser sur Pépite jusqu'au { $date }.
email-gift-card-code = Votre code : { $code }
email-gift-card-message = Son message : « { $message } »
email-gift-card-pdf = La carte à imprimer est jointe à ce message. Saisissez le code au moment de payer ; ce qui n'est pas dépensé reste sur la carte.
email-gift-card-action = Découvrir les pièces

email-piece-action = Voir la pièce
email-browse-action = Chiner d'autres pièces
email-offer-buy-action = Acheter à ce prix
email-offer-received-subject = Nouvelle offre pour « { $title } »
email-offer-received-body = Un acheteur propose { $amount } pour « { $title } », affichée à { $list }.
email-offer-received-deadline = Vous avez jusqu'au { $date } pour accepter, refuser ou faire une contre-proposition. Sans réponse de votre part, l'offre sera annulée.
email-offer-received-action = Répondre à l'offre
email-offer-accepted-subject = Offre acceptée : « { $title } » à { $amount }
email-offer-accepted-body = Le vendeur accepte votre offre. La pièce est à { $amount } jusqu'au { $date }, pour tout le monde : la première personne qui paie l'emporte.
email-offer-countered-subject = Contre-proposition pour « { $title } » : { $amount }
email-offer-countered-body = Le vendeur ne descend pas jusqu'à { $offer }, mais vous propose { $amount }. Ce prix tient jusqu'au { $date }, pour tout le monde : la première personne qui paie l'emporte.
email-offer-refused-subject = Offre déclinée pour « { $title } »
email-offer-refused-body = Le vendeur a décliné votre offre de { $amount }. La pièce reste en vente à son prix affiché.
email-counter-declined-subject = Contre-offre non retenue pour « { $title } »
email-counter-declined-body = L’acheteur qui proposait { $offer } ne donne pas suite à votre contre-offre de { $amount }. Le prix négocié est levé : « { $title } » se vend de nouveau à son prix affiché, pour tout le monde.
email-counter-declined-action = Voir mes offres reçues
email-offer-expired-subject = Votre offre pour « { $title } » a expiré
email-offer-expired-body = Le vendeur n'a pas répondu à temps à votre offre de { $amount } : elle est annulée. La pièce reste en vente à son prix affiché.
email-offer-ended-subject = « { $title } » a trouvé preneur
email-offer-ended-body = Cette pièce vient d'être vendue : votre offre prend donc fin. D'autres trésors vous attendent.
email-agreed-ending-subject = Dernières heures pour « { $title } » à { $amount }
email-agreed-ending-body = Le prix négocié de { $amount } pour « { $title } » prend fin le { $date }. Passé ce délai, la pièce revient à son prix affiché.
email-alert-fired-subject = « { $title } » est de nouveau en vente
email-alert-fired-body = La pièce que vous surveilliez est de retour, au prix de { $amount }. Votre alerte s'arrête avec ce message.

email-shipped-subject = Commande { $number } : un colis est en route
email-shipped-body = Votre colis a été confié à { $carrier }.
email-shipped-tracking = Numéro de suivi : { $tracking }
email-shipped-action = Suivre le colis
email-shipped-order = Votre commande : { $url }
email-delivered-subject = Commande { $number } : colis livré
email-delivered-body = Votre colis a été livré le { $date }. Nous espérons que vos pièces vous plaisent !

email-cancelled-subject = Commande { $number } annulée
email-cancelled-body = Votre commande est annulée, comme demandé. Tout ce que vous avez payé vous est rendu, frais de port compris.
email-cancelled-body-platform = Pépite a annulé votre commande avant son expédition. Tout ce que vous avez payé vous est rendu, frais de port compris. Pour toute question, répondez à ce message ou écrivez au service client.
email-cancelled-card = { $amount } sont remboursés sur votre moyen de paiement ; selon votre banque, comptez quelques jours.
email-cancelled-gift-cards = { $amount } sont recrédités sur vos cartes cadeaux.
email-sale-cancelled-subject = Commande { $number } annulée : n’expédiez pas
email-sale-cancelled-body = L’acheteur a annulé cette commande avant son expédition. N’envoyez pas ces pièces : elles sont de nouveau en vente dans votre boutique.
email-sale-cancelled-body-platform = Pépite a annulé cette commande avant son expédition. N’envoyez pas ces pièces : elles sont de nouveau en vente dans votre boutique.

email-refund-subject = Commande { $number } : remboursement effectué
email-refund-body = Nous avons remboursé les pièces ci-dessous. Votre avoir porte le numéro { $credit_note } ; vous le trouverez avec votre commande.
email-refund-deducted = { $amount } ont été retenus pour les frais de retour, comme indiqué lors de votre demande.
email-refund-action = Télécharger l’avoir
# P1 : virements aux vendeurs
email-payout-subject = Virement de { $amount } envoyé à votre banque
email-payout-body = Le { $date }, nous avons viré { $amount } pour { $pieces } pièces vendues sur votre compte { $account }.
email-payout-delay = Un virement SEPA arrive en général sur le compte en un ou deux jours ouvrés.
email-payout-action = Voir mon relevé

# Trade-in (T4–T7)
email-tradein-accepted-subject = Reprise { $programme } : votre colis est prêt à partir
email-tradein-accepted-body = Vous avez accepté notre offre de { $total } pour { $pieces } pièce(s). Le montant définitif de chaque pièce est confirmé à sa réception, après vérification.
email-tradein-accepted-steps = Imprimez le bon de cession, signez-le et glissez-le dans le colis avec vos pièces. Collez l’étiquette prépayée sur le carton et déposez-le dans un bureau de poste, un point relais ou une agence du transporteur. Les deux documents sont sur la page de votre colis.
email-tradein-accepted-action = Télécharger les documents
email-tradein-accepted-proof = Gardez la preuve de dépôt que l’on vous remet : c’est votre garantie en cas de perte.
email-tradein-received-subject = Reprise { $programme } : votre colis est arrivé
email-tradein-received-body = Votre colis est bien arrivé dans notre atelier. Nos experts vérifient chaque pièce ; vous aurez notre réponse au plus tard le { $date }.
email-tradein-box-action = Suivre mon colis
email-tradein-piece-accepted-subject = « { $name } » acceptée : { $amount } de crédit
email-tradein-piece-accepted-body = Nos experts ont accepté « { $name } » en { $grade }. { $amount } viennent d’être ajoutés à votre crédit d’achat.
email-tradein-piece-lower-grade = Vous l’aviez décrite en { $declared } ; nous l’avons classée en { $grade } après examen, et le montant suit la grille pour cet état.
email-tradein-credit-balance = Votre crédit { $programme } est maintenant de { $balance }. Vous pouvez en faire un ou plusieurs bons d’achat quand vous le souhaitez.
email-tradein-credit-action = Voir mon crédit et mes bons
email-tradein-box-link = Le détail de votre colis : { $link }
email-tradein-piece-refused-subject = « { $name } » n’a pas pu être reprise
email-tradein-piece-refused-body = Après examen, nos experts n’ont pas pu accepter « { $name } » : { $reason }.
email-tradein-piece-refused-return = Nous vous la renvoyons gratuitement ; le numéro de suivi figure sur la page de votre colis.
email-voucher-issued-subject = Votre bon d’achat { $programme } de { $amount }
email-voucher-issued-body = Voici votre bon d’achat de { $amount }, valable jusqu’au { $date }.
email-voucher-channels = Il s’utilise en une ou plusieurs fois, sur tout l’assortiment : sur la boutique en ligne de la marque, sur sa boutique de seconde main et dans ses magasins, où il suffit de présenter le code.
email-voucher-ending-subject = Votre bon d’achat { $programme } expire dans moins d’un mois
email-voucher-ending-body = Il reste { $balance } sur votre bon d’achat, utilisable jusqu’au { $date }. Passé cette date, il ne pourra plus servir.

email-seller-question-subject = Une question du service client sur « { $title } »
email-seller-question-body = Le service client a une question d’un acheteur sur votre pièce « { $title } » :
email-seller-question-why = Répondez depuis votre espace vendeur : le service client transmet votre réponse à l’acheteur. Pour votre sécurité comme pour la sienne, les coordonnées (adresse e-mail, téléphone, liens, noms) sont masquées dans les deux sens.
email-seller-question-action = Répondre à la question
