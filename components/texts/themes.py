"""Texts of language-aware themes, theme packs and the praise/complaint split
(merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    # theme packs
    "packs_title": {"sv": "Läs in ett temapaket", "en": "Load a theme pack"},
    "packs_first_run": {"sv": "Välj teman som passar era kunders ord", "en": "Pick themes that fit your customers' words"},
    "packs_pick": {"sv": "Temapaket", "en": "Theme pack"},
    "pack_retail": {"sv": "Svensk detaljhandel (standard)", "en": "Swedish retail (default)"},
    "pack_retail_about": {
        "sv": "Elva teman för butiker och e-handel: personal, väntetid, pris, kvalitet, sortiment, leverans, "
              "reklamationer, webb, kampanjer, renlighet och kompetens, med svenska och engelska mönster.",
        "en": "Eleven themes for shops and online retail: staff, waiting, price, quality, stock, delivery, "
              "complaints, web, offers, cleanliness and advice, with Swedish and English patterns.",
    },
    "pack_service_en": {"sv": "Engelska tjänster (försäkring, abonnemang, support)",
                        "en": "English service (insurance, subscriptions, support)"},
    "pack_service_en_about": {
        "sv": "Tio teman med engelska mönster: personal, väntetid, premie och pris, skadeärenden, fakturor och "
              "återbetalning, uppsägning, kommunikation, försäkringsskydd och villkor, webb och app, klagomål. "
              "Vardagliga ord som \"claim\" räknas som ärendet självt, inte som klagomål: om det berömdes eller "
              "kritiserades visar svarets betyg.",
        "en": "Ten themes with English patterns: staff, waiting, premiums and price, claims handling, billing and "
              "refunds, cancellation, communication, cover and terms, website and app, complaints. Everyday words "
              "such as \"claim\" count as the process itself, not as a complaint: the response's score tells "
              "whether it was praised or criticised.",
    },
    "packs_added": {"sv": "Nya teman: {keys}", "en": "New themes: {keys}"},
    "packs_replaced": {"sv": "Namn och mönster ({languages}) ersätts i: {keys}",
                       "en": "Names and patterns ({languages}) replaced in: {keys}"},
    "packs_others_off": {"sv": "Stäng av teman som inte finns i paketet: {keys}",
                         "en": "Switch off the themes that are not in the pack: {keys}"},
    "packs_others_off_help": {
        "sv": "De finns kvar med sina mönster och kan slås på igen under Teman.",
        "en": "They are kept with their patterns and can be switched on again under Themes.",
    },
    "packs_language_sv": {"sv": "svenska", "en": "Swedish"},
    "packs_language_en": {"sv": "engelska", "en": "English"},
    "packs_load": {"sv": "Läs in paketet och tagga om", "en": "Load the pack and retag"},
    "packs_loaded": {"sv": "{pack} inläst: {added} nya teman, {replaced} med nya mönster, {off} avstängda.",
                     "en": "{pack} loaded: {added} new themes, {replaced} with new patterns, {off} switched off."},
    "admin_error_unknown_pack": {"sv": "Det finns inget sådant temapaket.", "en": "There is no such theme pack."},
    "audit_action_theme_pack_loaded": {"sv": "Temapaket inläst", "en": "Theme pack loaded"},
    "audit_target_theme_pack": {"sv": "Temapaket", "en": "Theme pack"},
    # languages
    "admin_preview_languages": {
        "sv": "Svenska mönster prövas på svenska kommentarer, engelska på engelska, båda där språket är okänt; "
              "{other} av kommentarerna här är på andra språk och taggas inte.",
        "en": "Swedish patterns are tried on Swedish comments, English ones on English comments, both where the "
              "language is not known; {other} of the comments here are in other languages and are not tagged.",
    },
    "themes_other_language": {
        "sv": "Andra språk: {n} kommentarer taggas inte (inga mönster för deras språk).",
        "en": "Other languages: {n} comments not tagged (no patterns for their language).",
    },
    # praise apart from complaint
    "tone_line": {"sv": "berömt av {praised}, kritiserat av {criticised}",
                  "en": "praised by {praised}, criticised by {criticised}"},
    "tone_line_help": {
        "sv": "Kommentarer om temat från {top} och från {bottom} på {measure}.",
        "en": "Comments on the theme from {top} and from {bottom} on {measure}.",
    },
    "side_praise": {"sv": "mest beröm", "en": "mostly praise"},
    "side_complaint": {"sv": "mest kritik", "en": "mostly criticism"},
    "side_both": {"sv": "ingen tydlig sida", "en": "no clear side"},
    "side_few": {"sv": "för få för att säga", "en": "too few to tell"},
    "side_help": {
        "sv": "Nämns temat tydligt oftare i beröm än i kritik (eller tvärtom)? Andelen berömmande kommentarer "
              "som nämner det ({praise}) jämförs med andelen kritiska ({criticism}); tydligt betyder att skillnaden "
              "håller med 95 % säkerhet även när alla teman prövas samtidigt.",
        "en": "Is the theme clearly raised more often in praise than in criticism (or the other way)? The share "
              "of praising comments that mention it ({praise}) is compared with the share of critical ones "
              "({criticism}); clear means the difference holds at 95 % confidence with every theme tested at once.",
    },
    "parts_line": {"sv": "beröm lyfter {measure} {praise}, kritik drar ner {complaint}",
                   "en": "praise lifts {measure} {praise}, criticism costs {complaint}"},
    "parts_help": {
        "sv": "{measure} för alla svar minus {measure} utan temats berömmande svar ({praise_low} till "
              "{praise_high}), respektive utan dess kritiska svar ({complaint_low} till {complaint_high}), "
              "95 % intervall. Netto: {net}. Ett samband, inte bevis för orsak.",
        "en": "{measure} of all responses minus {measure} without the theme's praising responses ({praise_low} "
              "to {praise_high}), and without its critical ones ({complaint_low} to {complaint_high}), 95 % "
              "intervals. Net: {net}. An association, not proof of cause.",
    },
    "card_theme_tone": {
        "sv": "I kommentarerna här: {theme} {tone} ({side}).",
        "en": "In the comments here: {theme} {tone} ({side}).",
    },
}
