import type { Catalogue } from '@spinel/sdk';

export const catalogue: Catalogue = [
  { name: 'stratum', type: 'gauge', unit: 'stratum', description: "The system peer's stratum (ntpq)." },
  { name: 'when', type: 'gauge', unit: 'seconds', description: 'Seconds since the system peer was last heard (ntpq).' },
  { name: 'poll', type: 'gauge', unit: 'seconds', description: 'The polling interval (ntpq).' },
  {
    name: 'reach',
    type: 'gauge',
    unit: 'octal bits',
    description: 'The reach register as ntpq prints it (377: the last eight polls answered), read as a decimal number, as Diamond did.',
  },
  { name: 'delay', type: 'gauge', unit: 'milliseconds', description: 'Round-trip delay to the system peer (ntpq).' },
  { name: 'jitter', type: 'gauge', unit: 'milliseconds', description: "The system peer's jitter (ntpq)." },
  {
    name: 'offset',
    type: 'gauge',
    unit: 'seconds or milliseconds',
    description:
      "With ntpdc (classic ntp): the kernel PLL's offset in seconds; without it (ntpsec): ntpq's system peer offset in milliseconds. Diamond published both under this name, the kernel's last.",
  },
  { name: 'frequency', type: 'gauge', unit: 'ppm', description: "The kernel PLL's frequency correction (ntpdc kerninfo)." },
  { name: 'max_error', type: 'gauge', unit: 'seconds', description: 'Maximum error (ntpdc kerninfo).' },
  { name: 'est_error', type: 'gauge', unit: 'seconds', description: 'Estimated error (ntpdc kerninfo).' },
  {
    name: 'status',
    type: 'gauge',
    unit: 'status word',
    description: "The kernel's clock status word as ntpdc prints it, read as a decimal number, as Diamond did (ntpdc kerninfo).",
  },
  { name: 'root_distance', type: 'gauge', unit: 'seconds', description: 'Root distance (ntpdc sysinfo).' },
  { name: 'root_dispersion', type: 'gauge', unit: 'seconds', description: 'Root dispersion (ntpdc sysinfo).' },
];
