"""Phrases the demo generator builds customer comments from, per theme, tone and
language. Written for Insikt's demo; each comment combines one to three phrases
(several themes in one comment), an optional opener and closer, and sometimes a
typo, so that the demo reads like real free-text feedback."""

from __future__ import annotations

THEMES = (
    "staff", "waiting", "price", "quality", "availability", "delivery",
    "complaints", "web", "campaign", "cleanliness", "competence",
)

# PHRASES[theme][tone][language]: tone "neg" is criticism, "pos" praise.
PHRASES: dict[str, dict[str, dict[str, list[str]]]] = {
    "staff": {
        "pos": {
            "sv": [
                "Personalen var otroligt trevlig och hjälpsam",
                "Så trevligt bemötande från killen i kassan",
                "Tjejen som hjälpte mig var jättetrevlig och tog sig tid",
                "Vänlig personal som hälsade när jag kom in",
                "Fantastiskt bemötande, man känner sig välkommen",
                "Personalen är alltid glad och tillmötesgående",
                "Supertrevlig personal, bättre än någon annanstans",
            ],
            "en": [
                "The staff were really friendly and helpful",
                "Lovely welcome from the guy at the till",
                "The woman who helped me was so kind and took her time",
                "Friendly staff who said hello when I walked in",
                "Great service attitude, you feel welcome",
                "Staff are always cheerful and accommodating",
            ],
        },
        "neg": {
            "sv": [
                "Otrevlig personal som inte ens tittade upp",
                "Dåligt bemötande, kändes som att jag störde",
                "Personalen stod och pratade med varandra istället för att hjälpa kunder",
                "Ingen i personalen hälsade",
                "Sur expedit som suckade när jag frågade",
            ],
            "en": [
                "Rude staff who didn't even look up",
                "Poor attitude, felt like I was bothering them",
                "Staff chatting to each other instead of helping customers",
                "Nobody on the staff said hello",
                "Grumpy assistant who sighed when I asked something",
            ],
        },
    },
    "waiting": {
        "pos": {
            "sv": [
                "Ingen kö alls, gick snabbt",
                "Kort väntetid och smidigt",
                "Kom fram direkt utan att vänta",
                "Snabb service trots mycket folk",
            ],
            "en": [
                "No queue at all, very quick",
                "Short waiting time and smooth",
                "Got served straight away without waiting",
                "Quick service even though it was busy",
            ],
        },
        "neg": {
            "sv": [
                "Fick vänta alldeles för länge",
                "Lång kö och bara en kassa öppen",
                "Väntetiden var över 20 minuter",
                "Stod i kö i en evighet",
                "Väntade länge på att någon skulle komma",
                "Köerna är alltid långa på lunchen",
                "Satt i telefonkö i 40 min",
            ],
            "en": [
                "Had to wait far too long",
                "Long queue and only one till open",
                "Waiting time was over 20 minutes",
                "Stood in the queue forever",
                "Waited ages for someone to come",
                "Queues are always long at lunchtime",
            ],
        },
    },
    "price": {
        "pos": {
            "sv": [
                "Bra priser",
                "Prisvärt och bra kvalitet för pengarna",
                "Billigare än konkurrenterna",
                "Rimligt pris",
            ],
            "en": [
                "Good prices",
                "Good value for money",
                "Cheaper than the competition",
                "Fair price",
            ],
        },
        "neg": {
            "sv": [
                "Alldeles för dyrt",
                "Priserna har gått upp mycket senaste tiden",
                "Dyrt jämfört med andra butiker",
                "Priset på hyllan stämde inte med kassan",
            ],
            "en": [
                "Far too expensive",
                "Prices have gone up a lot lately",
                "Expensive compared with other shops",
                "The shelf price didn't match the till",
            ],
        },
    },
    "quality": {
        "pos": {
            "sv": [
                "Produkterna håller hög kvalitet",
                "Varan var precis som beskrivet och känns gedigen",
                "Bra kvalitet som vanligt",
            ],
            "en": [
                "The products are high quality",
                "The item was exactly as described and feels solid",
                "Good quality as always",
            ],
        },
        "neg": {
            "sv": [
                "Varan gick sönder efter en vecka",
                "Dålig kvalitet på produkten",
                "Produkten var trasig när jag öppnade förpackningen",
                "Kvaliteten har blivit sämre",
            ],
            "en": [
                "The product broke after a week",
                "Poor quality product",
                "The item was broken when I opened the box",
                "Quality has got worse",
            ],
        },
    },
    "availability": {
        "pos": {
            "sv": [
                "Bra sortiment, hittade allt jag behövde",
                "Allt fanns i lager",
            ],
            "en": [
                "Good range, found everything I needed",
                "Everything was in stock",
            ],
        },
        "neg": {
            "sv": [
                "Varan var slut i lager",
                "Hittade inte det jag kom för, slutsålt igen",
                "Tomma hyllor",
                "Sortimentet har blivit mindre",
            ],
            "en": [
                "The item was out of stock",
                "Couldn't find what I came for, sold out again",
                "Empty shelves",
                "The range has got smaller",
            ],
        },
    },
    "delivery": {
        "pos": {
            "sv": [
                "Leveransen kom i tid",
                "Snabb leverans, redan nästa dag",
                "Smidig leverans och bra avisering",
            ],
            "en": [
                "Delivery arrived on time",
                "Fast delivery, the very next day",
                "Smooth delivery and good notifications",
            ],
        },
        "neg": {
            "sv": [
                "Leveransen var försenad flera dagar",
                "Paketet kom en vecka för sent",
                "Sen leverans och ingen hörde av sig",
                "Leveransen kom aldrig på utlovad dag",
                "Försenad leverans igen, tredje gången",
                "Budet kom inte inom tidsfönstret",
            ],
            "en": [
                "Delivery was several days late",
                "The parcel came a week late",
                "Late delivery and nobody got in touch",
                "The delivery never came on the promised day",
                "Delayed delivery again, third time",
            ],
        },
    },
    "complaints": {
        "pos": {
            "sv": [
                "Reklamationen löstes snabbt och utan krångel",
                "Fick ny vara direkt när jag reklamerade",
                "Smidig hantering av mitt ärende",
            ],
            "en": [
                "The complaint was sorted quickly without fuss",
                "Got a replacement straight away when I complained",
                "My case was handled smoothly",
            ],
        },
        "neg": {
            "sv": [
                "Reklamationen tog flera veckor",
                "Ingen återkoppling på mitt ärende",
                "Fick ingen ersättning trots att felet var deras",
                "Krångligt att reklamera, skickades runt",
            ],
            "en": [
                "The complaint took several weeks",
                "No reply about my case",
                "Got no refund although the fault was theirs",
                "Complicated to complain, got passed around",
            ],
        },
    },
    "web": {
        "pos": {
            "sv": [
                "Enkelt att boka på webben",
                "Appen fungerar smidigt",
                "Hemsidan är tydlig och lätt att hitta på",
            ],
            "en": [
                "Easy to book on the website",
                "The app works smoothly",
                "The website is clear and easy to find your way around",
            ],
        },
        "neg": {
            "sv": [
                "Hemsidan krånglade när jag skulle betala",
                "Appen kraschar hela tiden",
                "Bokningen på webben gick inte att slutföra",
                "Inloggningen fungerade inte",
            ],
            "en": [
                "The website kept failing when I tried to pay",
                "The app crashes all the time",
                "Couldn't complete the booking online",
                "Login didn't work",
            ],
        },
    },
    "campaign": {
        "pos": {
            "sv": [
                "Bra erbjudande i kampanjen",
                "Passade på kampanjen, riktigt bra deal",
            ],
            "en": [
                "Good offer in the campaign",
                "Made the most of the sale, a really good deal",
            ],
        },
        "neg": {
            "sv": [
                "Kampanjpriset gällde inte i kassan",
                "Erbjudandet i reklamen stämde inte",
                "Vilseledande kampanj, rabatten drogs aldrig",
                "Kampanjen var ett skämt, inget av det utlovade fanns",
                "Fick inte rabatten som stod i utskicket",
            ],
            "en": [
                "The campaign price wasn't applied at the till",
                "The offer in the advert wasn't true",
                "Misleading campaign, the discount was never applied",
                "Didn't get the discount promised in the mailing",
            ],
        },
    },
    "cleanliness": {
        "pos": {
            "sv": [
                "Rent och snyggt i butiken",
                "Fräscha lokaler",
            ],
            "en": [
                "Clean and tidy shop",
                "Fresh premises",
            ],
        },
        "neg": {
            "sv": [
                "Smutsigt på golvet och skräp vid kassan",
                "Stökigt och ostädat",
                "Toaletten var äcklig",
            ],
            "en": [
                "Dirty floor and rubbish by the till",
                "Messy and untidy",
                "The toilet was disgusting",
            ],
        },
    },
    "competence": {
        "pos": {
            "sv": [
                "Fick riktigt bra råd av kunnig personal",
                "Han kunde verkligen produkterna och gav bra tips",
                "Kompetent rådgivning",
            ],
            "en": [
                "Got really good advice from knowledgeable staff",
                "He really knew the products and gave good tips",
                "Competent advice",
            ],
        },
        "neg": {
            "sv": [
                "Personalen kunde inget om produkterna",
                "Fick fel råd och köpte fel sak",
                "Ingen kunde svara på mina frågor",
            ],
            "en": [
                "The staff knew nothing about the products",
                "Got the wrong advice and bought the wrong thing",
                "Nobody could answer my questions",
            ],
        },
    },
}

