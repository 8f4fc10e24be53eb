import { commandHelp, HELP } from './commands/help.js';
import { EXIT, reportError, UsageError } from './errors.js';
import { processOutput, type Output } from './output.js';
import { versionText } from './version.js';

/** Runs the `spinel` command line and returns the exit code. */
export async function main(argv: string[], io: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return EXIT.ok;
      case '--version':
      case '-v':
      case 'version':
        io.out(versionText());
        return EXIT.ok;
      case 'run':
      case 'start':
        // Commands load lazily: the long-running agent should not carry the code of the others.
        return await (await import('./commands/run.js')).runCommand(rest, io);
      case 'collect':
        return await (await import('./commands/collect.js')).collectCommand(rest, io);
      case 'soak':
        return await (await import('./commands/soak.js')).soakCommand(rest, io);
      case 'plugin':
        return await (await import('./commands/plugin.js')).pluginCommand(rest, io);
      case 'config':
        return await (await import('./commands/config.js')).configCommand(rest, io);
      case 'status':
        return await (await import('./commands/status.js')).statusCommand(rest, io);
      case 'reload':
        return await (await import('./commands/status.js')).reloadCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}
