# La réponse du service client par e-mail (S1, E1).
email-support-answer-subject = Le service client vous répond : { $subject }
email-support-answer-subject-plain = Le service client Pépite vous répond
email-support-answer-intro = Voici la réponse de notre service client à votre message.
email-support-answer-action = Voir la conversation
email-support-answer-reply = Pour poursuivre l’échange, répondez simplement à cet e-mail : votre réponse rejoindra la même conversation.
