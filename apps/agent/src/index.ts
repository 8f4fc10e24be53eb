export { main } from './main.js';
export { DEFAULT_CONFIG_YAML, DEFAULT_CONFIG_LABEL } from './default-config.js';
export { loadEffectiveConfig, configSource, AGENT_DIR } from './config-source.js';
export type { Output } from './output.js';
