"""Strengths and weaknesses: each group of a unit against a comparator or a target.

Input frames have one row per group: ``dimension`` (overall, touchpoint, channel, theme,
segment), ``key`` (the group; "all" for overall), the counts of every measure of
:mod:`analysis.measures` (:data:`COUNTS`; a missing column counts 0): ``promoters``,
``passives``, ``detractors`` (NPS answers; their sum is the NPS n), ``csat_n``, ``csat_top``
(satisfaction, top box 4-5), ``s10_n``, ``s10_top`` (1-10 rating, 9-10) and ``sent_n``,
``sent_pos`` (sentiment labels, positive), and optionally ``comments`` (commented responses;
for a theme row, those that mention the theme). :func:`compare` gives one row per group and
measure (:data:`MEASURES`) that has answers on either side, and with a comparator one
*prevalence* row per theme (measure :data:`MENTIONS`):

- ``value, low, high, n``: NPS in points (-100..100, adjusted-Wald interval) or a share (0..1,
  Wilson interval), at the rule's confidence (see :mod:`analysis.intervals`).
- ``comp_value, comp_low, comp_high, comp_n``: the comparator's group with the same dimension
  and key, the same way; with a target instead: the target, as value, low and high, and n 0.
- ``diff, diff_low, diff_high``: own minus comparator, two-sample adjusted Wald (NPS points)
  or Newcombe's hybrid score interval (Newcombe 1998, Stat Med 17:873-890, method 10; a
  share); against a target: own value and interval minus the target.
- ``adjusted``: True for the overall row against a comparator, which is **mix-adjusted by
  indirect standardisation**: the comparator side is what the comparator would score with the
  unit's own touchpoint mix, ``expected = sum_t w_t * rate_t`` with ``w_t`` the unit's share of
  answers at touchpoint t and ``rate_t`` the comparator's NPS or share there (the comparator's
  overall rate for a touchpoint it has no row for). NPS: centre = own adjusted NPS minus
  ``sum_t w_t * adjusted NPS_t``, variance = own variance + ``sum_t w_t^2 var_t`` (adjusted
  Wald per stratum). A share: the interval of the expected share combines the strata's Wilson
  limits, and the difference combines that with the own Wilson interval, by MOVER (Zou &
  Donner 2008, Stat Med 27:1693-1702; with one touchpoint it is Newcombe's interval); the test
  is z = (observed - expected top-box count) / its standard error under equal rates per
  touchpoint, the comparator's own sampling error included.
- ``p_group``: the test of this row's difference (see :mod:`analysis.verdict`, step 2).
  ``p_apart`` (subgroups: touchpoint, channel, theme, segment): does the group's difference
  from the comparator differ from that of the rest of the unit (the overall row minus the
  group, against the comparator's overall minus its group)? NPS: adjusted Wald of the
  difference of differences; a share: Agresti-Caffo adjusted Wald (add one success and one
  failure per group; Agresti & Caffo 2000, Am Stat 54:280-288). Against a target: the group
  against the rest of the unit. Opposite directions count as no difference (p_apart = 1).
  ``p_value`` = ``max(p_group, p_apart)``: a subgroup is clear only when both are (an
  intersection-union test, Berger 1982, Technometrics 24:295-300), so that one cause shared by
  the whole unit gives one card, the overall one. Overall rows: ``p_value = p_group``.
- ``p_adjusted``, ``tested`` and ``verdict`` by the one rule (:func:`analysis.verdict.judge`,
  Benjamini-Hochberg over every tested row of the call, i.e. one page): "too_few" if the own
  group has fewer than ``rule.small_sample`` answers; "no_comparator" if the comparator has no
  such group or there is no target for the measure; "too_few" if the comparator's group has
  fewer than ``rule.small_sample``; "as_overall" for a subgroup that is (nearly) the
  whole unit (fewer than ``small_sample`` answers outside it); otherwise "strength",
  "weakness" (prevalence rows: "more_often", "less_often") or "no_clear_difference". Rows that
  are not tested have p_value = p_adjusted = 1.
- Prevalence rows (theme, measure ``"mentions"``): the share of the unit's comments that
  mention the theme (``value``) against the comparator's share (Wilson; difference by
  Newcombe; Fisher's exact test, as mentions are often rare), "customers here mention X more
  often"; the theme's score rows compare
  the score *among those who mention it*.

The intervals are per row (not adjusted for multiplicity); the verdict uses the adjusted p.
Rows with no answers on either side (own n = 0 and no comparator answers or a target) are
left out. Empty groups give the documented values of :mod:`analysis.intervals`, never NaN.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import intervals, measures, verdict
from analysis.verdict import Rule

MEASURES = measures.KEYS
MENTIONS = "mentions"
SUBGROUPS = ("touchpoint", "channel", "theme", "segment")
VERDICTS = ("strength", "weakness", "more_often", "less_often", "no_clear_difference", "too_few",
            "no_comparator", "as_overall")
COUNTS = tuple(name for name in measures.COUNT_COLUMNS if name != "n")  # NPS n: the three groups
COLUMNS = [
    "dimension", "key", "measure", "value", "low", "high", "n",
    "comp_value", "comp_low", "comp_high", "comp_n", "diff", "diff_low", "diff_high", "adjusted",
    "p_group", "p_apart", "p_value", "p_adjusted", "tested", "verdict",
]
FLOATS = ("value", "low", "high", "comp_value", "comp_low", "comp_high",
          "diff", "diff_low", "diff_high", "p_group", "p_apart", "p_value", "p_adjusted")
TARGET_RANGE = {key: measure.bounds for key, measure in measures.MEASURES.items()}
NAMES = {"higher": "strength", "lower": "weakness"}
PREVALENCE_NAMES = {"higher": "more_often", "lower": "less_often"}


def _counts(frame: pd.DataFrame) -> list[tuple[str, str, dict[str, int]]]:
    """(dimension, key, counts) per row: :data:`COUNTS` and ``comments`` as a dict, missing
    ones 0, and the NPS ``n`` as the sum of promoters, passives and detractors."""
    names = [*COUNTS, "comments"]
    counts = frame.reindex(columns=names)
    if any(dtype == object for dtype in counts.dtypes):  # Decimal or text counts from a database
        counts = counts.apply(pd.to_numeric, errors="coerce")
    counts = counts.fillna(0)
    rows = []
    for dimension, key, values in zip(frame["dimension"].tolist(), frame["key"].tolist(),
                                      counts.to_numpy(dtype=float).astype(int).tolist()):
        row = dict(zip(names, values))
        row["n"] = row["promoters"] + row["passives"] + row["detractors"]
        rows.append((dimension, key, row))
    return rows


def _nps_groups(counts: dict[str, int]) -> tuple[int, int, int]:
    return counts["promoters"], counts["passives"], counts["detractors"]


def _share(measure: measures.Measure, counts: dict[str, int]) -> tuple[int, int]:
    """(top, n) of a share measure, the top never above n."""
    n = counts[measure.n]
    return min(counts[measure.top], n), n


def _targets(targets: dict | None) -> dict[str, float]:
    cleaned = {}
    for measure, target in (targets or {}).items():
        if measure not in MEASURES:
            raise ValueError(f"unknown measure in targets: {measure!r}")
        if target is None or (isinstance(target, float) and math.isnan(target)):
            continue
        low, high = TARGET_RANGE[measure]
        if not low <= float(target) <= high:
            raise ValueError(f"target for {measure} must be within {low}..{high}, got {target!r}")
        cleaned[measure] = float(target)
    return cleaned


def _against_group(measure: measures.Measure, own: dict, other: dict, confidence: float) -> tuple:
    """(value, comparator, difference, p) for one measure of two groups of counts."""
    if measure.kind == "nps":
        mine, theirs = _nps_groups(own), _nps_groups(other)
        return (intervals.nps(*mine, confidence=confidence),
                intervals.nps(*theirs, confidence=confidence),
                intervals.nps_difference(*mine, *theirs, confidence=confidence),
                verdict.nps_p(mine, theirs))
    (top1, n1), (top2, n2) = _share(measure, own), _share(measure, other)
    return (intervals.proportion(top1, n1, confidence),
            intervals.proportion(top2, n2, confidence),
            intervals.proportion_difference(top1, n1, top2, n2, confidence),
            verdict.share_p(top1, n1, top2, n2))


def _against_target(measure: measures.Measure, own: dict, target: float, confidence: float) -> tuple:
    if measure.kind == "nps":
        value = intervals.nps(*_nps_groups(own), confidence=confidence)
        p = verdict.nps_target_p(_nps_groups(own), target)
    else:
        top, n = _share(measure, own)
        value = intervals.proportion(top, n, confidence)
        p = verdict.share_target_p(top, n, target)
    comparator = intervals.Interval(target, target, target, 0)
    difference = intervals.Interval(value.estimate - target, value.low - target,
                                    value.high - target, value.n)
    return value, comparator, difference, p


def _strata(measure: measures.Measure, own_touchpoints: dict, others: dict) -> list[tuple[int, dict]]:
    """(own n, comparator counts) per touchpoint where the unit has answers on ``measure``; the
    comparator's overall counts stand in for a touchpoint it has no row (or no answers) for."""
    overall = others.get(("overall", "all"))
    strata = []
    for key, counts in own_touchpoints.items():
        if counts[measure.n] <= 0:
            continue
        other = others.get(("touchpoint", key))
        strata.append((counts[measure.n], other if other and other[measure.n] > 0 else overall))
    return strata


