import type { Catalogue } from '@spinel/sdk';

const rate = {
  type: 'rate' as const,
  unit: 'per second',
  description: "A serverStatus counter's rate (opcounters, opcountersRepl, network, backgroundFlushing.flushes, extra_info.page_faults).",
};
const nested = {
  type: 'gauge' as const,
  unit: 'as MongoDB reports it',
  description: "A figure nested deeper in a counter group (network's compression), published as it is, as Diamond did.",
};
const percent = {
  type: 'gauge' as const,
  unit: 'percent',
  description: "Lock time, or index misses, as a share of the total's growth since the previous run (MMAPv1 servers report them).",
};

export const catalogue: Catalogue = [
  { name: 'percent.{figure*}', ...percent },
  { name: '{server}.percent.{figure*}', ...percent },
  { name: '{group}_per_sec.{figure}', ...rate },
  { name: '{server}.{group}_per_sec.{figure}', ...rate },
  { name: '{group}_per_sec.{part}.{figure*}', ...nested },
  { name: '{server}.{group}_per_sec.{part}.{figure*}', ...nested },
  {
    name: '{figure*}',
    type: 'gauge',
    unit: 'as MongoDB reports it',
    description:
      'A numeric figure of serverStatus, replSetGetStatus (`replset.`), dbStats (`databases.<db>.`) or collStats (`databases.<db>.<collection>.`), as MongoDB reports it; booleans as 1 and 0, dates in epoch seconds.',
  },
];
