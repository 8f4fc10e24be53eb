import { option } from '@spinel/sdk';

/** The units Diamond's convertor takes for `metric_name`. */
export const UPTIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;

export const options = {
  metric_name: option.enum(
    UPTIME_UNITS,
    'minutes',
    "Diamond's uptime metric: its name is the unit it is published in (minutes, as Diamond, by default). `seconds` and `idle_seconds` are published as well.",
  ),
};
