// The event table: one page of the filtered events, sortable, click a row to open the event.

import { h, clear, fmtInt, fmtDate, swatch } from "./dom.js";

const COLUMNS = [
  { key: "date", label: "Date", cell: (r) => h("span", { className: "nowrap" }, fmtDate(r.event_date)) },
  { key: "type", label: "Type", clip: "type", cell: (r) => [swatch(r.event_type), r.sub_event_type], tip: (r) => `${r.event_type}: ${r.sub_event_type}` },
  { key: "location", label: "Location", clip: "loc", cell: (r) => [r.location || "—", r.admin1 ? h("span", { className: "muted" }, `, ${r.admin1}`) : null],
    tip: (r) => [r.location, r.admin1, r.country].filter(Boolean).join(", ") },
  { key: "country", label: "Country", cell: (r) => r.country || "—" },
  { key: null, label: "Actors", clip: "actors", cell: (r) => [r.actor1 || "—", r.actor2 ? h("span", { className: "muted" }, ` vs ${r.actor2}`) : null],
    tip: (r) => [r.actor1, r.actor2].filter(Boolean).join(" vs ") },
  { key: "fatalities", label: "Fatal.", num: true, cell: (r) => fmtInt(r.fatalities) },
  { key: "sources", label: "Sources", num: true, cell: (r) => h("span", { title: `${r.reports.length} report(s), ${r.independent_sources} independent` }, `${r.independent_sources}/${r.reports.length}`) },
  { key: null, label: "Status", cell: (r) => [h("span", { className: `badge st-${r.review_status}` }, r.review_status), r.modality !== "occurred" ? h("span", { className: "badge modality" }, r.modality) : null] },
];

export function renderTable(el, page, st, { onSort, onPage, onSelect }) {
  clear(el);
  const head = h("tr", null, COLUMNS.map((c) => {
    if (!c.key) return h("th", { scope: "col" }, c.label);
    const active = st.sort === c.key;
    const arrow = active ? (st.order === "desc" ? " ▼" : " ▲") : "";
    return h("th", { scope: "col", className: `sortable${c.num ? " num" : ""}${active ? " active" : ""}`, ariaSort: active ? (st.order === "desc" ? "descending" : "ascending") : "none" },
      h("button", { type: "button", className: "th-btn", onclick: () => onSort(c.key) }, c.label, arrow));
  }));
  const rows = page.items.map((r) => {
    const tr = h("tr", {
      className: `row${r.event_id === st.selected ? " selected" : ""}${r.review_status === "rejected" ? " rejected" : ""}`,
      dataset: { id: r.event_id }, tabIndex: 0,
      onclick: () => onSelect(r.event_id),
      onkeydown: (e) => { if (e.key === "Enter") onSelect(r.event_id); },
    }, COLUMNS.map((c) => h("td", { className: c.num ? "num" : c.clip ? "cell-clip" : "", title: c.tip ? c.tip(r) : undefined }, c.cell(r))));
    return tr;
  });
  const body = rows.length ? rows : [h("tr", null, h("td", { colSpan: COLUMNS.length, className: "empty" }, "No events match this filter"))];
  const first = page.total ? page.offset + 1 : 0, last = page.offset + page.items.length;
  const pager = h("div", { className: "pager" },
    h("span", { className: "muted" }, `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(page.total)}`),
    h("button", { type: "button", className: "small", disabled: page.offset === 0, onclick: () => onPage(Math.max(0, page.offset - page.limit)) }, "‹ Prev"),
    h("button", { type: "button", className: "small", disabled: last >= page.total, onclick: () => onPage(page.offset + page.limit) }, "Next ›"));
  const cols = h("colgroup", null, COLUMNS.map((c) => h("col", { className: c.clip ? `c-${c.clip}` : "" })));
  el.append(h("table", { className: "events" }, cols, h("thead", null, head), h("tbody", null, body)), pager);
}

export function markSelected(el, id) {
  for (const tr of el.querySelectorAll("tr.row")) tr.classList.toggle("selected", tr.dataset.id === id);
}

/** Move the selection up or down the table (keyboard: j / k). */
export function neighbour(el, id, step) {
  const rows = [...el.querySelectorAll("tr.row")];
  const i = rows.findIndex((tr) => tr.dataset.id === id);
  const next = rows[i < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, i + step))];
  return next ? next.dataset.id : null;
}
