"""The sources of a run, had on the QGIS side: each online source fetched (cached, through QGIS networking)
into a file the theme reads, with its status (core.sources); an offline kit's manifest read and written.

``resolve_sources`` is what ``diagnose`` and ``preparekit`` share: for every source the chosen themes read,
the rule of ``core.sources.decide`` then the fetch, never raising for an optional source (its status says
what happened). Cancelling raises ``Cancelled``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from ...core import sources as cs
from ...core.fetch_errors import Cancelled, FetchError, TimedOut
from ...core.schools.directory import directory_csv
from ..atomic import atomic_path
from ..net import http

Fetched = tuple[str, str, str, str]  # path, name, vintage, detail
# The bundled demos and the files they bring (demos.json, read by scripts/demo.sh and the dock's Demo button):
# a source file found there is "shipped with the demo" in the statuses.
DEMO_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "resources", "demo")


class SourceNotFound(Exception):
    """The source answered but has nothing for this territory."""


class SourceFailed(Exception):
    """The source could not be had (network, server, bad reply): the message says why."""


def _today() -> str:
    return dt.date.today().isoformat()


@dataclass
class Items:
    """A source had as several items (the GTFS feeds of the networks serving a commune): the folder its
    theme reads, and one status per item (its name, publisher, vintage and licence)."""

    path: str
    statuses: list


def fetch_gtfs(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Items:
    """Every feed of the access point covering the commune, in the ``gtfs`` folder its theme reads."""
    from ...core.gtfs_discovery import DiscoveryError
    from .gtfs_online import DEFAULT_API_URL, GtfsOnlineError, fetch_commune_feeds

    try:
        found = fetch_commune_feeds(code, url or DEFAULT_API_URL, feedback=feedback, lang=lang)
    except GtfsOnlineError as exc:
        kind = SourceNotFound if isinstance(exc.__cause__, DiscoveryError) else SourceFailed
        raise kind(str(exc)) from exc
    target = os.path.join(folder, source_file("gtfs"))
    os.makedirs(target, exist_ok=True)
    left_out = " ; ".join(found.failed)  # said once, on the first feed's line
    statuses = []
    for i, choice in enumerate(found.feeds):
        _copy(os.path.join(found.folder, f"{choice.key}.zip"), os.path.join(target, f"{choice.key}.zip"))
        statuses.append(cs.SourceStatus("gtfs", cs.USED, "online", choice.dataset_title, choice.vintage(),
                                        "" if i else left_out, choice.publisher or choice.dataset_title,
                                        choice.licence))  # fmt: skip
    return Items(target, statuses)


def fetch_directory(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    from .schools_directory_online import DEFAULT_API_URL, DirectoryDownloadError, fetch_commune_directory

    try:
        result = fetch_commune_directory(code, url or DEFAULT_API_URL, feedback, lang)
    except DirectoryDownloadError as exc:
        raise SourceFailed(str(exc)) from exc
    if not result.schools:
        raise SourceNotFound(cs.MESSAGES[cs.lang_of(lang)]["no_schools"].format(code=code))
    target = os.path.join(folder, source_file("schools_directory"))
    _write(target, directory_csv(result))
    return target, "fr-en-annuaire-education", _today(), ""


def fetch_carpool(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    from .parking_bnlc import DEFAULT_BNLC_URL, CarpoolReplyError, carpool_base

    try:
        body = carpool_base(url or DEFAULT_BNLC_URL, feedback=feedback, lang=lang)
    except FetchError as exc:
        raise SourceFailed(exc.message(lang)) from exc
    except CarpoolReplyError as exc:
        raise SourceFailed(str(exc)) from exc
    target = os.path.join(folder, source_file("carpool"))
    _write(target, body)
    return target, "BNLC", _today(), ""


def fetch_acceslibre(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """The commune's establishments from the API, written in the CSV-export layout that the theme (and a
    kit used offline) reads back field for field (core.accessibility.acceslibre.export_csv)."""
    from ...core.accessibility.acceslibre import export_csv
    from ..settings import plugin_value
    from .acceslibre_online import API_KEY_SETTING, DEFAULT_API_URL, AcceslibreUnavailable, fetch_commune

    key = plugin_value(API_KEY_SETTING, "", str)
    try:
        found = fetch_commune(code, url or DEFAULT_API_URL, api_key=key, feedback=feedback, lang=lang)
    except AcceslibreUnavailable as exc:
        raise SourceFailed(str(exc)) from exc
    if not found:
        raise SourceNotFound(cs.MESSAGES[cs.lang_of(lang)]["no_acceslibre"].format(code=code))
    target = os.path.join(folder, source_file("acceslibre"))
    _write(target, export_csv(found).encode("utf-8"))
    return target, "acceslibre", _today(), ""


def fetch_crashes(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """The kit's copy of the last five years' national tables (the theme keeps the commune's crashes)."""
    from .safety_online import DEFAULT_DATASET_URL, CrashDownloadError, fetch_crash_files

    try:
        files, years, _warnings = fetch_crash_files(
            None, url or DEFAULT_DATASET_URL, feedback=feedback, lang=lang
        )
    except CrashDownloadError as exc:
        raise SourceFailed(str(exc)) from exc
    target = os.path.join(folder, source_file("crashes"))
    os.makedirs(target, exist_ok=True)
    for tables in files.values():
        for table in tables:
            _write(os.path.join(target, table.name), table.read_bytes())
    from ...core.crashes import years_span

    return target, "BAAC", years_span(years), ""


def fetch_flows(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """The territory's rows of INSEE's national flows file (downloaded whole once, cached, read as a stream),
    written in the official layout: the theme, and an offline kit, read them like the user's file."""
    from ...core import commuting as cm
    from .mobpro_online import DEFAULT_MOBPRO_URL, FlowsDownloadError, fetch_territory_flows

    try:
        lines = fetch_territory_flows(cm.territory_codes(code), url or DEFAULT_MOBPRO_URL, feedback=feedback,
                                      lang=lang)  # fmt: skip
    except FlowsDownloadError as exc:
        raise SourceFailed(str(exc)) from exc
    if len(lines) < 2:
        raise SourceNotFound(cs.MESSAGES[cs.lang_of(lang)]["no_flows"].format(code=code))
    table = cm.read_flows(lines)
    target = os.path.join(folder, source_file("flows"))
    _write(target, ("\n".join(lines) + "\n").encode("utf-8"))
    return target, "MOBPRO", str(table.year or ""), ""


def fetch_centres(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """The centres of the communes the territory's flows name (the flows source, had just before), from
    geo.api.gouv.fr, as a point layer the commuting theme reads as its COMMUNES."""
    from ...core import commuting as cm
    from ..settings import geoapi_url
    from .commune_centres import CentresUnavailable
    from .commune_centres import fetch_centres as centres_of

    flows = (had or {}).get("flows")
    texts = cs.MESSAGES[cs.lang_of(lang)]
    if flows is None or not flows.value or flows.value == cs.ONLINE:
        raise SourceNotFound(texts["needs_flows"])
    codes = cm.territory_codes(code)
    try:
        with cm.archive_lines(flows.value) as lines:  # the user's file may be the national one: a stream
            table = cm.read_flows(lines, lambda origin, destination: origin in codes or destination in codes)
    except (cm.FlowsFileError, OSError) as exc:
        raise SourceFailed(str(exc)) from exc
    wanted = {c for flow in table.flows for c in (flow.origin, flow.destination)}
    try:
        centres, names = centres_of(wanted, url or geoapi_url(), feedback=feedback, lang=lang)
    except CentresUnavailable as exc:
        raise SourceFailed(str(exc)) from exc
    if not centres:
        raise SourceNotFound(texts["no_centres"].format(count=len(wanted)))
    target = os.path.join(folder, source_file("communes"))
    _write(target, cm.centres_geojson(centres, {**names, **table.names}).encode("utf-8"))
    return target, "geo.api.gouv.fr", _today(), f"{len(centres)}/{len(wanted)}"


def fetch_census(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """INSEE's latest comparateur file, whole (the profile's references need every commune), in place of the
    bundled table of its kind."""
    from .census_online import DEFAULT_CENSUS_URL, CensusDownloadError
    from .census_online import fetch_census as download

    try:
        body, table = download(url or DEFAULT_CENSUS_URL, feedback=feedback, lang=lang)
    except CensusDownloadError as exc:
        raise SourceFailed(str(exc)) from exc
    target = os.path.join(folder, source_file("census"))
    _write(target, body)
    return target, table.source, str(table.year or ""), ""


def fetch_carpool_trips(code: str, folder: str, url: str, feedback, lang: str, had=None) -> Fetched:
    """The last months of the carpool proof register, kept to the commune's rows in the published layout
    (core.carpool.trips_csv): the theme, and an offline kit, read that small file."""
    from ...core.carpool import message, period_text, trips_csv
    from .carpool_trips_online import DEFAULT_DATASET_URL, CarpoolTripsError, fetch_commune_trips

    try:
        found = fetch_commune_trips(code, url or DEFAULT_DATASET_URL, feedback=feedback, lang=lang)
    except CarpoolTripsError as exc:
        raise SourceFailed(str(exc)) from exc
    period = period_text(found.months)
    detail = ("; " if lang == "en" else "\u202f; ").join(found.warnings)
    if not any(table.rows for table in found.tables):
        raise SourceNotFound(
            message("no_trips", lang, code=code, period=period) + (f" — {detail}" if detail else "")
        )
    target = os.path.join(folder, source_file("carpool_trips"))
    _write(target, trips_csv(found.tables).encode("utf-8"))
    return target, "RPC", period, detail


FETCHERS: dict[str, Callable[..., Fetched]] = {
    "fetch_gtfs": fetch_gtfs,
    "fetch_directory": fetch_directory,
    "fetch_carpool": fetch_carpool,
    "fetch_acceslibre": fetch_acceslibre,
    "fetch_crashes": fetch_crashes,
    "fetch_flows": fetch_flows,
    "fetch_centres": fetch_centres,
    "fetch_census": fetch_census,
    "fetch_carpool_trips": fetch_carpool_trips,
}
KIT_FETCHERS = {"crashes": fetch_crashes}  # sources their theme fetches in diagnose, copied into a kit


def source_file(source_id: str) -> str:
    return cs.source(source_id).kit_name


@dataclass
class Resolved:
    """A source's status, and the value its theme parameter gets ("" none, a path, or "online")."""

    status: cs.SourceStatus
    value: str = ""
    url: str = ""  # the address a theme fetching the source itself is handed (its url_parameter)
    items: list = field(default_factory=list)  # one status per item of a source had as several (GTFS feeds)
    time_limit: Optional[float] = None  # a source its theme fetches, only tried (auto): its requests' cap

    @property
    def statuses(self) -> list:
        """What the log, the package and the report list: each item, else the source's one status."""
        return self.items or [self.status]


@dataclass
class Kit:
    """An offline kit: the folder of a territory GeoPackage with ``sources.json`` beside it."""

    folder: str
    files: dict = field(default_factory=dict)  # parameter → absolute path
    statuses: dict = field(default_factory=dict)  # source id → SourceStatus when it was made
    items: dict = field(default_factory=dict)  # source id → its items' statuses (GTFS feeds), when several


def read_kit(territory_gpkg: str) -> Optional[Kit]:
    """The kit the territory GeoPackage belongs to, or None (a plain GeoPackage)."""
    if not territory_gpkg:
        return None
    folder = os.path.dirname(os.path.abspath(territory_gpkg))
    manifest = os.path.join(folder, cs.KIT_MANIFEST)
    try:
        data = json.loads(Path(manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kit = Kit(folder)
    for entry in data.get("sources", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or "source" not in entry:
            continue
        try:
            status = cs.status_from_dict(entry)
            row = cs.source(status.source)
        except (KeyError, TypeError):
            continue
        if row.id in kit.statuses:
            kit.items.setdefault(row.id, [kit.statuses[row.id]]).append(status)
        kit.statuses[row.id] = status
        path = os.path.join(folder, str(entry.get("file") or ""))
        if entry.get("file") and os.path.exists(path) and row.parameter:
            kit.files[row.parameter] = path
    return kit


def write_kit_manifest(folder: str, statuses: Sequence[cs.SourceStatus], files: Mapping[str, str]) -> str:
    """``sources.json`` (each source's status and its file relative to the kit) and ``LICENCES.md``."""
    entries = []
    for status in statuses:
        entry = status.as_dict()
        path = files.get(status.source, "")
        entry["file"] = os.path.relpath(path, folder).replace(os.sep, "/") if path else ""
        entries.append(entry)
    target = os.path.join(folder, cs.KIT_MANIFEST)
    _write(target, (json.dumps({"sources": entries}, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    _write(os.path.join(folder, "LICENCES.md"), cs.licences_text(statuses).encode("utf-8"))
    return target


def resolve_sources(
    chosen_themes: Sequence[str],
    values: Mapping[str, str],
    urls: Mapping[str, str],
    territory_code: str,
    mode: str,
    folder: str,
    feedback,
    lang: str,
    kit: Optional[Kit] = None,
    for_kit: bool = False,
    auto_timeout_s: Optional[float] = None,
) -> dict[str, Resolved]:
    """Source id → what it ended with, for the sources the chosen themes read (OSM excepted: the territory
    step has it). ``folder`` receives the fetched files. ``for_kit``: the sources a theme fetches itself in
    ``diagnose`` (crashes) are fetched too, to be carried offline. ``auto_timeout_s``: the run was asked in
    "auto" mode: a source not asked online by its input waits no longer than that for a server
    (core.sources.AUTO_TIMEOUT_S)."""
    out: dict[str, Resolved] = {}
    for row in cs.chosen_sources(chosen_themes):
        if not row.parameter:
            continue
        if feedback is not None and feedback.isCanceled():
            raise Cancelled()
        decision = cs.decide(
            row,
            values.get(row.parameter, ""),
            territory_code,
            mode,
            kit_file=(kit.files.get(row.parameter, "") if kit else ""),
            kit_status=(kit.statuses.get(row.id) if kit else None),
        )
        fetcher = FETCHERS.get(row.fetcher) or (KIT_FETCHERS.get(row.id) if for_kit else None)
        asked = cs.is_online_word(values.get(row.parameter))  # its input says "online": waited for
        brief = auto_timeout_s if auto_timeout_s and not asked else None
        if decision.action == "file":
            name = os.path.basename(decision.value.rstrip("/\\"))
            how = "demo" if decision.how == "file" and _in_demo(decision.value) else decision.how
            out[row.id] = Resolved(cs.SourceStatus(row.id, cs.USED, how, name, _vintage(row, decision.value)),
                                   decision.value)  # fmt: skip
            if decision.how == "kit" and kit is not None and row.id in kit.items:  # each feed, as fetched
                out[row.id].items = [replace(s, how="kit") for s in kit.items[row.id] if s.state == cs.USED]
        elif decision.action in ("fetch", "hand_on") and fetcher is not None:
            out[row.id] = _fetch(
                row,
                fetcher,
                territory_code,
                folder,
                urls.get(row.url_parameter, ""),
                feedback,
                lang,
                out,
                brief,
            )
        elif decision.action in ("fetch", "hand_on") and for_kit:  # only its theme can fetch it: not carried
            out[row.id] = Resolved(cs.SourceStatus(row.id, cs.OFFLINE, detail=cs.theme_only_text(lang)))
        elif decision.action in ("fetch", "hand_on"):  # its theme fetches it (and says how it went)
            out[row.id] = Resolved(cs.SourceStatus(row.id, cs.USED, "online", detail=cs.handed_on_text(lang)),
                                   cs.ONLINE, urls.get(row.url_parameter, ""), time_limit=brief)  # fmt: skip
        elif decision.action == "bundled":
            out[row.id] = Resolved(cs.SourceStatus(row.id, cs.BUNDLED, "bundled"))
        else:
            kit_status = kit.statuses.get(row.id) if kit else None
            detail = (
                kit_status.detail if kit_status is not None and kit_status.state == decision.state else ""
            )
            out[row.id] = Resolved(cs.SourceStatus(row.id, decision.state, detail=detail))
    return out


def osm_status(about: Mapping[str, str], kit: Optional[Kit]) -> cs.SourceStatus:
    """OpenStreetMap's status from the territory GeoPackage's ``about`` rows (fetchterritory wrote them)."""
    file = about.get("file") or ""
    how = "kit" if kit is not None else ("file" if file else "online")
    name = os.path.basename(file) if file else (about.get("endpoint") or "Overpass API")
    if kit is not None:
        name = cs.KIT_TERRITORY
    return cs.SourceStatus("osm", cs.USED, how, name, (about.get("osm_timestamp") or "")[:10])


def _fetch(
    row: cs.Source,
    fetcher,
    code: str,
    folder: str,
    url: str,
    feedback,
    lang: str,
    had,
    brief: Optional[float] = None,
) -> Resolved:
    """The source fetched; ``had``: the sources resolved so far (the commune centres read the flows' file);
    ``brief``: tried only, every request waiting at most that long for an answer."""
    if feedback is not None:
        feedback.pushInfo(cs.fetching_text(row, lang))
    try:
        with http.time_limit(brief):
            got = fetcher(code, folder, url, feedback, lang, had)
    except Cancelled:
        raise
    except SourceNotFound as exc:
        return Resolved(cs.SourceStatus(row.id, cs.NOT_FOUND, detail=str(exc)))
    except (SourceFailed, FetchError, OSError) as exc:
        why = exc.message(lang) if isinstance(exc, FetchError) else str(exc)
        if brief is not None and _timed_out(exc):
            why = cs.no_answer_text(brief, lang)
        return Resolved(cs.SourceStatus(row.id, cs.FAILED, detail=why))
    if isinstance(got, Items):
        return Resolved(got.statuses[0], got.path, items=got.statuses)
    path, name, vintage, detail = got
    return Resolved(cs.SourceStatus(row.id, cs.USED, "online", name, vintage, detail), path)


def _timed_out(exc: BaseException) -> bool:
    """A timeout somewhere in the chain of causes (each source wraps the network's errors in its own)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, TimedOut):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def theme_values(resolved: Mapping[str, Resolved]) -> dict[str, object]:
    """The theme parameters the sources give: the file (or "online") under the parameter that reads it,
    and the switch that turns the source on."""
    params: dict[str, object] = {}
    for source_id, item in resolved.items():
        if not item.value:
            continue
        row = cs.source(source_id)
        params[row.handed_as or row.parameter] = item.value
        if item.url and row.url_parameter:
            params[row.url_parameter] = item.url
        if row.switch:
            params[row.switch] = True
    return params


def theme_time_limit(theme_id: str, resolved: Mapping[str, Resolved]) -> Optional[float]:
    """The cap on the requests of a theme that fetches a source itself, only tried (auto mode); None if none."""
    limits = [item.time_limit for sid, item in resolved.items()
              if item.time_limit and theme_id in cs.themes_of(cs.source(sid))]  # fmt: skip
    return min(limits) if limits else None


def log_statuses(statuses: Sequence[cs.SourceStatus], feedback, lang: str) -> None:
    for status in statuses:
        text = cs.status_text(status, lang)
        (feedback.pushWarning if status.state == cs.FAILED else feedback.pushInfo)(text)


def _in_demo(path: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(DEMO_FOLDER)]) == os.path.abspath(
            DEMO_FOLDER
        )
    except ValueError:  # another drive (Windows)
        return False


def _vintage(row: cs.Source, path: str) -> str:
    """The data's years for crash files (their names say them: "2020", "2018–2022"), else the file's date."""
    if row.id == "crashes":
        from ...core import crashes as cr

        files = {t: [path] for t in [cr.table_of(path)] if t} if os.path.isfile(path) else cr.find_files(path)
        span = cr.years_span(cr.years_available(files))
        if span:
            return span
    return _file_date(path)


def _file_date(path: str) -> str:
    try:
        return dt.date.fromtimestamp(os.path.getmtime(path)).isoformat()
    except OSError:
        return ""


def _copy(source: str, target: str) -> None:
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def _write(target: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    with atomic_path(target) as tmp, open(tmp, "wb") as f:
        f.write(data)
