// Runs a Spinel agent from packages installed with npm (`npm install @spinel/core
// @spinel/collector-... @spinel/handler-...`): node run-agent.mjs spinel.yaml
// Plugins are looked up next to the config file and in this folder's node_modules.
// SIGINT/SIGTERM flush the handlers and stop it.
import { agentHostname, ConfigError, createAgent, formatIssue, loadConfig, PluginIntrospector, readConfigFile } from '@spinel/core';

const introspector = new PluginIntrospector();
let config;
try {
  config = await loadConfig(readConfigFile(process.argv[2] ?? 'spinel.yaml'), { introspector, searchDirs: [process.cwd()] });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const issue of error.issues) console.error(`config error: ${formatIssue(issue)}`);
  process.exit(78);
} finally {
  await introspector.close();
}
const agent = createAgent({ config, hostname: await agentHostname(config.agent) });
await agent.start();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void agent.stop().then(() => process.exit(0)));
}
