// The analyst app: wires the filter, map, timeline, table, event panel and tabs to the API.

import { h, clear, fmtInt, plural } from "./dom.js";
import { get, download, auth, ApiError } from "./api.js";
import { state, onChange, select, setFilter, filterParams, readHash, writeHash } from "./state.js";
import { initFilters, syncFilters } from "./filters.js";
import { initMap, drawPoints, highlight, setActiveCountries } from "./map.js";
import { initTimeline, setTimeline } from "./timeline.js";
import { renderTable, markSelected, neighbour } from "./table.js";
import { initPanel, showEvent, showEmpty, openArticle } from "./panel.js";
import { renderAudit, renderReuse, renderUsers } from "./tabs.js";
import { modal, toast, field } from "./ui.js";

const $ = (id) => document.getElementById(id);
let dataSeq = 0;
let tableSeq = 0;
let activeTab = "events";

async function boot() {
  readHash();
  state.config = await get("/api/config");
  await restoreUser();
  renderAuth();
  if (!state.config.open_reads && !state.user) {
    clear($("table-view")).append(h("p", { className: "pad" }, "This server needs a token to read. Sign in to see the events."));
    signIn();
    return;
  }
  const facets = await get("/api/facets");
  initFilters($("filters"), state.config, facets);
  initPanel($("panel"), { onChanged: afterReview, onSelect: (id) => select(id) });
  initTimeline($("timeline"), (since, until) => { setFilter({ since: since || "", until: until || "" }); syncFilters(); });
  await initMap($("map"), state.config, (id) => select(id));
  setupTabs();
  setupExport();
  setupKeys();
  onChange((what) => {
    if (what === "filter") { syncFilters(); refreshData(); }
    if (what === "select") showSelected();
  });
  await refreshData();
  if (state.selected) showSelected();
  document.body.classList.add("ready");
}

// -- data ------------------------------------------------------------------------------------------
async function refreshData() {
  const seq = ++dataSeq;
  const p = filterParams();
  document.body.classList.add("loading");
  try {
    const dated = !!(state.filter.since || state.filter.until);
    const [points, agg, undatedAgg] = await Promise.all([
      get("/api/events/points", p),
      get("/api/aggregates", p),
      dated ? get("/api/aggregates", filterParams({ dates: false })) : null,  // the timeline shows every date
      refreshTable(),
    ]);
    const timeline = undatedAgg || agg;
    if (seq !== dataSeq) return;
    setActiveCountries(agg.by_country.map((b) => b.key).filter(Boolean));
    drawPoints(points, JSON.stringify(p), state.selected);
    setTimeline(timeline.weekly, state.filter.since, state.filter.until);
    clear($("stats")).append(
      h("strong", null, plural(agg.total_events, "event")), " · ",
      h("strong", null, plural(agg.total_fatalities, "fatality", "fatalities")), " · ",
      `${fmtInt(points.located)} on the map`);
  } catch (err) {
    toast(err.message, "error");
  } finally {
    if (seq === dataSeq) document.body.classList.remove("loading");
  }
}

async function refreshTable() {
  const seq = ++tableSeq;
  const page = await get("/api/events", { ...filterParams(), sort: state.sort, order: state.order, limit: state.limit, offset: state.offset });
  if (seq !== tableSeq) return;
  state.page = page;
  renderTable($("table-view"), page, state, {
    onSort: (key) => {
      if (state.sort === key) state.order = state.order === "desc" ? "asc" : "desc";
      else { state.sort = key; state.order = key === "date" || key === "fatalities" || key === "sources" ? "desc" : "asc"; }
      state.offset = 0;
      writeHash();
      refreshTable().catch((err) => toast(err.message, "error"));
    },
    onPage: (offset) => { state.offset = offset; refreshTable().catch((err) => toast(err.message, "error")); },
    onSelect: (id) => select(id),
  });
}

