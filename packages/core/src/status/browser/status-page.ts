// The status page's script: fetches the agent's JSON API and renders the tables, the hour's
// charts and the metric browser. Built with the package (tsc, DOM types) and served by the agent
// from its own files: no CDN, no bundler, nothing built at run time.
import type { Problem, ReloadRecord } from '../board.js';
import type { AgentStatus, CollectorStatus, HandlerStatus, WorkerStatus } from '../snapshot.js';
import { chartMarkup, COLORS, type Points } from './chart.js';

/** `/api/history`: one line per worker, handler or collector, oldest point first. */
interface History {
  step_ms: number;
  heap_used_bytes: Record<string, Points>;
  external_bytes: Record<string, Points>;
  queue_length: Record<string, Points>;
  run_duration_ms: Record<string, Points>;
}

const token = new URLSearchParams(location.search).get('token');
const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
let selected: string | null = null;

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
const text = (value: unknown): Text => document.createTextNode(value === null || value === undefined ? '' : String(value));
const mb = (bytes: number | null): string => (bytes === null ? '' : `${(bytes / 1048576).toFixed(1)} MB`);
const ago = (ms: number | null): string => (ms === null ? 'never' : `${Math.max(0, Math.round((Date.now() - ms) / 1000))} s ago`);

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers, cache: 'no-store' });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function cell(row: HTMLTableRowElement, value: unknown, className?: string): void {
  const td = document.createElement('td');
  td.appendChild(value instanceof Node ? value : text(value));
  if (className) td.className = className;
  row.appendChild(td);
}

function badge(state: string, label = state): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `state ${state}`;
  span.textContent = label;
  span.dataset.state = state;
  return span;
}

function errorCell(problem: Problem | null): Node {
  if (!problem) return text('');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.className = 'error';
  summary.textContent = `${problem.message} (${ago(problem.at)})`;
  details.appendChild(summary);
  if (problem.stack) {
    const pre = document.createElement('pre');
    pre.textContent = problem.stack;
    details.appendChild(pre);
  }
  return details;
}

function pluginRow(kind: 'collector' | 'handler', plugin: CollectorStatus | HandlerStatus): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.kind = kind;
  tr.dataset.key = plugin.key;
  for (const value of [kind, plugin.key, plugin.plugin, plugin.worker, badge(plugin.state)]) cell(tr, value);
  if ('interval_seconds' in plugin) {
    cell(tr, `every ${plugin.interval_seconds} s`, 'where');
    for (const value of [ago(plugin.last_run_at), `${plugin.last_duration_ms.toFixed(1)} ms`, plugin.last_samples ?? '']) cell(tr, value);
  } else {
    cell(tr, plugin.destination ?? '', 'where');
    for (const value of [
      ago(plugin.last_write_at),
      `${plugin.last_write_duration_ms.toFixed(1)} ms`,
      `${plugin.written} (queue ${plugin.queue_length}, dropped ${plugin.dropped})`,
    ])
      cell(tr, value);
  }
  cell(tr, plugin.errors);
  cell(tr, errorCell(plugin.last_error));
  return tr;
}

function reloadItem(reload: ReloadRecord): HTMLLIElement {
  const li = document.createElement('li');
  li.append(badge(reload.ok ? 'ok' : 'failing', reload.ok ? 'applied' : 'refused'), text(` ${new Date(reload.at).toLocaleTimeString()} `));
  const message = document.createElement('span');
  message.className = reload.ok ? '' : 'error';
  message.textContent = reload.message;
  li.append(message);
  li.dataset.ok = String(reload.ok);
  return li;
}

function workerRow(worker: WorkerStatus): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const value of [
    worker.group,
    badge(worker.state),
    worker.plugins.join(', '),
    mb(worker.heap_used_bytes),
    mb(worker.external_bytes),
    worker.restarts,
    worker.suspected_leak ? 'yes' : 'no',
  ])
    cell(tr, value);
  return tr;
}

