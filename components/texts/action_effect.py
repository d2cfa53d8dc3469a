"""Texts for "did it help?": an action's unit against comparable units (merged into
components.i18n.TEXTS). Verdict texts ``ae_verdict_<v>`` per verdict of
:data:`analysis.action_effect.VERDICTS`; the wording is association, not cause."""

TEXTS: dict[str, dict[str, str]] = {
    "ae_title": {"sv": "Hjälpte det?", "en": "Did it help?"},
    "ae_caption": {
        "sv": "Enhetens förändring från {weeks} veckor innan det som ledde till åtgärden till {weeks} veckor "
              "efter att den blev klar, jämfört med samma förändring hos jämförbara enheter utan åtgärd på "
              "samma mått. Det visar samband, inte orsak.",
        "en": "The unit's change from {weeks} weeks before what led to the action to {weeks} weeks after it "
              "was done, compared with the same change at comparable units with no action on the same "
              "measure. It shows association, not cause.",
    },
    "ae_window_weeks": {"sv": "Veckor före och efter", "en": "Weeks before and after"},
    "ae_summary": {
        "sv": "Resultat av klara åtgärder ({results}): {improved} bättre efter åtgärden, mer än jämförbara "
              "enheter · {no_clear} utan tydlig skillnad · {worse} sämre · {pending} väntar på eftermätningen · "
              "{unjudged} kan inte bedömas (för få svar eller inga jämförbara enheter).",
        "en": "Results of completed actions ({results}): {improved} improved after the action, more than "
              "comparable units · {no_clear} no clear difference · {worse} worse · {pending} waiting for the "
              "after-window · {unjudged} cannot be judged (too few answers or no comparable units).",
    },
    "ae_overlap_note": {
        "sv": "Åtgärder på samma enhet och mått vars eftermätningar överlappar visas tillsammans och räknas en gång.",
        "en": "Actions on the same unit and measure whose after-windows overlap are shown together and counted once.",
    },
    "ae_none": {"sv": "Ingen klar åtgärd med ett mått att bedöma ännu.",
                "en": "No completed action with a measure to judge yet."},
    "ae_verdict_improved": {"sv": "Bättre efter åtgärden, mer än jämförbara enheter",
                            "en": "Improved after the action, more than comparable units"},
    "ae_verdict_no_clear_difference": {"sv": "Ingen tydlig skillnad mot jämförbara enheter",
                                       "en": "No clear difference from comparable units"},
    "ae_verdict_worse": {"sv": "Sämre efter åtgärden än jämförbara enheter",
                         "en": "Worse after the action than comparable units"},
    "ae_verdict_too_few": {"sv": "För få svar för att bedöma (n = {n})",
                           "en": "Too few answers to judge (n = {n})"},
    "ae_verdict_no_comparison": {"sv": "Inga jämförbara enheter att bedöma mot",
                                 "en": "No comparable units to judge against"},
    "ae_verdict_pending": {"sv": "Resultat väntas {date}", "en": "Result expected on {date}"},
    "ae_col_actions": {"sv": "Åtgärd", "en": "Action"},
    "ae_col_measure": {"sv": "Mäts på", "en": "Measured on"},
    "ae_col_unit": {"sv": "Enheten före → efter", "en": "The unit before → after"},
    "ae_col_comparison": {"sv": "Jämförbara enheter före → efter", "en": "Comparable units before → after"},
    "ae_col_difference": {"sv": "Skillnad i förändring (95 % KI)", "en": "Difference in change (95% CI)"},
    "ae_col_verdict": {"sv": "Bedömning", "en": "Verdict"},
    "ae_figures": {"sv": "{before} → {after} (n = {n_before} / {n_after})",
                   "en": "{before} → {after} (n = {n_before} / {n_after})"},
    "ae_comparison_figures": {
        "sv": "{before} → {after} (n = {n_before} / {n_after}, {units} enheter, {where})",
        "en": "{before} → {after} (n = {n_before} / {n_after}, {units} units, {where})",
    },
    "ae_in_region": {"sv": "i {region}", "en": "in {region}"},
    "ae_in_organisation": {"sv": "hela organisationen", "en": "whole organisation"},
    "ae_interval": {"sv": "{estimate} ({low} till {high})", "en": "{estimate} ({low} to {high})"},
    "ae_target_unit": {"sv": "{measure}, hela enheten", "en": "{measure}, whole unit"},
    "ae_target_touchpoint": {"sv": "{measure}, kontaktpunkt {name}", "en": "{measure}, touchpoint {name}"},
    "ae_target_channel": {"sv": "{measure}, kanal {name}", "en": "{measure}, channel {name}"},
    "ae_target_theme": {"sv": "{measure} bland kommentarer om {name}",
                        "en": "{measure} among comments on {name}"},
    "ae_target_fallback": {
        "sv": "{measure}, hela enheten (för få svar om {name} för att bedöma)",
        "en": "{measure}, whole unit (too few answers on {name} to judge)",
    },
    "ae_sentence": {
        "sv": "{verdict}. Enheten: {unit}. Jämförbara enheter: {comparison}. Skillnad i förändring: {difference}.",
        "en": "{verdict}. The unit: {unit}. Comparable units: {comparison}. Difference in change: {difference}.",
    },
    "ae_action_result": {"sv": "Hjälpte det? {text}", "en": "Did it help? {text}"},
    "ae_about_title": {"sv": "Om statistiken", "en": "About the statistics"},
    "ae_about": {
        "sv": "Skillnad-i-skillnader: enhetens förändring minus den viktade förändringen hos jämförbara enheter "
              "(enheter i regionen, eller i hela organisationen när regionen har färre än 5, utan åtgärd på samma "
              "mått under perioden och med minst {min_responses} svar i båda fönstren). Basperioden slutar innan "
              "perioden som ledde till åtgärden (insiktens period; utan insikt {weeks} veckor före åtgärden "
              "skapades), så en tillfälligt dålig period räknas inte in. Intervallet lägger ihop osäkerheten i "
              "varje fönster (justerad Wald för NPS, Price–Bonett för andelar) och de vanliga tillfälliga "
              "svängningarna mellan perioder, skattade från de jämförbara enheternas egna förändringar, med "
              "t-fördelning. Ingen bedömning under {small_sample} svar per fönster. Simulerat: högst 5 % falska "
              "bedömningar utan verklig effekt (se README, Kalibrering).",
        "en": "Difference in differences: the unit's change minus the weighted change at comparable units "
              "(units in the region, or in the whole organisation when the region has fewer than 5, with no "
              "action on the same measure in the period and at least {min_responses} answers in both windows). "
              "The baseline ends before the period that led to the action (the insight's period; without an "
              "insight {weeks} weeks before the action was created), so a passing bad period is not counted. "
              "The interval adds the uncertainty of each window (adjusted Wald for NPS, Price–Bonett for "
              "shares) and the usual short-lived swings between periods, estimated from the comparable units' "
              "own changes, with a t distribution. No verdict below {small_sample} answers per window. "
              "Simulated: at most 5% false verdicts with no true effect (see the README, Calibration).",
    },
}
