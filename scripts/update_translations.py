"""Refresh mobility_diagnosis/resources/i18n/*.ts from the plugin's tr() calls with pylupdate5.

pylupdate5 files plain ``tr("…")`` calls (our ``i18n.tr``) under the context "@default"; the plugin
translates under "MobilityDiagnosis", so the context is renamed, and translations already made are kept
(matched by source text). Translated strings that are not (or no longer) in the code are kept as
"vanished" (lrelease skips them), so translations made ahead of a branch's merge wait for its code.
Run: python3 scripts/update_translations.py (needs pylupdate5 from the Debian package pyqt5-dev-tools).
Compile with `make translations` (lrelease).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "mobility_diagnosis"
I18N = PLUGIN / "resources" / "i18n"
CONTEXT = "MobilityDiagnosis"
LANGUAGES = ("fr",)


def sources() -> list[Path]:
    # The pure core carries its own en/fr message tables and never calls tr().
    return sorted(p for p in PLUGIN.rglob("*.py") if "core" not in p.relative_to(PLUGIN).parts[:1])


def existing_translations(ts: Path) -> dict[str, tuple[str, str]]:
    if not ts.exists():
        return {}
    found = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and (translation.text or "").strip():
            found[source] = (translation.text, translation.get("type", ""))
    return found


def update(language: str) -> Path:
    ts = I18N / f"mobility_diagnosis_{language}.ts"
    kept = existing_translations(ts)
    I18N.mkdir(parents=True, exist_ok=True)
    fresh = I18N / f".fresh_{language}.ts"  # next to the .ts, so that locations read ../../ui/dock.py
    try:
        files = [os.path.relpath(p, I18N) for p in sources()]
        subprocess.run(["pylupdate5", "-noobsolete", *files, "-ts", fresh.name], check=True, cwd=I18N)
        tree = ET.parse(fresh)
    finally:
        fresh.unlink(missing_ok=True)
    root = tree.getroot()
    root.set("language", language)
    contexts = root.findall("context")
    target = contexts[0]
    target.find("name").text = CONTEXT
    seen = set()
    for context in contexts:
        for message in list(context.findall("message")):
            source = message.findtext("source") or ""
            if context is not target:
                context.remove(message)
                if source in seen:
                    continue
                target.append(message)
            seen.add(source)
            translation = message.find("translation")
            if source in kept:
                translation.text, kind = kept[source]
                if kind and kind not in ("vanished", "obsolete"):  # back in the code: active again
                    translation.set("type", kind)
                elif "type" in translation.attrib:
                    del translation.attrib["type"]
        if context is not target:
            root.remove(context)
    for source, (text, _kind) in sorted(kept.items()):
        if source in seen:
            continue
        message = ET.SubElement(target, "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation", {"type": "vanished"}).text = text
    ET.indent(tree, space="    ")
    with open(ts, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    missing = sum(1 for m in target.iter("message") if not (m.findtext("translation") or "").strip())
    waiting = sum(1 for m in target.iter("message") if m.find("translation").get("type") == "vanished")
    print(
        f"{ts.relative_to(ROOT)}: {len(seen)} strings, {missing} without a translation, {waiting} not in the code"
    )
    return ts


if __name__ == "__main__":
    for lang in sys.argv[1:] or LANGUAGES:
        update(lang)
