"""Awkward and malformed feedback exports for the import tests, made in code.

:data:`CORPUS` maps a case name to a function giving ``(file name, bytes)``;
``build(name)`` calls it. Good rows name the units Lund, Malmö and Uppsala
Centrum and the touchpoints Kassa, Butiksbesök and delivery, as the import
tests' database has them. Row numbers in comments are as a spreadsheet shows
them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import struct
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta

HEADER = ["Svar-ID", "Datum", "Butik", "Kontaktpunkt", "Kanal", "NPS", "Nöjdhet", "Kommentar", "Språk",
          "Kundtyp"]
UNITS = ("Lund", "Malmö", "Uppsala Centrum")
TOUCHPOINTS = ("Kassa", "Butiksbesök", "delivery")
COMMENTS = ("Lång kö i kassan, väntetiden var orimlig", "Trevlig personal som hjälpte mig", "",
            "Bra priser men smutsigt", "Leveransen kom för sent")
HUGE = "väntetid " * 11_111 + "x"  # 100,000 characters
FORMULAS = ('=HYPERLINK("http://evil.example","klicka")', "+1", "-2", "@SUM(A1:A2)")
EMOJI = "Toppen 😀👍🏽 — kön gick fort 🚀"


def good_rows(count: int, first: int = 1, *, month: int = 3) -> list[list[str]]:
    """``count`` valid rows with ids S00001…, ISO dates in ``month`` of 2025."""
    return [[f"S{number:05d}", f"2025-{month:02d}-{number % 28 + 1:02d} {8 + number % 10:02d}:{number % 60:02d}",
             UNITS[number % 3], TOUCHPOINTS[number % 3], ("E-post", "SMS")[number % 2], str(number % 11),
             str(number % 5 + 1), COMMENTS[number % len(COMMENTS)], "sv",
             ("Ny kund", "Återkommande kund")[number % 2]]
            for number in range(first, first + count)]


def to_csv(rows: list[list], header: list[str] = HEADER, *, delimiter: str = ";", newline: str = "\r\n",
           encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def to_xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry; text starting with "=" stays text."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with(rows: list[list], changes: dict[tuple[int, int], str]) -> list[list]:
    """``rows`` with cells replaced: (index into rows, column index) -> value."""
    rows = [list(row) for row in rows]
    for (row, column), value in changes.items():
        rows[row][column] = value
    return rows


def comma() -> tuple[str, bytes]:
    return "comma.csv", to_csv(good_rows(6), delimiter=",")


def semicolon() -> tuple[str, bytes]:
    return "semicolon.csv", to_csv(good_rows(6), delimiter=";")


def tab() -> tuple[str, bytes]:
    return "tab.txt", to_csv(good_rows(6), delimiter="\t", newline="\n")


def latin1() -> tuple[str, bytes]:
    """Windows-1252 with å, ä and ö in the header, units and comments."""
    return "latin1.csv", to_csv(good_rows(6), encoding="cp1252")


def utf8_bom() -> tuple[str, bytes]:
    return "bom.csv", codecs.BOM_UTF8 + to_csv(good_rows(6))


def utf16() -> tuple[str, bytes]:
    """UTF-16 with a byte-order mark, tab-separated: what Excel's "Unicode text" writes."""
    return "unicode.txt", to_csv(good_rows(6), delimiter="\t", encoding="utf-16")


def utf16_without_bom() -> tuple[str, bytes]:
    return "utf16be.csv", to_csv(good_rows(6), delimiter=",", encoding="utf-16-be")


def crlf_multiline() -> tuple[str, bytes]:
    """CRLF line ends and comments with line breaks inside quotes: rows 3 and 5
    span several lines, yet the last record is row 7."""
    rows = _with(good_rows(6), {(1, 7): "Första raden\r\nandra raden", (3, 7): "a\nb\r\nc; med semikolon"})
    return "multiline.csv", to_csv(rows)


def empty() -> tuple[str, bytes]:
    return "empty.csv", b""


def blank_lines() -> tuple[str, bytes]:
    return "blank.csv", b"\r\n  \r\n\r\n"


def header_only() -> tuple[str, bytes]:
    return "header.csv", to_csv([])


