import path from 'node:path';
import { defineHandler, plaintextLines } from '@spinel/sdk';
import { options } from './options.js';
import { RotatingFile } from './rotating-file.js';

export default defineHandler({
  privileged: 'writes files at path',
  name: 'archive',
  description: 'Appends Graphite plaintext lines to a file with rotation (Diamond ArchiveHandler).',
  options,
  create(ctx) {
    const file = new RotatingFile(
      path.resolve(ctx.options.path),
      {
        midnight: ctx.options.rollover_when === 'midnight',
        maxBytes: ctx.options.max_bytes,
        keep: ctx.options.days,
        mode: Number.parseInt(ctx.options.file_mode, 8),
      },
      () => ctx.now() * 1000,
    );
    return {
      async process(batch) {
        if (batch.length > 0) await file.append(plaintextLines(batch));
      },
      flush: () => file.sync(),
      close: () => file.close(),
    };
  },
});
