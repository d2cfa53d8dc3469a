"""Texts of theme discovery: suggested themes on the comments and admin pages,
proposals, and the theme editor filled from a candidate (merged into
components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "discovery_title": {"sv": "Föreslå teman", "en": "Suggest themes"},
    "discovery_caption": {
        "sv": "Ord och fraser som många kunder använder men som inget tema fångar, grupperade med orden som "
              "brukar stå bredvid dem. Kommentarer som befintliga teman redan täcker väl räknas inte med i "
              "sökningen. Förslagen rangordnas efter hur många kommentarer som tar upp dem.",
        "en": "Words and phrases many customers use that no theme catches, grouped with the words that usually "
              "stand beside them. Comments that existing themes already cover well are left out of the search. "
              "Suggestions are ranked by how many comments raise them.",
    },
    "discovery_start": {"sv": "Föreslå teman", "en": "Suggest themes"},
    "discovery_running": {"sv": "Letar efter teman i kommentarerna …", "en": "Looking for themes in the comments …"},
    "discovery_queued": {"sv": "Väntar på en annan sökning …", "en": "Waiting for another search …"},
    "discovery_failed": {"sv": "Sökningen misslyckades. Försök igen.", "en": "The search failed. Try again."},
    "discovery_none": {
        "sv": "Inga nya teman hittades: befintliga teman täcker det kunderna skriver, eller så är kommentarerna för "
              "få ({n}).",
        "en": "No new themes found: the existing themes cover what customers write, or there are too few "
              "comments ({n}).",
    },
    "discovery_summary": {
        "sv": "{found} förslag ur {n} kommentarer; {covered} täcktes redan väl av befintliga teman och {empty} "
              "innehöll bara vanliga småord.",
        "en": "{found} suggestions from {n} comments; {covered} were already well covered by existing themes and "
              "{empty} held only common little words.",
    },
    "discovery_sampled": {
        "sv": "Perioden har {total} kommentarer; ett jämnt spritt urval på {n} har lästs.",
        "en": "The period has {total} comments; an evenly spread sample of {n} was read.",
    },
    "discovery_other_language": {
        "sv": "{n} kommentarer på andra språk än svenska och engelska ingår inte i sökningen.",
        "en": "{n} comments in languages other than Swedish and English are not searched.",
    },
    "discovery_terms": {"sv": "Nyckelord", "en": "Key terms"},
    "discovery_share": {
        "sv": "{k} kommentarer, {share} av alla (95 % KI {low}–{high}), av {n}",
        "en": "{k} comments, {share} of all (95 % CI {low}–{high}), of {n}",
    },
    "discovery_measure": {
        "sv": "{measure} bland dem: {among} (n = {n_among}); övriga: {rest} (n = {n_rest}); skillnad {diff} "
              "(95 % KI {low} till {high})",
        "en": "{measure} among them: {among} (n = {n_among}); the rest: {rest} (n = {n_rest}); difference {diff} "
              "(95 % CI {low} to {high})",
    },
    "discovery_measure_none": {
        "sv": "Inga svar på {measure} bland dem eller bland övriga.",
        "en": "No answers on {measure} among them or among the rest.",
    },
    "discovery_patterns": {"sv": "Föreslagna mönster: {patterns}", "en": "Suggested patterns: {patterns}"},
    "discovery_examples": {"sv": "Fem typiska kommentarer", "en": "Five typical comments"},
    "discovery_make_theme": {"sv": "Gör till tema", "en": "Make a theme"},
    "discovery_propose": {"sv": "Föreslå som tema", "en": "Propose as a theme"},
    "discovery_proposed": {
        "sv": "Förslaget är skickat till administratörerna.", "en": "The proposal was sent to the administrators.",
    },
    "discovery_period_admin": {
        "sv": "Alla enheter, {start} – {end} (de senaste tolv månaderna med data).",
        "en": "All units, {start} – {end} (the last twelve months with data).",
    },
    "discovery_no_data": {"sv": "Det finns inga kommentarer ännu.", "en": "There are no comments yet."},
    # proposals on the admin page
    "theme_proposals_title": {"sv": "Föreslagna teman", "en": "Proposed themes"},
    "theme_proposals_none": {"sv": "Inga förslag väntar.", "en": "No proposals are waiting."},
    "proposal_line": {
        "sv": "{terms} · föreslaget av {who} ({unit}) {when}",
        "en": "{terms} · proposed by {who} ({unit}) {when}",
    },
    "proposal_accept": {"sv": "Godta …", "en": "Accept …"},
    "proposal_decline": {"sv": "Avböj", "en": "Decline"},
    "proposal_declined": {"sv": "Förslaget är avböjt.", "en": "The proposal was declined."},
    "proposal_no_unit": {"sv": "ingen enhet", "en": "no unit"},
    # the theme editor filled from a candidate or a proposal
    "draft_from_candidate": {
        "sv": "Nytt tema från förslaget ”{terms}”. Ändra namn och mönster; förhandsvisningen visar vad de fångar.",
        "en": "New theme from the suggestion “{terms}”. Change the names and patterns; the preview shows what "
              "they catch.",
    },
    "draft_discard": {"sv": "Släng utkastet", "en": "Discard the draft"},
    "admin_error_unknown_proposal": {"sv": "Förslaget finns inte.", "en": "The proposal does not exist."},
    "admin_error_proposal_decided": {
        "sv": "Förslaget är redan godtaget eller avböjt.", "en": "The proposal was accepted or declined already.",
    },
    # the audit log
    "audit_action_theme_proposed": {"sv": "Tema föreslaget", "en": "Theme proposed"},
    "audit_action_theme_proposal_accepted": {"sv": "Temaförslag godtaget", "en": "Theme proposal accepted"},
    "audit_action_theme_proposal_declined": {"sv": "Temaförslag avböjt", "en": "Theme proposal declined"},
    "audit_target_theme_proposal": {"sv": "temaförslag", "en": "theme proposal"},
}