def missing_required() -> tuple[str, bytes]:
    """No date column at all."""
    header = [name for name in HEADER if name != "Datum"]
    return "no_date.csv", to_csv([row[:1] + row[2:] for row in good_rows(3)], header)


def duplicated_ids() -> tuple[str, bytes]:
    """Row 5 repeats the id of row 2, row 7 that of row 3."""
    rows = good_rows(6)
    rows[3][0], rows[5][0] = rows[0][0], rows[1][0]
    return "duplicates.csv", to_csv(rows)


def scientific_ids() -> tuple[str, bytes]:
    """Ids Excel turned into 1.23457E+11 (row 3) and 1,23E+05 (row 5)."""
    return "scientific.csv", to_csv(_with(good_rows(5), {(1, 0): "1.23457E+11", (3, 0): "1,23E+05"}))


def huge_cell() -> tuple[str, bytes]:
    """A 100,000-character comment on row 3."""
    return "huge.csv", to_csv(_with(good_rows(3), {(1, 7): HUGE}))


def formulas() -> tuple[str, bytes]:
    """Comments that look like formulas (rows 2–5) and, on row 6, a unit that
    does (so a problem line carries a formula)."""
    rows = _with(good_rows(5), {(index, 7): text for index, text in enumerate(FORMULAS)})
    rows[4][2] = '=HYPERLINK("http://evil.example")'
    return "formulas.csv", to_csv(rows)


def mixed_dates() -> tuple[str, bytes]:
    """ISO rows and dd/mm/yyyy rows; 25/03/2025 (row 3) decides day first, 03/25/2025
    (row 5) is the other way round, 31/02/2025 (row 6) is no date."""
    rows = _with(good_rows(6), {(1, 1): "25/03/2025", (2, 1): "04/03/2025 14:05", (3, 1): "03/25/2025",
                                (4, 1): "31/02/2025", (5, 1): "2025-03-06T10:00:00Z"})
    return "mixed_dates.csv", to_csv(rows)


def ambiguous_dates() -> tuple[str, bytes]:
    """Every date reads both ways (04/03/2025 …)."""
    rows = _with(good_rows(4), {(index, 1): f"0{index + 1}/03/2025" for index in range(4)})
    return "ambiguous_dates.csv", to_csv(rows)


def odd_dates() -> tuple[str, bytes]:
    """ISO with Z and offsets, an Excel serial day and day-time, dotted and dashed
    dates, a nonexistent and an ambiguous local time (DST), and text (row 9)."""
    dates = ["2025-03-01T10:00:00Z", "2025-03-01T10:00:00+02:00", "45717", "45717.75", "01.03.2025",
             "30-03-2025 02:30", "27-10-2024 02:30", "someday"]
    return "odd_dates.csv", to_csv(_with(good_rows(8), {(index, 1): value for index, value in enumerate(dates)}))


def scores() -> tuple[str, bytes]:
    """NPS as exports write it: rows 2–7 fine ("9", "9.0", "9,0", " 9 ", "9/10",
    "n/a"), rows 8–12 wrong ("8.5", "11", "-1", "nine", "4/5"); CSAT "4 of 5" (row 13) fine."""
    nps = ["9", "9.0", "9,0", " 9 ", "9/10", "n/a", "8.5", "11", "-1", "nine", "4/5", "7"]
    rows = _with(good_rows(12), {(index, 5): value for index, value in enumerate(nps)})
    rows[11][6] = "4 of 5"
    return "scores.csv", to_csv(rows)


def emoji() -> tuple[str, bytes]:
    return "emoji.csv", to_csv(_with(good_rows(2), {(0, 7): EMOJI}))


def swedish_xlsx() -> tuple[str, bytes]:
    """An Excel export with Swedish headers on the sheet "Svar" (after "Info"):
    real datetimes, numbers as numbers (9.0, a 12-digit id), a formula-like text."""
    rows = [HEADER]
    for number, row in enumerate(good_rows(4), start=1):
        rows.append([int(f"40000000000{number}"), datetime(2025, 3, number, 9, 30), row[2], row[3], row[4],
                     float(number + 5), number, row[7] or None, "Svenska", row[9]])
    rows[2][7] = '=HYPERLINK("x")'
    return "svar.xlsx", to_xlsx({"Info": [["Export", "2025-03-31"]], "Svar": rows})


