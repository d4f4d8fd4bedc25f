# Retours (R1–R6) : états, documents, e-mails, pages.

order-state-return-asked = Retour demandé
order-state-returned = Retour reçu
order-state-refunded = Remboursée
bo-order-state-return-asked = Retour demandé
bo-order-state-returned = Retour reçu
bo-order-state-refunded = Remboursée

bo-event-return-asked = Retour demandé par l’acheteur
bo-event-return-claimed = Réclamation (défaut) envoyée par l’acheteur
bo-event-return-claim-upheld = Réclamation acceptée par le service client
bo-event-return-claim-rejected = Réclamation refusée : retour pour changement d’avis
bo-event-return-withdrawn = Retour abandonné par l’acheteur
bo-event-return-passed = Pièce retournée reçue, contrôle réussi
bo-event-return-failed = Pièce retournée reçue, contrôle échoué

return-reason-change-of-mind = Changement d’avis
return-reason-defective = Défectueuse ou non conforme à la description
return-state-claimed = Réclamation en cours d’examen
return-state-accepted = Retour accepté : en attente des pièces
return-state-withdrawn = Retour abandonné
return-state-closed = Retour terminé
return-outcome-passed = Reçue, contrôlée : remboursée
return-outcome-failed = Reçue, refusée au contrôle

return-slip-title = Bon de retour
return-slip-number = Retour n° { $id }
return-slip-order = Commande
return-slip-date = Demandé le
return-slip-reason = Motif
return-slip-charge = Frais de retour déduits
return-slip-parcel = Colis { $n }
return-slip-col-parcel = Colis
return-slip-from = Expéditeur
return-slip-to = Destinataire
return-slip-note-inside = Glissez ce bon dans le colis, avec chaque pièce dans l’état où vous l’avez reçue, puis collez l’étiquette du colis bien à plat.
return-slip-note-refund = Le remboursement part vers vos moyens de paiement d’origine dès que la pièce est reçue et contrôlée.
return-slip-file = bon-de-retour
return-no-exchanges = Pas d’échange possible : chaque pièce est unique, un retour donne lieu à un remboursement.
return-to-seller-note = Adresse imprimée par le transporteur sur l’étiquette
return-to-workshop = Atelier { $name }

return-label-title = Étiquette de retour
return-label-kind = RETOUR
return-label-weight = Poids déclaré : { $grams } g
return-label-refs = Commande { $number } · retour n° { $id }
return-label-prepaid = Port payé par Pépite
return-label-charged = Port déduit du remboursement
return-label-file = etiquette-retour

email-return-accepted-subject = Commande { $number } : votre retour est accepté
email-return-claim-upheld = Nous avons examiné vos photos : la pièce n’est pas conforme. Le retour est gratuit et tout ce que vous avez payé pour elle vous sera remboursé, frais de port compris.
email-return-claim-rejected = Après examen de vos photos, nous ne retenons pas de défaut. Le retour reste possible pour changement d’avis, aux conditions ci-dessous ; vous pouvez aussi y renoncer depuis votre commande.
email-return-accepted-labels = { $count ->
    [one] Votre étiquette de retour et le bon à glisser dans le colis sont prêts sur la page de votre commande.
   *[other] Vos { $count } étiquettes de retour et le bon à glisser dans les colis sont prêts sur la page de votre commande.
}
email-return-accepted-charge = Les frais de retour, { $amount }, seront déduits de votre remboursement.
email-return-accepted-free = Le retour ne vous coûte rien.
email-return-accepted-refund = Nous vous remboursons dès réception et contrôle de chaque pièce.
email-return-action = Imprimer mes étiquettes
email-return-coming-subject = Commande { $number } : des pièces vous reviennent
email-return-coming-body = L’acheteur vous renvoie ces pièces avec une étiquette prépayée. À leur arrivée, vérifiez qu’elles sont dans l’état où vous les avez envoyées et enregistrez la réception dans votre espace vendeur.
email-return-coming-action = Suivre le retour
email-return-refused-subject = Commande { $number } : retour refusé
email-return-refused-body = La pièce ci-dessous nous est parvenue dans un état différent de celui de l’envoi. Son retour n’est donc pas accepté et elle ne sera pas remboursée.
email-return-refused-note = Constat : { $note }

