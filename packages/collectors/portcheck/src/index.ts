export { default } from './collector.js';
export { catalogue, checks } from './catalogue.js';
export { options, parsePortRule, type PortRule } from './options.js';
export { listeningPorts } from './sockets.js';
