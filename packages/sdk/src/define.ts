import type { Catalogue } from './catalogue.js';
import type { CollectorDefinition } from './collector.js';
import type { HandlerDefinition } from './handler.js';
import type { OptionsSchema } from './options.js';
import { SDK_API_VERSION } from './version.js';

type CollectorInit<S extends OptionsSchema, R> = Omit<CollectorDefinition<S, R>, 'kind' | 'apiVersion' | 'defaultWorker' | 'catalogue'> & {
  catalogue: Catalogue;
  defaultWorker?: string;
};

/** Declares a collector plugin; export the result as the package's default export. */
export function defineCollector<S extends OptionsSchema, R = undefined>(init: CollectorInit<S, R>): CollectorDefinition<S, R> {
  return { ...init, kind: 'collector', apiVersion: SDK_API_VERSION, defaultWorker: init.defaultWorker ?? 'own' };
}

type HandlerInit<S extends OptionsSchema> = Omit<HandlerDefinition<S>, 'kind' | 'apiVersion' | 'defaultWorker'> & {
  defaultWorker?: string;
};

/** Declares a handler plugin; export the result as the package's default export. */
export function defineHandler<S extends OptionsSchema>(init: HandlerInit<S>): HandlerDefinition<S> {
  return { ...init, kind: 'handler', apiVersion: SDK_API_VERSION, defaultWorker: init.defaultWorker ?? 'handlers' };
}
