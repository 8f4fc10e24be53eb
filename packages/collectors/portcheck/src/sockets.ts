import { MalformedFileError } from '@spinel/sdk';

/** The kernel's TCP state number for LISTEN (include/net/tcp_states.h). */
const TCP_LISTEN = 0x0a;

/**
 * Local ports of the sockets in one /proc/net/{tcp,tcp6,udp,udp6} table: for TCP those in LISTEN
 * state, for UDP every bound socket (the fork took any UDP socket on the port as listening).
 */
export function listeningPorts(text: string, file: string, protocol: 'tcp' | 'udp'): Set<number> {
  const ports = new Set<number>();
  const lines = text.split('\n');
  if (!/^\s*sl\s+local_address\s+rem(?:ote)?_address\s+st\b/.test(lines[0] ?? ''))
    throw new MalformedFileError(file, `a header "sl local_address rem_address st ...", found ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
  for (let i = 1; i < lines.length; i++) {
    const fields = (lines[i] ?? '').trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    const local = fields[1] ?? '';
    const colon = local.lastIndexOf(':');
    const port = Number.parseInt(local.slice(colon + 1), 16);
    const state = Number.parseInt(fields[3] ?? '', 16);
    if (colon < 0 || !Number.isInteger(port) || !Number.isInteger(state))
      throw new MalformedFileError(
        file,
        `"<sl>: <address>:<port> <address>:<port> <state> ..." on line ${i + 1}, found ${JSON.stringify((lines[i] ?? '').trim().slice(0, 60))}`,
      );
    if (protocol === 'udp' || state === TCP_LISTEN) ports.add(port);
  }
  return ports;
}
