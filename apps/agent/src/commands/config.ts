import { checkSpoolDirs, ConfigError, exposedSecretFiles, printEffectiveConfig } from '@spinel/core';
import { configSource, loadEffectiveConfig } from '../config-source.js';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { importCommand } from '../import/command.js';

export async function configCommand(args: string[], io: Output): Promise<number> {
  if (args[0] === 'import') return importCommand(args.slice(1), io);
  const [action, file, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`config ${action ?? ''} takes at most one FILE, found ${rest.length + 1}`);
  if (action !== 'check' && action !== 'print')
    throw new UsageError(`expected \`config check [FILE]\`, \`config print [FILE]\` or \`config import FILE\`, found \`config ${action ?? ''}\``);
  const source = configSource(file);
  const config = await loadEffectiveConfig(source);
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
