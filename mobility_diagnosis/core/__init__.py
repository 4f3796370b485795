"""Pure core: tag rules, LTS, graph search, indicators, package descriptors.

No ``qgis``, Qt or GDAL import may appear below this package: it is plain typed Python (plus
numpy) so that it is fast to test and easy to read. Rules live as data tables.
"""
