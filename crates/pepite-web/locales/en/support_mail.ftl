# Customer service's answer by e-mail (S1, E1).
email-support-answer-subject = Customer service answered: { $subject }
email-support-answer-subject-plain = Pépite customer service answered you
email-support-answer-intro = Here is our customer service's answer to your message.
email-support-answer-action = See the conversation
email-support-answer-reply = To carry on, just reply to this e-mail: your answer joins the same conversation.
