"""The pieces of the strengths page: where the unit stands against a comparator
(a fragment of its own), a card per strength or weakness (sentence,
numbers, small-sample flag, dot-and-interval chart, customers' own words, pin and
drill) for the strongest few and a compact table for the rest, the honest
"nothing clear" message and key drivers on the chosen measure (the units ×
touchpoints heatmap is in :mod:`components.landing_views`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import compare as comparison
from analysis import measures
from analysis.drivers import MIN_CLUSTERS
from analysis.verdict import Rule
from components import charts, comment_cards, data, drill, measure_text, pins, table_cards, theme_views, url_state
from components.filters import Selection
from components.i18n import TEXTS, html_safe, key_label, markdown_safe, number, t
from components.shell import Page, fragment
from queries.comments import CommentQuery
from queries.compare import MIN_DAYS, too_short
from queries.responses import Filters

COMPARATORS = ("organisation", "previous", "region", "target")
HEADINGS = {"strength": "strengths_heading", "weakness": "weaknesses_heading"}
CARDS = 4  # cards per column (strengths, weaknesses); further findings go in a table
DRIVER_MIN = 30  # mentions a theme needs in the key-driver model
POOL = 500  # a card's representative comments are picked among this many of the group's newest


class Labels:
    """Readable names for the groups of a comparison, in the reader's language."""

    def __init__(self, page: Page):
        touchpoints = data.touchpoints(page)
        self.touchpoints = dict(zip(touchpoints["key"], touchpoints[f"name_{page.language}"]))
        self.touchpoint_ids = dict(zip(touchpoints["key"], touchpoints["id"]))
        options = data.theme_options(page)
        self.themes = dict(zip(options["key"], options[f"name_{page.language}"]))

    def name(self, dimension: str, key: str) -> str:
        if dimension == "overall":
            return t("group_overall")
        if dimension == "touchpoint":
            return self.touchpoints.get(key, key)
        if dimension == "theme":
            return self.themes.get(key, key)
        if dimension == "channel":
            return t(f"channel_{key}") if f"channel_{key}" in TEXTS else key
        attribute, _, value = key.partition("=")
        return f"{key_label('segment', attribute)}: {value}"

    def group(self, dimension: str, key: str) -> str:
        """The group as it reads in a sentence: "the touchpoint Checkout"."""
        if dimension == "overall":
            return t("group_overall")
        return t(f"dimension_{dimension}", name=self.name(dimension, key))


@fragment
def standing(page: Page, selection: Selection, labels: Labels, targets: dict) -> None:
    """Where we stand against the comparator the user picks (kept in the URL as
    ``vs``): strengths beside weaknesses, what comes close, groups too small to judge
    and themes raised more or less often. A fragment: a change of comparator reruns
    only this part."""
    offered = [c for c in COMPARATORS if c != "target" or targets]
    comparator = url_state.keyed(st.segmented_control, t("comparator"), "vs", offered,
                                 {c: t(f"comparator_{c}") for c in offered}, "organisation", required=True)
    small_sample = page.thresholds.small_sample
    result = data.compared(page, selection.filters, comparator, Rule(small_sample=small_sample))
    if result is None:
        _no_comparator(page, selection, comparator)
        return
    tested = result[result["verdict"].isin(["strength", "weakness", "no_clear_difference"])]
    st.caption(t("strengths_caption", n=number(len(tested))))
    for column, verdict in zip(st.columns(2, gap="large"), ("strength", "weakness")):
        with column:
            st.subheader(t(HEADINGS[verdict]))
            found = result[result["verdict"] == verdict]
            if found.empty:
                close_calls(comparison.closest(result, verdict), verdict, labels, comparator, small_sample)
            findings(page, selection, found, labels, comparator, verdict)
    st.caption(":material/join_inner: " + t("as_overall_note"))
    too_few(result, labels, small_sample)
    if comparator != "target":
        mentions(result, labels, comparator)


