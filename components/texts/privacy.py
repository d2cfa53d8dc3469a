"""Texts of customers' personal data, the retention period and the audit log
(merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    # what stands in for a hidden detail
    "privacy_mask_personal_number": {"sv": "[personnummer]", "en": "[personal identity number]"},
    "privacy_mask_phone": {"sv": "[telefonnummer]", "en": "[phone number]"},
    "privacy_mask_email": {"sv": "[e-postadress]", "en": "[e-mail address]"},
    "privacy_mask_card": {"sv": "[kortnummer]", "en": "[card number]"},
    "privacy_kind_personal_number": {"sv": "personnummer", "en": "a personal identity number"},
    "privacy_kind_phone": {"sv": "telefonnummer", "en": "a phone number"},
    "privacy_kind_email": {"sv": "e-postadress", "en": "an e-mail address"},
    "privacy_kind_card": {"sv": "kortnummer", "en": "a card number"},
    "privacy_kind_count": {"sv": "{n} med {kind}", "en": "{n} with {kind}"},
    "privacy_hidden_field": {
        "sv": "Texten innehåller kunduppgifter som bara ärendets ägare, chefer och administratörer ser. "
              "De kan ändra den.",
        "en": "The text holds customer details that only the case's owner, managers and administrators "
              "see. They can change it.",
    },
    "privacy_search_refused": {
        "sv": "Sökningen innehåller ett telefonnummer, en e-postadress, ett personnummer eller ett kortnummer. "
              "Sådana uppgifter är dolda i kommentarerna och går inte att söka efter, så sökningen används inte.",
        "en": "The search holds a phone number, an e-mail address, a personal identity number or a card number. "
              "Such details are hidden in the comments and cannot be searched for, so the search is not used.",
    },
    "privacy_import_found": {
        "sv": "Kunduppgifter i {n} av kommentarerna som importeras: {kinds}. De visas dolda i listor, kort "
              "och nedladdningar; bara den som följer upp ett ärende ser dem där.",
        "en": "Customer details in {n} of the comments to import: {kinds}. They are shown hidden in lists, "
              "cards and downloads; only those who follow up a case see them there.",
    },
    # the admin tab: who sees what, and the retention period
    "privacy_tab": {"sv": "Personuppgifter", "en": "Personal data"},
    "privacy_policy_title": {"sv": "Vem ser kundernas uppgifter", "en": "Who sees customers' details"},
    "privacy_policy_body": {
        "sv": "Telefonnummer, e-postadresser och personnummer som kunder skriver i sina kommentarer (och som "
              "skrivs i ärendens anteckningar) visas bara i **återkopplingsärendet**, och bara för dem som "
              "följer upp det: ärendets **ägare**, **chefer** för enheten och **administratörer**. Där finns "
              "de också i ärendenas CSV-fil, och varje sådan nedladdning loggas.\n\n"
              "Överallt annars är de dolda, för alla roller: i kommentarslistan och dess CSV-fil, i "
              "kommentarskort på alla sidor, i workshopens bilder och protokoll och i temaförhandsvisningen. "
              "Kortnummer är alltid dolda.",
        "en": "Phone numbers, e-mail addresses and personal identity numbers that customers write in their "
              "comments (and that are written in case notes) are shown only in the **follow-up case**, and "
              "only to those who follow it up: the case's **owner**, **managers** of the unit and "
              "**administrators**. There they are also in the cases' CSV file, and every such download is "
              "logged.\n\n"
              "Everywhere else they are hidden, for every role: in the comment list and its CSV file, in "
              "comment cards on every page, in the workshop's slides and record and in the theme preview. "
              "Card numbers are always hidden.",
    },
    "retention_title": {"sv": "Lagringstid", "en": "Retention period"},
    "retention_caption": {
        "sv": "Efter lagringstiden tas kommentaren bort från ett svar, liksom importerade uppgifter som pekar ut "
              "kunden (namn, e-post, telefon, personnummer, kundnummer) och anteckningar i dess ärende. Betyg, "
              "datum och ärendens tider finns kvar, så alla mått och trender är oförändrade. Ett svar vars "
              "ärende fortfarande är öppet väntar tills ärendet är stängt.",
        "en": "After the retention period, a response loses its comment, imported details that identify the "
              "customer (name, e-mail, phone, personal identity number, customer number) and the notes of its "
              "case. Scores, dates and case timings stay, so every measure and trend is unchanged. A response "
              "whose case is still open waits until the case is closed.",
    },
    "retention_on": {"sv": "Ta bort kunduppgifter efter en lagringstid", "en": "Remove customer details after a period"},
    "retention_months": {"sv": "Lagringstid (månader)", "en": "Retention period (months)"},
    "retention_saved": {"sv": "Lagringstiden är nu {months} månader.", "en": "The retention period is now {months} months."},
    "retention_removed": {"sv": "Ingen lagringstid: kunduppgifter sparas tills vidare.",
                          "en": "No retention period: customer details are kept until further notice."},
    "retention_none": {
        "sv": "Ingen lagringstid är satt. Kommentarer och kunduppgifter sparas tills någon tar bort dem.",
        "en": "No retention period is set. Comments and customer details are kept until someone removes them.",
    },
    "retention_current": {
        "sv": "Svar som kom in före {cutoff} tas bort vid nästa körning. Kör `python -m ingest.retention --apply` "
              "dagligen (cron eller en timer), eller här nedan.",
        "en": "Responses received before {cutoff} are anonymised at the next run. Run "
              "`python -m ingest.retention --apply` daily (cron or a timer), or below.",
    },
    "retention_preview": {"sv": "Visa vad som skulle tas bort", "en": "Show what would be removed"},
    "retention_plan_responses": {"sv": "Svar som anonymiseras", "en": "Responses anonymised"},
    "retention_plan_comments": {"sv": "Kommentarer som tas bort", "en": "Comments removed"},
    "retention_plan_attributes": {"sv": "Personliga attribut", "en": "Personal attributes"},
    "retention_plan_cases": {"sv": "Ärenden vars text töms", "en": "Cases whose text is cleared"},
    "retention_plan_held_back": {"sv": "Väntar på stängt ärende", "en": "Waiting for a closed case"},
    "retention_plan_caption": {
        "sv": "Provkörning: inget har ändrats. Gränsen är {cutoff}.",
        "en": "Dry run: nothing was changed. The cutoff is {cutoff}.",
    },
    "retention_confirm": {
        "sv": "Jag förstår att {n} svar anonymiseras och att det inte går att ångra",
        "en": "I understand that {n} responses are anonymised and that this cannot be undone",
    },
    "retention_apply": {"sv": "Anonymisera nu", "en": "Anonymise now"},
    "retention_applied": {
        "sv": "{n} svar anonymiserades: {comments} kommentarer borttagna, {attributes} attribut raderade, "
              "{cases} ärenden tömda på text.",
        "en": "{n} responses anonymised: {comments} comments removed, {attributes} attributes deleted, "
              "{cases} cases cleared of text.",
    },
    "retention_nothing": {"sv": "Inget att ta bort just nu.", "en": "Nothing to remove right now."},
    "retention_bad_months": {
        "sv": "Lagringstiden måste vara ett helt antal månader, från {low} till {high}.",
        "en": "The retention period must be a whole number of months, from {low} to {high}.",
    },
    # the audit log
    "audit_tab": {"sv": "Händelselogg", "en": "Audit log"},
    "audit_caption": {
        "sv": "Vem som skapade användare, ändrade roller eller lösenord, importerade, ångrade importer, ändrade "
              "regler, teman, gränsvärden, mål och segment, och tog bort kunduppgifter. Loggen kan inte ändras.",
        "en": "Who created users, changed roles or passwords, imported, rolled back imports, changed rules, "
              "themes, thresholds, targets and segments, and removed customer details. The log cannot be changed.",
    },
    "audit_filter_action": {"sv": "Händelse", "en": "Action"},
    "audit_filter_user": {"sv": "Vem", "en": "Who"},
    "audit_filter_from": {"sv": "Från", "en": "From"},
    "audit_filter_to": {"sv": "Till", "en": "To"},
    "audit_user_all": {"sv": "Alla", "en": "Everyone"},
    "audit_all_actions": {"sv": "Alla händelser", "en": "Every action"},
    "audit_target_user": {"sv": "Användare", "en": "User"},
    "audit_target_theme": {"sv": "Tema", "en": "Theme"},
    "audit_target_import_batch": {"sv": "Import", "en": "Import"},
    "audit_target_target": {"sv": "Mål", "en": "Target"},
    "audit_target_settings": {"sv": "Inställning", "en": "Setting"},
    "audit_target_responses": {"sv": "Svar", "en": "Responses"},
    "audit_target_cases": {"sv": "Ärenden", "en": "Cases"},
    "audit_target_segment": {"sv": "Segment", "en": "Segment"},
    "audit_user_cli": {"sv": "Kommandoraden", "en": "Command line"},
    "audit_none": {"sv": "Inga händelser med de här filtren.", "en": "No events with these filters."},
    "audit_showing": {"sv": "Visar de {shown} senaste av {total} händelser.",
                      "en": "Showing the newest {shown} of {total} events."},
    "audit_download": {"sv": "Ladda ner (CSV)", "en": "Download (CSV)"},
    "audit_download_help": {"sv": "Alla händelser med de här filtren (högst {limit}).",
                            "en": "Every event with these filters (at most {limit})."},
    "audit_col_at": {"sv": "När", "en": "When"},
    "audit_col_user": {"sv": "Vem", "en": "Who"},
    "audit_col_action": {"sv": "Händelse", "en": "Action"},
    "audit_col_target": {"sv": "Gäller", "en": "Target"},
    "audit_col_detail": {"sv": "Vad", "en": "What"},
    "audit_action_user_created": {"sv": "Användare skapad", "en": "User created"},
    "audit_action_user_role_changed": {"sv": "Roll eller enhet ändrad", "en": "Role or unit changed"},
    "audit_action_user_details_changed": {"sv": "Namn eller e-post ändrad", "en": "Name or e-mail changed"},
    "audit_action_password_reset": {"sv": "Lösenord återställt", "en": "Password reset"},
    "audit_action_password_changed": {"sv": "Eget lösenord bytt", "en": "Own password changed"},
    "audit_action_user_deactivated": {"sv": "Användare inaktiverad", "en": "User deactivated"},
    "audit_action_user_reactivated": {"sv": "Användare aktiverad igen", "en": "User reactivated"},
    "audit_action_import": {"sv": "Import", "en": "Import"},
    "audit_action_rollback": {"sv": "Import ångrad", "en": "Import rolled back"},
    "audit_action_follow_up_rules_changed": {"sv": "Återkopplingsregler ändrade", "en": "Follow-up rules changed"},
    "audit_action_theme_created": {"sv": "Tema skapat", "en": "Theme created"},
    "audit_action_theme_changed": {"sv": "Tema ändrat", "en": "Theme changed"},
    "audit_action_theme_deactivated": {"sv": "Tema inaktiverat", "en": "Theme deactivated"},
    "audit_action_theme_reactivated": {"sv": "Tema aktiverat igen", "en": "Theme reactivated"},
    "audit_action_thresholds_changed": {"sv": "Gränsvärden ändrade", "en": "Thresholds changed"},
    "audit_action_target_set": {"sv": "Mål satt", "en": "Target set"},
    "audit_action_target_cleared": {"sv": "Mål borttaget", "en": "Target cleared"},
    "audit_action_segment_switched": {"sv": "Segment på eller av", "en": "Segment switched on or off"},
    "audit_action_retention_period_set": {"sv": "Lagringstid ändrad", "en": "Retention period changed"},
    "audit_action_retention_applied": {"sv": "Kunduppgifter borttagna (lagringstid)",
                                       "en": "Customer details removed (retention)"},
    "audit_action_cases_exported": {"sv": "Ärenden med kunduppgifter nedladdade",
                                    "en": "Cases with customer details downloaded"},
    # single sign-on
    "sso_unverified": {
        "sv": "Inloggningstjänsten har inte bekräftat att adressen {email} tillhör dig, så den kan inte kopplas "
              "till en användare i Insikt. Be en administratör om hjälp.",
        "en": "The sign-in service has not confirmed that the address {email} is yours, so it cannot be linked "
              "to an Insikt user. Ask an administrator for help.",
    },
}
