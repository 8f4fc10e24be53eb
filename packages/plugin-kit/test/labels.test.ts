import { describe, expect, it } from 'vitest';
import type { Sample } from '@spinel/sdk';
import { conventionalName, prometheusLabelName, prometheusName, prometheusSeries, seriesName, templateProblem } from '@spinel/plugin-kit';

function sample(partial: Partial<Sample> & Pick<Sample, 'collector' | 'name'>): Sample {
  return {
    path: `servers.h1.${partial.collectorPath}.${partial.name}`,
    value: 1,
    timestamp: 0,
    type: 'gauge',
    precision: 0,
    host: 'h1',
    dimensions: undefined,
    ...partial,
  };
}

describe('label mapping', () => {
  it('by dimensions: segments that are dimension values become labels, the rest is the field', () => {
    expect(seriesName(sample({ collectorPath: 'cpu', name: 'cpu0.user', dimensions: { cpu: 'cpu0' } }))).toEqual({
      measurement: 'cpu',
      field: 'user',
      labels: { cpu: 'cpu0', host: 'h1' },
    });
    expect(seriesName(sample({ collectorPath: 'diskspace', name: 'sda1.byte_free', dimensions: { device: 'sda1', mount: '/' } }), { hostLabel: '' })).toEqual({
      measurement: 'diskspace',
      field: 'byte_free',
      labels: { device: 'sda1', mount: '/' },
    });
    expect(seriesName(sample({ collectorPath: 'memory', name: 'MemFree' }))).toEqual({ measurement: 'memory', field: 'MemFree', labels: { host: 'h1' } });
  });

  it('by template: labels, measurement and field segments, with a star for the rest', () => {
    const templates = { network: 'interface.field*', app: 'measurement.region.field*', skip: '_.field' };
    expect(seriesName(sample({ collectorPath: 'network', name: 'eth0.rx_byte' }), { templates })).toEqual({
      measurement: 'network',
      field: 'rx_byte',
      labels: { interface: 'eth0', host: 'h1' },
    });
    expect(seriesName(sample({ collectorPath: 'app', name: 'http.eu.requests.ok' }), { templates })).toEqual({
      measurement: 'app_http',
      field: 'requests_ok',
      labels: { region: 'eu', host: 'h1' },
    });
    expect(seriesName(sample({ collectorPath: 'skip', name: 'junk.value.extra' }), { templates })).toEqual({
      measurement: 'skip',
      field: 'value_extra',
      labels: { host: 'h1' },
    });
  });

  it('templates are checked', () => {
    expect(templateProblem('interface.field*')).toBeUndefined();
    expect(templateProblem('field*.interface')).toBe('`field*` must be the last segment');
    expect(templateProblem('cpu-id.field')).toBe('`cpu-id` is not measurement, field, _ or a label name');
    expect(templateProblem('interface*')).toBe('`interface*`: only measurement*, field* and _* take a star');
  });

  it('Prometheus names and labels are valid, counters end in _total', () => {
    expect(prometheusName('disk.io-time')).toBe('disk_io_time');
    expect(prometheusName('9lives')).toBe('_9lives');
    expect(prometheusLabelName('__reserved')).toBe('x__reserved');
    expect([prometheusLabelName('quantile'), prometheusLabelName('le'), prometheusLabelName('level')]).toEqual(['exported_quantile', 'exported_le', 'level']);
    expect(
      prometheusSeries(
        sample({ collectorPath: 'network', name: 'eth0.rx_packets', type: 'counter', dimensions: { interface: 'eth0' } }),
        { hostLabel: 'host' },
        true,
      ),
    ).toEqual({
      name: 'network_rx_packets_total',
      labels: [
        ['host', 'h1'],
        ['interface', 'eth0'],
      ],
      counter: true,
      scale: 1,
    });
  });

  it("names pass promtool's lint: snake case, base units with the value scaled, type words plural, reserved endings only on counters", () => {
    expect(conventionalName('memory_MemAvailable', false)).toEqual({ name: 'memory_mem_available', scale: 1 });
    expect(conventionalName('tcp_DelayedACKLost', true)).toEqual({ name: 'tcp_delayed_ack_lost_total', scale: 1 });
    expect(conventionalName('memory_DirectMap2M', false)).toEqual({ name: 'memory_direct_map2m', scale: 1 });
    expect(conventionalName('interrupts_IO_APIC_level_uhci_hcd:usb3', false)).toEqual({ name: 'interrupts_io_apic_level_uhci_hcd_usb3', scale: 1 });
    expect(conventionalName('iostat_io_milliseconds', false)).toEqual({ name: 'iostat_io_seconds', scale: 0.001 });
    expect(conventionalName('uptime_minutes', false)).toEqual({ name: 'uptime_seconds', scale: 60 });
    expect(conventionalName('app_latency_ms', false)).toEqual({ name: 'app_latency_seconds', scale: 0.001 });
    expect(conventionalName('mysql_Skip_Counter', false)).toEqual({ name: 'mysql_skip_counters', scale: 1 });
    expect(conventionalName('cpu_cpu_count', false)).toEqual({ name: 'cpu_cpu_count_value', scale: 1 });
    expect(conventionalName('memory_MemTotal', false)).toEqual({ name: 'memory_mem_total_value', scale: 1 });
    expect(conventionalName('network_rx_packets', true)).toEqual({ name: 'network_rx_packets_total', scale: 1 });
  });
});
