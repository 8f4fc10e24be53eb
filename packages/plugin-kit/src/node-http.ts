import { createRequire } from 'node:module';
import type * as NodeHttp from 'node:http';

/**
 * `node:http`, loaded by require rather than imported. From Node 22 its exports include getters
 * (`WebSocket`, `CloseEvent`, `MessageEvent`) that load Node's bundled undici with TLS, HTTP/2 and
 * web streams. An ESM import builds the module's namespace from every export, getters included:
 * `import ... from 'node:http'` costs a Node 26 process 14 MB RSS for code it never runs
 * (BENCHMARKS.md, issue 30). require() leaves the getters alone. Types still come from
 * `import type ... from 'node:http'`, which is erased.
 */
export const http = createRequire(import.meta.url)('node:http') as typeof NodeHttp;
