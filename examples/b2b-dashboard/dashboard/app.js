// The organizations dashboard: one page, no build step, no external
// request. It talks to the API named by <meta name="api-base"> ("/api":
// edit it when the page is hosted on another origin, which the server then
// lists in CORS_ORIGINS) with the bearer token of /api/auth/login, kept in
// sessionStorage for the tab's life. The base is never read from the URL:
// a link could otherwise send the login form's password elsewhere.
"use strict";

const API = document.querySelector('meta[name="api-base"]').content.replace(/\/$/, "");
const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("token") || "";
let page = 1;

// ApiError carries what the API answered: its message, and the problems
// of a validation error (data: [{location, message}]).
class ApiError extends Error {
  constructor(status, message, problems) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

// api calls the API and returns its JSON, or throws an ApiError with the
// API's own message. The app's routes answer {"message", "data"}; the
// built-in auth routes answer {"error": {"message", "data"}}.
async function api(method, path, body) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "The server cannot be reached: " + e.message);
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (res.ok) return json;
  const err = (json && json.error) || json || {};
  const problems = Array.isArray(err.data) ? err.data : [];
  const e = new ApiError(res.status, err.message || text || res.statusText, problems);
  if (res.status === 401 && path !== "/auth/login") {
    logout(e.message);
  }
  throw e;
}

// showError writes an error into box as the API stated it; null clears it.
function showError(box, e) {
  box.replaceChildren();
  if (!e) return;
  notice(""); // an earlier success no longer describes the page
  const p = document.createElement("div");
  p.textContent = e.message;
  box.append(p);
  const items = e.problems.filter((x) => x && typeof x === "object" && x.message);
  if (items.length) {
    const ul = document.createElement("ul");
    for (const x of items) {
      const li = document.createElement("li");
      li.textContent = (x.location ? x.location.replace(/^body\./, "") + ": " : "") + x.message;
      ul.append(li);
    }
    box.append(ul);
  } else {
    for (const x of e.problems.filter((x) => typeof x === "string")) {
      const d = document.createElement("div");
      d.textContent = x;
      box.append(d);
    }
  }
}

function notice(text) { $("notice").textContent = text; }

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function show(section) {
  for (const id of ["login", "list", "detail"]) $(id).hidden = id !== section;
  $("logout").hidden = section === "login";
}

function logout(message) {
  token = "";
  sessionStorage.removeItem("token");
  show("login");
  showError($("login-error"), message ? new ApiError(401, message, []) : null);
}

// formBody reads a form's non-empty fields: an empty optional field is
// left out rather than sent as "".
function formBody(form) {
  const body = {};
  for (const [k, v] of new FormData(form)) if (v !== "") body[k] = v;
  return body;
}

async function loadList() {
  show("list");
  showError($("list-error"), null);
  try {
    const res = await api("GET", `/organizations?page=${page}&limit=${PAGE_SIZE}`);
    const p = res.metadata.pagination;
    const rows = res.data.map((o) => {
      const tr = document.createElement("tr");
      tr.className = "link";
      tr.dataset.id = o.id;
      const a = document.createElement("a");
      a.href = "#/organizations/" + encodeURIComponent(o.id);
      a.textContent = o.name;
      const name = document.createElement("td");
      name.append(a);
      tr.append(name, cell(String(o.pendingRequests)), cell(o.status, "status-" + o.status));
      tr.addEventListener("click", (ev) => { if (ev.target.tagName !== "A") location.hash = a.getAttribute("href"); });
      return tr;
    });
    $("org-rows").replaceChildren(...rows);
    $("page-info").textContent = `Page ${p.page} of ${p.totalPages} (${p.total} organizations)`;
    $("prev").disabled = !p.hasPrev;
    $("next").disabled = !p.hasNext;
  } catch (e) {
    showError($("list-error"), e);
  }
}

