/**
 * The configuration the agent runs with when no config file is given: Diamond's default
 * system collectors plus network, every 5 seconds, printed on the terminal and appended to an
 * archive file.
 */
export const DEFAULT_CONFIG_YAML = `# Spinel's embedded default configuration (spinel config print shows it merged).
agent:
  path_prefix: servers
  hostname_method: smart
  telemetry_interval: 60
collectors:
  defaults:
    interval: 5
  cpu: {}
  memory: {}
  loadavg: {}
  vmstat: {}
  diskspace: {}
  diskusage: {}
  network: {}
handlers:
  console: {}
  archive:
    path: spinel-archive.log
`;

export const DEFAULT_CONFIG_LABEL = '<embedded default config>';
