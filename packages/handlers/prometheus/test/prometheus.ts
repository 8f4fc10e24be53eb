// The real Prometheus launcher lives in tooling/services.
import { havePrometheus } from '../../../../tooling/services/prometheus.mjs';

export { havePrometheus, promtoolCheckMetrics, startPrometheus, type Prometheus } from '../../../../tooling/services/prometheus.mjs';
export { freePort } from '../../../../tooling/services/carbon.mjs';
if (!havePrometheus) console.log('prometheus handler server tests skipped: prometheus is not installed (apt-get install prometheus; .ci/run does)');