const FIELDS = [
  ["slug", "Slug"], ["email", "E-mail"], ["status", "Status"], ["pendingRequests", "Pending requests"],
  ["contact", "Contact"], ["phone", "Phone"], ["altPhone", "Other phone"], ["website", "Website"],
  ["supportEmail", "Support e-mail"], ["primaryAdminName", "Primary admin"], ["primaryAdminEmail", "Primary admin e-mail"],
  ["maxCoordinators", "Max co-ordinators"], ["region", "Region"], ["timezone", "Time zone"], ["language", "Language"],
];

async function loadDetail(id) {
  show("detail");
  showError($("user-error"), null);
  $("detail").dataset.id = id;
  let org;
  try {
    org = await api("GET", "/organizations/" + encodeURIComponent(id));
  } catch (e) {
    $("org-name").textContent = "";
    $("org-fields").replaceChildren();
    $("user-rows").replaceChildren();
    showError($("user-error"), e);
    return;
  }
  $("org-name").textContent = org.name;
  const dl = [];
  for (const [k, label] of FIELDS) {
    if (org[k] === null || org[k] === undefined || org[k] === "") continue;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = String(org[k]);
    dd.dataset.field = k;
    dl.push(dt, dd);
  }
  $("org-fields").replaceChildren(...dl);
  $("no-users").hidden = org.users.length > 0;
  $("user-rows").replaceChildren(...org.users.map(userRow));
}

function userRow(u) {
  const tr = document.createElement("tr");
  tr.dataset.id = u.id;
  const select = document.createElement("select");
  select.setAttribute("aria-label", "Role of " + u.name);
  for (const r of ["Admin", "Co-ordinator"]) select.add(new Option(r, r, false, r === u.role));
  select.addEventListener("change", async () => {
    showError($("user-error"), null);
    try {
      const got = await api("PUT", "/users/" + encodeURIComponent(u.id), { role: select.value });
      u.role = got.role;
      notice(`${got.name} is now ${got.role}.`);
    } catch (e) {
      select.value = u.role;
      showError($("user-error"), e);
    }
  });
  const del = document.createElement("button");
  del.type = "button";
  del.className = "danger";
  del.textContent = "Delete";
  del.addEventListener("click", async () => {
    showError($("user-error"), null);
    try {
      const got = await api("DELETE", "/users/" + encodeURIComponent(u.id));
      notice(got.message);
      await loadDetail($("detail").dataset.id);
    } catch (e) {
      showError($("user-error"), e);
    }
  });
  const role = document.createElement("td");
  role.append(select);
  const actions = document.createElement("td");
  actions.append(del);
  tr.append(cell(u.name, "user-name"), role, actions);
  return tr;
}

function route() {
  notice("");
  if (!token) return logout();
  const m = location.hash.match(/^#\/organizations\/([^/]+)$/);
  if (m) return loadDetail(decodeURIComponent(m[1]));
  return loadList();
}

$("login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  showError($("login-error"), null);
  try {
    const got = await api("POST", "/auth/login", formBody(ev.target));
    token = got.accessToken;
    sessionStorage.setItem("token", token);
    ev.target.reset();
    route();
  } catch (e) {
    showError($("login-error"), e);
  }
});

$("org-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  showError($("org-error"), null);
  try {
    const org = await api("POST", "/organizations", formBody(ev.target));
    ev.target.reset();
    notice(`Organization ${org.name} added (slug ${org.slug}).`);
    await loadList();
  } catch (e) {
    showError($("org-error"), e);
  }
});

$("user-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  showError($("user-error"), null);
  const id = $("detail").dataset.id;
  try {
    const u = await api("POST", `/organizations/${encodeURIComponent(id)}/users`, formBody(ev.target));
    ev.target.reset();
    await loadDetail(id);
    notice(`${u.name} added as ${u.role}.`);
  } catch (e) {
    showError($("user-error"), e);
  }
});

$("prev").addEventListener("click", () => { page = Math.max(1, page - 1); loadList(); });
$("next").addEventListener("click", () => { page += 1; loadList(); });
$("logout").addEventListener("click", () => logout());
window.addEventListener("hashchange", route);
route();
