"""Translation helpers shared by the QGIS-facing layers (the pure core carries its own
message tables keyed by language, since it may not import Qt)."""

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "MobilityDiagnosis"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_language() -> str:
    """'fr' or 'en': the plugin follows the QGIS locale (a French locale gives French texts)."""
    locale = QgsSettings().value("locale/userLocale", "") or ""
    if not locale:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale().name()
    return "fr" if str(locale).lower().startswith("fr") else "en"
