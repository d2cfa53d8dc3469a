"""Customers' personal details in text: published test numbers are found, tricky
look-alikes are not, masking keeps the rest of the text, and detection is linear.

Sources of the numbers (test numbers only, never real people's):

- personnummer and samordningsnummer: Skatteverket's published test data
  ("Testpersonnummer" and "Testsamordningsnummer", open data at
  skatteverket.entryscape.net), and 811218-9876, the example in Skatteverket's
  brochure SKV 704 "Personnummer";
- phone numbers: the ranges the Swedish Post and Telecom Authority (PTS) keeps
  for films, books and examples (070-174 06 05 … 070-174 06 99, 08-465 004 00 …
  08-465 004 99, 031-390 06 00 … 031-390 06 99); Ofcom's drama numbers
  (+44 20 7946 0000 … 0999) and NANPA's fictional 555-0100 … 555-0199;
- card numbers: the issuers' test cards published by payment processors
  (Visa 4111 1111 1111 1111, Mastercard 5555 5555 5555 4444, American Express
  3782 822463 10005, Discover 6011 1111 1111 1117).
"""

from __future__ import annotations


import pytest

from analysis import pii
from bench.pii import comments

PERSONAL_NUMBERS = [
    "199001012385", "19900101-2385", "19900101 2385", "9001012385", "900101-2385",
    "200002292399",  # 29 February 2000, a leap year
    "000229-2399",  # ... ten digits: "-" makes 00 the year 2000
    "202402292383", "190001019801",
    "000101+9801",  # "+": a hundred years or more, 1900
    "189001019802", "196408233234", "811218-9876",
    "202601612381", "202201612393", "191401682396",  # samordningsnummer: the day plus 60
]
NOT_PERSONAL_NUMBERS = [
    "199013012385",  # month 13
    "199002302385",  # 30 February
    "199001322385",  # day 32
    "190002292385",  # 1900 had no 29 February
    "000229+2399",  # "+" makes 00 the year 1900
    "210001012385",  # no personnummer has the century 21
    "202201922380",  # samordningsnummer day 32
    "199001012386", "9001012386", "202601612382",  # wrong check digit
    "19900101+2385",  # "+" belongs to the ten-digit form only
    "556000-0001",  # an organisation number (month 60)
]
PHONES = [
    "070-174 06 50", "0701740650", "070 174 06 50", "070-1740650", "070 - 174 06 50",
    "08-465 004 50", "08 465 004 50", "031-390 06 50", "031 390 06 50",
    "+46 70 174 06 50", "+46701740650", "+46 (0)8 465 004 50", "0046 70 174 06 50", "0046701740650",
    "+44 20 7946 0958", "+1 (202) 555-0143", "+1 202 555 0143",
]
EMAILS = ["anna.svensson@example.se", "kund+insikt@example.co.uk", "Åsa_Öberg@exempel.nu"]
CARDS = ["4111 1111 1111 1111", "4111111111111111", "5555-5555-5555-4444", "3782 822463 10005",
         "378282246310005", "6011 1111 1111 1117"]
# Numbers customers write that are no personal detail.
NEGATIVES = [
    "Beställde 2025-03-04 kl 14:05", "Levererat 03-04-2025", "den 3/4 2025", "04.03.2025",
    "Ordernr 123456789", "order 5512345678", "Pris 1 299 kr", "1299,00 kr", "12 500 SEK",
    "1 000 000 kr", "Öppet 0800-1700", "kl 08-17", "EAN 7310865004703", "postnr 753 20",
    "v. 12 2025", "+5 grader", "ref 0012 3456", "2019-2024", "4111 1111 1111 1112",
    "artikel 20250304", "kvitto 4567 8901 2345", "90 %", "3 st à 49,90", "192.168.1.1",
    "2025-03-04T14:05:00Z", "ärende #00123", "1/2 timme", "1-2 dagar", "tel.nr saknas",
    "mailen kom aldrig", "@butiken på Instagram",
]


@pytest.mark.parametrize("number", PERSONAL_NUMBERS)
def test_published_personal_numbers_are_found(number):
    text = f"Mitt personnummer är {number}, ring om det är något."
    assert [(f.kind, text[f.start:f.end]) for f in pii.find(text)] == [("personal_number", number)]


@pytest.mark.parametrize("number", NOT_PERSONAL_NUMBERS)
def test_wrong_dates_and_check_digits_are_no_personal_numbers(number):
    assert "personal_number" not in pii.kinds(f"nummer {number} här")


