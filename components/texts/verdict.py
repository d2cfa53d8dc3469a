"""Texts for the one rule for "clear" (issue 13): too few to judge, the mix-adjusted overall
row, theme prevalence apart from the score among mentioners, and the overview's change when a
period is below the small-sample flag (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "change_m_too_few_to_judge": {
        "sv": "{measure}: {last} mot {previous} under {prev_start} – {prev_end} (skillnad {diff}, 95 % KI {low} "
              "till {high}). För få svar för att bedöma en förändring (n = {n} mot {n_prev}; minst {small} i "
              "varje period).",
        "en": "{measure}: {last} against {previous} in {prev_start} – {prev_end} (difference {diff}, 95% CI {low} "
              "to {high}). Too few answers to judge a change (n = {n} against {n_prev}; at least {small} in each "
              "period).",
    },
    "sentence_theme_strength": {
        "sv": "Kunder som nämner {name} ger ett tydligt högre {measure} här än {comparator}.",
        "en": "Customers who mention {name} give a clearly higher {measure} here than {comparator}.",
    },
    "sentence_theme_weakness": {
        "sv": "Kunder som nämner {name} ger ett tydligt lägre {measure} här än {comparator}.",
        "en": "Customers who mention {name} give a clearly lower {measure} here than {comparator}.",
    },
    "mix_adjusted_note": {
        "sv": "Jämförelsen är justerad för kontaktpunktsmixen: {comparator_label} räknad som om den hade "
              "samma fördelning över kontaktpunkter som här.",
        "en": "Adjusted for touchpoint mix: {comparator_label} counted as if it had the same spread over "
              "touchpoints as here.",
    },
    "mix_adjusted_short": {"sv": "justerat för kontaktpunktsmixen", "en": "adjusted for touchpoint mix"},
    "sentence_theme_close_strength": {
        "sv": "Kunder som nämner {name}: högre {measure} än {comparator}, men inom slumpens marginal.",
        "en": "Customers who mention {name}: higher {measure} than {comparator}, but within noise.",
    },
    "sentence_theme_close_weakness": {
        "sv": "Kunder som nämner {name}: lägre {measure} än {comparator}, men inom slumpens marginal.",
        "en": "Customers who mention {name}: lower {measure} than {comparator}, but within noise.",
    },
    "kind_too_few_to_judge": {"sv": "{kind}? För få svar för att bedöma (n = {n})",
                              "en": "{kind}? Too few answers to judge (n = {n})"},
    "mentions_title": {"sv": "Vad kunderna tar upp oftare eller mer sällan",
                       "en": "What customers raise more or less often"},
    "mentions_caption": {
        "sv": "Andel av kommentarerna som nämner temat, jämfört med {comparator}. Säger hur ofta något tas upp, "
              "inte om det är beröm eller klagomål; det säger korten ovan.",
        "en": "Share of comments that mention the theme, compared with {comparator}. Says how often something "
              "comes up, not whether it is praise or complaint; the cards above say that.",
    },
    "sentence_more_often": {
        "sv": "Kunderna här nämner {name} oftare än {comparator}.",
        "en": "Customers here mention {name} more often than {comparator}.",
    },
    "sentence_less_often": {
        "sv": "Kunderna här nämner {name} mer sällan än {comparator}.",
        "en": "Customers here mention {name} less often than {comparator}.",
    },
    "mentions_numbers": {
        "sv": "Här {value} av {n} kommentarer (95 % KI {low} till {high}) · {comparator_label} {comp_value} av "
              "{comp_n} · skillnad {diff} (95 % KI {diff_low} till {diff_high})",
        "en": "Here {value} of {n} comments (95% CI {low} to {high}) · {comparator_label} {comp_value} of "
              "{comp_n} · difference {diff} (95% CI {diff_low} to {diff_high})",
    },
    "mentions_none": {
        "sv": "Inget tema tas upp tydligt oftare eller mer sällan än {comparator}.",
        "en": "No theme comes up clearly more or less often than {comparator}.",
    },
    "as_overall_note": {
        "sv": "Grupper som skiljer sig lika mycket som enheten i stort blir inga egna kort: en orsak, ett kort.",
        "en": "Groups that differ only as much as the unit as a whole get no card of their own: one cause, one card.",
    },
    "heatmap_too_few": {"sv": "för få svar för att bedöma (n = {n})", "en": "too few answers to judge (n = {n})"},
}
