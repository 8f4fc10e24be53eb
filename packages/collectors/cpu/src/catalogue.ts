import type { Catalogue } from '@spinel/sdk';

/** Per-state columns of /proc/stat, in kernel order. */
export const CPU_STATES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'] as const;

const describe: Record<(typeof CPU_STATES)[number], string> = {
  user: 'Time in user mode',
  nice: 'Time in user mode at low priority (nice)',
  system: 'Time in kernel mode',
  idle: 'Idle time',
  iowait: 'Idle time waiting for I/O',
  irq: 'Time servicing hardware interrupts',
  softirq: 'Time servicing soft interrupts',
  steal: 'Time stolen by the hypervisor for other guests',
  guest: 'Time running a guest VM',
  guest_nice: 'Time running a niced guest VM',
};

export const catalogue: Catalogue = [
  ...CPU_STATES.map((state) => ({
    name: `{cpu}.${state}`,
    type: 'rate' as const,
    unit: 'jiffies/s (percent of one core at USER_HZ=100)',
    description: `${describe[state]}; {cpu} is \`total\` or \`cpu<N>\`.`,
  })),
  { name: 'cpu_count', type: 'gauge', unit: 'cores', description: "Cores /proc/stat lists (Diamond's cpu_count; not with `simple`)." },
  {
    name: 'percent',
    type: 'gauge',
    unit: 'percent',
    description: 'Busy share of all cores: (user + nice + system) over (user + nice + system + idle), between two runs (with `simple` or `include_cpu_pct`).',
    enabled: false,
  },
];
