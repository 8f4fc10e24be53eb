import type { Catalogue } from '@spinel/sdk';

const gauge = (name: string, unit: string, description: string) => ({ name, type: 'gauge' as const, unit, description });

export const catalogue: Catalogue = [
  gauge('catalog.total_nodes', 'nodes', 'Nodes in the catalog.'),
  gauge('catalog.nodes_up', 'nodes', 'Nodes whose health answered with at least one check.'),
  gauge('catalog.nodes_critical', 'nodes', 'Nodes with a critical check.'),
  gauge('catalog.passing', 'nodes', 'Nodes whose checks all pass.'),
  gauge('catalog.warning', 'nodes', 'Nodes with a warning check and no critical one.'),
  gauge('service.services_up', 'services', 'Services in the catalog.'),
  gauge('service.services_passing', 'services', 'Services whose checks pass on every node.'),
  gauge('service.services_warning', 'services', 'Services with a warning check on some node and no critical one.'),
  gauge('service.services_critical', 'services', 'Services with a critical check on some node.'),
  gauge(
    'counter.{metric*}',
    'as Consul counts it',
    "A counter of the agent's metrics (`/v1/agent/metrics`), its count in the agent's current interval, `consul.` taken out of its name.",
  ),
  gauge('{metric*}', 'as Consul reports it', "A gauge of the agent's metrics, or a sample's mean (timers, in milliseconds), `consul.` taken out of its name."),
];