# Comments without a particular theme, by score group.
GENERIC = {
    "promoter": {
        "sv": ["Allt fungerade bra", "Mycket nöjd", "Toppen!", "Kommer gärna tillbaka",
               "Bästa butiken i stan", "Inget att klaga på"],
        "en": ["Everything worked well", "Very happy", "Great!", "Will gladly come back",
               "Nothing to complain about"],
    },
    "passive": {
        "sv": ["Helt ok", "Det var väl bra", "Inget speciellt", "Godkänt men inte mer",
               "Som vanligt"],
        "en": ["It was ok", "Fine I guess", "Nothing special", "Average", "Same as usual"],
    },
    "detractor": {
        "sv": ["Inte nöjd alls", "Blir nog sista gången", "Besviken", "Dålig upplevelse",
               "Under all kritik"],
        "en": ["Not happy at all", "Probably the last time", "Disappointed", "Bad experience",
               "Not acceptable"],
    },
}

OPENERS = {
    "pos": {"sv": ["", "", "", "Överlag bra. ", "Kort sagt: "], "en": ["", "", "", "Overall good. "]},
    "neg": {"sv": ["", "", "", "Tyvärr. ", "Tråkigt att säga men "], "en": ["", "", "", "Sadly. "]},
}
JOINERS = {
    "same": {"sv": [". ", ", ", " och ", ". Och "], "en": [". ", ", ", " and ", ". Also, "]},
    "mixed": {"sv": [" men ", ". Men ", " – men "], "en": [" but ", ". But ", ", although "]},
}
CLOSERS = {
    "pos": {"sv": ["", "", "!", " :)", ". Tack!"], "en": ["", "", "!", " :)", ". Thanks!"]},
    "neg": {"sv": ["", "", ".", "!!", ". Skärpning!"], "en": ["", "", ".", "!!", ". Sort it out!"]},
}

