// The filter sidebar. Every control writes the shared filter state; the views follow.

import { h, clear, debounce, fmtInt } from "./dom.js";
import { state, setFilter, resetFilter } from "./state.js";

let root = null;
let controls = {};
let facets = { countries: [], admin1: [] };

export function initFilters(el, config, facetData) {
  root = el;
  facets = facetData;
  controls = {};
  const text = (k, placeholder) => (controls[k] = h("input", { type: "search", name: k, placeholder, autocomplete: "off",
    oninput: debounce(() => setFilter({ [k]: controls[k].value.trim() }), 350) }));
  const num = (k, placeholder) => (controls[k] = h("input", { type: "number", name: k, min: 0, placeholder,
    oninput: debounce(() => setFilter({ [k]: controls[k].value }), 350) }));
  const date = (k) => (controls[k] = h("input", { type: "date", name: k, onchange: () => setFilter({ [k]: controls[k].value }) }));
  const select = (k, options, onchange) => (controls[k] = h("select", { name: k, onchange: onchange || (() => setFilter({ [k]: controls[k].value })) }, options));
  const opt = (value, label) => h("option", { value }, label);

  const typeSel = select("event_type", [opt("", "All types"), ...config.event_types.map((t) => opt(t, t))],
    () => { setFilter({ event_type: typeSel.value, sub_event_type: "" }); fillSubTypes(config); });
  select("sub_event_type", []);
  const countrySel = select("country", [opt("", "All countries"), ...facets.countries.map((c) => opt(c.key, `${c.key} (${fmtInt(c.events)})`))],
    () => { setFilter({ country: countrySel.value, admin1: "" }); fillAdmin1(); });
  select("admin1", []);
  select("modality", [opt("occurred", "Occurred"), opt("all", "Any modality"), ...config.modalities.filter((m) => m !== "occurred").map((m) => opt(m, m[0].toUpperCase() + m.slice(1)))]);
  select("status", [opt("", "Any status"), opt("machine", "Not reviewed"), opt("accepted", "Accepted"), opt("edited", "Edited"), opt("rejected", "Rejected")]);
  controls.include_rejected = h("input", { type: "checkbox", name: "include_rejected", onchange: () => setFilter({ include_rejected: controls.include_rejected.checked }) });

  const group = (label, ...inputs) => h("label", { className: "field" }, h("span", { className: "field-label" }, label), ...inputs);
  clear(root).append(h("form", { className: "filters-form", onsubmit: (e) => e.preventDefault() },
    h("div", { className: "filters-head" }, h("h2", null, "Filter"),
      h("button", { type: "button", className: "small", onclick: () => resetFilter() }, "Reset")),
    group("Search", text("q", "words in notes, actors, places, sources")),
    group("From", date("since")), group("To", date("until")),
    group("Event type", controls.event_type),
    group("Sub-event type", controls.sub_event_type),
    group("Country", controls.country),
    group("Admin1 region", controls.admin1),
    group("Actor", text("actor", "e.g. police, protesters")),
    h("div", { className: "pair" }, group("Fatalities ≥", num("min_fatalities", "0")), group("Sources ≥", num("min_sources", "1"))),
    group("Modality", controls.modality),
    group("Review status", controls.status),
    h("label", { className: "check" }, controls.include_rejected, " include rejected events")));
  fillSubTypes(config);
  fillAdmin1();
  syncFilters();
}

function fillSubTypes(config) {
  const sel = controls.sub_event_type;
  const type = state.filter.event_type;
  const subs = config.sub_event_types.filter((x) => !type || x.event_type === type);
  clear(sel).append(h("option", { value: "" }, "All sub-types"), ...subs.map((x) => h("option", { value: x.name, title: x.definition }, x.name)));
  sel.value = state.filter.sub_event_type || "";
}

function fillAdmin1() {
  const sel = controls.admin1;
  const country = state.filter.country;
  const rows = facets.admin1.filter((a) => !country || a.country === country);
  clear(sel).append(h("option", { value: "" }, rows.length ? "All regions" : "No regions known"),
    ...rows.map((a) => h("option", { value: a.admin1 }, `${a.admin1}${country ? "" : ` (${a.country})`}`)));
  sel.value = state.filter.admin1 || "";
}

/** Put the state's values into the controls (after a reset, a timeline brush or reading the URL). */
export function syncFilters() {
  if (!root) return;
  for (const [k, el] of Object.entries(controls)) {
    const v = state.filter[k];
    if (el.type === "checkbox") el.checked = !!v;
    else if (document.activeElement !== el) el.value = v === undefined ? (k === "modality" ? "occurred" : "") : String(v);
  }
  if (controls.sub_event_type && state.config) fillSubTypes(state.config);
  if (controls.admin1) fillAdmin1();
}
