# Back office (/back-office). Every key also exists in fr/backoffice.ftl (a test checks it).

bo-title = Back office
bo-crumbs = Back office sections
bo-intro = Tools for the Pépite team. What you see depends on your roles.
bo-nothing-yet = Your roles give you no section here yet.
bo-pieces-title = Pieces
bo-pieces-about = every piece in every state, drafts included.
bo-users-title = Accounts
bo-users-about = find a person by e-mail or name, see their roles.
bo-staff-title = Staff
bo-staff-about = everyone holding a role.
bo-clock-title = Clock
bo-clock-about = the time the platform runs on.
bo-next-page = Next page
bo-yes = Yes
bo-no = No

## Pieces
bo-filter-state = State
bo-every-state = Every state
bo-filter = Filter
bo-no-pieces = No piece matches.
bo-pieces-caption = Pieces, newest first
bo-col-id = Number
bo-col-title = Title
bo-col-shop = Shop
bo-col-state = State
bo-col-price = Price
bo-col-listed = Listed on

## Accounts
bo-users-search = E-mail or name
bo-search = Search
bo-no-users = No account matches.
bo-users-caption = Accounts, newest first
bo-col-email = E-mail
bo-col-name = Name
bo-col-country = Country
bo-col-language = Language
bo-col-since = Member since
bo-col-status = Status
bo-active = Active
bo-disabled = Disabled
bo-roles = Roles
bo-col-role = Role
bo-col-held = Held
bo-col-change = Change
bo-grant = Grant
bo-revoke = Take back
bo-account = Account
bo-disable = Disable this account
bo-disable-about = The person is signed out everywhere and can no longer sign in.
bo-enable = Enable this account again
bo-enable-about = The person will be able to sign in again.
bo-done-granted = Role granted.
bo-done-revoked = Role taken back.
bo-done-disabled = Account disabled.
bo-done-enabled = Account enabled again.
bo-role-customer-service = Customer service
bo-role-workshop = Workshop
bo-role-finance = Finance
bo-role-admin = Administrator
bo-role-brand-partner = Brand partner

## Staff
bo-no-staff = Nobody holds a role.
bo-staff-caption = People with a role

## Refusals
bo-conflict-last-admin = This is the last administrator: grant the role to someone else before taking it back here.
bo-conflict-cannot-disable-self = You cannot disable your own account.
bo-conflict-clock-not-manual = The platform runs on the system clock, which cannot be moved. Start it with the manual clock to do so.
bo-conflict-other = This action is not possible right now.

## Clock
bo-clock-mode = Clock
bo-clock-manual = Manual: it only moves when an administrator moves it.
bo-clock-system = System: the machine's real time.
bo-clock-now = Now
bo-clock-paris = Paris time
bo-clock-system-about = The real time cannot be changed from here.
bo-clock-set = Set the date and time
bo-clock-at = Date and time (Paris)
bo-clock-set-button = Set the clock
bo-clock-advance = Move forward
bo-clock-amount = By
bo-clock-unit = Unit
bo-clock-hours = hours
bo-clock-days = days
bo-clock-advance-button = Move the clock forward
bo-clock-done-set = The clock was set.
bo-clock-done-advanced = The clock moved forward.
bo-clock-bad-datetime = Enter a date and a time, for example 2026-11-21T14:30.
bo-clock-bad-amount = Enter a whole number from 1 to 1000, in hours or days.
