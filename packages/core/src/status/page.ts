// The status page: one HTML document with its script and styles inline, served by the agent
// itself (no CDN, no network, no build step). Charts are plain SVG polylines drawn by the script.
export const STATUS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spinel status</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #fafbfc; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
  th { font-weight: 600; background: #f0f2f5; }
  .state { font-weight: 600; border-radius: 3px; padding: 0 .4rem; }
  .ok, .ready { color: #0b6b2f; background: #dff5e6; } .failing, .dropping, .restarting, .stopped { color: #8a1020; background: #fde2e5; }
  .waiting, .starting, .idle { color: #7a5a00; background: #fff3cd; }
  .meta { color: #5a6270; } .error { color: #8a1020; white-space: pre-wrap; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
  .chart { background: #fff; border: 1px solid #e3e6ea; padding: .5rem; }
  .chart h3 { font-size: .95rem; margin: 0 0 .3rem; } svg { width: 100%; height: 180px; display: block; }
  .legend span { margin-right: .8rem; font-size: .85rem; } .legend i { display: inline-block; width: .8rem; height: .2rem; margin-right: .3rem; vertical-align: middle; }
  #browser { display: grid; grid-template-columns: 320px 1fr; gap: 1rem; }
  #paths { width: 100%; height: 220px; } #filter { width: 100%; box-sizing: border-box; margin-bottom: .3rem; }
</style>
</head>
<body>
<h1>Spinel <span id="version"></span> <span id="health" class="state" data-testid="health"></span></h1>
<div class="meta" id="about"></div>
<ul id="problems" class="error" data-testid="problems"></ul>

<h2>Plugins</h2>
<table data-testid="plugins"><thead><tr><th>kind</th><th>entry</th><th>plugin</th><th>worker</th><th>state</th><th>last run / write</th><th>duration</th><th>samples / written</th><th>errors</th><th>last error</th></tr></thead><tbody id="plugins"></tbody></table>

<h2>Reloads</h2>
<ul id="reloads" data-testid="reloads"><li class="meta">none since the start</li></ul>

<h2>Workers</h2>
<table data-testid="workers"><thead><tr><th>worker</th><th>state</th><th>plugins</th><th>heap</th><th>off-heap</th><th>restarts</th><th>leak suspected</th></tr></thead><tbody id="workers"></tbody></table>

<h2>The last hour</h2>
<div class="charts">
  <div class="chart"><h3>Worker heap (MB)</h3><svg id="chart-heap" data-testid="chart-heap" viewBox="0 0 600 180" preserveAspectRatio="none"></svg><div class="legend" id="legend-heap"></div></div>
  <div class="chart"><h3>Worker off-heap memory (MB)</h3><svg id="chart-external" viewBox="0 0 600 180" preserveAspectRatio="none"></svg><div class="legend" id="legend-external"></div></div>
  <div class="chart"><h3>Handler queue (samples)</h3><svg id="chart-queue" viewBox="0 0 600 180" preserveAspectRatio="none"></svg><div class="legend" id="legend-queue"></div></div>
  <div class="chart"><h3>Collector run duration (ms)</h3><svg id="chart-duration" viewBox="0 0 600 180" preserveAspectRatio="none"></svg><div class="legend" id="legend-duration"></div></div>
</div>

<h2>Metric browser</h2>
<div id="browser">
  <div><input id="filter" placeholder="filter, e.g. cpu.total" data-testid="filter"><select id="paths" size="12" data-testid="paths"></select></div>
  <div class="chart"><h3 id="series-title">pick a metric</h3><svg id="chart-series" data-testid="chart-series" viewBox="0 0 600 180" preserveAspectRatio="none"></svg><div class="meta" id="series-last"></div></div>
</div>

<script>
"use strict";
const token = new URLSearchParams(location.search).get("token");
const headers = token ? { authorization: "Bearer " + token } : {};
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
const $ = (id) => document.getElementById(id);
const text = (value) => document.createTextNode(value == null ? "" : String(value));
const mb = (bytes) => bytes == null ? "" : (bytes / 1048576).toFixed(1) + " MB";
const ago = (ms) => ms == null ? "never" : Math.max(0, Math.round((Date.now() - ms) / 1000)) + " s ago";
let selected = null;

async function get(path) {
  const res = await fetch(path, { headers, cache: "no-store" });
  if (!res.ok) throw new Error(path + ": HTTP " + res.status);
  return res.json();
}

function cell(row, value, cls) {
  const td = document.createElement("td");
  if (value instanceof Node) td.appendChild(value); else td.appendChild(text(value));
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function badge(state, label) {
  const span = document.createElement("span");
  span.className = "state " + state;
  span.textContent = label || state;
  span.dataset.state = state;
  return span;
}

function errorCell(problem) {
  if (!problem) return text("");
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.className = "error";
  summary.textContent = problem.message + " (" + ago(problem.at) + ")";
  details.appendChild(summary);
  if (problem.stack) { const pre = document.createElement("pre"); pre.textContent = problem.stack; details.appendChild(pre); }
  return details;
}

function renderStatus(s) {
  $("version").textContent = s.version;
  const health = $("health");
  health.textContent = s.healthy ? "healthy" : "unhealthy";
  health.className = "state " + (s.healthy ? "ok" : "failing");
  $("about").textContent = "pid " + s.pid + " · up " + s.uptime_seconds + " s · config " + s.config.file + " (sha256 " + s.config.sha256.slice(0, 12) + ") · RSS " + mb(s.rss_bytes);
  const problems = $("problems");
  problems.replaceChildren(...s.problems.map((p) => { const li = document.createElement("li"); li.textContent = p; return li; }));
  const rows = [];
  for (const c of s.collectors) {
    const tr = document.createElement("tr");
    tr.dataset.kind = "collector"; tr.dataset.key = c.key;
    cell(tr, "collector"); cell(tr, c.key); cell(tr, c.plugin); cell(tr, c.worker); cell(tr, badge(c.state));
    cell(tr, ago(c.last_run_at)); cell(tr, c.last_duration_ms.toFixed(1) + " ms"); cell(tr, c.last_samples ?? ""); cell(tr, c.errors); cell(tr, errorCell(c.last_error));
    rows.push(tr);
  }
  for (const h of s.handlers) {
    const tr = document.createElement("tr");
    tr.dataset.kind = "handler"; tr.dataset.key = h.key;
    cell(tr, "handler"); cell(tr, h.key); cell(tr, h.plugin); cell(tr, h.worker); cell(tr, badge(h.state));
    cell(tr, ago(h.last_write_at)); cell(tr, h.last_write_duration_ms.toFixed(1) + " ms"); cell(tr, h.written + " (queue " + h.queue_length + ", dropped " + h.dropped + ")"); cell(tr, h.errors); cell(tr, errorCell(h.last_error));
    rows.push(tr);
  }
  $("plugins").replaceChildren(...rows);
  if (s.reloads.length > 0) $("reloads").replaceChildren(...s.reloads.slice().reverse().map((r) => {
    const li = document.createElement("li");
    li.append(badge(r.ok ? "ok" : "failing", r.ok ? "applied" : "refused"), text(" " + new Date(r.at).toLocaleTimeString() + " "));
    const pre = document.createElement("span"); pre.className = r.ok ? "" : "error"; pre.textContent = r.message;
    li.append(pre); li.dataset.ok = String(r.ok);
    return li;
  }));
  $("workers").replaceChildren(...s.workers.map((w) => {
    const tr = document.createElement("tr");
    cell(tr, w.group); cell(tr, badge(w.state)); cell(tr, w.plugins.join(", ")); cell(tr, mb(w.heap_used_bytes)); cell(tr, mb(w.external_bytes)); cell(tr, w.restarts); cell(tr, w.suspected_leak ? "yes" : "no");
    return tr;
  }));
}

/** Draws lines (name -> [[ms, value], ...]) into an SVG, scaled to fit, with a legend. */
function draw(svgId, legendId, lines, scale) {
  const svg = $(svgId);
  const entries = Object.entries(lines).filter(([, points]) => points.length > 0);
  let t0 = Infinity, t1 = -Infinity, vmax = 0;
  for (const [, points] of entries) for (const [t, v] of points) { t0 = Math.min(t0, t); t1 = Math.max(t1, t); vmax = Math.max(vmax, v * scale); }
  if (t1 <= t0) t1 = t0 + 1;
  if (vmax <= 0) vmax = 1;
  const parts = ['<line x1="0" y1="175" x2="600" y2="175" stroke="#ccd"/>', '<text x="4" y="12" font-size="11" fill="#667">' + vmax.toFixed(vmax < 10 ? 2 : 0) + '</text>'];
  entries.forEach(([name, points], i) => {
    const coords = points.map(([t, v]) => ((t - t0) / (t1 - t0) * 596 + 2).toFixed(1) + "," + (175 - (v * scale) / vmax * 160).toFixed(1));
    if (coords.length === 1) coords.push((596 + 2) + "," + coords[0].split(",")[1]);
    parts.push('<polyline fill="none" stroke-width="1.5" stroke="' + COLORS[i % COLORS.length] + '" points="' + coords.join(" ") + '" data-points="' + points.length + '"/>');
  });
  svg.innerHTML = parts.join("");
  svg.dataset.points = String(entries.reduce((n, [, p]) => n + p.length, 0));
  if (legendId) {
    $(legendId).replaceChildren(...entries.map(([name], i) => {
      const span = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = COLORS[i % COLORS.length];
      span.append(swatch, text(name));
      return span;
    }));
  }
}

async function refreshHistory() {
  const h = await get("/api/history");
  draw("chart-heap", "legend-heap", h.heap_used_bytes, 1 / 1048576);
  draw("chart-external", "legend-external", h.external_bytes, 1 / 1048576);
  draw("chart-queue", "legend-queue", h.queue_length, 1);
  draw("chart-duration", "legend-duration", h.run_duration_ms, 1);
}

async function refreshPaths() {
  const { paths } = await get("/api/series?filter=" + encodeURIComponent($("filter").value));
  const select = $("paths");
  const keep = select.value;
  select.replaceChildren(...paths.map((p) => { const o = document.createElement("option"); o.value = p; o.textContent = p; return o; }));
  if (paths.includes(keep)) select.value = keep;
}

async function refreshSeries() {
  if (!selected) return;
  try {
    const { values } = await get("/api/series?path=" + encodeURIComponent(selected));
    $("series-title").textContent = selected;
    draw("chart-series", null, { [selected]: values }, 1);
    const last = values[values.length - 1];
    $("series-last").textContent = last ? "last " + last[1] + " at " + new Date(last[0]).toLocaleTimeString() + " · " + values.length + " values" : "";
  } catch (error) {
    $("series-last").textContent = String(error);
  }
}

async function tick() {
  try { renderStatus(await get("/api/status")); } catch (error) { $("problems").textContent = "status server unreachable: " + error; }
  try { await refreshPaths(); await refreshSeries(); } catch {}
}

$("filter").addEventListener("input", () => refreshPaths().catch(() => {}));
$("paths").addEventListener("change", (e) => { selected = e.target.value; refreshSeries(); });
tick(); refreshHistory().catch(() => {});
setInterval(tick, 5000);
setInterval(() => refreshHistory().catch(() => {}), 15000);
</script>
</body>
</html>
`;
