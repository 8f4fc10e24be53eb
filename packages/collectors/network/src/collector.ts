import { convertBytes, defineCollector, MalformedFileError, MAX_COUNTER, readOptionalFile } from '@spinel/sdk';
import { catalogue } from './catalogue.js';
import { options } from './options.js';

const RX = ['rx_bytes', 'rx_packets', 'rx_errors', 'rx_drop', 'rx_fifo', 'rx_frame', 'rx_compressed', 'rx_multicast'] as const;
const TX = ['tx_bytes', 'tx_packets', 'tx_errors', 'tx_drop', 'tx_fifo', 'tx_colls', 'tx_carrier', 'tx_compressed'] as const;
/** Diamond's regex named the last three transmit columns one column off; kept behind a switch. */
const DIAMOND_TX = ['tx_bytes', 'tx_packets', 'tx_errors', 'tx_drop', 'tx_fifo', 'tx_frame', 'tx_compressed', 'tx_multicast'] as const;

interface InterfaceCounters {
  name: string;
  values: number[];
}

function parseNetDev(text: string, file: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const values = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (!name || values.length < 16 || values.some((v) => !Number.isFinite(v) || v < 0)) {
      throw new MalformedFileError(file, `"<interface>: <16 counters>" lines, found ${JSON.stringify(line.slice(0, 80))}`);
    }
    out.push({ name, values });
  }
  return out;
}

export default defineCollector({
  name: 'network',
  description: 'Per-interface traffic, packets and errors from /proc/net/dev (Diamond NetworkCollector).',
  path: 'network',
  options,
  catalogue,
  defaultWorker: 'system',
  async collect(ctx) {
    const file = ctx.procfs('net', 'dev');
    const text = await readOptionalFile(file, ctx.signal);
    if (text === undefined) return;
    const { interfaces, greedy, byte_unit: units } = ctx.options;
    const wanted = (name: string): boolean => interfaces.some((prefix) => (greedy ? name.startsWith(prefix) : name === prefix));
    const txNames = ctx.options.diamond_tx_names ? DIAMOND_TX : TX;
    if (!text.startsWith('Inter-|')) throw new MalformedFileError(file, 'the "Inter-|" header of /proc/net/dev');
    for (const { name: iface, values } of parseNetDev(text, file)) {
      if (!wanted(iface)) continue;
      const dimensions = { interface: iface };
      [...RX, ...txNames].forEach((column, index) => {
        const key = `${iface}.${column}`;
        const rate = ctx.derivative(key, values[index] ?? 0, { max: MAX_COUNTER });
        if (rate === undefined) return;
        if (column === 'rx_bytes' || column === 'tx_bytes') {
          for (const unit of units)
            ctx.publish(`${iface}.${column.slice(0, 3)}${unit}`, convertBytes(rate, 'byte', unit), { type: 'rate', precision: 2, dimensions });
        } else {
          ctx.publish(key, rate, { type: 'rate', dimensions });
        }
      });
    }
  },
});
