// The app's state: the filter (mirrored in the URL hash so a view can be bookmarked), paging,
// sorting and the selected event. Views subscribe to changes.

export const FILTER_KEYS = ["q", "since", "until", "event_type", "sub_event_type", "country", "admin1", "actor",
  "min_fatalities", "min_sources", "modality", "status", "include_rejected"];

const DEFAULTS = { modality: "occurred" };

const listeners = new Set();

export const state = {
  filter: { ...DEFAULTS },
  sort: "date",
  order: "desc",
  limit: 50,
  offset: 0,
  selected: null,   // event id
  user: null,       // {name, role} when signed in
  config: null,
};

export function onChange(fn) { listeners.add(fn); }

export function emit(what) { for (const fn of listeners) fn(what); }

export function setFilter(patch, { keepDates = true } = {}) {
  const next = { ...state.filter, ...patch };
  for (const k of Object.keys(next)) if (next[k] === "" || next[k] === null || next[k] === undefined || next[k] === false) delete next[k];
  if (!keepDates) { delete next.since; delete next.until; }
  state.filter = next;
  state.offset = 0;
  writeHash();
  emit("filter");
}

export function resetFilter() {
  state.filter = { ...DEFAULTS };
  state.offset = 0;
  writeHash();
  emit("filter");
}

export function select(eventId) {
  state.selected = eventId;
  writeHash();
  emit("select");
}

/** Filter params for API calls; `dates: false` drops the date range (the timeline shows all dates). */
export function filterParams({ dates = true } = {}) {
  const p = { ...state.filter };
  if (!p.modality) p.modality = DEFAULTS.modality;
  if (!dates) { delete p.since; delete p.until; }
  return p;
}

export function writeHash() {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = state.filter[k];
    if (v === undefined || v === "" || v === false) continue;
    if (k === "modality" && v === DEFAULTS.modality) continue;
    q.set(k, String(v));
  }
  if (state.sort !== "date" || state.order !== "desc") q.set("sort", `${state.order === "desc" ? "-" : ""}${state.sort}`);
  if (state.selected) q.set("event", state.selected);
  const hash = q.toString();
  if (hash !== window.location.hash.slice(1)) history.replaceState(null, "", hash ? `#${hash}` : window.location.pathname);
}

export function readHash() {
  const q = new URLSearchParams(window.location.hash.slice(1));
  const f = { ...DEFAULTS };
  for (const k of FILTER_KEYS) if (q.has(k)) f[k] = k === "include_rejected" ? q.get(k) === "true" : q.get(k);
  state.filter = f;
  const sort = q.get("sort");
  if (sort) { state.order = sort.startsWith("-") ? "desc" : "asc"; state.sort = sort.replace(/^-/, ""); }
  state.selected = q.get("event");
}
