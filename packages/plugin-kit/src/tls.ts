import { readFileSync } from 'node:fs';
import { option, SpinelError } from '@spinel/sdk';

/** The TLS file options of a client handler, with one wording everywhere. */
export const tlsOptions = {
  ca: option.optionalString('TLS: file with the CA certificate(s) to trust.'),
  cert: option.optionalString('TLS: file with the client certificate.'),
  key: option.optionalString('TLS: file with the client key.'),
};

export interface TlsFiles {
  ca?: Buffer | undefined;
  cert?: Buffer | undefined;
  key?: Buffer | undefined;
}

/**
 * Reads the TLS files an entry names; undefined when it names none. A file that cannot be read
 * is an option error: `<plugin>: <key>: cannot read <file> (<errno>)`.
 */
export function readTlsFiles(plugin: string, files: { ca?: string | undefined; cert?: string | undefined; key?: string | undefined }): TlsFiles | undefined {
  if (!files.ca && !files.cert && !files.key) return undefined;
  const read = (key: 'ca' | 'cert' | 'key'): Buffer | undefined => {
    const file = files[key];
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new SpinelError('SPINEL_OPTION_INVALID', `${plugin}: ${key}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  return { ca: read('ca'), cert: read('cert'), key: read('key') };
}
