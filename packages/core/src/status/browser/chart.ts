// A line chart as SVG markup: a time axis at the bottom, a value axis at the left, one polyline a
// series. Drawn in a fixed 600 x 200 box that the page scales as a whole, so labels keep their shape.

/** A series' points, oldest first: [milliseconds since the epoch, value]. */
export type Points = ReadonlyArray<readonly [number, number]>;

const WIDTH = 600;
const HEIGHT = 200;
const LEFT = 52;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 22;
export const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/** 1, 2 or 5 times a power of ten: a tick step that reads well, about `span / count` long. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return multiple * power;
}

/** A value tick's label: no more digits than the step needs. */
export function valueLabel(value: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return value.toFixed(decimals);
}

/** A time tick's label, local time: HH:MM, with seconds when the span is under ten minutes. */
export function timeLabel(ms: number, spanMs: number): string {
  const date = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}${spanMs < 600_000 ? `:${two(date.getSeconds())}` : ''}`;
}

const TIME_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

const escapeXml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function tick(className: string, x: number, y: number, anchor: string, label: string): string {
  return `<text class="${className}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="11" fill="#5a6270" text-anchor="${anchor}">${escapeXml(label)}</text>`;
}

/** The whole chart's markup for `lines` (name -> points), values multiplied by `scale`. */
export function chartMarkup(lines: Readonly<Record<string, Points>>, scale: number): { markup: string; points: number; names: string[] } {
  const entries = Object.entries(lines).filter(([, points]) => points.length > 0);
  let t0 = Infinity;
  let t1 = -Infinity;
  let vmax = 0;
  for (const [, points] of entries) {
    for (const [t, v] of points) {
      t0 = Math.min(t0, t);
      t1 = Math.max(t1, t);
      vmax = Math.max(vmax, v * scale);
    }
  }
  if (entries.length === 0) t0 = t1 = Date.now();
  if (t1 <= t0) t1 = t0 + 1000;
  const valueStep = niceStep(vmax > 0 ? vmax : 1, 4);
  const top = Math.max(valueStep, Math.ceil((vmax > 0 ? vmax : 1) / valueStep) * valueStep);
  const x = (t: number): number => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - RIGHT);
  const y = (v: number): number => HEIGHT - BOTTOM - (v / top) * (HEIGHT - TOP - BOTTOM);
  const parts: string[] = [
    `<line x1="${LEFT}" y1="${HEIGHT - BOTTOM}" x2="${WIDTH - RIGHT}" y2="${HEIGHT - BOTTOM}" stroke="#99a"/>`,
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${HEIGHT - BOTTOM}" stroke="#99a"/>`,
  ];
  for (let v = 0; v <= top + valueStep / 2; v += valueStep) {
    parts.push(`<line x1="${LEFT}" y1="${y(v).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${y(v).toFixed(1)}" stroke="#eef"/>`);
    parts.push(tick('tick-y', LEFT - 4, y(v) + 4, 'end', valueLabel(v, valueStep)));
  }
  const timeStep = TIME_STEPS_MS.find((step) => (t1 - t0) / step <= 5) ?? 3_600_000;
  for (let t = Math.ceil(t0 / timeStep) * timeStep; t <= t1; t += timeStep) {
    parts.push(`<line x1="${x(t).toFixed(1)}" y1="${HEIGHT - BOTTOM}" x2="${x(t).toFixed(1)}" y2="${HEIGHT - BOTTOM + 4}" stroke="#99a"/>`);
    parts.push(tick('tick-x', x(t), HEIGHT - 6, 'middle', timeLabel(t, t1 - t0)));
  }
  entries.forEach(([, points], i) => {
    const coords = points.map(([t, v]) => `${x(t).toFixed(1)},${y(v * scale).toFixed(1)}`);
    if (coords.length === 1) coords.push(`${WIDTH - RIGHT},${y((points[0]?.[1] ?? 0) * scale).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke-width="1.5" stroke="${COLORS[i % COLORS.length]}" points="${coords.join(' ')}" data-points="${points.length}"/>`);
  });
  return { markup: parts.join(''), points: entries.reduce((n, [, p]) => n + p.length, 0), names: entries.map(([name]) => name) };
}
