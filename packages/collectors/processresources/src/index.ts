export { default, type ProcessResources } from './collector.js';
export { catalogue } from './catalogue.js';
export { options, parseGroup, type GroupRules } from './options.js';
export { compileGroup, matches, runMatchContext, type Group, type MatchContext } from './match.js';
export { listPids, readIdentity, type Identity } from './proc.js';
