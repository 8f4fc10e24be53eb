export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { parseModStatus, countScoreboard, statusPages, type ModStatus } from './status-page.js';