return-page-heading = Retours
return-page-which = Quelles pièces renvoyer ?
return-page-why = Pourquoi
return-page-until = jusqu’au { $date }
return-page-rules = En France métropolitaine, chaque pièce repart gratuitement chez son vendeur avec une étiquette prépayée. Ailleurs, le port du retour est à votre charge : il vous est indiqué avant de confirmer et déduit du remboursement.
return-page-next = Voir les conditions du retour
return-page-none = Aucune pièce ne peut être renvoyée pour le moment : le délai de retour court à partir de la livraison.
return-page-slip = Bon de retour (PDF)
return-page-label = Étiquette du colis { $n } → { $to } (PDF)
return-page-withdraw = Je garde les pièces
return-page-charge = Frais de retour déduits du remboursement : { $amount }
return-page-to-workshop = l’atelier Pépite
return-page-to-shop = { $shop }
return-page-title = Retour sur la commande { $number }
return-page-chosen = Pièces renvoyées
return-page-route = Le trajet du retour
return-page-parcel = { $count ->
    [one] Colis { $n } (1 pièce)
   *[other] Colis { $n } ({ $count } pièces)
}
return-page-cost = Frais de retour à votre charge : { $amount }, déduits de votre remboursement.
return-page-cost-waived = Si votre réclamation est retenue, le retour devient gratuit et tout ce que vous avez payé pour la pièce vous est remboursé, frais de port compris.
return-page-free = Retour gratuit : étiquettes prépayées fournies.
return-page-note = Décrivez le défaut ou ce qui diffère de l’annonce
return-page-photos = Photos du défaut (JPEG, PNG ou WebP)
return-page-claim-hint = Notre service client examine vos photos, puis vous envoie les étiquettes.
return-page-confirm = Confirmer le retour
return-page-back = Revenir à la commande

desk-returns-title = Retours
desk-returns-claims = Réclamations à examiner
desk-returns-coming = Retours attendus
desk-returns-empty = Aucun retour ici.
desk-returns-col-return = Retour
desk-returns-col-state = État
desk-returns-decision = Décision
desk-returns-decision-upheld = Réclamation acceptée
desk-returns-decision-rejected = Réclamation refusée
desk-returns-photo = Photo envoyée par l’acheteur
desk-returns-decide-hint = Acceptée : retour gratuit partout et remboursement complet de la pièce, port compris. Refusée : le retour reste possible pour changement d’avis.
desk-returns-uphold = Accepter la réclamation
desk-returns-reject = Refuser la réclamation
desk-returns-pieces = Pièces renvoyées
desk-returns-passed = Reçue dans l’état de l’envoi
desk-returns-failed = Reçue dans un autre état
desk-returns-note = Constat (obligatoire si l’état diffère)
desk-returns-receive = Enregistrer la réception

credit-note-heading = Avoirs
credit-note-title = Avoir
credit-note-number = Avoir n° { $number }
credit-note-date = Date
credit-note-invoice = Facture d’origine
credit-note-reason = Motif
credit-note-reason-return = Retour de la pièce
credit-note-reason-return-defect = Retour d’une pièce non conforme
credit-note-reason-other = Remboursement
credit-note-reason-goodwill = Geste commercial du service client
credit-note-reason-defect = Pièce non conforme (réclamation acceptée)
credit-note-total = Total remboursé
credit-note-to-card = Rendu sur la carte
credit-note-to-paypal = Rendu sur le compte PayPal
credit-note-to-gift-card = Rendu sur les cartes cadeaux
credit-note-to-gift-cards = Recrédité sur les cartes cadeaux
credit-note-refers = Cet avoir se rapporte à la facture { $number } et en réduit le montant d’autant.
credit-note-file = avoir
