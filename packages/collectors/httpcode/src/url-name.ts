/**
 * The Metricly collector's name for a URL: the scheme dropped, a trailing `/` trimmed, and every
 * run of characters other than ASCII letters and digits made one `_`
 * (`http://www.site.com/admin/page.html` → `www_site_com_admin_page_html`).
 */
export function urlMetricName(url: string): string {
  const scheme = url.indexOf('://');
  const rest = scheme === -1 ? '' : url.slice(scheme + 3);
  return rest.replace(/\/+$/, '').replace(/[^0-9a-zA-Z]+/g, '_');
}