def _no_comparator(page: Page, selection: Selection, comparator: str) -> None:
    """Why the comparator has nothing to compare with."""
    others = comparator in ("organisation", "region")
    if selection.unit_id is None and comparator != "previous":
        reason = "reason_everything_selected"
    elif others and page.account.role in ("staff", "manager") and too_short(selection.filters):
        reason = "reason_short_period"
    elif others:
        reason = "reason_too_few_units"
    else:
        reason = "reason_no_data"
    st.warning(t("comparator_missing", comparator=t(f"comparator_{comparator}"),
                 reason=t(reason, days=MIN_DAYS)), icon=":material/compare_arrows:")


def _scaled(row) -> dict[str, float]:
    """The row's figures on the scale they are shown on (NPS points or %)."""
    m = measures.get(row.measure)
    return {name: m.shown(getattr(row, name)) for name in
            ("value", "low", "high", "comp_value", "comp_low", "comp_high", "diff", "diff_low", "diff_high")}


def _numbers(row, comparator: str) -> str:
    key = row.measure
    signed = {name: measure_text.difference(key, getattr(row, name)) for name in ("diff", "diff_low", "diff_high")}
    plain = {name: measure_text.value(key, getattr(row, name)) for name in ("value", "low", "high", "comp_value")}
    template = "card_numbers_target" if comparator == "target" else "card_numbers"
    return t(template, **plain, **signed, n=number(row.n), comp_n=number(row.comp_n),
             comparator_label=t(f"comparator_{comparator}").capitalize())


def small_n(row, comparator: str, small_sample: int) -> int | None:
    """The smaller n of a row's two sides when it lies below ``small_sample`` (the
    row must carry the small-sample flag), else None. A target has no n."""
    sizes = [int(row.n)] + ([] if comparator == "target" else [int(row.comp_n)])
    return min(sizes) if min(sizes) < small_sample else None


def ranked(found: pd.DataFrame, comparator: str, small_sample: int) -> pd.DataFrame:
    """Strengths or weaknesses in the order they are shown: groups with enough
    responses first, then by the size of the difference (NPS points and percentage
    points alike), largest first."""
    small = [small_n(row, comparator, small_sample) is not None for row in found.itertuples()]
    size = [-abs(measures.get(row.measure).shown(row.diff)) for row in found.itertuples()]
    order = pd.DataFrame({"small": small, "size": size}, index=found.index)
    return found.loc[order.sort_values(["small", "size"], kind="stable").index]


def findings(page: Page, selection: Selection, found: pd.DataFrame, labels: Labels, comparator: str,
             verdict: str) -> None:
    """The strongest findings of one kind as cards, and every further one as a row
    of a compact table (so that dozens of segment groups keep the page readable)."""
    small_sample = page.thresholds.small_sample
    found = ranked(found, comparator, small_sample)
    for rank, row in enumerate(found.head(CARDS).itertuples()):
        card(page, selection, row, labels, comparator, f"{verdict}_{rank}")
    rest = found.iloc[CARDS:]
    if rest.empty:
        return
    with st.expander(t("more_findings", n=number(len(rest)))):
        table_cards.table(pd.DataFrame({
            "group": [labels.name(row.dimension, row.key) for row in rest.itertuples()],
            "measure": [measure_text.in_sentence(row.measure) for row in rest.itertuples()],
            "here": [f"{measure_text.value(row.measure, row.value)} ({measure_text.value(row.measure, row.low)}"
                          f" – {measure_text.value(row.measure, row.high)})" for row in rest.itertuples()],
            "comparator": [measure_text.value(row.measure, row.comp_value) for row in rest.itertuples()],
            "diff": [measure_text.difference(row.measure, row.diff) for row in rest.itertuples()],
            "n": [int(row.n) for row in rest.itertuples()],
            "flag": ["⚠ " + t("small_sample_short") if small_n(row, comparator, small_sample) else ""
                          for row in rest.itertuples()],
        }), hide_index=True, width="stretch", key=f"more_{verdict}",
            column_config={"group": t("col_group"), "measure": t("col_measure"), "here": t("col_here"),
                                "comparator": t(f"comparator_{comparator}").capitalize(),
                                "diff": t("col_difference"), "n": t("col_n"), "flag": t("col_flag")})


