"""Choices kept in the URL as keys, never as the labels a widget shows.

Streamlit's ``bind="query-params"`` writes the label a widget shows into the URL,
so a link made in Swedish ("Senaste 3 månaderna") would not open in English.
:func:`keyed` keeps the option's key instead (``?period=3m&measure=csat``):

* a value that comes in with the URL (a shared link, the browser's back button)
  is taken when it is one of the options; an unknown one falls back to the
  default with a notice that names it;
* what the user picks is remembered for the session, so it survives a change of
  page (the menu's links carry no parameters) and is written back to the URL;
* the default is never written, so a URL stays short and a default that follows
  the data (the measure with answers) keeps following it until the user picks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from components.i18n import markdown_safe, t

_CHOSEN = "_url_chosen"    # key -> the option picked by the user or brought by a link
_WRITTEN = "_url_written"  # key -> the text this session last put in the URL (None: absent)
_SHOWN = "_url_shown"  # key -> the value the widget was last drawn with


def _chosen() -> dict:
    return st.session_state.setdefault(_CHOSEN, {})


def _written() -> dict:
    return st.session_state.setdefault(_WRITTEN, {})


def choose(key: str, value) -> None:
    """Pick ``value`` for the keyed widget ``key`` (a drill-through, a click on a
    chart); the widget shows it when it is next drawn."""
    _chosen()[key] = value


def forget(key: str) -> None:
    """Drop the pick for ``key``: the widget goes back to its default."""
    _chosen().pop(key, None)


def picked(key: str):
    """What the user or a link picked for ``key`` (None: nothing, the default holds)."""
    return _chosen().get(key)


def remember(key: str, then: Callable[[], None] | None = None) -> None:
    """``on_change`` of a keyed widget: the user's pick holds for the session."""
    _chosen()[key] = st.session_state[key]
    if then is not None:
        then()


def show(key: str, value) -> None:
    """Make the widget ``key`` (not drawn yet in this run) show ``value``. Always
    set: after a change of page the same key is a new widget, which would start
    from its first option rather than from the value the old one left behind."""
    st.session_state[key] = value
    st.session_state.setdefault(_SHOWN, {})[key] = value


def _set_elsewhere(key: str, options: list) -> None:
    """Take a value that code put in ``st.session_state[key]`` since the widget was
    last drawn (a callback, another component) as a pick, like the user's own."""
    shown = st.session_state.setdefault(_SHOWN, {})
    if key in shown and key in st.session_state:
        current = st.session_state[key]
        if current != shown[key] and current in options:
            _chosen()[key] = current


def incoming(key: str) -> str | None:
    """The URL's value for ``key`` when it came from outside this session (a link,
    the browser's history), else None; each such value is handed out once."""
    raw = st.query_params.get(key)
    written = _written()
    if raw is None or raw == written.get(key, None):
        return None
    written[key] = raw
    return raw


def write(key: str, text: str | None) -> None:
    """Put ``text`` in the URL under ``key`` (None: take the key out)."""
    if st.query_params.get(key) != text:
        if text is None:
            del st.query_params[key]
        else:
            st.query_params[key] = text
    _written()[key] = text


def keyed(widget: Callable, label: str, key: str, options: Sequence, labels: dict, default, *,
          notice: str = "bad_param", aliases: dict | None = None,
          on_change: Callable[[], None] | None = None, **kwargs):
    """Draw ``widget`` (``st.selectbox``, ``st.radio``, ``st.segmented_control``, or
    the same on a container) over ``options`` shown as ``labels``, keep its value in
    the URL under ``key`` as ``str(option)``, and return the value.

    ``aliases`` are further texts a link may carry for an option (a unit's name
    beside its id). ``notice`` names the text shown when the URL holds a value that
    is not an option (``bad_param``; ``unit_refused`` for a unit outside the scope)."""
    options = list(options)
    _set_elsewhere(key, options)
    by_text = (aliases or {}) | {str(option): option for option in options}
    raw = incoming(key)
    if raw is not None:
        if raw in by_text:
            _chosen()[key] = by_text[raw]
        else:
            st.warning(t(notice, value=markdown_safe(raw[:80]), field=label.lower(),
                         fallback=markdown_safe(labels.get(default, str(default)))), icon=":material/link_off:")
    wanted = _chosen().get(key, default)
    if wanted not in options:
        forget(key)
        wanted = default
    show(key, wanted)
    value = widget(label, options, key=key, format_func=lambda option: labels.get(option, str(option)),
                   on_change=remember, args=(key, on_change), **kwargs)
    write(key, None if value == default else str(value))
    return value
