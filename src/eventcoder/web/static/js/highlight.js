// Article text with highlighted stretches. The text is sliced by offsets and every slice becomes a
// text node (never markup), so whatever an article contains is shown, not run.

import { h } from "./dom.js";

export const FIELD_LABELS = {
  sub_event_type: "type", event_type: "type", event_date: "date", location: "place", actor1: "actor 1",
  actor2: "actor 2", assoc_actor_1: "assoc. actor 1", assoc_actor_2: "assoc. actor 2", fatalities: "fatalities",
  injuries: "injuries", arrests: "arrests", crowd_size: "crowd size", modality: "modality", admin1: "admin1",
  country: "country", attribution: "attribution",
};

export function fieldLabel(f) { return FIELD_LABELS[f] || String(f).replace(/_/g, " "); }

/**
 * Render `text` (which starts at article offset `offset`) with `marks` highlighted.
 * opts.isCurrent(mark): whether a quote or evidence mark belongs to what the reader is looking at
 *   (others are drawn dimmer, their evidence not at all); default: all of them.
 * opts.onQuote(mark): called when a quote mark is clicked.
 */
export function highlighted(text, offset, marks, opts = {}) {
  const len = text.length;
  const local = [];
  for (const m of marks || []) {
    const a = Math.max(0, m.start - offset), b = Math.min(len, m.end - offset);
    if (b > a) local.push({ ...m, a, b });
  }
  // the "sub_event_type" evidence is the whole clause, the same as the quote: it adds nothing
  const useful = local.filter((m) => !(m.kind === "evidence" && local.some((q) => q.kind === "quote"
    && q.mention_id === m.mention_id && q.a === m.a && q.b === m.b)));
  const cuts = new Set([0, len]);
  for (const m of useful) { cuts.add(m.a); cuts.add(m.b); }
  const points = [...cuts].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const active = useful.filter((m) => m.a <= a && m.b >= b);
    if (!active.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    frag.appendChild(segment(piece, active, opts));
  }
  return frag;
}

function segment(piece, active, opts) {
  const classes = ["m"];
  const titles = [];
  const fields = [];
  let quote = null;
  for (const m of active) {
    if (m.kind === "quote") {
      quote = m;
      const current = !opts.isCurrent || opts.isCurrent(m);
      classes.push(current ? "m-quote" : "m-quote-other");
      titles.push(m.event_id ? `Quote of event ${m.event_id}` : "Quote");
    } else if (m.kind === "evidence") {
      if (opts.isCurrent && !opts.isCurrent(m)) continue;
      classes.push("m-evidence");
      fields.push(m.field);
      titles.push(`Evidence for ${fieldLabel(m.field)}`);
    } else if (m.kind === "reuse") {
      classes.push("m-reuse");
      titles.push(`Copied from article ${m.other_article}${m.similarity ? ` (similarity ${m.similarity.toFixed(2)})` : ""}`);
    } else if (m.kind === "reused_by") {
      classes.push("m-reused-by");
      titles.push(`Copied by article ${m.other_article}`);
    }
  }
  const el = h("span", { className: [...new Set(classes)].join(" "), title: [...new Set(titles)].join(" · ") }, piece);
  if (fields.length) el.dataset.fields = fields.join(" ");
  if (quote && quote.event_id && opts.onQuote) {
    el.classList.add("clickable");
    el.addEventListener("click", () => opts.onQuote(quote));
  }
  return el;
}

/** The legend explaining the highlight styles. */
export function markLegend() {
  return h("div", { className: "mark-legend" },
    h("span", { className: "m m-quote" }, "event quote"), " ",
    h("span", { className: "m m-evidence" }, "field evidence"), " ",
    h("span", { className: "m m-reuse" }, "copied passage"), " ",
    h("span", { className: "m m-reused-by" }, "copied by another article"));
}
