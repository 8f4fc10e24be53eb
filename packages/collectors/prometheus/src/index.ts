export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { ExpositionReader, parseExposition, isCumulative, type ExpositionSample, type FamilyType } from './exposition.js';
export { seriesPath } from './naming.js';
