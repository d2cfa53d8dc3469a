"""Texts of the workshop: the agenda (grouped items, up and down, the team's own
questions), the presentation (prompts per kind of insight, ideas on the slide),
the owner choice, the record and sending it (merged into components.i18n.TEXTS).

``md_*`` label the written record (keys of ``queries.workshops.DEFAULT_TEXTS``)."""

TEXTS: dict[str, dict[str, str]] = {
    # prepare
    "agenda_caption": {
        "sv": "Först det som går bra, sedan högst tre fokusområden. Det som handlar om samma problem "
              "(en kontaktpunkt, dess mått och temat kunderna nämner där) står på samma punkt. "
              "Flytta med pilarna, ta bort eller lägg till, och spara.",
        "en": "What goes well first, then at most three focus areas. Findings about the same problem "
              "(a touchpoint, its measures and the theme customers mention there) share one item. "
              "Move items with the arrows, remove or add, and save.",
    },
    "agenda_together": {"sv": "Hör ihop med: {items}", "en": "Goes with: {items}"},
    "agenda_up": {"sv": "Flytta upp", "en": "Move up"},
    "agenda_down": {"sv": "Flytta ner", "en": "Move down"},
    "agenda_remove": {"sv": "Ta bort", "en": "Remove"},
    "agenda_add": {"sv": "Lägg till", "en": "Add"},
    "agenda_more": {"sv": "Fler fynd att lägga till ({n})", "en": "More findings to add ({n})"},
    "agenda_nothing_more": {"sv": "Inga fler fynd i urvalet.", "en": "No further findings in this selection."},
    "agenda_own_title": {"sv": "Lägg till en egen fråga", "en": "Add a question of your own"},
    "agenda_own_question": {"sv": "Frågan teamet tar med sig", "en": "The question the team brings"},
    "agenda_own_note": {"sv": "Anteckning (frivillig)", "en": "Note (optional)"},
    "agenda_own_add": {"sv": "Lägg till frågan", "en": "Add the question"},
    "agenda_own_empty": {"sv": "Skriv frågan först.", "en": "Write the question first."},
    "agenda_unsaved": {"sv": "Ändringarna är inte sparade än.", "en": "The changes are not saved yet."},
    "agenda_none": {
        "sv": "Inget tydligt fynd i urvalet. Lägg till en egen fråga, eller välj en längre period.",
        "en": "No clear finding in this selection. Add a question of your own, or choose a longer period.",
    },
    "kind_question": {"sv": "Vår fråga", "en": "Our question"},
    "emerging_figures": {
        "sv": "{share} av kommentarerna de senaste fyra veckorna (troligen mellan {low} och {high}, "
              "{n} kommentarer), mot {base} veckorna före",
        "en": "{share} of the comments in the last four weeks (likely between {low} and {high}, "
              "{n} comments), against {base} in the weeks before",
    },
    "figures_words": {
        "sv": "{measure} {value}, troligen mellan {low} och {high} ({n} svar)",
        "en": "{measure} {value}, likely between {low} and {high} ({n} answers)",
    },
    "figures_comparator": {"sv": "{comparator}: {value}", "en": "{comparator}: {value}"},
    # cards (strengths page and slides)
    "theme_group_context": {"sv": "{n} av {total} i gruppen", "en": "{n} of {total} in this group"},
    # present
    "prompts_title": {"sv": "Att samtala om", "en": "To talk about"},
    "prompt_strength_1": {"sv": "Vad gör vi bra här?", "en": "What do we do well here?"},
    "prompt_strength_2": {"sv": "Vad ska vi fortsätta med?", "en": "What should we keep doing?"},
    "prompt_strength_3": {"sv": "Hur sprider vi det till fler kunder och kollegor?",
                          "en": "How do we spread it to more customers and colleagues?"},
    "prompt_weakness_1": {"sv": "Vad kan orsaken vara?", "en": "What might the cause be?"},
    "prompt_weakness_2": {"sv": "Vad säger kunderna med egna ord?", "en": "What do customers say in their own words?"},
    "prompt_weakness_3": {"sv": "Vilka idéer kan vi prova själva?", "en": "Which ideas could we try ourselves?"},
    "prompt_change_1": {"sv": "Vad har förändrats, och sedan när?", "en": "What has changed, and since when?"},
    "prompt_change_2": {"sv": "Vad kan ligga bakom?", "en": "What might be behind it?"},
    "prompt_change_3": {"sv": "Vad gör vi innan det växer?", "en": "What do we do before it grows?"},
    "prompt_question_1": {"sv": "Vad vet vi redan?", "en": "What do we already know?"},
    "prompt_question_2": {"sv": "Vad säger kunderna?", "en": "What do customers say?"},
    "prompt_question_3": {"sv": "Vad kan vi prova?", "en": "What could we try?"},
    "slide_keys": {
        "sv": "Piltangenterna → och ← (eller Page Down och Page Up) byter bild.",
        "en": "The arrow keys → and ← (or Page Down and Page Up) change the slide.",
    },
    "slide_ideas": {"sv": "Teamets idéer", "en": "The team's ideas"},
    "slide_no_ideas": {"sv": "Inga idéer än.", "en": "No ideas yet."},
    "slide_idea": {"sv": "Ny idé", "en": "New idea"},
    "slide_add_idea": {"sv": "Spara idén", "en": "Save the idea"},
    "slide_no_chart": {"sv": "Teamets egen fråga: inga siffror.", "en": "The team's own question: no figures."},
    "chart_here": {"sv": "Enheten", "en": "The unit"},
    "chart_recent": {"sv": "Senaste 4 veckorna", "en": "Last 4 weeks"},
    "chart_before": {"sv": "Veckorna före", "en": "The weeks before"},
    # decide
    "owner_placeholder": {"sv": "Välj en ansvarig", "en": "Choose an owner"},
    "owner_choose_first": {"sv": "Välj vem som är ansvarig först.", "en": "Choose who owns it first."},
    "owner_label": {"sv": "{name} ({role})", "en": "{name} ({role})"},
    "owner_role_staff": {"sv": "medarbetare", "en": "staff"},
    "owner_role_manager": {"sv": "chef", "en": "manager"},
    "owner_role_leader": {"sv": "ledning", "en": "leader"},
    "owner_role_admin": {"sv": "administratör", "en": "admin"},
    "owner_team_help": {
        "sv": "Enhetens team står först, sedan andra som kan äga en åtgärd här.",
        "en": "The unit's team comes first, then others who may own an action here.",
    },
    # record
    "record_edit": {"sv": "Deltagare och anteckningar", "en": "Participants and notes"},
    "send_title": {"sv": "Skicka till deltagarna", "en": "Send to the participants"},
    "send_to": {"sv": "Mottagare", "en": "Recipients"},
    "send_button": {"sv": "Skicka protokollet", "en": "Send the record"},
    "send_not_configured": {
        "sv": "E-post är inte inställt för Insikt, så protokollet kan inte skickas härifrån. Ladda ner det "
              "och dela det själv, eller be en administratör ställa in e-post (avsnittet [smtp]).",
        "en": "E-mail is not set up for Insikt, so the record cannot be sent from here. Download it and "
              "share it yourself, or ask an admin to set up e-mail (the [smtp] section).",
    },
    "send_no_address": {"sv": "Ingen i teamet har en e-postadress.", "en": "Nobody in the team has an e-mail address."},
    "send_pick": {"sv": "Välj minst en mottagare.", "en": "Choose at least one recipient."},
    "send_done": {"sv": "Protokollet skickades till {n} mottagare.", "en": "The record was sent to {n} recipients."},
    "send_failed": {"sv": "Det gick inte att skicka: {error}", "en": "It could not be sent: {error}"},
    "send_subject": {"sv": "Protokoll från workshoppen {date}, {unit}", "en": "Record of the workshop on {date}, {unit}"},
    "md_title": {"sv": "Workshop", "en": "Workshop"},
    "md_facilitator": {"sv": "Samtalsledare", "en": "Facilitator"},
    "md_participants": {"sv": "Deltagare", "en": "Participants"},
    "md_period": {"sv": "Period", "en": "Period"},
    "md_notes": {"sv": "Anteckningar", "en": "Notes"},
    "md_actions": {"sv": "Det här bestämde vi", "en": "What we decided"},
    "md_no_actions": {"sv": "Inga åtgärder bestämda än.", "en": "No actions decided yet."},
    "md_what": {"sv": "Vad", "en": "What"},
    "md_owner": {"sv": "Ansvarig", "en": "Owner"},
    "md_due": {"sv": "Klart senast", "en": "Due"},
    "md_next_check": {"sv": "Nästa uppföljning", "en": "Next check"},
    "md_agenda": {"sv": "Insikter som diskuterades", "en": "Insights discussed"},
    "md_likely": {"sv": "troligen mellan {low} och {high}", "en": "likely between {low} and {high}"},
    "md_answers": {"sv": "{n} svar", "en": "{n} answers"},
    "md_comparator": {"sv": "jämfört med", "en": "compared with"},
    "md_together": {"sv": "Hör ihop med", "en": "Goes with"},
    "md_note": {"sv": "Anteckning", "en": "Note"},
    "md_proposals": {"sv": "Idéer", "en": "Ideas"},
    "md_no_proposals": {"sv": "Inga idéer.", "en": "No ideas."},
    "md_votes": {"sv": "röster", "en": "votes"},
    "md_action": {"sv": "Åtgärd", "en": "Action"},
    "md_no_action": {"sv": "ingen åtgärd än", "en": "no action yet"},
    "md_none": {"sv": "–", "en": "–"},
    "md_measure_share": {"sv": "Andel av kommentarerna", "en": "Share of comments"},
}