def card(page: Page, selection: Selection, row, labels: Labels, comparator: str, key: str) -> None:
    """One strength or weakness: sentence, numbers, chart, comments, pin and drill."""
    kind = row.verdict
    sentence = sentence_of(row, labels, comparator)
    m = measures.get(row.measure)
    with st.container(border=True):
        st.markdown(f"**{markdown_safe(sentence)}**")
        notes = [_numbers(row, comparator)]
        if row.adjusted:
            notes.append(":material/balance: "
                         + t("mix_adjusted_note", comparator_label=t(f"comparator_{comparator}")))
        small = small_n(row, comparator, page.thresholds.small_sample)
        if small is not None:
            notes.append(":material/warning: " + t("small_sample_flag", n=small))
        if row.dimension == "theme":
            notes.append(theme_views.tone_caption(page, selection.filters, row.key, row.measure,
                                                  labels.name(row.dimension, row.key)))
        st.caption("  \n".join(note for note in notes if note))  # one element: each is a message
        figures = _scaled(row)
        other = ((figures["comp_value"],) * 3 if comparator == "target"
                 else (figures["comp_value"], figures["comp_low"], figures["comp_high"]))
        st.plotly_chart(
            charts.comparison_figure((figures["value"], figures["low"], figures["high"]), other,
                                     (t("here_label"), t(f"comparator_{comparator}")),
                                     tuple(m.shown(bound) for bound in m.bounds), " %" if m.percent else ""),
            key=f"chart_{key}", config={"displayModeBar": False, "staticPlot": True})
        target = _group_drill(row, "top" if kind == "strength" else "bottom")
        show_representative(page, selection.filters, target, row.measure, labels)
        with st.container(horizontal=True):
            drill.button(t("open_comments"), target, key=f"drill_{key}", icon=":material/forum:")
            pins.button(page, selection, key, kind=kind, scope_type=row.dimension, scope_key=row.key,
                        metric=row.measure, title=sentence, estimate=row.value, low=row.low,
                        high=row.high, n=row.n, comparator=comparator,
                        comparator_estimate=row.comp_value)


def sentence_of(row, labels: Labels, comparator: str) -> str:
    """A strength or weakness in words; a theme's score row speaks of those who mention it."""
    words = {"measure": t(f"measure_{row.measure}"), "comparator": t(f"comparator_{comparator}")}
    if row.dimension == "theme":
        return t(f"sentence_theme_{row.verdict}", name=labels.name(row.dimension, row.key), **words)
    return t(f"sentence_{row.verdict}", group=labels.group(row.dimension, row.key), **words)


def mentions(result: pd.DataFrame, labels: Labels, comparator: str) -> None:
    """Themes raised clearly more or less often here than by the comparator's customers (the
    share of comments that mention them), apart from the score of those who mention them."""
    rows = result[result["measure"] == comparison.MENTIONS]
    if rows.empty:
        return
    st.subheader(t("mentions_title"))
    st.caption(t("mentions_caption", comparator=t(f"comparator_{comparator}")))
    clear = rows[rows["verdict"].isin(["more_often", "less_often"])]
    if clear.empty:
        st.caption(t("mentions_none", comparator=t(f"comparator_{comparator}")))
    for row in clear.sort_values("diff", key=abs, ascending=False).itertuples():
        percent = {name: number(100 * getattr(row, name), 1) + " %" for name in
                   ("value", "low", "high", "comp_value")}
        signed = {name: measure_text.difference("csat", getattr(row, name)) for name in
                  ("diff", "diff_low", "diff_high")}
        with st.container(border=True):
            st.markdown("**" + markdown_safe(t(f"sentence_{row.verdict}", name=labels.name("theme", row.key),
                                                comparator=t(f"comparator_{comparator}"))) + "**")
            st.caption(t("mentions_numbers", **percent, **signed, n=number(row.n), comp_n=number(row.comp_n),
                         comparator_label=t(f"comparator_{comparator}").capitalize()))


