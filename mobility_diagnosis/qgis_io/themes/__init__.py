"""Each theme's QGIS-side reading and writing: read the territory GeoPackage, call the pure core,
shape the output layers. Shared by the Processing algorithms and the benchmarks."""
