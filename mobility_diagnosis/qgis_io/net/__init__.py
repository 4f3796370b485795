"""HTTP through QGIS networking (proxy, SSL, authcfg, cancel) and the on-disk cache of replies."""
