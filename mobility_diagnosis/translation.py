"""The plugin's Qt translator, following the QGIS locale (Settings › Options › General › Locale)."""

from __future__ import annotations

import os
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = os.path.join(os.path.dirname(__file__), "resources", "i18n")


def qgis_locale() -> str:
    """The locale QGIS uses: the override chosen in its options, else the system's ('fr_FR', 'en_US')."""
    settings = QgsSettings()
    override = settings.value("locale/overrideFlag", False, type=bool)
    user = settings.value("locale/userLocale", "", type=str) or ""
    if override and user:
        return user
    # QGIS stores the locale it runs in (the system one unless overridden) in userLocale too.
    return user or QLocale.system().name()


def qm_path(locale: str, folder: str = I18N_DIR) -> Optional[str]:
    """mobility_diagnosis_fr_FR.qm, else mobility_diagnosis_fr.qm; None when no translation exists."""
    for name in (locale, locale.split("_")[0]):
        path = os.path.join(folder, f"mobility_diagnosis_{name}.qm")
        if name and os.path.isfile(path):
            return path
    return None


def install_translator(locale: Optional[str] = None, folder: str = I18N_DIR) -> Optional[QTranslator]:
    """Install the translation for the locale; returns the translator (to remove on unload) or None."""
    path = qm_path(locale or qgis_locale(), folder)
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: Optional[QTranslator]) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
