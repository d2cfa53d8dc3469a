"""Texts for the measures a deployment has (NPS, satisfaction 1–5, a 1–10 rating,
sentiment labels), periods that follow the data, and comments that arrived
(merged into components.i18n.TEXTS).

Per measure ``m`` (a key of :data:`analysis.measures.MEASURES`): ``measure_choice_m``
(the sidebar), ``headline_m`` and ``measure_help_m`` (the overview),
``measure_m`` (inside a sentence; NPS and satisfaction are in components.i18n),
``group_m_top/middle/bottom`` and ``badge_m_*`` (the sides of its scale),
``praise_title_m``/``raise_title_m`` (themes), ``scale_m`` (key drivers).
"""

TEXTS: dict[str, dict[str, str]] = {
    # the chooser
    "measure_choice_help": {
        "sv": "Måtten som finns i dina data. NPS räknas bara på rekommendationsbetyg 0–10; ett betyg 1–10 "
              "eller stjärnor 1–5 blandas aldrig in i NPS utan visas som egna mått.",
        "en": "The measures your data has. NPS is computed only from 0–10 recommendation scores; a 1–10 "
              "rating or 1–5 stars are never mixed into NPS but shown as measures of their own.",
    },
    "measure_choice_nps": {"sv": "NPS (0–10)", "en": "NPS (0–10)"},
    "measure_choice_csat": {"sv": "Nöjdhet (1–5)", "en": "Satisfaction (1–5)"},
    "measure_choice_scale10": {"sv": "Betyg (1–10)", "en": "Rating (1–10)"},
    "measure_choice_positive": {"sv": "Sentiment (positiv/neutral/negativ)",
                                "en": "Sentiment (positive/neutral/negative)"},
    # headlines
    "headline_nps": {"sv": "NPS", "en": "NPS"},
    "headline_csat": {"sv": "Nöjdhet (andel 4–5)", "en": "Share satisfied (4–5)"},
    "headline_scale10": {"sv": "Andel betyg 9–10 (skala 1–10)", "en": "Share rating 9–10 (1–10 scale)"},
    "headline_positive": {"sv": "Andel positiva", "en": "Share positive"},
    "measure_help_nps": {
        "sv": "Net Promoter Score = andel som ger 9–10 minus andel som ger 0–6, i procentenheter (−100 till 100). "
              "Intervallet visar var värdet troligen ligger (95 % säkerhet).",
        "en": "Net Promoter Score = share scoring 9–10 minus share scoring 0–6, in points (−100 to 100). "
              "The range shows where the value likely lies (95 % confidence).",
    },
    "measure_help_csat": {
        "sv": "Andel av dem som svarat på nöjdhetsfrågan eller gett stjärnor (1–5) som gav 4 eller 5. "
              "Intervallet visar var värdet troligen ligger (95 % säkerhet).",
        "en": "Share of those who answered the satisfaction question or gave stars (1–5) who gave 4 or 5. "
              "The range shows where the value likely lies (95 % confidence).",
    },
    "measure_help_scale10": {
        "sv": "Andel av dem som gett ett betyg på skalan 1–10 som gav 9 eller 10. Det är inte NPS (som bygger "
              "på frågan om att rekommendera, 0–10). Intervallet visar var värdet troligen ligger (95 % säkerhet).",
        "en": "Share of those who gave a rating on the 1–10 scale who gave 9 or 10. It is not NPS (which "
              "rests on the recommend question, 0–10). The range shows where the value likely lies (95 % confidence).",
    },
    "measure_help_positive": {
        "sv": "Andel av de sentimentmärkta svaren (positiv, neutral, negativ) som är positiva. "
              "Intervallet visar var värdet troligen ligger (95 % säkerhet).",
        "en": "Share of the responses labelled with a sentiment (positive, neutral, negative) that are "
              "positive. The range shows where the value likely lies (95 % confidence).",
    },
    "measure_scale10": {"sv": "andel betyg 9–10", "en": "share rating 9–10"},
    "measure_positive": {"sv": "andel positiva", "en": "share positive"},
    "measure_no_answers": {
        "sv": "Inga svar på {measure} i det här urvalet.",
        "en": "No answers on {measure} in this selection.",
    },
    "measure_others": {
        "sv": "Det finns svar på {others}: välj mått i sidomenyn.",
        "en": "There are answers on {others}: pick the measure in the sidebar.",
    },
    "no_data_yet": {
        "sv": "Det finns inga svar ännu för enheterna du ser. En administratör läser in data under Administration.",
        "en": "There are no responses yet for the units you see. An administrator imports data on the Admin page.",
    },
    # the change against the previous period, for any measure
    "change_m_clear_increase": {
        "sv": "{measure} har sannolikt **ökat**: {last} mot {previous} under {prev_start} – {prev_end} "
              "(skillnad {diff}, troligen mellan {low} och {high}; n = {n} mot {n_prev}).",
        "en": "{measure} has likely **risen**: {last} against {previous} in {prev_start} – {prev_end} "
              "(difference {diff}, likely between {low} and {high}; n = {n} against {n_prev}).",
    },
    "change_m_clear_decrease": {
        "sv": "{measure} har sannolikt **minskat**: {last} mot {previous} under {prev_start} – {prev_end} "
              "(skillnad {diff}, troligen mellan {low} och {high}; n = {n} mot {n_prev}).",
        "en": "{measure} has likely **fallen**: {last} against {previous} in {prev_start} – {prev_end} "
              "(difference {diff}, likely between {low} and {high}; n = {n} against {n_prev}).",
    },
    "change_m_no_clear_change": {
        "sv": "{measure}: ingen tydlig förändring, {last} mot {previous} under {prev_start} – {prev_end}. "
              "Skillnaden {diff} ligger inom slumpens marginal (troligen mellan {low} och {high}; n = {n} mot {n_prev}).",
        "en": "{measure}: no clear change, {last} against {previous} in {prev_start} – {prev_end}. "
              "The difference of {diff} is within noise (likely between {low} and {high}; n = {n} against {n_prev}).",
    },
    "change_m_not_enough_data": {
        "sv": "För få svar på {measure} för att jämföra med föregående period ({prev_start} – {prev_end}: "
              "n = {n_prev}; den här perioden n = {n}).",
        "en": "Too few answers on {measure} to compare with the previous period ({prev_start} – {prev_end}: "
              "n = {n_prev}; this period n = {n}).",
    },
    "change_m_no_earlier_data": {
        "sv": "Inget att jämföra med: det finns inga svar på {measure} under föregående period "
              "({prev_start} – {prev_end}), de första kom {first}.",
        "en": "Nothing to compare with: there are no answers on {measure} in the previous period "
              "({prev_start} – {prev_end}); the first came on {first}.",
    },
    # periods that follow the data
    "period_last_week": {"sv": "Förra veckan", "en": "Last week"},
    "period_4w": {"sv": "Senaste 4 veckorna", "en": "Last 4 weeks"},
    "date_from": {"sv": "Från", "en": "From"},
    "date_to": {"sv": "Till", "en": "To"},
    "data_range": {"sv": "Data finns från {first} till {last}.", "en": "Data runs from {first} to {last}."},
    "period_ends_at_latest": {
        "sv": "Senaste svaret kom {latest}; perioden slutar där.",
        "en": "The latest response is from {latest}; the period ends there.",
    },
    "period_weeks_to_latest": {
        "sv": "Senaste svaret kom {latest}; perioden är de hela veckorna fram till dess.",
        "en": "The latest response is from {latest}; the period is the whole weeks up to it.",
    },
    # comments that arrived, apart from when they were written
    "arrivals_since": {
        "sv": "{n} nya kommentarer sedan ditt förra besök ({when}): inlästa {imported}, skrivna {written}.",
        "en": "{n} new comments since your last visit ({when}): imported {imported}, written {written}.",
    },
    "arrivals_first_visit": {
        "sv": "{n} kommentarer lästes in de senaste 7 dagarna ({imported}), skrivna {written}.",
        "en": "{n} comments were imported in the last 7 days ({imported}), written {written}.",
    },
    "on_day": {"sv": "den {day}", "en": "on {day}"},
    "day_range": {"sv": "{first} – {last}", "en": "{first} – {last}"},
    # sides of each scale: the comment filter, cards and theme lists
    "group_nps_top": {"sv": "Promotorer (9–10)", "en": "Promoters (9–10)"},
    "group_nps_middle": {"sv": "Passiva (7–8)", "en": "Passives (7–8)"},
    "group_nps_bottom": {"sv": "Kritiker (0–6)", "en": "Detractors (0–6)"},
    "group_csat_top": {"sv": "Nöjda (4–5)", "en": "Satisfied (4–5)"},
    "group_csat_middle": {"sv": "Neutrala (3)", "en": "Neutral (3)"},
    "group_csat_bottom": {"sv": "Missnöjda (1–2)", "en": "Dissatisfied (1–2)"},
    "group_scale10_top": {"sv": "Betyg 9–10", "en": "Rated 9–10"},
    "group_scale10_middle": {"sv": "Betyg 7–8", "en": "Rated 7–8"},
    "group_scale10_bottom": {"sv": "Betyg 1–6", "en": "Rated 1–6"},
    "group_positive_top": {"sv": "Positiva", "en": "Positive"},
    "group_positive_middle": {"sv": "Neutrala", "en": "Neutral"},
    "group_positive_bottom": {"sv": "Negativa", "en": "Negative"},
    "badge_nps_top": {"sv": "Promotor", "en": "Promoter"},
    "badge_nps_middle": {"sv": "Passiv", "en": "Passive"},
    "badge_nps_bottom": {"sv": "Kritiker", "en": "Detractor"},
    "badge_csat_top": {"sv": "Nöjd", "en": "Satisfied"},
    "badge_csat_middle": {"sv": "Neutral", "en": "Neutral"},
    "badge_csat_bottom": {"sv": "Missnöjd", "en": "Dissatisfied"},
    "badge_scale10_top": {"sv": "Högt betyg", "en": "High rating"},
    "badge_scale10_middle": {"sv": "Mellanbetyg", "en": "Middle rating"},
    "badge_scale10_bottom": {"sv": "Lågt betyg", "en": "Low rating"},
    "badge_positive_top": {"sv": "Positiv", "en": "Positive"},
    "badge_positive_middle": {"sv": "Neutral", "en": "Neutral"},
    "badge_positive_bottom": {"sv": "Negativ", "en": "Negative"},
    "score_nps": {"sv": "NPS-betyg {value}", "en": "NPS score {value}"},
    "score_csat": {"sv": "nöjdhet {value}/5", "en": "satisfaction {value}/5"},
    "score_scale10": {"sv": "betyg {value}/10", "en": "rating {value}/10"},
    "score_positive": {"sv": "sentiment: {value}", "en": "sentiment: {value}"},
    # themes
    "praise_title_nps": {"sv": "Vad promotorer lyfter fram", "en": "What promoters praise"},
    "raise_title_nps": {"sv": "Vad kritiker tar upp", "en": "What detractors raise"},
    "praise_title_csat": {"sv": "Vad nöjda kunder (4–5) lyfter fram", "en": "What satisfied customers (4–5) praise"},
    "raise_title_csat": {"sv": "Vad missnöjda kunder (1–2) tar upp", "en": "What dissatisfied customers (1–2) raise"},
    "praise_title_scale10": {"sv": "Vad de som ger 9–10 lyfter fram", "en": "What those rating 9–10 praise"},
    "raise_title_scale10": {"sv": "Vad de som ger 1–6 tar upp", "en": "What those rating 1–6 raise"},
    "praise_title_positive": {"sv": "Vad positiva kommentarer lyfter fram", "en": "What positive comments praise"},
    "raise_title_positive": {"sv": "Vad negativa kommentarer tar upp", "en": "What negative comments raise"},
    "group_share_none": {"sv": "Inga sådana kommentarer i urvalet.", "en": "No such comments in this selection."},
    "rank_effect_on": {"sv": "Påverkan på {measure}", "en": "Effect on {measure}"},
    "effect_on_lifts": {"sv": "lyfter {measure} med {value}", "en": "lifts {measure} by {value}"},
    "effect_on_drags": {"sv": "drar ner {measure} med {value}", "en": "pulls {measure} down by {value}"},
    "effect_on_none": {"sv": "ingen tydlig påverkan på {measure}", "en": "no clear effect on {measure}"},
    "effect_on_few": {
        "sv": "för få svar på {measure} för att skatta påverkan (n = {n})",
        "en": "too few answers on {measure} to estimate an effect (n = {n})",
    },
    "effect_on_unmentioned": {"sv": "ingen kommentar i urvalet nämner temat",
                              "en": "no comment in this selection mentions the theme"},
    "effect_on_help": {
        "sv": "{measure} för alla svar minus {measure} för svaren som inte nämner temat. Ett samband, inte bevis för orsak.",
        "en": "{measure} of all responses minus {measure} of the responses that do not mention the theme. "
              "An association, not proof of cause.",
    },
    # key drivers and the heatmap
    "scale_nps": {"sv": "rekommendationsbetyget (0–10)", "en": "the recommendation score (0–10)"},
    "scale_csat": {"sv": "nöjdhetsbetyget (1–5)", "en": "the satisfaction rating (1–5)"},
    "scale_scale10": {"sv": "betyget (1–10)", "en": "the rating (1–10)"},
    "scale_positive": {"sv": "sentimentet (−1 negativ, 0 neutral, 1 positiv)",
                       "en": "the sentiment (−1 negative, 0 neutral, 1 positive)"},
    "drivers_on_help": {
        "sv": "En regression av {scale} på kontaktpunkt och vilka teman kommentaren nämner. Den visar samband, "
              "inte bevis för orsak: ett tema kan hänga ihop med betyget av andra skäl.",
        "en": "A regression of {scale} on touchpoint and the themes a comment mentions. It shows association, "
              "not proof of cause: a theme can go with the score for other reasons.",
    },
    "drivers_on_caption": {
        "sv": "Skillnad i {scale} med troligt spann, bland {n} kommenterade svar i {scope}.",
        "en": "Difference in {scale} with the likely range, among {n} commented responses in {scope}.",
    },
    "drivers_on_axis": {"sv": "Skillnad i {scale}", "en": "Difference in {scale}"},
    "drivers_too_few": {
        "sv": "För få kommenterade svar med {measure} för att skatta vad som betyder mest (n = {n}, minst {min} behövs).",
        "en": "Too few commented responses with {measure} to estimate what matters most (n = {n}, at least {min} needed).",
    },
    "drivers_nothing": {
        "sv": "{n} kommenterade svar med {measure}, men inget att skatta: inget tema nämns minst {min} gånger "
              "(och av färre än alla), och det finns en kontaktpunkt.",
        "en": "{n} commented responses with {measure}, but nothing to estimate: no theme is mentioned at least "
              "{min} times (and by fewer than all), and there is one touchpoint.",
    },
    "heatmap_on_caption": {
        "sv": "Varje ruta visar {measure} och antalet svar. ▲ blå = tydligt bättre än resten av organisationen, "
              "▼ orange = tydligt sämre (samma regel som i listan över enheter); grått = ingen tydlig skillnad; "
              "streck = för få svar. Välj en ruta för att öppna enheten med kontaktpunkten vald.",
        "en": "Each cell shows {measure} and the number of answers. ▲ blue = clearly better than the rest of the "
              "organisation, ▼ orange = clearly worse (the same rule as the list of units); grey = no clear "
              "difference; dash = too few answers. Pick a cell to open that unit with the touchpoint selected.",
    },
    # the strengths page, bounded
    "more_findings": {"sv": "Fler ({n})", "en": "More ({n})"},
    "col_group": {"sv": "Grupp", "en": "Group"},
    "col_measure": {"sv": "Mått", "en": "Measure"},
    "col_here": {"sv": "Här (troligt spann)", "en": "Here (likely range)"},
    "col_n": {"sv": "n", "en": "n"},
    "col_flag": {"sv": "Obs", "en": "Note"},
    "small_sample_short": {"sv": "litet underlag", "en": "small sample"},
    # targets per measure (admin)
    "admin_use_scale10_target": {"sv": "Mål för andel betyg 9–10", "en": "Target for the share rating 9–10"},
    "admin_field_target_scale10": {"sv": "Andel betyg 9–10 (%)", "en": "Share rating 9–10 (%)"},
    "admin_use_positive_target": {"sv": "Mål för andel positiva", "en": "Target for the share positive"},
    "admin_field_target_positive": {"sv": "Andel positiva (%)", "en": "Share positive (%)"},
}
