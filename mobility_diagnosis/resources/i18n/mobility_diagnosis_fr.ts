<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
    <context>
        <name>MobilityDiagnosis</name>
        <message>
            <location filename="../../plugin.py" line="27" />
            <source>&amp;Mobility diagnosis</source>
            <translation>&amp;Diagnostic mobilité</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="381" />
            <source>Mobility diagnosis</source>
            <translation>Diagnostic mobilité</translation>
        </message>
        <message>
            <location filename="../../plugin.py" line="43" />
            <source>Diagnose the everyday mobility of a territory</source>
            <translation>Diagnostiquer la mobilité quotidienne d’un territoire</translation>
        </message>
        <message>
            <location filename="../../plugin.py" line="46" />
            <source>Settings…</source>
            <translation>Paramètres…</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="169" />
            <source>Accessibility (walking, transit, disabled access)</source>
            <translation>Accessibilité (marche, transports, personnes handicapées)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="172" />
            <source>Walking network distances from every home (residential buildings, or the POPULATION layer) to the nearest transit stop, frequent stop, school, shop, health service and town hall; catchments of 300/500/1000 m keeping the id of each destination; departures per stop from a GTFS feed on a weekday peak (GTFS: a zip file, or the word 'online' to find and download the feed of a French commune on transport.data.gouv.fr; without a feed the theme runs with a warning); stops and crossings usable by wheelchair users, with unknown values shown as data gaps; built-up streets without sidewalk information. A distance that cannot be computed is NULL with a reason, never 0. ACCESLIBRE (optional): the public buildings of Acceslibre (an export CSV file from data.gouv.fr, or 'online' for a French commune) within 300 m walk of a stop or a school, with their step-free entrance and parking for disabled people (unknown when not described).</source>
            <translation>Distances à pied sur le réseau depuis chaque logement (bâtiments résidentiels, ou la couche POPULATION) jusqu’à l’arrêt de transport, l’arrêt à desserte fréquente, l’école, le commerce, le service de santé et la mairie les plus proches ; zones de desserte de 300/500/1000 m qui gardent l’identifiant de chaque destination ; départs par arrêt d’après un flux GTFS à l’heure de pointe d’un jour ouvré (GTFS : un fichier zip, ou le mot « online » pour trouver et télécharger le flux d’une commune française sur transport.data.gouv.fr ; sans flux, le thème se poursuit avec un avertissement) ; arrêts et traversées utilisables en fauteuil roulant, les valeurs inconnues signalées comme lacunes de données ; rues en zone bâtie sans information de trottoir. Une distance impossible à calculer vaut NULL avec une raison, jamais 0. ACCESLIBRE (facultatif) : les établissements recevant du public d’Acceslibre (un fichier d’export CSV de data.gouv.fr, ou « online » pour une commune française) à moins de 300 m à pied d’un arrêt ou d’une école, avec leur entrée sans marche et leur stationnement adapté (inconnu quand ce n’est pas renseigné).</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="185" />
            <source>GTFS feed (.zip, or 'online': found on transport.data.gouv.fr for a French commune)</source>
            <translation>Flux GTFS (.zip, ou « online » : trouvé sur transport.data.gouv.fr pour une commune française)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="69" />
            <source>GTFS feed (.zip, a folder of .zip, or 'online': found on transport.data.gouv.fr for a French commune)</source>
            <translation>Flux GTFS (.zip, dossier de .zip, ou « online » : tous ceux de transport.data.gouv.fr couvrant une commune française)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="194" />
            <source>GTFS date (YYYY-MM-DD; empty: the next typical weekday in the feed)</source>
            <translation>Date GTFS (AAAA-MM-JJ ; vide : le prochain jour ouvré type du flux)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="202" />
            <source>Start of the time window (HH:MM)</source>
            <translation>Début de la plage horaire (HH:MM)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="207" />
            <source>End of the time window (HH:MM)</source>
            <translation>Fin de la plage horaire (HH:MM)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="212" />
            <source>Population (points or polygons with a number of residents; empty: buildings)</source>
            <translation>Population (points ou polygones avec un nombre d’habitants ; vide : les bâtiments)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="220" />
            <source>Field with the number of residents</source>
            <translation>Champ du nombre d’habitants</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="229" />
            <source>Catchments</source>
            <translation>Zones de desserte</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="229" />
            <source>Merged bands (each street piece labelled with its nearest destination)</source>
            <translation>Bandes fusionnées (chaque tronçon porte sa destination la plus proche)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="229" />
            <source>One catchment per destination (they overlap)</source>
            <translation>Une zone par destination (elles se chevauchent)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="229" />
            <source>None</source>
            <translation>Aucune</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="242" />
            <source>transport.data.gouv.fr dataset list (API URL), for GTFS 'online'</source>
            <translation>Liste des jeux de données de transport.data.gouv.fr (URL de l’API), pour le GTFS « online »</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="247" />
            <source>Frequent service: departures per hour at least</source>
            <translation>Desserte fréquente : au moins ce nombre de départs par heure</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="256" />
            <source>Farthest distance from a home to a walkable street (m)</source>
            <translation>Distance maximale d’un logement à une rue praticable à pied (m)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="283" />
            <source>Building the walking network …</source>
            <translation>Construction du réseau piéton…</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="296" />
            <source>The territory has no streets, so no walking distance can be computed. Check the territory GeoPackage (layer streets) and fetch it again.</source>
            <translation>Le territoire n’a aucune rue : aucune distance à pied ne peut être calculée. Vérifiez le GeoPackage du territoire (couche streets) et récupérez-le à nouveau.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="304" />
            <source>Walking network: {} ways, {} junctions, {:.1f} km walkable</source>
            <translation>Réseau piéton : {} voies, {} intersections, {:.1f} km praticables à pied</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="372" />
            <source>{} of {} destinations '{}' are more than {:.0f} m from a walkable street and were left out.</source>
            <translation>{} des {} destinations « {} » sont à plus de {:.0f} m d’une rue praticable à pied et ont été écartées.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="448" />
            <source>No origins: the territory has no residential buildings and no POPULATION layer was given, so the shares of residents near stops cannot be computed. Give a POPULATION layer (e.g. the INSEE 200 m grid) to get them.</source>
            <translation>Aucune origine : le territoire n’a pas de bâtiment résidentiel et aucune couche POPULATION n’a été donnée ; les parts d’habitants proches d’un arrêt ne peuvent pas être calculées. Donnez une couche POPULATION (par exemple la grille INSEE de 200 m) pour les obtenir.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="473" />
            <source>No GTFS feed given: no departures, no frequent stops.</source>
            <translation>Aucun flux GTFS : ni départs, ni arrêts à desserte fréquente.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="490" />
            <source>GTFS: {} trips on {}, departures counted {}–{}</source>
            <translation>GTFS : {} courses le {}, départs comptés de {} à {}</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="504" />
            <source>None of the {} stops of the GTFS feed lies in the territory: is it the right feed?</source>
            <translation>Aucun des {} arrêts du flux GTFS n’est dans le territoire : est-ce le bon flux ?</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="543" />
            <source>GTFS stops in the territory: {}, matched to OSM stops: {}, frequent: {}</source>
            <translation>Arrêts GTFS dans le territoire : {}, rapprochés d’arrêts OSM : {}, à desserte fréquente : {}</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="560" />
            <source>Looking for the GTFS feed of {} on {} …</source>
            <translation>Recherche du flux GTFS de {} sur {} …</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="566" />
            <source>No online GTFS feed: {} The theme continues without departures.</source>
            <translation>Pas de flux GTFS en ligne : {} Le thème se poursuit sans les départs.</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/accessibility.py" line="470" />
            <source>Looking for the GTFS feeds of {} on {} …</source>
            <translation>Recherche des flux GTFS de {} sur {} …</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/accessibility.py" line="397" />
            <source>GTFS feed left out: {}</source>
            <translation>Flux GTFS écarté : {}</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="580" />
            <source>A POPULATION layer was given without POPULATION_FIELD: choose the field holding the number of residents.</source>
            <translation>Une couche POPULATION a été donnée sans POPULATION_FIELD : choisissez le champ qui contient le nombre d’habitants.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="613" />
            <source>{} population features without geometry or number were skipped.</source>
            <translation>{} entités de population sans géométrie ou sans nombre ont été ignorées.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="632" />
            <source>Origins: {} buildings ({} tagged residential, the others building=yes)</source>
            <translation>Origines : {} bâtiments ({} résidentiels, les autres building=yes)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="671" />
            <source>no GTFS feed</source>
            <translation>pas de flux GTFS</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="767" />
            <source>built-up street without sidewalk information (sidewalk=*)</source>
            <translation>rue en zone bâtie sans information de trottoir (sidewalk=*)</translation>
        </message>
        <message>
            <location filename="../../processing/base.py" line="15" />
            <source>Data</source>
            <translation>Données</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="146" />
            <source>Themes</source>
            <translation>Thèmes</translation>
        </message>
        <message>
            <location filename="../../i18n.py" line="22" />
            <source>en</source>
            <translation>fr</translation>
        </message>
        <message>
            <location filename="../../ui/plan.py" line="116" />
            <source>Diagnosis</source>
            <translation>Diagnostic</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="29" />
            <source>Cycling: facilities, traffic stress, islands and gaps</source>
            <translation>Vélo : aménagements, niveau de stress, îlots et discontinuités</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="32" />
            <source>Rates every street and path of the territory with a Level of Traffic Stress (LTS 1 = suitable for children … 4 = strong and fearless; 0 = cycling not allowed) following Mekuria–Furth, and explains each rating (lts_rule, lts_reason), naming the OSM tags used and the defaults assumed when a tag is missing. Reads cycle facilities per side (facility_left, facility_right). Low-stress islands are the connected parts of the LTS 1–2 network; gaps are short high-stress links that would join two sizeable islands or link a school or station to one, ranked by what they join. Optionally writes the national cycle-facility file (BNAC schema, French communes).</source>
            <translation>Attribue à chaque rue et chemin du territoire un niveau de stress cyclable (LTS 1 = adapté aux enfants … 4 = cyclistes aguerris ; 0 = vélo interdit) selon Mekuria–Furth, et explique chaque note (lts_rule, lts_reason) en nommant les balises OSM utilisées et les valeurs supposées quand une balise manque. Lit les aménagements cyclables de chaque côté (facility_left, facility_right). Les îlots apaisés sont les parties connexes du réseau LTS 1–2 ; les discontinuités sont de courts tronçons à fort stress qui relieraient deux îlots importants ou une école ou une gare à un îlot, classés selon ce qu’ils relient. Écrit en option le fichier national des aménagements cyclables (schéma BNAC, communes françaises).</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="43" />
            <source>National cycle-facility file (BNAC GeoJSON, optional)</source>
            <translation>Fichier national des aménagements cyclables (GeoJSON BNAC, facultatif)</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="50" />
            <source>Rating {} streets …</source>
            <translation>Notation de {} rues…</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="53" />
            <source>Your default speeds where OSM has no maxspeed tag: {}</source>
            <translation>Vos vitesses par défaut là où OSM n’a pas de tag maxspeed : {}</translation>
        </message>
        <message>
            <location filename="../../processing/base.py" line="30" />
            <source>Cancelled (signal {}): nothing was written, the previous output was left as it was.</source>
            <translation>Interrompu (signal {}) : rien n’a été écrit, le résultat précédent est resté tel quel.</translation>
        </message>
        <message>
            <location filename="../../processing/theme_base.py" line="102" />
            <source>Cancelled: the diagnosis GeoPackage was left as it was.</source>
            <translation>Annulé : le GeoPackage du diagnostic n’a pas été modifié.</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="66" />
            <source>The territory GeoPackage has no streets: fetch the territory again with a larger area or check the OSM file.</source>
            <translation>Le GeoPackage du territoire ne contient aucune rue : récupérez à nouveau le territoire sur une zone plus grande ou vérifiez le fichier OSM.</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="80" />
            <source>No BNAC file written: the national schema needs a French INSEE commune code and this territory's code is {!r}.</source>
            <translation>Aucun fichier BNAC écrit : le schéma national demande un code commune INSEE et le code de ce territoire est {!r}.</translation>
        </message>
        <message>
            <location filename="../../processing/cycling.py" line="90" />
            <source>BNAC: {} facilities written to {}</source>
            <translation>BNAC : {} aménagements écrits dans {}</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="81" />
            <source>Diagnose a territory (whole job)</source>
            <translation>Diagnostiquer un territoire (tout en une fois)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="84" />
            <source>The whole diagnosis in one step: fetches the territory's OpenStreetMap data (a local OSM file works offline), runs the themes chosen in THEMES, then writes the shareable package in OUTPUT_FOLDER: diagnosis.gpkg (styles, metadata and the QGIS project inside), report.pdf, indicators.csv, the national-schema files, datapackage.json, README.md and LICENSE. The report and package texts are in French unless REPORT_LANGUAGE says English; so are the labels and reasons the themes write. A non-empty OUTPUT_FOLDER is refused unless OVERWRITE; the package is built aside and swapped in at the end, so a failure or a cancel leaves the previous folder as it was. The territory GeoPackage is temporary: run “Fetch territory data” to keep one. Sources (GTFS, SCHOOLS_DIRECTORY, CARPOOL, ACCESLIBRE, POPULATION, CENSUS, FLOWS, COMMUNES, CARPOOL_TRIPS, CRASHES): a file each takes precedence; without one, SOURCES says whether they are fetched online (by default for a French commune, unless the plugin is set to work offline); a TERRITORY_GPKG inside an offline kit (“Prepare an offline kit”) brings its sources, with no network. Each source's status is in the log, datapackage.json and README.md; a missing or failed source never fails the run.</source>
            <translation>Tout le diagnostic en une étape : récupère les données OpenStreetMap du territoire (un fichier OSM local fonctionne hors ligne), lance les thèmes choisis dans THEMES, puis écrit le paquet partageable dans OUTPUT_FOLDER : diagnosis.gpkg (styles, métadonnées et projet QGIS inclus), report.pdf, indicators.csv, les fichiers aux schémas nationaux, datapackage.json, README.md et LICENSE. Les textes du rapport et du paquet sont en français sauf si REPORT_LANGUAGE indique l’anglais ; de même pour les libellés et les motifs écrits par les thèmes. Un OUTPUT_FOLDER non vide est refusé sauf avec OVERWRITE ; le paquet est construit à part puis mis en place à la fin, si bien qu’un échec ou une annulation laisse le dossier précédent tel quel. Le GeoPackage du territoire est temporaire : lancez « Récupérer les données du territoire » pour en garder un. Sources (GTFS, SCHOOLS_DIRECTORY, CARPOOL, ACCESLIBRE, POPULATION, CENSUS, FLOWS, COMMUNES, CARPOOL_TRIPS, CRASHES) : un fichier donné l’emporte ; sans fichier, SOURCES dit si elles sont téléchargées (par défaut pour une commune française, sauf si l’extension est réglée hors ligne) ; un TERRITORY_GPKG pris dans un kit hors ligne (« Préparer un kit hors ligne ») apporte ses sources, sans réseau. L’état de chaque source figure dans le journal, datapackage.json et README.md ; une source absente ou en échec n’arrête jamais le diagnostic.</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="98" />
            <source>Territory GeoPackage already fetched (used instead of TERRITORY/OSM_FILE when given)</source>
            <translation>GeoPackage de territoire déjà récupéré (utilisé à la place de TERRITORY/OSM_FILE s’il est donné)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="107" />
            <source>GTFS timetable (zip, or “online” for a French commune), for the accessibility theme</source>
            <translation>Horaires GTFS (zip, ou « online » pour une commune française), pour le thème accessibilité</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="126" />
            <source>Compute two themes at once in a helper process (when the computer has two cores or more)</source>
            <translation>Calculer deux thèmes à la fois dans un processus auxiliaire (si l’ordinateur a au moins deux cœurs)</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="55" />
            <source>Package folder</source>
            <translation>Dossier du paquet</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="154" />
            <source>Diagnosis GeoPackage</source>
            <translation>GeoPackage du diagnostic</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="167" />
            <source>Report (PDF)</source>
            <translation>Rapport (PDF)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="136" />
            <source>Themes computed</source>
            <translation>Thèmes calculés</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="178" />
            <source>Step 1: using the territory GeoPackage {} …</source>
            <translation>Étape 1 : utilisation du GeoPackage de territoire {}…</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="181" />
            <source>Step 1: fetching the territory …</source>
            <translation>Étape 1 : récupération du territoire…</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="208" />
            <source>Step {}: {} …</source>
            <translation>Étape {} : {}…</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="236" />
            <source>The {} theme was computed in the helper process.</source>
            <translation>Le thème {} a été calculé dans le processus auxiliaire.</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="243" />
            <source>The {} theme failed and is left out of the package: {}</source>
            <translation>Le thème {} a échoué et ne figure pas dans le paquet : {}</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="269" />
            <source>Last step: the shareable package …</source>
            <translation>Dernière étape : le paquet partageable…</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="289" />
            <source>Themes left out because they failed: {}</source>
            <translation>Thèmes écartés parce qu’ils ont échoué : {}</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="60" />
            <source>Diagnose many territories (comparison)</source>
            <translation>Diagnostiquer plusieurs territoires (comparaison)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="63" />
            <source>The whole diagnosis for many territories at once. TERRITORIES: INSEE codes (06012, 06032 …), a département code (06, 2A, 974: every commune of the bundled list), or an EPCI SIREN (9 digits, its communes from geo.api.gouv.fr); or TERRITORY_LAYER with one polygon per territory (fields code/insee/INSEE_COM and name/nom). The OSM data of all of them is read once (one pass over OSM_FILE, or a few Overpass queries over tiles), then each territory is diagnosed in WORKERS processes, or on a Dask cluster (DASK_SCHEDULER: tcp://host:8786, or 'local'). OUTPUT_FOLDER receives one package folder per territory (named by its code), comparison.csv (every indicator and rank, 1 = best), comparison.gpkg (territory polygons with the indicators, styled; table run_log) and run_log.csv (what failed and why). A failing territory does not stop the others. A rerun skips territories already complete unless RERUN.</source>
            <translation>Tout le diagnostic pour plusieurs territoires à la fois. TERRITORIES : des codes INSEE (06012, 06032 …), un code de département (06, 2A, 974 : toutes les communes de la liste fournie) ou un SIREN d’EPCI (9 chiffres, ses communes venant de geo.api.gouv.fr) ; ou TERRITORY_LAYER avec un polygone par territoire (champs code/insee/INSEE_COM et name/nom). Les données OSM de tous sont lues une seule fois (un passage sur OSM_FILE, ou quelques requêtes Overpass par tuiles), puis chaque territoire est diagnostiqué dans WORKERS processus, ou sur une grappe Dask (DASK_SCHEDULER : tcp://hôte:8786, ou « local »). OUTPUT_FOLDER reçoit un dossier de paquet par territoire (nommé par son code), comparison.csv (chaque indicateur et son rang, 1 = le meilleur), comparison.gpkg (polygones des territoires avec les indicateurs, stylés ; table run_log) et run_log.csv (ce qui a échoué et pourquoi). L’échec d’un territoire n’arrête pas les autres. Une nouvelle exécution saute les territoires déjà terminés, sauf avec RERUN.</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="76" />
            <source>Territories: INSEE codes, a département code (06) or an EPCI SIREN</source>
            <translation>Territoires : codes INSEE, un code de département (06) ou un SIREN d’EPCI</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="85" />
            <source>Territory layer, one polygon per territory (used instead of TERRITORIES when given)</source>
            <translation>Couche des territoires, un polygone par territoire (utilisée à la place de TERRITORIES si fournie)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="93" />
            <source>Local OSM file covering every territory; empty: download from Overpass</source>
            <translation>Fichier OSM local couvrant tous les territoires ; vide : téléchargement depuis Overpass</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="60" />
            <source>Overpass API interpreter URL</source>
            <translation>URL de l’interpréteur de l’API Overpass</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="110" />
            <source>Parallel worker processes (or Dask workers of a local cluster)</source>
            <translation>Processus de calcul en parallèle (ou workers Dask d’une grappe locale)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="121" />
            <source>Dask scheduler address (tcp://host:8786, or 'local'); empty: processes on this machine</source>
            <translation>Adresse de l’ordonnanceur Dask (tcp://hôte:8786, ou « local ») ; vide : processus de cette machine</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="129" />
            <source>GTFS timetable (zip), for the accessibility theme</source>
            <translation>Horaires GTFS (zip), pour le thème accessibilité</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="140" />
            <source>Buffer around each territory (m)</source>
            <translation>Zone tampon autour de chaque territoire (m)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="146" />
            <source>Redo territories already complete (otherwise they are skipped)</source>
            <translation>Refaire les territoires déjà terminés (sinon ils sont sautés)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="151" />
            <source>Output folder</source>
            <translation>Dossier de sortie</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="152" />
            <source>Comparison table (CSV)</source>
            <translation>Tableau de comparaison (CSV)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="153" />
            <source>Comparison layer (GeoPackage)</source>
            <translation>Couche de comparaison (GeoPackage)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="154" />
            <source>Run log (CSV)</source>
            <translation>Journal d’exécution (CSV)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="155" />
            <source>Territories diagnosed</source>
            <translation>Territoires diagnostiqués</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="156" />
            <source>Territories failed</source>
            <translation>Territoires en échec</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="157" />
            <source>Territories skipped (already complete)</source>
            <translation>Territoires sautés (déjà terminés)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="184" />
            <source>{} territories to diagnose.</source>
            <translation>{} territoires à diagnostiquer.</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="189" />
            <source>{} territories failed: see run_log.csv for why.</source>
            <translation>{} territoires en échec : voir run_log.csv pour la raison.</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose_many.py" line="192" />
            <source>Comparison</source>
            <translation>Comparaison</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="45" />
            <source>Language of the report and the package texts</source>
            <translation>Langue du rapport et des textes du paquet</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="54" />
            <source>Replace an existing package folder (otherwise a non-empty folder is refused)</source>
            <translation>Remplacer un dossier de paquet existant (sinon un dossier non vide est refusé)</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="59" />
            <source>Author or commissioning body, printed on the report's cover (optional)</source>
            <translation>Auteur ou commanditaire, imprimé sur la couverture du rapport (facultatif)</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="77" />
            <source>The algorithm {} is not available.</source>
            <translation>L’algorithme {} n’est pas disponible.</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="85" />
            <source>{} could not start.</source>
            <translation>{} n’a pas pu démarrer.</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="112" />
            <source>Writing {} from {} …</source>
            <translation>Écriture de {} à partir de {}…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="123" />
            <source>{} was not written: {}</source>
            <translation>{} n’a pas été écrit : {}</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="140" />
            <source>Export a shareable package</source>
            <translation>Exporter un paquet partageable</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="143" />
            <source>Turns a diagnosis GeoPackage into a folder anyone can open, reuse and republish: diagnosis.gpkg with each layer's style, metadata (title, abstract, keywords, licence, attribution, sources, date, CRS) and the QGIS project “diagnosis” stored inside (Project › Open From › GeoPackage); report.pdf for the council; indicators.csv; the national-schema files (cycle facilities, bike parking) when their theme was run; datapackage.json (Frictionless); README.md and LICENSE (ODbL, © OpenStreetMap contributors). The folder is built aside and swapped in at the end: a non-empty folder is refused unless OVERWRITE, and a failure or a cancel leaves the previous folder as it was.</source>
            <translation>Transforme un GeoPackage de diagnostic en un dossier que chacun peut ouvrir, réutiliser et republier : diagnosis.gpkg avec le style de chaque couche, ses métadonnées (titre, résumé, mots-clés, licence, attribution, sources, date, SCR) et le projet QGIS « diagnosis » enregistré à l’intérieur (Projet › Ouvrir depuis › GeoPackage) ; report.pdf pour le conseil municipal ; indicators.csv ; les fichiers aux schémas nationaux (aménagements cyclables, stationnement vélo) quand leur thème a été calculé ; datapackage.json (Frictionless) ; README.md et LICENSE (ODbL, © les contributeurs d’OpenStreetMap). Le dossier est construit à part puis mis en place à la fin : un dossier non vide est refusé sauf avec OVERWRITE, et un échec ou une annulation laisse le dossier précédent tel quel.</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="163" />
            <source>Also make a zip of the package</source>
            <translation>Faire aussi une archive zip du paquet</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="168" />
            <source>Zipped package</source>
            <translation>Paquet zippé</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="195" />
            <source>Zip: {}</source>
            <translation>Zip : {}</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="211" />
            <source>Writing layer metadata …</source>
            <translation>Écriture des métadonnées des couches…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="212" />
            <source>Making the report (print layout to PDF) …</source>
            <translation>Production du rapport (mise en page vers PDF)…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="213" />
            <source>Storing the QGIS project in the GeoPackage …</source>
            <translation>Enregistrement du projet QGIS dans le GeoPackage…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="214" />
            <source>Writing indicators.csv and the national-schema files …</source>
            <translation>Écriture d’indicators.csv et des fichiers aux schémas nationaux…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="215" />
            <source>Writing README.md, LICENSE and datapackage.json …</source>
            <translation>Écriture de README.md, LICENSE et datapackage.json…</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="237" />
            <source>Cancelled: nothing of the new package was kept; an existing package folder was left as it was.</source>
            <translation>Annulé : rien du nouveau paquet n’a été conservé ; le dossier de paquet existant est resté tel quel.</translation>
        </message>
        <message>
            <location filename="../../processing/export_package.py" line="243" />
            <source>Package written to {}: {}</source>
            <translation>Paquet écrit dans {} : {}</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="35" />
            <source>Territory: INSEE code (06032), commune name (Cap-d'Ail (06)) or osm:relation/&lt;id&gt;</source>
            <translation>Territoire : code INSEE (06032), nom de commune (Cap-d’Ail (06)) ou osm:relation/&lt;id&gt;</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="43" />
            <source>Territory polygon layer (used instead of TERRITORY when given)</source>
            <translation>Couche de polygones du territoire (remplace TERRITORY si elle est indiquée)</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="51" />
            <source>Local OSM file (.osm.pbf, .osm, .osm.gz, .osm.bz2); empty: download from Overpass</source>
            <translation>Fichier OSM local (.osm.pbf, .osm, .osm.gz, .osm.bz2) ; vide : téléchargement depuis Overpass</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="68" />
            <source>Buffer around the territory (m)</source>
            <translation>Zone tampon autour du territoire (m)</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="116" />
            <source>No territory given. Type an INSEE code (06032), a commune name (Cap-d'Ail (06)) or an OSM relation (osm:relation/2220322) in TERRITORY, choose a polygon layer in TERRITORY_LAYER, or give a rectangle in TERRITORY_EXTENT.</source>
            <translation>Aucun territoire indiqué. Saisissez un code INSEE (06032), un nom de commune (Cap-d’Ail (06)) ou une relation OSM (osm:relation/2220322) dans TERRITORY, choisissez une couche de polygones dans TERRITORY_LAYER, ou donnez un rectangle dans TERRITORY_EXTENT.</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="147" />
            <source>Fetch territory data</source>
            <translation>Récupérer les données du territoire</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="150" />
            <source>Resolves a territory (a French INSEE code or commune name from the bundled commune list, an OSM relation, a polygon layer or a rectangle) and fetches its OpenStreetMap data, from a local OSM file (offline) or from the Overpass API (one polite query per territory, cached on disk), into a territory GeoPackage: streets, schools, car and bike parking, transit stops, crossings, buildings, destinations, every tag kept as JSON, reprojected to a metric CRS (Lambert-93 in metropolitan France) and clipped to the territory plus a buffer. The file is written atomically: a failure or a cancel leaves nothing behind.</source>
            <translation>Identifie un territoire (code INSEE ou nom de commune de la liste fournie avec l’extension, relation OSM, couche de polygones ou rectangle) et récupère ses données OpenStreetMap, depuis un fichier OSM local (hors ligne) ou depuis l’API Overpass (une requête mesurée par territoire, mise en cache sur le disque), dans un GeoPackage de territoire : rues, écoles, stationnement automobile et vélo, arrêts de transport en commun, traversées, bâtiments, destinations, toutes les balises conservées en JSON, reprojeté dans un SCR métrique (Lambert-93 en France métropolitaine) et découpé au territoire plus une zone tampon. Le fichier est écrit de façon atomique : un échec ou une annulation ne laisse rien derrière.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="126" />
            <source>Territory GeoPackage</source>
            <translation>GeoPackage du territoire</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="52" />
            <source>Parking (car and bike)</source>
            <translation>Stationnement (voiture et vélo)</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="55" />
            <source>Car and bike parking supply of the territory and the destinations that lack bike parking.

parking_supply: one point per car park (capacity tagged, or estimated from its area at 25 m² per space times its levels), per street side with on-street parking tags (both OSM schemes; untagged capacity estimated from the kerb length: 5.5 m per parallel, 3 m per diagonal, 2.5 m per perpendicular space) and per bike parking. Estimates have capacity_estimated = true and say how in estimate_method.
bike_parking_gaps: schools, stations and stops, town halls, shops, sport, health and libraries with no bike parking within the gap distance, measured on the walking network (or in a straight line when asked, or for a destination far from any street: see distance_method).
Indicators per 1,000 residents need the commune population in the territory file; without it they are left empty rather than guessed.
Optionally writes stationnement_cyclable.csv in the national schema (etalab/schema-stationnement-cyclable).</source>
            <translation>Offre de stationnement automobile et vélo du territoire, et destinations sans stationnement vélo.

parking_supply : un point par parc de stationnement (capacité renseignée, ou estimée à partir de sa surface à raison de 25 m² par place multipliés par ses niveaux), par côté de rue portant des balises de stationnement sur voirie (les deux schémas OSM ; capacité non renseignée estimée d’après la longueur de trottoir : 5,5 m par place longitudinale, 3 m en épi, 2,5 m en bataille) et par stationnement vélo. Les estimations portent capacity_estimated = true et disent comment dans estimate_method.
bike_parking_gaps : écoles, gares et arrêts, mairies, commerces, équipements sportifs, de santé et bibliothèques sans stationnement vélo à moins de la distance choisie, mesurée sur le réseau piéton (ou à vol d’oiseau sur demande, ou pour une destination loin de toute rue : voir distance_method).
Les indicateurs pour 1 000 habitants demandent la population de la commune dans le fichier du territoire ; sans elle, ils restent vides plutôt que devinés.
Écrit en option stationnement_cyclable.csv au schéma national (etalab/schema-stationnement-cyclable).</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="72" />
            <source>Bike-parking gap distance (m): a destination farther than this is a gap</source>
            <translation>Distance de manque de stationnement vélo (m) : une destination plus éloignée est un manque</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="77" />
            <source>Measure gaps in a straight line instead of on the walking network</source>
            <translation>Mesurer les manques à vol d’oiseau plutôt que sur le réseau piéton</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="82" />
            <source>Add carpool areas from the national base (BNLC, online; French communes)</source>
            <translation>Ajouter les aires de covoiturage de la base nationale (BNLC, en ligne ; communes françaises)</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="85" />
            <source>National carpool base URL (transport.data.gouv.fr geo-query)</source>
            <translation>URL de la base nationale du covoiturage (requête géographique transport.data.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="92" />
            <source>Bike parking in the national schema (stationnement_cyclable.csv)</source>
            <translation>Stationnement vélo au schéma national (stationnement_cyclable.csv)</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="108" />
            <source>Reading car parks, bike parking, streets and destinations …</source>
            <translation>Lecture des parcs de stationnement, du stationnement vélo, des rues et des destinations…</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="119" />
            <source>… and {} more tag problems of the same kind.</source>
            <translation>… et {} autres problèmes de balisage du même type.</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="122" />
            <source>No bike parking is mapped in or around the territory: every destination is a gap. Check OSM (amenity=bicycle_parking) before drawing conclusions.</source>
            <translation>Aucun stationnement vélo n’est cartographié dans le territoire ou autour : chaque destination est un manque. Vérifiez OSM (amenity=bicycle_parking) avant de conclure.</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="129" />
            <source>Gaps were measured in a straight line: the territory has no walkable street or no destination to route between.</source>
            <translation>Les manques ont été mesurés à vol d’oiseau : le territoire n’a pas de rue praticable à pied ou pas de destination entre lesquelles calculer un itinéraire.</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="148" />
            <source>Cannot write {}: {}. Choose a writable folder.</source>
            <translation>Impossible d’écrire {} : {}. Choisissez un dossier accessible en écriture.</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="152" />
            <source>{}: {} bike parkings</source>
            <translation>{} : {} stationnements vélo</translation>
        </message>
        <message>
            <location filename="../../processing/parking.py" line="161" />
            <source>Downloading the national carpool base from {} …</source>
            <translation>Téléchargement de la base nationale du covoiturage depuis {}…</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="83" />
            <source>Publish a package to data.gouv.fr (udata)</source>
            <translation>Publier un paquet sur data.gouv.fr (udata)</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="86" />
            <source>Publishes a package folder to a udata portal: creates a dataset (or updates the one given in DATASET) with the README as description, the ODbL licence, tags and the commune as spatial coverage, then uploads every file of the package. The default portal is the demo instance demo.data.gouv.fr, to try safely; use https://www.data.gouv.fr to publish for real.

The API key (your profile on the portal › API key) is kept in the QGIS authentication database: create a configuration of type “API Header” with the header X-API-KEY, or of type “Basic” with the key as password (any user name), and choose it in AUTHCFG. The key never appears in logs or settings. DRY_RUN lists what would be sent without sending anything. If an upload fails midway, the message says which files went and how to finish.</source>
            <translation>Publie un dossier de paquet sur un portail udata : crée un jeu de données (ou met à jour celui indiqué dans DATASET) avec le README comme description, la licence ODbL, des mots-clés et la commune comme couverture spatiale, puis envoie chaque fichier du paquet. Le portail par défaut est l’instance de démonstration demo.data.gouv.fr, pour essayer sans risque ; utilisez https://www.data.gouv.fr pour publier pour de bon.

La clé d’API (votre profil sur le portail › Clé d’API) est conservée dans la base d’authentification de QGIS : créez une configuration de type « API Header » avec l’en-tête X-API-KEY, ou de type « Basic » avec la clé comme mot de passe (nom d’utilisateur quelconque), et choisissez-la dans AUTHCFG. La clé n’apparaît jamais dans les journaux ni les paramètres. DRY_RUN liste ce qui serait envoyé sans rien envoyer. Si un envoi échoue en cours de route, le message indique quels fichiers sont partis et comment terminer.</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="104" />
            <source>udata portal</source>
            <translation>Portail udata</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="107" />
            <source>Authentication configuration holding the API key</source>
            <translation>Configuration d’authentification contenant la clé d’API</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="112" />
            <source>Existing dataset to update (id or slug; empty: create one)</source>
            <translation>Jeu de données existant à mettre à jour (identifiant ou slug ; vide : en créer un)</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="117" />
            <source>Dry run: list what would be sent</source>
            <translation>Essai à blanc : lister ce qui serait envoyé</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="120" />
            <source>Dataset id</source>
            <translation>Identifiant du jeu de données</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="121" />
            <source>Dataset page</source>
            <translation>Page du jeu de données</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="133" />
            <source>Dry run: nothing is sent. Would {} on {}:</source>
            <translation>Essai à blanc : rien n’est envoyé. Action prévue : {} sur {} :</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="146" />
            <source>Uploading {} …</source>
            <translation>Envoi de {}…</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="150" />
            <source>Cancelled before anything was sent.</source>
            <translation>Annulé avant tout envoi.</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="153" />
            <source>Created</source>
            <translation>Créé</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="153" />
            <source>Updated</source>
            <translation>Mis à jour</translation>
        </message>
        <message>
            <location filename="../../processing/publish.py" line="154" />
            <source>{} dataset {} ({}): {} files uploaded.</source>
            <translation>{} : jeu de données {} ({}), {} fichiers envoyés.</translation>
        </message>
        <message>
            <location filename="../../ui/results.py" line="65" />
            <source>School mobility</source>
            <translation>Mobilité scolaire</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="98" />
            <source>For every school and kindergarten of the territory: street length within 300 m by speed class and the calm share, the walking catchment within 500 m and 1 km on the network, the share of the 2 km cycling catchment reachable on low-stress streets (LTS ≤ 2), bike parking within 50 m, crossings within 300 m and their kerbs, the walking distance to the nearest stop, a score from 0 to 100 and the main gap in words (see docs/schools.md for the weights). School-street candidates: residential, living, unclassified and service streets onto which a school entrance or frontage opens; existing school streets are recognised. SCHOOLS_DIRECTORY (optional): the 'Annuaire de l'éducation' CSV from data.education.gouv.fr, or the word 'online' to query its API for the territory's commune; schools in the directory but missing in OpenStreetMap, and the reverse, go to school_directory_gaps.</source>
            <translation>Pour chaque école et école maternelle du territoire : longueur de rues à moins de 300 m par classe de vitesse et part apaisée, zone accessible à pied à 500 m et 1 km sur le réseau, part de la zone accessible à vélo à 2 km par des rues à faible stress (LTS ≤ 2), stationnement vélo à moins de 50 m, traversées à moins de 300 m et leurs bordures, distance à pied jusqu’à l’arrêt le plus proche, une note de 0 à 100 et le principal manque en toutes lettres (pondérations dans docs/schools.md). Candidates rues scolaires : rues résidentielles, zones de rencontre, voies non classées et de desserte sur lesquelles donne une entrée ou une façade d’école ; les rues scolaires existantes sont reconnues. SCHOOLS_DIRECTORY (facultatif) : le CSV « Annuaire de l’éducation » de data.education.gouv.fr, ou le mot « online » pour interroger son API sur la commune du territoire ; les écoles de l’annuaire absentes d’OpenStreetMap, et l’inverse, vont dans school_directory_gaps.</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="112" />
            <source>School directory: 'Annuaire de l'éducation' CSV, or 'online' (French communes)</source>
            <translation>Annuaire des écoles : CSV « Annuaire de l’éducation », ou « online » (communes françaises)</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="121" />
            <source>School directory API (data.education.gouv.fr)</source>
            <translation>API de l’annuaire des écoles (data.education.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="133" />
            <source>Reading streets, schools and their surroundings …</source>
            <translation>Lecture des rues, des écoles et de leurs abords…</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="137" />
            <source>No school (amenity=school or kindergarten) inside the territory: the school layers are empty.</source>
            <translation>Aucune école (amenity=school ou kindergarten) dans le territoire : les couches scolaires sont vides.</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="162" />
            <source>The territory has no layer {}: the figures that need it are empty. Fetch the territory again with this version of the plugin.</source>
            <translation>Le territoire n’a pas de couche {} : les chiffres qui en dépendent sont vides. Récupérez à nouveau le territoire avec cette version de l’extension.</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="278" />
            <source>Downloading the school directory of {} from {} …</source>
            <translation>Téléchargement de l’annuaire des écoles de {} depuis {}…</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="286" />
            <source>The school directory {} does not exist. Give the CSV downloaded from data.education.gouv.fr, or 'online' to query the API.</source>
            <translation>L’annuaire des écoles {} n’existe pas. Indiquez le CSV téléchargé depuis data.education.gouv.fr, ou « online » pour interroger l’API.</translation>
        </message>
        <message>
            <location filename="../../processing/schools.py" line="315" />
            <source>{} directory entries lie in the territory ({} read).</source>
            <translation>{} entrées de l’annuaire se trouvent dans le territoire ({} lues).</translation>
        </message>
        <message>
            <location filename="../../processing/theme_base.py" line="54" />
            <source>Territory GeoPackage (from “Fetch territory data”)</source>
            <translation>GeoPackage du territoire (issu de « Récupérer les données du territoire »)</translation>
        </message>
        <message>
            <location filename="../../processing/theme_base.py" line="63" />
            <source>Diagnosis GeoPackage (created when absent; this theme's layers are replaced)</source>
            <translation>GeoPackage du diagnostic (créé s’il n’existe pas ; les couches de ce thème sont remplacées)</translation>
        </message>
        <message>
            <location filename="../../processing/theme_base.py" line="83" />
            <source>Writing {} …</source>
            <translation>Écriture de {}…</translation>
        </message>
        <message>
            <location filename="../../qgis_io/interpreter.py" line="137" />
            <source>No Python interpreter able to import this QGIS was found for the helper processes (tried: {tried}), so this process does all the work, one part after the other: slower, same result. A Python placed first on PATH (pyenv, conda) is the usual cause; QGIS's own Python is used whenever it is found next to QGIS.</source>
            <translation>Aucun interpréteur Python capable d’importer ce QGIS n’a été trouvé pour les processus auxiliaires (essayés : {tried}) : ce processus fait donc tout le travail, une partie après l’autre. C’est plus lent, le résultat est le même. La cause habituelle est un Python placé en tête du PATH (pyenv, conda) ; le Python de QGIS est utilisé dès qu’il est trouvé à côté de QGIS.</translation>
        </message>
        <message>
            <location filename="../../processing/theme_runner.py" line="342" />
            <source>The helper process is not used ({}): this process computes the rest.</source>
            <translation>Le processus auxiliaire n’est pas utilisé ({}) : ce processus calcule le reste.</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="141" />
            <source>OSM data read from the cache (downloaded {when}).</source>
            <translation>Données OSM lues dans le cache (téléchargées {when}).</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="151" />
            <source>Trying the next Overpass server: {url}</source>
            <translation>Essai du serveur Overpass suivant : {url}</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="163" />
            <source>The download could not be cached: {error}</source>
            <translation>Le téléchargement n’a pas pu être mis en cache : {error}</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="208" />
            <source>no free slot</source>
            <translation>aucun créneau libre</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="212" />
            <source>Querying {url} (attempt {n} of {total})…</source>
            <translation>Interrogation de {url} (essai {n} sur {total})…</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="273" />
            <source>Overpass server busy ({reason}): waiting {seconds:.0f} s as it asks.</source>
            <translation>Serveur Overpass occupé ({reason}) : attente de {seconds:.0f} s, comme il le demande.</translation>
        </message>
        <message>
            <location filename="../../qgis_io/osm/overpass.py" line="288" />
            <source>Downloading OSM data: {mb} MB received</source>
            <translation>Téléchargement des données OSM : {mb} Mo reçus</translation>
        </message>
        <message>
            <location filename="../../ui/results.py" line="61" />
            <source>Territory</source>
            <translation>Territoire</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="94" />
            <source>Commune, INSEE code or OSM relation</source>
            <translation>Commune, code INSEE ou relation OSM</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="95" />
            <source>Selected polygon</source>
            <translation>Polygone sélectionné</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="96" />
            <source>Map canvas extent</source>
            <translation>Emprise de la carte</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="98" />
            <source>Choose by</source>
            <translation>Choisir par</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="100" />
            <source>e.g. Cap-d’Ail, 06032 or osm:relation/2220322</source>
            <translation>p. ex. Cap-d’Ail, 06032 ou osm:relation/2220322</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="103" />
            <source>Commune</source>
            <translation>Commune</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="108" />
            <source>Data source</source>
            <translation>Source des données</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="111" />
            <source>OpenStreetMap through Overpass (online)</source>
            <translation>OpenStreetMap via Overpass (en ligne)</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="112" />
            <source>A local OSM file</source>
            <translation>Un fichier OSM local</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="113" />
            <source>A territory GeoPackage prepared earlier (offline)</source>
            <translation>Un GeoPackage de territoire préparé à l’avance (hors ligne)</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="117" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="120" />
            <source>Local OSM file</source>
            <translation>Fichier OSM local</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="121" />
            <source>OSM file</source>
            <translation>Fichier OSM</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="125" />
            <source>Territory GeoPackage prepared earlier</source>
            <translation>GeoPackage de territoire préparé à l’avance</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="129" />
            <source>Demo ({})</source>
            <translation>Démo ({})</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="130" />
            <source>Fill in the bundled demo, the French commune of {}: works offline, in a few seconds, with the national files and the figures per 1,000 residents.</source>
            <translation>Remplit avec la démo fournie, la commune de {} : fonctionne hors ligne, en quelques secondes, avec les fichiers nationaux et les chiffres pour 1 000 habitants.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="132" />
            <source>Prepare for offline use…</source>
            <translation>Préparer pour le hors-ligne…</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="133" />
            <source>Fetch the territory’s data now and save it as a territory GeoPackage; a workshop can then run every theme from that file with no network.</source>
            <translation>Récupère maintenant les données du territoire et les enregistre dans un GeoPackage ; un atelier peut ensuite lancer tous les thèmes depuis ce fichier, sans réseau.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="157" />
            <source>Output</source>
            <translation>Sortie</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="161" />
            <source>Folder for the diagnosis</source>
            <translation>Dossier du diagnostic</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="162" />
            <source>Each territory gets its own sub-folder here.</source>
            <translation>Chaque territoire y reçoit son propre sous-dossier.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="163" />
            <source>Folder</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="165" />
            <source>Run</source>
            <translation>Lancer</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="168" />
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="173" />
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="189" />
            <source>Results</source>
            <translation>Résultats</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="193" />
            <source>Indicator</source>
            <translation>Indicateur</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="193" />
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="200" />
            <source>Click a figure to select the layer it comes from.</source>
            <translation>Cliquez sur un chiffre pour sélectionner la couche dont il provient.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="203" />
            <source>Open the report</source>
            <translation>Ouvrir le rapport</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="205" />
            <source>Open the folder</source>
            <translation>Ouvrir le dossier</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="207" />
            <source>Publish…</source>
            <translation>Publier…</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="271" />
            <source>Publish the package to data.gouv.fr or another udata portal.</source>
            <translation>Publier le paquet sur data.gouv.fr ou un autre portail udata.</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="86" />
            <source>Publishing is not available in this version of the plugin.</source>
            <translation>La publication n’est pas disponible dans cette version de l’extension.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="281" />
            <source>No report yet: the report comes with a full diagnosis.</source>
            <translation>Pas encore de rapport : il est produit avec un diagnostic complet.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="344" />
            <source>selected polygon</source>
            <translation>polygone sélectionné</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="369" />
            <source>map extent</source>
            <translation>emprise de la carte</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="393" />
            <source>Select one or more polygons in the active layer first, or type a commune.</source>
            <translation>Sélectionnez d’abord un ou plusieurs polygones dans la couche active, ou saisissez une commune.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="401" />
            <source>Choose an output folder.</source>
            <translation>Choisissez un dossier de sortie.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="406" />
            <source>The output folder {} cannot be created: {}. Choose another folder.</source>
            <translation>Le dossier de sortie {} ne peut pas être créé : {}. Choisissez un autre dossier.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="430" />
            <source>Step {} of {}: {} …</source>
            <translation>Étape {} sur {} : {}…</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="442" />
            <source>Cancelling…</source>
            <translation>Annulation…</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="460" />
            <source>Saved {}. It can now be used offline.</source>
            <translation>{} enregistré. Il peut maintenant servir hors ligne.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="461" />
            <source>Territory saved for offline use: {}</source>
            <translation>Territoire enregistré pour une utilisation hors ligne : {}</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="465" />
            <source>Done: {}</source>
            <translation>Terminé : {}</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="466" />
            <source>Diagnosis of {} done.</source>
            <translation>Diagnostic de {} terminé.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="502" />
            <source>No indicators: no theme ran on this territory.</source>
            <translation>Aucun indicateur : aucun thème n’a été calculé sur ce territoire.</translation>
        </message>
        <message>
            <location filename="../../ui/dock.py" line="531" />
            <source>Save the territory for offline use</source>
            <translation>Enregistrer le territoire pour une utilisation hors ligne</translation>
        </message>
        <message>
            <location filename="../../ui/plan.py" line="122" />
            <source>Fetching the territory’s data</source>
            <translation>Récupération des données du territoire</translation>
        </message>
        <message>
            <location filename="../../ui/plan.py" line="65" />
            <source>Choose the territory GeoPackage prepared earlier (“Prepare for offline use” makes one), or pick another data source.</source>
            <translation>Choisissez le GeoPackage de territoire préparé à l’avance (« Préparer pour une utilisation hors ligne » en crée un), ou une autre source de données.</translation>
        </message>
        <message>
            <location filename="../../ui/plan.py" line="71" />
            <source>Type a commune name or INSEE code (for example Cap-d’Ail or 06032), an OSM relation (osm:relation/2220322), or choose “Selected polygon” or “Map canvas extent”.</source>
            <translation>Saisissez un nom de commune ou un code INSEE (par exemple Cap-d’Ail ou 06032), une relation OSM (osm:relation/2220322), ou choisissez « Polygone sélectionné » ou « Emprise de la carte ».</translation>
        </message>
        <message>
            <location filename="../../ui/plan.py" line="76" />
            <source>Choose the local OSM file (.osm.pbf, .osm, .osm.gz, .osm.bz2), or use Overpass (online).</source>
            <translation>Choisissez le fichier OSM local (.osm.pbf, .osm, .osm.gz, .osm.bz2), ou utilisez Overpass (en ligne).</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="38" />
            <source>Publish the diagnosis</source>
            <translation>Publier le diagnostic</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="43" />
            <source>Publishes the package (data, report, documentation) as a dataset on a udata portal. Try the demo portal first. The API key is read from the QGIS authentication configuration you choose.</source>
            <translation>Publie le paquet (données, rapport, documentation) comme jeu de données sur un portail udata. Essayez d’abord le portail de démonstration. La clé d’API est lue dans la configuration d’authentification QGIS que vous choisissez.</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="60" />
            <source>Portal</source>
            <translation>Portail</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="62" />
            <source>API key (authentication)</source>
            <translation>Clé d’API (authentification)</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="64" />
            <source>empty: a new dataset</source>
            <translation>vide : un nouveau jeu de données</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="65" />
            <source>Existing dataset (id or slug)</source>
            <translation>Jeu de données existant (identifiant ou slug)</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="66" />
            <source>Dry run: list what would be sent, send nothing</source>
            <translation>Essai à blanc : lister ce qui serait envoyé, sans rien envoyer</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="79" />
            <source>Publish</source>
            <translation>Publier</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="106" />
            <source>Publishing</source>
            <translation>Publication</translation>
        </message>
        <message>
            <location filename="../../ui/publish_dialog.py" line="120" />
            <source>Published. {}</source>
            <translation>Publié. {}</translation>
        </message>
        <message>
            <location filename="../../ui/results.py" line="66" />
            <source>OpenStreetMap data</source>
            <translation>Données OpenStreetMap</translation>
        </message>
        <message>
            <location filename="../../ui/results.py" line="67" />
            <source>Other layers</source>
            <translation>Autres couches</translation>
        </message>
        <message>
            <location filename="../../ui/results.py" line="73" />
            <source>Mobility diagnosis – {}</source>
            <translation>Diagnostic mobilité – {}</translation>
        </message>
        <message>
            <location filename="../../ui/run.py" line="139" />
            <source>Cancelled: nothing was written.</source>
            <translation>Annulé : rien n’a été écrit.</translation>
        </message>
        <message>
            <location filename="../../ui/run.py" line="108" />
            <source>The algorithm {} is not available. Check that the plugin is enabled and up to date.</source>
            <translation>L’algorithme {} n’est pas disponible. Vérifiez que l’extension est activée et à jour.</translation>
        </message>
        <message>
            <location filename="../../ui/run.py" line="143" />
            <source>The step “{}” failed; see the Processing log.</source>
            <translation>L’étape « {} » a échoué ; consultez le journal des traitements.</translation>
        </message>
        <message>
            <location filename="../../ui/run.py" line="165" />
            <source>The results could not be moved to {}: {}. Close files open from that folder and run again.</source>
            <translation>Les résultats n’ont pas pu être déplacés vers {} : {}. Fermez les fichiers ouverts depuis ce dossier et relancez.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="32" />
            <source>Mobility diagnosis settings</source>
            <translation>Paramètres du diagnostic mobilité</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="35" />
            <source>OpenStreetMap download (Overpass API)</source>
            <translation>Téléchargement OpenStreetMap (API Overpass)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="38" />
            <source>One interpreter URL per line, tried in this order (never in parallel).</source>
            <translation>Une URL d’interpréteur par ligne, essayées dans cet ordre (jamais en parallèle).</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="42" />
            <source>Servers</source>
            <translation>Serveurs</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="45" />
            <source>Empty: a folder in the QGIS profile.</source>
            <translation>Vide : un dossier du profil QGIS.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="46" />
            <source>Cache folder</source>
            <translation>Dossier du cache</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="50" />
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="51" />
            <source>A download younger than this is reused; 0 always downloads again.</source>
            <translation>Un téléchargement plus récent est réutilisé ; 0 : toujours télécharger à nouveau.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="52" />
            <source>Keep downloads for</source>
            <translation>Conserver les téléchargements</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="56" />
            <source> km²</source>
            <translation> km²</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="57" />
            <source>Larger territories are refused online (a local OSM extract is kinder to the servers); 0: no limit.</source>
            <translation>Les territoires plus grands sont refusés en ligne (un extrait OSM local ménage les serveurs) ; 0 : pas de limite.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="62" />
            <source>Largest territory online</source>
            <translation>Plus grand territoire en ligne</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="65" />
            <source>How many times a busy server is asked again before the next one is tried.</source>
            <translation>Nombre de nouvelles tentatives auprès d’un serveur occupé avant de passer au suivant.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="68" />
            <source>Retries per server</source>
            <translation>Tentatives par serveur</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="70" />
            <source>Clear cache</source>
            <translation>Vider le cache</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="78" />
            <source>Analysis defaults</source>
            <translation>Valeurs par défaut de l’analyse</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="84" />
            <source> m</source>
            <translation> m</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="85" />
            <source>Data is fetched this far beyond the territory, so that trips crossing the edge count.</source>
            <translation>Les données sont récupérées jusqu’à cette distance au-delà du territoire, pour compter les trajets qui franchissent sa limite.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="88" />
            <source>Buffer around the territory</source>
            <translation>Zone tampon autour du territoire</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="90" />
            <source>Road class (OSM highway=*)</source>
            <translation>Classe de voie (OSM highway=*)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="90" />
            <source>Speed when untagged (km/h)</source>
            <translation>Vitesse si non renseignée (km/h)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="95" />
            <source>Used only where OSM has no maxspeed tag. 0: the built-in French default.</source>
            <translation>Utilisée seulement sans balise maxspeed dans OSM. 0 : la valeur française par défaut.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="99" />
            <source>Built-in default: {} km/h</source>
            <translation>Valeur par défaut : {} km/h</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="104" />
            <source>default ({} km/h)</source>
            <translation>par défaut ({} km/h)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="110" />
            <source>Same as QGIS</source>
            <translation>Comme QGIS</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="113" />
            <source>Report language</source>
            <translation>Langue du rapport</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="169" />
            <source>The cache could not be cleared: {}</source>
            <translation>Le cache n’a pas pu être vidé : {}</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="171" />
            <source>{} downloads removed.</source>
            <translation>{} téléchargements supprimés.</translation>
        </message>
        <message>
            <source>Cycling stress (LTS) is not available in this installation: cycling figures are left empty.</source>
            <translation type="vanished">Le niveau de stress cyclable (LTS) n’est pas disponible dans cette installation : les chiffres vélo restent vides.</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Road safety (injury crashes)</source>
            <translation>Sécurité routière (accidents corporels)</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>The road injury crashes of the national files (ONISR, BAAC files on data.gouv.fr) in the territory: those of its commune (INSEE code) and those whose point lies in its outline.

CRASHES: the folder of the yearly files (caracteristiques, lieux, vehicules, usagers, as downloaded or re-saved with ',' separators), or one caracteristiques file (the other tables of its year are read from beside it), or 'online' (data.gouv.fr's dataset of the files, downloaded once and cached). YEARS: e.g. 2018-2022 or 2020, 2022; empty: the last five years available.
road_crashes: one point per crash with its date, severity (the worst injury: fatal, hospitalised, slight), the users involved (pedestrian, cyclist, e-scooter, motorised two-wheeler, car…), the nearest street within 100 m that vehicles use (osm_id, distance, its LTS) and the distance to the nearest school.
crash_streets: the streets crashes were matched to; act_here_first marks those with a crash involving a cyclist and a cycling stress LTS ≥ 3.
A territory outside France, or without crash files, gets a 'not available' indicator and empty layers.</source>
            <translation>Les accidents corporels de la circulation des fichiers nationaux (ONISR, fichiers BAAC sur data.gouv.fr) dans le territoire : ceux de sa commune (code INSEE) et ceux dont le point est dans son contour.

CRASHES : le dossier des fichiers annuels (caracteristiques, lieux, vehicules, usagers, tels que téléchargés ou réenregistrés avec des séparateurs « , »), ou un fichier « caracteristiques » (les autres tables de son année sont lues à côté), ou « online » (le jeu de données des fichiers sur data.gouv.fr, téléchargé une fois puis mis en cache). YEARS : par ex. 2018-2022 ou 2020, 2022 ; vide : les cinq dernières années disponibles.
road_crashes : un point par accident avec sa date, sa gravité (la blessure la plus grave : mortel, hospitalisé, léger), les usagers impliqués (piéton, cycliste, trottinette électrique, deux-roues motorisé, voiture…), la rue la plus proche à moins de 100 m empruntée par les véhicules (osm_id, distance, son LTS) et la distance à l’établissement scolaire le plus proche.
crash_streets : les rues auxquelles les accidents sont rattachés ; act_here_first signale celles qui ont un accident impliquant un cycliste et un stress cyclable LTS ≥ 3.
Un territoire hors de France, ou sans fichier d’accidents, reçoit un indicateur « non disponible » et des couches vides.</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Crash files (ONISR BAAC): their folder, a caracteristiques file, or 'online'</source>
            <translation>Fichiers d’accidents (BAAC de l’ONISR) : leur dossier, un fichier « caracteristiques », ou « online »</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Years (e.g. 2018-2022; empty: the last five available)</source>
            <translation>Années (par ex. 2018-2022 ; vide : les cinq dernières disponibles)</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Reading the crash files in {} …</source>
            <translation>Lecture des fichiers d’accidents dans {} …</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Crashes {}: {} ({} with coordinates, {} matched to a street)</source>
            <translation>Accidents {} : {} ({} avec coordonnées, {} rattachés à une rue)</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>CRASHES: {} does not exist. Give the folder of the ONISR BAAC files, or 'online'.</source>
            <translation>CRASHES : {} n’existe pas. Indiquez le dossier des fichiers BAAC de l’ONISR, ou « online ».</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>YEARS: {!r} is not a year or a range of years. Write e.g. 2018-2022 or 2020, 2022.</source>
            <translation>YEARS : {!r} n’est ni une année ni une période. Écrivez par exemple 2018-2022 ou 2020, 2022.</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>data.gouv.fr dataset of the crash files (API URL), for CRASHES 'online'</source>
            <translation>Jeu de données des fichiers d’accidents sur data.gouv.fr (URL de l’API), pour CRASHES « online »</translation>
        </message>
        <message>
            <location filename="../../processing/safety.py" line="1" />
            <source>Downloading the crash files from {} …</source>
            <translation>Téléchargement des fichiers d’accidents depuis {} …</translation>
        </message>
        <message>
            <source>Cycling</source>
            <translation type="vanished">Vélo</translation>
        </message>
        <message>
            <source>Parking</source>
            <translation type="vanished">Stationnement</translation>
        </message>
        <message>
            <source>Walking, transit and accessibility</source>
            <translation type="vanished">Marche, transports en commun et accessibilité</translation>
        </message>
        <message>
            <source>Not available in this version of the plugin ({}).</source>
            <translation type="vanished">Non disponible dans cette version de l’extension ({}).</translation>
        </message>
        <message>
            <source>The {} theme is not available in this version of the plugin: skipped.</source>
            <translation type="vanished">Le thème {} n’est pas disponible dans cette version de l’extension : ignoré.</translation>
        </message>
        <message>
            <source>Themes (those not installed in this version are skipped with a warning)</source>
            <translation type="vanished">Thèmes (ceux absents de cette version sont ignorés avec un avertissement)</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="1" />
            <source>Territory extent: a rectangle, in any CRS (used instead of TERRITORY; TERRITORY_LAYER wins over it)</source>
            <translation>Emprise du territoire : un rectangle, dans n’importe quel SCR (utilisée à la place de TERRITORY ; TERRITORY_LAYER passe avant)</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="1" />
            <source>Several territories given: {} ignored (TERRITORY_LAYER comes first, then TERRITORY_EXTENT).</source>
            <translation>Plusieurs territoires indiqués ; ignorés : {} (TERRITORY_LAYER passe en premier, puis TERRITORY_EXTENT).</translation>
        </message>
        <message>
            <location filename="../../processing/fetch_territory.py" line="1" />
            <source>The territory is, in this order: the polygons of TERRITORY_LAYER (all together); else the rectangle of TERRITORY_EXTENT (in any CRS, named by its corners, code “extent”); else TERRITORY (an INSEE code, a commune name from the bundled commune list, or an OSM relation). One of them is needed; the others are then ignored, with a warning.</source>
            <translation>Le territoire est, dans cet ordre : les polygones de TERRITORY_LAYER (tous ensemble) ; sinon le rectangle de TERRITORY_EXTENT (dans n’importe quel SCR, nommé d’après ses coins, code « extent ») ; sinon TERRITORY (un code INSEE, un nom de commune de la liste fournie ou une relation OSM). Il en faut un ; les autres sont alors ignorés, avec un avertissement.</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="1" />
            <source>Acceslibre public buildings (export .csv, or 'online' for a French commune)</source>
            <translation>Établissements recevant du public Acceslibre (export .csv, ou « online » pour une commune française)</translation>
        </message>
        <message>
            <location filename="../../processing/accessibility.py" line="1" />
            <source>Acceslibre API URL, for ACCESLIBRE 'online'</source>
            <translation>URL de l’API Acceslibre, pour ACCESLIBRE « online »</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/public_buildings.py" line="1" />
            <source>Acceslibre: establishments of {} from {} …</source>
            <translation>Acceslibre : établissements de {} depuis {} …</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/public_buildings.py" line="1" />
            <source>Acceslibre: reading {} …</source>
            <translation>Acceslibre : lecture de {} …</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/public_buildings.py" line="1" />
            <source>Acceslibre not available: {}. The theme continues without it.</source>
            <translation>Acceslibre non disponible : {}. Le thème se poursuit sans.</translation>
        </message>
        <message>
            <location filename="../../qgis_io/themes/public_buildings.py" line="1" />
            <source>Acceslibre: {} establishments read, {} in the territory's area, {} within {:g} m walk of a stop or a school.</source>
            <translation>Acceslibre : {} établissements lus, {} dans l’emprise du territoire, {} à moins de {:g} m à pied d’un arrêt ou d’une école.</translation>
        </message>
        <message>
            <location filename="../../processing/profile.py" line="25" />
            <source>Territory profile (census)</source>
            <translation>Profil du territoire (recensement)</translation>
        </message>
        <message>
            <location filename="../../processing/profile.py" line="55" />
            <source>Reading the census tables …</source>
            <translation>Lecture des tables du recensement…</translation>
        </message>
        <message>
            <location filename="../../processing/commuting.py" line="33" />
            <source>Home-to-work commuting (INSEE flows)</source>
            <translation>Déplacements domicile-travail (flux INSEE)</translation>
        </message>
        <message>
            <location filename="../../processing/commuting.py" line="78" />
            <source>Reading the flows of {} …</source>
            <translation>Lecture des flux de {}…</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Carpool areas: the national base (BNLC) GeoJSON, or “online” (French communes), for parking</source>
            <translation>Aires de covoiturage : le GeoJSON de la base nationale (BNLC), ou « online » (communes françaises), pour le stationnement</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Sources without a file</source>
            <translation>Sources sans fichier</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Online where they apply (French commune), unless the plugin is set to work offline</source>
            <translation>En ligne quand elles s’appliquent (commune française), sauf si l’extension est réglée hors ligne</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Online where they apply (French commune)</source>
            <translation>En ligne quand elles s’appliquent (commune française)</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Offline: files only</source>
            <translation>Hors ligne : fichiers seulement</translation>
        </message>
        <message>
            <location filename="../../processing/diagnose.py" line="1" />
            <source>Offline kit: the sources come from {}</source>
            <translation>Kit hors ligne : les sources viennent de {}</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Prepare an offline kit of a territory</source>
            <translation>Préparer un kit hors ligne d’un territoire</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>For a workshop without network: fetches the territory's OpenStreetMap data and every source the themes read that applies to it (for a French commune: the GTFS feeds of the national access point, the education directory, the national carpool base, the road crash files) into one folder: territory.gpkg, sources/, sources.json (what each source gave) and LICENCES.md; with ZIP, a zip of it too. Give that territory.gpkg to “Diagnose a territory” (TERRITORY_GPKG) or to the dock: the sources come from the kit, with no network. A source that cannot be had is noted, not an error.</source>
            <translation>Pour un atelier sans réseau : récupère les données OpenStreetMap du territoire et chaque source lue par les thèmes qui s’y applique (pour une commune française : les horaires GTFS du point d’accès national, l’annuaire de l’éducation, la base nationale des lieux de covoiturage, les fichiers d’accidents) dans un seul dossier : territory.gpkg, sources/, sources.json (ce que chaque source a donné) et LICENCES.md ; avec ZIP, une archive zip en plus. Donnez ce territory.gpkg à « Diagnostiquer un territoire » (TERRITORY_GPKG) ou au panneau : les sources viennent du kit, sans réseau. Une source indisponible est notée, ce n’est pas une erreur.</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Also make a zip of the kit</source>
            <translation>Faire aussi une archive zip du kit</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Replace an existing kit folder</source>
            <translation>Remplacer un dossier de kit existant</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Kit folder</source>
            <translation>Dossier du kit</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Territory GeoPackage of the kit</source>
            <translation>GeoPackage du territoire du kit</translation>
        </message>
        <message>
            <location filename="../../processing/prepare_kit.py" line="1" />
            <source>Zip of the kit</source>
            <translation>Archive zip du kit</translation>
        </message>
        <message>
            <source>Home-to-work flows of a French commune from INSEE's « mobilités professionnelles » file (MOBPRO): employed residents working in the commune and elsewhere, workers coming from other communes, the flows as lines between commune centres (width by flow), the share of the residents' commutes under 5 km (straight line between centres; commutes inside the commune count as short) and, with the car share of the census profile, an estimate of the car trips among them (an upper estimate: short commutes are driven less than long ones).

FLOWS: the MOBPRO file as INSEE publishes it (zip or CSV), or 'online' (INSEE's national file at MOBPRO_URL, downloaded once and cached; only the territory's rows are read). COMMUNES (optional): a layer of commune outlines or centres with their INSEE code (IGN Admin Express, geo.api.gouv.fr, an offline kit's communes_centres.geojson…) to place the other communes; without it, with FLOWS 'online' (or COMMUNES 'online'), the centres come from geo.api.gouv.fr; otherwise only the territory's centre is known and the other flows keep their rows without a line. A download that fails is a warning and empty figures, not an error.
Source : INSEE, Licence Ouverte / Etalab.</source>
            <translation>Flux domicile-travail d’une commune française tirés du fichier « mobilités professionnelles » de l’INSEE (MOBPRO) : actifs occupés résidents travaillant dans la commune et ailleurs, actifs venant d’autres communes, les flux en lignes entre centres de communes (épaisseur selon le flux), la part des trajets des résidents de moins de 5 km (à vol d’oiseau entre centres ; les trajets internes à la commune comptent comme courts) et, avec la part de la voiture du profil du recensement, une estimation des trajets faits en voiture parmi eux (une estimation haute : les trajets courts se font moins en voiture que les longs).

FLOWS : le fichier MOBPRO tel que l’INSEE le publie (zip ou CSV), ou « online » (le fichier national de l’INSEE à l’adresse MOBPRO_URL, téléchargé une fois et gardé en cache ; seules les lignes du territoire sont lues). COMMUNES (facultatif) : une couche des contours ou des centres des communes avec leur code INSEE (IGN Admin Express, geo.api.gouv.fr, le communes_centres.geojson d’un kit hors ligne…) pour placer les autres communes ; sans elle, avec FLOWS « online » (ou COMMUNES « online »), les centres viennent de geo.api.gouv.fr ; sinon seul le centre du territoire est connu et les autres flux gardent leur ligne de table sans tracé. Un téléchargement qui échoue donne un avertissement et des chiffres vides, pas une erreur.
Source : INSEE, Licence Ouverte / Etalab.</translation>
        </message>
        <message>
            <source>INSEE home-to-work flows file (MOBPRO, zip or CSV), or 'online'</source>
            <translation>Fichier des flux domicile-travail de l’INSEE (MOBPRO, zip ou CSV), ou « online »</translation>
        </message>
        <message>
            <source>Commune outlines or centres with their INSEE code, to place the other communes (optional)</source>
            <translation>Contours ou centres des communes avec leur code INSEE, pour placer les autres communes (facultatif)</translation>
        </message>
        <message>
            <source>INSEE's national flows file (zip URL), for FLOWS 'online'</source>
            <translation>Fichier national des flux de l’INSEE (adresse du zip), pour FLOWS « online »</translation>
        </message>
        <message>
            <source>Downloading INSEE's flows file from {} …</source>
            <translation>Téléchargement du fichier de flux de l’INSEE depuis {}…</translation>
        </message>
        <message>
            <source>Fetching the commune centres from geo.api.gouv.fr …</source>
            <translation>Téléchargement des centres des communes depuis geo.api.gouv.fr…</translation>
        </message>
        <message>
            <source>Key figures of a French commune from the INSEE census: population and its change over five years, area, density, households, jobs, jobs per employed resident, active population and unemployment, households with a car, and how employed residents go to work (car, public transport, bike), each beside its département, France and the communes of the same density class. References are ratios of sums over their communes, not averages of ratios.

Works offline from the census tables bundled with the plugin (comparateur de territoires, census 2018; statistiques locales, census 2021). A newer official INSEE file given as census file replaces the bundled table of its kind; 'online' downloads INSEE's latest comparateur (CENSUS_URL, cached) in place of the bundled one, and a failed download keeps the bundled tables with a warning.
territory_profile: the territory with its figures as fields; profile_references: one row per figure with its references. A territory outside France gets empty figures, not an error.
Source : INSEE, Licence Ouverte / Etalab.</source>
            <translation>Chiffres clés d’une commune française issus du recensement de l’INSEE : population et son évolution sur cinq ans, superficie, densité, ménages, emplois, emplois par actif occupé résident, population active et chômage, ménages ayant une voiture, et modes de déplacement des actifs pour aller travailler (voiture, transports en commun, vélo), chacun à côté de son département, de la France et des communes de même classe de densité. Les références sont des rapports de sommes sur leurs communes, non des moyennes de rapports.

Fonctionne hors ligne avec les tables du recensement fournies avec l’extension (comparateur de territoires, recensement 2018 ; statistiques locales, recensement 2021). Un fichier officiel de l’INSEE plus récent donné comme fichier du recensement remplace la table fournie de même nature ; « online » télécharge le dernier comparateur de l’INSEE (CENSUS_URL, gardé en cache) à la place de celui fourni, et un téléchargement qui échoue garde les tables fournies avec un avertissement.
territory_profile : le territoire avec ses chiffres en champs ; profile_references : une ligne par chiffre avec ses références. Un territoire hors de France reçoit des chiffres vides, pas une erreur.
Source : INSEE, Licence Ouverte / Etalab.</translation>
        </message>
        <message>
            <source>Newer INSEE census file (comparateur zip or CSV, or statistiques locales CSV), or 'online' (optional)</source>
            <translation>Fichier du recensement de l’INSEE plus récent (comparateur en zip ou CSV, ou CSV des statistiques locales), ou « online » (facultatif)</translation>
        </message>
        <message>
            <source>INSEE's comparateur file (zip URL), for CENSUS 'online'</source>
            <translation>Fichier du comparateur de territoires de l’INSEE (adresse du zip), pour CENSUS « online »</translation>
        </message>
        <message>
            <source>Downloading INSEE's census file from {} …</source>
            <translation>Téléchargement du fichier du recensement de l’INSEE depuis {}…</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>CARPOOL_TRIPS (optional): carpool trips from, to and within the commune from the national carpool proof register's open data (« Trajets réalisés en covoiturage », data.gouv.fr, Licence Ouverte): a monthly CSV file, their folder, or 'online' (the last months published, cached). Communes with fewer than 6 trips a month are left out of the register's open data.</source>
            <translation>CARPOOL_TRIPS (facultatif) : les trajets en covoiturage depuis, vers et dans la commune d’après les données ouvertes du registre de preuve de covoiturage (« Trajets réalisés en covoiturage », data.gouv.fr, Licence Ouverte) : un fichier CSV mensuel, leur dossier, ou « online » (les derniers mois publiés, mis en cache). Les communes de moins de 6 trajets par mois sont écartées des données ouvertes du registre.</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>Carpool trips of the carpool proof register: a monthly CSV, their folder, or 'online'</source>
            <translation>Trajets du registre de preuve de covoiturage : un CSV mensuel, leur dossier, ou « online »</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>data.gouv.fr dataset of the carpool trips (API URL), for CARPOOL_TRIPS 'online'</source>
            <translation>Jeu de données data.gouv.fr des trajets en covoiturage (URL de l’API), pour CARPOOL_TRIPS « online »</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>Downloading the carpool trips of the proof register from {} …</source>
            <translation>Téléchargement des trajets du registre de preuve de covoiturage depuis {} …</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>CARPOOL_TRIPS: {} does not exist. Give the register's monthly CSV files, their folder, or 'online'.</source>
            <translation>CARPOOL_TRIPS : {} n’existe pas. Donnez les fichiers CSV mensuels du registre, leur dossier, ou « online ».</translation>
        </message>
        <message>
            <location filename="../../processing/carpool_trips.py" line="1" />
            <source>Reading the carpool trips in {} …</source>
            <translation>Lecture des trajets en covoiturage dans {} …</translation>
        </message>
    </context>
</TS>