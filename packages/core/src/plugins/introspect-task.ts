// Piscina task: imports one plugin module in a pooled worker, validates the options of every
// config entry that uses it, and returns plain data. The main thread never runs plugin code.
import { definitionFromModule, type PluginKind } from './definition.js';
import { checkOptions, describePlugin, type OptionsCheck, type OptionsInput, type PluginDescription } from './describe.js';

export interface IntrospectRequest {
  url: string;
  kind: PluginKind;
  source: string;
  entries: OptionsInput[];
}

export type IntrospectResponse = { ok: true; description: PluginDescription; checks: OptionsCheck[] } | { ok: false; code: string; message: string };

export default async function introspect(request: IntrospectRequest): Promise<IntrospectResponse> {
  try {
    const namespace = (await import(request.url)) as Record<string, unknown>;
    const def = definitionFromModule(namespace, request.kind, request.source);
    return { ok: true, description: describePlugin(def), checks: checkOptions(def, request.entries) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      code: typeof code === 'string' ? code : 'SPINEL_PLUGIN_INVALID',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
