"""Single sign-on end to end: ``st.login`` in Chromium against a real OpenID
Connect provider (oidc-provider-mock) that the test starts on localhost.

A known e-mail address signs in with its user's role and scope; an unknown one
gets the clear message and sees nothing; logout ends the session (also at the
provider). Streamlit reads the ``[auth]`` settings from a secrets file the test
writes (``--secrets.files``), never from the repository's ``.streamlit/``.
Everything stays on this machine: the browser may reach only localhost.
"""

from __future__ import annotations

import json
import os
import secrets as token_source
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from ingest.demo import MANAGER_UNIT
from queries.db import engine_for
from queries.schema import User
from tests.browser import (
    CHART, browser_required, chromium, free_port, screenshot, streamlit_server, wait_idle,
)
from tests.conftest import copy_sqlite_database

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
LOCAL = ("http://127.0.0.1:", "http://localhost:")


@pytest.fixture(scope="module")
def provider():
    """An OpenID Connect provider on a free localhost port: its base URL."""
    try:
        from oidc_provider_mock import run_server_in_thread
    except ImportError as error:
        if browser_required():
            pytest.fail(f"oidc-provider-mock is not installed: {error}")
        pytest.skip("oidc-provider-mock is not installed")
    before = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the provider speaks http on localhost
    try:
        with run_server_in_thread() as server:
            yield f"http://localhost:{server.server_port}"
    finally:
        if before is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)


@pytest.fixture(scope="module")
def database(tmp_path_factory, sqlite_demo_url) -> str:
    """A copy of the demo whose users have e-mail addresses (manager@demo.insikt.example…)."""
    return copy_sqlite_database(sqlite_demo_url, tmp_path_factory.mktemp("sso") / "sso.db")


@pytest.fixture(scope="module")
def server(provider, database, tmp_path_factory):
    port = free_port()
    secrets_file = tmp_path_factory.mktemp("sso_secrets") / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{token_source.token_urlsafe(32)}"\n'
        'client_id = "insikt-test"\n'
        'client_secret = "insikt-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    with streamlit_server(database, env={"INSIKT_SECRETS_FILE": str(secrets_file)}, port=port,
                          args=("--secrets.files", str(secrets_file))) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def offline_page(browser):
    """A page that may reach only this machine (the provider's page links a CDN style sheet)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort())
    return page


def login_button(page):
    return page.get_by_role("button", name="Logga in med organisationens konto")


def sign_in(page, base: str, email: str) -> None:
    """Open Insikt, choose single sign-on, and at the provider sign in as ``email``."""
    page.goto(base)
    login_button(page).click(timeout=30_000)
    page.wait_for_selector("input[name='sub']", timeout=30_000)
    page.fill("input[name='sub']", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(lambda url: url.startswith(base), timeout=30_000)
    wait_idle(page)


def log_out_at_provider(page) -> None:
    """Press "Logga ut" and wait for the provider's own logout page. On a loaded
    machine a click that lands while the page is still rerunning can be lost;
    then the button is still there and is pressed again."""
    for attempt in range(3):
        logout = page.get_by_role("button", name="Logga ut")
        if logout.count():
            wait_idle(page, timeout=60_000)
            logout.click(timeout=30_000)
        try:
            page.wait_for_selector("text=End session", timeout=40_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                screenshot(page, "sso-logout-not-reached")
                raise


def user(database: str, username: str):
    with engine_for(database).connect() as connection:
        return connection.execute(select(User.display_name, User.email).where(User.username == username)).one()


def test_a_known_address_signs_in_with_its_role_and_scope_and_logout_ends_it(server, database, browser):
    manager = user(database, "manager")
    page = offline_page(browser)
    sign_in(page, server, manager.email)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert "/overview" in page.url
    screenshot(page, "sso-manager-overview")
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert f"Inloggad som {manager.display_name} (chef)" in sidebar
    assert "Workshop" in sidebar and "Administration" in sidebar  # a manager's menu
    assert page.locator("h1").first.inner_text() == f"Översikt: {MANAGER_UNIT}"
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()  # the units to choose
    assert page.get_by_role("option").all_inner_texts() == [MANAGER_UNIT]
    page.keyboard.press("Escape")
    page.get_by_role("option").first.wait_for(state="detached", timeout=10_000)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0

    log_out_at_provider(page)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(lambda url: url.startswith(server), timeout=30_000)
    login_button(page).wait_for(timeout=30_000)
    page.goto(f"{server}/overview")  # a deep link: still signed out
    login_button(page).wait_for(timeout=30_000)
    wait_idle(page)
    assert page.locator(CHART).count() == 0
    screenshot(page, "sso-after-logout")
    page.close()


def test_an_unknown_address_gets_the_message_and_sees_nothing(server, browser):
    page = offline_page(browser)
    sign_in(page, server, "stranger@example.org")
    wait_idle(page)
    body = page.locator("[data-testid='stApp']").inner_text()
    assert ("Kontot stranger@example.org är inte kopplat till någon användare i Insikt. "
            "Be en administratör lägga till det.") in body
    assert page.locator("[data-testid='stAlert'] a").count() == 0  # the address is text, not a link
    assert page.locator("[data-testid='stSidebar'] a").count() == 0  # no menu
    assert page.locator(CHART).count() == 0
    page.goto(f"{server}/comments")
    wait_idle(page)
    assert "inte kopplat till någon användare" in page.locator("[data-testid='stApp']").inner_text()
    assert page.locator("[data-testid='stSidebar'] a").count() == 0
    screenshot(page, "sso-unknown-address")
    page.close()


def test_an_address_the_provider_did_not_verify_is_refused(server, provider, database, browser):
    """Someone whose provider lets them claim the admin's address unverified gets nothing."""
    claims = json.dumps({"email": user(database, "admin").email, "email_verified": False}).encode()
    request = urllib.request.Request(f"{provider}/users/impostor", data=claims, method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204
    page = offline_page(browser)
    sign_in(page, server, "impostor")
    body = page.locator("[data-testid='stApp']").inner_text()
    assert "har inte bekräftat att adressen" in body
    assert page.locator("[data-testid='stSidebar'] a").count() == 0 and page.locator(CHART).count() == 0
    page.close()

