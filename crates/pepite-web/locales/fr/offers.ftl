# Offres de prix (N1–N7), prix du moment (C6), alertes (L1) et remise en vente par l’équipe.

## Le prix du moment (C6)
price-agreed-until = prix négocié valable jusqu’au { $date }
price-list-was = Prix affiché auparavant :

## Sur la page d’une pièce
offer-heading = Proposer un prix
offer-rules = Le vendeur a { $hours } h pour accepter, refuser ou faire une contre-offre. Une seule offre par pièce.
offer-amount = Votre offre en euros
offer-amount-hint = Au moins { $min }, et moins que le prix actuel.
offer-submit = Envoyer mon offre
offer-sign-in = Connectez-vous pour proposer un prix
offer-yours = Votre offre
offer-yours-amount = Vous avez proposé { $amount }.
offer-yours-counter = Le vendeur vous propose { $amount }.
offer-wait = Le vendeur a jusqu’au { $date } pour vous répondre.
offer-agreed = Prix convenu : { $amount }, jusqu’au { $date }. Le premier qui paie emporte la pièce.
offer-proposed = Le vendeur vous propose { $amount }, jusqu’au { $date }. Tant que vous n’avez rien décidé, ce prix vaut pour tout le monde : le premier qui paie emporte la pièce.
offer-decline = Non merci, je décline
offer-declined = Vous avez décliné la contre-offre : la pièce est revenue à son prix affiché.
offer-done-declined = Contre-offre déclinée. Le vendeur en est informé.
offer-buy = Acheter à { $amount }
offer-error-minimum = Offre trop basse : proposez au moins { $min }.
offer-done-made = Votre offre est partie. Nous vous écrirons dès que le vendeur aura répondu.

offer-state-open = En attente de réponse
offer-state-accepted = Acceptée
offer-state-countered = Contre-offre du vendeur
offer-state-declined = Contre-offre déclinée
offer-state-refused = Refusée
offer-state-expired = Expirée sans réponse
offer-state-lapsed = Prix convenu échu
offer-state-bought = Achetée
offer-state-ended = Close : la pièce est vendue

offer-conflict-offer-piece-not-listed = Cette pièce n’est plus en vente : impossible d’y faire une offre.
offer-conflict-offer-not-open = Le vendeur ne prend pas d’offres sur cette pièce.
offer-conflict-offer-own-piece = C’est l’une de vos pièces : vous ne pouvez pas faire d’offre dessus.
offer-conflict-offer-already-made = Vous avez déjà fait une offre sur cette pièce : une seule est permise.
offer-conflict-offer-not-awaiting-answer = Cette offre n’attend plus de réponse : elle a déjà été traitée ou son délai est passé.
offer-conflict-offer-agreement-running = Un prix négocié court déjà sur cette pièce. Attendez qu’il prenne fin avant d’en accorder un autre.
offer-conflict-offer-not-agreed = Aucun prix convenu ne court plus pour cette offre.
offer-conflict-offer-no-counter-running = Il n’y a plus de contre-offre en cours à décliner : elle a déjà été déclinée, a pris fin ou la pièce est vendue.
offer-conflict-piece-not-for-sale = Cette pièce n’est plus en vente.
offer-conflict-alert-piece-not-sold = On ne pose une alerte que sur une pièce vendue encore visible.
offer-conflict-piece-not-sold = Cette pièce n’est pas vendue : il n’y a rien à remettre en vente.
offer-conflict-other = Cette action n’est plus possible. Rechargez la page pour voir où en est la pièce.

## Refus de champ (error-<code>)
error-offer-below-minimum = Cette offre est sous le minimum accepté pour cette pièce.
error-offer-not-below-price = Une offre doit être inférieure au prix actuel de la pièce.
error-counter-not-above-offer = La contre-offre doit dépasser l’offre de l’acheteur.

## Alertes (L1)
alert-heading = Elle pourrait revenir
alert-explain = Cette pièce est vendue. Si elle nous revient après un retour, elle sera remise en vente : posez une alerte pour l’apprendre aussitôt.
alert-set = Me prévenir si elle revient
alert-is-set = Alerte posée : nous vous écrirons une fois si la pièce revient en vente.
alert-remove = Retirer mon alerte
alert-sign-in = Connectez-vous pour poser une alerte
alert-done-set = Alerte posée.
alert-done-removed = Alerte retirée.

## Mes offres, mes alertes
account-offers-title = Mes offres
account-offers-intro = Les prix que vous avez proposés et la réponse des vendeurs. Un prix convenu vaut pour tout le monde jusqu’à son échéance : ne tardez pas.
account-offers-empty = Vous n’avez encore proposé aucun prix.
account-offers-older = Offres plus anciennes
account-offers-section = Offres et alertes
account-offers-section-intro = Suivez vos offres de prix et les pièces vendues que vous guettez.
account-alerts-title = Mes alertes
account-alerts-intro = Les pièces vendues que vous guettez. Si l’une revient en vente, vous recevez un message et l’alerte s’arrête.
account-alerts-empty = Aucune alerte en cours.
offers-col-piece = Pièce
offers-col-amount = Offre
offers-col-counter = Contre-offre
offers-col-state = Où en est-elle
offers-col-deadline = Échéance
offers-col-buyer = Acheteur
offers-answer-by = réponse avant le { $date }
offers-agreed-until = prix valable jusqu’au { $date }
offers-none = —
alerts-col-since = Posée le
alerts-col-piece-state = État de la pièce
alerts-remove-label = Retirer mon alerte sur « { $title } »
offers-refused-buy = Ce lien d’achat ne vaut plus : { $why }
offers-refused-decline = Impossible de décliner : { $why }

## Offres reçues (vendeur)
sell-offers-title = Offres reçues
sell-offers-intro = Vous avez { $hours } h pour répondre à chaque offre ; sans réponse, elle est annulée. Accepter ou contre-proposer fixe le prix de la pièce pour tout le monde pendant { $agreed } h.
sell-offers-open = À traiter
sell-offers-none-open = Aucune offre n’attend votre réponse.
sell-offers-past = Déjà traitées
sell-offers-none-past = Rien pour l’instant.
sell-offers-line = { $buyer } propose { $amount } (prix affiché { $list })
sell-offers-accept = Accepter { $amount }
sell-offers-refuse = Refuser
sell-offers-counter = Contre-proposer
sell-offers-counter-amount = Votre contre-offre en euros
sell-offers-counter-hint = Plus que l’offre, au moins { $min } et moins que le prix actuel.
sell-offers-link = Offres reçues ({ $count } à traiter)
sell-offers-done-accepted = Offre acceptée : l’acheteur est prévenu et peut acheter à ce prix.
sell-offers-done-refused = Offre refusée : l’acheteur est prévenu.
sell-offers-done-countered = Contre-offre envoyée : l’acheteur est prévenu.
sell-offers-older = Offres plus anciennes

## Remise en vente par l’équipe (C3, L1)
relist-button = Remettre en vente
relist-label = Remettre en vente « { $title } »
relist-done = Pièce remise en vente : chaque personne qui la guettait est prévenue.