@pytest.mark.parametrize("kind, values", [("phone", PHONES), ("email", EMAILS), ("card", CARDS)])
def test_phones_emails_and_cards_are_found_in_the_forms_people_write(kind, values):
    for value in values:
        text = f"Hej, {value}. Tack!"
        assert [(f.kind, text[f.start:f.end]) for f in pii.find(text)] == [(kind, value)], value


@pytest.mark.parametrize("text", NEGATIVES)
def test_dates_prices_and_order_numbers_are_left_alone(text):
    assert pii.find(text) == []
    assert pii.mask(text) == text


def test_luhn_against_the_published_examples():
    assert pii.luhn_valid("8112189876")  # SKV 704: check digit 6
    assert not pii.luhn_valid("8112189875")
    assert pii.luhn_valid("79927398713")  # the usual worked example of the algorithm
    assert not pii.luhn_valid("79927398710")


def test_mask_replaces_each_detail_with_its_label_and_keeps_the_rest():
    text = "Ring 070-174 06 50 eller mejla anna@example.se, pnr 811218-9876, kort 4111 1111 1111 1111."
    assert pii.mask(text) == ("Ring [phone number] eller mejla [e-mail address], pnr [personal identity number], "
                              "kort [card number].")
    swedish = {"phone": "[telefonnummer]", "email": "[e-postadress]"}
    assert pii.mask(text, swedish) == ("Ring [telefonnummer] eller mejla [e-postadress], pnr 811218-9876, "
                                       "kort 4111 1111 1111 1111.")
    assert pii.mask(None) is None
    assert pii.mask("Bra service") == "Bra service"


def test_a_card_followed_by_more_digits_is_still_found():
    text = "kortet 4111 1111 1111 1111 12 gånger"
    assert [text[f.start:f.end] for f in pii.find(text)] == ["4111 1111 1111 1111"]


def test_overlapping_findings_keep_the_more_certain_kind():
    # Ten digits starting 07 could be a mobile number; a real date and check digit make a personnummer.
    assert pii.kinds("0701019804") == {"personal_number"}  # 1 January 2007, check digit 4
    assert pii.kinds("0701019808") == {"phone"}  # the same date with a wrong check digit


def test_count_counts_comments_not_findings():
    counted = pii.count(["070-174 06 50 eller 08-465 004 50", "anna@example.se", None, "Bra", "4111111111111111"])
    assert counted == {"personal_number": 0, "phone": 1, "email": 1, "card": 1, "any": 3}
    assert pii.count(["anna@example.se"], into=counted)["email"] == 2
    assert pii.report_line(counted) == ("Personal details in 3 comments (masked on pages and in downloads): "
                                        "1 with a phone number, 1 with an e-mail address, 1 with a card number")


def test_count_of_repeated_comments_counts_every_repeat():
    texts = ["anna@example.se", None, "Ring 070-174 06 50", "anna@example.se", "Bra", "anna@example.se"]
    assert pii.count(texts) == {"personal_number": 0, "phone": 1, "email": 3, "card": 0, "any": 4}
    assert pii.count(iter(texts)) == pii.count(texts)  # any iterable, read once


@pytest.mark.parametrize("key, personal", [
    ("E-post", True), ("email", True), ("Kundens namn", True), ("Namn", True), ("name", True),
    ("first_name", True), ("Customer name", True), ("customer_id", True), ("Telefon", True),
    ("Mobilnummer", True), ("Personnummer", True), ("Adress", True), ("Kundnr", True),
    ("product_name", False), ("Produkt", False), ("customer_type", False), ("Kanal", False),
    ("order_value", False), ("Butik namn", False), ("Butiksnamn", False), ("Tjänst", False),
    ("Kontaktperson namn", True), ("E mail", True),
])
def test_attribute_names_that_hold_personal_details(key, personal):
    assert pii.personal_key(key) is personal


@pytest.mark.timeout(60)  # quadratic scanning of these inputs takes minutes
def test_hostile_input_is_scanned_in_linear_time():
    for text in ["a" * 50_000 + "@", "1" * 50_000, "1 " * 25_000, "4444 " * 10_000, "+" + "1 " * 25_000,
                 "a." * 25_000 + "@x", "07" + "0-" * 25_000, "a@" * 25_000]:
        pii.find(text)


def test_demo_comments_hold_no_false_findings():
    """The demo's phrases (what the benchmark's comments are made of) hold no detail."""
    plain = [text for text in comments(5_000, seed=3) if not any(
        marker in text for marker in ("070-", "@", "pnr", "kortet", "+46", "tel "))]
    assert pii.count(plain)["any"] == 0
