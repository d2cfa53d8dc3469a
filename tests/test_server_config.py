"""The app's Streamlit settings as Streamlit itself reads them from
.streamlit/config.toml (a misspelt option would be ignored with a warning)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_config(monkeypatch):
    """Streamlit's options as parsed from the project's folder (then parsed again as before)."""
    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    yield config.get_option
    monkeypatch.undo()
    config.get_config_options(force_reparse=True)


def test_a_render_does_not_end_in_a_full_garbage_collection(project_config):
    # Streamlit collects every generation after each script run by default: at
    # 1M responses that was 0.1-0.3 s of CPU per render (a third of the server's
    # CPU) under the one interpreter lock that every session shares.
    assert project_config("runner.postScriptGC") is False


def test_the_server_does_not_watch_the_source_files(project_config):
    # Each session watches every module of the app for changes (for "rerun on
    # save"), work on every render that a deployment never needs.
    assert project_config("server.fileWatcherType") == "none"


def test_the_server_parses_http_and_runs_its_event_loop_in_compiled_code(project_config):
    # uvicorn reads requests with httptools, and Streamlit runs its event loop on uvloop,
    # when they are installed (requirements.txt); else with the pure-Python h11 and
    # asyncio's own loop. Twenty first visits to a 1M demo on one process cost the server
    # 17.8 and 18.8 s of CPU with them, 20.0 and 20.1 s without (README, Benchmarks).
    # Both choices are Streamlit's private functions: this fails loudly if they move.
    import uvicorn
    from streamlit.web import bootstrap
    from streamlit.web.server.starlette import starlette_server

    async def app(scope, receive, send) -> None: ...

    server = uvicorn.Config(app, **starlette_server._get_uvicorn_config_kwargs())
    server.load()
    assert server.http_protocol_class.__module__ == "uvicorn.protocols.http.httptools_impl"
    assert bootstrap._get_uvloop_loop_factory().__module__ == "uvloop"
