"""Tables as phone cards (components/table_cards.py): cards that cannot be opened
are one escaped HTML element for the whole table; cards that can keep a button each,
with the same escaped text."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script(selectable: bool, rows: int) -> None:
    import pandas as pd

    from components import table_cards

    frame = pd.DataFrame({"name": ["<b>Kassan</b> **fet**"] + [f"unit {n}" for n in range(1, rows)],
                          "share": [0.5] * rows, "secret": ["hidden"] * rows})
    config = {"name": "Enhet", "share": {"label": "Andel", "type_config": {"format": "percent"}}, "secret": None}
    options = {"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}
    table_cards.table(frame, key="units", column_config=config, **options)


def _run(selectable: bool, rows: int) -> AppTest:
    test = AppTest.from_function(_script, args=(selectable, rows), default_timeout=30).run()
    assert not test.exception, test.exception
    return test


def test_cards_that_cannot_be_opened_are_one_escaped_element():
    test = _run(selectable=False, rows=40)
    html = [element.proto.body for element in test.get("html")]
    assert len(html) == 1 and not test.markdown and not test.button
    body = html[0]
    assert body.count('class="insikt-table-card"') == 30  # CARD_LIMIT; the rest are counted
    assert body.startswith('<div class="insikt-table-card"><strong>&lt;b&gt;Kassan&lt;/b&gt; **fet**</strong>'
                           '<br>Andel: 50 %</div>')
    assert "hidden" not in body and "<b>" not in body  # a hidden column stays hidden; markup stays text
    assert "30 av 40" in "\n".join(caption.value for caption in test.caption)


def test_cards_that_can_be_opened_keep_a_button_each():
    test = _run(selectable=True, rows=3)
    cards = [element.proto.body for element in test.get("html")]
    assert [button.label for button in test.button] == ["Öppna"] * 3 and len(cards) == 3
    assert cards[0] == ('<div class="insikt-card-text"><strong>&lt;b&gt;Kassan&lt;/b&gt; **fet**</strong>'
                        '<br>Andel: 50 %</div>')
