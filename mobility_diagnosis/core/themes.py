"""The registry of themes: one row per theme, the only list of themes in the plugin.

Every module that needs to know the themes (``diagnose``'s THEMES enum, the provider's algorithms, the
scheduler, the report, the package, the dock, the comparison of many territories) reads them from here,
so adding a theme is its own modules, its styles and one row below (docs/ARCHITECTURE.md "How to add a
theme"). Rows are in the order of the ``THEMES`` enum of ``diagnose`` and ``diagnosemany``, which
INTERFACE.md promises: a new theme is appended at the end, never inserted.

Readers look the rows up at call time (``themes()``, ``theme()``, ``layer_theme()``), never copy them
at import, so a row added at run time (the add-a-theme test) is seen everywhere. Pure: no QGIS import;
texts are in French and English side by side and chosen by language (the QGIS side picks the language
of its translator, ``i18n.ui_language``), so the French UI stays French without Qt's translation files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from . import readings as theme_readings
from .readings import ReadingTemplate, Variant  # noqa: F401  (the registry's types, importable from here)

PROVIDER = "mobilitydiagnosis"
LANGS = ("fr", "en")


@dataclass(frozen=True)
class ThemeLayer:
    """One output layer (INTERFACE.md "Theme outputs"): its title and abstract, written into the layer
    metadata and the datapackage; ``resources/styles/<name>.qml`` is its style."""

    name: str
    title: Mapping[str, str]  # {"en": …, "fr": …}
    abstract: Mapping[str, str]
    # The report's maps carry one message each (issue 16): a layer that would blur it stays off the map and
    # its legend (its figures stay in the page's table), or shows only while it has few features.
    on_report_map: bool = True  # False: left off the report's maps
    report_map_limit: int = 0  # > 0: on the report's map only up to this many features (0: always)


@dataclass(frozen=True)
class NationalFile:
    """A national-schema file the theme writes into the package through one of its parameters."""

    parameter: str  # the theme algorithm's file-destination parameter
    file_name: str  # its name in the package (INTERFACE.md "Shareable package folder")
    french_only: bool  # written for French communes (an INSEE code) only
    description: Mapping[str, str]  # the package's file list and datapackage.json
    # What a file with no row means (the schema's fields are still there): said beside it in the package
    empty: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Theme:
    id: str  # the theme column of ``indicators``, the file name of its GeoPackage in ``diagnose``
    algorithm_id: str  # its Processing algorithm (INTERFACE.md)
    module: str  # processing/<module>.py holds the algorithm …
    algorithm_class: str  # … as this class (processing/algorithms.py builds the provider's list)
    title: Mapping[str, str]  # short title: report pages, package, THEMES enum options
    label: Mapping[str, str]  # the dock's and the layer tree's name of the theme
    summary: Mapping[str, str]  # one sentence saying what it shows (dock tooltip)
    layers: tuple[ThemeLayer, ...]  # output layers, in the order the report's legend lists them
    main_layer: str  # the layer its indicators are read on (clicking one in the dock selects it)
    indicator_layers: tuple[tuple[str, str], ...] = ()  # (indicator id prefix, layer): read on another layer
    headline: str = ""  # the indicator the report's summary page reads first
    better: Mapping[str, str] = field(default_factory=dict)  # indicator → "higher"/"lower": ranked in many
    readings: tuple[ReadingTemplate, ...] = ()  # report sentences; none: its first figures read generically
    cost: float = 1.0  # relative computing time, for the scheduler (core.scheduling)
    territory_layers: tuple[str, ...] = ()  # the territory GeoPackage layers it needs
    national_files: tuple[NationalFile, ...] = ()
    inputs: tuple[str, ...] = ()  # ``diagnose`` parameters handed on to it under the same name
    online_inputs: tuple[str, ...] = ()  # of those, the ones that may say "online": it then runs here
    late_map: bool = False  # its report map is drawn once every theme is in (a slow map: see diagnose)
    cover_map: bool = False  # the report's cover shows its map
    main_process: bool = False  # never sent to diagnose's helper process (which knows the shipped rows only)
    help_anchor: str = ""  # README section of its help

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)

    def text(self, which: str, lang: str) -> str:
        """``title``, ``label`` or ``summary`` in ``lang`` (English for another language)."""
        return pick(getattr(self, which), lang)


def pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang if lang in LANGS else "en") or texts.get("en", "")


# One row per theme, in the THEMES enum order (INTERFACE.md). Sources of each value: the layer texts and
# indicators come from each theme's docs (docs/cycling.md, docs/accessibility.md, docs/parking.md,
# docs/schools.md); ``better`` from DOMAIN.md (low stress, coverage, accessibility, bike parking at
# destinations are what a diagnosis measures; counts and lengths grow with the territory and are not
# ranked); ``cost`` measured on Heidelberg with its GTFS (cycling counts its report map, the longest to
# draw: finished first, it is drawn while the other themes compute).
THEMES: tuple[Theme, ...] = (
    Theme(
        id="cycling",
        algorithm_id="mobilitydiagnosis:cycling",
        module="cycling",
        algorithm_class="CyclingAlgorithm",
        title={"en": "Cycling", "fr": "Vélo"},
        label={"en": "Cycling", "fr": "Vélo"},
        summary={
            "en": "Streets rated by cycling traffic stress, the low-stress islands and the gaps between them.",
            "fr": "Les rues classées par niveau de stress cycliste, les îlots apaisés et les discontinuités qui les "
            "séparent.",
        },
        layers=(
            ThemeLayer(
                "cycling_segments",
                {
                    "en": "Cycling: streets by Level of Traffic Stress",
                    "fr": "Vélo : rues par niveau de stress",
                },
                {
                    "en": "Every street and path with its cycle facilities per side and its Level of Traffic Stress "
                    "(1 = suitable for children … 4 = strong and fearless, 0 = cycling not allowed), with the "
                    "rule applied and the reason in words.",
                    "fr": "Chaque rue et chemin avec ses aménagements cyclables par côté et son niveau de stress "
                    "cycliste (1 = adapté aux enfants … 4 = cyclistes aguerris, 0 = vélo interdit), avec la "
                    "règle appliquée et son explication.",
                },
            ),
            ThemeLayer(
                "cycling_islands",
                {"en": "Cycling: low-stress islands", "fr": "Vélo : îlots apaisés"},
                {
                    "en": "Connected parts of the low-stress network (LTS 1–2): within an island one can ride without"
                    " stress.",
                    "fr": "Parties connexes du réseau apaisé (niveaux 1–2) : dans un îlot, on circule sans stress.",
                },
                on_report_map=False,  # under the streets by stress, which say the same
            ),
            ThemeLayer(
                "cycling_gaps",
                {"en": "Cycling: gaps", "fr": "Vélo : discontinuités"},
                {
                    "en": "Short high-stress links whose improvement would join low-stress islands or reach a "
                    "destination.",
                    "fr": "Courts tronçons stressants dont l’aménagement relierait des îlots apaisés ou une "
                    "destination.",
                },
            ),
        ),
        main_layer="cycling_segments",
        indicator_layers=(("island", "cycling_islands"), ("gap", "cycling_gaps")),
        headline="share_lts_le2",
        better={"share_lts_le2": "higher", "largest_island_share": "higher", "share_no_speed_tag": "lower"},
        readings=theme_readings.CYCLING,
        cost=1.7,
        territory_layers=("streets",),
        national_files=(
            NationalFile(
                "BNAC",
                "amenagements_cyclables.geojson",
                french_only=True,
                description={
                    "en": "Cycle facilities in the national schema (BNAC, etalab).",
                    "fr": "Aménagements cyclables au schéma national (BNAC, etalab).",
                },
                empty={
                    "en": "empty: no cycle facility (lane, track, contraflow…) is mapped in OpenStreetMap in "
                    "the territory",
                    "fr": "vide : aucun aménagement cyclable (bande, piste, double sens…) n’est cartographié "
                    "dans OpenStreetMap sur le territoire",
                },
            ),
        ),
        late_map=True,
        cover_map=True,
        help_anchor="cycling",
    ),
    Theme(
        id="accessibility",
        algorithm_id="mobilitydiagnosis:accessibility",
        module="accessibility",
        algorithm_class="AccessibilityAlgorithm",
        title={"en": "Accessibility", "fr": "Accessibilité"},
        label={
            "en": "Walking, transit and accessibility",
            "fr": "Marche, transports en commun et accessibilité",
        },
        summary={
            "en": "Walking distance to stops and schools, transit service and access for disabled people.",
            "fr": "La distance à pied aux arrêts et aux écoles, la desserte et l’accès des personnes handicapées.",
        },
        layers=(
            ThemeLayer(
                "walk_access",
                {
                    "en": "Accessibility: walking distance to stops and schools",
                    "fr": "Accessibilité : distance à pied aux arrêts et écoles",
                },
                {
                    "en": "Walking distance on the street network from homes to the nearest stop and school.",
                    "fr": "Distance à pied sur le réseau depuis les logements jusqu’à l’arrêt et l’école les plus "
                    "proches.",
                },
            ),
            ThemeLayer(
                "stop_access",
                {"en": "Accessibility: transit stops", "fr": "Accessibilité : arrêts de transport"},
                {
                    "en": "Transit stops and their accessibility for wheelchair users as mapped in OpenStreetMap.",
                    "fr": "Arrêts de transport en commun et leur accessibilité en fauteuil roulant d’après "
                    "OpenStreetMap.",
                },
            ),
            ThemeLayer(
                "transit_service",
                {"en": "Accessibility: transit service", "fr": "Accessibilité : desserte"},
                {
                    "en": "Departures per stop from the GTFS timetable; frequent stops are flagged.",
                    "fr": "Départs par arrêt d’après les horaires GTFS ; les arrêts à haute fréquence sont signalés.",
                },
                on_report_map=False,  # the stops again: stop_access shows them; departures in the table
            ),
            ThemeLayer(
                "walk_catchments",
                {"en": "Accessibility: walking catchments", "fr": "Accessibilité : zones accessibles à pied"},
                {
                    "en": "The street network within walking distance of each stop, school and service, with the "
                    "destination it leads to.",
                    "fr": "Le réseau de rues à distance de marche de chaque arrêt, école et service, avec la "
                    "destination qu’il dessert.",
                },
                on_report_map=False,
            ),
            ThemeLayer(
                "crossing_access",
                {
                    "en": "Accessibility: crossings for disabled people",
                    "fr": "Accessibilité : traversées pour les personnes handicapées",
                },
                {
                    "en": "Pedestrian crossings with their kerbs and tactile paving, as mapped in OpenStreetMap.",
                    "fr": "Passages piétons avec leurs bordures et bandes podotactiles, tels que cartographiés dans "
                    "OpenStreetMap.",
                },
                report_map_limit=60,  # a few crossings read on the map; hundreds hide the walk access
            ),
            ThemeLayer(
                "sidewalk_gaps",
                {
                    "en": "Accessibility: streets without sidewalk information",
                    "fr": "Accessibilité : rues sans information de trottoir",
                },
                {
                    "en": "Urban streets where OpenStreetMap does not say whether there is a sidewalk: mapping work.",
                    "fr": "Rues urbaines où OpenStreetMap ne dit pas s’il y a un trottoir : travail de cartographie.",
                },
                on_report_map=False,  # mapping work: dashed lines over the whole map (in the table)
            ),
            ThemeLayer(
                "public_buildings_access",
                {
                    "en": "Accessibility: public buildings near stops and schools",
                    "fr": "Accessibilité : établissements recevant du public près des arrêts et écoles",
                },
                {
                    "en": "Public buildings of Acceslibre within a 300 m walk of a stop or a school: step-free "
                    "entrance, step-free outside path and parking for disabled people (yes, no, or unknown when "
                    "not described).",
                    "fr": "Établissements recevant du public d’Acceslibre à moins de 300 m à pied d’un arrêt ou "
                    "d’une école : entrée sans marche, cheminement extérieur sans marche et stationnement adapté "
                    "(oui, non, ou inconnu quand ce n’est pas renseigné).",
                },
                report_map_limit=60,
            ),
        ),
        main_layer="walk_access",
        indicator_layers=(
            ("stop", "stop_access"),
            ("wheelchair", "stop_access"),
            ("departures", "transit_service"),
            ("frequent", "transit_service"),
            ("public_buildings", "public_buildings_access"),
        ),
        headline="share_within_300m_stop",
        better={
            "share_within_300m_stop": "higher",
            "share_within_500m_stop": "higher",
            "share_within_300m_frequent_stop": "higher",
            "share_within_500m_frequent_stop": "higher",
            "median_dist_stop_m": "lower",
            "median_dist_school_m": "lower",
            "share_stops_wheelchair_yes": "higher",
            "share_stops_wheelchair_no": "lower",
            "share_stops_wheelchair_unknown": "lower",
            "share_crossings_lowered_kerb": "higher",
            "share_crossings_kerb_unknown": "lower",
            "public_buildings_step_free_entrance_share": "higher",
            "public_buildings_entrance_unknown_share": "lower",
            "public_buildings_disabled_parking_share": "higher",
            "public_buildings_parking_unknown_share": "lower",
        },
        readings=theme_readings.ACCESSIBILITY,
        cost=1.3,
        territory_layers=("streets", "transit_stops", "schools", "crossings", "buildings", "pois"),
        inputs=("GTFS", "ACCESLIBRE", "POPULATION", "POPULATION_FIELD"),
        online_inputs=("GTFS", "ACCESLIBRE"),
        help_anchor="accessibility",
    ),
    Theme(
        id="parking",
        algorithm_id="mobilitydiagnosis:parking",
        module="parking",
        algorithm_class="ParkingAlgorithm",
        title={"en": "Parking", "fr": "Stationnement"},
        label={"en": "Parking", "fr": "Stationnement"},
        summary={
            "en": "Car and bike parking supply, and the destinations without bike parking nearby.",
            "fr": "L’offre de stationnement voiture et vélo, et les destinations sans stationnement vélo à proximité.",
        },
        layers=(
            ThemeLayer(
                "parking_supply",
                {"en": "Parking: supply", "fr": "Stationnement : offre"},
                {
                    "en": "Car parks, on-street parking and bike parking with their capacity (tagged or estimated).",
                    "fr": "Parkings, stationnement sur voirie et stationnement vélo avec leur capacité (renseignée ou"
                    " estimée).",
                },
            ),
            ThemeLayer(
                "bike_parking_gaps",
                {"en": "Parking: bike-parking gaps", "fr": "Stationnement : manques de stationnement vélo"},
                {
                    "en": "Destinations (schools, stops, shops, services) without bike parking nearby.",
                    "fr": "Destinations (écoles, arrêts, commerces, services) sans stationnement vélo à proximité.",
                },
                report_map_limit=60,  # hundreds of red rings hide the parking supply (the message)
            ),
        ),
        main_layer="parking_supply",
        indicator_layers=(("bike_parking_gap", "bike_parking_gaps"),),
        headline="destinations_with_bike_parking_share",
        better={"bike_spaces_per_1000": "higher", "destinations_with_bike_parking_share": "higher"},
        readings=theme_readings.PARKING,
        cost=0.8,
        territory_layers=("car_parking", "bike_parking", "streets"),
        national_files=(
            NationalFile(
                "CSV_OUTPUT",
                "stationnement_cyclable.csv",
                french_only=False,
                description={
                    "en": "Bike parking in the national schema (etalab/schema-stationnement-cyclable).",
                    "fr": "Stationnement vélo au schéma national (etalab/schema-stationnement-cyclable).",
                },
                empty={
                    "en": "empty: no bike parking is mapped in OpenStreetMap in the territory",
                    "fr": "vide : aucun stationnement vélo n’est cartographié dans OpenStreetMap sur le territoire",
                },
            ),
        ),
        inputs=("CARPOOL",),  # diagnose's CARPOOL (a file or "online": core.sources) turns parking's on
        online_inputs=("CARPOOL",),
        help_anchor="parking",
    ),
    Theme(
        id="schools",
        algorithm_id="mobilitydiagnosis:schools",
        module="schools",
        algorithm_class="SchoolsAlgorithm",
        title={"en": "Schools", "fr": "Écoles"},
        label={"en": "School mobility", "fr": "Mobilité scolaire"},
        summary={
            "en": "Each school’s surroundings: calm streets, bike access and parking, school-street candidates.",
            "fr": "Les abords de chaque école : rues apaisées, accès et stationnement vélo, rues scolaires possibles.",
        },
        layers=(
            ThemeLayer(
                "school_diagnosis",
                {"en": "Schools: diagnosis per school", "fr": "Écoles : diagnostic par établissement"},
                {
                    "en": "Calm streets, bike parking, low-stress cycling access, crossings and stops around each "
                    "school.",
                    "fr": "Rues apaisées, stationnement vélo, accès cyclable sans stress, traversées et arrêts autour"
                    " de chaque école.",
                },
            ),
            ThemeLayer(
                "school_street_candidates",
                {"en": "Schools: school-street candidates", "fr": "Écoles : rues scolaires possibles"},
                {
                    "en": "Low-importance streets along which a school entrance lies: candidates for a school street.",
                    "fr": "Rues de desserte le long desquelles se trouve une entrée d’école : candidates à une rue "
                    "scolaire.",
                },
            ),
            ThemeLayer(
                "school_directory_gaps",
                {"en": "Schools: directory gaps", "fr": "Écoles : écarts avec l’annuaire"},
                {
                    "en": "Schools found in the national directory but not in OpenStreetMap, and the reverse.",
                    "fr": "Établissements de l’annuaire de l’éducation absents d’OpenStreetMap, et inversement.",
                },
            ),
        ),
        main_layer="school_diagnosis",
        indicator_layers=(("school_street", "school_street_candidates"),),
        headline="share_calm_streets",
        better={
            "share_calm_streets": "higher",
            "share_low_stress_cycling": "higher",
            "share_bike_parking": "higher",
            "mean_score": "higher",
        },
        readings=theme_readings.SCHOOLS,
        cost=1.6,
        territory_layers=("streets", "schools"),
        inputs=("SCHOOLS_DIRECTORY",),
        online_inputs=("SCHOOLS_DIRECTORY",),
        help_anchor="school-mobility",
    ),
    Theme(
        id="safety",
        algorithm_id="mobilitydiagnosis:safety",
        module="safety",
        algorithm_class="SafetyAlgorithm",
        title={"en": "Road safety", "fr": "Sécurité routière"},
        label={"en": "Road safety", "fr": "Sécurité routière"},
        summary={
            "en": "Injury crashes of the national files (ONISR) matched to streets, crossed with cycling stress and"
            " schools.",
            "fr": "Les accidents corporels des fichiers nationaux (ONISR) rattachés aux rues, croisés avec le stress"
            " cycliste et les écoles.",
        },
        layers=(
            ThemeLayer(
                "road_crashes",
                {"en": "Road safety: injury crashes", "fr": "Sécurité routière : accidents corporels"},
                {
                    "en": "One point per injury crash (ONISR BAAC files) with its date, severity, the users "
                    "involved and the street it was matched to.",
                    "fr": "Un point par accident corporel (fichiers BAAC de l’ONISR) avec sa date, sa gravité, les "
                    "usagers impliqués et la rue à laquelle il est rattaché.",
                },
            ),
            ThemeLayer(
                "crash_streets",
                {"en": "Road safety: streets with crashes", "fr": "Sécurité routière : rues accidentées"},
                {
                    "en": "Streets crashes were matched to; act_here_first marks those with a crash involving a "
                    "cyclist and a cycling stress of 3 or more.",
                    "fr": "Rues auxquelles des accidents sont rattachés ; act_here_first signale celles où un "
                    "cycliste a été accidenté et dont le stress cycliste est de 3 ou plus.",
                },
            ),
        ),
        main_layer="road_crashes",
        indicator_layers=(("act_here_first", "crash_streets"),),
        headline="crashes_per_year",
        better={
            "crashes_per_1000": "lower",
            "casualties_per_1000": "lower",
            "pedestrians_severe": "lower",
            "cyclists_severe": "lower",
            "crashes_near_schools": "lower",
            "act_here_first_streets": "lower",
        },
        readings=theme_readings.SAFETY,
        cost=0.6,
        territory_layers=("streets",),
        inputs=("CRASHES", "YEARS"),
        online_inputs=("CRASHES",),
        help_anchor="road-safety",
    ),
    Theme(
        id="profile",
        algorithm_id="mobilitydiagnosis:profile",
        module="profile",
        algorithm_class="ProfileAlgorithm",
        title={"en": "Territory profile", "fr": "Profil du territoire"},
        label={"en": "Territory profile (census)", "fr": "Profil du territoire (recensement)"},
        summary={
            "en": "Key census figures of the commune (people, households, jobs, cars, travel to work) beside its "
            "département, France and communes of the same density.",
            "fr": "Les chiffres clés du recensement de la commune (habitants, ménages, emplois, voitures, trajets "
            "domicile-travail) à côté de son département, de la France et des communes de même densité.",
        },
        layers=(
            ThemeLayer(
                "territory_profile",
                {"en": "Profile: key census figures", "fr": "Profil : chiffres clés du recensement"},
                {
                    "en": "The territory with its INSEE census figures (population, density, households, jobs, "
                    "activity, car ownership, travel to work). Source : INSEE, comparateur de territoires "
                    "(census 2018) and statistiques locales (census 2021), or the newer file given; Licence "
                    "Ouverte / Etalab.",
                    "fr": "Le territoire avec ses chiffres du recensement de l’INSEE (population, densité, ménages, "
                    "emplois, activité, équipement automobile, déplacements domicile-travail). Source : INSEE, "
                    "comparateur de territoires (recensement 2018) et statistiques locales (recensement 2021), "
                    "ou le fichier plus récent donné ; Licence Ouverte / Etalab.",
                },
                # the page's map locates the territory: its outline on the background (buildings, green
                # spaces, water) shows where people live, which this one polygon would hide
                on_report_map=False,
            ),
            ThemeLayer(
                "profile_references",
                {"en": "Profile: references", "fr": "Profil : références"},
                {
                    "en": "Each census figure beside its département, France and the communes of the same density "
                    "class (ratios of sums). Source : INSEE; Licence Ouverte / Etalab.",
                    "fr": "Chaque chiffre du recensement à côté de son département, de la France et des communes "
                    "de même classe de densité (rapports de sommes). Source : INSEE ; Licence Ouverte / Etalab.",
                },
                on_report_map=False,  # a table
            ),
        ),
        main_layer="territory_profile",
        headline="population",
        better={"commute_car": "lower", "commute_transit": "higher", "commute_bike": "higher"},
        readings=theme_readings.PROFILE,
        cost=0.1,  # two bundled tables read once per process
        inputs=("CENSUS",),
        online_inputs=("CENSUS",),
        help_anchor="territory-profile",
    ),
    Theme(
        id="commuting",
        algorithm_id="mobilitydiagnosis:commuting",
        module="commuting",
        algorithm_class="CommutingAlgorithm",
        title={"en": "Commuting", "fr": "Domicile-travail"},
        label={"en": "Home-to-work commuting", "fr": "Déplacements domicile-travail"},
        summary={
            "en": "Where employed residents work and where workers come from (INSEE flows), and the commutes "
            "short enough to walk or cycle.",
            "fr": "Où travaillent les actifs résidents et d’où viennent les actifs (flux de l’INSEE), et les "
            "trajets assez courts pour la marche ou le vélo.",
        },
        layers=(
            ThemeLayer(
                "commuting_flows",
                {"en": "Commuting: home-to-work flows", "fr": "Domicile-travail : flux"},
                {
                    "en": "Flows of employed residents to their work commune and of workers to the territory, "
                    "between commune centres, with their straight-line distance. Source : INSEE, mobilités "
                    "professionnelles (MOBPRO); Licence Ouverte / Etalab.",
                    "fr": "Flux des actifs résidents vers leur commune de travail et des actifs venant travailler "
                    "dans le territoire, entre centres de communes, avec leur distance à vol d’oiseau. Source : "
                    "INSEE, mobilités professionnelles (MOBPRO) ; Licence Ouverte / Etalab.",
                },
            ),
        ),
        main_layer="commuting_flows",
        headline="share_short",
        better={"share_short": "higher"},
        readings=theme_readings.COMMUTING,
        cost=0.2,
        inputs=("FLOWS", "COMMUNES", "CARPOOL_TRIPS"),
        online_inputs=("FLOWS", "COMMUNES", "CARPOOL_TRIPS"),
        help_anchor="home-to-work-commuting",
    ),
)


def themes() -> tuple[Theme, ...]:
    """Every theme, in enum order (read at call time: see the module docstring)."""
    return THEMES


def theme_ids() -> tuple[str, ...]:
    return tuple(t.id for t in THEMES)


def find(theme_id: str) -> Optional[Theme]:
    return next((t for t in THEMES if t.id == theme_id), None)


def theme(theme_id: str) -> Theme:
    found = find(theme_id)
    if found is None:
        raise KeyError(f"No theme {theme_id!r}; the themes are {', '.join(theme_ids())}.")
    return found


def layer_theme(layer: str) -> Optional[str]:
    """The theme that writes ``layer``, or None."""
    return next((t.id for t in THEMES for name in t.layer_names if name == layer), None)


def find_layer(layer: str) -> Optional[ThemeLayer]:
    return next((item for t in THEMES for item in t.layers if item.name == layer), None)


def first_shown(present) -> Optional[str]:
    """The theme a project or the dock opens on (the others wait, unchecked): the first, in the registry's
    order, of the themes ``present``."""
    present = set(present)
    return next((t.id for t in THEMES if t.id in present), None)


def national_files() -> tuple[tuple[Theme, NationalFile], ...]:
    """(theme, file) of every national-schema file, in theme order."""
    return tuple((t, f) for t in THEMES for f in t.national_files)


def report_order(theme_ids_: list[str]) -> list[str]:
    """``theme_ids_`` in the report's page order (the registry's); unknown ids last, as given."""
    order = theme_ids()
    return sorted(theme_ids_, key=lambda t: order.index(t) if t in order else len(order))