function showSelected() {
  markSelected($("table-view"), state.selected);
  highlight(state.selected);
  if (state.selected) showEvent(state.selected); else showEmpty();
}

async function afterReview(eventId) {
  if (eventId && eventId !== state.selected) select(eventId); else showSelected();
  await refreshData();
  if (activeTab === "audit") renderAudit($("tab-audit"), (id) => select(id));
}

// -- tabs, export, keys ----------------------------------------------------------------------------
function setupTabs() {
  const panes = { events: $("table-view"), audit: $("tab-audit"), reuse: $("tab-reuse"), users: $("tab-users") };
  for (const btn of document.querySelectorAll(".tabs [data-tab]")) {
    btn.addEventListener("click", () => {
      activeTab = btn.dataset.tab;
      for (const b of document.querySelectorAll(".tabs [data-tab]")) b.setAttribute("aria-selected", String(b === btn));
      for (const [k, el] of Object.entries(panes)) el.hidden = k !== activeTab;
      if (activeTab === "audit") renderAudit(panes.audit, (id) => select(id));
      if (activeTab === "reuse") renderReuse(panes.reuse, (id) => openArticle(id, null));
      if (activeTab === "users") renderUsers(panes.users);
    });
  }
  $("tab-users-btn").hidden = !(state.user && state.user.role === "admin");
}

function setupExport() {
  for (const btn of document.querySelectorAll("[data-export]")) {
    btn.addEventListener("click", () => {
      download("/api/export", { ...filterParams(), format: btn.dataset.export }).catch((err) => toast(err.message, "error"));
    });
  }
}

function setupKeys() {
  document.addEventListener("keydown", (e) => {
    const tag = (document.activeElement && document.activeElement.tagName) || "";
    if (["INPUT", "SELECT", "TEXTAREA"].includes(tag) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]")) return;
    if (e.key === "j" || e.key === "k") {
      const id = neighbour($("table-view"), state.selected, e.key === "j" ? 1 : -1);
      if (id) select(id);
    }
  });
}

// -- sign in -----------------------------------------------------------------------------------------
async function restoreUser() {
  if (!auth.token) return;
  try { state.user = await get("/api/me"); } catch (err) {
    if (err instanceof ApiError && err.status === 401) auth.token = null;
    state.user = null;
  }
}

function renderAuth() {
  const box = clear($("auth"));
  if (state.user) {
    box.append(h("span", { className: "who", title: "Signed in for this browser tab" }, h("strong", null, state.user.name), ` · ${state.user.role}`),
      h("button", { type: "button", className: "small ghost", onclick: () => { auth.token = null; window.location.reload(); } }, "Sign out"));
  } else {
    box.append(h("button", { type: "button", className: "small ghost", id: "signin-btn", onclick: signIn }, "Sign in"));
  }
}

function signIn() {
  const input = h("input", { type: "password", name: "token", placeholder: "ec_…", autocomplete: "off", required: true, className: "mono wide-input" });
  const error = h("p", { className: "error", hidden: true });
  const form = h("form", { className: "signin-form" },
    h("p", null, "Paste the API token an admin gave you (", h("code", null, "eventcoder users add NAME --role analyst"),
      "). It is kept in this tab's session storage only."),
    field("Token", input), error,
    h("div", { className: "form-actions" }, h("button", { type: "submit", className: "primary" }, "Sign in")));
  const dlg = modal("Sign in", form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const res = await fetch("/api/me", { headers: { Authorization: `Bearer ${input.value.trim()}`, Accept: "application/json" } });
      const user = res.ok ? await res.json() : null;
      if (!user) throw new Error(res.status === 401 ? "That token is unknown or revoked." : `Sign-in failed (${res.status}).`);
      auth.token = input.value.trim();
      dlg.close();
      window.location.reload();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  input.focus();
}

boot().catch((err) => {
  console.error(err);
  toast(`The app could not start: ${err.message}`, "error");
});