function renderStatus(s: AgentStatus): void {
  $('version').textContent = s.version;
  $('host').textContent = s.hostname ? `on ${s.hostname}` : '';
  const health = $('health');
  health.textContent = s.healthy ? 'healthy' : 'unhealthy';
  health.className = `state ${s.healthy ? 'ok' : 'failing'}`;
  $('about').textContent =
    `pid ${s.pid} · up ${s.uptime_seconds} s · config ${s.config.file} (sha256 ${s.config.sha256.slice(0, 12)}) · RSS ${mb(s.rss_bytes)}`;
  $('problems').replaceChildren(...s.problems.map((problem) => Object.assign(document.createElement('li'), { textContent: problem })));
  $('plugins').replaceChildren(...s.collectors.map((c) => pluginRow('collector', c)), ...s.handlers.map((h) => pluginRow('handler', h)));
  if (s.reloads.length > 0) $('reloads').replaceChildren(...s.reloads.slice().reverse().map(reloadItem));
  $('workers').replaceChildren(...s.workers.map(workerRow));
}

/** Draws `lines` into the SVG `svgId` with axes, and their names into the legend `legendId`. */
function draw(svgId: string, legendId: string | null, lines: Readonly<Record<string, Points>>, scale: number): void {
  const svg = $(svgId);
  const chart = chartMarkup(lines, scale);
  svg.innerHTML = chart.markup;
  svg.dataset.points = String(chart.points);
  if (!legendId) return;
  $(legendId).replaceChildren(
    ...chart.names.map((name, i) => {
      const span = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = COLORS[i % COLORS.length] ?? '#000';
      span.append(swatch, text(name));
      return span;
    }),
  );
}

async function refreshHistory(): Promise<void> {
  const h = await get<History>('/api/history');
  draw('chart-heap', 'legend-heap', h.heap_used_bytes, 1 / 1048576);
  draw('chart-external', 'legend-external', h.external_bytes, 1 / 1048576);
  draw('chart-queue', 'legend-queue', h.queue_length, 1);
  draw('chart-duration', 'legend-duration', h.run_duration_ms, 1);
}

async function refreshPaths(): Promise<void> {
  const { paths } = await get<{ paths: string[] }>(`/api/series?filter=${encodeURIComponent($<HTMLInputElement>('filter').value)}`);
  const select = $<HTMLSelectElement>('paths');
  const keep = select.value;
  select.replaceChildren(...paths.map((p) => Object.assign(document.createElement('option'), { value: p, textContent: p })));
  if (paths.includes(keep)) select.value = keep;
}

async function refreshSeries(): Promise<void> {
  if (!selected) return;
  try {
    const { values } = await get<{ values: Points }>(`/api/series?path=${encodeURIComponent(selected)}`);
    $('series-title').textContent = selected;
    draw('chart-series', null, { [selected]: values }, 1);
    const last = values[values.length - 1];
    $('series-last').textContent = last ? `last ${last[1]} at ${new Date(last[0]).toLocaleTimeString()} · ${values.length} values` : '';
  } catch (error) {
    $('series-last').textContent = String(error);
  }
}

async function tick(): Promise<void> {
  const status = get<AgentStatus>('/api/status')
    .then(renderStatus)
    .catch((error: unknown) => void ($('problems').textContent = `status server unreachable: ${String(error)}`));
  // The metric list and the chart are fetched beside the status, so all three fill the first paint.
  const browser = refreshPaths()
    .then(refreshSeries)
    .catch(() => undefined);
  await Promise.all([status, browser]);
}

$('filter').addEventListener('input', () => void refreshPaths().catch(() => undefined));
$('paths').addEventListener('change', (event) => {
  selected = (event.target as HTMLSelectElement).value;
  void refreshSeries();
});
void tick();
void refreshHistory().catch(() => undefined);
setInterval(() => void tick(), 5000);
setInterval(() => void refreshHistory().catch(() => undefined), 15000);