def _standardised(measure: measures.Measure, own: dict, strata: list[tuple[int, dict]],
                  comp_n: int, confidence: float) -> tuple:
    """(value, expected, difference, p) of the unit's overall level against what the comparator
    would score with the unit's touchpoint mix (indirect standardisation, module docstring)."""
    z = intervals._z(confidence)
    total = sum(n for n, _ in strata)
    weights = [n / total for n, _ in strata]
    if measure.kind == "nps":
        value = intervals.nps(*_nps_groups(own), confidence=confidence)
        centre, var = intervals._nps_adjusted(*_nps_groups(own))
        plain = [measures.estimate(measure, other).estimate / 100.0 for _, other in strata]
        adjusted = [intervals._nps_adjusted(*_nps_groups(other)) for _, other in strata]
        expected = sum(w * e for w, e in zip(weights, plain))
        expected_centre = sum(w * c for w, (c, _) in zip(weights, adjusted))
        expected_var = sum(w * w * v for w, (_, v) in zip(weights, adjusted))
        half_e, half_d = z * math.sqrt(expected_var), z * math.sqrt(var + expected_var)
        comp = intervals.holding(100 * expected, max(-100.0, 100 * (expected_centre - half_e)),
                                 min(100.0, 100 * (expected_centre + half_e)), comp_n)
        gap = centre - expected_centre
        difference = intervals.holding(value.estimate - 100 * expected,
                                       max(-200.0, 100 * (gap - half_d)), min(200.0, 100 * (gap + half_d)),
                                       value.n + comp_n)
        return value, comp, difference, verdict.z_p(gap, var + expected_var)
    top, n = _share(measure, own)
    value = intervals.proportion(top, n, confidence)
    rates = [intervals.proportion(*_share(measure, other), confidence) for _, other in strata]
    expected = sum(w * r.estimate for w, r in zip(weights, rates))
    below = math.sqrt(sum((w * (r.estimate - r.low)) ** 2 for w, r in zip(weights, rates)))
    above = math.sqrt(sum((w * (r.high - r.estimate)) ** 2 for w, r in zip(weights, rates)))
    comp = intervals.holding(expected, max(0.0, expected - below), min(1.0, expected + above), comp_n)
    gap = value.estimate - expected
    difference = intervals.holding(
        gap, max(-1.0, gap - math.hypot(value.estimate - value.low, above)),
        min(1.0, gap + math.hypot(value.high - value.estimate, below)), value.n + comp_n)
    # Under equal rates per touchpoint: O - E has variance sum n_t p_t (1 - p_t) (1 + n_t / N_t).
    own_n = [count for count, _ in strata]
    null_var = sum(count * r.estimate * (1 - r.estimate) * (1 + count / max(r.n, 1))
                   for count, r in zip(own_n, rates))
    return value, comp, difference, verdict.z_p(top - sum(c * r.estimate for c, r in zip(own_n, rates)),
                                                null_var)


