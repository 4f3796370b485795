"""``mobilitydiagnosis:preparekit``: an offline kit of one territory — its territory GeoPackage and every
source the themes read, fetched now with its licence — that ``diagnose`` (TERRITORY_GPKG pointing into the
kit) and the dock run with no network (docs/sources.md).

The kit is one folder: ``territory.gpkg``, ``sources/`` (the fetched files), ``sources.json`` (each source's
status and file) and ``LICENCES.md``; with ZIP, a zip of it beside. Built aside and swapped in at the end: a
failure or a cancel leaves the previous folder as it was. A source that cannot be had is a status in the
manifest, never a failed kit.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
)

from ..core import sources as cs
from ..core.fetch_errors import Cancelled
from ..core.themes import theme_ids
from ..i18n import tr, user_language
from ..qgis_io.export.package import check_output_folder, staging_folder, zip_package
from ..qgis_io.export.package_gpkg import PackageError
from ..qgis_io.gpkg.territory import TerritoryFileError, open_territory
from ..qgis_io.sources.resolve import log_statuses, osm_status, resolve_sources, write_kit_manifest
from .algorithms import source_url_parameters, source_urls
from .base import MobilityAlgorithm
from .fetch_territory import add_territory_parameters, run_fetch


class PrepareKitAlgorithm(MobilityAlgorithm):
    group_id = "data"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    ZIP = "ZIP"
    OVERWRITE = "OVERWRITE"

    def name(self):
        return "preparekit"

    def displayName(self):
        return tr("Prepare an offline kit of a territory")

    def shortHelpString(self):
        return tr(
            "For a workshop without network: fetches the territory's OpenStreetMap data and every source the "
            "themes read that applies to it (for a French commune: the GTFS feeds of the national access point, "
            "the education directory, the national carpool base, the road crash files) into one folder: "
            "territory.gpkg, sources/, sources.json (what each source gave) and LICENCES.md; with ZIP, a zip of "
            "it too. Give that territory.gpkg to “Diagnose a territory” (TERRITORY_GPKG) or to the dock: the "
            "sources come from the kit, with no network. A source that cannot be had is noted, not an error."
        )

    def initAlgorithm(self, config=None):
        add_territory_parameters(self)
        for definition in source_url_parameters():
            self.addParameter(definition)
        self.addParameter(QgsProcessingParameterBoolean(self.ZIP, tr("Also make a zip of the kit"), True))
        self.addParameter(
            QgsProcessingParameterBoolean(self.OVERWRITE, tr("Replace an existing kit folder"), False)
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Kit folder")))
        self.addOutput(QgsProcessingOutputFile("TERRITORY_GPKG", tr("Territory GeoPackage of the kit")))
        self.addOutput(QgsProcessingOutputFile("ZIP_FILE", tr("Zip of the kit")))

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        lang = user_language()
        try:
            check_output_folder(folder, self.parameterAsBoolean(parameters, self.OVERWRITE, context))
            with staging_folder(folder) as staging:
                territory = os.path.join(staging, cs.KIT_TERRITORY)
                run_fetch(self, parameters, context, feedback, territory)
                try:
                    opened = open_territory(territory, ())
                except TerritoryFileError as exc:
                    raise PackageError(str(exc)) from exc
                urls = source_urls(self, parameters, context)
                resolved = resolve_sources(
                    theme_ids(), {}, urls, opened.code, cs.MODE_ONLINE,
                    os.path.join(staging, cs.KIT_FOLDER), feedback, lang, for_kit=True,
                )  # fmt: skip
                statuses = [
                    osm_status(dict(opened.about), None),
                    *(s for r in resolved.values() for s in r.statuses),
                ]
                files = {sid: r.value for sid, r in resolved.items() if r.value and r.value != cs.ONLINE}
                files["osm"] = territory
                write_kit_manifest(staging, statuses, files)
                log_statuses(statuses, feedback, lang)
                if feedback.isCanceled():
                    raise Cancelled()
        except Cancelled as exc:
            raise QgsProcessingException(tr("Cancelled: nothing was written.")) from exc
        except (PackageError, OSError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        zip_file = ""
        if self.parameterAsBoolean(parameters, self.ZIP, context):
            zip_file = zip_package(folder, folder.rstrip("/\\") + ".zip")
        return {
            self.OUTPUT_FOLDER: folder,
            "TERRITORY_GPKG": os.path.join(folder, cs.KIT_TERRITORY),
            "ZIP_FILE": zip_file,
        }