# Demo-only insights and actions (title per language).
TEXT = {
    "insight_staff": {"sv": "Personalens bemötande lyfts ofta", "en": "Staff friendliness is often praised"},
    "insight_waiting": {"sv": "Långa köer i kassan", "en": "Long queues at the till"},
    "insight_delivery": {"sv": "Försenade leveranser", "en": "Late deliveries"},
    "insight_competence": {"sv": "Kunderna saknar produktkunskap", "en": "Customers miss product knowledge"},
    "insight_web": {"sv": "Webbokningen krånglar", "en": "Web booking fails"},
    "insight_cleanliness": {"sv": "Stökigt i butiken", "en": "Untidy shop"},
    "insight_price": {"sv": "Priserna upplevs som höga", "en": "Prices feel high"},
    "action_tills": {"sv": "Öppna extra kassa vid lunchtid", "en": "Open an extra till at lunchtime"},
    "action_training": {"sv": "Produktutbildning för all personal", "en": "Product training for all staff"},
    "action_praise": {"sv": "Dela kundberöm på veckomötet", "en": "Share customer praise at the weekly meeting"},
    "action_queue": {"sv": "Kö-värd vid kassorna på helger", "en": "Queue host at the tills at weekends"},
    "action_carrier": {"sv": "Följ upp leveranstider med transportören", "en": "Review delivery times with the carrier"},
    "action_web": {"sv": "Rätta felet i betalsteget", "en": "Fix the payment step error"},
    "action_cleaning": {"sv": "Nytt städschema", "en": "New cleaning schedule"},
    "action_signage": {"sv": "Tydligare skyltning av öppettider", "en": "Clearer signs for opening hours"},
}
