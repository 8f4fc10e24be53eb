import { option } from '@spinel/sdk';

// Diamond's UserScriptsCollector options, with the bounds it lacked (it waited for each script for
// ever and read all it printed).
export const options = {
  scripts_path: option.string(
    '/etc/spinel/user_scripts',
    'The one folder whose executable files are run, each run (Diamond: /etc/diamond/user_scripts/, the Metricly agent: /opt/netuitive-agent/user-scripts).',
  ),
  floatprecision: option.number(4, 'Decimal places of a value printed with a `.`; other values are whole numbers.', { min: 0, max: 15, integer: true }),
  script_timeout: option.number(10, 'Seconds a script may run; then it and what it started are killed, and what it printed by then is published.', {
    min: 0.1,
  }),
  max_output_kb: option.number(1024, 'Most a script may print to stdout in a run; past it the script is killed and nothing it printed is published.', {
    min: 1,
  }),
};
