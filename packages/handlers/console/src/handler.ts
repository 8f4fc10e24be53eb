import { writeSync } from 'node:fs';
import { defineHandler } from '@spinel/sdk';
import { formatConsoleBatch, formatConsoleChecks } from './encode.js';
import { options } from './options.js';

/**
 * Writes synchronously to the descriptor: a worker's process.stdout is relayed through the main
 * thread asynchronously, and what is still in that relay when the worker ends is lost.
 */
function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text);
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(fd, buffer));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

export default defineHandler({
  name: 'console',
  description: 'Prints samples readably on the terminal.',
  options,
  create(ctx) {
    return {
      process(batch) {
        if (batch.length > 0) writeAll(ctx.options.fd, formatConsoleBatch(batch, ctx.options.names));
      },
      check(checks) {
        writeAll(ctx.options.fd, formatConsoleChecks(checks));
      },
    };
  },
});
