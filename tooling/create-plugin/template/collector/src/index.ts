import { defineCollector, MalformedFileError, option, readOptionalFile, type Catalogue } from '@spinel/sdk';

/** Options: snake_case names, each with a default and a one-line description (the README's table). */
export const options = {
  publish_total: option.boolean(true, 'Also publish the number of processes and threads that exist.'),
};

/** Every metric this collector publishes, declared once: the README and the tests derive from it. */
export const catalogue: Catalogue = [
  {
    name: 'running',
    type: 'gauge',
    unit: 'processes',
    description: 'Processes and threads running or runnable now (/proc/loadavg, field 4 before the slash).',
  },
  { name: 'total', type: 'gauge', unit: 'processes', description: 'Processes and threads that exist now (/proc/loadavg, field 4 after the slash).' },
];

export default defineCollector({
  name: '{{name}}',
  description: 'Runnable and total processes from /proc/loadavg.',
  path: '{{name}}',
  options,
  catalogue,
  async collect(ctx) {
    // ctx.procfs honours HOST_PROC, so the collector also works in a container with /proc mounted elsewhere.
    const file = ctx.procfs('loadavg');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return; // not on this host: publish nothing, no error
    const match = /^\S+ \S+ \S+ (\d+)\/(\d+) /.exec(text);
    if (!match) throw new MalformedFileError(file, `"<load1> <load5> <load15> <running>/<total> <last pid>", found ${JSON.stringify(text.slice(0, 60))}`);
    ctx.publish('running', Number(match[1]));
    if (ctx.options.publish_total) ctx.publish('total', Number(match[2]));
  },
});
