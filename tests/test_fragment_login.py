"""Every part of a page that reruns alone checks the login on each of its runs.

A fragment's rerun skips ``shell.page``, where the login is checked; so every
fragment must be made with ``components.shell.fragment``, never ``st.fragment``
directly. (``tests/test_e2e_processes`` shows the effect in Chromium: after a
logout in another process, a search in the comment list, a fragment, shows the
login.)"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIRECT = re.compile(r"\bst\.fragment\s*\(|@st\.fragment\b")


def test_no_fragment_skips_the_login_check():
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for folder in ("components", "pages")
                 for path in sorted((ROOT / folder).glob("*.py")) if path.name != "shell.py"
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if DIRECT.search(line) and not line.lstrip().startswith(("#", "``", "-", "*"))]
    assert not offenders, f"st.fragment used directly (use components.shell.fragment): {offenders}"


def test_the_rule_sees_a_direct_fragment():
    assert DIRECT.search("@st.fragment") and DIRECT.search("@st.fragment(run_every=5)")
    assert DIRECT.search("part = st.fragment(draw)")
    assert not DIRECT.search("@fragment(run_every=5)")
