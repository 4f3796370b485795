"""``mobilitydiagnosis:publish``: publish a package folder to a udata portal (demo.data.gouv.fr by
default, data.gouv.fr by choice): create or update a dataset and upload each file of the package."""

from __future__ import annotations

import json
import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.fetch_errors import Cancelled
from ..core.territory import is_insee_code
from ..i18n import tr
from ..qgis_io.export.udata import (
    DEFAULT_PORTAL,
    DatasetInfo,
    PublishError,
    UdataClient,
    credentials_from_authcfg,
    publish,
)
from .base import MobilityAlgorithm

TAGS = ["mobilite", "diagnostic-mobilite", "openstreetmap", "velo", "stationnement", "ecoles"]


def package_files(folder: str) -> list[str]:
    """The files the package's datapackage.json lists, then datapackage.json itself."""
    path = os.path.join(folder, "datapackage.json")
    if not os.path.isfile(path):
        raise PublishError(
            f"{folder} has no datapackage.json: it is not a package folder. Make one with “Export a shareable "
            "package” or “Diagnose a territory”."
        )
    with open(path, encoding="utf-8") as f:
        descriptor = json.load(f)
    files = [r["path"] for r in descriptor.get("resources", [])]
    missing = [name for name in files if not os.path.isfile(os.path.join(folder, name))]
    if missing:
        raise PublishError(
            f"Files listed in datapackage.json are missing from {folder}: {', '.join(missing)}."
        )
    return [*files, "datapackage.json"]


def dataset_info(folder: str) -> DatasetInfo:
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        descriptor = json.load(f)
    readme = os.path.join(folder, "README.md")
    description = ""
    if os.path.isfile(readme):
        with open(readme, encoding="utf-8") as f:
            description = f.read()
    territory = descriptor.get("territory") or {}
    code = territory.get("code", "")
    spatial = {"zones": [f"fr:commune:{code}"], "granularity": "fr:commune"} if is_insee_code(code) else None
    return DatasetInfo(
        title=descriptor.get("title") or "Mobility diagnosis",
        description=description or descriptor.get("title", ""),
        tags=[*TAGS, *([code] if code else [])],
        spatial=spatial,
    )


class PublishAlgorithm(MobilityAlgorithm):
    PACKAGE_FOLDER = "PACKAGE_FOLDER"
    PORTAL_URL = "PORTAL_URL"
    AUTHCFG = "AUTHCFG"
    DATASET = "DATASET"
    DRY_RUN = "DRY_RUN"

    def name(self):
        return "publish"

    def displayName(self):
        return tr("Publish a package to data.gouv.fr (udata)")

    def shortHelpString(self):
        return tr(
            "Publishes a package folder to a udata portal: creates a dataset (or updates the one given in DATASET) "
            "with the README as description, the ODbL licence, tags and the commune as spatial coverage, then "
            "uploads every file of the package. The default portal is the demo instance demo.data.gouv.fr, to "
            "try safely; use https://www.data.gouv.fr to publish for real.\n\nThe API key (your profile on the "
            "portal › API key) is kept in the QGIS authentication database: create a configuration of type "
            "“API Header” with the header X-API-KEY, or of type “Basic” with the key as password (any user name), "
            "and choose it in AUTHCFG. The key never appears in logs or settings. DRY_RUN lists what would be "
            "sent without sending anything. If an upload fails midway, the message says which files went and how "
            "to finish."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.PACKAGE_FOLDER, tr("Package folder"), behavior=QgsProcessingParameterFile.Behavior.Folder
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.PORTAL_URL, tr("udata portal"), defaultValue=DEFAULT_PORTAL)
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                self.AUTHCFG, tr("Authentication configuration holding the API key"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DATASET, tr("Existing dataset to update (id or slug; empty: create one)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.DRY_RUN, tr("Dry run: list what would be sent"), False)
        )
        self.addOutput(QgsProcessingOutputString("DATASET_ID", tr("Dataset id")))
        self.addOutput(QgsProcessingOutputString("DATASET_URL", tr("Dataset page")))

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFile(parameters, self.PACKAGE_FOLDER, context)
        portal = self.parameterAsString(parameters, self.PORTAL_URL, context).strip() or DEFAULT_PORTAL
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context)
        dataset = self.parameterAsString(parameters, self.DATASET, context).strip()
        try:
            files = package_files(folder)
            info = dataset_info(folder)
            if self.parameterAsBoolean(parameters, self.DRY_RUN, context):
                action = f"update {dataset}" if dataset else "create a dataset"
                feedback.pushInfo(tr("Dry run: nothing is sent. Would {} on {}:").format(action, portal))
                feedback.pushInfo(
                    f"  title: {info.title}; licence: {info.license}; tags: {', '.join(info.tags)}; "
                    f"spatial: {info.spatial or '—'}"
                )
                for name in files:
                    size = os.path.getsize(os.path.join(folder, name))
                    feedback.pushInfo(f"  upload {name} ({size / 1e6:.2f} MB)")
                return {"DATASET_ID": dataset, "DATASET_URL": ""}
            client = UdataClient(portal, credentials_from_authcfg(authcfg), feedback)

            def progress(index: int, name: str) -> None:
                feedback.setProgress(100.0 * index / len(files))
                feedback.pushInfo(tr("Uploading {} …").format(name))

            result = publish(client, folder, files, info, dataset, progress)
        except Cancelled as exc:
            raise QgsProcessingException(tr("Cancelled before anything was sent.")) from exc
        except PublishError as exc:
            raise QgsProcessingException(str(exc)) from exc
        verb = tr("Created") if result.created else tr("Updated")
        feedback.pushInfo(
            tr("{} dataset {} ({}): {} files uploaded.").format(
                verb, result.dataset_id, result.page, len(result.sent)
            )
        )
        return {"DATASET_ID": result.dataset_id, "DATASET_URL": result.page}
