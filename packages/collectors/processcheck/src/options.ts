import { option } from '@spinel/sdk';
import { parseGroup, type GroupRules } from '@spinel/collector-processresources';

export const options = {
  ttl: option.number(150, 'Seconds Metricly waits for the next check-in of a process group before it raises an alarm.', { min: 1, integer: true }),
  process: option.mapping<GroupRules>(
    {},
    "Process groups by name (the fork's `[process]` subsections), recognised as the processresources collector does: `exe`, `name`, `cmdline` (regular expressions, searched; comma-separated lists allowed), `user`, `pid_file` and `selfmon`. A run checks in `<name>` for each group with a process that is not stopped or dead.",
    'mapping of process groups',
    parseGroup,
  ),
};
