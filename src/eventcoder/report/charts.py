"""The report's figures, drawn with matplotlib into SVG text (no pyplot, no display, no network).

* :func:`timeline_svg`: events and fatalities per week, stacked by event type.
* :func:`map_svg`: events by place on the bundled country outlines, circles
  sized by fatalities and coloured by the place's most frequent event type.

Text is drawn as paths so a figure looks the same in any browser and in the
PDF; the output is deterministic (fixed hash salt, no date in the metadata).
"""

from __future__ import annotations

import io
import math
import re
import matplotlib
import matplotlib.dates
import matplotlib.ticker
from matplotlib import rc_context
from matplotlib.figure import Figure  # a bare Figure: no pyplot, no GUI backend, no global state
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from eventcoder.report import boundaries
from eventcoder.report.content import Period, places, type_colour, weekly_series

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"
LAND = "#eef0f2"
LAND_ACTIVE = "#dde6ee"
BORDER = "#b8c2cc"
WATER = "#f7fafc"

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": BORDER,
    "axes.labelcolor": MUTED,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlecolor": INK,
    "axes.titlelocation": "left",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "svg.fonttype": "path",
    "svg.hashsalt": "eventcoder-report",
}


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buf.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    return text.strip()


def timeline_svg(recs: list[dict], period: Period) -> str | None:
    """Two stacked-bar panels sharing the week axis; None when no event has a date."""
    weeks, events, deaths = weekly_series(recs, period)
    if not weeks:
        return None
    types = sorted(events, key=lambda t: -sum(events[t]))
    x = [matplotlib.dates.date2num(w) + 3.5 for w in weeks]  # bar centred on its week
    width = 6.0
    with rc_context(STYLE):
        fig = Figure(figsize=(7.6, 4.6), layout="constrained")
        ax1, ax2 = fig.subplots(2, 1, sharex=True, height_ratios=[1, 1])
        for ax, series, title in ((ax1, events, "Events per week"), (ax2, deaths, "Fatalities per week (best estimate)")):
            bottom = [0] * len(weeks)
            for t in types:
                vals = series.get(t, [0] * len(weeks))
                drawn = [i for i, v in enumerate(vals) if v]  # empty weeks draw nothing (smaller SVG)
                if drawn:
                    ax.bar([x[i] for i in drawn], [vals[i] for i in drawn], width=width,
                           bottom=[bottom[i] for i in drawn], color=type_colour(t), edgecolor="white", linewidth=0.4,
                           label=t)
                bottom = [b + v for b, v in zip(bottom, vals)]
            ax.set_title(title, pad=4)
            top = max(bottom) if bottom else 0
            ax.set_ylim(0, max(1, top) * 1.15)
            ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=4))
            ax.grid(axis="y", color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            ax.tick_params(axis="y", length=0)
            if not top:
                ax.text(0.5, 0.5, "none reported", transform=ax.transAxes, ha="center", va="center", color=MUTED)
        span = len(weeks)
        loc = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=8)
        ax2.xaxis.set_major_locator(loc)
        ax2.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d %b\n%Y" if span <= 26 else "%b\n%Y"))
        ax2.set_xlim(x[0] - 4, x[-1] + 4)
        handles = [Patch(color=type_colour(t), label=t) for t in types]
        fig.legend(handles=handles, loc="outside lower center", ncol=min(4, len(handles)), frameon=False,
                   fontsize=8, handlelength=1.2, columnspacing=1.2)
        return _svg(fig)


def _extent(pts: list[dict], country: str | None, aspect_target: float) -> tuple[float, float, float, float]:
    """The map's (lon0, lat0, lon1, lat1): the chosen country, or up to three countries with events, and every place."""
    boxes = []
    focus = [boundaries.find_country(country)] if country else []
    if not focus:
        named = list(dict.fromkeys((p.get("iso"), p.get("country")) for p in pts))
        if len(named) <= 3:
            focus = [boundaries.find_country(name, iso) for iso, name in named]
    boxes.extend(c.main_bbox for c in focus if c)
    if pts:
        xs, ys = [p["lon"] for p in pts], [p["lat"] for p in pts]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    if not boxes:
        return -180, -60, 180, 80
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    # at least 8 degrees across, with a margin
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = max(x1 - x0, 8.0) * 1.25, max(y1 - y0, 6.0) * 1.25
    # widen the short side so the map fills the figure at the right aspect
    k = boundaries.lat_aspect(cy - h / 2, cy + h / 2)
    if w / (h * k) < aspect_target:
        w = h * k * aspect_target
    else:
        h = w / (k * aspect_target)
    w, h = min(w, 360), min(h, 150)
    x0, x1 = max(-180, cx - w / 2), min(180, cx + w / 2)
    y0, y1 = max(-85, cy - h / 2), min(85, cy + h / 2)
    return x0, y0, x1, y1


