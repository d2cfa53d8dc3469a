"""AppTest runs without a per-run scan of every installed package.

Each new ``AppTest`` looks through the metadata of every installed distribution
for Streamlit components (``scan_component_manifests``): 0.4-0.9 s per run with
the 160 packages of a development machine, more than most pages cost. A server
does that once, when it starts, so tests and benchmarks do it once per process
too: the scan's result cannot change while the process runs.
"""

from __future__ import annotations

import functools

from streamlit.components.v2 import manifest_scanner


def scan_components_once() -> None:
    """Let every later AppTest reuse the first scan's result."""
    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def open_tab(test, key: str, label: str):
    """Open the tab ``label`` of the tabs keyed ``key`` as a click does (only the open
    tab runs: ``components.shell.tabs``) and return that tab."""
    if test.session_state[key] != label:
        test.session_state[key] = label
        test.run()
    return next(item for item in test.tabs if item.label == label)


def expander_keys(test) -> list[str]:
    """The keys of the expanders on the page whose content runs only while open
    (``components.shell.expander``; a plain expander has no id)."""
    return [box.proto.id.split("-", 2)[-1] for box in test.expander if box.proto.id]


def open_expanders(test, prefix: str | tuple[str, ...]):
    """Open, as a click does, every expander of :func:`expander_keys` whose key starts
    with ``prefix``, run the page once and return it."""
    keys = expander_keys(test)
    chosen = [key for key in keys if key.startswith(prefix)]
    assert chosen, f"no expander keyed {prefix!r} among {keys}"
    for key in chosen:
        test.session_state[key] = True
    return test.run()
