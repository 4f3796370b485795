"""The registry of data sources: one row per source a diagnosis reads, and the status each one ends with.

A source says how it is had (its ``diagnose`` parameter, whether it has an online form and which function
on the QGIS side fetches it, which file replaces it offline and its name in an offline kit), whether it
applies to the territory (French communes only?) and its licence and attribution. Which themes use it is
not restated here: it is the theme rows' ``inputs`` (core.themes) that name the parameter (``themes_of``).

``decide`` is the one rule saying what a run does with a source (a user's file first, then an offline kit's
file, then online when allowed and the territory is one the source covers); ``SourceStatus`` is what it
ended with, written in the log, the package's ``datapackage.json`` and README and the report's "Sources"
page (``status_rows``). Pure: no QGIS import.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from .territory import is_insee_code
from .themes import pick, themes

ONLINE = "online"
ONLINE_WORDS = (
    "online",
    "en ligne",
    "api",
)  # what a user may type in a file input to ask for the online form

# diagnose's SOURCES modes, in the order of its enum
MODE_AUTO, MODE_ONLINE, MODE_OFFLINE = "auto", "online", "offline"
MODES = (MODE_AUTO, MODE_ONLINE, MODE_OFFLINE)
# In "auto" mode an optional source is tried, not waited for: a server silent this long (no connection,
# no first byte, a stalled transfer) leaves it "failed: no answer in 10 s" and the run goes on, instead of
# QGIS's network timeout (60 s by default, per request) times each request of each source. Ten seconds:
# what a working national API takes at worst to start answering, seen from a slow connection. Sources
# asked online (SOURCES online, or the word "online" in their input) keep their own, longer timeouts.
AUTO_TIMEOUT_S = 10.0

KIT_MANIFEST = "sources.json"  # beside the territory GeoPackage of an offline kit (docs/sources.md)
KIT_TERRITORY = "territory.gpkg"
KIT_FOLDER = "sources"  # the kit's source files


@dataclass(frozen=True)
class Source:
    id: str
    title: Mapping[str, str]
    parameter: str  # diagnose's parameter ("" for OSM: TERRITORY / OSM_FILE / TERRITORY_GPKG)
    url_parameter: str = ""  # the advanced parameter of its online address (tests point it at loopback)
    online: bool = False  # has an online form (cached, through QGIS networking)
    asked_only: bool = False  # its online form is used only when the user asks for it (the word "online")
    fetcher: str = ""  # qgis_io.sources: the function that fetches it before the themes ("" → its theme)
    offline_file: Mapping[str, str] = field(default_factory=dict)  # what replaces it offline
    kit_name: str = ""  # its file (or folder) in an offline kit's ``sources/``
    folder: bool = False  # a user gives a folder (of yearly files), not a file
    french_only: bool = False  # applies to French communes (an INSEE code) only
    bundled: bool = False  # shipped with the plugin: used with no file and no network
    handed_as: str = ""  # the theme parameter that receives the file, when not ``parameter``
    switch: str = ""  # a theme boolean set when the source is used (parking's CARPOOL)
    licence: str = ""
    licence_url: str = ""
    attribution: Mapping[str, str] = field(default_factory=dict)
    url: str = ""  # the producer's page

    def text(self, lang: str) -> str:
        return pick(self.title, lang)

    def licence_text(self, lang: str) -> str:
        """The licence's name (an SPDX-like id, or words when each file has its own)."""
        words = LICENCE_WORDS.get(self.licence)
        return pick(words, lang) if words else self.licence


