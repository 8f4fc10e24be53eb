/**
 * Diamond's name for a URL: `/` and `.` become `_`, `\` and `:` are dropped, and an empty result
 * is `root` (`http://www.my_server.com/` → `http__www_my_server_com_`).
 */
export function httpMetricName(url: string): string {
  const name = url.replace(/[/.]/g, '_').replace(/[\\:]/g, '');
  return name === '' ? 'root' : name;
}
