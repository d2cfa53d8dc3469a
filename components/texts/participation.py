"""Texts of employees taking part in a workshop from their phones (merged into
components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "join_title": {"sv": "Workshop {date}", "en": "Workshop {date}"},
    "join_waiting": {
        "sv": "Workshopen har inte börjat än. Sidan visar insikten när ledaren visar den.",
        "en": "The workshop has not started yet. This page shows the insight when the facilitator shows it.",
    },
    "join_ideas": {"sv": "Idéer", "en": "Ideas"},
    "join_no_ideas": {"sv": "Inga idéer än – skriv den första.", "en": "No ideas yet – write the first."},
    "join_idea": {"sv": "Din idé", "en": "Your idea"},
    "join_add": {"sv": "Lägg till idén", "en": "Add the idea"},
    "join_votes_left": {"sv": "Du har {n} av 3 röster kvar.", "en": "You have {n} of 3 votes left."},
    "join_vote": {"sv": "Rösta", "en": "Vote"},
    "join_unvote": {"sv": "Ta tillbaka", "en": "Take back"},
    "join_votes_one": {"sv": "{n} röst", "en": "{n} vote"},
    "join_votes_other": {"sv": "{n} röster", "en": "{n} votes"},
    "join_refused_twice": {"sv": "Du har redan röstat på den idén.", "en": "You have already voted for this idea."},
    "join_refused_limit": {"sv": "Du har använt dina tre röster.", "en": "You have used your three votes."},
    "join_refused_none": {"sv": "Du hade inte röstat på den idén.", "en": "You had not voted for this idea."},
    "join_pick": {"sv": "Välj workshop", "en": "Choose a workshop"},
    "join_none": {"sv": "Ingen workshop för din enhet än.", "en": "No workshop for your unit yet."},
    "join_on_phone": {"sv": "Var med från mobilen: {link}", "en": "Join from your phone: {link}"},
    "join_qr": {"sv": "QR-kod till workshopen", "en": "QR code to the workshop"},
}
