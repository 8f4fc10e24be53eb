import { readFileSync } from 'node:fs';
import { STATUS_PAGE } from './page.js';

/** The page's scripts, built with the package from `browser/` (see its tsconfig), by URL path. */
const SCRIPTS: Readonly<Record<string, string>> = {
  '/assets/status-page.js': 'status-page.js',
  '/assets/chart.js': 'chart.js',
};
const loaded = new Map<string, string>();

/**
 * The status page (`/`, `/index.html`) or one of its scripts, read from the package's files on
 * first use and kept; undefined for any other path. They hold code and no data, so the server
 * gives them without the token: the page's script sends the `?token=` it was opened with on its
 * API calls, but a browser sends no token with the page's own module imports.
 */
export function pageFile(pathname: string): { body: string; type: string } | undefined {
  if (pathname === '/' || pathname === '/index.html') return { body: STATUS_PAGE, type: 'text/html; charset=utf-8' };
  const file = SCRIPTS[pathname];
  if (file === undefined) return undefined;
  let script = loaded.get(file);
  if (script === undefined) {
    script = readFileSync(new URL(`./browser/${file}`, import.meta.url), 'utf8');
    loaded.set(file, script);
  }
  return { body: script, type: 'text/javascript; charset=utf-8' };
}
