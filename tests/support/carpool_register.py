"""Monthly files of the carpool proof register's open data, written by hand for the tests.

These rows follow the register's documented publication: the dataset page « Trajets réalisés en covoiturage –
registre de preuve de covoiturage » on data.gouv.fr (one row per passenger–driver pair, distance in metres) and
the register's publication job (covoiturage-gouv-fr/mono, ``datalake/pipelines/helpers/datagouv_query.py``:
``DATAGOUV_FIELDS`` in the published order, ``;`` separator, a header with every name quoted, text values
quoted, numbers not; ``datalake/pipelines/cmd/datagouv.py``: one uncompressed ``YYYY-MM.csv`` a month). The
journeys, communes and figures are invented; the codes and town names are real communes of the
Alpes-Maritimes and Monaco.
"""

from __future__ import annotations

import json

FIELDS = (
    "journey_id", "trip_id", "journey_start_datetime", "journey_start_date", "journey_start_time",
    "journey_start_lon", "journey_start_lat", "journey_start_insee", "journey_start_department",
    "journey_start_town", "journey_start_towngroup", "journey_start_country", "journey_end_datetime",
    "journey_end_date", "journey_end_time", "journey_end_lon", "journey_end_lat", "journey_end_insee",
    "journey_end_department", "journey_end_town", "journey_end_towngroup", "journey_end_country",
    "passenger_seats", "operator_class", "journey_distance", "journey_duration", "has_incentive",
)  # fmt: skip
NUMERIC = {
    "journey_id", "journey_start_lon", "journey_start_lat", "journey_end_lon", "journey_end_lat",
    "passenger_seats", "journey_distance", "journey_duration",
}  # fmt: skip

CAP_DAIL, NICE, MONACO, BEAUSOLEIL, MENTON = "06032", "06088", "99138", "06012", "06083"
TOWNS = {
    CAP_DAIL: ("Cap-d'Ail", "CC de la Riviera Française"),  # not its real group: a name to carry
    NICE: ("Nice", "Métropole Nice Côte d'Azur"),
    MONACO: ("Monaco", ""),
    BEAUSOLEIL: ("Beausoleil", "CA de la Riviera Française"),
    MENTON: ("Menton", "CA de la Riviera Française"),
}


def journey(n: int, start: str, end: str, day: str, distance_m: int, seats: int = 1) -> dict:
    """One journey (a passenger–driver pair) of ``day`` (YYYY-MM-DD) from commune ``start`` to ``end``."""
    s_town, s_group = TOWNS[start]
    e_town, e_group = TOWNS[end]
    return {
        "journey_id": str(100000 + n), "trip_id": f"c4124bb1-d8a4-487c-b4d9-{n:012d}",
        "journey_start_datetime": f"{day}T07:30:00+0100", "journey_start_date": day,
        "journey_start_time": "07:30:00", "journey_start_lon": "7.40", "journey_start_lat": "43.72",
        "journey_start_insee": start, "journey_start_department": start[:2], "journey_start_town": s_town,
        "journey_start_towngroup": s_group, "journey_start_country": "France" if start[:2] != "99" else "Monaco",
        "journey_end_datetime": f"{day}T08:00:00+0100", "journey_end_date": day, "journey_end_time": "08:00:00",
        "journey_end_lon": "7.26", "journey_end_lat": "43.70", "journey_end_insee": end,
        "journey_end_department": end[:2], "journey_end_town": e_town, "journey_end_towngroup": e_group,
        "journey_end_country": "France" if end[:2] != "99" else "Monaco", "passenger_seats": str(seats),
        "operator_class": "C", "journey_distance": str(distance_m), "journey_duration": "30",
        "has_incentive": "OUI",
    }  # fmt: skip


def month_csv(journeys: list[dict]) -> bytes:
    """A month as published: quoted header, quoted text values, ``;``, UTF-8."""
    lines = [";".join(f'"{name}"' for name in FIELDS)]
    for row in journeys:
        lines.append(";".join(row[f] if f in NUMERIC else f'"{row[f]}"' for f in FIELDS))
    return ("\n".join(lines) + "\n").encode("utf-8")


# January 2024: Cap-d'Ail → Nice ×3 (12 km, 14 km, 10 km), → Monaco ×1 (4 km); Nice → Cap-d'Ail ×2 (13 km,
# 11 km); within Cap-d'Ail ×1 (2 km); Nice → Menton ×2 (not the commune's).
JANUARY = [
    journey(1, CAP_DAIL, NICE, "2024-01-08", 12000),
    journey(2, CAP_DAIL, NICE, "2024-01-09", 14000, seats=2),
    journey(3, CAP_DAIL, NICE, "2024-01-10", 10000),
    journey(4, CAP_DAIL, MONACO, "2024-01-11", 4000),
    journey(5, NICE, CAP_DAIL, "2024-01-08", 13000),
    journey(6, NICE, CAP_DAIL, "2024-01-09", 11000),
    journey(7, CAP_DAIL, CAP_DAIL, "2024-01-12", 2000),
    journey(8, NICE, MENTON, "2024-01-08", 30000),
    journey(9, NICE, MENTON, "2024-01-09", 31000),
]
# February 2024: Beausoleil → Cap-d'Ail ×2 (6 km each), Cap-d'Ail → Monaco ×1 (5 km); Menton → Nice ×1.
FEBRUARY = [
    journey(10, BEAUSOLEIL, CAP_DAIL, "2024-02-05", 6000),
    journey(11, BEAUSOLEIL, CAP_DAIL, "2024-02-06", 6000),
    journey(12, CAP_DAIL, MONACO, "2024-02-07", 5000),
    journey(13, MENTON, NICE, "2024-02-07", 30000),
]
# What Cap-d'Ail has over both months, worked out by hand from the rows above.
CAP_DAIL_EXPECTED = {
    "outgoing": 5, "incoming": 4, "internal": 1,
    "mean_distance_km": round((12 + 14 + 10 + 4 + 13 + 11 + 2 + 6 + 6 + 5) / 10, 1),  # 8.3
    "destinations": [(NICE, "Nice", 3), (MONACO, "Monaco", 2)],
    "origins": [(BEAUSOLEIL, "Beausoleil", 2), (NICE, "Nice", 2)],
}  # fmt: skip

DATASET = "/api/1/datasets/trajets-realises-en-covoiturage-registre-de-preuve-de-covoiturage/"
JANUARY_PATH, FEBRUARY_PATH, MARCH_PATH = (
    "/resources/2024-01.csv",
    "/resources/2024-02.csv",
    "/resources/2024-03.csv",
)


def dataset_description(server, paths=(JANUARY_PATH, FEBRUARY_PATH)) -> bytes:
    """The shape of data.gouv.fr's API v1 dataset reply: its resources with title and url (plus a PDF
    that is no month)."""
    resources = [
        {"title": "Documentation des données", "format": "pdf", "url": server.url("/resources/doc.pdf")}
    ]
    resources += [{"title": p.rsplit("/", 1)[1], "format": "csv", "url": server.url(p)} for p in paths]
    return json.dumps({"id": "5e9f1d2b8b4c4166e7b2a6f4", "slug": DATASET.split("/")[-2],  # pragma: allowlist secret
                       "resources": resources}).encode()  # fmt: skip
