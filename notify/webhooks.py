"""Posting JSON to a unit's chat webhook: https only (http on localhost for
tests), a timeout on every request and a few quick retries, never raising
anything but :class:`WebhookError`."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from queries.notifications import WebhookUrlError, check_webhook_url

RETRIES = 3
BACKOFF_SECONDS = 0.5


class WebhookError(RuntimeError):
    """A webhook that did not accept the message; the message says why."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect could lead off https
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, payload: dict, timeout: float, retries: int = RETRIES) -> None:
    """POST ``payload`` as JSON to ``url``; retried on network errors and 5xx/429
    answers, at most ``retries`` tries in all, each within ``timeout`` seconds."""
    try:
        url = check_webhook_url(url)
    except WebhookUrlError as error:
        raise WebhookError(str(error)) from None
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    problem = ""
    for attempt in range(1, retries + 1):
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "User-Agent": "Insikt-notify"})
        try:
            with _opener.open(request, timeout=timeout) as answer:
                answer.read(1024)
                return
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code} {error.reason}"
            if error.code < 500 and error.code != 429:
                break
        except (urllib.error.URLError, OSError, TimeoutError) as error:
            problem = str(getattr(error, "reason", error))
        if attempt < retries:
            time.sleep(BACKOFF_SECONDS * attempt)
    raise WebhookError(f"webhook {url}: {problem}")
