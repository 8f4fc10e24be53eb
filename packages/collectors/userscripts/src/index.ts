export { default } from './collector.js';
export { catalogue } from './catalogue.js';
export { options } from './options.js';
export { parseScriptOutput, type ScriptValue } from './output.js';
