// The timeline: events per week as bars, fatalities per week as a line. Drag across it to filter a
// date range; click a week to filter that week; the range is cleared with the button or Escape.

import { h, s, clear, fmtInt } from "./dom.js";

const DAY = 86400000;
const M = { left: 34, right: 38, top: 8, bottom: 20 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

let root, svgBox, tip, header, clearBtn;
let data = [];
let range = null;        // {since, until} (YYYY-MM-DD) or null
let onRangeFn = () => {};
let geom = null;

const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);
const mondayOf = (ms) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;

export function initTimeline(el, onRange) {
  root = el;
  onRangeFn = onRange;
  clearBtn = h("button", { type: "button", className: "small", hidden: true, onclick: () => onRangeFn(null, null) }, "Clear date range");
  header = h("div", { className: "timeline-head" },
    h("span", { className: "timeline-title" }, "Per week"),
    h("span", { className: "key key-events" }, "events"), h("span", { className: "key key-fatalities" }, "fatalities"),
    h("span", { className: "muted hint" }, "drag across to filter a period · click a bar for one week"),
    h("span", { className: "grow" }), clearBtn);
  svgBox = h("div", { className: "timeline-svg" });
  tip = h("div", { className: "timeline-tip", hidden: true });
  el.append(header, svgBox, tip);
  new ResizeObserver(() => draw()).observe(svgBox);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && range && document.activeElement === document.body) onRangeFn(null, null); });
}

export function setTimeline(weekly, since, until) {
  data = weekly || [];
  range = since || until ? { since, until } : null;
  clearBtn.hidden = !range;
  draw();
}

