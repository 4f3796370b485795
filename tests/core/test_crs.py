import pytest

from mobility_diagnosis.core.crs import metric_crs


@pytest.mark.parametrize(
    "lon, lat, french, epsg",
    [
        (7.42, 43.74, False, 2154),  # Monaco: inside the metropolitan outline, consistent with its neighbours
        (2.35, 48.85, True, 2154),  # Paris
        (8.74, 41.92, True, 2154),  # Ajaccio (Corsica)
        (5.92, 45.57, False, 2154),  # Chambéry
        (8.69, 49.41, False, 32632),  # Heidelberg: Germany, UTM 32N
        (-1.55, 47.22, False, 2154),  # Nantes
        (2.17, 41.39, False, 32631),  # Barcelona
        (55.45, -20.88, True, 2975),  # Saint-Denis, La Réunion
        (-61.53, 16.24, True, 5490),  # Pointe-à-Pitre
        (-52.33, 4.94, True, 2972),  # Cayenne
        (45.23, -12.78, True, 4471),  # Mamoudzou
        (-73.98, 40.75, False, 32618),  # New York
        (151.2, -33.87, False, 32756),  # Sydney
    ],
)
def test_metric_crs(lon, lat, french, epsg):
    assert metric_crs(lon, lat, french)[0] == epsg
