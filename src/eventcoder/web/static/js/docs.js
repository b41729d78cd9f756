// The API docs page, generated from /openapi.json (offline: no Swagger UI from a CDN).
// Schema text is rendered as text nodes only.

import { h, clear } from "./dom.js";

const METHODS = ["get", "post", "patch", "put", "delete"];
let spec = null;

function ref(schema) {
  if (!schema) return null;
  if (schema.$ref) return spec.components.schemas[schema.$ref.split("/").pop()];
  return schema;
}

function typeName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeName(schema.items)}[]`;
  if (schema.type === "object" && schema.additionalProperties) return `{[key]: ${typeName(schema.additionalProperties)}}`;
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "any";
}

function bounds(schema) {
  const s = ref(schema) || {};
  const inner = s.anyOf ? s.anyOf.find((x) => x.type !== "null") || {} : s;
  const out = [];
  for (const [k, label] of [["minimum", "≥"], ["maximum", "≤"], ["maxLength", "max length"]]) if (inner[k] !== undefined) out.push(`${label} ${inner[k]}`);
  return out.join(", ");
}

function paragraphs(text) {
  return (text || "").split(/\n\n+/).filter(Boolean).map((p) => h("p", null, p));
}

function schemaTable(schema) {
  const s = ref(schema);
  if (!s || !s.properties) return h("p", null, h("code", null, typeName(schema)));
  const req = new Set(s.required || []);
  return h("table", null, h("thead", null, h("tr", null, h("th", null, "Field"), h("th", null, "Type"), h("th", null, "Description"))),
    h("tbody", null, Object.entries(s.properties).map(([name, p]) => h("tr", null,
      h("td", null, h("code", null, name), req.has(name) ? " *" : ""),
      h("td", null, h("code", null, typeName(p)), bounds(p) ? h("div", { className: "muted" }, bounds(p)) : null),
      h("td", null, p.description || "")))));
}

function operation(path, method, op) {
  const anchor = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-");
  const params = op.parameters || [];
  const locked = (op.security || []).length > 0;
  const out = h("section", { className: "op", id: anchor },
    h("h3", null, h("span", { className: `method ${method}` }, method.toUpperCase()), h("span", { className: "path" }, path),
      locked ? h("span", { className: "lock", title: "Send Authorization: Bearer TOKEN" }, "token") : null),
    h("div", null, h("strong", null, op.summary || "")),
    h("div", { className: "desc" }, paragraphs(op.description)));
  if (params.length) {
    out.append(h("h5", null, "Parameters"), h("table", null,
      h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "In"), h("th", null, "Type"), h("th", null, "Description"))),
      h("tbody", null, params.map((p) => h("tr", null,
        h("td", null, h("code", null, p.name), p.required ? " *" : ""), h("td", null, p.in),
        h("td", null, h("code", null, typeName(p.schema)), p.schema && p.schema.default !== undefined && p.schema.default !== null ? h("div", { className: "muted" }, `default ${JSON.stringify(p.schema.default)}`) : null,
          bounds(p.schema) ? h("div", { className: "muted" }, bounds(p.schema)) : null),
        h("td", null, p.description || ""))))));
  }
  const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
  if (body) out.append(h("h5", null, `Body: ${typeName(body.schema)}`), schemaTable(body.schema));
  const responses = Object.entries(op.responses || {});
  out.append(h("h5", null, "Responses"), h("table", null, h("tbody", null, responses.map(([code, r]) => {
    const content = r.content || {};
    const json = content["application/json"];
    return h("tr", null, h("td", null, h("code", null, code)), h("td", null, r.description || ""),
      h("td", null, json ? h("code", null, typeName(json.schema)) : Object.keys(content).join(", ")));
  }))));
  if (method === "get" && !path.includes("export")) out.append(tryIt(path, params));
  return [out, anchor];
}

function tryIt(path, params) {
  const inputs = {};
  const result = h("pre", { hidden: true });
  const fields = params.filter((p) => p.in === "path" || ["limit", "q", "country", "event_type"].includes(p.name)).map((p) => {
    inputs[p.name] = h("input", { type: "text", placeholder: p.name, title: p.name });
    return inputs[p.name];
  });
  const token = h("input", { type: "password", placeholder: "token (optional)", autocomplete: "off" });
  const run = async () => {
    let url = path;
    const q = new URLSearchParams();
    for (const p of params) {
      const v = inputs[p.name] ? inputs[p.name].value.trim() : "";
      if (!v) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v)); else q.set(p.name, v);
    }
    if (/\{/.test(url)) { result.hidden = false; result.textContent = "Fill in the path parameters first."; return; }
    const headers = { Accept: "application/json" };
    if (token.value.trim()) headers.Authorization = `Bearer ${token.value.trim()}`;
    const full = q.toString() ? `${url}?${q}` : url;
    const res = await fetch(full, { headers });
    let text = await res.text();
    try { text = JSON.stringify(JSON.parse(text), null, 1); } catch { /* not JSON */ }
    result.hidden = false;
    result.textContent = `GET ${full} → ${res.status}\n${text.length > 20000 ? text.slice(0, 20000) + "\n…" : text}`;
  };
  const form = h("form", { className: "try", onsubmit: (e) => { e.preventDefault(); run(); } }, ...fields, token, h("button", { type: "submit" }, "Try it"));
  return h("div", null, form, result);
}

async function main() {
  spec = await (await fetch("/openapi.json")).json();
  document.getElementById("version").textContent = `version ${spec.info.version} · OpenAPI ${spec.openapi}`;
  const main = clear(document.getElementById("docs"));
  const toc = clear(document.getElementById("toc"));
  main.append(h("section", { className: "intro" }, h("h2", null, spec.info.title), ...paragraphs(spec.info.description)));
  const byTag = new Map();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      const tag = (item[m].tags || ["other"])[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, m, item[m]]);
    }
  }
  for (const [tag, ops] of byTag) {
    main.append(h("h2", null, tag));
    toc.append(h("h4", null, tag));
    for (const [path, m, op] of ops) {
      const [el, anchor] = operation(path, m, op);
      main.append(el);
      toc.append(h("a", { href: `#${anchor}` }, `${m.toUpperCase()} ${path}`));
    }
  }
  main.append(h("h2", null, "Schemas"));
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    main.append(h("section", { className: "op", id: `schema-${name}` }, h("h3", null, name), h("div", { className: "desc" }, paragraphs(schema.description)), schemaTable(schema)));
  }
}

main().catch((err) => { document.getElementById("docs").textContent = `Could not load the schema: ${err.message}`; });
