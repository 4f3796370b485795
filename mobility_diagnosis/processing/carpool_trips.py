"""The commuting theme's carpool trips (CARPOOL_TRIPS): its parameters and its indicator rows, kept apart
from the home-to-work flows so that each grows on its own (``core.carpool``, ``qgis_io.sources
.carpool_trips_online``). An online extra never fails the theme: a problem is a warning and "unavailable"
rows saying why."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core import carpool as cp
from ..core.fetch_errors import Cancelled
from ..core.gtfs_discovery import insee_code
from ..core.sources import is_online_word
from ..i18n import tr
from ..qgis_io.sources.carpool_trips_online import (
    DEFAULT_DATASET_URL,
    CarpoolTripsError,
    fetch_commune_trips,
    read_trips_path,
)

CARPOOL_TRIPS = "CARPOOL_TRIPS"
RPC_URL = "RPC_URL"


def help_text() -> str:
    return tr(
        "CARPOOL_TRIPS (optional): carpool trips from, to and within the commune from the national carpool "
        "proof register's open data (« Trajets réalisés en covoiturage », data.gouv.fr, Licence Ouverte): a "
        "monthly CSV file, their folder, or 'online' (the last months published, cached). Communes with "
        "fewer than 6 trips a month are left out of the register's open data."
    )


def add_parameters(alg) -> None:
    alg.addParameter(
        QgsProcessingParameterFile(
            CARPOOL_TRIPS,
            tr("Carpool trips of the carpool proof register: a monthly CSV, their folder, or 'online'"),
            behavior=QgsProcessingParameterFile.Behavior.File,
            fileFilter="CSV (*.csv *.zip *.gz);;All files (*)",  # '*' also lets a folder and 'online' through
            optional=True,
        )
    )
    url = QgsProcessingParameterString(
        RPC_URL, tr("data.gouv.fr dataset of the carpool trips (API URL), for CARPOOL_TRIPS 'online'"),
        DEFAULT_DATASET_URL, optional=True,
    )  # fmt: skip
    url.setFlags(url.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    alg.addParameter(url)


def carpool_indicators(alg, territory, parameters, context, feedback, lang: str) -> list:
    """The carpool rows of the commuting theme, and what happened said in the log."""
    value = str(parameters.get(CARPOOL_TRIPS) or "").strip()
    if value and not is_online_word(value):
        value = alg.parameterAsString(parameters, CARPOOL_TRIPS, context) or value
    if not value:
        return cp.indicator_rows(None, lang, cp.message("no_file", lang))
    code = insee_code(territory.code) or insee_code(territory.about.get("territory_code"))
    if code is None:
        feedback.pushWarning(cp.message("not_french", lang))
        return cp.indicator_rows(None, lang, cp.message("not_french", lang))
    try:
        if is_online_word(value):
            url = alg.parameterAsString(parameters, RPC_URL, context) or DEFAULT_DATASET_URL
            feedback.pushInfo(tr("Downloading the carpool trips of the proof register from {} …").format(url))
            found = fetch_commune_trips(code, url, feedback=feedback, lang=lang)
        else:
            if not os.path.exists(value):
                raise QgsProcessingException(
                    tr(
                        "CARPOOL_TRIPS: {} does not exist. Give the register's monthly CSV files, their "
                        "folder, or 'online'."
                    ).format(value)  # fmt: skip
                )
            feedback.pushInfo(tr("Reading the carpool trips in {} …").format(value))
            found = read_trips_path(value, code, lang)
    except Cancelled as exc:
        raise QgsProcessingException(exc.message(lang)) from exc
    except CarpoolTripsError as exc:
        feedback.pushWarning(str(exc))
        return cp.indicator_rows(None, lang, str(exc))
    for warning in found.warnings:
        feedback.pushWarning(warning)
    trips = cp.territory_trips(found.tables, code)
    period = cp.period_text(trips.months)
    if not trips.total:
        feedback.pushWarning(cp.message("no_trips", lang, code=code, period=period or "—"))
    feedback.pushInfo(cp.message("source", lang, period=period or "—"))
    for rank, (other, name, count) in enumerate(trips.destinations, 1):
        feedback.pushInfo(
            cp.message("destination", lang, rank=rank, name=name or other, code=other) + f" — {count}"
        )
    for rank, (other, name, count) in enumerate(trips.origins, 1):
        feedback.pushInfo(
            cp.message("origin", lang, rank=rank, name=name or other, code=other) + f" — {count}"
        )
    return cp.indicator_rows(trips, lang)