def empty_xlsx() -> tuple[str, bytes]:
    return "tom.xlsx", to_xlsx({"Blad1": []})


def binary_garbage() -> tuple[str, bytes]:
    return "garbage.csv", bytes(range(256)) * 64


def fake_xlsx() -> tuple[str, bytes]:
    return "export.xlsx", to_csv(good_rows(2))


def legacy_xls() -> tuple[str, bytes]:
    return "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def too_many_fields() -> tuple[str, bytes]:
    """Row 3 has a semicolon inside an unquoted comment: one value too many."""
    data = to_csv(good_rows(3)).decode()
    lines = data.split("\r\n")
    lines[2] = lines[2] + ";extra"
    return "extra.csv", "\r\n".join(lines).encode()


def odd_headers() -> tuple[str, bytes]:
    """A blank header (column 11) and a repeated one ("Kommentar" twice)."""
    header = [*HEADER, "", "Kommentar"]
    return "headers.csv", to_csv([row + ["x", "andra"] for row in good_rows(2)], header)


def late_latin1() -> tuple[str, bytes]:
    """UTF-8 for more than the sample, then a Windows-1252 "ä" on the last line."""
    data = to_csv(good_rows(700))
    return "late.csv", data + "S99999;2025-03-01;Lund;Kassa;E-post;5;3;väntetid;sv;Ny\r\n".encode("cp1252")


def excel_sep_line() -> tuple[str, bytes]:
    """Excel's "sep=," first line, then a comma-separated table."""
    return "sep.csv", b"sep=,\r\n" + to_csv(good_rows(3), delimiter=",")


def stars_review_site() -> tuple[str, bytes]:
    """A review site's export: English headers, no id, no touchpoint, star ratings."""
    header = ["Review ID", "Date published", "Location", "Rating", "Review", "Reviewer"]
    rows = [[f"R{number}", f"2025-03-{number:02d}T12:00:00Z", UNITS[number % 3], "★" * (number % 5 + 1),
             COMMENTS[number % 5] or "ok", f"Person {number}"] for number in range(1, 6)]
    return "reviews.csv", to_csv(rows, header, delimiter=",")


def without_ids(first: int = 1, count: int = 6) -> tuple[str, bytes]:
    """No id column: rows are known by their content."""
    rows = [row[1:] for row in good_rows(count, first)]
    return f"no_ids_{first}.csv", to_csv(rows, HEADER[1:])


def overlapping() -> tuple[str, bytes]:
    """The rows 4–9 of the export whose rows 1–6 :func:`without_ids` gives."""
    return without_ids(4, 6)


def unknown_names() -> tuple[str, bytes]:
    """A new unit "Nya butiken" (rows 2 and 4), a new touchpoint "Chatt" (row 3),
    a region as a unit (row 5) and an inactive unit (row 6)."""
    rows = _with(good_rows(5), {(0, 2): "Nya butiken", (2, 2): " nya  BUTIKEN", (1, 3): "Chatt",
                                (3, 2): "Region Syd", (4, 2): "Stängd butik"})
    return "unknown.csv", to_csv(rows)


# --- exports as real sites and tools write them ---------------------------------------------------
# Shaped like public exports nobody here wrote: a review site, a hotel-review aggregator, an
# airline-tweet data set and a Swedish text-only file. Seeded, so every run gives the same bytes.

PROVIDERS = ("Nordic Bank", "Fjord Insurance", "Baltic Telecom", "Aurora Energy", "Kestrel Airlines",
             "Lumen Broadband", "Orbit Mobile", "Harbor Pharmacy", "Pine Grocers", "Summit Travel")
REVIEW_TEXTS = (
    ("Waited forty minutes on hold before anyone answered, and then the line dropped.", 1),
    ("The staff were friendly and helpful, sorted my problem in five minutes.", 5),
    ("Far too expensive for what you get, the price went up again this year.", 2),
    ("Delivery was late twice and the parcel arrived damaged.", 1),
    ("Great value and quick service, would recommend to friends.", 5),
    ("The website keeps logging me out and the app crashes on login.", 2),
    ("Nothing special, it does the job.", 3),
    ("I complained about a wrong invoice and never got a reply or a refund.", 1),
    ("Helpful advice from someone who clearly knew the products.", 4),
    ("Good overall, although the queue at the branch was long.", 4),
)
TITLES = ("Terrible", "Great service", "Too pricey", "Late again", "Recommended", "Buggy app", "Okay",
          "No reply", "Knowledgeable", "Good")
