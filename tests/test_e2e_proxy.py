"""The README's example reverse proxy (deploy/nginx.conf): nginx accepts it, and,
in front of two app processes, a browser logs in and works through it (the
websocket passes the proxy and the session stays on one process)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import CHART, ROOT, browser_required, chromium, free_port, log_in, screenshot, streamlit_server, \
    wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
CONFIG = ROOT / "deploy" / "nginx.conf"


def _nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        if browser_required():
            pytest.fail("nginx is not installed (apt-get install -y nginx-light)")
        pytest.skip("nginx is not installed")
    return found


@pytest.fixture
def static_cache():
    """A folder for nginx's cache that its workers (another user) can reach: pytest's
    own temporary folders are closed to other users."""
    folder = Path(tempfile.mkdtemp(prefix="insikt-nginx-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _config(tmp_path, listen: int, backends: list[int], cache: Path) -> tuple[str, list[str]]:
    """The example config with the test's ports and ``cache`` folder, and nginx's arguments to
    run it from ``tmp_path``."""
    text = CONFIG.read_text(encoding="utf-8")
    assert "listen 8080;" in text and "server 127.0.0.1:8501;" in text and "server 127.0.0.1:8502;" in text
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
    for default, port in zip((8501, 8502), backends):
        text = text.replace(f"server 127.0.0.1:{default};", f"server 127.0.0.1:{port};")
    assert "proxy_cache_path static-cache " in text
    text = text.replace("proxy_cache_path static-cache ", f"proxy_cache_path {cache / 'static-cache'} ")
    text = text.replace("http {", f"http {{\n    access_log {tmp_path / 'access.log'};", 1)
    path = tmp_path / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return str(path), ["-p", str(tmp_path), "-c", str(path),
                       "-g", f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};"]


def test_the_example_config_is_valid(tmp_path, static_cache):
    nginx = _nginx()
    _path, arguments = _config(tmp_path, free_port(), [free_port(), free_port()], static_cache)
    checked = subprocess.run([nginx, "-t", *arguments], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def _static_files_are_kept(base: str) -> None:
    """Streamlit's browser code comes from nginx's cache (the app sent it once), compressed."""
    with urllib.request.urlopen(f"{base}/overview", timeout=10) as answer:
        script = re.search(r'src="[./]*(static/js/[^"]+\.js)"', answer.read().decode())
    assert script, "no script in the page"
    request = urllib.request.Request(f"{base}/{script.group(1)}", headers={"Accept-Encoding": "gzip"})
    for _ in range(2):  # the browser's fetch above may not have filled the cache yet
        with urllib.request.urlopen(request, timeout=10) as answer:
            status, encoding = answer.headers["X-Cache-Status"], answer.headers["Content-Encoding"]
    assert (status, encoding) == ("HIT", "gzip")


def test_two_processes_behind_nginx(sqlite_scratch_url, tmp_path, static_cache):
    nginx = _nginx()
    listen, backends = free_port(), [free_port(), free_port()]
    _path, arguments = _config(tmp_path, listen, backends, static_cache)
    with streamlit_server(sqlite_scratch_url, port=backends[0]), streamlit_server(sqlite_scratch_url, port=backends[1]):
        proxy = subprocess.Popen([nginx, *arguments, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        try:
            base = f"http://127.0.0.1:{listen}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                        assert answer.read().decode() == "ok"
                        break
                except OSError:
                    assert proxy.poll() is None and time.monotonic() < deadline, proxy.stderr.read()
                    time.sleep(0.3)
            with chromium() as browser:
                page = browser.new_page(viewport={"width": 1280, "height": 1200})
                page.goto(f"{base}/overview")
                wait_idle(page, 120_000)
                log_in(page, "manager")
                page.wait_for_selector(CHART, timeout=60_000)  # drawn over the websocket, through nginx
                assert page.get_by_text("Uppsala Centrum").count() > 0
                screenshot(page, "behind-nginx")
            _static_files_are_kept(base)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
