"""Translation helpers shared by the QGIS-facing layers (the pure core carries its own
message tables keyed by language, since it may not import Qt)."""

import contextlib
import threading

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "MobilityDiagnosis"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ui_language() -> str:
    """'fr' or 'en': the language of the translation installed (the one the rest of the UI speaks), for
    texts that come in both languages instead of through tr(), such as the themes' names (core.themes).
    Qt's idiom for a translation that names itself (as its QT_LAYOUT_DIRECTION): the French .ts translates
    the marker below to "fr"."""
    return "fr" if tr("en") == "fr" else "en"


_override = threading.local()


@contextlib.contextmanager
def language_override(lang: str):
    """Texts in ``lang`` for what runs inside (on this thread), whatever the QGIS locale: ``diagnose``
    makes its themes write labels and reasons in the report's language."""
    previous = getattr(_override, "lang", None)
    _override.lang = lang
    try:
        yield
    finally:
        _override.lang = previous


def user_language() -> str:
    """'fr' or 'en': the plugin follows the QGIS locale (a French locale gives French texts)."""
    forced = getattr(_override, "lang", None)
    if forced:
        return forced
    locale = QgsSettings().value("locale/userLocale", "") or ""
    if not locale:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale().name()
    return "fr" if str(locale).lower().startswith("fr") else "en"
