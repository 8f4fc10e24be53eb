export { default, closeJolokia, jolokiaState, patternIssues, publishJolokia } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, NAMINGS } from './options.js';
export { collectJolokia, type JolokiaState } from './collect.js';
export { applyRewrites, BASE_REWRITES, compileRewrites, diamondName, keyValues, metriclyName, pythonReplacement, type Rewrite } from './names.js';
export { escapeDomain, IGNORED_DOMAINS, JolokiaReader, type JolokiaTarget } from './reader.js';
