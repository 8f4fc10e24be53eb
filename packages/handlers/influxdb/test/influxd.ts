// The real InfluxDB launcher lives in tooling/services.
import { haveInfluxd } from '../../../../tooling/services/influxdb.mjs';

export { haveInfluxd, startInfluxd, type Influxd } from '../../../../tooling/services/influxdb.mjs';
if (!haveInfluxd) console.log('influxdb handler server tests skipped: influxdb is not installed (apt-get install influxdb; .ci/run does)');
