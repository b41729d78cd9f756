// The API client. The token lives in sessionStorage (gone when the tab closes) and is sent as a Bearer header.

const TOKEN_KEY = "eventcoder.token";

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export const auth = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(v) { if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY); },
};

function headers(extra) {
  const out = { Accept: "application/json", ...(extra || {}) };
  const t = auth.token;
  if (t) out.Authorization = `Bearer ${t}`;
  return out;
}

async function failure(res) {
  let msg = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (typeof body.detail === "string") msg = body.detail;
    else if (Array.isArray(body.detail)) msg = body.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  } catch { /* not JSON */ }
  return new ApiError(res.status, msg);
}

export async function get(path, params) {
  const url = params ? `${path}?${query(params)}` : path;
  const res = await fetch(url, { headers: headers() });
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function send(method, path, body, token) {
  const h = headers(body === undefined ? {} : { "Content-Type": "application/json" });
  if (token) h.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw await failure(res);
  return res.status === 204 ? null : res.json();
}

/** Download a file through fetch, so the Authorization header goes along when reads need a token. */
export async function download(path, params) {
  const res = await fetch(`${path}?${query(params)}`, { headers: headers({ Accept: "*/*" }) });
  if (!res.ok) throw await failure(res);
  const blob = await res.blob();
  const cd = res.headers.get("Content-Disposition") || "";
  const name = (cd.match(/filename="([^"]+)"/) || [])[1] || "events";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  return q.toString();
}
