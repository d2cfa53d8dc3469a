"""A demo database whose every label is hostile: Markdown and HTML in each field
that comes from a file (unit, touchpoint, channel, segment name and value, comment,
the file's name: imported through the importer) and in each name people edit
(region and unit names, touchpoint and theme names, user names, action titles and
descriptions, follow-up notes, resolutions and root causes, workshop notes and
proposals, pinned insights' titles).

Every piece of markup wraps a token starting with ``zq``; the browser check
(:data:`CHECK`) fails on any element the markup would create: a link or image
pointing outside the app, an element whose whole text is a token (bold, colour,
code, heading, quote, list item, HTML), a script, frame or ``on…`` attribute from
the data, a formula, and chart texts that keep the raw HTML.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select, update

LINK = "[zqlink](https://evil.example/l)"
IMAGE = "![zqimg](https://evil.example/i.png)"
RICH = "**zqfet** :red[zqred] `zqcode` $zqmath$ ~~zqdel~~"
HTML = "<b>zqhtml</b><img src=x onerror=zqerr()>"
SCRIPT = "<script>zqscript()</script><iframe src=https://evil.example/f></iframe>"
AUTO = "https://evil.example/auto www.evil.example"
FAKE = "Sessionen har gått ut — [logga in igen](https://evil.example/login)"
BLOCKS = "# zqhead\n> zqquote\n- zqlist\n1. zqordered\nzqsetext\n==="
RAW_HTML = ("<b>zqhtml</b>", "<img src=x", "<script>", "<iframe", "<a href")  # never raw in a chart's text

TOKENS = ["zqlink", "zqimg", "zqfet", "zqred", "zqcode", "zqmath", "zqdel", "zqhtml", "zqa", "zqhead",
          "zqquote", "zqlist", "zqordered", "zqsetext", "zqsl", "zqseg"]

FILE_NAME = "Export **zqfet** [zqlink](evil.example) <b>zqhtml</b>.csv"
SEGMENT = "Kundgrupp **zqseg** [zqsl](https://evil.example/s)"
CHANNELS = [LINK, IMAGE, HTML[:40], AUTO[:40], "**zqfet** :red[zqred] `zqcode`", "<script>zqscript()</script>"]
SEGMENT_VALUES = [IMAGE, HTML, SCRIPT, FAKE, RICH, LINK]
TOUCHPOINT = f"TP {LINK} {HTML}"
COMMENT = " ".join([LINK, IMAGE, RICH, HTML, SCRIPT, AUTO, FAKE]) + "\n" + BLOCKS

# Browser check, run in the page: what the app did not create.
CHECK = """(tokens) => {
  const found = [];
  const here = location.origin;
  const where = (el) => {
    const box = el.closest('[data-testid^="st"]');
    return ' in ' + (box ? box.getAttribute('data-testid') : '?') + ': '
      + ((box || el).textContent || '').trim().slice(0, 60);
  };
  const outside = (url) => { try { return new URL(url, location.href).origin !== here; } catch (e) { return true; } };
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href');
    // Streamlit's own heading anchors ("#title-slug") stay on the page; the app's own
    // mailto:/tel: links to a consenting customer sit only in a case's contact block.
    const contact = /^(mailto|tel):/.test(href || '') && a.closest('.insikt-contact');
    if (href && !href.startsWith('#') && !contact && (outside(href) || href.includes('evil'))) found.push('link ' + href + where(a));
  }
  for (const img of document.querySelectorAll('img, image')) {
    const src = img.getAttribute('src') || img.getAttribute('href') || img.getAttribute('xlink:href') || '';
    if (src.includes('evil') || src === 'x') found.push('image ' + src + where(img));
  }
  for (const el of document.querySelectorAll('body *')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on') && (el.getAttribute(attr) || '').includes('zq')) found.push('handler ' + attr + where(el));
    }
    if ((tag === 'script' || tag === 'iframe') && (el.outerHTML.includes('zq') || el.outerHTML.includes('evil'))) {
      found.push('element ' + tag + where(el));
    }
    const text = (el.textContent || '').trim();
    if (tokens.includes(text) && !['textarea', 'input', 'option'].includes(tag)) found.push(tag + ' ' + text + where(el));
    if (el.classList.contains('katex') && text.includes('zq')) found.push('formula' + where(el));
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const seen = JSON.stringify([plot.data || [], plot.layout || {}]);
    for (const raw of RAW) if (seen.includes(raw) && seen.includes('zq')) found.push('chart html ' + raw);
  }
  return found;
}""".replace("RAW", repr(list(RAW_HTML)))


def seed(url: str, today) -> None:
    """Make every label of the demo at ``url`` hostile (see the module docstring)."""
    from ingest import load
    from ingest.suggest import suggest
    from queries import follow_ups
    from queries.db import engine_for
    from queries.rollup import refresh
    from queries.schema import (
        Action, FollowUp, Insight, Response, Theme, Touchpoint, Unit, User, Workshop, WorkshopProposal,
    )
    from queries.settings import bump_data_version
    from queries.users import account_by_id
    from tests.import_corpus import to_csv

    engine = engine_for(url)
    renames = {"Uppsala Centrum": f"Uppsala {LINK} {RICH}", "Västerås": f"Väst {IMAGE} {SCRIPT}",
               "Region Mitt": f"Mitt {HTML} {AUTO}"}
    with engine.begin() as connection:
        for old, new in renames.items():
            connection.execute(update(Unit).where(Unit.name == old).values(name=new))
        connection.execute(update(Touchpoint).where(Touchpoint.key == "checkout").values(
            name_sv=f"Kassa {IMAGE} {RICH}", name_en=f"Checkout {IMAGE} {RICH}"))
        first_theme = connection.execute(select(Theme.id).order_by(Theme.sort_order, Theme.id)).scalar()
        connection.execute(update(Theme).where(Theme.id == first_theme).values(
            name_sv=f"Tema {LINK} {HTML}", name_en=f"Theme {IMAGE} {RICH}"))
        for name in ("staff", "manager", "leader", "admin"):
            connection.execute(update(User).where(User.username == name).values(
                display_name=f"{name} {LINK} {HTML}"[:120]))
        connection.execute(update(Action).values(title=f"Åtgärd {LINK} {IMAGE} {HTML} {RICH}"[:200],
                                                 description=COMMENT))
        connection.execute(update(Insight).values(title=f"Insikt {LINK} {IMAGE} {HTML} {RICH}"[:200]))
        connection.execute(update(FollowUp).values(notes=COMMENT, resolution=COMMENT))
        connection.execute(update(Workshop).values(notes=COMMENT, participants=f"{LINK} {HTML}"))
        connection.execute(update(WorkshopProposal).values(text=f"Förslag {LINK} {IMAGE} {HTML} {RICH}"))
        admin_id = connection.execute(select(User.id).where(User.username == "admin")).scalar()
    admin = account_by_id(engine, admin_id)
    rules = follow_ups.read_rules(engine)
    cause = "[zqlink](https://evil.example/c)"
    follow_ups.save_rules(engine, admin, replace(rules, root_causes=(*rules.root_causes, cause)))
    with engine.begin() as connection:
        connection.execute(update(FollowUp).where(FollowUp.status == "resolved").values(root_cause=cause))

    units = [renames["Uppsala Centrum"], renames["Västerås"], "Örebro", "Solna"]
    header = ["Svar-ID", "Datum", "Butik", "Kontaktpunkt", "Kanal", "NPS", "Kommentar", "Språk", SEGMENT]
    rows = []
    for number in range(96):
        moment = datetime.combine(today - timedelta(days=number % 20), datetime.min.time()) + timedelta(hours=9)
        rows.append([f"H{number:04d}", moment.strftime("%Y-%m-%d %H:%M"), units[number % 4],
                     TOUCHPOINT if number % 3 == 0 else "Butiksbesök", CHANNELS[number % len(CHANNELS)],
                     str(number % 11), COMMENT, "sv", SEGMENT_VALUES[number % len(SEGMENT_VALUES)]])
    data = to_csv(rows, header)
    source, _preview = load.open_file(data, FILE_NAME)
    suggested = suggest(source.columns)
    mapping = replace(suggested, create_missing=True, segments=[SEGMENT], source="hostile")
    report = load.check_file(engine, data, source, mapping, dry_run=False, user_id=admin_id)
    assert report.written == len(rows), (report.blocking, report.problems.head(3).to_dict("records"))
    with engine.begin() as connection:
        assert connection.execute(select(Response.id).where(Response.channel == LINK)).first()
        refresh(connection, today - timedelta(days=30), today)
        bump_data_version(connection)
