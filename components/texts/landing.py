"""Texts for the leader's landing (the ranked list of units), the heatmap, figures in
plain words, plural forms, the "about the statistics" section and the chart
alternatives (merged into components.i18n.TEXTS). Keys ending in ``_one`` and
``_other`` are the plural forms of one text (``components.i18n.tn``)."""

TEXTS: dict[str, dict[str, str]] = {
    # figures in words
    "likely_between": {
        "sv": "troligen mellan {low} och {high}, från {n} svar",
        "en": "likely between {low} and {high}, from {n} answers",
    },
    # the landing
    "landing_title": {"sv": "Enheterna: var behövs stöd?", "en": "The units: where is help needed?"},
    "landing_caption": {
        "sv": "{measure} per enhet. Först enheter som behöver stöd: en tydlig svaghet och ingen pågående "
              "åtgärd. Tydliga styrkor och svagheter är kontaktpunkter där enheten tydligt skiljer sig från "
              "resten av organisationen, med samma regel som i värmekartan. Välj en rad för att öppna enheten.",
        "en": "{measure} by unit. First the units that need help: a clear weakness and no open action. "
              "Clear strengths and weaknesses are touchpoints where the unit clearly differs from the rest "
              "of the organisation, by the same rule as the heatmap. Pick a row to open the unit.",
    },
    "landing_need_help_one": {"sv": "{n} enhet behöver stöd.", "en": "{n} unit needs help."},
    "landing_need_help_other": {"sv": "{n} enheter behöver stöd.", "en": "{n} units need help."},
    "landing_nobody": {
        "sv": "Ingen enhet har en tydlig svaghet utan åtgärd.",
        "en": "No unit has a clear weakness without an action.",
    },
    "landing_open_unit": {"sv": "Öppna {unit}", "en": "Open {unit}"},
    "landing_col_unit": {"sv": "Enhet", "en": "Unit"},
    "landing_col_region": {"sv": "Region", "en": "Region"},
    "landing_col_value": {"sv": "Resultat (troligen mellan)", "en": "Result (likely between)"},
    "landing_col_n": {"sv": "Antal svar", "en": "Answers"},
    "landing_col_change": {"sv": "Mot förra perioden", "en": "Against the previous period"},
    "landing_col_strengths": {"sv": "Tydliga styrkor", "en": "Clear strengths"},
    "landing_col_weaknesses": {"sv": "Tydliga svagheter", "en": "Clear weaknesses"},
    "landing_col_open": {"sv": "Pågående åtgärder", "en": "Open actions"},
    "landing_col_overdue": {"sv": "Försenade åtgärder", "en": "Overdue actions"},
    "landing_col_follow_up": {"sv": "Uppföljning inom målet", "en": "Follow-up within target"},
    "landing_needs_help": {"sv": "⚠ {unit} (behöver stöd)", "en": "⚠ {unit} (needs help)"},
    "landing_too_few": {"sv": "för få svar", "en": "too few answers"},
    "landing_change_up": {"sv": "{diff} ↑ tydligt upp", "en": "{diff} ↑ clearly up"},
    "landing_change_down": {"sv": "{diff} ↓ tydligt ned", "en": "{diff} ↓ clearly down"},
    "landing_change_same": {"sv": "{diff} ingen tydlig ändring", "en": "{diff} no clear change"},
    "landing_follow_up_share": {"sv": "{share} av {n}", "en": "{share} of {n}"},
    "landing_no_cases": {"sv": "inga ärenden", "en": "no cases"},
    "landing_unit_title": {"sv": "Tydligt bättre och sämre än resten av organisationen",
                           "en": "Clearly better and worse than the rest of the organisation"},
    "landing_unit_none": {
        "sv": "Ingen kontaktpunkt skiljer sig tydligt från resten av organisationen.",
        "en": "No touchpoint clearly differs from the rest of the organisation.",
    },
    "landing_unit_line": {
        "sv": "{symbol} **{touchpoint}**: {measure} {value}, {words}; resten av organisationen {other}.",
        "en": "{symbol} **{touchpoint}**: {measure} {value}, {words}; the rest of the organisation {other}.",
    },
    "landing_strength_word": {"sv": "▲ Tydligt bättre", "en": "▲ Clearly better"},
    "landing_weakness_word": {"sv": "▼ Tydligt sämre", "en": "▼ Clearly worse"},
    "landing_read_comments": {"sv": "Läs kommentarerna om {touchpoint}", "en": "Read the comments on {touchpoint}"},
    # the heatmap
    "heat_rows": {"sv": "Ordna enheterna", "en": "Order the units"},
    "heat_columns": {"sv": "Ordna kontaktpunkterna", "en": "Order the touchpoints"},
    "heat_order_natural_rows": {"sv": "Region och namn", "en": "Region and name"},
    "heat_order_natural_columns": {"sv": "Kundresans ordning", "en": "The journey's order"},
    "heat_order_weakest": {"sv": "Svagast först", "en": "Weakest first"},
    "heat_order_strongest": {"sv": "Starkast först", "en": "Strongest first"},
    "heat_open_cell": {"sv": "Öppna en tydlig skillnad", "en": "Open a clear difference"},
    "heat_summary": {
        "sv": "{cells} rutor: {strengths} tydligt bättre, {weaknesses} tydligt sämre än resten av organisationen.",
        "en": "{cells} cells: {strengths} clearly better, {weaknesses} clearly worse than the rest of the organisation.",
    },
    "cell_strength": {"sv": "▲ tydligt bättre", "en": "▲ clearly better"},
    "cell_weakness": {"sv": "▼ tydligt sämre", "en": "▼ clearly worse"},
    "cell_no_clear_difference": {"sv": "ingen tydlig skillnad", "en": "no clear difference"},
    "cell_too_few": {"sv": "för få svar", "en": "too few answers"},
    "cell_no_comparator": {"sv": "inget att jämföra med", "en": "nothing to compare with"},
    "col_rest": {"sv": "Resten av organisationen", "en": "The rest of the organisation"},
    # plotly's decimal and thousands separators for numbers it writes itself (axes, hovers)
    "plot_separators": {"sv": ",\u202f", "en": ".,"},
    # chart alternatives
    "show_as_table": {"sv": "Visa som tabell", "en": "Show as table"},
    "trend_summary": {
        "sv": "{measure} från {first} ({first_value}) till {last} ({last_value}), {periods} perioder.",
        "en": "{measure} from {first} ({first_value}) to {last} ({last_value}), {periods} periods.",
    },
    "drivers_summary": {
        "sv": "{n} faktorer; först i listan {first} ({value}).",
        "en": "{n} factors; first in the list {first} ({value}).",
    },
    "themes_summary": {
        "sv": "{n} teman; först i listan {first} ({share} av kommentarerna).",
        "en": "{n} themes; first in the list {first} ({share} of the comments).",
    },
    "per_month_summary": {
        "sv": "{created} åtgärder skapade och {completed} klara under {months} månader.",
        "en": "{created} actions created and {completed} done over {months} months.",
    },
    "trend_keyboard": {"sv": "Öppna kommentarerna från en period", "en": "Open the comments of a period"},
    "trend_keyboard_button": {"sv": "Öppna", "en": "Open"},
    "col_period": {"sv": "Period", "en": "Period"},
    "col_value": {"sv": "Värde", "en": "Value"},
    "col_low": {"sv": "Troligen från", "en": "Likely from"},
    "col_high": {"sv": "Troligen till", "en": "Likely to"},
    "col_note": {"sv": "Not", "en": "Note"},
    "note_hidden": {"sv": "för få svar", "en": "too few answers"},
    "note_small": {"sv": "litet underlag", "en": "small sample"},
    # imported segments of the demo (others read as their column name, without underscores)
    "segment_customer_type": {"sv": "Kundtyp", "en": "Customer type"},
    "segment_order_value": {"sv": "Ordervärde", "en": "Order value"},
    # plurals
    "arrivals_since_one": {
        "sv": "{n} ny kommentar sedan ditt förra besök ({when}): inläst {imported}, skriven {written}.",
        "en": "{n} new comment since your last visit ({when}): imported {imported}, written {written}.",
    },
    "arrivals_first_visit_one": {
        "sv": "{n} kommentar lästes in de senaste 7 dagarna ({imported}), skriven {written}.",
        "en": "{n} comment was imported in the last 7 days ({imported}), written {written}.",
    },
    "overdue_count_one": {"sv": "{n} är försenad.", "en": "{n} is overdue."},
    "overdue_count_other": {"sv": "{n} är försenade.", "en": "{n} are overdue."},
    # about the statistics
    "about_stats_title": {"sv": "Om statistiken", "en": "About the statistics"},
    "about_stats_body": {
        "sv": "**NPS** (Net Promoter Score) är andelen som ger 9–10 på frågan om de skulle rekommendera oss, "
              "minus andelen som ger 0–6, i poäng från −100 till 100.\n\n"
              "**Intervall** – ”troligen mellan 26 och 31” betyder att det verkliga värdet med 95 % säkerhet "
              "ligger där; ju fler svar, desto smalare intervall. **n** är antalet svar bakom en siffra. Grupper "
              "med för få svar visas inte, små grupper flaggas.\n\n"
              "**Tydlig** – en skillnad kallas tydlig (en styrka eller svaghet, en tydlig ändring) först när den "
              "håller även när man tar hänsyn till att sidan gör många jämförelser samtidigt; annars kan den "
              "vara slumpen.\n\n"
              "*Metoderna:* NPS-intervall med justerad Wald-metod (Lewis & Sauro), andelar med Wilson-intervall, "
              "skillnader mellan andelar med Newcombes intervall, många jämförelser med Benjamini–Hochbergs "
              "kontroll av andelen falska fynd (5 %), trender utjämnade med LOWESS på perioder.",
        "en": "**NPS** (Net Promoter Score) is the share who give 9–10 when asked whether they would recommend "
              "us, minus the share who give 0–6, in points from −100 to 100.\n\n"
              "**Interval** – “likely between 26 and 31” means that the true value lies there with 95 % "
              "confidence; the more answers, the narrower the interval. **n** is the number of answers behind a "
              "figure. Groups with too few answers are not shown, small groups are flagged.\n\n"
              "**Clear** – a difference is called clear (a strength or weakness, a clear change) only when it "
              "holds even after taking into account that the page makes many comparisons at once; otherwise it "
              "may be chance.\n\n"
              "*The methods:* NPS intervals by the adjusted Wald method (Lewis & Sauro), shares with Wilson "
              "intervals, differences of shares with Newcombe's interval, many comparisons with "
              "Benjamini–Hochberg control of the false discovery rate (5 %), trends smoothed with LOWESS on "
              "periods.",
    },
}
