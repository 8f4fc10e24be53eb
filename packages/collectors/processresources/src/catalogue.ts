import type { Catalogue, MetricSpec } from '@spinel/sdk';

// psutil's names, as Diamond's ProcessResourcesCollector published them: every figure is the sum
// over the group's processes (uptime too, as in Diamond: for a group of one it is that process's).
const gauges: Array<[string, string, string]> = [
  ['memory_info_ex.rss', 'bytes', 'Resident memory.'],
  ['memory_info_ex.vms', 'bytes', 'Virtual memory size.'],
  ['memory_info_ex.shared', 'bytes', 'Resident memory shared with other processes (file-backed).'],
  ['memory_info_ex.text', 'bytes', 'Code.'],
  ['memory_info_ex.data', 'bytes', 'Data and stack.'],
  ['memory_info_ex.lib', 'bytes', "Shared libraries (statm's lib: 0 since Linux 2.6, as psutil reads it)."],
  ['memory_info_ex.dirty', 'bytes', "Dirty pages (statm's dt: 0 since Linux 2.6, as psutil reads it)."],
  ['memory_percent', 'percent', 'Resident memory as a percentage of MemTotal.'],
  ['cpu_times.user', 'seconds', 'User CPU time used since start.'],
  ['cpu_times.system', 'seconds', 'System CPU time used since start.'],
  ['cpu_times.children_user', 'seconds', 'User CPU time of waited-for children since start.'],
  ['cpu_times.children_system', 'seconds', 'System CPU time of waited-for children since start.'],
  ['cpu_times.iowait', 'seconds', 'Time spent waiting for block I/O since start (delay accounting; 0 where it is off).'],
  ['num_threads', 'threads', 'Threads.'],
  ['num_fds', 'descriptors', 'Open file descriptors (processes whose fd folder the agent may read).'],
  ['num_ctx_switches.voluntary', 'switches', 'Voluntary context switches since start.'],
  ['num_ctx_switches.involuntary', 'switches', 'Involuntary context switches since start.'],
  ['io_counters.read_count', 'calls', 'Read system calls since start (processes whose io file the agent may read).'],
  ['io_counters.write_count', 'calls', 'Write system calls since start.'],
  ['io_counters.read_bytes', 'bytes', 'Bytes read from storage since start.'],
  ['io_counters.write_bytes', 'bytes', 'Bytes written to storage since start.'],
  ['io_counters.read_chars', 'bytes', 'Bytes passed to read() and similar calls since start, storage or not.'],
  ['io_counters.write_chars', 'bytes', 'Bytes passed to write() and similar calls since start, storage or not.'],
  ['uptime', 'seconds', 'Seconds since the process started.'],
  ['cpu_percent', 'percent', 'CPU used since the previous run, as a percentage of one core (from the second run).'],
  ['workers_count', 'processes', 'Processes in the group (with `count_workers`; 0 when none runs).'],
];

export const catalogue: Catalogue = gauges.map(([name, unit, description]): MetricSpec => ({ name: `{group}.${name}`, type: 'gauge', unit, description }));
