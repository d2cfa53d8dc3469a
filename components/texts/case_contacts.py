"""Texts of closing the loop with the customer on a follow-up case (merged into
components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "cc_title": {"sv": "Kontakta kunden", "en": "Contact the customer"},
    "cc_email": {"sv": "E-post", "en": "E-mail"},
    "cc_phone": {"sv": "Telefon", "en": "Phone"},
    "cc_no_consent": {
        "sv": "Kunden har inte samtyckt till att bli kontaktad; kontaktuppgifterna visas inte.",
        "en": "The customer has not agreed to be contacted; the contact details are not shown.",
    },
    "cc_none": {"sv": "Inga kontaktuppgifter kom med svaret.", "en": "No contact details came with the response."},
    "cc_log": {"sv": "Kontaktförsök", "en": "Contact attempts"},
    "cc_log_line": {"sv": "{at} · {by} · {channel} · {outcome}", "en": "{at} · {by} · {channel} · {outcome}"},
    "cc_record": {"sv": "Registrera kontakt", "en": "Record a contact"},
    "cc_channel": {"sv": "Hur", "en": "How"},
    "cc_outcome": {"sv": "Resultat", "en": "Outcome"},
    "cc_reaction": {"sv": "Hur tog kunden det?", "en": "How did the customer take it?"},
    "cc_rating": {
        "sv": "Kundens betyg på uppföljningen (1–5, om kunden sa det)",
        "en": "The customer's rating of the follow-up (1–5, if they said)",
    },
    "cc_note": {"sv": "Anteckning", "en": "Note"},
    "cc_save": {"sv": "Spara kontakten", "en": "Save the contact"},
    "cc_saved": {"sv": "Kontakten är sparad.", "en": "The contact is saved."},
    "cc_not_said": {"sv": "Inte sagt", "en": "Not said"},
    "cc_channel_phone": {"sv": "Telefon", "en": "Phone"},
    "cc_channel_email": {"sv": "E-post", "en": "E-mail"},
    "cc_channel_sms": {"sv": "Sms", "en": "Text message"},
    "cc_channel_visit": {"sv": "Besök", "en": "Visit"},
    "cc_outcome_reached": {"sv": "Nådde kunden", "en": "Reached the customer"},
    "cc_outcome_no_answer": {"sv": "Inget svar", "en": "No answer"},
    "cc_outcome_left_message": {"sv": "Lämnade meddelande", "en": "Left a message"},
    "cc_outcome_wrong_details": {"sv": "Fel uppgifter", "en": "Wrong details"},
    "cc_reaction_pleased": {"sv": "Nöjd", "en": "Pleased"},
    "cc_reaction_neutral": {"sv": "Neutral", "en": "Neutral"},
    "cc_reaction_displeased": {"sv": "Missnöjd", "en": "Displeased"},
    "cc_error_reaction_unreached": {
        "sv": "Bara en kund som nåddes kan ha en reaktion eller ett betyg.",
        "en": "Only a customer who was reached has a reaction or a rating.",
    },
    "cc_error_note_long": {"sv": "Anteckningen är för lång.", "en": "The note is too long."},
    "cc_rating_title": {"sv": "Kundernas nöjdhet med uppföljningen", "en": "Customers' satisfaction with the follow-up"},
    "cc_rating_value": {
        "sv": "{share} nöjda (betyg 4–5), troligen mellan {low} och {high}, av {n} kunder som gav ett betyg.",
        "en": "{share} satisfied (rating 4–5), likely between {low} and {high}, of {n} customers who gave a rating.",
    },
    "cc_rating_few": {
        "sv": "För få betyg för en andel ({n}); registrera kundens betyg när du når kunden.",
        "en": "Too few ratings for a share ({n}); record the customer's rating when you reach them.",
    },
}
