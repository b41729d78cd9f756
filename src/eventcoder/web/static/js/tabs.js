// The tabs under the timeline besides the event table: the audit log, reuse pairs, users (admins).

import { h, clear, fmtDate, plural } from "./dom.js";
import { get, send } from "./api.js";
import { auditList, toast, field, modal } from "./ui.js";
import { state } from "./state.js";

export async function renderAudit(el, onEvent) {
  clear(el).append(h("p", { className: "muted pad" }, "Loading…"));
  try {
    const entries = await get("/api/audit", { limit: 500 });
    clear(el).append(h("div", { className: "pad" },
      h("p", { className: "muted" }, "Every review action, newest first: who, when, and what changed."),
      auditList(entries, { onEvent })));
  } catch (err) { clear(el).append(h("p", { className: "pad error" }, err.message)); }
}

export async function renderReuse(el, onArticle) {
  clear(el).append(h("p", { className: "muted pad" }, "Loading…"));
  try {
    const pairs = await get("/api/reuse");
    const side = (s, id) => s ? [h("strong", null, s.source || "unknown"), ` ${s.published || ""} `, h("span", { className: "muted" }, s.title || id)] : id;
    clear(el).append(h("div", { className: "pad" },
      h("p", { className: "muted" }, "Articles that copy passages of another. A copied report does not count as an independent source."),
      pairs.length ? h("table", { className: "events" },
        h("thead", null, h("tr", null, h("th", null, "Article"), h("th", null, ""), h("th", null, "Copied from"), h("th", null, "Passages"))),
        h("tbody", null, pairs.map((p) => h("tr", null,
          h("td", null, h("button", { type: "button", className: "linklike", onclick: () => onArticle(p.article_id) }, side(p.article, p.article_id))),
          h("td", { title: p.direction_known ? "direction from publication dates" : "direction unknown" }, p.direction_known ? "←" : "↔"),
          h("td", null, h("button", { type: "button", className: "linklike", onclick: () => onArticle(p.reused_from) }, side(p.source_article, p.reused_from))),
          h("td", null, plural(p.passages.length, "passage")))))) : h("p", null, "No reuse found.")));
  } catch (err) { clear(el).append(h("p", { className: "pad error" }, err.message)); }
}

export async function renderUsers(el) {
  clear(el).append(h("p", { className: "muted pad" }, "Loading…"));
  try {
    const users = await get("/api/users");
    const name = h("input", { type: "text", name: "name", placeholder: "name", required: true, autocomplete: "off" });
    const role = h("select", { name: "role" }, ["viewer", "analyst", "admin"].map((r) => h("option", { value: r, selected: r === "analyst" }, r)));
    const form = h("form", { className: "inline-form", onsubmit: async (e) => {
      e.preventDefault();
      try {
        const out = await send("POST", "/api/users", { name: name.value.trim(), role: role.value });
        const tokenBox = h("input", { type: "text", value: out.token, readOnly: true, className: "mono wide-input" });
        modal(`Token for ${out.name}`, h("div", null, h("p", null, "Copy it now: it is shown only once."), tokenBox));
        tokenBox.select();
        renderUsers(el);
      } catch (err) { toast(err.message, "error"); }
    } }, field("New user", name), field("Role", role), h("button", { type: "submit", className: "primary" }, "Add"));
    clear(el).append(h("div", { className: "pad" },
      h("table", { className: "events" },
        h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "Role"), h("th", null, "Created"), h("th", null, ""))),
        h("tbody", null, users.map((u) => h("tr", null, h("td", null, u.name), h("td", null, u.role), h("td", null, fmtDate((u.created_at || "").slice(0, 10))),
          h("td", null, u.name === (state.user && state.user.name) ? h("span", { className: "muted" }, "you") :
            h("button", { type: "button", className: "small danger", onclick: async () => {
              if (!window.confirm(`Remove ${u.name}? Their token stops working.`)) return;
              try { await send("DELETE", `/api/users/${encodeURIComponent(u.name)}`); renderUsers(el); } catch (err) { toast(err.message, "error"); }
            } }, "Remove")))))),
      form));
  } catch (err) { clear(el).append(h("p", { className: "pad error" }, err.message)); }
}
