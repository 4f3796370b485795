"""The plugin as QGIS's command-line runner sees it: found through QGIS_PLUGINPATH (the repository root is
the plugins folder holding `mobility_diagnosis/`), switched on in a throw-away profile, listed by
`qgis_process list`."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mobility_diagnosis.processing.algorithms import algorithm_classes

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_ID = "mobilitydiagnosis"


def qgis_process_binary():
    """The binary itself, not Debian's wrapper: on Debian 12 the wrapper adds --noversioncheck, which the
    3.22 binary rejects; qgis_process never checks versions online, so the option is not needed anywhere."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if found:
            return found
    return None


def qgis_process_env(home: Path) -> dict:
    """qgis_process's environment with a throw-away QGIS profile in ``home`` and this repository as plugins."""
    runtime = home / "xdg"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "QGIS_PLUGINPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }
    for var in ("PYTHONPATH", "QGIS_CUSTOM_CONFIG_PATH"):
        env.pop(var, None)
    return env


@pytest.fixture
def qgis_process(tmp_path):
    binary = qgis_process_binary()
    if binary is None:
        pytest.skip("qgis_process is not installed (Debian: apt-get install qgis)")
    env = qgis_process_env(tmp_path)

    def run(*args):
        done = subprocess.run(
            [binary, *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, f"qgis_process {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    return run


def listed_providers(run):
    return json.loads(run("--json", "list"))["providers"]


def test_qgis_process_lists_the_provider_once_the_plugin_is_enabled(qgis_process):
    # Found but not yet switched on in this fresh profile: not listed (proves the listing below is ours).
    assert PROVIDER_ID not in listed_providers(qgis_process)

    qgis_process("plugins", "enable", "mobility_diagnosis")
    providers = listed_providers(qgis_process)

    assert PROVIDER_ID in providers
    listed = sorted(providers[PROVIDER_ID]["algorithms"])
    assert listed == sorted(f"{PROVIDER_ID}:{cls().name()}" for cls in algorithm_classes())
    assert listed
