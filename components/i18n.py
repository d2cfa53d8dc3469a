"""Every visible string, in Swedish and English, and locale-aware formatting.

``t("key", name=…)`` looks up the current language's text and fills in the
placeholders; ``tn("key", count, …)`` picks the plural form of ``count`` (texts
``key_one`` and ``key_other``). Numbers, dates and plural forms come from Babel
(:mod:`analysis.formatting`): a decimal comma and Swedish month names in Swedish,
a true minus sign in both languages.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import formatting
import components.texts
from queries.config import default_language

LANGUAGES = {"sv": "Svenska", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    # shell, login, menu
    "app_title": {"sv": "Insikt", "en": "Insikt"},
    "tagline": {
        "sv": "Kundernas röster, teamets samtal, gemensamma åtgärder.",
        "en": "Customers' voices, the team's conversation, shared actions.",
    },
    "language": {"sv": "Språk", "en": "Language"},
    "login_title": {"sv": "Logga in", "en": "Log in"},
    "username": {"sv": "Användarnamn", "en": "Username"},
    "password": {"sv": "Lösenord", "en": "Password"},
    "login_button": {"sv": "Logga in", "en": "Log in"},
    "login_sso": {"sv": "Logga in med organisationens konto", "en": "Log in with your organisation account"},
    "sso_unknown": {
        "sv": "Kontot {email} är inte kopplat till någon användare i Insikt. Be en administratör lägga till det.",
        "en": "The account {email} is not linked to any Insikt user. Ask an administrator to add it.",
    },
    "login_failed": {"sv": "Fel användarnamn eller lösenord.", "en": "Wrong username or password."},
    "login_throttled": {
        "sv": "För många misslyckade försök. Vänta {seconds} sekunder och försök igen.",
        "en": "Too many failed attempts. Wait {seconds} seconds and try again.",
    },
    "login_missing": {"sv": "Fyll i användarnamn och lösenord.", "en": "Enter a username and a password."},
    "demo_hint": {
        "sv": "Demodatabas: logga in som leader, manager, staff eller admin med lösenordet demo.",
        "en": "Demo database: log in as leader, manager, staff or admin with the password demo.",
    },
    "logout": {"sv": "Logga ut", "en": "Log out"},
    "signed_in_as": {"sv": "Inloggad som **{name}** ({role})", "en": "Signed in as **{name}** ({role})"},
    "role_leader": {"sv": "ledning", "en": "leadership"},
    "role_manager": {"sv": "chef", "en": "manager"},
    "role_staff": {"sv": "medarbetare", "en": "staff"},
    "role_admin": {"sv": "administratör", "en": "administrator"},
    "menu_overview": {"sv": "Översikt", "en": "Overview"},
    "not_for_role": {
        "sv": "Den här sidan är inte tillgänglig för din roll. Välj en sida i menyn.",
        "en": "This page is not available to your role. Pick a page in the menu.",
    },
    "db_unavailable_title": {"sv": "Databasen kan inte nås", "en": "The database cannot be reached"},
    "db_unavailable_body": {
        "sv": "Insikt kunde inte ansluta till eller uppgradera databasen.\n\n"
        "**Fel:** {detail}\n\nKontrollera:\n"
        "- att `DATABASE_URL` (eller `[connections.insikt] url` i `.streamlit/secrets.toml`) pekar på rätt server och databas,\n"
        "- att databasservern är igång och tar emot anslutningar från den här datorn,\n"
        "- att användaren har rätt att skapa tabeller.\n\nFörsök igen när felet är åtgärdat.",
        "en": "Insikt could not connect to or upgrade the database.\n\n"
        "**Error:** {detail}\n\nPlease check:\n"
        "- that `DATABASE_URL` (or `[connections.insikt] url` in `.streamlit/secrets.toml`) names the right server and database,\n"
        "- that the database server is running and accepts connections from this machine,\n"
        "- that the user may create tables.\n\nTry again once it is fixed.",
    },
    "building_demo": {
        "sv": "Första start: bygger demoorganisationen ({n} svar)…",
        "en": "First start: building the demo organisation ({n} responses)…",
    },
    "demo_built": {"sv": "Demodata klar.", "en": "Demo data ready."},
    # filters
    "filters": {"sv": "Urval", "en": "Filters"},
    "unit": {"sv": "Enhet", "en": "Unit"},
    "all_units": {"sv": "Alla enheter", "en": "All units"},
    "period": {"sv": "Period", "en": "Period"},
    "period_3m": {"sv": "Senaste 3 månaderna", "en": "Last 3 months"},
    "period_6m": {"sv": "Senaste 6 månaderna", "en": "Last 6 months"},
    "period_12m": {"sv": "Senaste 12 månaderna", "en": "Last 12 months"},
    "period_24m": {"sv": "Senaste 24 månaderna", "en": "Last 24 months"},
    "period_ytd": {"sv": "Hittills i år", "en": "Year to date"},
    "period_custom": {"sv": "Vald period", "en": "Chosen period"},
    "period_filter": {"sv": "periodfiltret", "en": "the period filter"},
    "touchpoint": {"sv": "Kontaktpunkt", "en": "Touchpoint"},
    "all_touchpoints": {"sv": "Alla kontaktpunkter", "en": "All touchpoints"},
    "channel": {"sv": "Kanal", "en": "Channel"},
    "all_channels": {"sv": "Alla kanaler", "en": "All channels"},
    "channel_email": {"sv": "E-post", "en": "Email"},
    "channel_sms": {"sv": "SMS", "en": "Text message"},
    "channel_web": {"sv": "Webb", "en": "Web"},
    "bad_param": {
        "sv": "Värdet ”{value}” för {field} i adressen finns inte. Visar {fallback} i stället.",
        "en": "The value “{value}” for {field} in the address does not exist. Showing {fallback} instead.",
    },
    "unit_refused": {
        "sv": "Enheten ”{value}” i adressen ingår inte i det du har behörighet att se. Visar {fallback} i stället.",
        "en": "The unit “{value}” in the address is not among the units you may see. Showing {fallback} instead.",
    },
    "no_units": {
        "sv": "Ditt konto är inte kopplat till någon enhet. Be en administratör om hjälp.",
        "en": "Your account is not linked to any unit. Ask an administrator for help.",
    },
    # overview
    "overview_title": {"sv": "Översikt: {unit}", "en": "Overview: {unit}"},
    "headline_interval": {"sv": "troligen mellan {low} och {high} · n = {n}", "en": "likely between {low} and {high} · n = {n}"},
    "not_enough": {"sv": "För få svar (n = {n})", "en": "Not enough responses (n = {n})"},
    "small_sample_flag": {
        "sv": "Litet underlag (n = {n}): tolka med försiktighet.",
        "en": "Small sample (n = {n}): interpret with care.",
    },
    "trend_title": {"sv": "Utveckling", "en": "Trend"},
    "grain": {"sv": "Per", "en": "By"},
    "grain_week": {"sv": "vecka", "en": "week"},
    "grain_month": {"sv": "månad", "en": "month"},
    "grain_quarter": {"sv": "kvartal", "en": "quarter"},
    "measure": {"sv": "Mått", "en": "Measure"},
    "band_label": {"sv": "95 % konfidensband", "en": "95% confidence band"},
    "trend_hidden_note": {
        "sv": "Perioder med färre än {min} svar visas som luckor ({count} st): {periods}.",
        "en": "Periods with fewer than {min} responses are shown as gaps ({count}): {periods}.",
    },
    "trend_small_note": {
        "sv": "Perioder med färre än {small} svar är markerade med ringar; bandet är där brett.",
        "en": "Periods with fewer than {small} responses are marked with rings; the band is wide there.",
    },
    "trend_empty": {
        "sv": "Inga svar i det här urvalet. Prova en längre period eller färre filter.",
        "en": "No responses in this selection. Try a longer period or fewer filters.",
    },
    "trend_click_hint": {
        "sv": "Klicka på en punkt, eller välj en period nedan, för att läsa kommentarerna från den perioden.",
        "en": "Click a point, or pick a period below, to read the comments from that period.",
    },
    "hover_period": {"sv": "Period", "en": "Period"},
    "hover_interval": {"sv": "Troligen mellan", "en": "Likely between"},
    "change_title": {"sv": "Jämfört med föregående period", "en": "Compared with the previous period"},
    # comments page
    "menu_comments": {"sv": "Kommentarer", "en": "Comments"},
    "comments_title": {"sv": "Kommentarer: {unit}", "en": "Comments: {unit}"},
    "comments_caption": {"sv": "{period}: {start} – {end}.", "en": "{period}: {start} – {end}."},
    "view": {"sv": "Visa", "en": "Show"},
    "view_list": {"sv": "Kommentarer", "en": "Comments"},
    "view_themes": {"sv": "Teman", "en": "Themes"},
    "view_emerging": {"sv": "Nytt och växande", "en": "New and growing"},
    "score_filter": {"sv": "Betyg", "en": "Score"},
    "score_all": {"sv": "Alla betyg", "en": "All scores"},
    "no_score": {"sv": "Inget betyg", "en": "No score"},
    "theme_filter": {"sv": "Tema", "en": "Theme"},
    "theme_all": {"sv": "Alla teman", "en": "All themes"},
    "theme_other": {"sv": "Övrigt (inget tema)", "en": "Other (no theme)"},
    "language_filter": {"sv": "Kommentarens språk", "en": "Comment language"},
    "language_all": {"sv": "Alla språk", "en": "All languages"},
    "search": {"sv": "Sök i kommentarerna", "en": "Search the comments"},
    "search_help": {
        "sv": "Ord och ”fraser inom citattecken”. Början av ett ord räcker: vänt hittar väntade och väntetid.",
        "en": "Words and “phrases in quotes”. The start of a word is enough: wait finds waiting and waited.",
    },
    "sort": {"sv": "Ordning", "en": "Order"},
    "sort_newest": {"sv": "Nyast först", "en": "Newest first"},
    "sort_oldest": {"sv": "Äldst först", "en": "Oldest first"},
    "sort_lowest": {"sv": "Lägst betyg först", "en": "Lowest score first"},
    "sort_highest": {"sv": "Högst betyg först", "en": "Highest score first"},
    "sort_relevance": {"sv": "Bäst träff först", "en": "Best match first"},
    "showing": {"sv": "Visar {first}–{last} av {total} kommentarer.", "en": "Showing {first}–{last} of {total} comments."},
    "no_comments": {
        "sv": "Inga kommentarer matchar urvalet. Prova en längre period, ett annat tema eller färre sökord.",
        "en": "No comments match this selection. Try a longer period, another theme or fewer search words.",
    },
    "page_number": {"sv": "Sida", "en": "Page"},
    "page_of": {"sv": "av {pages}", "en": "of {pages}"},
    "download": {"sv": "Ladda ner som CSV", "en": "Download as CSV"},
    "download_help": {
        "sv": "Alla kommentarer i urvalet (högst {limit}), bara från enheter du har behörighet till.",
        "en": "Every comment of this selection (at most {limit}), only from units you may see.",
    },
    "theme_share_context": {"sv": "{n} kommentarer i urvalet", "en": "{n} comments in this selection"},
    "open_new": {"sv": "Visa de nya", "en": "Show the new ones"},
    "since_active": {
        "sv": "Visar bara kommentarer som kommit in efter {when}.",
        "en": "Showing only comments that came in after {when}.",
    },
    "clear_since": {"sv": "Visa alla", "en": "Show all"},
    "themes_title": {"sv": "Vad kunderna skriver om", "en": "What customers write about"},
    "themes_caption": {
        "sv": "Andel av de {n} kommentarerna i urvalet som nämner varje tema, med troligt spann. Rangordnat efter hur många som nämner det, inte efter hur starkt någon uttrycker sig.",
        "en": "Share of the {n} comments in this selection that mention each theme, with the likely range. Ranked by how many mention it, not by how strongly anyone puts it.",
    },
    "rank_by": {"sv": "Rangordna efter", "en": "Rank by"},
    "rank_volume": {"sv": "Hur många som nämner det", "en": "How many mention it"},
    "share_of_comments": {"sv": "Andel av kommentarerna", "en": "Share of comments"},
    "share_line": {"sv": "{share} av kommentarerna (troligen {low}–{high}), {k} av {n}",
                   "en": "{share} of comments (likely {low}–{high}), {k} of {n}"},
    "group_share_line": {"sv": "{share} ({k} av {n})", "en": "{share} ({k} of {n})"},
    "open_comments": {"sv": "Läs kommentarerna", "en": "Read the comments"},
    "too_few_comments": {
        "sv": "För få kommentarer för att visa teman (n = {n}).",
        "en": "Too few comments to show themes (n = {n}).",
    },
    "emerging_caption": {
        "sv": "De senaste 4 veckorna ({recent}) jämfört med de 12 veckorna före ({base}). Ett tema räknas som växande först när ökningen håller efter kontroll för många jämförelser.",
        "en": "The last 4 weeks ({recent}) against the 12 weeks before ({base}). A theme counts as growing only when the rise holds after control for many comparisons.",
    },
    "emerging_item": {
        "sv": "{now} av kommentarerna de senaste 4 veckorna mot {before} veckorna före: {diff} procentenheter (troligen mellan {low} och {high}; {k} av {n} kommentarer).",
        "en": "{now} of comments in the last 4 weeks against {before} in the weeks before: {diff} percentage points (likely between {low} and {high}; {k} of {n} comments).",
    },
    "emerging_none": {
        "sv": "Inget tema och inget ord ökar tydligt just nu. Det som ökat mest ligger inom slumpens marginal:",
        "en": "No theme and no word is clearly growing right now. What rose most is within noise:",
    },
    "emerging_noise": {"sv": "inom slumpens marginal", "en": "within noise"},
    "word_label": {"sv": "ordet ”{word}”", "en": "the word “{word}”"},
    "examples": {"sv": "Exempel", "en": "Examples"},
    "new_badge": {"sv": "Nytt eller växande", "en": "New or growing"},
    # strengths page
    "menu_strengths": {"sv": "Styrkor och svagheter", "en": "Strengths and weaknesses"},
    "strengths_title": {"sv": "Styrkor och svagheter: {unit}", "en": "Strengths and weaknesses: {unit}"},
    "comparator": {"sv": "Jämför med", "en": "Compare with"},
    "comparator_organisation": {"sv": "resten av organisationen", "en": "the rest of the organisation"},
    "comparator_previous": {"sv": "föregående period", "en": "the previous period"},
    "comparator_region": {"sv": "resten av regionen", "en": "the rest of the region"},
    "comparator_target": {"sv": "målet", "en": "the target"},
    "comparator_missing": {
        "sv": "Det finns inget att jämföra med för {comparator}: {reason}",
        "en": "There is nothing to compare with for {comparator}: {reason}",
    },
    "reason_everything_selected": {
        "sv": "alla enheter är valda. Välj en enhet eller region, eller jämför med föregående period.",
        "en": "every unit is selected. Pick a unit or region, or compare with the previous period.",
    },
    "reason_no_data": {"sv": "inga svar under perioden.", "en": "no responses in the period."},
    "reason_too_few_units": {
        "sv": "för få enheter för att visa ett sammanvägt värde utan att röja enskilda enheter.",
        "en": "too few units to show a combined figure without revealing single units.",
    },
    "strengths_caption": {
        "sv": "{n} jämförelser på sidan. En styrka eller svaghet kräver att skillnaden håller efter kontroll för många jämförelser.",
        "en": "{n} comparisons on this page. A strength or weakness needs a difference that holds after control for many comparisons.",
    },
    "strengths_heading": {"sv": "Styrkor", "en": "Strengths"},
    "weaknesses_heading": {"sv": "Svagheter", "en": "Weaknesses"},
    "no_strength": {
        "sv": "Ingen tydlig styrka jämfört med {comparator}. Närmast, men inom slumpens marginal (alltså inte en styrka):",
        "en": "No clear strength compared with {comparator}. Closest, but within noise (so not a strength):",
    },
    "no_weakness": {
        "sv": "Ingen tydlig svaghet jämfört med {comparator}. Närmast, men inom slumpens marginal (alltså inte en svaghet):",
        "en": "No clear weakness compared with {comparator}. Closest, but within noise (so not a weakness):",
    },
    "nothing_close": {"sv": "Inget ligger ens nära.", "en": "Nothing comes close."},
    "sentence_strength": {
        "sv": "Kunderna ger {group} ett tydligt högre {measure} här än {comparator}.",
        "en": "Customers give {group} a clearly higher {measure} here than {comparator}.",
    },
    "sentence_weakness": {
        "sv": "Kunderna ger {group} ett tydligt lägre {measure} här än {comparator}.",
        "en": "Customers give {group} a clearly lower {measure} here than {comparator}.",
    },
    "sentence_close_strength": {
        "sv": "{group}: högre {measure} än {comparator}, men inom slumpens marginal.",
        "en": "{group}: higher {measure} than {comparator}, but within noise.",
    },
    "sentence_close_weakness": {
        "sv": "{group}: lägre {measure} än {comparator}, men inom slumpens marginal.",
        "en": "{group}: lower {measure} than {comparator}, but within noise.",
    },
    "measure_nps": {"sv": "NPS", "en": "NPS"},
    "measure_csat": {"sv": "andel nöjda (4–5)", "en": "share satisfied (4–5)"},
    "group_overall": {"sv": "helheten", "en": "the overall experience"},
    "dimension_touchpoint": {"sv": "kontaktpunkten {name}", "en": "the touchpoint {name}"},
    "dimension_channel": {"sv": "kanalen {name}", "en": "the channel {name}"},
    "dimension_theme": {"sv": "temat {name}", "en": "the theme {name}"},
    "dimension_segment": {"sv": "segmentet {name}", "en": "the segment {name}"},
    "card_numbers": {
        "sv": "Här {value} (troligen mellan {low} och {high}, n = {n}) · {comparator_label} {comp_value} (n = {comp_n}) · skillnad {diff} (troligen mellan {diff_low} och {diff_high})",
        "en": "Here {value} (likely between {low} and {high}, n = {n}) · {comparator_label} {comp_value} (n = {comp_n}) · difference {diff} (likely between {diff_low} and {diff_high})",
    },
    "card_numbers_target": {
        "sv": "Här {value} (troligen mellan {low} och {high}, n = {n}) · mål {comp_value} · skillnad {diff} (troligen mellan {diff_low} och {diff_high})",
        "en": "Here {value} (likely between {low} and {high}, n = {n}) · target {comp_value} · difference {diff} (likely between {diff_low} and {diff_high})",
    },
    "comparison_label": {"sv": "jämförelse", "en": "comparison"},
    "here_label": {"sv": "här", "en": "here"},
    "too_few_groups": {
        "sv": "För få svar för att bedöma ({n} grupper under {min} svar): {groups}",
        "en": "Too few responses to judge ({n} groups under {min} responses): {groups}",
    },
    "pin": {"sv": "Fäst som insikt", "en": "Pin as insight"},
    "pinned": {"sv": "Fäst som insikt för workshoppen.", "en": "Pinned as an insight for the workshop."},
    "percentage_points": {"sv": "procentenheter", "en": "percentage points"},
    "pin_pick_unit": {
        "sv": "Välj en enhet eller region i urvalet för att fästa en insikt.",
        "en": "Pick a unit or region in the filters to pin an insight.",
    },
    "already_pinned": {"sv": "Den här insikten är redan fäst.", "en": "This insight is already pinned."},
    "drivers_title": {"sv": "Vad som betyder mest för kunderna", "en": "What matters most to customers"},
    "where_we_stand": {"sv": "Var vi står", "en": "Where we stand"},
    "heatmap_title": {"sv": "Enheter och kontaktpunkter", "en": "Units and touchpoints"},
    "heatmap_empty": {"sv": "Inga enheter att visa.", "en": "No units to show."},
    # actions page
    "menu_actions": {"sv": "Åtgärder", "en": "Actions"},
    "actions_title": {"sv": "Åtgärder", "en": "Actions"},
    "actions_caption": {
        "sv": "Från insikt till åtgärd med ägare och datum, och om det hjälpte.",
        "en": "From insight to action with an owner and a date, and whether it helped.",
    },
    "tab_tracker": {"sv": "Uppföljning", "en": "Tracking"},
    "tab_actions": {"sv": "Åtgärder", "en": "Actions"},
    "tab_new_action": {"sv": "Ny åtgärd", "en": "New action"},
    "state_done_on_time": {"sv": "Klar i tid", "en": "Done on time"},
    "state_done_late": {"sv": "Klar sent", "en": "Done late"},
    "state_overdue": {"sv": "Försenad", "en": "Overdue"},
    "state_open": {"sv": "Pågår", "en": "Open"},
    "state_cancelled": {"sv": "Avbruten", "en": "Cancelled"},
    "status_planned": {"sv": "Planerad", "en": "Planned"},
    "status_in_progress": {"sv": "Pågår", "en": "In progress"},
    "status_done": {"sv": "Klar", "en": "Done"},
    "status_cancelled": {"sv": "Avbruten", "en": "Cancelled"},
    "completion_title": {"sv": "Genomförande per enhet", "en": "Completion by unit"},
    "completion_caption": {
        "sv": "{done} av {total} åtgärder klara ({share}), varav {on_time} i tid.",
        "en": "{done} of {total} actions done ({share}), {on_time} of them on time.",
    },
    "overdue_title": {"sv": "Försenade åtgärder", "en": "Overdue actions"},
    "overdue_none": {"sv": "Inga försenade åtgärder.", "en": "No overdue actions."},
    "days_overdue": {"sv": "Dagar sen", "en": "Days overdue"},
    "no_action_title": {"sv": "Insikter utan åtgärd", "en": "Insights without an action"},
    "no_action_none": {"sv": "Alla fästa insikter har en åtgärd.", "en": "Every pinned insight has an action."},
    "per_month_title": {"sv": "Skapade och klara per månad", "en": "Created and completed per month"},
    "created_label": {"sv": "Skapade", "en": "Created"},
    "completed_label": {"sv": "Klara", "en": "Completed"},
    "effect_title": {"sv": "Hjälpte det?", "en": "Did it help?"},
    "effect_caption": {
        "sv": "Måttet {weeks} veckor före åtgärden skapades mot {weeks} veckor efter att den blev klar, med troligt spann. Före/efter är inget bevis för orsak: annat förändras också.",
        "en": "The measure {weeks} weeks before the action was created against {weeks} weeks after it was done, with the likely range. Before/after is no proof of cause: other things change too.",
    },
    "effect_summary": {
        "sv": "Av {total} klara åtgärder med ett mått förbättrade {improved} tydligt sitt mått.",
        "en": "Of {total} completed actions with a measure, {improved} clearly improved it.",
    },
    "verdict_improved": {"sv": "Tydlig förbättring", "en": "Clearly improved"},
    "verdict_no_clear_change": {"sv": "Ingen tydlig förändring", "en": "No clear change"},
    "verdict_worse": {"sv": "Tydlig försämring", "en": "Clearly worse"},
    "verdict_too_few": {"sv": "För få svar", "en": "Too few responses"},
    "verdict_not_done": {"sv": "Inte klar", "en": "Not done"},
    "effect_window_weeks": {"sv": "Veckor före och efter", "en": "Weeks before and after"},
    "col_title": {"sv": "Åtgärd", "en": "Action"},
    "col_unit": {"sv": "Enhet", "en": "Unit"},
    "col_region": {"sv": "Region", "en": "Region"},
    "col_owner": {"sv": "Ägare", "en": "Owner"},
    "col_due": {"sv": "Klar senast", "en": "Due"},
    "col_status": {"sv": "Status", "en": "Status"},
    "col_state": {"sv": "Läge", "en": "State"},
    "col_insight": {"sv": "Insikt", "en": "Insight"},
    "col_pinned": {"sv": "Fäst", "en": "Pinned"},
    "col_before": {"sv": "Före", "en": "Before"},
    "col_after": {"sv": "Efter", "en": "After"},
    "col_difference": {"sv": "Skillnad (troligt spann)", "en": "Difference (likely range)"},
    "col_verdict": {"sv": "Bedömning", "en": "Verdict"},
    "col_total": {"sv": "Totalt", "en": "Total"},
    "col_kind": {"sv": "Typ", "en": "Kind"},
    "kind_strength": {"sv": "Styrka", "en": "Strength"},
    "kind_weakness": {"sv": "Svaghet", "en": "Weakness"},
    "kind_trend": {"sv": "Trend", "en": "Trend"},
    "kind_emerging_issue": {"sv": "Nytt problem", "en": "Emerging issue"},
    "filter_status": {"sv": "Status", "en": "Status"},
    "filter_owner": {"sv": "Ägare", "en": "Owner"},
    "all_owners": {"sv": "Alla ägare", "en": "All owners"},
    "pick_action": {"sv": "Välj en åtgärd i tabellen för att se och ändra den.", "en": "Pick an action in the table to see and edit it."},
    "no_actions": {"sv": "Inga åtgärder i urvalet.", "en": "No actions in this selection."},
    "field_title": {"sv": "Rubrik", "en": "Title"},
    "field_description": {"sv": "Beskrivning", "en": "Description"},
    "field_owner": {"sv": "Ägare", "en": "Owner"},
    "field_due": {"sv": "Klar senast", "en": "Due date"},
    "field_status": {"sv": "Status", "en": "Status"},
    "field_effect": {"sv": "Mått som ska påverkas", "en": "Measure it should move"},
    "field_insight": {"sv": "Insikt som åtgärden svarar på", "en": "Insight it answers"},
    "field_unit": {"sv": "Enhet", "en": "Unit"},
    "no_insight": {"sv": "(ingen)", "en": "(none)"},
    "no_measure": {"sv": "(inget)", "en": "(none)"},
    "save": {"sv": "Spara", "en": "Save"},
    "create": {"sv": "Skapa åtgärd", "en": "Create action"},
    "mark_done": {"sv": "Markera som klar", "en": "Mark as done"},
    "saved": {"sv": "Sparat.", "en": "Saved."},
    "created_action": {"sv": "Åtgärden är skapad.", "en": "The action is created."},
    "confirm_past_due": {
        "sv": "Datumet har redan passerat. Kryssa i för att spara ändå.",
        "en": "The date has already passed. Tick to save anyway.",
    },
    "confirm_past_due_box": {"sv": "Ja, datumet ska vara bakåt i tiden", "en": "Yes, the date is meant to be in the past"},
    "stale_title": {
        "sv": "{who} ändrade åtgärden {when} medan du redigerade. Inget har skrivits över.",
        "en": "{who} changed the action at {when} while you were editing. Nothing was overwritten.",
    },
    "your_version": {"sv": "Din version", "en": "Your version"},
    "current_version": {"sv": "Sparad version nu", "en": "Saved version now"},
    "reload_current": {"sv": "Börja om från den sparade versionen", "en": "Start again from the saved version"},
    "history_title": {"sv": "Ändringshistorik", "en": "Change history"},
    "col_when": {"sv": "När", "en": "When"},
    "col_who": {"sv": "Vem", "en": "Who"},
    "col_field": {"sv": "Fält", "en": "Field"},
    "col_old": {"sv": "Före", "en": "Old"},
    "col_new": {"sv": "Efter", "en": "New"},
    "read_only_staff": {
        "sv": "Du kan läsa teamets åtgärder och markera dina egna som klara.",
        "en": "You can read your team's actions and mark your own as done.",
    },
    "error_title_required": {"sv": "Skriv en rubrik.", "en": "Enter a title."},
    "error_title_too_long": {"sv": "Rubriken är för lång (högst 200 tecken).", "en": "The title is too long (200 characters at most)."},
    "error_unit_out_of_scope": {"sv": "Du kan inte planera åtgärder för den enheten.", "en": "You cannot plan actions for that unit."},
    "error_owner_required": {"sv": "Välj en ägare.", "en": "Pick an owner."},
    "error_owner_outside_unit": {
        "sv": "{owner} kan inte äga en åtgärd för {unit}: ägaren ska höra till {unit}, en enhet under den eller dess region, eller vara ledning eller administratör.",
        "en": "{owner} cannot own an action of {unit}: the owner must belong to {unit}, a unit below it or its region, or be a leader or admin.",
    },
    "error_due_date_required": {"sv": "Välj ett slutdatum.", "en": "Pick a due date."},
    "error_bad_due_date": {"sv": "Slutdatumet måste vara ett datum.", "en": "The due date must be a date."},
    "error_unknown_insight": {"sv": "Insikten finns inte bland enheterna du ser.", "en": "The insight is not among the units you see."},
    "error_bad_status": {"sv": "Okänd status.", "en": "Unknown status."},
    "error_bad_expected_effect": {"sv": "Okänt mått.", "en": "Unknown measure."},
    # workshop page
    "menu_workshop": {"sv": "Workshop", "en": "Workshop"},
    "workshop_title": {"sv": "Workshop: {unit}", "en": "Workshop: {unit}"},
    "workshop_pick_unit": {
        "sv": "Välj en enhet i urvalet för att förbereda en workshop.",
        "en": "Pick a unit in the filters to prepare a workshop.",
    },
    "mode": {"sv": "Steg", "en": "Step"},
    "mode_prepare": {"sv": "1. Förbered", "en": "1. Prepare"},
    "mode_present": {"sv": "2. Presentera", "en": "2. Present"},
    "mode_decide": {"sv": "3. Besluta", "en": "3. Decide"},
    "mode_record": {"sv": "4. Protokoll", "en": "4. Record"},
    "workshop_choose": {"sv": "Workshop", "en": "Workshop"},
    "workshop_new": {"sv": "Ny workshop", "en": "New workshop"},
    "workshop_label": {"sv": "{date} · {facilitator}", "en": "{date} · {facilitator}"},
    "held_on": {"sv": "Datum", "en": "Date"},
    "participants": {"sv": "Deltagare", "en": "Participants"},
    "notes": {"sv": "Anteckningar", "en": "Notes"},
    "start_workshop": {"sv": "Skapa workshop", "en": "Create workshop"},
    "agenda_title": {"sv": "Dagordning", "en": "Agenda"},
    "save_agenda": {"sv": "Spara dagordningen", "en": "Save the agenda"},
    "agenda_saved": {"sv": "Dagordningen är sparad ({n} punkter).", "en": "The agenda is saved ({n} items)."},
    "agenda_empty": {"sv": "Dagordningen är tom. Förbered den först.", "en": "The agenda is empty. Prepare it first."},
    "slide_of": {"sv": "{i} av {n}", "en": "{i} of {n}"},
    "previous_slide": {"sv": "Föregående", "en": "Previous"},
    "next_slide": {"sv": "Nästa", "en": "Next"},
    "leave_presentation": {"sv": "Avsluta presentationen", "en": "Leave the presentation"},
    "proposals_title": {"sv": "Teamets förslag", "en": "The team's proposals"},
    "proposal_text": {"sv": "Nytt förslag", "en": "New proposal"},
    "add_proposal": {"sv": "Lägg till förslag", "en": "Add proposal"},
    "votes": {"sv": "{n} röster", "en": "{n} votes"},
    "voting_rule": {
        "sv": "Varje deltagare har tre röster att fördela. Räkna händerna och för in summan med +1 och −1.",
        "en": "Each participant has three votes to give. Count the hands and record the totals with +1 and −1.",
    },
    "vote_up": {"sv": "+1", "en": "+1"},
    "vote_down": {"sv": "−1", "en": "−1"},
    "to_action": {"sv": "Gör till åtgärd", "en": "Make it an action"},
    "became_action": {"sv": "Åtgärd: {title} ({owner}, senast {due})", "en": "Action: {title} ({owner}, due {due})"},
    "history_workshops": {"sv": "Tidigare workshoppar", "en": "Earlier workshops"},
    "download_markdown": {"sv": "Ladda ner som Markdown", "en": "Download as Markdown"},
    "download_printable": {"sv": "Ladda ner som PDF", "en": "Download as PDF"},
    "record_saved": {"sv": "Protokollet är sparat.", "en": "The record is saved."},
    "save_record": {"sv": "Spara protokollet", "en": "Save the record"},
    "emerging_agenda_title": {"sv": "Växande i kommentarerna: {theme}", "en": "Growing in the comments: {theme}"},
    "responses": {"sv": "Svar", "en": "Responses"},
    "responses_count": {"sv": "{n} svar, varav {comments} med kommentar", "en": "{n} responses, {comments} with a comment"},
}
for _part in components.texts.modules():
    _twice = TEXTS.keys() & _part.TEXTS.keys()
    assert not _twice, f"{_part.__name__} defines text keys defined elsewhere: {sorted(_twice)}"
    TEXTS.update(_part.TEXTS)


def current_language() -> str:
    """The language picked in the sidebar (kept in the URL), else the default."""
    language = st.session_state.get("lang")
    return language if language in LANGUAGES else default_language()


def translate(key: str, language: str, **values) -> str:
    """The text for ``key`` in ``language`` with the placeholders filled in."""
    text = TEXTS[key][language]
    return text.format(**values) if values else text


def t(key: str, **values) -> str:
    """The text for ``key`` in the current language."""
    return translate(key, current_language(), **values)


def tn(key: str, count: int, **values) -> str:
    """The text for ``key`` in the plural form of ``count`` ("1 is overdue", "2 are
    overdue"): ``key_one`` or ``key_other``, else ``key`` itself for the forms without
    a text of their own; ``{n}`` in it is ``count`` formatted."""
    language = current_language()
    form = formatting.plural_form(count, language)
    name = next(name for name in (f"{key}_{form}", f"{key}_other", key) if name in TEXTS)
    return translate(name, language, **({"n": number(count)} | values))


def number(value: float | int | None, decimals: int = 0, language: str | None = None,
           signed: bool = False) -> str:
    """``value`` with a thin thousands separator and, in Swedish, a decimal comma
    (:func:`analysis.formatting.number` in the current language)."""
    return formatting.number(value, decimals, language or current_language(), signed)


def day(value: date, language: str | None = None) -> str:
    """A date as people write it: "23 nov. 2026" / "23 Nov 2026"."""
    return formatting.day(value, language or current_language())


def period_label(start: date, grain: str, language: str | None = None) -> str:
    """A short label for the period that starts on ``start``."""
    language = language or current_language()
    if grain == "week":
        iso = start.isocalendar()
        return f"{'v.' if language == 'sv' else 'W'}{iso.week} {iso.year}"
    if grain == "quarter":
        return f"{'K' if language == 'sv' else 'Q'}{(start.month - 1) // 3 + 1} {start.year}"
    return formatting.month(start, language)


def markdown_safe(text: str) -> str:
    """``text`` with every Markdown character escaped, for names that come from data
    (units, themes, imported segments) inside ``st.markdown``."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|~$:" else ch for ch in str(text))


def key_label(prefix: str, key: str) -> str:
    """A readable name for a key that comes from data or settings (an imported column,
    a root cause): its text ``prefix_key`` when there is one, else the key with its
    underscores as spaces and a capital first letter ("order_value" → "Order value")."""
    text_key = f"{prefix}_{key}"
    if text_key in TEXTS:
        return t(text_key)
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]
