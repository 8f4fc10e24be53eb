/** What a stats row publishes: `<proxy>.<service>.<field>` and its number. */
export type StatFigures = Array<[name: string, value: number]>;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Diamond's _sanitize: anything but a word character or `-` becomes `_`. */
export const sanitize = (text: string): string => text.replace(/[^\w-]/g, '_');

/**
 * HAProxy's stats CSV (`# pxname,svname,qcur,...` then a row a frontend, backend and server) as
 * Diamond's HAProxyCollector named it: `<pxname>.<svname>.<field>`, lower-cased and sanitized,
 * each numeric field as it is. A text field (`status`, `check_status`) is left out: Diamond's code
 * published 1 for any text (UP and DOWN alike), and its tests assert no text field.
 */
export function statFigures(csv: string, ignoreServers: boolean): StatFigures {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',') ?? [];
  const headings = header.map(sanitize);
  const figures: StatFigures = [];
  for (const line of lines.slice(1)) {
    const row = line.split(',');
    const [proxy = '', service = ''] = row;
    if (ignoreServers && !['frontend', 'backend'].includes(service.toLowerCase())) continue;
    const base = `${sanitize(proxy.toLowerCase())}.${sanitize(service.toLowerCase())}`;
    for (let index = 2; index < row.length; index++) {
      const cell = row[index] ?? '';
      const heading = headings[index];
      if (heading && NUMBER.test(cell)) figures.push([`${base}.${heading}`, Number(cell)]);
    }
  }
  return figures;
}
