"""The GeoPackages the plugin writes and reads: territory, diagnosis (with its styles), the QGIS
project stored inside it, and rows written in bulk through SQLite."""
