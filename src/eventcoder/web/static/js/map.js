// The map: bundled Natural Earth country outlines (no tile server needed), an optional tile layer,
// and one circle per place with events, sized by the number of events and coloured by event type.

import { h, typeColor, fmtInt, fmtDate, plural, swatch } from "./dom.js";

let map = null;
let groupsLayer = null;
let countriesLayer = null;
let legendEl = null;
let groupOf = new Map();     // event id -> group
let onSelectFn = () => {};
let fittedFor = null;
let countriesWithEvents = new Set();
let hasTiles = false;

const CANVAS_ABOVE = 3000;  // more places than this are drawn on a canvas instead of SVG

function escapeText(t) {
  // Leaflet puts attribution strings into the page as markup; the server's setting is escaped first.
  return String(t).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

export async function initMap(el, config, onSelect) {
  onSelectFn = onSelect;
  map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 0.5 }).setView([12, 12], 3);
  map.attributionControl.setPrefix(false);
  map.createPane("countries").style.zIndex = 250;
  const overlays = {};
  hasTiles = !!config.tile_url;
  if (config.tile_url) {
    const tiles = L.tileLayer(config.tile_url, { attribution: escapeText(config.tile_attribution || ""), maxZoom: 18 });
    tiles.addTo(map);
    overlays["Tiles"] = tiles;
    el.classList.add("with-tiles");
  }
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  legendEl = h("div", { className: "map-legend leaflet-bar" });
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => { L.DomEvent.disableClickPropagation(legendEl); return legendEl; };
  legend.addTo(map);
  try {
    const res = await fetch("/static/vendor/world-atlas/countries-110m.json");
    const topo = await res.json();
    const geo = topojson.feature(topo, topo.objects.countries);
    countriesLayer = L.geoJSON(geo, {
      pane: "countries", interactive: false, renderer: L.svg({ pane: "countries" }),
      style: countryStyle,
    }).addTo(map);
    overlays["Country outlines"] = countriesLayer;
  } catch (err) {
    console.warn("country outlines not loaded", err);
  }
  L.control.layers(null, overlays, { position: "topright", collapsed: true }).addTo(map);
  L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
}

function countryStyle(feature) {
  const active = countriesWithEvents.has(feature.properties.name);
  return {
    color: "#a7a196", weight: 0.7, fill: !hasTiles, fillOpacity: 1,
    fillColor: active ? "#efe4c8" : "#f6f3ec",
  };
}

export function setActiveCountries(names) {
  countriesWithEvents = new Set(names);
  if (countriesLayer) countriesLayer.setStyle(countryStyle);
}

function radius(g) {
  return Math.min(24, 5 + 3 * Math.sqrt(g.events.length - 1) + Math.sqrt(g.fatalities) / 2);
}

