"""QGIS-facing I/O: HTTP through QGIS networking, the on-disk cache, OSM file reading,
GeoPackage writing, styles and layouts. Converts between QGIS/GDAL objects and the plain data
the core works on."""
