"""The "Publish…" dialog builds the publish algorithm's parameters and says when publishing is missing."""

from qgis.core import QgsApplication

from mobility_diagnosis.ui.plan import PUBLISH_ALGORITHM
from mobility_diagnosis.ui.publish_dialog import PublishDialog


def test_parameters_name_the_folder_portal_and_dataset(qgis_app, tmp_path):
    dialog = PublishDialog(str(tmp_path))
    dialog.portal.setCurrentIndex(0)
    dialog.dataset.setText("  diagnostic-mobilite-cap-d-ail ")

    params = dialog.parameters()

    assert params == {
        "PACKAGE_FOLDER": str(tmp_path),
        "PORTAL_URL": "https://demo.data.gouv.fr",
        "DATASET": "diagnostic-mobilite-cap-d-ail",
        "DRY_RUN": True,  # a first click never sends anything
    }
    assert "AUTHCFG" not in params  # no key chosen: the algorithm says what is missing
    dialog.portal.setEditText("https://udata.example.org")
    assert dialog.parameters()["PORTAL_URL"] == "https://udata.example.org"


def test_publish_is_disabled_with_a_message_when_the_algorithm_is_missing(qgis_app, tmp_path):
    dialog = PublishDialog(str(tmp_path))
    available = QgsApplication.processingRegistry().algorithmById(PUBLISH_ALGORITHM) is not None
    assert dialog.publish_button.isEnabled() == available
    if not available:
        assert "not available" in dialog.message_bar.currentItem().text()
