"""The visible strings of the larger pages, one module a page, merged into
:data:`components.i18n.TEXTS` (each module holds one ``TEXTS`` dict of
``key -> {"sv": …, "en": …}``; a key may be defined in one place only)."""

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    """Every text module of this package, in name order (a new module needs no registration)."""
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)]