def _country_path(c: boundaries.Country) -> MplPath:
    verts, codes = [], []
    for poly in c.polygons:
        for ring in poly:
            if len(ring) < 3:
                continue
            verts.extend(ring)
            verts.append(ring[0])
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY])
    return MplPath(verts, codes)


def _size(fatalities: int) -> float:
    """Marker area (points^2): a floor for events without deaths, then growing with the square root."""
    return 28 + 38 * math.sqrt(max(fatalities, 0))


def map_svg(recs: list[dict], country: str | None = None) -> tuple[str, int]:
    """The map, and how many events could not be placed on it (no coordinates)."""
    pts = places(recs)
    unmapped = sum(1 for r in recs if r.get("latitude") is None or r.get("longitude") is None)
    aspect = 7.6 / 5.0
    x0, y0, x1, y1 = _extent(pts, country, aspect)
    active_iso = {r.get("iso") for r in recs if r.get("iso")}
    active_names = {(r.get("country") or "").lower() for r in recs}
    focus = boundaries.find_country(country) if country else None
    with rc_context(STYLE):
        fig = Figure(figsize=(7.6, 5.6), layout="constrained")
        ax = fig.add_subplot()
        ax.set_facecolor(WATER)
        for c in boundaries.visible((x0 - 5, y0 - 5, x1 + 5, y1 + 5)):
            active = c.iso in active_iso or c.name.lower() in active_names or c is focus
            ax.add_patch(PathPatch(_country_path(c), facecolor=LAND_ACTIVE if active else LAND, edgecolor=BORDER,
                                   linewidth=0.6, zorder=1))
            bx0, by0, bx1, by1 = c.main_bbox
            lx, ly = (bx0 + bx1) / 2, (by0 + by1) / 2
            big = (bx1 - bx0) > 0.12 * (x1 - x0)  # name only countries that have room for it
            if x0 < lx < x1 and y0 < ly < y1 and (active or big):
                ax.text(lx, ly, c.name.upper(), ha="center", va="center", fontsize=8 if active else 6.5,
                        color="#8795a1" if active else "#b3bcc5", fontweight="bold" if active else "normal",
                        zorder=2, clip_on=True)
        for p in sorted(pts, key=lambda p: -p["fatalities"]):  # big circles under small ones
            ax.scatter([p["lon"]], [p["lat"]], s=_size(p["fatalities"]), color=type_colour(p["main_type"]),
                       alpha=0.78, edgecolors="white", linewidths=0.8, zorder=3)
        for p in pts[:10]:
            label = p["name"] + (f" ({p['events']})" if p["events"] > 1 else "")
            r = math.sqrt(_size(p["fatalities"]) / math.pi)
            ax.annotate(label, (p["lon"], p["lat"]), xytext=(r + 3, 0), textcoords="offset points", va="center",
                        fontsize=8, color=INK, zorder=4,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(boundaries.lat_aspect(y0, y1))
        ax.set_xticks([])
        ax.set_yticks([])
        for s in ax.spines.values():
            s.set_edgecolor(BORDER)
        types = list(dict.fromkeys(p["main_type"] for p in pts))
        handles = [Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=type_colour(t),
                          markeredgecolor="white", label=t) for t in types]
        maxf = max((p["fatalities"] for p in pts), default=0)
        for f in [v for v in (0, 10, 100) if v <= max(maxf, 0)] or [0]:
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=math.sqrt(_size(f)),
                                  markerfacecolor="#cbd2d9", markeredgecolor="white",
                                  label=f"{f} fatalities" if f else "no fatalities"))
        if handles:
            fig.legend(handles=handles, loc="outside lower center", ncol=min(4, len(handles)), frameon=False,
                       fontsize=8, handletextpad=0.3, columnspacing=1.2)
        if not pts:
            ax.text(0.5, 0.5, "no event has coordinates", transform=ax.transAxes, ha="center", color=MUTED)
        return _svg(fig), unmapped