function dominantType(g) {
  const n = new Map();
  for (const p of g.events) n.set(p.event_type, (n.get(p.event_type) || 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** Draw the points of the current filter; refit the view when the filter changed. */
export function drawPoints(data, filterKey, selected) {
  if (!map) return;
  if (groupsLayer) groupsLayer.remove();
  groupOf = new Map();
  const groups = new Map();
  for (const p of data.points) {
    const key = `${p.lat.toFixed(4)},${p.lon.toFixed(4)}`;
    let g = groups.get(key);
    if (!g) { g = { key, lat: p.lat, lon: p.lon, events: [], fatalities: 0, location: p.location, country: p.country }; groups.set(key, g); }
    g.events.push(p);
    g.fatalities += p.fatalities || 0;
    groupOf.set(p.event_id, g);
  }
  const renderer = groups.size > CANVAS_ABOVE ? L.canvas({ padding: 0.3 }) : L.svg({ padding: 0.3 });
  groupsLayer = L.layerGroup();
  const types = new Map();
  const ordered = [...groups.values()].sort((a, b) => radius(b) - radius(a));  // small circles on top
  for (const g of ordered) {
    g.type = dominantType(g);
    types.set(g.type, (types.get(g.type) || 0) + g.events.length);
    g.layer = L.circleMarker([g.lat, g.lon], {
      renderer, radius: radius(g), color: "#ffffff", weight: 1.2, fillColor: typeColor(g.type), fillOpacity: 0.82,
      className: "ec-marker",
    });
    g.layer.bindTooltip(() => tooltip(g), { direction: "top", offset: [0, -radius(g)], opacity: 0.95 });
    g.layer.on("click", () => clickGroup(g));
    groupsLayer.addLayer(g.layer);
  }
  groupsLayer.addTo(map);
  map.getContainer().dataset.markers = String(groups.size);
  map.getContainer().dataset.points = String(data.points.length);
  drawLegend(types, data);
  if (filterKey !== fittedFor && groups.size) {
    fittedFor = filterKey;
    const bounds = L.latLngBounds(ordered.map((g) => [g.lat, g.lon]));
    map.fitBounds(bounds.pad(0.15), { maxZoom: 6, animate: false });
  }
  highlight(selected, false);
}

function tooltip(g) {
  const place = [g.location, g.country].filter(Boolean).join(", ") || `${g.lat.toFixed(3)}, ${g.lon.toFixed(3)}`;
  return h("div", { className: "map-tip" },
    h("strong", null, place), h("br"),
    plural(g.events.length, "event"), g.fatalities ? ` · ${plural(g.fatalities, "fatality", "fatalities")}` : "",
    g.events.length === 1 ? [h("br"), `${fmtDate(g.events[0].event_date)} · ${g.events[0].sub_event_type}`] : null);
}

function clickGroup(g) {
  if (g.events.length === 1) { onSelectFn(g.events[0].event_id); return; }
  const list = h("div", { className: "map-popup" },
    h("div", { className: "map-popup-title" }, [g.location, g.country].filter(Boolean).join(", "), " — ", plural(g.events.length, "event")),
    h("ul", null, [...g.events].sort((a, b) => String(b.event_date).localeCompare(String(a.event_date))).map((p) =>
      h("li", null, h("button", { type: "button", className: "linklike", onclick: () => { onSelectFn(p.event_id); } },
        swatch(p.event_type), `${fmtDate(p.event_date)} · ${p.sub_event_type}${p.fatalities ? ` · ${fmtInt(p.fatalities)} killed` : ""}`)))));
  L.popup({ maxHeight: 260, minWidth: 240 }).setLatLng([g.lat, g.lon]).setContent(list).openOn(map);
}

function drawLegend(types, data) {
  const rows = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) =>
    h("div", { className: "legend-row" }, swatch(t), `${t} `, h("span", { className: "muted" }, fmtInt(n))));
  const note = data.total > data.located
    ? h("div", { className: "legend-note" }, `${fmtInt(data.total - data.located)} of ${fmtInt(data.total)} events have no coordinates`)
    : null;
  const trunc = data.truncated ? h("div", { className: "legend-note warn" }, `showing the first ${fmtInt(data.points.length)} located events`) : null;
  while (legendEl.firstChild) legendEl.removeChild(legendEl.firstChild);
  legendEl.append(...(rows.length ? rows : [h("div", { className: "muted" }, "No located events")]));
  if (note) legendEl.append(note);
  if (trunc) legendEl.append(trunc);
}

let lastSelected = null;
/** Ring the place of the selected event; pan to it when it is off screen. */
export function highlight(eventId, pan = true) {
  if (lastSelected && lastSelected.layer) lastSelected.layer.setStyle({ color: "#ffffff", weight: 1.2 });
  lastSelected = null;
  const g = eventId ? groupOf.get(eventId) : null;
  if (!g || !g.layer) return;
  g.layer.setStyle({ color: "#111111", weight: 3 });
  g.layer.bringToFront();
  lastSelected = g;
  if (pan && !map.getBounds().contains(g.layer.getLatLng())) map.panTo(g.layer.getLatLng());
}

export function invalidate() { if (map) map.invalidateSize(); }
