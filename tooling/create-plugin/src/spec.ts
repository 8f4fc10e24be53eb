export type PluginKind = 'collector' | 'handler';

export interface PluginSpec {
  kind: PluginKind;
  /** Short name: the config key and (for collectors) the metric path segment. */
  name: string;
  packageName: string;
  /** Semver range of @spinel/sdk and @spinel/testing the package is written against. */
  spinelRange: string;
}