def _group_drill(row, score_group: str) -> drill.Drill:
    """The comments behind a group on the row's side of its measure (segments have
    no comment filter: the whole unit)."""
    if row.dimension == "touchpoint":
        return drill.Drill(touchpoint_key=row.key, score_group=score_group, measure=row.measure)
    if row.dimension == "channel":
        return drill.Drill(channel=row.key, score_group=score_group, measure=row.measure)
    if row.dimension == "theme":
        return drill.Drill(theme_key=row.key, score_group=score_group, measure=row.measure)
    return drill.Drill(score_group=score_group, measure=row.measure)


def representative(page: Page, filters: Filters, target: drill.Drill, measure: str,
                   touchpoint_ids: dict[str, int], k: int = 3) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Up to ``k`` comments most typical of a group on one side of ``measure``
    (:func:`analysis.typical.typical_comments`), the theme counts within the group
    for the chips, and how many comments those counts are out of. The pool is the
    group's :data:`POOL` newest comments of that tone."""
    narrowed = Filters(
        filters.unit_ids, filters.start, filters.end,
        touchpoint_ids.get(target.touchpoint_key, filters.touchpoint_id),
        target.channel or filters.channel,
    )
    query = CommentQuery(score_group=target.score_group, theme_key=target.theme_key, measure=measure)
    return data.representative(page, narrowed, query, POOL, k)


def show_representative(page: Page, filters: Filters, target: drill.Drill, measure: str, labels: Labels,
                        k: int = 3) -> None:
    """The group's ``k`` most typical comments as cards, their chips counted within the group."""
    examples, counts, total = representative(page, filters, target, measure, labels.touchpoint_ids, k)
    if not examples.empty:
        comment_cards.show(examples, labels.themes | {"other": t("theme_other")}, counts, page.language,
                           measure, chip_text=lambda n: t("theme_group_context", n=number(n), total=number(total)))


def close_calls(rows: pd.DataFrame, verdict: str, labels: Labels, comparator: str, small_sample: int) -> None:
    """The honest "nothing clear" message with what comes closest, marked as noise
    (and as a small sample where it is one)."""
    st.info(t(f"no_{verdict}", comparator=t(f"comparator_{comparator}")), icon=":material/info:")
    if rows.empty:
        st.caption(t("nothing_close"))
    for row in rows.itertuples():
        small = small_n(row, comparator, small_sample)
        flag = "" if small is None else " :material/warning: " + t("small_sample_flag", n=small)
        adjusted = f" ({t('mix_adjusted_short')})" if row.adjusted else ""
        words = {"measure": t(f"measure_{row.measure}"), "comparator": t(f"comparator_{comparator}")}
        sentence = (t(f"sentence_theme_close_{verdict}", name=markdown_safe(labels.name(row.dimension, row.key)), **words)
                    if row.dimension == "theme" else
                    t(f"sentence_close_{verdict}", group=markdown_safe(labels.name(row.dimension, row.key)), **words))
        st.caption(sentence + " " + _numbers(row, comparator) + adjusted + flag)


def too_few(result: pd.DataFrame, labels: Labels, small_sample: int, shown: int = 12) -> None:
    """The groups with too few responses to judge (below the small-sample flag), by name and
    n (the first ``shown``)."""
    rows = result[result["verdict"] == "too_few"].drop_duplicates(["dimension", "key"])
    if rows.empty:
        return
    names = ", ".join(f"{markdown_safe(labels.name(r.dimension, r.key))} (n = {int(r.n)})"
                      for r in rows.head(shown).itertuples())
    more = " …" if len(rows) > shown else ""
    st.caption(":material/info: " + t("too_few_groups", n=len(rows), min=small_sample, groups=names + more))


