"""The other online open-data sources, through ``net``: geo.api.gouv.fr, transport.data.gouv.fr
(GTFS, carpool areas), the school directory of data.education.gouv.fr."""