# Licences and producers: each source's own page (url). OSM: openstreetmap.org/copyright; GTFS feeds keep
# their publisher's licence (transport.data.gouv.fr lists it per dataset, mostly ODbL or Licence Ouverte);
# Acceslibre is Licence Ouverte 2.0 (Etalab; its data.gouv.fr page, docs/accessibility.md); the education
# directory, INSEE census and MOBPRO files and ONISR BAAC files are Licence Ouverte 2.0
# (their data.gouv.fr / data.education.gouv.fr pages; INSEE's « conditions de réutilisation »); geo.api.gouv.fr's
# commune data (IGN, INSEE) is Licence Ouverte 2.0 (its page); the BNLC is ODbL (its transport.data.gouv.fr page); the
# carpool proof register's trips are Licence Ouverte 2.0 (its data.gouv.fr page, docs/commuting.md).
PUBLISHER = "publisher"  # each feed keeps its publisher's licence (named in words: LICENCE_WORDS)
LICENCE_WORDS = {PUBLISHER: {"en": "the publisher's licence", "fr": "licence de l’éditeur"}}
LO = ("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
ODBL = ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/")

SOURCES: tuple[Source, ...] = (
    Source(
        id="osm",
        title={"en": "OpenStreetMap", "fr": "OpenStreetMap"},
        parameter="",
        url_parameter="OVERPASS_URL",
        online=True,
        offline_file={"en": "a local OSM file or a territory GeoPackage", "fr": "un fichier OSM local ou un "
                      "GeoPackage de territoire"},
        kit_name=KIT_TERRITORY,
        licence=ODBL[0], licence_url=ODBL[1],
        attribution={"en": "© OpenStreetMap contributors", "fr": "© les contributeurs d’OpenStreetMap"},
        url="https://www.openstreetmap.org/copyright",
    ),
    Source(
        id="gtfs",
        title={"en": "Transit timetables (GTFS)", "fr": "Horaires de transport (GTFS)"},
        parameter="GTFS",
        url_parameter="GTFS_API_URL",
        online=True,
        fetcher="fetch_gtfs",
        offline_file={"en": "a GTFS zip, or a folder of them", "fr": "un fichier GTFS (.zip), ou un dossier de .zip"},
        kit_name="gtfs",  # a folder: one zip per network covering the commune (urban, coaches, trains)
        french_only=True,  # online: the national access point; a file works anywhere (below: decide)
        licence=PUBLISHER,
        attribution={"en": "Transit operator, via transport.data.gouv.fr",
                     "fr": "Autorité organisatrice, via transport.data.gouv.fr"},
        url="https://transport.data.gouv.fr",
    ),
    Source(
        id="schools_directory",
        title={"en": "Education directory", "fr": "Annuaire de l’éducation"},
        parameter="SCHOOLS_DIRECTORY",
        url_parameter="SCHOOLS_API_URL",
        online=True,
        fetcher="fetch_directory",
        offline_file={"en": "the directory's CSV export", "fr": "l’export CSV de l’annuaire"},
        kit_name="annuaire_education.csv",
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "Ministry of Education, Annuaire de l’éducation",
                     "fr": "Ministère de l’Éducation nationale, Annuaire de l’éducation"},
        url="https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/",
    ),
    Source(
        id="carpool",
        title={"en": "Carpool areas (BNLC)", "fr": "Aires de covoiturage (BNLC)"},
        parameter="CARPOOL",
        url_parameter="BNLC_URL",
        online=True,
        fetcher="fetch_carpool",
        offline_file={"en": "the BNLC GeoJSON", "fr": "le GeoJSON de la BNLC"},
        kit_name="bnlc.geojson",
        french_only=True,
        handed_as="BNLC_URL",  # parking reads the file where it reads the base's address
        switch="CARPOOL",
        licence=ODBL[0], licence_url=ODBL[1],
        attribution={"en": "Base nationale des lieux de covoiturage, transport.data.gouv.fr",
                     "fr": "Base nationale des lieux de covoiturage, transport.data.gouv.fr"},
        url="https://transport.data.gouv.fr/datasets/base-nationale-des-lieux-de-covoiturage",
    ),
    Source(
        id="acceslibre",
        title={"en": "Accessibility of public buildings (Acceslibre)",
               "fr": "Accessibilité des ERP (Acceslibre)"},
        parameter="ACCESLIBRE",
        url_parameter="ACCESLIBRE_API_URL",
        online=True,  # its API, by commune (qgis_io.sources.acceslibre_online); a kit keeps it as an export
        fetcher="fetch_acceslibre",
        offline_file={"en": "Acceslibre's CSV export (data.gouv.fr)", "fr": "l’export CSV d’Acceslibre "
                      "(data.gouv.fr)"},
        kit_name="acceslibre.csv",
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "Acceslibre, ministère de la Transition écologique",
                     "fr": "Acceslibre, ministère de la Transition écologique"},
        url="https://www.data.gouv.fr/fr/datasets/acceslibre/",
    ),
    Source(
        id="population",
        title={"en": "Population grid", "fr": "Carroyage de population"},
        parameter="POPULATION",
        offline_file={"en": "a population layer (e.g. INSEE Filosofi 200 m grid)",
                      "fr": "une couche de population (p. ex. carreaux Filosofi de l’Insee)"},
        kit_name="population.gpkg",
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "INSEE, Filosofi gridded data", "fr": "Insee, données carroyées Filosofi"},
        url="https://www.insee.fr/fr/statistiques/7655475",
    ),
    Source(
        id="census",
        title={"en": "Census key figures", "fr": "Chiffres clés du recensement"},
        parameter="CENSUS",
        url_parameter="CENSUS_URL",
        online=True,  # INSEE's latest comparateur zip, when asked: the bundled tables are the default
        asked_only=True,
        fetcher="fetch_census",
        offline_file={"en": "a newer official INSEE file", "fr": "un fichier Insee officiel plus récent"},
        kit_name="census.zip",
        french_only=True,
        bundled=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "INSEE, population census", "fr": "Insee, recensement de la population"},
        url="https://www.insee.fr/fr/statistiques/2521169",
    ),
    Source(
        id="flows",
        title={"en": "Home-to-work flows (MOBPRO)", "fr": "Déplacements domicile-travail (MOBPRO)"},
        parameter="FLOWS",
        url_parameter="MOBPRO_URL",
        online=True,  # INSEE's national zip (cached), of which the territory's rows are kept
        fetcher="fetch_flows",
        offline_file={"en": "the INSEE MOBPRO file", "fr": "le fichier MOBPRO de l’Insee"},
        kit_name="mobpro.csv",  # the territory's rows, in the official layout
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "INSEE, MOBPRO flows", "fr": "Insee, flux de mobilité MOBPRO"},
        url="https://www.insee.fr/fr/statistiques/8582949",
    ),
    Source(
        id="communes",
        title={"en": "Commune centres", "fr": "Centres des communes"},
        parameter="COMMUNES",  # the commuting theme's commune layer (outlines or centres)
        online=True,  # geo.api.gouv.fr, the communes the flows name (after them: it reads their file)
        fetcher="fetch_centres",
        offline_file={"en": "a commune layer with INSEE codes (outlines or centres)",
                      "fr": "une couche des communes avec leur code Insee (contours ou centres)"},
        kit_name="communes_centres.geojson",
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "IGN and INSEE, via geo.api.gouv.fr (API Découpage administratif)",
                     "fr": "IGN et Insee, via geo.api.gouv.fr (API Découpage administratif)"},
        url="https://geo.api.gouv.fr/decoupage-administratif",
    ),
    Source(
        id="carpool_trips",
        title={"en": "Carpool trips (carpool proof register)",
               "fr": "Trajets en covoiturage (registre de preuve de covoiturage)"},
        parameter="CARPOOL_TRIPS",
        url_parameter="RPC_URL",
        online=True,  # the last months' national files (cached), kept to the commune's rows (core.carpool)
        fetcher="fetch_carpool_trips",
        offline_file={"en": "the register's monthly CSV files (or their folder)",
                      "fr": "les fichiers CSV mensuels du registre (ou leur dossier)"},
        kit_name="covoiturage_rpc.csv",
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "Registre de preuve de covoiturage (DGITM, beta.gouv.fr), data.gouv.fr",
                     "fr": "Registre de preuve de covoiturage (DGITM, beta.gouv.fr), data.gouv.fr"},
        url="https://www.data.gouv.fr/fr/datasets/trajets-realises-en-covoiturage-registre-de-preuve-de-covoiturage/",
    ),
    Source(
        id="crashes",
        title={"en": "Road injury crashes (ONISR BAAC)", "fr": "Accidents corporels (BAAC de l’ONISR)"},
        parameter="CRASHES",
        url_parameter="BAAC_URL",
        online=True,  # fetched by its theme in diagnose (national tables, cached); the kit copies them
        fetcher="",
        offline_file={"en": "the folder of yearly BAAC files", "fr": "le dossier des fichiers BAAC annuels"},
        kit_name="baac",
        folder=True,
        french_only=True,
        licence=LO[0], licence_url=LO[1],
        attribution={"en": "ONISR, road injury crash files (BAAC), data.gouv.fr",
                     "fr": "ONISR, bases des accidents corporels (BAAC), data.gouv.fr"},
        url="https://www.data.gouv.fr/fr/datasets/53698f4ca3a729239d2036df/",
    ),
)  # fmt: skip


