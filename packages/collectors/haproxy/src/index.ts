export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, type ServerSection } from './options.js';
export { statFigures, sanitize, type StatFigures } from './stats-csv.js';