COUNTRIES = ("GB", "US", "SE", "DE", "DK", "NO", "IE", "NL")


def review_site_export(per_provider: int = 60) -> tuple[str, bytes]:
    """An English review-site export: ``provider`` (10 providers), ``rating`` 1–5 stars, ISO
    timestamps with ``Z`` from 2015 to 2024 (``published``), an ``experienced`` date, page URLs
    in ``source``, ``helpful_count``, the reviewer's name and country, a ``title`` and the
    review ``text``; no NPS, no touchpoint."""
    rnd = random.Random(12)
    header = ["review_id", "provider", "reviewer_name", "reviewer_country", "rating", "title", "text",
              "published", "experienced", "source", "helpful_count", "verified"]
    rows = []
    for number in range(per_provider * len(PROVIDERS)):
        provider = PROVIDERS[number % len(PROVIDERS)]
        text, stars = REVIEW_TEXTS[rnd.randrange(len(REVIEW_TEXTS))]
        moment = datetime(2015, 1, 1) + timedelta(minutes=rnd.randrange(int(9.9 * 365 * 24 * 60)))
        slug = provider.lower().replace(" ", "-")
        rows.append([f"rv-{number + 1:06d}", provider, f"{rnd.choice(FIRST_NAMES)} {rnd.choice('ABCDEFGHKLMNPRS')}.",
                     COUNTRIES[min(rnd.randrange(10), 7)], str(stars), _title(rnd, TITLES[REVIEW_TEXTS.index((text, stars))]),
                     f"{text} Reviewer {number}.", moment.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                     (moment - timedelta(days=rnd.randrange(30))).strftime("%Y-%m-%dT00:00:00.000Z"),
                     f"https://www.reviews.example/review/{slug}?page={number // 20 + 1}",
                     str(rnd.randrange(41)), rnd.choice(("true", "false"))])
    return "reviews_export.csv", to_csv(rows, header, delimiter=",", newline="\n")


def _title(rnd: random.Random, title: str) -> str:
    """A review's title as people write them: a few words, seldom twice the same."""
    return f"{title}{rnd.choice(('', '!', '!!', '.', ' :(', ' :)'))} {rnd.choice(TITLE_WORDS)} {rnd.randrange(99)}".strip()


TITLE_WORDS = ("really", "honestly", "overall", "this time", "as usual", "again", "for me", "today", "sadly", "wow")
HOTELS = (("Hôtel Le Café", "Montréal", "QC"), ("Château Lumière", "Québec", "QC"), ("Best Stay Inn", "Austin", "TX"),
          ("Riverside Lodge", "Austin", "TX"), ("Harbour Suites", "Halifax", "NS"), ("Pension Müller", "Montréal", "QC"),
          ("Casa Señora", "Austin", "TX"), ("The Grand", "Halifax", "NS"), ("Motel Sixty", "Québec", "QC"),
          ("Garden Hotel", "Halifax", "NS"))
HOTEL_TEXTS = ("The room was clean and the staff very friendly, breakfast was great.",
               "Dirty bathroom and a rude receptionist, we waited an hour to check in.",
               "Good location, fair price, would stay again.",
               "Noisy at night and far too expensive for such a small room.",
               "Lovely café downstairs, the crêpes were wonderful and the service quick.")


