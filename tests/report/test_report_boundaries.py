"""The bundled country outlines and the TopoJSON decoder."""

from __future__ import annotations

from importlib import resources

import pytest

from eventcoder.report import boundaries


def test_decoder_undoes_deltas_quantisation_and_reversed_arcs():
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "004", "properties": {"name": "Square"}},
            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "properties": {"name": "Backwards"}},
        ]}},
    }
    arcs = boundaries.decode_arcs(topo)
    assert arcs[0] == [(10, 20), (11, 20), (11, 21)]
    square, back = boundaries.decode_countries(topo)
    assert square.name == "Square" and square.iso == 4 and back.iso is None
    assert square.polygons[0][0] == [(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]
    assert back.polygons[0][0] == [(10, 20), (10, 21), (11, 21), (11, 20), (10, 20)]
    assert square.bbox == (10, 20, 11, 21)


def test_bundled_boundaries_are_small_and_right():
    folder = resources.files("eventcoder.geo") / "data"
    data = folder / boundaries.BOUNDARIES_FILE
    assert len(data.read_bytes()) < 1_000_000
    readme = (folder / "boundaries.README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme and "world-atlas" in readme
    assert len(boundaries.countries()) > 150
    chad = boundaries.find_country("Chad")
    assert chad.iso == 148
    x0, y0, x1, y1 = chad.bbox
    assert 13 < x0 < 14.5 and 23 < x1 < 24.5 and 7 < y0 < 8 and 23 < y1 < 24
    assert boundaries.find_country(iso=466).name == "Mali"
    assert boundaries.find_country("Democratic Republic of the Congo").iso == 180
    france = boundaries.find_country("France")
    assert france.main_bbox[0] > -6  # the main polygon leaves out French Guiana


@pytest.mark.parametrize("name", ["Mali", "Chad", "Nigeria"])
def test_rings_are_closed(name):
    for poly in boundaries.find_country(name).polygons:
        for ring in poly:
            assert ring[0] == pytest.approx(ring[-1])
