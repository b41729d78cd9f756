// Building the page without markup strings: every piece of data becomes a text node.
// Nothing in this app parses strings as markup (no inner/outer HTML setters); article text and
// every field value are untrusted and must only ever reach the DOM through h() or textContent.

const PROPS = new Set(["className", "value", "type", "name", "id", "title", "placeholder", "disabled", "checked",
  "selected", "min", "max", "step", "rows", "htmlFor", "tabIndex", "colSpan", "autocomplete", "required", "hidden",
  "spellcheck", "readOnly", "label", "target", "rel"]);

/** h("div", {className: "x", onclick: fn, dataset: {id: 1}}, "text", childNode, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "style") Object.assign(el.style, v); // CSSOM, which the CSP allows (style attributes it does not)
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "href") setSafeHref(el, v);
    else if (k.startsWith("aria") || k === "role" || k === "for" || k === "scope") el.setAttribute(k === "for" ? "for" : camelToAttr(k), String(v));
    else if (PROPS.has(k)) el[k] = v;
    else throw new Error(`h(): attribute ${k} not allowed`);
  }
  append(el, children);
  return el;
}

function camelToAttr(k) { return k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()); }

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) { return append(clear(el), children); }

/** Only http(s) URLs become links; anything else (javascript:, data:) is dropped. */
export function safeUrl(value) {
  if (!value) return null;
  try {
    const u = new URL(String(value), window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

function setSafeHref(el, value) {
  const url = value.startsWith("#") || value.startsWith("/") ? value : safeUrl(value);
  if (url) el.setAttribute("href", url);
}

export const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// -- formatting ---------------------------------------------------------------------------------
export function fmtDate(d) { return d || "undated"; }
export function fmtInt(n) { return n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US"); }
export function fmtWhen(iso) { return iso ? iso.replace("T", " ").slice(0, 16) : ""; }
export function plural(n, one, many) { return `${fmtInt(n)} ${n === 1 ? one : (many || one + "s")}`; }

export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2471a3",
  "Riots": "#b7950b",
  "Strategic developments": "#148f77",
  "Diplomatic action": "#5d6d7e",
  "Attribution of responsibility": "#7b7d7d",
  "Organized crime": "#6e2c00",
  "Natural disaster": "#229954",
  "Man-made disaster": "#a04000",
};
export function typeColor(t) { return TYPE_COLORS[t] || "#566573"; }

export function swatch(type) {
  return h("span", { className: "swatch", style: { background: typeColor(type) } });
}

/** Debounce a function (text inputs). */
export function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}
