# Field errors of the trade-in programme (T1–T7), read by `i18n::field_message`.
error-credit-too-low = Votre crédit d’achat ne couvre pas ce montant.
error-amount-too-small = Un bon d’achat vaut au moins { $limit } centimes.
error-too-far = Choisissez une date dans les { $limit } prochains jours.
error-grade-above-declared = Une pièce ne peut être acceptée que dans l’état déclaré ou un état inférieur.
error-no-grid-line = La grille de prix ne prévoit pas de montant pour cet état.
error-invalid-code = Lettres minuscules, chiffres et tirets seulement (40 au plus).
error-invalid-url = Indiquez une adresse qui commence par https://.
