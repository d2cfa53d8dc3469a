"""Benchmark: Chromium's CPU for the same visits under other settings.

Starts ``streamlit run app.py`` on ``--database-url`` (the demo's accounts; log-ins
are recorded, so give it a copy) and, ``--rounds`` times, launches Chromium once per
setting, in turn, for three visits: a new browser context logs in as the leader and
opens the overview and the strengths page. It records the CPU seconds of Chromium's
processes (from /proc) over the three visits. The settings take turns because the
machine's load moves more between runs than a setting does. Settings: the test
suite's flags (``tests/browser.py``), V8's lite mode, a persistent profile whose
disk cache keeps compiled scripts between visits (cookies cleared before each), and
flags that might spare work (one raster thread, no software rasteriser, low-end
device mode, no site isolation), each on top of the suite's. Prints the median per
setting and writes bench/browser_settings.json.

    python -m bench.browser_settings --database-url sqlite:////tmp/demo-copy.db [--rounds 5] \
        [--settings "suite flags,low-end device mode"]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.interactions import TICKS
from tests.browser import CHROMIUM, CHROMIUM_FLAGS, REDUCED_MOTION, drawn, log_in, streamlit_server

SETTINGS = {
    "suite flags": [],
    "V8 lite mode": ["--js-flags=--lite-mode"],
    "persistent profile": [],
    "one raster thread": ["--num-raster-threads=1", "--disable-threaded-animation", "--disable-threaded-scrolling"],
    "no software rasteriser": ["--disable-software-rasterizer"],
    "low-end device mode": ["--enable-low-end-device-mode"],
    "no site isolation": ["--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process"],
}
VIEWPORT = {"width": 1440, "height": 1000}
VISITS = 3


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user and system) of ``pid`` and every process below it: those alive
    now, and those that ended and were waited for (the ``cutime``/``cstime`` of their parent)."""
    total, pending = 0.0, [pid]
    while pending:
        process = pending.pop()
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{process}/task/{process}/children").read_text().split()
        except OSError:  # ended meanwhile
            continue
        total += sum(int(value) for value in fields[11:15]) / TICKS
        pending += [int(child) for child in children]
    return total


def _chromium_pid(marker: str) -> int:
    """The oldest Chromium process whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"chromium" in line.split(b" ", 1)[0] and marker.encode() in line:
                found.append(int(entry.name))
    return min(found)


def _visit(context, base: str) -> None:
    page = context.new_page()
    page.goto(base)
    log_in(page, "leader")
    drawn(page)
    page.locator("[data-testid='stSidebar'] a[href$='strengths']").first.click()
    drawn(page)
    page.close()


def _three_visits(playwright, base: str, setting: str) -> float:
    """Chromium's CPU seconds for :data:`VISITS` visits under ``setting``."""
    args = CHROMIUM_FLAGS + SETTINGS[setting]
    if setting == "persistent profile":
        profile = tempfile.mkdtemp(prefix="insikt-bench-profile-")
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=args, viewport=VIEWPORT, **REDUCED_MOTION)
        root, closing = _chromium_pid(f"--user-data-dir={profile}"), context
    else:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        root, closing, profile = _chromium_pid("--remote-debugging-pipe"), browser, None
    started = _tree_cpu(root)
    for _ in range(VISITS):
        if setting == "persistent profile":
            context.clear_cookies()
            _visit(context, base)
        else:
            fresh = browser.new_context(viewport=VIEWPORT, **REDUCED_MOTION)
            _visit(fresh, base)
            fresh.close()
    used = _tree_cpu(root) - started
    closing.close()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)
    return used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--settings", default=",".join(SETTINGS), help="comma-separated, of: " + ", ".join(SETTINGS))
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    chosen = [setting.strip() for setting in args.settings.split(",")]
    if unknown := [setting for setting in chosen if setting not in SETTINGS]:
        parser.error(f"unknown settings: {', '.join(unknown)}")
    from playwright.sync_api import sync_playwright

    seconds: dict[str, list[float]] = {setting: [] for setting in chosen}
    with streamlit_server(args.database_url) as base, sync_playwright() as playwright:
        for round_ in range(args.rounds):
            for setting in chosen:
                seconds[setting].append(_three_visits(playwright, base, setting))
                print(f"round {round_ + 1} {setting:<24} {seconds[setting][-1]:6.2f} s", flush=True)
    for setting, values in seconds.items():
        print(f"{setting:<24} median {statistics.median(values):6.2f} s of Chromium CPU for {VISITS} visits")
    Path(args.out).write_text(json.dumps({"visits": VISITS, "seconds": seconds}, indent=2))


if __name__ == "__main__":
    main()
