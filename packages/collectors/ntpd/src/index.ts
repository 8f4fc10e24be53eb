export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { peerFigures, kernelFigures, systemFigures, type NtpFigures } from './parse.js';
