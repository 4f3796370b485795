import pytest

from mobility_diagnosis.core.osm_header import pbf_timestamp, xml_timestamp
from tests.conftest import data_path


@pytest.mark.parametrize(
    "name, stamp",
    [
        ("monaco_2023.osm.pbf", "2023-12-26T21:21:22Z"),  # Geofabrik, December 2023 (data README)
        ("monaco_communes_2016.osm.pbf", "2016-03-05T00:26:02Z"),
        ("heidelberg_2024.osm.pbf", "2024-09-08T20:21:00Z"),
        ("paris_centre.osm.pbf", None),  # timestamps stripped
    ],
)
def test_pbf_header_timestamp(name, stamp):
    with open(data_path("osm", name), "rb") as f:
        assert pbf_timestamp(f.read(1 << 16)) == stamp


def test_pbf_garbage_is_none():
    assert pbf_timestamp(b"\x00\x00\x00\x05hello") is None
    assert pbf_timestamp(b"") is None


def test_xml_timestamps():
    assert (
        xml_timestamp(b'<osm version="0.6"><meta osm_base="2022-08-24T09:15:54Z"/>') == "2022-08-24T09:15:54Z"
    )
    assert xml_timestamp(b'<osm version="0.6" timestamp="2021-05-01T00:00:00Z">') == "2021-05-01T00:00:00Z"
    assert xml_timestamp(b'<osm version="0.6"><node id="1"/>') is None
