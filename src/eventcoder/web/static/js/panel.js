// The event panel: the event's fields with their evidence, each report's quote in its article
// (evidence highlighted, reused passages marked), the review actions and the event's history.

import { h, clear, fmtInt, fmtDate, swatch, plural, safeUrl } from "./dom.js";
import { get, send } from "./api.js";
import { highlighted, markLegend, fieldLabel } from "./highlight.js";
import { modal, toast, auditList, field } from "./ui.js";
import { state } from "./state.js";

let root = null;
let hooks = { onChanged: () => {}, onSelect: () => {} };
let current = null;   // the EventDetail shown
let loadSeq = 0;

export function initPanel(el, h_) { root = el; hooks = h_; showEmpty(); }

export function showEmpty() {
  current = null;
  clear(root).append(h("div", { className: "panel-empty" },
    h("h2", null, "No event selected"),
    h("p", null, "Click a place on the map, a row in the table or a quote in an article to see an event: its fields, the sentence behind each one, every report and who reviewed it.")));
}

const canReview = () => state.user && (state.user.role === "analyst" || state.user.role === "admin");

export async function showEvent(id) {
  const seq = ++loadSeq;
  root.classList.add("busy");
  try {
    const [detail, audit] = await Promise.all([get(`/api/events/${encodeURIComponent(id)}`),
      get(`/api/events/${encodeURIComponent(id)}/audit`)]);
    if (seq !== loadSeq) return;
    current = detail;
    render(detail, audit);
  } catch (err) {
    if (seq !== loadSeq) return;
    clear(root).append(h("div", { className: "panel-empty" }, h("h2", null, "Event not found"), h("p", null, err.message)));
  } finally {
    if (seq === loadSeq) root.classList.remove("busy");
  }
}

export function refreshCurrent() { if (current) showEvent(current.event.event_id); }

// -- rendering ------------------------------------------------------------------------------------
const FIELDS = [
  ["event_date", "Date"], ["sub_event_type", "Sub-event type"], ["event_type", "Event type"], ["actor1", "Actor 1"],
  ["assoc_actor_1", "Assoc. actor 1"], ["actor2", "Actor 2"], ["assoc_actor_2", "Assoc. actor 2"],
  ["location", "Location"], ["admin1", "Admin1"], ["admin2", "Admin2"], ["country", "Country"],
  ["fatalities", "Fatalities"], ["injuries", "Injuries"], ["arrests", "Arrests"], ["crowd_size", "Crowd size"],
  ["modality", "Modality"],
];

function value(e, key) {
  const v = e[key];
  if (key === "event_date") return [fmtDate(v), e.time_precision ? h("span", { className: "muted" }, ` (precision ${e.time_precision})`) : null,
    e.date_note ? h("div", { className: "muted small" }, e.date_note) : null];
  if (key === "actor1" || key === "actor2") {
    const inter = key === "actor1" ? e.inter1 : e.inter2;
    return v ? [v, inter ? h("span", { className: "muted" }, ` · inter ${inter}`) : null] : null;
  }
  if (["fatalities", "injuries", "arrests", "crowd_size"].includes(key)) {
    const lo = e[`${key}_low`], hi = e[`${key}_high`], best = e[`${key}_best`];
    const range = lo !== null && lo !== undefined && hi !== null && hi !== undefined && lo !== hi
      ? h("span", { className: "muted" }, ` (low ${fmtInt(lo)} · best ${fmtInt(best)} · high ${fmtInt(hi)})`) : null;
    if (v === null || v === undefined) return null;
    return [key === "crowd_size" ? String(v) : fmtInt(v), range];
  }
  return v === null || v === undefined || v === "" ? null : String(v);
}

