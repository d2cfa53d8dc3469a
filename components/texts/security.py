"""Texts of the privacy of other units: comparisons refused for a short period
(merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "reason_short_period": {
        "sv": "perioden är kortare än {days} dagar. Jämförelser med andra enheter kräver minst {days} dagar, "
              "så att ingen enskild kunds svar i en annan enhet går att räkna fram. Välj en längre period, "
              "eller jämför med föregående period.",
        "en": "the period is shorter than {days} days. Comparisons with other units need at least {days} days, "
              "so that no single customer's answer in another unit can be worked out. Choose a longer period, "
              "or compare with the previous period.",
    },
    "short_period_note": {
        "sv": "Kortare än {days} dagar: jämförelser med andra enheter visas inte för så korta perioder.",
        "en": "Shorter than {days} days: comparisons with other units are not shown for such short periods.",
    },
    "heatmap_short_period": {
        "sv": "Perioden är kortare än {days} dagar, så rutorna jämförs inte med resten av organisationen.",
        "en": "The period is shorter than {days} days, so the cells are not compared with the rest of the "
              "organisation.",
    },
}
