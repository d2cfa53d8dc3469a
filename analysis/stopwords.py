"""Stop words for theme discovery: words that say nothing about a topic.

English: scikit-learn's list (Glasgow Information Retrieval Group) plus
contractions and filler words of reviews. Swedish: written here from the
Snowball project's Swedish list, with common inflections and fillers.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

ENGLISH = frozenset(ENGLISH_STOP_WORDS) | frozenset("""
    don't didn't doesn't isn't wasn't weren't won't wouldn't couldn't shouldn't can't cannot aren't
    haven't hasn't hadn't i'm i've i'd i'll you're you've it's that's there's they're they've we're
    we've let's what's don didn doesn isn wasn weren won wouldn couldn shouldn aren haven hasn hadn
    im ive id ll ve re just really also got get gets getting did does doing thing things lot lots
    ok okay yes oh bit quite pretty overall way ve dont didnt doesnt isnt wasnt cant wont im
""".split())

SWEDISH = frozenset("""
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke
    inte mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från
    ut när efter vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt
    mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några
    deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka
    ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas också bara lite även ännu
    dock då redan fast ju väl nog helt hela kanske alltid aldrig fick får fått gick gör göra gjorde
    gjort kom kommer komma ska skall vill ville måste finns fanns sa sade säger tycker tyckte känns
    kändes väldigt jätte lite lite nån nåt dom mej dej sej ganska riktigt verkligen typ liksom
    eftersom tack hej annat andra annan ens enda två tre första sista igen idag nej ja
""".split())

BOTH = ENGLISH | SWEDISH
