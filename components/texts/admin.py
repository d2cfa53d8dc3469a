"""Texts of the admin pages (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
}
