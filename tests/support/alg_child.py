"""Run one of the plugin's algorithms in a child process, the way a script or ``qgis_process`` would, for
tests that need a process of its own: a signal sent to it, a file-size limit (``RLIMIT_FSIZE``, a full disk
without mounting one), or a user who may not write (privileges dropped).

``python -m tests.support.alg_child '<json>'`` with keys ``alg``, ``params`` and optionally ``fsize_limit``
(bytes), ``volume`` (``[folder, bytes]``: the free-space probe reports that volume's capacity less what the
folder holds, a disk of that size; with ``fsize_limit`` a write fails when it no longer fits), ``uid``
(drop to it). Prints ``READY <pid>`` when
QGIS is up, then one JSON line ``{"ok": bool, "error": str}``.
"""

import contextlib
import json
import os
import sys


def main(spec: dict) -> int:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, root)
    for candidate in ("/usr/share/qgis/python/plugins", "/usr/lib/qgis/python/plugins"):
        if os.path.isdir(candidate):
            sys.path.append(candidate)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from mobility_diagnosis.processing.provider import MobilityDiagnosisProvider

    provider = MobilityDiagnosisProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    if spec.get("volume"):
        from mobility_diagnosis.qgis_io import storage

        folder, capacity = spec["volume"][0], int(spec["volume"][1])

        def used() -> int:
            total = 0
            for base, _, files in os.walk(folder):
                for name in files:
                    with contextlib.suppress(OSError):  # removed meanwhile
                        total += os.path.getsize(os.path.join(base, name))
            return total

        storage.free_bytes = lambda path: max(0, capacity - used())
    if spec.get("fsize_limit"):
        import resource
        import signal

        signal.signal(
            signal.SIGXFSZ, signal.SIG_IGN
        )  # a write past the limit fails (EFBIG), as on a full disk
        limit = int(spec["fsize_limit"])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    if spec.get("uid") is not None:
        os.setgid(int(spec["uid"]))
        os.setuid(int(spec["uid"]))
    import processing
    from qgis.core import QgsProcessingException

    print(f"READY {os.getpid()}", flush=True)
    try:
        processing.run(spec["alg"], spec["params"])
        result = {"ok": True, "error": ""}
    except QgsProcessingException as exc:
        result = {"ok": False, "error": str(exc)}
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 3


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))
