"""Country outlines for the report's map, decoded from the bundled TopoJSON.

The data is Natural Earth's 1:110m Admin-0 countries (public domain) as
TopoJSON, from the npm package ``world-atlas`` 2.0.2; see
``eventcoder/geo/data/boundaries.README.md``. TopoJSON stores each shared
border once, as an *arc*: a delta-encoded, quantised line. A ring is a list
of arc indexes (``~i``, i.e. ``-i - 1``, means arc ``i`` walked backwards).
Decoding is: undo the deltas, undo the quantisation, join the arcs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs

BOUNDARIES_FILE = "boundaries-110m.json"


@dataclass(frozen=True)
class Country:
    """One country's outline: polygons, each an exterior ring followed by its holes."""

    name: str
    iso: int | None  # ISO 3166-1 numeric (None for e.g. "Kosovo", "N. Cyprus")
    polygons: tuple[tuple[Ring, ...], ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min_lon, min_lat, max_lon, max_lat) of all its polygons."""
        xs = [x for poly in self.polygons for x, _ in poly[0]]
        ys = [y for poly in self.polygons for _, y in poly[0]]
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def main_bbox(self) -> tuple[float, float, float, float]:
        """Bounding box of the largest polygon (France without French Guiana, say)."""
        poly = max(self.polygons, key=lambda p: abs(ring_area(p[0])))
        xs = [x for x, _ in poly[0]]
        ys = [y for _, y in poly[0]]
        return min(xs), min(ys), max(xs), max(ys)


def ring_area(ring: Ring) -> float:
    """Planar (shoelace) area in square degrees; the sign gives the winding."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))


def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute (lon, lat) coordinates of every arc of a TopoJSON topology."""
    tf = topology.get("transform")
    out: list[Ring] = []
    for arc in topology["arcs"]:
        if tf:
            (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
            x = y = 0
            pts = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        out.append(pts)
    return out


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    pts: Ring = []
    for i in indexes:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(seg[1:] if pts else seg)
    return pts


def decode_countries(topology: dict, obj: str = "countries") -> list[Country]:
    """Every Polygon / MultiPolygon of ``topology['objects'][obj]`` as a :class:`Country`."""
    arcs = decode_arcs(topology)
    out: list[Country] = []
    for geom in topology["objects"][obj]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        polygons = tuple(tuple(_ring(r, arcs) for r in poly) for poly in polys)
        ident = geom.get("id")
        iso = int(ident) if isinstance(ident, str) and ident.isdigit() else None
        out.append(Country((geom.get("properties") or {}).get("name", ""), iso, polygons))
    return out


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The bundled country outlines (decoded once per process)."""
    path = resources.files("eventcoder.geo") / "data" / BOUNDARIES_FILE
    return tuple(decode_countries(json.loads(path.read_text(encoding="utf-8"))))


_ALIASES = {
    "united states": "united states of america", "usa": "united states of america",
    "democratic republic of congo": "dem. rep. congo", "democratic republic of the congo": "dem. rep. congo",
    "dr congo": "dem. rep. congo", "republic of congo": "congo", "central african republic": "central african rep.",
    "south sudan": "s. sudan", "ivory coast": "côte d'ivoire", "cote d'ivoire": "côte d'ivoire",
    "bosnia and herzegovina": "bosnia and herz.", "dominican republic": "dominican rep.",
    "equatorial guinea": "eq. guinea", "western sahara": "w. sahara", "eswatini": "eswatini",
    "solomon islands": "solomon is.", "czech republic": "czechia",
}


def find_country(name: str | None = None, iso: int | None = None) -> Country | None:
    """The outline for an ISO numeric code or a country name (case-insensitive), if bundled."""
    if iso is not None:
        for c in countries():
            if c.iso == iso:
                return c
    if name:
        key = name.strip().lower()
        key = _ALIASES.get(key, key)
        for c in countries():
            if c.name.lower() == key:
                return c
    return None


def visible(bbox: tuple[float, float, float, float]) -> list[Country]:
    """Countries whose outline touches ``bbox`` (min_lon, min_lat, max_lon, max_lat)."""
    x0, y0, x1, y1 = bbox
    out = []
    for c in countries():
        a, b, cx, d = c.bbox
        if a <= x1 and cx >= x0 and b <= y1 and d >= y0:
            out.append(c)
    return out


def lat_aspect(min_lat: float, max_lat: float) -> float:
    """Data aspect ratio for a plate carrée map that keeps shapes right at the middle latitude."""
    mid = math.radians((min_lat + max_lat) / 2)
    return 1 / max(math.cos(mid), 0.2)
