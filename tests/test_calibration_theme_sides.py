"""Fast versions of bench/calibration/theme_sides.py: a theme raised alike in praise
and criticism rarely gets a side, a praised theme is never called a drag, and a
clearly praised one is found."""

from __future__ import annotations

import numpy as np

from bench.calibration import theme_sides

SIMS = 80


def test_themes_raised_alike_rarely_get_a_side():
    share = theme_sides._alike(600)(np.random.default_rng(11), SIMS)
    assert share <= 0.10  # 5 % expected; the margin of 80 views is about 5 points


def test_a_praised_theme_is_never_called_a_drag_and_its_side_is_found():
    rng = np.random.default_rng(12)
    assert theme_sides._praised(600, "drags")(rng, SIMS) == 0
    assert theme_sides._praised(600, "praise")(rng, SIMS) >= 0.6