def hotel_export(per_hotel: int = 40) -> tuple[str, bytes]:
    """A Latin-1 hotel-review export with 19 columns: ``id`` is the hotel's (it repeats),
    ``name`` the hotel, ``reviews.rating`` 1–5 with some 0 and 4.1, ``reviews.date`` ISO with
    ``Z`` (2016–2019), ``reviews.text`` and a shorter ``reviews.title``, the reviewer, city,
    province, country, coordinates, postal code, addresses and URLs."""
    rnd = random.Random(19)
    header = ["id", "dateAdded", "dateUpdated", "address", "categories", "city", "country", "latitude",
              "longitude", "name", "postalCode", "province", "reviews.date", "reviews.rating", "reviews.text",
              "reviews.title", "reviews.username", "reviews.sourceURLs", "websites"]
    rows = []
    for number in range(per_hotel * len(HOTELS)):
        index = number % len(HOTELS)
        name, city, province = HOTELS[index]
        text = HOTEL_TEXTS[rnd.randrange(len(HOTEL_TEXTS))]
        rating = ("0" if number % 37 == 0 else "4.1" if number % 41 == 0
                  else str(1 + (HOTEL_TEXTS.index(text) % 2 == 0) * 3 + rnd.randrange(2)))
        day = datetime(2016, 1, 1) + timedelta(days=rnd.randrange(4 * 365))
        rows.append([f"AVwc{index:04d}IN2L1WUfp", "2017-06-30T21:42:42Z", "2018-10-25T16:36:31Z",
                     f"{100 + index} Main Street", "Hotels,Lodging", city, "CA" if province != "TX" else "US",
                     f"{45 + index / 7:.6f}", f"{-73 - index / 9:.6f}", name, f"{73301 + index}", province,
                     day.strftime("%Y-%m-%dT00:00:00Z"), rating, text + f" Stay {number}.",
                     _title(rnd, text.split(",")[0][:24]), f"guest{rnd.randrange(10_000)}",
                     f"https://www.hotels.example/review/{number}", f"http://www.{index}.hotel.example"])
    return "hotel_reviews.csv", to_csv(rows, header, delimiter=",", encoding="latin-1")


AIRLINES = ("Virgin America", "United", "Southwest", "Delta", "US Airways", "American")
REASONS = ("Bad Flight", "Can't Tell", "Late Flight", "Customer Service Issue", "Flight Booking Problems",
           "Lost Luggage", "Flight Attendant Complaints", "Cancelled Flight")
TWEETS = {
    "negative": ("my flight was delayed three hours and nobody told us anything",
                 "lost my bag again, the customer service line kept me waiting on hold for an hour",
                 "rude staff at the gate and the seat was broken"),
    "neutral": ("what time does the lounge open", "is there wifi on the morning flight"),
    "positive": ("thanks for the friendly crew and the quick boarding", "great service today, helpful staff"),
}
PLACES = ("NYC", "Brooklyn, NY", "San Francisco CA", "Washington, DC", "Lets Play", "the moon 🌙", "Austin",
          "Chicago, IL", "London", "somewhere over the rainbow", "Texas", "Boston, MA")
ZONES = ("Eastern Time (US & Canada)", "Pacific Time (US & Canada)", "Central Time (US & Canada)", "Quito",
         "London", "Atlantic Time (Canada)")


def tweet_export(count: int = 600) -> tuple[str, bytes]:
    """An airline-tweet export: ``airline_sentiment`` positive/neutral/negative and its
    confidence, ``airline`` (6), ``tweet_id`` in scientific notation (as Excel writes it),
    ``tweet_created`` day first (24/02/2015 11:35), the author's ``name`` and free-text
    ``tweet_location``, ``user_timezone``, reasons for negative tweets and nearly empty gold columns."""
    rnd = random.Random(15)
    header = ["tweet_id", "airline_sentiment", "airline_sentiment_confidence", "negativereason",
              "negativereason_confidence", "airline", "airline_sentiment_gold", "name", "negativereason_gold",
              "retweet_count", "text", "tweet_coord", "tweet_created", "tweet_location", "user_timezone"]
    rows = []
    for number in range(count):
        sentiment = ("negative", "negative", "negative", "neutral", "positive")[rnd.randrange(5)]
        airline = AIRLINES[number % len(AIRLINES)]
        handle = f"@{airline.replace(' ', '')}"
        moment = datetime(2015, 2, 16, 8) + timedelta(minutes=rnd.randrange(9 * 24 * 60))
        location = rnd.choice(PLACES) + (f" {rnd.randrange(900)}" if rnd.random() < 0.6 else "")
        rows.append([f"{5.70306 + rnd.randrange(9) / 1e5:.5f}E+17", sentiment, f"{rnd.uniform(0.3, 1):.4f}",
                     rnd.choice(REASONS) if sentiment == "negative" else "",
                     f"{rnd.uniform(0.3, 1):.4f}" if sentiment == "negative" else "", airline,
                     sentiment if number % 150 == 0 else "", f"{rnd.choice(FIRST_NAMES).lower()}{rnd.randrange(5000)}",
                     "", str(min(rnd.randrange(40), 12) if rnd.random() < 0.1 else 0),
                     f"{handle} {rnd.choice(TWEETS[sentiment])} #{number}",
                     "[40.74804263, -73.99295302]" if number % 90 == 0 else "", moment.strftime("%d/%m/%Y %H:%M"),
                     location if rnd.random() < 0.7 else "", rnd.choice(ZONES) if rnd.random() < 0.7 else ""])
    return "Tweets.csv", to_csv(rows, header, delimiter=",", newline="\n")


