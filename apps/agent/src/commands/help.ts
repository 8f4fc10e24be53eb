export const HELP = `spinel - the Spinel metrics agent

Usage:
  spinel run [--config FILE] [--status-address HOST:PORT]
                                       run the agent (no FILE: the embedded default config);
                                       its status page is http://127.0.0.1:9274/ (agent.status;
                                       --status-address or SPINEL_STATUS_ADDRESS move it)
  spinel status [--url URL] [--config FILE] [--token T] [--json]
                                       asks --url, else SPINEL_STATUS_ADDRESS, else the
                                       config's agent.status (read even from a config that
                                       does not check, with a warning), else 127.0.0.1:9274;
                                       the running agent's plugins, workers and queues; exit 0
                                       healthy, 2 when a plugin fails, a worker is not running
                                       or a queue dropped samples in the last 5 minutes, 69 when
                                       no status server answers
  spinel reload [--socket PATH | --url URL] [--config FILE] [--token T]
                                       make the running agent re-read its config file (as
                                       SIGHUP does): unchanged entries keep running, changed
                                       ones restart; through the control socket
                                       (agent.status.control_socket, /run/spinel/control.sock:
                                       the agent's user, group spinel and root), or over TCP with
                                       the token; exit 0 applied, 78 refused (the running config
                                       stays), 1 not allowed (TCP without the token), 69 nothing
                                       answers or the socket is not yours
  spinel collect <name> [options]      run ONE collector alone and print what it publishes;
                                       <name>: a config entry, a built-in, a path (\`.\`, or
                                       starting ./, ../ or /) or an installed package
      --runs N          runs to make (default 1; rates appear from the second run)
      --interval S      seconds between runs, also the rate divisor (default: the config's)
      --json            one JSON object per sample per line
      --set KEY=VALUE   override an option (repeatable; VALUE is YAML: true, 5, [a, b])
      --config FILE     take the collector's options from this config file
  spinel soak <name> [options]         run ONE plugin alone, GC after every round, and print
                                       the retained heap trend and the constructors that grow;
                                       the first quarter of the rounds (at least 10) is warm-up,
                                       not measured; exit 1 on a suspected leak (1 KB/round)
      --minutes N       how long (default 10)
      --interval S      seconds between rounds (default 1)
      --handler         <name> is a handler: 100 new distinct series per round (a plugin
                        given by path or package is recognised without it)
      --set KEY=VALUE   override an option (repeatable)
      --config FILE     take the plugin's options from this config file
  spinel config check [FILE]           validate a config; every error names file, key,
                                       expected and found (exit code 78)
      --remote REMOTE   with REMOTE over it as an OpAMP server's config would be (and within
                        the bounds FILE's agent.opamp sets)
  spinel config print [FILE]           print the effective config (defaults merged,
                                       secrets redacted); --remote REMOTE as for check
  spinel config import FILE [--out OUT] [--env-file ENV]
                                       a Diamond or Metricly agent config (diamond.conf and its
                                       collector/handler .conf folders) as a Spinel YAML config;
                                       what has no counterpart is listed on stderr and atop the
                                       YAML (exit code 3), and the result passes config check
  spinel plugin new <collector|handler> <name> [--dir DIR]
                                       scaffold a plugin package (as pnpm create @spinel/plugin)
  spinel plugin check <package-or-path> [options]
                                       load a plugin as the agent does and check its exports,
                                       SDK peer range, options, catalogue, deadline and leaks
      --set KEY=VALUE   option for the sample run (repeatable)
      --rounds N        leak-check rounds (default 50)
      --deadline S      seconds a collector run may take (default 10)
  spinel --help | --version

<name> is an entry of the config's collectors section, or a plugin: cpu means
@spinel/collector-cpu; a package name or a path also works.
Environment: HOST_PROC, HOST_SYS, HOST_ETC point collectors at a host's /proc, /sys, /etc;
SPINEL_CONFIG is the config file when no --config is given.
`;

/**
 * The lines of {@link HELP} for one command (`spinel run --help`): each usage block that starts
 * with `spinel <command>`, with its indented options; a command it does not know gets all of it.
 */
export function commandHelp(command: string): string {
  if (command === 'start') command = 'run';
  const lines = HELP.split('\n');
  const blocks: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    if (/^ {2}spinel /.test(line)) inBlock = line.startsWith(`  spinel ${command} `) || line === `  spinel ${command}`;
    else if (!line.startsWith('   ')) inBlock = false;
    if (inBlock) blocks.push(line);
  }
  return blocks.length > 0 ? `Usage:\n${blocks.join('\n')}` : HELP;
}
