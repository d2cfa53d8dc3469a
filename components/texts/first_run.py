"""Texts of the first-run checklist on the admin page (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "first_run_no_units": {
        "sv": "Det finns inga enheter och inga svar än. En administratör skapar dem vid första importen, "
              "eller lägger till enheter på administrationssidan.",
        "en": "There are no units and no responses yet. An administrator creates them with the first import, "
              "or adds units on the administration page.",
    },
    "first_run_to_admin": {"sv": "Till importen och checklistan", "en": "To the import and the checklist"},
    "first_run_title": {"sv": "Kom igång", "en": "Getting started"},
    "first_run_caption": {
        "sv": "Stegen bockas av av sig själva när de är gjorda ({done} av {total}).",
        "en": "The steps tick themselves once they are done ({done} of {total}).",
    },
    "first_run_done": {"sv": "klart", "en": "done"},
    "first_run_todo": {"sv": "att göra", "en": "to do"},
    "first_run_step_users": {
        "sv": "**Användare**: lägg till chefer och medarbetare med sin enhet, och ledningen (fliken Användare).",
        "en": "**Users**: add the managers and staff with their unit, and the leaders (the Users tab).",
    },
    "first_run_step_import": {
        "sv": "**Import**: läs in er första export; enheter och kontaktpunkter kan skapas samtidigt "
              "(fliken Importera).",
        "en": "**Import**: load your first export; units and touchpoints can be created on the way "
              "(the Import tab).",
    },
    "first_run_step_themes": {
        "sv": "**Teman**: se att kommentarernas teman passar era kommentarer, och justera mönstren "
              "(fliken Teman).",
        "en": "**Themes**: check that the comment themes fit your comments, and adjust their patterns "
              "(the Themes tab).",
    },
    "first_run_step_thresholds": {
        "sv": "**Gränsvärden och mål**: minsta gruppstorlek och era mål (fliken Gränsvärden och mål).",
        "en": "**Thresholds and targets**: the smallest group shown and your targets "
              "(the Thresholds and targets tab).",
    },
    "first_run_step_follow_up_rules": {
        "sv": "**Regler för återkoppling**: vilken feedback som blir ärenden och inom vilken tid den ska "
              "besvaras (fliken Regler för återkoppling).",
        "en": "**Follow-up rules**: which feedback becomes a case and how soon it is answered "
              "(the Follow-up rules tab).",
    },
}
