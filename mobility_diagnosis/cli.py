"""Command line for servers: ``python -m mobility_diagnosis.cli diagnosemany ...`` (QGIS headless, no desktop).

Runs the same Processing algorithm as the toolbox. Exit status: 0 when every territory is done or
skipped, 1 when some failed (see run_log.csv), 2 when the run could not start (the message says why).
Needs QGIS's Python bindings (``python3`` of the QGIS install) and the folder holding ``mobility_diagnosis``
on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from .core.themes import theme_ids


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m mobility_diagnosis.cli", description=__doc__.split("\n")[0]
    )
    commands = main.add_subparsers(dest="command", required=True)
    many = commands.add_parser("diagnosemany", help="diagnose many territories and compare them")
    many.add_argument(
        "--territories", default="", help="INSEE codes, a département code (06) or an EPCI SIREN"
    )
    many.add_argument("--territory-layer", default="", help="a polygon file, one feature per territory")
    many.add_argument("--osm-file", default="", help="a local .osm.pbf covering every territory")
    many.add_argument("--overpass-url", default="", help="Overpass interpreter URL (when no --osm-file)")
    many.add_argument("--workers", type=int, default=2, help="parallel worker processes (default 2)")
    many.add_argument("--dask-scheduler", default="", help="tcp://host:8786, or 'local' for a LocalCluster")
    many.add_argument("--themes", default=",".join(theme_ids()), help="comma-separated, default: every theme")
    many.add_argument("--gtfs", default="", help="a GTFS zip for the accessibility theme")
    many.add_argument("--buffer", type=float, default=500.0, help="buffer around each territory, metres")
    many.add_argument("--rerun", action="store_true", help="redo territories already complete")
    many.add_argument("--output-folder", required=True, help="one package folder per territory goes here")
    return main


class _StderrFeedback:
    """Messages of the run on stderr (progress as one line per 10 %)."""

    @staticmethod
    def make():
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self._shown = -10

            def pushInfo(self, info):
                sys.stderr.write(info + "\n")

            def pushWarning(self, warning):
                sys.stderr.write("warning: " + warning + "\n")

            def reportError(self, error, fatalError=False):  # noqa: N803 (Qt signature)
                sys.stderr.write("error: " + error + "\n")

            def setProgress(self, progress):
                super().setProgress(progress)
                if progress >= self._shown + 10:
                    self._shown = int(progress // 10 * 10)
                    sys.stderr.write(f"{self._shown} %\n")

        return Feedback()


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    themes = [t.strip() for t in args.themes.split(",") if t.strip()]
    known = theme_ids()  # the THEMES enum of diagnosemany, in its order
    unknown = [t for t in themes if t not in known]
    if unknown:
        sys.stderr.write(f"error: unknown theme(s) {', '.join(unknown)}; choose among {', '.join(known)}\n")
        return 2
    from .batch.runner import ensure_qgis

    ensure_qgis()
    import processing
    from qgis.core import QgsProcessingException

    params = {
        "TERRITORIES": args.territories,
        "OSM_FILE": args.osm_file,
        "WORKERS": args.workers,
        "DASK_SCHEDULER": args.dask_scheduler,
        "THEMES": [known.index(t) for t in themes],
        "GTFS": args.gtfs,
        "BUFFER": args.buffer,
        "RERUN": args.rerun,
        "OUTPUT_FOLDER": args.output_folder,
    }
    if args.territory_layer:
        params["TERRITORY_LAYER"] = args.territory_layer
    if args.overpass_url:
        params["OVERPASS_URL"] = args.overpass_url
    try:
        result = processing.run("mobilitydiagnosis:diagnosemany", params, feedback=_StderrFeedback.make())
    except QgsProcessingException as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(
        f"done {int(result['DONE'])}, skipped {int(result['SKIPPED'])}, failed {int(result['FAILED'])}: "
        f"{result['COMPARISON_CSV']}\n"
    )
    return 1 if result["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
