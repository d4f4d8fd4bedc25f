# Links sent by e-mail (A1): confirming one's address, choosing a new password.

link-to-account = Go to my account
link-to-shop = Discover the pieces
link-to-sign-in = Back to signing in

verify-done-title = Address confirmed
verify-done-text = Thank you! Your e-mail address is confirmed. That is where we will write to you about what you buy and sell.
verify-unusable-title = This link no longer works
verify-unusable-text = This confirmation link has already been used, or its 7 days are over. If you opened it once before, your address is confirmed: there is nothing else to do.
verify-unusable-next = You can browse, buy and sell right away. If in doubt, our customer service will check your address with you.

signin-forgot = Forgot your password?
signin-password-reset = Your new password is saved. Sign in with it; your previous sessions have been closed.

forgot-title = Forgot your password
forgot-intro = Enter the e-mail address of your account. We will send you a link to choose a new password.
forgot-submit = Send me the link
forgot-sent-title = Check your e-mail
forgot-sent-text = If a Pépite account uses this address, a message is on its way with a link to choose a new password. The link works once, for one hour.
forgot-sent-spam = Nothing within a few minutes? Look in your spam folder, or check the address and try again.

reset-title = New password
reset-intro = Choose your new password. You will be signed out on every device, then sign in with it.
field-password-confirm = The same again
reset-submit = Save my password
reset-unusable-title = This link no longer works
reset-unusable-text = A link to change your password works once, for one hour, and a new request replaces the previous one. This one has been used, replaced or has expired. Ask for another: it arrives within moments.
reset-ask-again = Send me a new link
