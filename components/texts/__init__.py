"""The visible strings of the larger pages, one module a page, merged into
:data:`components.i18n.TEXTS` (each module holds one ``TEXTS`` dict of
``key -> {"sv": …, "en": …}``; a key may be defined in one place only)."""