def drivers(page: Page, filters: Filters, labels: Labels, scope_name: str, measure: str) -> None:
    """What goes with higher and lower scores: the key-driver regression of ``measure``'s
    score, unit-clustered intervals, clear associations first, each theme's praise beside its
    criticism, and a table alternative."""
    scale = t(f"scale_{measure}")
    theme_keys = list(labels.themes)
    rows = data.driver_rows(page, filters, theme_keys, measure)
    n = int(rows["count"].sum()) if not rows.empty else 0
    result = data.key_drivers(page, filters, theme_keys, measure, DRIVER_MIN) if n >= DRIVER_MIN else pd.DataFrame()
    cluster = t(f"drivers_cluster_{result.attrs.get('by', 'unit')}")
    st.subheader(t("drivers_assoc_title"), help=t("drivers_assoc_help", scale=scale, cluster=cluster))
    if result.empty:
        words = {"measure": measure_text.in_sentence(measure), "n": number(n), "min": DRIVER_MIN}
        if n < DRIVER_MIN:
            st.info(t("drivers_few", **words))
        elif result.attrs.get("clusters", 0) < MIN_CLUSTERS:
            st.info(t("drivers_too_few_groups", clusters=number(result.attrs.get("clusters", 0)),
                      cluster=cluster, min=MIN_CLUSTERS))
        else:
            st.info(t("drivers_none", **words))
        return
    comments = int((rows["count"] * rows["commented"]).sum())
    st.caption(t("drivers_assoc_caption", scale=scale, n=number(n), comments=number(comments), scope=markdown_safe(scope_name),
                 clusters=number(result.attrs["clusters"]), cluster=cluster))
    names = [labels.group(row.factor, row.key) for row in result.itertuples()]  # "the theme Delivery"
    lines = [_driver_line(row) for row in result.itertuples()]
    st.plotly_chart(charts.drivers_figure(names, result["coef"].tolist(), result["low"].tolist(),
                                          result["high"].tolist(), result["verdict"].tolist(),
                                          [f"{html_safe(name)}<br>{html_safe(line)}" for name, line in zip(names, lines)],
                                          t("drivers_assoc_axis", scale=scale)),
                    key="drivers", config={"displayModeBar": False})
    for name, line in zip(names, lines):
        st.caption(f"**{markdown_safe(name)}** · {markdown_safe(line)}")
    with st.expander(t("drivers_table")):
        table_cards.table(pd.DataFrame({
            t("drv_col_factor"): names,
            t("drv_col_difference"): [number(row.coef, 2, signed=True) for row in result.itertuples()],
            t("drv_col_interval"): [f"{number(row.low, 2, signed=True)} – {number(row.high, 2, signed=True)}"
                                         for row in result.itertuples()],
            t("drv_col_verdict"): [_driver_verdict(row) for row in result.itertuples()],
            "n": result["n"].to_list(),
            t("drv_col_praised"): [row.praised if row.factor == "theme" else None for row in result.itertuples()],
            t("drv_col_criticised"): [row.criticised if row.factor == "theme" else None
                                           for row in result.itertuples()],
        }), key="drivers_table", hide_index=True, width="stretch")


def _driver_verdict(row) -> str:
    """The verdict's words; an unclear one whose own interval excludes zero says the
    adjustment for the many comparisons (Benjamini-Hochberg) is what left it unclear."""
    if row.note == "reference":
        return t("drivers_reference")
    if row.verdict == "unclear" and (row.low > 0 or row.high < 0):
        return t("drivers_unclear_compared")
    return t(f"drivers_{row.verdict}")


def _driver_line(row) -> str:
    """"goes with lower scores: −1,20 (−1,80 to −0,60) · n = 1 234 · praised by 112, criticised by 800"."""
    if row.note == "reference":
        return f"{t('drivers_reference')} · n = {number(row.n)}"
    line = t("drivers_line", verdict=_driver_verdict(row), coef=number(row.coef, 2, signed=True),
             low=number(row.low, 2, signed=True), high=number(row.high, 2, signed=True), n=number(row.n))
    if row.factor == "theme":
        line += " · " + t("drivers_sides", praised=_side(row, "praise", row.praised),
                          criticised=_side(row, "complaint", row.criticised))
    return line


def _side(row, side: str, count: int) -> str:
    """"441 (−3 p.e. against other comments, −6 to +1)" with "clearly more/less often" when clear."""
    diff, low, high = (100 * getattr(row, f"{side}_{part}") for part in ("diff", "low", "high"))
    said = getattr(row, f"{side}_verdict")
    text = t("drivers_side", n=number(count), diff=number(diff, 1, signed=True), low=number(low, 1, signed=True),
             high=number(high, 1, signed=True))
    return text + (", " + t(f"drivers_side_{said}") if said in ("more", "less") else "")

