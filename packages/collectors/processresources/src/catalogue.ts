import type { Catalogue, MetricSpec } from '@spinel/sdk';

// psutil's names, as Diamond's ProcessResourcesCollector published them: every figure is the sum
// over the group's processes (uptime too, as in Diamond: for a group of one it is that process's).
const gauges: Array<[string, string, string]> = [
  ['memory_info_ex.rss', 'bytes', 'Resident memory.'],
  ['memory_info_ex.vms', 'bytes', 'Virtual memory size.'],
  ['memory_info_ex.shared', 'bytes', 'Resident memory shared with other processes (file-backed).'],
  ['memory_info_ex.text', 'bytes', 'Code.'],
  ['memory_info_ex.data', 'bytes', 'Data and stack.'],
  ['memory_percent', 'percent', 'Resident memory as a percentage of MemTotal.'],
  ['cpu_times.user', 'seconds', 'User CPU time used since start.'],
  ['cpu_times.system', 'seconds', 'System CPU time used since start.'],
  ['num_threads', 'threads', 'Threads.'],
  ['num_fds', 'descriptors', 'Open file descriptors (processes whose fd folder the agent may read).'],
  ['num_ctx_switches.voluntary', 'switches', 'Voluntary context switches since start.'],
  ['num_ctx_switches.involuntary', 'switches', 'Involuntary context switches since start.'],
  ['io_counters.read_count', 'calls', 'Read system calls since start (processes whose io file the agent may read).'],
  ['io_counters.write_count', 'calls', 'Write system calls since start.'],
  ['io_counters.read_bytes', 'bytes', 'Bytes read from storage since start.'],
  ['io_counters.write_bytes', 'bytes', 'Bytes written to storage since start.'],
  ['uptime', 'seconds', 'Seconds since the process started.'],
  ['cpu_percent', 'percent', 'CPU used since the previous run, as a percentage of one core (from the second run).'],
  ['workers_count', 'processes', 'Processes in the group (with `count_workers`; 0 when none runs).'],
];

export const catalogue: Catalogue = gauges.map(([name, unit, description]): MetricSpec => ({ name: `{group}.${name}`, type: 'gauge', unit, description }));
