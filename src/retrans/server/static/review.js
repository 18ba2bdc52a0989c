// retrans review page: check a draft through the API, accept or reject each edit, copy the
// result. No framework, no CDN: served by `retrans serve` and works offline.
"use strict";

const CATEGORY = {
  name: "names", entity: "names", title: "names",
  calque: "calques", "false-friend": "calques", "verb-sense": "calques", metonymy: "calques",
  "loaded-term": "calques", "word-order": "calques", untranslated: "calques",
  abbreviation: "calques", style: "calques",
  typography: "typography",
  number: "numbers", date: "numbers", time: "numbers",
  detection: "detection",
};
const LANG_NAMES = { fr: "French", de: "German", es: "Spanish", it: "Italian", ru: "Russian",
  en: "English", pt: "Portuguese", other: "another language" };

const $ = (id) => document.getElementById(id);
const state = { text: "", cps: [], items: [], current: -1, fileName: null };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
  return e;
}

function setStatus(msg, isError) {
  const s = $("status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

// ---- API ----------------------------------------------------------------------------------

function options() {
  const o = {};
  if ($("opt-source").value) o.source = $("opt-source").value;
  if ($("opt-style").value) o.style = $("opt-style").value;
  return o;
}

async function call(path, body) {
  const headers = { "content-type": "application/json" };
  const token = $("opt-token").value || sessionStorage.getItem("retrans-token");
  if (token) headers.authorization = "Bearer " + token;
  const resp = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  let data = null;
  try { data = await resp.json(); } catch (e) { data = null; }
  if (resp.status === 401) {
    $("token-box").hidden = false;
    $("opt-token").focus();
  }
  if (!resp.ok) {
    const msg = data && data.error ? data.error.message : resp.status + " " + resp.statusText;
    throw new Error(msg);
  }
  if (token) sessionStorage.setItem("retrans-token", token);
  return data;
}

async function runCheck() {
  const text = $("draft").value;
  if (!text.trim()) { setStatus("Paste or open a draft first.", true); return; }
  setStatus("Checking…");
  $("btn-check").disabled = true;
  const body = { text, format: $("opt-format").value, options: options() };
  try {
    const [check, fix] = await Promise.all([call("/v1/check", body), call("/v1/fix", body)]);
    load(text, check, fix);
    const n = state.items.filter((i) => i.edit).length;
    setStatus(`${state.items.length} findings, ${n} proposed edits.`);
  } catch (err) {
    setStatus("Error: " + err.message, true);
  } finally {
    $("btn-check").disabled = false;
  }
}

// ---- model --------------------------------------------------------------------------------

function key(f) { return f.start + ":" + f.end + ":" + f.code; }

function load(text, check, fix) {
  state.text = text;
  state.cps = Array.from(text); // API offsets count code points, not UTF-16 units
  const edits = fix.edits.filter((e) => e.replacement !== null && e.replacement !== e.original);
  const editKeys = new Set(edits.map(key));
  const items = edits.map((f) => ({ f, edit: true, state: "pending" }));
  const covered = [];
  for (const f of check.findings) {
    if (f.code === "MT101" || editKeys.has(key(f))) continue;
    items.push({ f, edit: false, state: "advice" });
  }
  for (const it of items) covered.push([it.f.start, it.f.end]);
  // MT evidence the rules did not already flag: underlined as "detection" advice.
  const det = check.detection;
  for (const ev of (det && det.evidence) || []) {
    if (ev.end <= ev.start || covered.some(([s, e]) => s < ev.end && ev.start < e)) continue;
    covered.push([ev.start, ev.end]);
    items.push({
      f: { start: ev.start, end: ev.end, code: "MT", category: "detection",
        message: `MT evidence (${ev.kind}${ev.langs && ev.langs.length ? ", " + ev.langs.join("/") : ""})`,
        original: ev.text, replacement: null, severity: "info" },
      edit: false, state: "advice" });
  }
  items.sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end);
  items.forEach((it, i) => { it.id = i; it.cat = CATEGORY[it.f.category] || "other"; });
  state.items = items;
  state.current = -1;
  renderDetection(det);
  renderRules();
  renderList();
  renderView();
  renderResult();
  $("draft").hidden = true;
  $("view").hidden = false;
  $("btn-edit").hidden = false;
  for (const b of ["btn-accept-all", "btn-reject-all", "btn-copy", "btn-download"]) {
    $(b).disabled = false;
  }
}

function slice(a, b) { return state.cps.slice(a, b).join(""); }

function resultText() {
  const parts = [];
  let pos = 0;
  for (const it of state.items) {
    if (!it.edit || it.state !== "accepted") continue;
    parts.push(slice(pos, it.f.start), it.f.replacement);
    pos = it.f.end;
  }
  parts.push(slice(pos));
  return parts.join("");
}

function setState(it, s) {
  if (!it || !it.edit) return;
  it.state = it.state === s ? "pending" : s;
  refresh();
}

function refresh() {
  const inList = $("list").contains(document.activeElement);
  renderList();
  renderView();
  renderResult();
  renderRules();
  if (inList && state.current >= 0) $("item-" + state.current).focus();
}

// ---- rendering ----------------------------------------------------------------------------

function renderDetection(det) {
  $("det-none").hidden = !!det;
  $("det-body").hidden = !det;
  if (!det) { $("det-none").textContent = "Detection is switched off."; return; }
  const p = det.mt_probability;
  const v = $("det-verdict");
  v.textContent = det.is_mt ? "Likely machine-translated" : "Reads as human-written";
  v.className = det.is_mt ? "verdict-mt" : "verdict-human";
  $("det-meter").value = p;
  $("det-prob").textContent = Math.round(p * 100) + "%";
  const src = det.source_lang;
  $("det-source").textContent = src
    ? `${LANG_NAMES[src] || src} (${src}, ${Math.round(det.source_probability * 100)}%)`
    : "unknown";
  const ul = $("det-reasons");
  ul.replaceChildren(...det.reasons.map((r) => el("li", {}, r)));
}

function renderRules() {
  const counts = new Map();
  for (const it of state.items) {
    if (!it.edit) continue;
    const c = counts.get(it.f.code) || { n: 0, pending: 0 };
    c.n += 1;
    if (it.state !== "accepted") c.pending += 1;
    counts.set(it.f.code, c);
  }
  const box = $("rules");
  box.replaceChildren();
  for (const [code, c] of counts) {
    if (c.n < 2) continue;
    box.append(el("button", {
      type: "button", "data-rule": code,
      title: `Accept every ${code} edit`,
      onclick: () => { for (const it of state.items) if (it.edit && it.f.code === code) it.state = "accepted"; refresh(); },
    }, `Accept all ${code} (${c.n})`));
    if (!c.pending) box.lastChild.disabled = true;
  }
}

function itemText(it) {
  const f = it.f;
  if (f.replacement === null || f.replacement === undefined) return el("span", {}, `“${f.original}”`);
  const rep = f.replacement === "" ? "(delete)" : f.replacement;
  const orig = f.original === "" ? "(insert)" : f.original;
  return el("span", {}, el("del", {}, orig), " → ", el("ins", {}, rep));
}

function renderList() {
  const list = $("list");
  const nEdits = state.items.filter((i) => i.edit).length;
  $("count").textContent = `(${state.items.length}; ${nEdits} edits)`;
  list.replaceChildren(...state.items.map((it) => {
    const f = it.f;
    const acts = el("div", { class: "acts" });
    if (it.edit) {
      acts.append(
        el("button", { type: "button", class: "accept", "aria-pressed": String(it.state === "accepted"),
          onclick: () => { state.current = it.id; setState(it, "accepted"); } }, "Accept"),
        el("button", { type: "button", class: "reject", "aria-pressed": String(it.state === "rejected"),
          onclick: () => { state.current = it.id; setState(it, "rejected"); } }, "Reject"),
        el("span", { class: "state" }, it.state));
    } else {
      acts.append(el("span", { class: "state" },
        f.replacement !== null && f.replacement !== undefined ? "suggestion (not applied)" : "advice"));
    }
    const li = el("li", {
      id: "item-" + it.id, class: `item cat-${it.cat} ${it.state}${it.id === state.current ? " current" : ""}`,
      tabindex: it.id === Math.max(state.current, 0) ? "0" : "-1", "data-id": it.id,
      "data-start": f.start, "data-end": f.end,
      "aria-label": `${f.code} ${f.message}`,
      onfocus: () => select(it.id, false),
    },
    el("div", { class: "head" }, el("span", { class: "code" }, f.code), el("span", {}, f.category),
      el("span", {}, f.severity || "")),
    el("div", { class: "msg" }, f.message),
    el("div", { class: "change" }, itemText(it)),
    acts);
    return li;
  }));
}

function renderView() {
  const view = $("view");
  const n = state.cps.length;
  const marks = state.items;
  const bounds = new Set([0, n]);
  for (const it of marks) { bounds.add(it.f.start); bounds.add(it.f.end); }
  const pts = [...bounds].filter((b) => b >= 0 && b <= n).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  const inserts = (pos) => {
    for (const it of marks) {
      if (it.f.start !== pos || it.f.end !== pos) continue;
      if (it.edit && it.state === "accepted") frag.append(el("ins", { class: "rep", "data-id": it.id }, it.f.replacement));
      else frag.append(el("span", { class: `f ins-mark cat-${it.cat} ${it.state}${it.id === state.current ? " current" : ""}`,
        "data-id": it.id, title: it.f.message }, "‸"));
    }
  };
  for (let i = 0; i < pts.length - 1; i++) {
    const a = pts[i], b = pts[i + 1];
    inserts(a);
    const cover = marks.filter((it) => it.f.start <= a && it.f.end >= b && it.f.end > it.f.start);
    const txt = slice(a, b);
    if (!cover.length) { frag.append(txt); continue; }
    const top = cover.find((it) => it.edit) || cover[0];
    const cur = cover.some((it) => it.id === state.current);
    frag.append(el("mark", {
      class: `f cat-${top.cat} ${top.edit ? top.state : "advice"}${cur ? " current" : ""}`,
      "data-id": top.id, title: cover.map((it) => `${it.f.code}: ${it.f.message}`).join("\n"),
    }, txt));
    if (top.edit && top.state === "accepted" && top.f.end === b) {
      frag.append(el("ins", { class: "rep", "data-id": top.id }, top.f.replacement));
    }
  }
  if (pts.length) inserts(n);
  view.replaceChildren(frag);
}

function renderResult() {
  $("result").value = resultText();
}

function select(id, focus = true) {
  if (id < 0 || id >= state.items.length) return;
  const changed = state.current !== id;
  state.current = id;
  for (const e of document.querySelectorAll(".current")) e.classList.remove("current");
  for (const e of document.querySelectorAll(`[data-id="${id}"]`)) e.classList.add("current");
  for (const e of $("list").children) e.tabIndex = Number(e.dataset.id) === id ? 0 : -1;
  const li = $("item-" + id);
  if (focus && li && document.activeElement !== li) li.focus();
  if (changed) {
    const mark = $("view").querySelector(`mark[data-id="${id}"], .f[data-id="${id}"]`);
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }
}

// ---- events -------------------------------------------------------------------------------

function onListKey(ev) {
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const li = ev.target.closest(".item");
  if (!li) return;
  const id = Number(li.dataset.id);
  const it = state.items[id];
  const k = ev.key;
  if (k === "ArrowDown" || k === "j") select(Math.min(id + 1, state.items.length - 1));
  else if (k === "ArrowUp" || k === "k") select(Math.max(id - 1, 0));
  else if (k === "Home") select(0);
  else if (k === "End") select(state.items.length - 1);
  else if (k === "a") setState(it, "accepted");
  else if (k === "r") setState(it, "rejected");
  else if (k === "u" && it.edit) { it.state = "pending"; refresh(); }
  else return;
  ev.preventDefault();
}

function download() {
  const blob = new Blob([resultText()], { type: "text/plain;charset=utf-8" });
  const a = el("a", { href: URL.createObjectURL(blob) });
  const base = (state.fileName || "draft.txt").replace(/(\.[^.]*)?$/, "");
  const ext = (state.fileName && /\.(md|markdown)$/i.test(state.fileName)) || $("opt-format").value === "markdown" ? ".md" : ".txt";
  a.download = base + ".fixed" + ext;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function copy() {
  const text = resultText();
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const r = $("result");
    r.focus();
    r.select();
    document.execCommand("copy");
  }
  setStatus("Result copied.");
}

function openFile(ev) {
  const file = ev.target.files[0];
  if (!file) return;
  state.fileName = file.name;
  if (/\.(md|markdown)$/i.test(file.name)) $("opt-format").value = "markdown";
  else $("opt-format").value = "text";
  const reader = new FileReader();
  reader.onload = () => {
    $("draft").value = String(reader.result).replace(/^\uFEFF/, "");
    editMode();
    setStatus(`Opened ${file.name}.`);
  };
  reader.onerror = () => setStatus("Cannot read " + file.name, true);
  reader.readAsText(file, "utf-8");
  ev.target.value = "";
}

function editMode() {
  $("draft").hidden = false;
  $("view").hidden = true;
  $("btn-edit").hidden = true;
  $("draft").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  $("btn-check").addEventListener("click", runCheck);
  $("btn-edit").addEventListener("click", editMode);
  $("file").addEventListener("change", openFile);
  $("btn-copy").addEventListener("click", copy);
  $("btn-download").addEventListener("click", download);
  $("btn-accept-all").addEventListener("click", () => {
    for (const it of state.items) if (it.edit) it.state = "accepted";
    refresh();
  });
  $("btn-reject-all").addEventListener("click", () => {
    for (const it of state.items) if (it.edit) it.state = "rejected";
    refresh();
  });
  $("list").addEventListener("keydown", onListKey);
  $("view").addEventListener("click", (ev) => {
    const m = ev.target.closest("[data-id]");
    if (m) select(Number(m.dataset.id));
  });
  $("draft").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); runCheck(); }
  });
  $("opts").addEventListener("submit", (ev) => ev.preventDefault());
});