def _minus(whole: dict, part: dict) -> dict:
    """The counts of ``whole`` outside ``part`` (the rest of a unit), never below 0."""
    rest = {name: max(whole[name] - part[name], 0) for name in whole}
    rest["n"] = rest["promoters"] + rest["passives"] + rest["detractors"]
    return rest


def _adjusted_share(top: int, n: int) -> tuple[float, float]:
    """Agresti-Caffo: one success and one failure added; (share, variance)."""
    share = (top + 1) / (n + 2)
    return share, share * (1 - share) / (n + 2)


def _gap(measure: measures.Measure, own: dict, other: dict | None) -> tuple[float, float]:
    """(centre, variance) of own minus other (other None: own alone) on ``measure``."""
    if measure.kind == "nps":
        centre, var = intervals._nps_adjusted(*_nps_groups(own))
        if other is not None:
            other_centre, other_var = intervals._nps_adjusted(*_nps_groups(other))
            centre, var = centre - other_centre, var + other_var
        return centre, var
    centre, var = _adjusted_share(*_share(measure, own))
    if other is not None:
        other_centre, other_var = _adjusted_share(*_share(measure, other))
        centre, var = centre - other_centre, var + other_var
    return centre, var


def _apart(measure: measures.Measure, group: dict, rest: dict, other_group: dict | None,
           other_rest: dict | None, direction: float) -> float:
    """p that the group's difference from the comparator differs from the rest of the unit's
    (against a target, ``other_*`` are None: the group against the rest of the unit);
    1 when the two point in different directions from ``direction``."""
    if other_group is not None and (other_rest is None or other_rest[measure.n] <= 0):
        return 1.0
    centre_group, var_group = _gap(measure, group, other_group)
    centre_rest, var_rest = _gap(measure, rest, other_rest)
    centre = centre_group - centre_rest
    if centre * direction <= 0:
        return 1.0
    return verdict.z_p(centre, var_group + var_rest)


