// The real carbon-cache launcher lives in tooling/services (the delivery benchmark uses it too).
import { haveCarbon } from '../../../../tooling/services/carbon.mjs';

export { haveCarbon, startCarbon, type Carbon } from '../../../../tooling/services/carbon.mjs';
if (!haveCarbon)
  console.log(
    'graphite handler carbon tests skipped: graphite-carbon and python3-whisper are not installed (apt-get install graphite-carbon python3-whisper; .ci/run does)',
  );
