// Small shared widgets: toasts, modal dialogs, audit entries.

import { h, clear, fmtWhen } from "./dom.js";
import { fieldLabel } from "./highlight.js";

let toastBox = null;

export function toast(message, kind = "info") {
  if (!toastBox) { toastBox = h("div", { className: "toasts", role: "status", ariaLive: "polite" }); document.body.append(toastBox); }
  const t = h("div", { className: `toast ${kind}` }, message);
  toastBox.append(t);
  setTimeout(() => t.remove(), kind === "error" ? 7000 : 3500);
}

/** A modal <dialog> with a title, a body and a close button; resolves nothing, closes on Escape. */
export function modal(title, body, { wide = false, onClose } = {}) {
  const dlg = h("dialog", { className: `modal${wide ? " wide" : ""}` },
    h("div", { className: "modal-head" }, h("h2", null, title),
      h("button", { type: "button", className: "icon", title: "Close", ariaLabel: "Close", onclick: () => dlg.close() }, "×")),
    h("div", { className: "modal-body" }, body));
  dlg.addEventListener("close", () => { dlg.remove(); if (onClose) onClose(); });
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

function show(v) {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** What an audit entry changed, as lines "field: before → after". */
export function auditChanges(e) {
  const before = e.before || {}, after = e.after || {};
  if (e.action === "edit") {
    return Object.keys(after).map((k) => {
      let b = before[k];
      if (b && typeof b === "object" && k in b) b = b[k];  // place fields: the log keeps the whole place
      return `${fieldLabel(k)}: ${show(b)} → ${show(after[k])}`;
    });
  }
  if (e.action === "accept" || e.action === "reject") return [`status: ${show(before.status)} → ${show(after.status)}`];
  if (e.action === "merge") return [`merged ${(before.events || []).join(" + ")} → ${(after.events || []).join(", ")}`];
  if (e.action === "split") return [`split ${(before.events || []).join(", ")} → ${(after.events || []).join(", ")}`];
  return [`${show(before)} → ${show(after)}`];
}

export function auditList(entries, { onEvent, showEvent = true } = {}) {
  if (!entries.length) return h("p", { className: "muted" }, "No review actions yet.");
  return h("ol", { className: "audit" }, entries.map((e) => h("li", { className: "audit-entry", dataset: { action: e.action } },
    h("div", { className: "audit-head" },
      h("span", { className: `badge act-${e.action}` }, e.action),
      h("strong", null, e.who), h("span", { className: "muted" }, ` ${fmtWhen(e.at)} UTC`),
      showEvent && e.event_id ? [" · ", onEvent
        ? h("button", { type: "button", className: "linklike mono", onclick: () => onEvent(e.event_id) }, e.event_id)
        : h("span", { className: "mono" }, e.event_id)] : null),
    h("ul", { className: "audit-changes" }, auditChanges(e).map((line) => h("li", null, line))))));
}

export function field(label, input, hint) {
  return h("label", { className: "field" }, h("span", { className: "field-label" }, label), input, hint ? h("span", { className: "muted small" }, hint) : null);
}

export function setBusy(el, busy) { el.classList.toggle("busy", !!busy); }

export { clear };
