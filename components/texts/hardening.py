"""Texts of the hardening work: database failures, program errors, the demo banner (merged into
components.i18n.TEXTS). The import problems of hostile files live in
``components/texts/imports.py`` with the other import problem codes."""

TEXTS: dict[str, dict[str, str]] = {
    "db_retry": {"sv": "Försök igen", "en": "Try again"},
    "page_error_title": {"sv": "Sidan kunde inte visas", "en": "This page could not be shown"},
    "page_error_body": {
        "sv": "Något gick fel i Insikt medan sidan togs fram ({time}). Ingenting av felet visas här, eftersom "
              "det kan innehålla data; allt om det står i serverns logg vid den tiden.\n\nFörsök igen. Händer "
              "det igen: be den som driver Insikt att titta i loggen.",
        "en": "Something went wrong in Insikt while the page was made ({time}). Nothing of the error is shown "
              "here, as it may hold data; all of it is in the server's log at that time.\n\nPlease try again. "
              "If it happens again, ask whoever runs Insikt to look in the log.",
    },
    "db_file_missing_body": {
        "sv": "Databasfilen `{path}` finns inte. Insikt skapar en SQLite-fil bara vid första starten utan "
              "inställningar, aldrig en ny i stället för en som är angiven eller har funnits.\n\nKontrollera:\n"
              "- att `DATABASE_URL` (eller `[connections.insikt] url` i `.streamlit/secrets.toml`) pekar på rätt fil,\n"
              "- om filen har flyttats eller raderats: lägg tillbaka den från en säkerhetskopia,\n"
              "- en ny, tom databas skapar du med avsikt: `alembic upgrade head` med samma `DATABASE_URL`.",
        "en": "The database file `{path}` does not exist. Insikt creates a SQLite file only on the first start "
              "without configuration, never a new one in place of one that is configured or has been there.\n\n"
              "Please check:\n"
              "- that `DATABASE_URL` (or `[connections.insikt] url` in `.streamlit/secrets.toml`) names the right file,\n"
              "- if the file was moved or deleted: restore it from a backup,\n"
              "- to start a new, empty database on purpose: `alembic upgrade head` with the same `DATABASE_URL`.",
    },
    "db_file_gone_body": {
        "sv": "Databasfilen `{path}` är borta, fast Insikt skapade den vid en tidigare start. Insikt skapar "
              "ingen ny (och ingen demo) i dess ställe.\n\nKontrollera:\n"
              "- om filen har flyttats eller raderats: lägg tillbaka den från en säkerhetskopia,\n"
              "- bara om du vill börja om med en ny demodatabas: radera också `{mark}`.",
        "en": "The database file `{path}` is gone, although Insikt created it on an earlier start. Insikt does not "
              "create a new one (nor a demo) in its place.\n\nPlease check:\n"
              "- if the file was moved or deleted: restore it from a backup,\n"
              "- only to start over with a new demo database: delete `{mark}` too.",
    },
    "demo_banner": {
        "sv": "**Demodata.** Allt här är påhittat, och demokontona har lösenordet demo. Läs aldrig in riktiga "
              "kundsvar i en demodatabas.",
        "en": "**Demo data.** Everything here is made up, and the demo accounts have the password demo. Never load "
              "real customer feedback into a demo database.",
    },
}