def _prevalence(own: dict, other: dict, own_total: int, other_total: int, confidence: float) -> tuple:
    mentions, other_mentions = min(own["comments"], own_total), min(other["comments"], other_total)
    return (intervals.proportion(mentions, own_total, confidence),
            intervals.proportion(other_mentions, other_total, confidence),
            intervals.proportion_difference(mentions, own_total, other_mentions, other_total, confidence),
            verdict.mentions_p(mentions, own_total, other_mentions, other_total))


def _row(dimension, key, measure, value, comp, difference, p_group, sizes, adjusted=False) -> dict:
    return {"dimension": dimension, "key": key, "measure": measure,
            "value": value.estimate, "low": value.low, "high": value.high, "n": value.n,
            "comp_value": comp.estimate, "comp_low": comp.low, "comp_high": comp.high,
            "comp_n": comp.n, "diff": difference.estimate, "diff_low": difference.low,
            "diff_high": difference.high, "adjusted": adjusted, "p_group": p_group, "p_apart": 1.0,
            "p_value": p_group, "sizes": sizes, "fixed": None}


def compare(own: pd.DataFrame, comparator: pd.DataFrame | None = None, targets: dict | None = None,
            rule: Rule = Rule()) -> pd.DataFrame:
    """Compare every group of ``own`` with the same group of ``comparator`` (for instance the
    rest of the organisation) or with ``targets`` (``{"nps": 30.0, "csat": 0.8}``, one per
    measure, any may be missing); exactly one of the two is given. Columns and rules: see the
    module docstring. Row order: the groups of ``own`` in their order, each with its measures
    in MEASURES order (a theme's prevalence row first).
    """
    if (comparator is None) == (targets is None):
        raise ValueError("give exactly one of comparator and targets")
    confidence = rule.confidence
    goals = _targets(targets) if comparator is None else {}
    others: dict[tuple, dict] = {}
    if comparator is not None:
        for dimension, key, counts in _counts(comparator):
            if (dimension, key) in others:
                raise ValueError(f"comparator has more than one row for {dimension}/{key}")
            others[(dimension, key)] = counts
    groups = _counts(own)
    mine = {(dimension, key): counts for dimension, key, counts in groups}
    overall, other_overall = mine.get(("overall", "all")), others.get(("overall", "all"))
    touchpoints = {key: counts for dimension, key, counts in groups if dimension == "touchpoint"}

    empty = dict.fromkeys((*COUNTS, "comments", "n"), 0)
    rows = []
    for dimension, key, counts in groups:
        other = others.get((dimension, key))
        if (dimension == "theme" and comparator is not None and overall and other_overall
                and overall["comments"] and other_overall["comments"] and other is not None):
            parts = _prevalence(counts, other, overall["comments"], other_overall["comments"], confidence)
            rows.append(_row(dimension, key, MENTIONS, *parts,
                             (overall["comments"], other_overall["comments"])))
        for name in MEASURES:
            measure = measures.get(name)
            n = counts[measure.n]
            if comparator is not None:
                other_n = other[measure.n] if other is not None else 0
                if n == 0 and other_n == 0:
                    continue
                strata = _strata(measure, touchpoints, others) if dimension == "overall" else []
                adjusted = bool(strata) and other is not None and all(c is not None for _, c in strata)
                parts = (_standardised(measure, counts, strata, other_n, confidence) if adjusted
                         else _against_group(measure, counts, other or empty, confidence))
                row = _row(dimension, key, name, *parts, (n, other_n), adjusted=adjusted)
                row["fixed"] = ("too_few" if not rule.judgeable(n) else
                                "no_comparator" if other is None else None)
            else:
                if n == 0:
                    continue
                parts = (_against_target(measure, counts, goals[name], confidence) if name in goals
                         else _against_group(measure, counts, empty, confidence))
                row = _row(dimension, key, name, *parts, (n,))
                row["fixed"] = ("too_few" if not rule.judgeable(n) else
                                None if name in goals else "no_comparator")
            if row["fixed"] is None and not rule.judgeable(*row["sizes"]):
                row["fixed"] = "too_few"
            if row["fixed"] is None and dimension in SUBGROUPS and overall is not None:
                rest = _minus(overall, counts)
                if rest[measure.n] < rule.small_sample:
                    row["fixed"] = "as_overall"
                else:
                    direction = math.copysign(1.0, row["diff"]) if row["diff"] else 0.0
                    other_rest = (_minus(other_overall, other) if comparator is not None and other_overall
                                  else None)
                    row["p_apart"] = _apart(measure, counts, rest, other if comparator is not None else None,
                                            other_rest, direction) if direction else 1.0
                    row["p_value"] = max(row["p_group"], row["p_apart"])
            rows.append(row)

    judged = [row for row in rows if row["fixed"] is None]
    verdict.judge(rule, judged)
    for row in rows:
        if row["fixed"] is not None:
            row.update(tested=False, p_value=1.0, p_adjusted=1.0, verdict=row["fixed"])
        else:
            names = PREVALENCE_NAMES if row["measure"] == MENTIONS else NAMES
            row["verdict"] = names.get(row["verdict"], row["verdict"])
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({column: float for column in FLOATS}
                        | {"n": int, "comp_n": int, "tested": bool, "adjusted": bool})


def closest(result: pd.DataFrame, verdict: str, limit: int = 3) -> pd.DataFrame:
    """The score rows of :func:`compare` that come closest to being a ``verdict`` ("strength"
    or "weakness") without being one: tested, no clear difference, difference in that
    direction; smallest p-value first, then the largest difference. For saying honestly what
    comes nearest when a page has no strength (or no weakness)."""
    if verdict not in ("strength", "weakness"):
        raise ValueError(f"verdict must be 'strength' or 'weakness', got {verdict!r}")
    sign = 1.0 if verdict == "strength" else -1.0
    near = result[(result["verdict"] == "no_clear_difference") & (sign * result["diff"] > 0)]
    if "measure" in near:
        near = near[near["measure"] != MENTIONS]
    order = pd.DataFrame({"p": near["p_value"], "size": -sign * near["diff"]})
    order = order.sort_values(["p", "size"], kind="stable").index
    return near.loc[order].head(limit).reset_index(drop=True)