SWEDISH_TEXTS = {
    "Positiv": ("Trevlig personal som hjälpte mig direkt", "Snabb leverans och bra pris"),
    "Neutral": ("Det fungerade som det skulle", "Inget särskilt att säga"),
    "Negativ": ("Lång kö i kassan och otrevligt bemötande", "Paketet kom för sent och var trasigt",
                "Ingen återkoppling på min reklamation"),
}


def swedish_text_only(count: int = 120) -> tuple[str, bytes]:
    """A Swedish file with only a comment and a sentiment label (Positiv/Neutral/Negativ):
    no date, no unit, no score."""
    rnd = random.Random(8)
    rows = []
    for number in range(count):
        label = ("Positiv", "Neutral", "Negativ")[rnd.randrange(3)]
        rows.append([f"{rnd.choice(SWEDISH_TEXTS[label])} ({number})", label])
    return "kommentarer.csv", to_csv(rows, ["Kommentar", "Sentiment"])


FIRST_NAMES = ("Anna", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kira", "Liam",
               "Maja", "Noah", "Olga", "Per", "Rosa", "Sam", "Tove", "Uma")
def zip_bomb(padding_mb: int = 8) -> tuple[str, bytes]:
    """A real workbook whose sheet is padded with ``padding_mb`` MB of spaces: it
    packs to about a thousandth of what it unpacks to, as a zip bomb does."""
    source = zipfile.ZipFile(io.BytesIO(to_xlsx({"Svar": [HEADER, *good_rows(2)]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for entry in source.infolist():
            data = source.read(entry)
            if not entry.filename.startswith("xl/worksheets/"):
                bomb.writestr(entry, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with bomb.open(entry.filename, "w") as sheet:
                sheet.write(head)
                for _ in range(padding_mb):
                    sheet.write(b" " * (1 << 20))
                sheet.write(b"</sheetData>" + tail)
    return "bomb.xlsx", out.getvalue()


def claiming(data: bytes, name: str, size: int) -> bytes:
    """A workbook whose table of contents says the part ``name`` unpacks to
    ``size`` bytes (it holds what it held)."""
    entry = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    record = data.index(b"PK\x01\x02")  # the central directory's records: size at +24, name at +46
    while data[record + 46:record + 46 + len(name)] != name.encode():
        record = data.index(b"PK\x01\x02", record + 4)
    assert struct.unpack("<I", data[record + 24:record + 28])[0] == entry.file_size
    return data[:record + 24] + struct.pack("<I", size) + data[record + 28:]


CORPUS: dict[str, Callable[[], tuple[str, bytes]]] = {
    function.__name__: function for function in (
        comma, semicolon, tab, latin1, utf8_bom, utf16, utf16_without_bom, crlf_multiline, empty,
        blank_lines, header_only, missing_required, duplicated_ids, scientific_ids, huge_cell, formulas,
        mixed_dates, ambiguous_dates, odd_dates, scores, emoji, swedish_xlsx, empty_xlsx, binary_garbage,
        fake_xlsx, legacy_xls, too_many_fields, odd_headers, late_latin1, excel_sep_line,
        stars_review_site, without_ids, overlapping, unknown_names, review_site_export, hotel_export,
        tweet_export, swedish_text_only,
    )
}


def build(name: str) -> tuple[str, bytes]:
    """(file name, bytes) of a corpus case."""
    return CORPUS[name]()
