import { option } from '@spinel/sdk';

/** Diamond's `_GAUGE_KEYS`: every other figure is a counter, published as a per-second rate. */
export const DIAMOND_GAUGES = [
  'cache-bytes',
  'cache-entries',
  'chain-resends',
  'concurrent-queries',
  'dlg-only-drops',
  'dont-outqueries',
  'ipv6-outqueries',
  'latency',
  'max-mthread-stack',
  'negcache-entries',
  'nsspeeds-entries',
  'packetcache-bytes',
  'packetcache-entries',
  'packetcache-size',
  'qa-latency',
  'throttle-entries',
];

// Diamond's PowerDNSCollector options, with a deadline for the command and the control socket's
// folder (pdns_control's own default is the package's, /var/run/pdns).
export const options = {
  bin: option.string('/usr/bin/pdns_control', 'The pdns_control binary.'),
  use_sudo: option.boolean(false, 'Run it through sudo_cmd.'),
  sudo_cmd: option.string('/usr/bin/sudo', 'The sudo binary.'),
  socket_dir: option.optionalString("pdns_control's --socket-dir: the folder of the server's control socket (default: pdns_control's own)."),
  command_timeout: option.number(5, 'Seconds pdns_control may take.', { min: 0.1 }),
  gauge_keys: option.stringList(
    DIAMOND_GAUGES,
    "Figures published as they are; every other is a counter published as a per-second rate. The default is Diamond's list: add a newer server's levels (`uptime`, `real-memory-usage`, `fd-usage`) to publish them as levels rather than Diamond's rates.",
  ),
};