function niceMax(v) {
  if (v <= 5) return Math.max(1, v);
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

function ticks(t0, t1) {
  const span = (t1 - t0) / DAY;
  const out = [];
  const d = new Date(t0);
  let y = d.getUTCFullYear(), m = d.getUTCMonth();
  const step = span > 365 * 4 ? 12 : span > 365 * 1.5 ? 3 : span > 120 ? 1 : 0;
  if (step === 0) { // weekly ticks
    for (let t = mondayOf(t0) + 7 * DAY; t < t1; t += 7 * DAY * Math.max(1, Math.round(span / 70))) {
      const dd = new Date(t);
      out.push({ t, label: `${dd.getUTCDate()} ${MONTHS[dd.getUTCMonth()]}` });
    }
    return out;
  }
  if (step === 12) { m = 0; y += 1; } else { m = Math.ceil((m + 1) / step) * step; }
  for (;;) {
    while (m >= 12) { m -= 12; y += 1; }
    const t = Date.UTC(y, m, 1);
    if (t > t1) break;
    if (t >= t0) out.push({ t, label: step === 12 ? String(y) : (m === 0 ? `${MONTHS[m]} ${y}` : MONTHS[m]) });
    m += step;
  }
  return out;
}

function draw() {
  clear(svgBox);
  const W = svgBox.clientWidth || 600, H = svgBox.clientHeight || 110;
  if (!data.length) {
    svgBox.append(h("div", { className: "empty" }, "No dated events for this filter"));
    geom = null;
    return;
  }
  // the whole period, or — when a range is filtered — that range with some context on both sides
  let t0 = toDay(data[0].key), t1 = toDay(data[data.length - 1].key) + 7 * DAY;
  if (range) {
    const a = range.since ? toDay(range.since) : t0, b = range.until ? toDay(range.until) + DAY : t1;
    const pad = Math.max(14 * DAY, (b - a) * 0.5);
    t0 = Math.max(t0, mondayOf(a - pad));
    t1 = Math.min(t1, mondayOf(b + pad) + 7 * DAY);
  }
  const shown = data.filter((d) => toDay(d.key) >= t0 && toDay(d.key) < t1);
  if (!shown.length) { t0 = toDay(data[0].key); t1 = toDay(data[data.length - 1].key) + 7 * DAY; }
  const visible = shown.length ? shown : data;
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const x = (t) => M.left + ((t - t0) / (t1 - t0)) * iw;
  const maxE = niceMax(Math.max(...visible.map((d) => d.events)));
  const maxF = niceMax(Math.max(1, ...visible.map((d) => d.fatalities)));
  const yE = (v) => M.top + ih - (v / maxE) * ih;
  const yF = (v) => M.top + ih - (v / maxF) * ih;
  geom = { t0, t1, x, iw, W, last: toDay(visible[visible.length - 1].key) };
  const svg = s("svg", { width: W, height: H, class: "timeline-chart", role: "img", "aria-label": "Events and fatalities per week" });
  // axes and grid
  for (const v of [0, maxE / 2, maxE]) {
    svg.append(s("line", { x1: M.left, x2: W - M.right, y1: yE(v), y2: yE(v), class: "grid" }));
    svg.append(s("text", { x: M.left - 4, y: yE(v) + 3, class: "axis-label axis-left" }, fmtInt(Math.round(v))));
  }
  for (const v of [0, maxF]) svg.append(s("text", { x: W - M.right + 4, y: yF(v) + 3, class: "axis-label axis-right" }, fmtInt(v)));
  for (const tk of ticks(t0, t1)) {
    svg.append(s("line", { x1: x(tk.t), x2: x(tk.t), y1: M.top + ih, y2: M.top + ih + 4, class: "tick" }));
    svg.append(s("text", { x: x(tk.t), y: H - 5, class: "axis-label axis-bottom" }, tk.label));
  }
  // the selected range
  const rs = range && range.since ? toDay(range.since) : t0, re = range && range.until ? toDay(range.until) + DAY : t1;
  if (range) svg.append(s("rect", { x: x(Math.max(rs, t0)), y: M.top, width: Math.max(1, x(Math.min(re, t1)) - x(Math.max(rs, t0))), height: ih, class: "range" }));
  // bars
  const bw = Math.max(1, (7 * DAY / (t1 - t0)) * iw - (visible.length > 150 ? 0 : 1));
  for (const d of visible) {
    if (!d.events) continue;
    const t = toDay(d.key);
    const inRange = !range || (t + 7 * DAY > rs && t < re);
    svg.append(s("rect", { x: x(t), y: yE(d.events), width: bw, height: Math.max(1, M.top + ih - yE(d.events)), class: inRange ? "bar" : "bar dim" }));
  }
  // fatalities line
  if (visible.some((d) => d.fatalities)) {
    const pts = visible.map((d) => `${(x(toDay(d.key)) + bw / 2).toFixed(1)},${yF(d.fatalities).toFixed(1)}`).join(" ");
    svg.append(s("polyline", { points: pts, class: "fatal-line" }));
    if (visible.length <= 160) for (const d of visible) if (d.fatalities) svg.append(s("circle", { cx: x(toDay(d.key)) + bw / 2, cy: yF(d.fatalities), r: 2.2, class: "fatal-dot" }));
  }
  svg.append(s("line", { x1: M.left, x2: W - M.right, y1: M.top + ih, y2: M.top + ih, class: "axis" }));
  // brushing overlay
  const brush = s("rect", { x: 0, y: M.top, width: 0, height: ih, class: "brush", visibility: "hidden" });
  const overlay = s("rect", { x: M.left, y: M.top, width: iw, height: ih, class: "overlay" });
  svg.append(brush, overlay);
  let start = null;
  const px = (e) => Math.min(W - M.right, Math.max(M.left, e.clientX - svg.getBoundingClientRect().left));
  overlay.addEventListener("pointerdown", (e) => { start = px(e); overlay.setPointerCapture(e.pointerId); });
  overlay.addEventListener("pointermove", (e) => {
    const p = px(e);
    showTip(p, e);
    if (start === null) return;
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", Math.min(start, p));
    brush.setAttribute("width", Math.abs(p - start));
  });
  overlay.addEventListener("pointerleave", () => { tip.hidden = true; });
  overlay.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = px(e);
    const a = Math.min(start, end), b = Math.max(start, end);
    start = null;
    brush.setAttribute("visibility", "hidden");
    if (b - a < 4) {
      const w = weekAt(end);
      onRangeFn(toIso(w), toIso(w + 6 * DAY));
    } else {
      onRangeFn(toIso(weekAt(a)), toIso(weekAt(b) + 6 * DAY));
    }
  });
  svgBox.append(svg);
}

function weekAt(px) {
  const t = geom.t0 + ((px - M.left) / geom.iw) * (geom.t1 - geom.t0);
  return Math.min(mondayOf(Math.min(t, geom.t1 - DAY)), geom.last);
}

function showTip(p, e) {
  if (!geom) return;
  const w = toIso(weekAt(p));
  const d = data.find((x) => x.key === w);
  if (!d) { tip.hidden = true; return; }
  tip.textContent = `week of ${w}: ${fmtInt(d.events)} event${d.events === 1 ? "" : "s"}, ${fmtInt(d.fatalities)} fatalit${d.fatalities === 1 ? "y" : "ies"}`;
  tip.hidden = false;
  const box = root.getBoundingClientRect();
  tip.style.left = `${Math.min(box.width - 260, Math.max(0, e.clientX - box.left + 10))}px`;
  tip.style.top = "24px";
}