function render(d, audit) {
  const e = d.event;
  const independent = e.reports.filter((r) => r.independent).length;
  const head = h("div", { className: "panel-head" },
    h("div", { className: "panel-kicker" }, swatch(e.event_type), e.event_type,
      h("span", { className: `badge st-${e.review_status}` }, e.review_status),
      e.modality !== "occurred" ? h("span", { className: "badge modality" }, e.modality) : null),
    h("h2", { className: "panel-title" }, e.sub_event_type),
    h("div", { className: "panel-sub" }, fmtDate(e.event_date), " · ",
      [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "place unknown"),
    h("div", { className: "panel-meta muted" },
      h("span", { className: "mono", title: "Event id" }, e.event_id), " · ",
      plural(e.reports.length, "report"), `, ${independent} independent`, " · ",
      `confidence ${Number(e.confidence).toFixed(2)}`));
  const actions = reviewBar(e);
  const fields = h("table", { className: "fields" }, h("tbody", null, FIELDS.map(([key, label]) => {
    const v = value(e, key);
    const ev = e.evidence[key];
    if (v === null && !ev) return null;
    const tr = h("tr", { dataset: { field: key } },
      h("th", { scope: "row" }, label),
      h("td", null, v === null ? h("span", { className: "muted" }, "—") : v,
        ev ? h("div", { className: "evidence-text", title: `The words this value was read from: “${ev.text}”` }, "“", clip(ev.text, 90), "”") : null));
    if (ev) {
      tr.classList.add("has-evidence");
      tr.addEventListener("mouseenter", () => lightEvidence(key, true));
      tr.addEventListener("mouseleave", () => lightEvidence(key, false));
    }
    return tr;
  })));
  const coords = e.latitude !== null && e.latitude !== undefined
    ? h("div", { className: "muted small" }, `coordinates ${Number(e.latitude).toFixed(4)}, ${Number(e.longitude).toFixed(4)}${e.geo_precision ? ` · geo precision ${e.geo_precision}` : ""}`)
    : h("div", { className: "muted small" }, "no coordinates");
  const claims = claimsTable(e);
  const notes = e.notes ? h("div", { className: "notes" }, h("h3", null, "Notes"), h("p", null, e.notes)) : null;
  const reports = h("section", { className: "reports" },
    h("h3", null, `Reports (${e.reports.length})`), markLegend(),
    d.reports.map((r) => reportCard(r, e)));
  const history = h("section", { className: "history" }, h("h3", null, "History"), auditList(audit, { showEvent: true }));
  clear(root).append(h("div", { className: "panel-scroll" }, head, actions, fields, coords, claims, notes, reports, history));
  root.scrollTop = 0;
}

const clip = (t, n) => (t.length > n ? `${t.slice(0, n).replace(/\s+\S*$/, "")} …` : t);

function lightEvidence(key, on) {
  for (const el of root.querySelectorAll(".m-evidence")) {
    if ((el.dataset.fields || "").split(" ").includes(key)) el.classList.toggle("lit", on);
  }
}

function claimsTable(e) {
  const byField = new Map();
  for (const c of e.claims || []) { if (!byField.has(c.field)) byField.set(c.field, []); byField.get(c.field).push(c); }
  const disputed = [...byField.entries()].filter(([, cs]) => new Set(cs.map((c) => String(c.value))).size > 1);
  if (!disputed.length) return null;
  return h("section", { className: "claims" }, h("h3", null, "Reports disagree"),
    h("table", { className: "fields" }, h("tbody", null, disputed.flatMap(([f, cs]) => cs.map((c, i) =>
      h("tr", null, h("th", { scope: "row" }, i === 0 ? fieldLabel(f) : ""), h("td", null, String(c.value), " ",
        h("span", { className: "muted" }, `— ${c.source || "unknown source"}${c.attribution ? `, ${c.attribution}` : ""}`))))))));
}

function reportCard(r, e) {
  const sourceOf = (aid) => (e.reports.find((x) => x.article_id === aid) || {}).source;
  const badge = r.reused_from
    ? h("span", { className: "badge reused", title: `Text taken from article ${r.reused_from}` }, `copied from ${sourceOf(r.reused_from) || r.reused_from}`)
    : r.independent ? h("span", { className: "badge independent" }, "independent") : h("span", { className: "badge reused" }, "not independent");
  const url = safeUrl(r.url);
  const ctx = h("blockquote", { className: "context" },
    r.context_start > 0 ? "… " : null,
    highlighted(r.context, r.context_start, r.marks, { isCurrent: (m) => m.mention_id === r.mention_id }),
    " …");
  const tools = h("div", { className: "report-tools" },
    h("button", { type: "button", className: "small", onclick: () => openArticle(r.article_id, e.event_id) }, "Open article"),
    url ? h("a", { href: url, className: "small-link", target: "_blank", rel: "noopener noreferrer" }, "source ↗") : null,
    canReview() && e.reports.length > 1
      ? h("button", { type: "button", className: "small", title: "Make this report an event of its own", onclick: () => split(e, r) }, "Split off")
      : null);
  return h("article", { className: "report", dataset: { mention: r.mention_id } },
    h("div", { className: "report-head" },
      h("strong", null, r.source || "unknown source"), h("span", { className: "muted" }, ` · ${r.published || "no date"}`), " ", badge),
    r.title ? h("div", { className: "report-title" }, r.title) : null,
    ctx, tools);
}

// -- review -----------------------------------------------------------------------------------------
function reviewBar(e) {
  if (!canReview()) {
    return h("div", { className: "review-bar muted small" },
      state.user ? `Signed in as ${state.user.name} (${state.user.role}): reviewing needs an analyst.` : "Sign in as an analyst to accept, reject, edit, merge or split.");
  }
  return h("div", { className: "review-bar" },
    h("button", { type: "button", className: "ok", disabled: e.review_status === "accepted", onclick: () => act(e, "accept") }, "✓ Accept"),
    h("button", { type: "button", className: "danger", disabled: e.review_status === "rejected", onclick: () => act(e, "reject") }, "✗ Reject"),
    h("button", { type: "button", onclick: () => editDialog(e) }, "✎ Edit"),
    h("button", { type: "button", onclick: () => mergeDialog(e) }, "⇄ Merge…"));
}

async function run(label, fn) {
  try {
    const out = await fn();
    toast(label, "ok");
    hooks.onChanged(out.event_id);
    return out;
  } catch (err) {
    toast(err.message, "error");
    throw err;
  }
}

function act(e, action) {
  return run(action === "accept" ? "Event accepted" : "Event rejected",
    () => send("POST", `/api/events/${encodeURIComponent(e.event_id)}/${action}`)).catch(() => {});
}

function split(e, r) {
  if (!window.confirm(`Split the report from ${r.source || "unknown source"} off into an event of its own?`)) return;
  run("Report split off", () => send("POST", `/api/events/${encodeURIComponent(e.event_id)}/split`, { mention_id: r.mention_id })).catch(() => {});
}

const NUMBER_FIELDS = new Set(["fatalities", "injuries", "arrests", "inter1", "inter2", "time_precision", "geo_precision"]);
const FLOAT_FIELDS = new Set(["latitude", "longitude"]);

function editDialog(e) {
  const cfg = state.config;
  const inputs = {};
  const text = (k, opts = {}) => (inputs[k] = h("input", { type: "text", name: k, value: e[k] ?? "", autocomplete: "off", ...opts }));
  const num = (k, opts = {}) => (inputs[k] = h("input", { type: "number", name: k, value: e[k] ?? "", ...opts }));
  const choice = (k, options, allowEmpty) => {
    const sel = h("select", { name: k }, allowEmpty ? h("option", { value: "" }, "—") : null,
      options.map((o) => (Array.isArray(o) ? h("optgroup", { label: o[0] }, o[1].map((x) => h("option", { value: x }, x))) : h("option", { value: String(o) }, String(o)))));
    sel.value = e[k] === null || e[k] === undefined ? "" : String(e[k]);
    return (inputs[k] = sel);
  };
  const byType = cfg.event_types.map((t) => [t, cfg.sub_event_types.filter((x) => x.event_type === t).map((x) => x.name)]);
  const form = h("form", { className: "edit-form" },
    h("fieldset", null, h("legend", null, "What and when"),
      field("Sub-event type", choice("sub_event_type", byType), "sets the event type"),
      field("Date", (inputs.event_date = h("input", { type: "date", name: "event_date", value: e.event_date || "" }))),
      field("Time precision", choice("time_precision", [1, 2, 3], true), "1 day · 2 week · 3 month"),
      field("Modality", choice("modality", cfg.modalities))),
    h("fieldset", null, h("legend", null, "Who"),
      field("Actor 1", text("actor1")), field("Inter 1", num("inter1", { min: 0, max: 8 })),
      field("Assoc. actor 1", text("assoc_actor_1")),
      field("Actor 2", text("actor2")), field("Inter 2", num("inter2", { min: 0, max: 8 })),
      field("Assoc. actor 2", text("assoc_actor_2"))),
    h("fieldset", null, h("legend", null, "Where"),
      field("Location", text("location")), field("Admin1", text("admin1")), field("Admin2", text("admin2")),
      field("Country", text("country")),
      field("Latitude", num("latitude", { step: "any", min: -90, max: 90 })), field("Longitude", num("longitude", { step: "any", min: -180, max: 180 })),
      field("Geo precision", choice("geo_precision", [1, 2, 3], true))),
    h("fieldset", null, h("legend", null, "How many"),
      field("Fatalities", num("fatalities", { min: 0 })), field("Injuries", num("injuries", { min: 0 })),
      field("Arrests", num("arrests", { min: 0 })), field("Crowd size", text("crowd_size"))),
    h("fieldset", { className: "wide" }, h("legend", null, "Notes"),
      (inputs.notes = h("textarea", { name: "notes", rows: 3, value: e.notes || "" }))),
    h("div", { className: "form-actions" },
      h("span", { className: "muted small" }, "Only changed fields are saved; every change is logged."),
      h("button", { type: "button", onclick: () => dlg.close() }, "Cancel"),
      h("button", { type: "submit", className: "primary" }, "Save changes")));
  const dlg = modal(`Edit ${e.event_id}`, form, { wide: true });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const changes = {};
    for (const [k, input] of Object.entries(inputs)) {
      const raw = input.value.trim();
      const was = e[k] === null || e[k] === undefined ? "" : String(e[k]);
      if (raw === was) continue;
      if (raw === "") changes[k] = null;
      else if (NUMBER_FIELDS.has(k)) changes[k] = parseInt(raw, 10);
      else if (FLOAT_FIELDS.has(k)) changes[k] = parseFloat(raw);
      else changes[k] = raw;
    }
    if (!Object.keys(changes).length) { toast("Nothing changed"); return; }
    try {
      await run("Event updated", () => send("PATCH", `/api/events/${encodeURIComponent(e.event_id)}`, changes));
      dlg.close();
    } catch { /* toast shown; keep the dialog open */ }
  });
}

