// The status page: one HTML document with its styles inline and its script from the package's
// own files (browser/status-page.ts, built with the package; no CDN, nothing built at run time).
// Charts are SVG drawn by browser/chart.ts.
export const STATUS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spinel status</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #fafbfc; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
  th { font-weight: 600; background: #f0f2f5; }
  .state { font-weight: 600; border-radius: 3px; padding: 0 .4rem; }
  .ok, .ready { color: #0b6b2f; background: #dff5e6; } .failing, .dropping, .restarting, .stopped { color: #8a1020; background: #fde2e5; }
  .waiting, .starting, .idle { color: #7a5a00; background: #fff3cd; }
  .meta { color: #5a6270; } .error { color: #8a1020; white-space: pre-wrap; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
  .chart { background: #fff; border: 1px solid #e3e6ea; padding: .5rem; }
  .chart h3 { font-size: .95rem; margin: 0 0 .3rem; } svg { width: 100%; height: auto; display: block; }
  .legend span { margin-right: .8rem; font-size: .85rem; } .legend i { display: inline-block; width: .8rem; height: .2rem; margin-right: .3rem; vertical-align: middle; }
  #browser { display: grid; grid-template-columns: 320px 1fr; gap: 1rem; }
  .where { color: #5a6270; } #paths { width: 100%; height: 220px; } #filter { width: 100%; box-sizing: border-box; margin-bottom: .3rem; }
</style>
</head>
<body>
<h1>Spinel <span id="version"></span> <span id="host" data-testid="host"></span> <span id="health" class="state" data-testid="health"></span></h1>
<div class="meta" id="about"></div>
<ul id="problems" class="error" data-testid="problems"></ul>

<h2>Plugins</h2>
<table data-testid="plugins"><thead><tr><th>kind</th><th>entry</th><th>plugin</th><th>worker</th><th>state</th><th>every / to</th><th>last run / write</th><th>duration</th><th>samples / written</th><th>errors</th><th>last error</th></tr></thead><tbody id="plugins"></tbody></table>

<h2>Reloads</h2>
<ul id="reloads" data-testid="reloads"><li class="meta">none since the start</li></ul>

<h2>Workers</h2>
<table data-testid="workers"><thead><tr><th>worker</th><th>state</th><th>plugins</th><th>heap</th><th>off-heap</th><th>restarts</th><th>leak suspected</th></tr></thead><tbody id="workers"></tbody></table>

<h2>The last hour</h2>
<div class="charts">
  <div class="chart"><h3>Worker heap (MB)</h3><svg id="chart-heap" data-testid="chart-heap" viewBox="0 0 600 200"></svg><div class="legend" id="legend-heap"></div></div>
  <div class="chart"><h3>Worker off-heap memory (MB)</h3><svg id="chart-external" viewBox="0 0 600 200"></svg><div class="legend" id="legend-external"></div></div>
  <div class="chart"><h3>Handler queue (samples)</h3><svg id="chart-queue" viewBox="0 0 600 200"></svg><div class="legend" id="legend-queue"></div></div>
  <div class="chart"><h3>Collector run duration (ms)</h3><svg id="chart-duration" viewBox="0 0 600 200"></svg><div class="legend" id="legend-duration"></div></div>
</div>

<h2>Metric browser</h2>
<div id="browser">
  <div><input id="filter" placeholder="filter, e.g. cpu.total" data-testid="filter"><select id="paths" size="12" data-testid="paths"></select></div>
  <div class="chart"><h3 id="series-title">pick a metric</h3><svg id="chart-series" data-testid="chart-series" viewBox="0 0 600 200"></svg><div class="meta" id="series-last"></div></div>
</div>

<script type="module" src="assets/status-page.js"></script>
</body>
</html>
`;
