"""OpenStreetMap data in: local OSM files, the Overpass client, the territory's outline
(resolved offline first) and the whole fetch step that writes the territory GeoPackage."""
