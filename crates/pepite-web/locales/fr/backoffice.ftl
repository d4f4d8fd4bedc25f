# Back-office (/back-office). Chaque clé existe aussi dans en/backoffice.ftl (un test le vérifie).

bo-title = Back-office
bo-crumbs = Rubriques du back-office
bo-intro = Les outils de l’équipe Pépite. Ce que vous voyez dépend de vos rôles.
bo-nothing-yet = Vos rôles ne vous ouvrent encore aucune rubrique ici.
bo-pieces-title = Pièces
bo-pieces-about = toutes les pièces, dans tous les états, brouillons compris.
bo-users-title = Comptes
bo-users-about = retrouver une personne par e-mail ou par nom, voir ses rôles.
bo-staff-title = Équipe
bo-staff-about = toutes les personnes qui ont un rôle.
bo-clock-title = Horloge
bo-clock-about = l’heure sur laquelle tourne la plateforme.
bo-next-page = Page suivante
bo-yes = Oui
bo-no = Non

## Pièces
bo-filter-state = État
bo-every-state = Tous les états
bo-filter = Filtrer
bo-no-pieces = Aucune pièce ne correspond.
bo-pieces-caption = Pièces, les plus récentes d’abord
bo-col-id = Numéro
bo-col-title = Titre
bo-col-shop = Boutique
bo-col-state = État
bo-col-price = Prix
bo-col-listed = Mise en vente le

## Comptes
bo-users-search = E-mail ou nom
bo-search = Rechercher
bo-no-users = Aucun compte ne correspond.
bo-users-caption = Comptes, les plus récents d’abord
bo-col-email = E-mail
bo-col-name = Nom
bo-col-country = Pays
bo-col-language = Langue
bo-col-since = Inscrit depuis le
bo-col-status = Statut
bo-active = Actif
bo-disabled = Désactivé
bo-roles = Rôles
bo-col-role = Rôle
bo-col-held = Attribué
bo-col-change = Modifier
bo-grant = Attribuer
bo-revoke = Retirer
bo-account = Compte
bo-disable = Désactiver ce compte
bo-disable-about = La personne est déconnectée partout et ne peut plus se connecter.
bo-enable = Réactiver ce compte
bo-enable-about = La personne pourra de nouveau se connecter.
bo-done-granted = Rôle attribué.
bo-done-revoked = Rôle retiré.
bo-done-disabled = Compte désactivé.
bo-done-enabled = Compte réactivé.
bo-role-customer-service = Service client
bo-role-workshop = Atelier
bo-role-finance = Finance
bo-role-admin = Administrateur
bo-role-brand-partner = Partenaire de marque

## Équipe
bo-no-staff = Personne n’a de rôle.
bo-staff-caption = Les personnes qui ont un rôle

## Refus
bo-conflict-last-admin = C’est le dernier administrateur : attribuez ce rôle à quelqu’un d’autre avant de le retirer ici.
bo-conflict-cannot-disable-self = Vous ne pouvez pas désactiver votre propre compte.
bo-conflict-clock-not-manual = La plateforme tourne sur l’horloge du système, qui ne se déplace pas. Démarrez-la avec l’horloge manuelle pour cela.
bo-conflict-other = Cette action n’est pas possible pour le moment.

## Horloge
bo-clock-mode = Horloge
bo-clock-manual = Manuelle : elle n’avance que lorsqu’un administrateur la déplace.
bo-clock-system = Système : l’heure réelle de la machine.
bo-clock-now = Maintenant
bo-clock-paris = heure de Paris
bo-clock-system-about = L’heure réelle ne se modifie pas d’ici.
bo-clock-set = Régler la date et l’heure
bo-clock-at = Date et heure (Paris)
bo-clock-set-button = Régler l’horloge
bo-clock-advance = Avancer
bo-clock-amount = De
bo-clock-unit = Unité
bo-clock-hours = heures
bo-clock-days = jours
bo-clock-advance-button = Avancer l’horloge
bo-clock-done-set = L’horloge a été réglée.
bo-clock-done-advanced = L’horloge a avancé.
bo-clock-bad-datetime = Indiquez une date et une heure, par exemple 2026-11-21T14:30.
bo-clock-bad-amount = Indiquez un nombre entier de 1 à 1000, en heures ou en jours.
