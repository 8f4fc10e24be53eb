export type PluginKind = 'collector' | 'handler';

export interface PluginSpec {
  kind: PluginKind;
  /** Short name: the config key and (for collectors) the metric path segment. */
  name: string;
  packageName: string;
  /** Semver range of @spinel/sdk and @spinel/testing the package is written against. */
  spinelRange: string;
  /** Created inside a Spinel clone's workspace: built by the clone's build, not by its own `prepare`. */
  inWorkspace: boolean;
}
