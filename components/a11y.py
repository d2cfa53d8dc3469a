"""Accessibility fixes Streamlit does not offer as settings (WCAG 2.1 AA), put on
every page by :func:`components.shell.page`:

* ``<html lang>`` follows the chosen language (Streamlit always writes ``en``);
* Material icons are hidden from screen readers (their text or label is the icon's
  name, "touch_app icon", which would be read aloud);
* a keyboard focus ring that differs from the current page's highlight in the menu;
* captions (intervals, n) in a grey with a contrast of at least 4.5:1 on the page
  and the sidebar backgrounds (Streamlit fades them to about 4.1:1).
"""

from __future__ import annotations

import json

import streamlit as st

FOCUS = "#1F2933"
CAPTION = "#4A5562"  # 7.0:1 on white, 6.4:1 on the sidebar's #F2F5F8

STYLE = f"""
:focus-visible, [data-testid="stSidebarNav"] a:focus-visible, [data-testid="stPageLink"] a:focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #FFFFFF !important;
}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricDelta"], [data-testid="stWidgetLabel"] small {{
  color: {CAPTION} !important; opacity: 1 !important;
}}
"""

SCRIPT = """
(function () {
  const state = window.__insiktA11y = window.__insiktA11y || {};
  state.lang = LANG;
  const tidy = function () {
    if (document.documentElement.lang !== state.lang) document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])')
      .forEach(function (icon) { icon.setAttribute("aria-hidden", "true"); });
    // icons written into Markdown (":material/info:") are images labelled "info icon"
    document.querySelectorAll('span[role="img"][aria-label$=" icon"]:not([aria-hidden])')
      .forEach(function (icon) { icon.setAttribute("aria-hidden", "true"); });
  };
  tidy();
  if (!state.observer) {
    state.observer = new MutationObserver(tidy);
    state.observer.observe(document.body, {childList: true, subtree: true});
  }
})();
"""


def apply(language: str) -> None:
    """Put the style and the script on the page, for ``language`` ("sv" or "en")."""
    script = SCRIPT.replace("LANG", json.dumps(language))
    st.html(f"<style>{STYLE}</style><script>{script}</script>", unsafe_allow_javascript=True, width=1)
