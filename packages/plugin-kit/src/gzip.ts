import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

/** A request body, gzipped when `compress` is set, with the headers that say so. */
export async function requestBody(text: string | Buffer, compress: boolean): Promise<{ body: string | Buffer; headers: Record<string, string> }> {
  return compress ? { body: await gzip(text), headers: { 'content-encoding': 'gzip' } } : { body: text, headers: {} };
}
