"""Many territories in one run (``diagnosemany`` and the command line): the territories expanded, the
data read once into a union store, per-territory jobs in parallel (local processes or Dask), the
comparison and the run log. A sibling of ``processing``: its jobs run the plugin's algorithms."""