async function mergeDialog(e) {
  const list = h("div", { className: "candidates" }, h("p", { className: "muted" }, "Looking for events nearby…"));
  const idInput = h("input", { type: "text", name: "other", placeholder: "event id, e.g. TCD1A2B3C4D5E", autocomplete: "off", spellcheck: false });
  const doMerge = async (other) => {
    if (!other) return;
    try {
      await run("Events merged", () => send("POST", `/api/events/${encodeURIComponent(e.event_id)}/merge`, { other }));
      dlg.close();
    } catch { /* toast shown */ }
  };
  const form = h("form", { className: "merge-form", onsubmit: (ev) => { ev.preventDefault(); doMerge(idInput.value.trim()); } },
    h("p", null, "Merge another event into ", h("strong", { className: "mono" }, e.event_id),
      ": their reports become one event. Candidates share the country and lie within two weeks; same place and type first."),
    list,
    h("div", { className: "form-actions" }, field("Or another event id", idInput), h("button", { type: "submit", className: "primary" }, "Merge")));
  const dlg = modal("Merge events", form, { wide: true });
  try {
    const params = { modality: "all", limit: 30, sort: "date" };
    if (e.country) params.country = e.country;
    if (e.event_date) {
      const t = Date.parse(`${e.event_date}T00:00:00Z`);
      params.since = new Date(t - 14 * 86400000).toISOString().slice(0, 10);
      params.until = new Date(t + 14 * 86400000).toISOString().slice(0, 10);
    }
    const page = await get("/api/events", params);
    const day = (d) => (d ? Date.parse(`${d}T00:00:00Z`) : 0);
    const items = page.items.filter((x) => x.event_id !== e.event_id).sort((x, y) =>
      (x.location !== e.location) - (y.location !== e.location) || (x.sub_event_type !== e.sub_event_type) - (y.sub_event_type !== e.sub_event_type)
      || Math.abs(day(x.event_date) - day(e.event_date)) - Math.abs(day(y.event_date) - day(e.event_date)));
    clear(list).append(items.length ? h("table", { className: "events compact" }, h("tbody", null, items.map((x) =>
      h("tr", null,
        h("td", { className: "nowrap" }, fmtDate(x.event_date)),
        h("td", null, swatch(x.event_type), x.sub_event_type),
        h("td", null, x.location || "—"),
        h("td", { className: "clip" }, x.notes),
        h("td", null, h("button", { type: "button", className: "small", onclick: () => doMerge(x.event_id) }, "Merge")))))) :
      h("p", { className: "muted" }, "No other events nearby; enter an id instead."));
  } catch (err) {
    clear(list).append(h("p", { className: "muted" }, err.message));
  }
}

// -- the article viewer --------------------------------------------------------------------------------
export async function openArticle(articleId, eventId) {
  let a;
  try { a = await get(`/api/articles/${encodeURIComponent(articleId)}`); } catch (err) { toast(err.message, "error"); return; }
  const url = safeUrl(a.url);
  const text = h("div", { className: "article-text" },
    highlighted(a.text, 0, a.marks, {
      isCurrent: eventId ? (m) => m.event_id === eventId : undefined,
      onQuote: (m) => { dlg.close(); hooks.onSelect(m.event_id); },
    }));
  const body = h("div", { className: "article" },
    h("div", { className: "article-meta" },
      h("strong", null, a.source || "unknown source"), ` · ${a.published || "no date"}`, a.author ? ` · ${a.author}` : "",
      ` · ${plural(a.events.length, "event")}`,
      url ? [" · ", h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original ↗")] : null),
    h("div", { className: "article-legend" }, markLegend(), h("span", { className: "muted small" }, "Click a quote to open its event.")),
    text);
  const dlg = modal(a.title || `Article ${a.article_id}`, body, { wide: true });
  const first = text.querySelector(".m-quote");
  if (first) first.scrollIntoView({ block: "center" });
}
