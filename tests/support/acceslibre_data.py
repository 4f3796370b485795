"""Acceslibre replies and export rows in the documented formats, for the tests.

- ``api_result``: one result of ``GET /api/erps/`` shaped as the expected reply of MTES-MCT/acceslibre
  ``tests/api/tests.py`` (``test_detail``): the same keys, ``geom`` as GeoJSON, ``accessibilite`` grouped by
  section with the parking fields in ``transport`` (``parking_section="stationnement"`` gives the older layout
  of ``erp/schema.py``, where they had their own section). The values are ours.
- ``api_page``: the ``ErpPagination`` page (``count``, ``page_size``, ``next``, ``previous``, ``results``).
- ``EXPORT_HEADER`` / ``export_csv``: the columns of the data.gouv.fr export, in the order of ``EtalabMapper``
  (``erp/export/mappers.py``), booleans written True/False and empty when unknown, as its export test shows.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional

EXPORT_HEADER = [
    "id", "name", "postal_code", "commune", "numero", "voie", "lieu_dit", "code_insee", "siret", "activite",
    "contact_url", "site_internet", "longitude", "latitude", "transport_station_presence",
    "stationnement_presence", "stationnement_pmr", "stationnement_ext_presence", "stationnement_ext_pmr",
    "cheminement_ext_presence", "cheminement_ext_terrain_stable", "cheminement_ext_plain_pied",
    "cheminement_ext_ascenseur", "cheminement_ext_nombre_marches", "cheminement_ext_reperage_marches",
    "cheminement_ext_sens_marches", "cheminement_ext_main_courante", "cheminement_ext_rampe",
    "cheminement_ext_pente_presence", "cheminement_ext_pente_degre_difficulte", "cheminement_ext_pente_longueur",
    "cheminement_ext_devers", "cheminement_ext_bande_guidage", "cheminement_ext_retrecissement",
    "entree_reperage", "entree_vitree", "entree_vitree_vitrophanie", "entree_plain_pied", "entree_ascenseur",
    "entree_marches", "entree_marches_reperage", "entree_marches_main_courante", "entree_marches_rampe",
    "entree_marches_sens", "entree_dispositif_appel", "entree_dispositif_appel_type", "entree_balise_sonore",
    "entree_aide_humaine", "entree_largeur_mini", "entree_pmr", "entree_porte_presence", "entree_porte_manoeuvre",
    "entree_porte_type", "accueil_visibilite", "accueil_personnels", "accueil_audiodescription_presence",
    "accueil_audiodescription", "accueil_equipements_malentendants_presence", "accueil_equipements_malentendants",
    "accueil_cheminement_plain_pied", "accueil_cheminement_ascenseur", "accueil_cheminement_nombre_marches",
    "accueil_cheminement_reperage_marches", "accueil_cheminement_main_courante", "accueil_cheminement_rampe",
    "accueil_cheminement_sens_marches", "accueil_ascenseur_etage", "accueil_ascenseur_etage_pmr",
    "accueil_classes_accessibilite", "accueil_espaces_ouverts", "accueil_chambre_nombre_accessibles",
    "accueil_chambre_douche_plain_pied", "accueil_chambre_douche_siege", "accueil_chambre_douche_barre_appui",
    "accueil_chambre_sanitaires_barre_appui", "accueil_chambre_sanitaires_espace_usage",
    "accueil_chambre_numero_visible", "accueil_chambre_equipement_alerte", "accueil_chambre_accompagnement",
    "accueil_retrecissement", "sanitaires_presence", "sanitaires_adaptes", "labels", "labels_familles_handicap",
    "registre_url", "conformite", "web_url",
]  # fmt: skip

TRANSPORT = ("transport_station_presence", "transport_information")
PARKING = (
    "stationnement_presence",
    "stationnement_pmr",
    "stationnement_ext_presence",
    "stationnement_ext_pmr",
)
OUTSIDE = (
    "cheminement_ext_presence", "cheminement_ext_terrain_stable", "cheminement_ext_plain_pied",
    "cheminement_ext_ascenseur", "cheminement_ext_nombre_marches", "cheminement_ext_sens_marches",
    "cheminement_ext_reperage_marches", "cheminement_ext_main_courante", "cheminement_ext_rampe",
    "cheminement_ext_pente_presence", "cheminement_ext_pente_degre_difficulte", "cheminement_ext_pente_longueur",
    "cheminement_ext_devers", "cheminement_ext_bande_guidage", "cheminement_ext_retrecissement",
)  # fmt: skip
ENTRANCE = (
    "entree_reperage", "entree_porte_presence", "entree_porte_manoeuvre", "entree_porte_type", "entree_vitree",
    "entree_vitree_vitrophanie", "entree_plain_pied", "entree_ascenseur", "entree_marches", "entree_marches_sens",
    "entree_marches_reperage", "entree_marches_main_courante", "entree_marches_rampe", "entree_dispositif_appel",
    "entree_balise_sonore", "entree_aide_humaine", "entree_largeur_mini", "entree_pmr", "entree_pmr_informations",
)  # fmt: skip


def api_result(
    uid: str,
    name: str,
    lon: float,
    lat: float,
    code_insee: str = "06032",
    parking_section: str = "transport",
    **access: Any,
) -> dict:
    """One establishment; ``access`` sets accessibility fields (the others are null)."""
    slug = name.lower().replace(" ", "-")

    def section(names):
        return {n: access.get(n) for n in names}

    accessibilite = {
        "url": f"https://acceslibre.example/api/accessibilite/{uid}/",
        "erp": f"https://acceslibre.example/api/erps/{slug}/",
        "transport": section(TRANSPORT + (PARKING if parking_section == "transport" else ())),
        "cheminement_ext": section(OUTSIDE),
        "entree": section(ENTRANCE),
        "accueil": {"sanitaires_presence": None, "sanitaires_adaptes": None},
        "registre": {"registre_url": None},
        "conformite": {"conformite": None},
        "commentaire": {
            "labels": [],
            "labels_familles_handicap": [],
            "labels_autre": None,
            "commentaire": None,
        },
    }
    if parking_section != "transport":
        accessibilite[parking_section] = section(PARKING)
    return {
        "url": f"https://acceslibre.example/api/erps/{slug}/",
        "web_url": f"https://acceslibre.example/app/06-cap-d-ail/a/mairie/erp/{slug}/",
        "uuid": uid,
        "activite": {"nom": "Mairie", "slug": "mairie"},
        "nom": name,
        "slug": slug,
        "adresse": "1 avenue de la Gare 06320 Cap-d'Ail",
        "commune": "Cap-d'Ail",
        "code_insee": code_insee,
        "code_postal": "06320",
        "geom": {"type": "Point", "coordinates": [lon, lat]},
        "ban_id": None,
        "siret": None,
        "telephone": None,
        "site_internet": None,
        "contact_email": None,
        "contact_url": None,
        "user_type": "public",
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-02T00:00:00Z",
        "published": True,
        "accessibilite": accessibilite,
        "distance": None,
        "source_id": None,
        "asp_id": None,
    }


def api_page(results: list, next_url: Optional[str] = None, count: Optional[int] = None) -> bytes:
    return json.dumps(
        {
            "count": len(results) if count is None else count,
            "page_size": 1000,
            "next": next_url,
            "previous": None,
            "results": results,
        }
    ).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)  # Python's str: True / False, as the export writes them


def export_csv(rows: list) -> str:
    """rows: dicts with ``id``, ``name``, ``longitude``, ``latitude``… and accessibility fields."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in EXPORT_HEADER])
    return out.getvalue()
