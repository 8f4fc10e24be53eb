import { parseArgs } from 'node:util';
import { checkSpoolDirs, ConfigError, exposedSecretFiles, printEffectiveConfig, readConfigFile, type RemoteLayer } from '@spinel/core';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { importCommand } from '../import/command.js';

/** A file checked as an OpAMP server's offer would be: a layer over the local config, within its agent.opamp bounds. */
function remoteFile(file: string): RemoteLayer {
  return { label: `${file} (as a remote config)`, text: readConfigFile(file).text };
}

export async function configCommand(args: string[], io: Output): Promise<number> {
  if (args[0] === 'import') return importCommand(args.slice(1), io);
  const [action, ...options] = args;
  if (action !== 'check' && action !== 'print')
    throw new UsageError(
      `expected \`config check [FILE] [--remote REMOTE]\`, \`config print [FILE] [--remote REMOTE]\` or \`config import FILE\`, found \`config ${action ?? ''}\``,
    );
  const { values, positionals } = parseArgs({ args: options, options: { remote: { type: 'string' } }, allowPositionals: true });
  const [file, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`config ${action} takes at most one FILE, found ${rest.length + 1}`);
  const source = configSource(file);
  const config = await loadEffectiveConfig(source, process.env, values.remote === undefined ? undefined : remoteFile(values.remote));
  if (action === 'print') {
    io.out(printEffectiveConfig(config));
    return EXIT.ok;
  }
  const problems = checkSpoolDirs(config);
  if (problems.length > 0) throw new ConfigError(problems);
  for (const warning of exposedSecretFiles(config)) io.err(`warning: ${warning}`);
  const list = (entries: Array<{ key: string }>): string => entries.map((e) => e.key).join(', ') || 'none';
  io.out(`${source.label}: ok (collectors: ${list(config.collectors)}; handlers: ${list(config.handlers)})`);
  return EXIT.ok;
}
