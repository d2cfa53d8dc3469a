"""A workshop agenda a team can finish in an hour: findings about one cause on one
item, strengths first, then one to three focus areas.

**The grouping rule** (:func:`group_findings`). Findings are dicts with ``kind``
(strength, weakness, emerging_issue), ``scope_type`` (touchpoint, theme, channel,
overall, a segment…) and ``scope_key``, ranked strongest first. Two findings are
about the same problem, and share one item, when they are on the same side (a
strength never joins a weakness; an emerging issue is a problem, on the weakness
side) and

1. they are about the same group (same ``scope_type`` and ``scope_key``) on
   different measures: store-visit NPS and store-visit satisfaction; or
2. one is a theme and the other a touchpoint, and that touchpoint is where the
   theme is mostly raised: the largest share of the unit's comments on the theme
   were written about it (``overlap[(theme, touchpoint)]``, a share 0..1 for every
   touchpoint), and that share is at least :data:`OVERLAP`. The waiting theme,
   raised mostly (49 %) at store visits, joins the store-visit item.

An item's lead (what its title and chart show) is its touchpoint finding if it has
one, else its first finding; the others are listed on the item as ``together``.
Items keep the order of their strongest finding.
"""

from __future__ import annotations

OVERLAP = 0.4  # share of a theme's comments at its main touchpoint that makes them one problem
FOCUS_AREAS = 3  # at most this many problem items on the default agenda
STRENGTHS = 2  # and this many strength items before them
SIDE = {"strength": "strength", "weakness": "weakness", "emerging_issue": "weakness"}


def group_findings(findings: list[dict], overlap: dict[tuple[str, str], float]) -> list[dict]:
    """The findings as agenda items (see the module's rule): each item is the lead
    finding (a copy) with ``together``: the other findings of the same problem."""
    groups: list[list[dict]] = []
    by_scope: dict[tuple, list[dict]] = {}
    for finding in findings:
        key = (SIDE.get(finding["kind"], finding["kind"]), finding.get("scope_type"), finding.get("scope_key"))
        if key in by_scope:
            by_scope[key].append(finding)
        else:
            by_scope[key] = [finding]
            groups.append(by_scope[key])
    touchpoint_groups = {(SIDE.get(g[0]["kind"], g[0]["kind"]), g[0]["scope_key"]): g
                         for g in groups if g[0].get("scope_type") == "touchpoint"}
    merged: list[list[dict]] = []
    for group in groups:
        lead = group[0]
        if lead.get("scope_type") == "theme":
            side = SIDE.get(lead["kind"], lead["kind"])
            shares = {touchpoint: share for (theme, touchpoint), share in overlap.items()
                      if theme == lead["scope_key"]}
            main = max(shares, key=shares.get, default=None)
            if main is not None and shares[main] >= OVERLAP and (side, main) in touchpoint_groups:
                touchpoint_groups[(side, main)].extend(group)
                continue
        merged.append(group)
    return [dict(group[0], together=[dict(member) for member in group[1:]]) for group in merged]


def default_agenda(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the proposed agenda, the rest to add by hand) from :func:`group_findings`
    items: strengths first — those pinned by hand (with an ``insight_id``), then
    up to :data:`STRENGTHS` found in the data — then up to :data:`FOCUS_AREAS`
    problems in their order, then the team's own questions."""
    strengths = [item for item in items if item["kind"] == "strength"]
    problems = [item for item in items if item["kind"] not in ("strength", "question")]
    questions = [item for item in items if item["kind"] == "question"]
    pinned = [item for item in strengths if item.get("insight_id") is not None]
    found = [item for item in strengths if item.get("insight_id") is None]
    chosen = pinned + found[:STRENGTHS] + problems[:FOCUS_AREAS] + questions
    rest = [item for item in strengths + problems if not any(item is taken for taken in chosen)]
    return chosen, rest


def move(items: list, index: int, step: int) -> list:
    """``items`` with the one at ``index`` moved ``step`` places (−1 up, +1 down),
    unchanged at either end."""
    target = index + step
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return list(items)
    moved = list(items)
    moved[index], moved[target] = moved[target], moved[index]
    return moved
