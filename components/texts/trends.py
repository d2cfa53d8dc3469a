"""Texts of the calibrated trend pieces: key drivers, new and growing, the trend band,
theme effects and the follow-up share (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    # key drivers
    "drivers_assoc_title": {"sv": "Vad som går ihop med högre och lägre betyg",
                            "en": "What goes with higher and lower scores"},
    "drivers_assoc_help": {
        "sv": "En regression av {scale} på kontaktpunkt, om kunden skrev en kommentar och vilka teman kommentaren "
              "nämner. Ett tema jämförs med andra kommentarer. Beröm och kritik hålls isär: för varje tema visas hur "
              "mycket oftare det nämns av nöjda och av missnöjda kunder än andra kommentarer. Felmarginalerna tar "
              "hänsyn till att svar från samma {cluster} liknar varandra. Den visar samband, inte orsak: ett tema "
              "kan hänga ihop med betyget av andra skäl.",
        "en": "A regression of {scale} on touchpoint, whether the customer wrote a comment and the themes the "
              "comment mentions. A theme is compared with other comments. Praise and criticism are kept apart: for "
              "each theme, how much more often satisfied and dissatisfied customers mention it than other comments. "
              "The intervals allow for answers from the same {cluster} being alike. It shows association, not "
              "cause: a theme can go with the score for other reasons.",
    },
    "drivers_cluster_unit": {"sv": "enhet", "en": "unit"},
    "drivers_cluster_week": {"sv": "enhet och vecka", "en": "unit and week"},
    "drivers_assoc_caption": {
        "sv": "Skillnad i {scale} med 95 % intervall, bland {n} svar ({comments} med kommentar) i {scope}, "
              "{clusters} grupper ({cluster}). Tydliga samband först.",
        "en": "Difference in {scale} with 95% intervals, among {n} responses ({comments} with a comment) in {scope}, "
              "{clusters} groups ({cluster}). Clear associations first.",
    },
    "drivers_assoc_axis": {"sv": "Skillnad i {scale}", "en": "Difference in {scale}"},
    "drivers_higher": {"sv": "går ihop med högre betyg", "en": "goes with higher scores"},
    "drivers_lower": {"sv": "går ihop med lägre betyg", "en": "goes with lower scores"},
    "drivers_unclear": {"sv": "inget tydligt samband", "en": "no clear association"},
    "drivers_unclear_compared": {"sv": "inget tydligt samband när alla jämförelser vägs in",
                                 "en": "no clear association once every comparison is allowed for"},
    "drivers_reference": {"sv": "jämförelsepunkt", "en": "reference"},
    "drivers_line": {
        "sv": "{verdict}: {coef} ({low} till {high}) · n = {n}",
        "en": "{verdict}: {coef} ({low} to {high}) · n = {n}",
    },
    "drivers_sides": {"sv": "berömt av {praised}; kritiserat av {criticised}",
                      "en": "praised by {praised}; criticised by {criticised}"},
    "drivers_side": {"sv": "{n} ({diff} p.e. mot andra kommentarer, {low} till {high})",
                     "en": "{n} ({diff} pp against other comments, {low} to {high})"},
    "drivers_side_more": {"sv": "tydligt oftare", "en": "clearly more often"},
    "drivers_side_less": {"sv": "tydligt mer sällan", "en": "clearly less often"},
    "drivers_too_few_groups": {
        "sv": "För få oberoende grupper för en ärlig felmarginal ({clusters} grupper per {cluster}, minst {min} behövs). "
              "Välj en längre period eller fler enheter.",
        "en": "Too few independent groups for an honest margin of error ({clusters} groups by {cluster}, at least "
              "{min} needed). Choose a longer period or more units.",
    },
    "drivers_none": {
        "sv": "{n} svar med {measure}, men inget att skatta: inget tema nämns minst {min} gånger (och inte i alla "
              "kommentarer), och det finns en kontaktpunkt.",
        "en": "{n} responses with {measure}, but nothing to estimate: no theme is mentioned at least {min} times "
              "(and not in every comment), and there is one touchpoint.",
    },
    "drivers_few": {
        "sv": "För få svar med {measure} för att skatta vad som går ihop med betyget (n = {n}, minst {min} behövs).",
        "en": "Too few responses with {measure} to estimate what goes with the score (n = {n}, at least {min} needed).",
    },
    "drivers_table": {"sv": "Som tabell", "en": "As a table"},
    "drv_col_factor": {"sv": "Faktor", "en": "Factor"},
    "drv_col_difference": {"sv": "Skillnad", "en": "Difference"},
    "drv_col_interval": {"sv": "95 % intervall", "en": "95% interval"},
    "drv_col_verdict": {"sv": "Samband", "en": "Association"},
    "drv_col_praised": {"sv": "Berömt av", "en": "Praised by"},
    "drv_col_criticised": {"sv": "Kritiserat av", "en": "Criticised by"},
    # new and growing
    "em_caption": {
        "sv": "Andelen kommentarer vecka för vecka de senaste 16 veckorna ({base} till {recent}): ett tema eller ord "
              "räknas som växande först när ökningen är större än hur mycket det brukar variera från vecka till "
              "vecka, och håller efter kontroll för alla teman och ord tillsammans (Benjamini–Hochberg, 5 %).",
        "en": "The share of comments week by week over the last 16 weeks ({base} to {recent}): a theme or word "
              "counts as growing only when the rise is larger than its usual ups and downs from week to week, and "
              "holds after control for all themes and words together (Benjamini–Hochberg, 5%).",
    },
    "em_caption_season": {
        "sv": "Samma veckor ett år tidigare är med som jämförelse, så en ökning som återkommer varje år räknas inte.",
        "en": "The same weeks a year earlier are the comparison, so a rise that comes back every year does not count.",
    },
    "em_caption_no_season": {
        "sv": "Data saknas för samma veckor ett år tidigare, så en säsong kan inte skiljas från en ny ökning.",
        "en": "There is no data for the same weeks a year earlier, so a season cannot be told from a new rise.",
    },
    "em_item": {
        "sv": "{now} av kommentarerna de senaste 4 veckorna mot {before} veckorna före: {rise} ({k} av {n} kommentarer).",
        "en": "{now} of comments in the last 4 weeks against {before} in the weeks before: {rise} ({k} of {n} comments).",
    },
    "em_ratio_interval": {"sv": "enligt trenden {ratio} gånger så ofta senaste veckan som för 16 veckor sedan{beyond} "
                                "(95 % intervall {low} till {high})",
                          "en": "on its trend {ratio} times as often in the latest week as 16 weeks ago{beyond} "
                                "(95% interval {low} to {high})"},
    "em_ratio": {"sv": "enligt trenden {ratio} gånger så ofta senaste veckan som för 16 veckor sedan{beyond}",
                 "en": "on its trend {ratio} times as often in the latest week as 16 weeks ago{beyond}"},
    "em_beyond_season": {"sv": ", utöver ändringen samma veckor ett år tidigare",
                         "en": ", beyond the change in the same weeks a year earlier"},
    # the trend
    "trend_band_joint": {"sv": "95 % band för alla {k} perioder tillsammans",
                         "en": "95% band for all {k} periods together"},
    "trend_own_interval": {"sv": "Periodens eget 95 % intervall", "en": "This period's own 95% interval"},
    "trend_band_caption": {
        "sv": "Bandet håller för alla {k} perioder på en gång med minst 95 % säkerhet (varje periods del är ett "
              "{level} % intervall), så en topp eller dal utanför det är mer än slumpen. Periodens eget 95 % "
              "intervall finns när du pekar på en punkt och i tabellen.",
        "en": "The band holds for all {k} periods at once with at least 95% confidence (each period's part is a {level}% "
              "interval), so a peak or dip outside it is more than chance. Each period's own 95% interval is in "
              "its tooltip and in the table.",
    },
    "trend_partial": {"sv": "ofullständig period", "en": "partial period"},
    "trend_small": {"sv": "litet underlag", "en": "small sample"},
    "trend_partial_note": {
        "sv": "Ofullständiga perioder ({periods}) är markerade med fyrkanter: urvalet täcker bara en del av dem, "
              "eller så pågår perioden fortfarande.",
        "en": "Partial periods ({periods}) are marked with squares: the selection covers only part of them, or "
              "the period is still running.",
    },
    "trend_col_band": {"sv": "Band (alla perioder)", "en": "Band (all periods)"},
    # theme effects
    "effect_iv_lifts": {"sv": "{measure} tydligt högre med temat: {value} (95 % intervall {low} till {high})",
                        "en": "{measure} clearly higher with the theme: {value} (95% interval {low} to {high})"},
    "effect_iv_drags": {"sv": "{measure} tydligt lägre med temat: {value} (95 % intervall {low} till {high})",
                        "en": "{measure} clearly lower with the theme: {value} (95% interval {low} to {high})"},
    "effect_iv_up_unsided": {
        "sv": "{measure} högre med temat: {value} (95 % intervall {low} till {high}), räknas inte som en styrka: {why}",
        "en": "{measure} higher with the theme: {value} (95% interval {low} to {high}), not counted as a strength: "
              "{why}",
    },
    "effect_iv_down_unsided": {
        "sv": "{measure} lägre med temat: {value} (95 % intervall {low} till {high}), räknas inte som en svaghet: "
              "{why}",
        "en": "{measure} lower with the theme: {value} (95% interval {low} to {high}), not counted as a weakness: "
              "{why}",
    },
    "effect_why_up_complaint": {"sv": "temat nämns oftare i kritik än i beröm",
                                "en": "the theme is raised more often in criticism than in praise"},
    "effect_why_down_praise": {"sv": "temat nämns oftare i beröm än i kritik",
                               "en": "the theme is raised more often in praise than in criticism"},
    "effect_why_up_unclear": {"sv": "temat nämns inte tydligt oftare i beröm än i kritik",
                              "en": "the theme is not clearly raised more often in praise than in criticism"},
    "effect_why_down_unclear": {"sv": "temat nämns inte tydligt oftare i kritik än i beröm",
                                "en": "the theme is not clearly raised more often in criticism than in praise"},
    "effect_why_other": {"sv": "kommentarer utan tema placeras inte på någon sida",
                         "en": "comments without a theme are not placed on either side"},
    "effect_iv_none": {"sv": "inget tydligt samband med {measure}: {value} (95 % intervall {low} till {high})",
                       "en": "no clear association with {measure}: {value} (95% interval {low} to {high})"},
    # follow-up share
    "fu_share_total": {
        "sv": "**{share}** avslutade inom målet (95 % KI {low} – {high}, n = {n} avgjorda ärenden) · "
              "**{not_due}** öppna som ännu inte förfallit räknas inte än.",
        "en": "**{share}** closed within target (95% CI {low} – {high}, n = {n} decided cases) · "
              "**{not_due}** open, not yet due, are not counted yet.",
    },
    "fu_col_not_due": {"sv": "Öppna, ej förfallna", "en": "Open, not yet due"},
    "fu_not_due_hover": {"sv": "öppna, ej förfallna", "en": "open, not yet due"},
}
