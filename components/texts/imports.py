"""Texts of the imports pages (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
}
