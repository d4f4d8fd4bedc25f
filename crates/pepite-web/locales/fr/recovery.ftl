# Les liens envoyés par e-mail (A1) : confirmer son adresse, choisir un nouveau mot de passe.

link-to-account = Aller à mon compte
link-to-shop = Découvrir les pièces
link-to-sign-in = Retour à la connexion

verify-done-title = Adresse confirmée
verify-done-text = Merci ! Votre adresse e-mail est confirmée. C’est là que nous vous écrirons au sujet de vos achats et de vos ventes.
verify-unusable-title = Ce lien ne fonctionne plus
verify-unusable-text = Ce lien de confirmation a déjà servi, ou ses 7 jours sont passés. Si vous l’avez déjà ouvert une fois, votre adresse est confirmée : il n’y a rien d’autre à faire.
verify-unusable-next = Vous pouvez chiner, acheter et vendre sans attendre. En cas de doute, notre service client vérifie votre adresse avec vous.

signin-forgot = Mot de passe oublié ?
signin-password-reset = Votre nouveau mot de passe est enregistré. Connectez-vous avec lui ; vos anciennes sessions ont été fermées.

forgot-title = Mot de passe oublié
forgot-intro = Indiquez l’adresse e-mail de votre compte. Nous vous envoyons un lien pour choisir un nouveau mot de passe.
forgot-submit = Recevoir le lien
forgot-sent-title = Regardez vos e-mails
forgot-sent-text = Si un compte Pépite utilise cette adresse, un message est en route avec un lien pour choisir un nouveau mot de passe. Le lien sert une seule fois, pendant une heure.
forgot-sent-spam = Rien reçu d’ici quelques minutes ? Jetez un œil aux indésirables, ou vérifiez l’adresse et recommencez.

reset-title = Nouveau mot de passe
reset-intro = Choisissez votre nouveau mot de passe. Vous serez déconnecté de tous vos appareils, puis vous vous connecterez avec lui.
field-password-confirm = Le même, une seconde fois
reset-submit = Enregistrer mon mot de passe
reset-unusable-title = Ce lien ne fonctionne plus
reset-unusable-text = Un lien pour changer de mot de passe sert une seule fois, pendant une heure, et une nouvelle demande remplace la précédente. Celui-ci a déjà servi, a été remplacé ou a expiré. Demandez-en un autre : il arrive en quelques instants.
reset-ask-again = Recevoir un nouveau lien