def sources() -> tuple[Source, ...]:
    return SOURCES


def source(source_id: str) -> Source:
    for row in SOURCES:
        if row.id == source_id:
            return row
    raise KeyError(source_id)


def by_parameter(parameter: str) -> Optional[Source]:
    return next((row for row in SOURCES if row.parameter and row.parameter == parameter), None)


def themes_of(row: Source) -> tuple[str, ...]:
    """The themes that read the source: every theme for OSM, else the theme rows naming its parameter."""
    if not row.parameter:
        return tuple(t.id for t in themes())
    return tuple(t.id for t in themes() if row.parameter in t.inputs)


def is_online_word(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in ONLINE_WORDS


# -- statuses -------------------------------------------------------------------------------------------
USED, BUNDLED, NOT_GIVEN, OFFLINE, NOT_APPLICABLE, NOT_FOUND, FAILED = (
    "used", "bundled", "not_given", "offline", "not_applicable", "not_found", "failed",
)  # fmt: skip
STATES = (USED, BUNDLED, NOT_GIVEN, OFFLINE, NOT_APPLICABLE, NOT_FOUND, FAILED)

STATE_TEXT = {
    "en": {
        USED: "used",
        BUNDLED: "used (tables shipped with the plugin)",
        NOT_GIVEN: "not used: no file given",
        OFFLINE: "not available offline",
        NOT_APPLICABLE: "not for this territory (French communes only)",
        NOT_FOUND: "not found for this territory",
        FAILED: "failed",
    },
    "fr": {
        USED: "utilisée",
        BUNDLED: "utilisée (tables fournies avec l’extension)",
        NOT_GIVEN: "non utilisée : aucun fichier donné",
        OFFLINE: "non disponible hors ligne",
        NOT_APPLICABLE: "sans objet pour ce territoire (communes françaises seulement)",
        NOT_FOUND: "introuvable pour ce territoire",
        FAILED: "échec",
    },
}
HOW_TEXT = {
    "en": {"file": "file {name}", "online": "online", "kit": "offline kit ({name})", "bundled": "bundled",
           "demo": "file shipped with the demo"},
    "fr": {"file": "fichier {name}", "online": "en ligne", "kit": "kit hors ligne ({name})",
           "bundled": "fournie", "demo": "fichier fourni avec la démo"},
}  # fmt: skip
# A demo's own file (resources/demo, named in demos.json's "inputs"): the state says so in the report's
# "Sources" page, where a user's file name would be noise.
SHOWN_HOW = ("demo",)


@dataclass(frozen=True)
class SourceStatus:
    source: str  # Source.id
    state: str  # one of STATES
    how: str = ""  # "file", "online", "kit", "bundled", "demo" (how a used source was had)
    name: str = ""  # the file's name, or the feed's title
    vintage: str = ""  # the data's date (a feed's update, a file's date, the day it was fetched)
    detail: str = ""  # why (a failure's message, what was found)
    publisher: str = ""  # one item of a source had as several (a GTFS feed): who publishes it
    licence: str = ""  # … and its own licence, when the source's row says each has the publisher's

    def as_dict(self) -> dict:
        return asdict(self)


def status_from_dict(data: Mapping) -> SourceStatus:
    return SourceStatus(**{k: str(data.get(k) or "") for k in SourceStatus.__dataclass_fields__})


def status_text(status: SourceStatus, lang: str) -> str:
    """One line: "Education directory: used — online, 2026-12-04 (Licence Ouverte 2.0)"."""
    row = source(status.source)
    texts = STATE_TEXT.get(lang, STATE_TEXT["en"])
    colon = "\u00a0:" if lang == "fr" else ":"
    line = f"{row.text(lang)}{colon} {texts[status.state]}"
    if status.state in (USED, BUNDLED):
        how = HOW_TEXT.get(lang, HOW_TEXT["en"]).get(status.how, "").format(name=status.name)
        item = item_text(status, lang) if status.how == "online" else ""
        facts = [f for f in (how if status.how != "bundled" else "", item, status.vintage) if f]
        if facts:
            line += " — " + ", ".join(facts)
        licence = licence_of(status, lang)
        if licence:
            line += f" ({licence})"
    if status.detail:
        line += f" — {status.detail}"
    return line


def item_text(status: SourceStatus, lang: str) -> str:
    """An item of a source had as several (a GTFS feed): « its name » (its publisher); "" otherwise."""
    if not status.publisher:
        return ""
    name = f"«\u00a0{status.name}\u00a0»" if lang == "fr" else f"“{status.name}”"
    return f"{name} ({status.publisher})" if status.publisher != status.name else name


def licence_of(status: SourceStatus, lang: str) -> str:
    """The item's own licence (a feed's, from the access point), else the source's."""
    return status.licence or source(status.source).licence_text(lang)


def state_text(status: SourceStatus, lang: str) -> str:
    """The state in words: "used", and "used (file shipped with the demo)" for a demo's own file."""
    text = STATE_TEXT.get(lang, STATE_TEXT["en"])[status.state]
    if status.state == USED and status.how in SHOWN_HOW:
        text += f" ({HOW_TEXT.get(lang, HOW_TEXT['en'])[status.how]})"
    return text


def status_rows(statuses: Iterable[SourceStatus], lang: str) -> list[dict]:
    """The rows of the report's "Sources" page and the package's list: one per source, in registry order,
    with its status, vintage, licence and attribution in ``lang``."""
    order = {row.id: i for i, row in enumerate(SOURCES)}
    out = []
    for status in sorted(statuses, key=lambda s: order.get(s.source, len(order))):
        row = source(status.source)
        out.append(
            {
                "source": row.id,
                "title": row.text(lang) + (f" — {item_text(status, lang)}" if status.publisher else ""),
                "state": status.state,
                "status": state_text(status, lang),
                "how": status.how,
                "name": status.name,
                "vintage": status.vintage,
                "licence": licence_of(status, lang),
                "licence_url": row.licence_url,
                "attribution": pick(row.attribution, lang),
                "url": row.url,
                "detail": status.detail,
                "text": status_text(status, lang),
                "themes": list(themes_of(row)),
            }
        )
    return out


# -- what a run does with a source ----------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    action: str  # "file" (use ``value``), "fetch" (online before the themes), "hand_on" (the theme fetches),
    # "bundled", or "skip" (``state`` says why)
    value: str = ""
    how: str = ""
    state: str = ""


def decide(
    row: Source,
    value: str,
    territory_code: str,
    mode: str,
    kit_file: str = "",
    kit_status: Optional[SourceStatus] = None,
) -> Decision:
    """The rule, in order: a user's file; the word "online" (always tried); an offline kit's file, or what
    the kit found when it was made; online when the mode allows (auto and online modes; never unasked for a
    source whose online form is ``asked_only``) and the territory is one the source covers; the bundled
    tables; else nothing (not given, or not available offline)."""
    value = (value or "").strip()
    french = is_insee_code(territory_code or "")
    if value and not is_online_word(value):
        return Decision("file", value, "file")
    asked_online = is_online_word(value)
    if not asked_online and kit_file:
        return Decision("file", kit_file, "kit")
    if not asked_online and kit_status is not None:
        return Decision("skip", state=kit_status.state if kit_status.state != USED else OFFLINE)
    by_default = mode in (MODE_AUTO, MODE_ONLINE) and not row.asked_only
    if row.online and (asked_online or by_default) and not kit_status:
        if row.french_only and not french:
            return Decision("skip", state=NOT_APPLICABLE)
        return Decision("fetch" if row.fetcher else "hand_on", ONLINE, "online")
    if row.bundled and (french or not row.french_only):
        return Decision("bundled", "", "bundled")
    if row.online and mode == MODE_OFFLINE:
        if row.french_only and not french:
            return Decision("skip", state=NOT_APPLICABLE)
        return Decision("skip", state=OFFLINE)
    return Decision("skip", state=NOT_GIVEN)


def online_allowed(mode: str, offline_setting: bool) -> str:
    """The mode a run uses: "auto" is online unless the plugin is set to work offline."""
    if mode == MODE_AUTO:
        return MODE_OFFLINE if offline_setting else MODE_ONLINE
    return mode


def chosen_sources(chosen_themes: Sequence[str]) -> list[Source]:
    """The sources the chosen themes read (OSM always)."""
    return [row for row in SOURCES if not row.parameter or set(themes_of(row)) & set(chosen_themes)]


# -- texts ----------------------------------------------------------------------------------------------
MESSAGES = {
    "en": {
        "no_schools": "the directory lists no establishment for commune {code}",
        "no_acceslibre": "Acceslibre lists no establishment for commune {code}",
        "no_flows": "INSEE's flows file has no row from or to commune {code}",
        "needs_flows": "only with the home-to-work flows, which this run does not have",
        "no_centres": "geo.api.gouv.fr knows none of the {count} communes the flows name",
        "handed_on": "fetched by its theme (see its messages)",
        "theme_only": "only its theme fetches it, online: not carried in the kit",
        "fetching": "Fetching {title} online …",
        "no_answer": "no answer in {seconds} s",
        "licences_title": "# Sources of this offline kit and their licences",
        "licences_intro": "Each file below keeps its producer's licence: credit the producer when you reuse it.",
    },
    "fr": {
        "no_schools": "l’annuaire ne liste aucun établissement pour la commune {code}",
        "no_acceslibre": "Acceslibre ne liste aucun établissement pour la commune {code}",
        "no_flows": "le fichier de flux de l’Insee n’a aucune ligne depuis ou vers la commune {code}",
        "needs_flows": "seulement avec les flux domicile-travail, que cette exécution n’a pas",
        "no_centres": "geo.api.gouv.fr ne connaît aucune des {count} communes nommées par les flux",
        "handed_on": "téléchargée par son thème (voir ses messages)",
        "theme_only": "seul son thème la télécharge, en ligne\u00a0: absente du kit",
        "fetching": "Téléchargement en ligne\u00a0: {title} …",
        "no_answer": "pas de réponse en {seconds}\u00a0s",
        "licences_title": "# Sources de ce kit hors ligne et leurs licences",
        "licences_intro": "Chaque fichier ci-dessous garde la licence de son producteur\u00a0: citez-le en cas "
        "de réutilisation.",
    },
}


def lang_of(lang: str) -> str:
    return lang if lang in MESSAGES else "en"


def handed_on_text(lang: str) -> str:
    return MESSAGES[lang_of(lang)]["handed_on"]


def theme_only_text(lang: str) -> str:
    return MESSAGES[lang_of(lang)]["theme_only"]


def no_answer_text(seconds: float, lang: str) -> str:
    shown = f"{seconds:g}"
    return MESSAGES[lang_of(lang)]["no_answer"].format(
        seconds=shown.replace(".", ",") if lang == "fr" else shown
    )


def fetching_text(row: Source, lang: str) -> str:
    return MESSAGES[lang_of(lang)]["fetching"].format(title=row.text(lang))


def licences_text(statuses: Iterable[SourceStatus], lang: str = "fr") -> str:
    """LICENCES.md of an offline kit: every source with its status, licence and attribution, in French then
    English (a workshop kit goes from hand to hand)."""
    parts = []
    for language in ("fr", "en"):
        texts = MESSAGES[language]
        lines = [texts["licences_title"], "", texts["licences_intro"], ""]
        for row in status_rows(statuses, language):
            lines.append(f"- **{row['title']}** — {row['status']}")
            if row["licence"]:
                lines.append(f"  {row['licence']} {row['licence_url']}".rstrip())
            lines.append(f"  {row['attribution']} — {row['url']}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# -- in the diagnosis GeoPackage (table ``about``), so a re-exported package keeps them --------------------
ABOUT_KEY = "sources"


def statuses_json(statuses: Iterable[SourceStatus]) -> str:
    import json

    return json.dumps([s.as_dict() for s in statuses], ensure_ascii=False)


def statuses_from_json(text: Optional[str]) -> list[SourceStatus]:
    """The statuses stored by ``statuses_json``; nothing for an older diagnosis or an unreadable value."""
    import json

    try:
        data = json.loads(text or "[]")
    except ValueError:
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        if (
            isinstance(item, dict)
            and item.get("source") in {row.id for row in SOURCES}
            and item.get("state") in STATES
        ):
            out.append(status_from_dict(item))
    return out
