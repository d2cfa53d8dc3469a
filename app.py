"""Insikt home: the login form, then each role's landing page."""

import streamlit as st

from components import menu, shell

page = shell.page(title="Insikt", redirect=True)
# Keep the URL's filters: a shared link survives the login. The language stays
# by itself, since its widget is bound to the URL on every page.
filters = {key: value for key, value in st.query_params.to_dict().items() if key != "lang"}
# A link with filters opens the overview they describe; without, each role's own page.
st.switch_page("pages/overview.py" if filters else menu.LANDING[page.account.role], query_params=filters)
