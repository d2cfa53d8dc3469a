"""Texts of "My account", the forced change of a generated password and the
first-run page of a deployment without users (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "menu_account": {"sv": "Mitt konto", "en": "My account"},
    "acc_title": {"sv": "Mitt konto", "en": "My account"},
    "acc_details": {
        "sv": "Användarnamn **{username}** · {role}{unit}{email}",
        "en": "Username **{username}** · {role}{unit}{email}",
    },
    "acc_unit": {"sv": " · enhet {unit}", "en": " · unit {unit}"},
    "acc_email": {"sv": " · {email}", "en": " · {email}"},
    "acc_password_title": {"sv": "Byt lösenord", "en": "Change your password"},
    "acc_password_caption": {
        "sv": "Minst {min} tecken, och inte lätt att gissa: inget vanligt ord med siffror runt, inte ditt "
              "användarnamn, ingen följd som 1234567890. En fras av flera ord är lätt att minnas och svår att "
              "gissa. Dina andra inloggningar (andra webbläsare) avslutas.",
        "en": "At least {min} characters, and not easy to guess: no common word with digits around it, not "
              "your username, no run like 1234567890. A phrase of several words is easy to remember and hard "
              "to guess. Your other logins (other browsers) end.",
    },
    "acc_sso": {
        "sv": "Du loggar in med organisationens konto; lösenordet hanteras där.",
        "en": "You log in with your organisation's account; its password is managed there.",
    },
    "acc_current": {"sv": "Nuvarande lösenord", "en": "Current password"},
    "acc_new": {"sv": "Nytt lösenord", "en": "New password"},
    "acc_again": {"sv": "Nytt lösenord igen", "en": "New password again"},
    "acc_change": {"sv": "Byt lösenord", "en": "Change password"},
    "acc_changed": {"sv": "Ditt lösenord är bytt.", "en": "Your password is changed."},
    "acc_mismatch": {"sv": "De två nya lösenorden skiljer sig åt.", "en": "The two new passwords differ."},
    "acc_refused_wrong_current": {"sv": "Det nuvarande lösenordet stämmer inte.",
                                  "en": "The current password is not right."},
    "acc_refused_throttled": {
        "sv": "För många felaktiga försök. Vänta {seconds} sekunder och försök igen.",
        "en": "Too many wrong attempts. Wait {seconds} seconds and try again.",
    },
    "acc_refused_same_as_current": {"sv": "Välj ett annat lösenord än det nuvarande.",
                                    "en": "Choose a password other than the current one."},
    "acc_refused_password_required": {"sv": "Fyll i ett nytt lösenord.", "en": "Enter a new password."},
    "acc_refused_password_too_short": {"sv": "Det nya lösenordet behöver minst {min} tecken.",
                                       "en": "The new password needs at least {min} characters."},
    "acc_refused_password_weak": {
        "sv": "Det nya lösenordet är lätt att gissa. Välj till exempel några ord som inte hör ihop.",
        "en": "The new password is easy to guess. Choose, for example, a few words that do not belong together.",
    },
    "acc_must_change_title": {"sv": "Välj ditt eget lösenord", "en": "Choose your own password"},
    "acc_must_change": {
        "sv": "Du loggade in med ett lösenord som en administratör skapade åt dig. Välj ett eget innan du "
              "fortsätter; då kan ingen annan känna till det.",
        "en": "You logged in with a password an administrator made for you. Choose your own before you go "
              "on, so that nobody else knows it.",
    },
    # a deployment without users
    "first_user_title": {"sv": "Insikt behöver sin första administratör",
                         "en": "Insikt needs its first administrator"},
    "first_user_body": {
        "sv": "Ingen kan logga in än: databasen har inga användare. Skapa den första administratören på "
              "servern där Insikt körs, i appens katalog och med samma databas. Kommandot frågar efter "
              "lösenordet två gånger (minst 10 tecken, inte lätt att gissa):",
        "en": "Nobody can log in yet: the database has no users. Create the first administrator on the "
              "server where Insikt runs, in the app's directory and with the same database. The command asks "
              "for the password twice (at least 10 characters, not easy to guess):",
    },
    "first_user_name": {"sv": "Förnamn Efternamn", "en": "First Last"},
    "first_user_piped": {
        "sv": "Från ett skript läses lösenordet från standard in:",
        "en": "From a script, the password is read from standard input:",
    },
    "first_user_database": {
        "sv": "Databasen: `{url}`. Kommandot använder `DATABASE_URL` (eller `--database-url`) och annars "
              "samma inställning som appen.",
        "en": "The database: `{url}`. The command uses `DATABASE_URL` (or `--database-url`), and otherwise "
              "the same setting as the app.",
    },
    "first_user_sso": {
        "sv": "Med inloggning via organisationens konto: lägg till `--email` med administratörens adress.",
        "en": "With login through your organisation's account: add `--email` with the administrator's address.",
    },
    "first_user_then": {
        "sv": "Ladda sedan om sidan och logga in. Fler användare lägger du till på administrationssidan.",
        "en": "Then reload this page and log in. Further users are added on the administration page.",
    },
    "first_user_check": {"sv": "Jag har lagt till användaren", "en": "I have added the user"},
    "first_user_still_none": {"sv": "Databasen har fortfarande inga användare.",
                              "en": "The database still has no users."},
}
